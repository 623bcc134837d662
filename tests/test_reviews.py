"""The review workflow: verdicts kept as a history, bad input refused whole, and verdicts
that survive re-ingest, re-extraction and re-linking; on every backend (db_url)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select
from typer.testing import CliRunner

from claimtrack.errors import NotFoundError
from claimtrack.query.reviews import RATINGS, ReviewError, find_rating, record_review, reviews
from claimtrack.store import textindex
from claimtrack.store.database import open_store
from claimtrack.store.tables import CLAIM
from tests.report_corpus import ARTICLES, as_json, claim_id, invoke, ok, write_articles


@pytest.fixture
def corpus(runner: CliRunner, db_url: str, tmp_path: Path) -> tuple[str, list[str]]:
    paths = write_articles(tmp_path, ARTICLES)
    ok(runner, db_url, "ingest", *paths)
    return db_url, paths


def history(runner: CliRunner, db: str, *args: str) -> list[dict[str, object]]:
    rows = as_json(runner, db, "reviews", *args)
    assert isinstance(rows, list)
    return rows


def test_a_new_verdict_adds_to_the_history(
    runner: CliRunner, corpus: tuple[str, list[str]]
) -> None:
    db, _ = corpus
    doctors = claim_id(runner, db, "60 deaths")
    first = invoke(
        runner,
        db,
        "review",
        str(doctors),
        "--rating",
        "unproven",
        "--reviewer",
        "A. Editor",
        "--note",
        "No list of names yet",
    )
    assert first.exit_code == 0, first.output
    assert first.stderr == f"review 1: claim {doctors} rated Unproven by A. Editor\n"
    second = invoke(
        runner,
        db,
        "review",
        str(doctors),
        "-r",
        "Mostly-True",
        "--reviewer",
        "B. Checker",
        "-e",
        "https://hospital.example/list",
        "-e",
        "https://ngo.example/count",
    )
    assert second.exit_code == 0, second.output
    rows = history(runner, db, str(doctors))
    assert [(r["rating"], r["rating_value"], r["reviewer"]) for r in rows] == [
        ("unproven", -1, "A. Editor"),
        ("mostly true", 5, "B. Checker"),
    ]
    assert rows[0]["note"] == "No list of names yet"
    assert rows[1]["evidence"] == ["https://hospital.example/list", "https://ngo.example/count"]
    assert all(r["claim_id"] == doctors and r["dispute_id"] is None for r in rows)
    assert all(str(r["created_at"]).endswith("+00:00") for r in rows)
    # Another claim's history is its own; without an id every verdict is listed.
    agency = claim_id(
        runner, db, "42 deaths had been confirmed in the flood after the Rio Seco dam burst in"
    )
    assert history(runner, db, str(agency)) == []
    ok(runner, db, "review", str(agency), "--rating", "true")
    assert [r["claim_id"] for r in history(runner, db)] == [doctors, doctors, agency]


def test_reviews_listing_formats(runner: CliRunner, corpus: tuple[str, list[str]]) -> None:
    db, _ = corpus
    doctors = claim_id(runner, db, "60 deaths")
    ok(runner, db, "review", str(doctors), "--rating", "false", "--note", "Toll, revised")
    table = ok(runner, db, "reviews").splitlines()
    assert table[0].split() == [
        "id",
        "created_at",
        "claim_id",
        "dispute_id",
        "rating",
        "reviewer",
        "note",
    ]
    assert "false" in table[2] and "Toll, revised" in table[2]
    csv_lines = ok(runner, db, "reviews", "--format", "csv").splitlines()
    assert csv_lines[0].startswith("id,claim_id,claim_key,dispute_id,")
    assert '"Toll, revised"' in csv_lines[1]
    (line,) = ok(runner, db, "reviews", "--format", "jsonl").splitlines()
    assert '"rating": "false"' in line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["{claim}", "--rating", "bogus"],
            "Error: unknown rating 'bogus'; use one of: false, "
            "mostly false, misleading, half true, mostly true, true, unproven",
        ),
        (["999999", "--rating", "true"], "Error: no claim with id 999999"),
        ([str(2**40), "--rating", "true"], f"Error: no claim with id {2**40}"),
        (["--dispute", "999999", "--rating", "true"], "Error: no dispute with id 999999"),
        (
            ["{claim}", "--rating", "true", "-e", "javascript:alert(1)"],
            "Error: evidence must be an http(s) URL, not 'javascript:alert(1)'",
        ),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    runner: CliRunner, corpus: tuple[str, list[str]], args: list[str], message: str
) -> None:
    db, _ = corpus
    doctors = claim_id(runner, db, "60 deaths")
    ok(runner, db, "review", str(doctors), "--rating", "half true")
    before = history(runner, db)
    result = invoke(runner, db, "review", *[a.format(claim=doctors) for a in args])
    assert result.exit_code == 1
    assert result.stderr == message + "\n"
    assert result.stdout == ""
    assert history(runner, db) == before


def test_claim_and_dispute_together_is_a_usage_error(
    runner: CliRunner, corpus: tuple[str, list[str]]
) -> None:
    db, _ = corpus
    both = invoke(runner, db, "review", "1", "--dispute", "1", "--rating", "true")
    neither = invoke(runner, db, "review", "--rating", "true")
    missing = invoke(runner, db, "review", "1")
    assert (both.exit_code, neither.exit_code, missing.exit_code) == (2, 2, 2)
    assert history(runner, db) == []


def test_reviews_of_an_unknown_claim_is_an_error(
    runner: CliRunner, corpus: tuple[str, list[str]]
) -> None:
    db, _ = corpus
    result = invoke(runner, db, "reviews", "424242")
    assert (result.exit_code, result.stderr) == (1, "Error: no claim with id 424242\n")


def test_a_dispute_review(runner: CliRunner, corpus: tuple[str, list[str]]) -> None:
    db, _ = corpus
    (figure, *_) = as_json(runner, db, "disputes")
    assert figure["kind"] == "figure"
    ok(
        runner,
        db,
        "review",
        "--dispute",
        str(figure["id"]),
        "-r",
        "misleading",
        "--reviewer",
        "Desk",
    )
    (row,) = history(runner, db, "--dispute", str(figure["id"]))
    assert (row["claim_id"], row["dispute_id"], row["rating"]) == (None, figure["id"], "misleading")
    assert str(row["dispute_key"]).startswith("figure:")


def test_history_survives_reingest_and_relink(
    runner: CliRunner, corpus: tuple[str, list[str]]
) -> None:
    db, paths = corpus
    doctors = claim_id(runner, db, "60 deaths")
    (figure, *_) = as_json(runner, db, "disputes")
    ok(runner, db, "review", str(doctors), "-r", "false", "--reviewer", "A")
    ok(runner, db, "review", "--dispute", str(figure["id"]), "-r", "unproven", "--reviewer", "B")
    before = history(runner, db)
    again = invoke(runner, db, "ingest", *paths)
    assert again.exit_code == 0 and "0 stored" in again.stderr
    ok(runner, db, "link")
    assert history(runner, db) == before
    assert history(runner, db, "--dispute", str(figure["id"]))[0]["reviewer"] == "B"


def test_a_verdict_follows_its_claim_when_claims_are_extracted_again(
    db_url: str, tmp_path: Path
) -> None:
    """Re-extraction gives new claim ids; the verdict re-attaches by article and span."""
    from claimtrack.ingest.pipeline import ingest

    with open_store(db_url) as store:
        ingest(store, write_articles(tmp_path, ARTICLES))
        (doctors,) = store.claims(search="60 deaths")
        assert doctors.id is not None
        made = record_review(store, rating="false", claim_id=doctors.id, reviewer="A")
        with store._write() as conn:
            rows = [
                dict(r)
                for r in conn.execute(
                    select(CLAIM).where(CLAIM.c.article_id == doctors.article_id)
                ).mappings()
            ]
            from claimtrack.store.tables import FIGURE, LINK

            ids = [r["id"] for r in rows]
            conn.execute(delete(LINK).where(LINK.c.claim_a.in_(ids) | LINK.c.claim_b.in_(ids)))
            conn.execute(delete(FIGURE).where(FIGURE.c.claim_id.in_(ids)))
            textindex.remove(conn, ids)
            conn.execute(delete(CLAIM).where(CLAIM.c.id.in_(ids)))
            conn.execute(insert(CLAIM), [{k: v for k, v in r.items() if k != "id"} for r in rows])
        (moved,) = store.claims(search="60 deaths")
        assert moved.id is not None and moved.id != doctors.id
        (found,) = reviews(store)
        assert (found.id, found.claim_id, found.claim_key) == (made.id, moved.id, made.claim_key)
        assert reviews(store, claim_id=doctors.id) == []


def test_ratings_are_data_with_aliases() -> None:
    assert find_rating("Mostly-True").name == "mostly true"
    assert find_rating("  UNVERIFIABLE ").name == "unproven"
    assert find_rating("half_true").value == 4
    on_scale = [r.value for r in RATINGS if r.value > 0]
    assert on_scale == sorted(on_scale) and len(set(on_scale)) == len(on_scale)
    names = [n for r in RATINGS for n in (r.name, *r.aliases)]
    assert len(names) == len(set(names))
    with pytest.raises(ReviewError):
        find_rating("pants on fire")


def test_library_checks_before_writing(db_url: str) -> None:
    with open_store(db_url) as store:
        with pytest.raises(NotFoundError):
            record_review(store, rating="true", claim_id=1)
        with pytest.raises(ReviewError):
            record_review(store, rating="true")
        assert reviews(store) == []
