"""The command line, end to end through CliRunner: ingest, listings, formats, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from claimtrack.cli.main import app
from claimtrack.extraction.claims import extract
from claimtrack.models import Article, Extraction
from claimtrack.speakers.names import name_key
from claimtrack.store.database import open_store

# The Claim contract as consumers read it; models.Claim also carries speaker_kind.
CLAIM_KEYS = {
    "id",
    "article_id",
    "outlet",
    "speaker",
    "speaker_id",
    "speaker_kind",
    "speaker_mention",
    "resolution",
    "attributed",
    "cue",
    "via",
    "text",
    "sentence",
    "start",
    "end",
    "quote",
    "stance",
    "hedges",
    "figures",
}
FIGURE_KEYS = {"value", "unit", "text", "approximate"}
ARTICLE_KEYS = {"id", "title", "outlet", "published", "path", "url", "claims"}
SPEAKER_KEYS = {"id", "name", "kind", "aliases", "claims", "articles"}

# Written for these tests in wire-copy style; each has claims the rule-based extractor handles.
PROTEST = """\
Thousands march as city braces for weekend of protests

Crowds filled the old town on Monday as unions began three days of demonstrations \
against the new transport levy.

The interior ministry said on Monday that about 2,000 police officers had been deployed.

"We will not back down," Mayor Ana Ortiz told reporters.
"""

BUDGET = """\
Council approves budget after late-night session

Councillors voted 31 to 9 in favour of the spending plan shortly after midnight.

"The budget is balanced and the levy stays," Mayor Ana Ortiz said.

The education ministry said on Tuesday that nearly 300 teachers would be hired next year.
"""

FLOODS = """\
Roads reopen as river falls

Water levels dropped overnight after a week of heavy rain in the valley.

Regional Governor Marta Silva said on Wednesday that 12 bridges had been inspected.
"""


def invoke(runner: CliRunner, *args: str, **kwargs: object) -> Result:
    return runner.invoke(app, list(args), **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "wire"
    folder.mkdir()
    files = {}
    for name, text in [("protest", PROTEST), ("budget", BUDGET), ("floods", FLOODS)]:
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        files[name] = path
    return files


@pytest.fixture
def ingested(runner: CliRunner, db_url: str, articles: dict[str, Path]) -> str:
    """db_url after ingesting the three articles."""
    paths = [str(p) for p in articles.values()]
    result = invoke(runner, "--db", db_url, "ingest", "--outlet", "Harbor City Herald", *paths)
    assert result.exit_code == 0, result.output
    return db_url


def listing(runner: CliRunner, db_url: str, *args: str) -> list[dict[str, Any]]:
    result = invoke(runner, "--db", db_url, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


# --- help ---


def test_db_option_shows_its_environment_variable(runner: CliRunner) -> None:
    assert "CLAIMTRACK_DB" in invoke(runner, "--help").stdout


# --- ingest ---


def test_ingest_reports_each_file_and_a_summary(
    runner: CliRunner, db_url: str, articles: dict[str, Path]
) -> None:
    paths = [str(p) for p in articles.values()]
    result = invoke(runner, "--db", db_url, "ingest", *paths)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 4
    assert lines[-1] == "3 stored, 0 skipped, 0 failed"
    with open_store(db_url) as store:
        stored = {a.path: a.claims for a in store.articles()}
        assert sum(stored.values()) == len(store.claims()) >= 3
    for path, line in zip(paths, lines, strict=False):
        n = stored[path]
        assert line == f"stored {path} ({n} {'claim' if n == 1 else 'claims'})"


def test_ingest_records_options(runner: CliRunner, db_url: str, articles: dict[str, Path]) -> None:
    result = invoke(
        runner,
        "--db",
        db_url,
        "ingest",
        "--outlet",
        "Valley Courier",
        "--published",
        "2024-05-06",
        "--url",
        "https://courier.example/floods",
        "--title",
        "Roads reopen",
        str(articles["floods"]),
    )
    assert result.exit_code == 0, result.output
    (row,) = listing(runner, db_url, "articles")
    assert {k: row[k] for k in ("outlet", "published", "url", "title")} == {
        "outlet": "Valley Courier",
        "published": "2024-05-06",
        "url": "https://courier.example/floods",
        "title": "Roads reopen",
    }


def test_reingest_skips_everything(
    runner: CliRunner, ingested: str, articles: dict[str, Path]
) -> None:
    before = (listing(runner, ingested, "articles"), listing(runner, ingested, "claims"))
    paths = [str(p) for p in articles.values()]
    result = invoke(runner, "--db", ingested, "ingest", *paths)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    ids = {row["path"]: row["id"] for row in before[0]}
    for path, line in zip(paths, lines, strict=False):
        assert line == f"skipped {path} (already stored as article {ids[path]})"
    assert lines[-1] == "0 stored, 3 skipped, 0 failed"
    after = (listing(runner, ingested, "articles"), listing(runner, ingested, "claims"))
    assert after == before


def test_bad_file_fails_alone(runner: CliRunner, db_url: str, articles: dict[str, Path]) -> None:
    missing = str(Path(articles["protest"]).parent / "no-such-story.txt")
    good = [str(articles["protest"]), str(articles["budget"])]
    result = invoke(runner, "--db", db_url, "ingest", good[0], missing, good[1])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"Error: {missing}: ")
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[-1] == "2 stored, 0 skipped, 1 failed"
    assert sorted(str(row["path"]) for row in listing(runner, db_url, "articles")) == sorted(good)


def test_extraction_crash_fails_that_article_only(
    runner: CliRunner, db_url: str, articles: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fragile(article: Article) -> Extraction:
        if "budget" in (article.path or ""):
            raise ValueError("tokeniser fell over")
        return extract(article)

    monkeypatch.setattr("claimtrack.ingest.pipeline.extract", fragile)
    paths = [str(p) for p in articles.values()]
    result = invoke(runner, "--db", db_url, "ingest", *paths)
    assert result.exit_code == 1
    budget = str(articles["budget"])
    assert f"Error: {budget}: extraction failed: ValueError: tokeniser fell over" in (
        result.stderr.splitlines()
    )
    stored = listing(runner, db_url, "articles")
    assert budget not in [row["path"] for row in stored]
    assert len(stored) == 2
    assert all(
        claim["article_id"] in {row["id"] for row in stored}
        for claim in listing(runner, db_url, "claims")
    )


def test_ingest_json_prints_results_only(
    runner: CliRunner, db_url: str, articles: dict[str, Path]
) -> None:
    result = invoke(runner, "--db", db_url, "ingest", str(articles["floods"]), "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["path"] == str(articles["floods"])
    assert row["status"] == "stored"
    assert isinstance(row["article_id"], int)


def test_ingest_from_stdin(runner: CliRunner, db_url: str) -> None:
    result = invoke(runner, "--db", db_url, "ingest", "-", input=FLOODS)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "1 stored, 0 skipped, 0 failed"


# --- listings and formats ---


@pytest.mark.parametrize(
    ("command", "keys"),
    [("articles", ARTICLE_KEYS), ("claims", CLAIM_KEYS), ("speakers", SPEAKER_KEYS)],
)
def test_json_listing_has_the_contract_keys(
    runner: CliRunner, ingested: str, command: str, keys: set[str]
) -> None:
    rows = listing(runner, ingested, command)
    assert rows
    for row in rows:
        assert set(row) == keys


def test_claims_point_back_into_their_article(runner: CliRunner, ingested: str) -> None:
    claims = listing(runner, ingested, "claims")
    assert claims
    with open_store(ingested) as store:
        for claim in claims:
            text = store.article(claim["article_id"]).text
            assert text[claim["start"] : claim["end"]] == claim["sentence"]
            assert claim["outlet"] == "Harbor City Herald"
            assert isinstance(claim["speaker_id"], int | None)
            for figure in claim["figures"]:
                assert set(figure) >= FIGURE_KEYS


def test_figures_survive_the_round_trip(runner: CliRunner, ingested: str) -> None:
    (claim,) = listing(runner, ingested, "claims", "--search", "police officers")
    figures = claim["figures"]
    assert isinstance(figures, list)
    assert any(f["value"] == 2000 and f["approximate"] for f in figures)


@pytest.mark.parametrize("command", ["articles", "claims", "speakers"])
def test_jsonl_csv_and_table_agree_with_json(
    runner: CliRunner, ingested: str, command: str
) -> None:
    rows = listing(runner, ingested, command)

    jsonl = invoke(runner, "--db", ingested, command, "--format", "jsonl")
    assert jsonl.exit_code == 0
    assert [json.loads(line) for line in jsonl.stdout.splitlines()] == rows

    as_csv = invoke(runner, "--db", ingested, command, "--format", "csv")
    assert as_csv.exit_code == 0
    parsed = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(parsed) == len(rows)
    assert list(parsed[0]) == list(rows[0])
    for got, want in zip(parsed, rows, strict=True):
        assert got["id"] == str(want["id"])
        for key, value in want.items():
            if isinstance(value, list | dict):
                assert json.loads(got[key]) == value

    table = invoke(runner, "--db", ingested, command)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split()[0] == "id"
    assert set(lines[1]) <= {"-", " "}
    assert len(lines) == 2 + len(rows)


def test_claims_table_columns(runner: CliRunner, ingested: str) -> None:
    header = invoke(runner, "--db", ingested, "claims").stdout.splitlines()[0]
    assert header.split() == ["id", "outlet", "speaker", "cue", "stance", "text"]


def test_empty_database_listings(runner: CliRunner, db_url: str) -> None:
    open_store(db_url).close()  # an existing, empty database lists nothing
    for command in ("articles", "claims", "speakers"):
        assert listing(runner, db_url, command) == []
        as_csv = invoke(runner, "--db", db_url, command, "--format", "csv")
        assert as_csv.exit_code == 0
        assert as_csv.stdout.count("\n") == 1  # the header alone


def test_claims_filters(runner: CliRunner, ingested: str, articles: dict[str, Path]) -> None:
    everything = listing(runner, ingested, "claims")
    budget_id = next(
        a["id"]
        for a in listing(runner, ingested, "articles")
        if a["path"] == str(articles["budget"])
    )

    by_speaker = listing(runner, ingested, "claims", "--speaker", "ana ortiz")
    assert budget_id in {c["article_id"] for c in by_speaker}
    assert all("ortiz" in name_key(c["speaker"]) for c in by_speaker)
    assert by_speaker == [c for c in everything if c["speaker_id"] == by_speaker[0]["speaker_id"]]
    assert listing(runner, ingested, "claims", "--speaker", "Ortiz") == by_speaker
    assert listing(runner, ingested, "claims", "--speaker", "MAYOR ANA ORTIZ") == by_speaker

    police = listing(runner, ingested, "claims", "--search", "POLICE")
    assert police
    assert all("police" in (c["text"] + c["sentence"]).lower() for c in police)

    first = everything[0]
    in_article = listing(runner, ingested, "claims", "--article", str(first["article_id"]))
    assert in_article == [c for c in everything if c["article_id"] == first["article_id"]]
    assert listing(runner, ingested, "claims", "--id", str(first["id"])) == [first]


def test_missing_ids_are_errors(runner: CliRunner, ingested: str) -> None:
    for args, message in [
        (["claims", "--id", "9999"], "Error: no claim with id 9999"),
        (["claims", "--article", "9999"], "Error: no article with id 9999"),
    ]:
        result = invoke(runner, "--db", ingested, *args)
        assert result.exit_code == 1
        assert result.stderr.strip() == message
        assert result.stdout == ""


def test_speakers_listing(runner: CliRunner, ingested: str) -> None:
    speakers = listing(runner, ingested, "speakers")
    claims = listing(runner, ingested, "claims")
    for speaker in speakers:
        theirs = [c for c in claims if c["speaker_id"] == speaker["id"]]
        assert speaker["claims"] == len(theirs)
        assert speaker["articles"] == len({c["article_id"] for c in theirs})
    ortiz = next(s for s in speakers if "ortiz" in name_key(s["name"]))
    assert "Mayor Ana Ortiz" in ortiz["aliases"]
    counts = [s["claims"] for s in speakers]
    assert counts == sorted(counts, reverse=True)


# --- extract ---


def test_extract_needs_no_database(
    runner: CliRunner, articles: dict[str, Path], tmp_path: Path
) -> None:
    result = invoke(runner, "extract", str(articles["protest"]), "--format", "json")
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)
    assert claims
    for claim in claims:
        assert set(claim) == CLAIM_KEYS
        assert PROTEST[claim["start"] : claim["end"]] == claim["sentence"]
    assert not (tmp_path / "claimtrack.db").exists()


def test_extract_reads_stdin(runner: CliRunner, articles: dict[str, Path]) -> None:
    from_file = invoke(runner, "extract", str(articles["budget"]), "--format", "jsonl")
    from_stdin = invoke(runner, "extract", "-", "--format", "jsonl", input=BUDGET)
    assert from_stdin.exit_code == 0, from_stdin.output
    assert from_stdin.stdout == from_file.stdout
    assert len(from_stdin.stdout.splitlines()) == 2


def test_extract_handles_the_reference_sentences(runner: CliRunner) -> None:
    """The two sentences the extractor is specified to handle, through the CLI."""
    text = (
        "The interior ministry said on Monday that about 2,000 police officers had been "
        'deployed.\n\n"We will not back down," Mayor Ana Ortiz told reporters.\n'
    )
    result = invoke(runner, "extract", "-", "--format", "json", input=text)
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)
    assert [name_key(c["speaker"]) for c in claims] == ["interior ministry", "ana ortiz"]
    assert [c["cue"] for c in claims] == ["said", "told"]
    assert claims[0]["figures"][0]["value"] == 2000
    assert claims[0]["figures"][0]["approximate"] is True
    assert claims[1]["text"] == "We will not back down"


def test_extract_missing_file(runner: CliRunner) -> None:
    result = invoke(runner, "extract", "nowhere.txt")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: nowhere.txt: ")
    assert len(result.stderr.splitlines()) == 1


# --- choosing the database ---


def test_db_from_environment(runner: CliRunner, db_url: str, articles: dict[str, Path]) -> None:
    env = {"CLAIMTRACK_DB": db_url}
    result = invoke(runner, "ingest", str(articles["floods"]), env=env)
    assert result.exit_code == 0, result.output
    assert len(listing(runner, db_url, "articles")) == 1
    via_env = invoke(runner, "articles", "--format", "json", env=env)
    assert len(json.loads(via_env.stdout)) == 1


def test_db_defaults_to_claimtrack_db_here(
    runner: CliRunner, articles: dict[str, Path], tmp_path: Path
) -> None:
    result = invoke(runner, "ingest", str(articles["floods"]))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "claimtrack.db").exists()


def test_db_option_takes_a_plain_path(
    runner: CliRunner, articles: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "newsroom.db"
    assert invoke(runner, "--db", str(db), "ingest", str(articles["floods"])).exit_code == 0
    assert len(listing(runner, str(db), "articles")) == 1
    assert len(listing(runner, f"sqlite:///{db}", "articles")) == 1


@pytest.mark.parametrize(
    "bad",
    [
        "mysql://editor:s3cret@db.example/news",
        "postgresql+asyncpg://localhost/news",
        "/no/such/directory/claims.db",
        "notes.txt",
    ],
)
def test_bad_db_is_a_one_line_error(runner: CliRunner, tmp_path: Path, bad: str) -> None:
    (tmp_path / "notes.txt").write_text("Call the mayor's office back on Friday.\n" * 50)
    result = invoke(runner, "--db", bad, "articles")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output
    assert "s3cret" not in result.output


@pytest.mark.parametrize(
    "command",
    [
        ["articles"],
        ["claims"],
        ["speakers"],
        ["disputes"],
        ["figures", "troops"],
        ["link"],
        ["report"],
        ["reviews"],
        ["links"],
        ["match", "troops crossed"],
        ["repair"],
    ],
)
def test_a_mistyped_db_is_refused_not_created(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "newsroom-typo.db"
    result = invoke(runner, "--db", str(missing), *command)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no claimtrack database at ")
    assert "run `claimtrack ingest` first" in result.stderr
    assert not missing.exists()
