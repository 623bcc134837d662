"""Reviewer assignment (the review room): claims and disputes given to reviewers, and each
reviewer's queue of what still awaits a verdict; on the seed articles, on every backend."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update
from typer.testing import CliRunner, Result

from claimtrack.cli.assign import HISTORY_COLUMNS, QUEUE_COLUMNS
from claimtrack.cli.main import app
from claimtrack.errors import NotFoundError
from claimtrack.ingest.pipeline import ingest
from claimtrack.link.linker import Linker
from claimtrack.models import Assignment, Dispute, DisputeKind, IngestStatus
from claimtrack.query.assign import AssignmentError, assign, assignments, queue, waiting
from claimtrack.query.disputes import disputes
from claimtrack.query.reviews import record_review
from claimtrack.store import claimcount, textindex
from claimtrack.store.database import Store, open_store
from claimtrack.store.tables import ARTICLE, CLAIM, FIGURE, LINK, META, VERSION_KEY

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# The National Intelligence Service's 1,500 troops (seed 001): a claim in the figure dispute.
NIS = "confirmed that North Korea sent 1,500"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    return copy


@pytest.fixture
def seeded(db_url: str, seeds: Path) -> Iterator[Store]:
    """db_url after ingesting the seed articles, open."""
    with open_store(db_url) as store:
        results = ingest(store, [str(seeds)])
        assert [r.status for r in results] == [IngestStatus.stored] * 5
        yield store


def nis_claim(store: Store) -> int:
    (found,) = store.claims(search=NIS)
    assert found.id is not None
    return found.id


def figure_dispute(store: Store) -> Dispute:
    """The seeds' dispute over how many troops North Korea sent (1,500 vs 3,000 vs 10,000)."""
    (found,) = [d for d in disputes(Linker(store)) if d.kind is DisputeKind.figure]
    return found


def ids(found: list[Assignment]) -> list[int]:
    return [a.id for a in found]


# --- the library ------------------------------------------------------------------


def test_reassigning_moves_the_item_to_the_new_queue(seeded: Store) -> None:
    claim = nis_claim(seeded)
    first = assign(
        seeded, reviewer="Ana Ortiz", claim_id=claim, assigned_by="Desk", note="Check the count"
    )
    assert (first.claim_id, first.dispute_id, first.dispute_key) == (claim, None, None)
    assert (first.reviewer, first.assigned_by, first.note) == (
        "Ana Ortiz",
        "Desk",
        "Check the count",
    )
    assert first.created_at.endswith("+00:00") and not first.decided
    # Names are matched whatever their case and spacing.
    assert queue(seeded, "  ana   ORTIZ ") == [first]
    assert queue(seeded, "Bo") == []
    second = assign(seeded, reviewer="Bo", claim_id=claim)
    assert queue(seeded, "Ana Ortiz") == []
    assert queue(seeded, "Ana Ortiz", include_done=True) == []  # no longer hers at all
    assert queue(seeded, "Bo") == [second]
    # The history keeps both, oldest first.
    assert assignments(seeded, claim_id=claim) == [first, second]
    assert assignments(seeded) == [first, second]
    assert assignments(seeded, claim_id=claim + 1) == []


def test_a_queue_is_oldest_first_by_its_latest_assignment(seeded: Store) -> None:
    claim = nis_claim(seeded)
    dispute = figure_dispute(seeded).id
    on_claim = assign(seeded, reviewer="Bo", claim_id=claim)
    on_dispute = assign(seeded, reviewer="Bo", dispute_id=dispute)
    assert ids(queue(seeded, "Bo")) == [on_claim.id, on_dispute.id]
    again = assign(seeded, reviewer="Bo", claim_id=claim, note="Now with the NIS briefing")
    assert ids(queue(seeded, "Bo")) == [on_dispute.id, again.id]
    assert assignments(seeded, dispute_id=dispute) == [on_dispute]
    assert on_dispute.dispute_key is not None and on_dispute.dispute_key.startswith("figure:")


def test_a_verdict_after_the_assignment_takes_the_item_out_of_the_queue(seeded: Store) -> None:
    claim = nis_claim(seeded)
    dispute = figure_dispute(seeded).id
    record_review(seeded, rating="true", claim_id=claim)  # before: it decides nothing
    on_claim = assign(seeded, reviewer="Ana", claim_id=claim)
    on_dispute = assign(seeded, reviewer="Ana", dispute_id=dispute)
    assert ids(queue(seeded, "Ana")) == [on_claim.id, on_dispute.id]
    record_review(seeded, rating="false", claim_id=claim)
    assert ids(queue(seeded, "Ana")) == [on_dispute.id]
    # A verdict on one of the dispute's claims is not a verdict on the dispute.
    done = queue(seeded, "Ana", include_done=True)
    assert [(a.id, a.decided) for a in done] == [(on_claim.id, True), (on_dispute.id, False)]
    record_review(seeded, rating="misleading", dispute_id=dispute)
    assert queue(seeded, "Ana") == []
    assert [a.decided for a in queue(seeded, "Ana", include_done=True)] == [True, True]
    # Assigned again for a second opinion, it is undecided in the new queue.
    again = assign(seeded, reviewer="Bo", claim_id=claim, note="Second opinion")
    assert queue(seeded, "Bo") == [again] and not again.decided
    assert [a.decided for a in assignments(seeded, claim_id=claim)] == [True, False]


def forget_article(store: Store, article_id: int) -> None:
    """Remove an article and everything made from it, as if it had never been ingested."""
    with store._write() as conn:
        claims = list(conn.execute(select(CLAIM.c.id).where(CLAIM.c.article_id == article_id)))
        gone = [int(row[0]) for row in claims]
        conn.execute(delete(LINK).where(LINK.c.claim_a.in_(gone) | LINK.c.claim_b.in_(gone)))
        conn.execute(delete(FIGURE).where(FIGURE.c.claim_id.in_(gone)))
        textindex.remove(conn, gone)
        conn.execute(delete(CLAIM).where(CLAIM.c.id.in_(gone)))
        conn.execute(delete(ARTICLE).where(ARTICLE.c.id == article_id))
        claimcount.recount(conn)


def test_assignments_survive_reingest_and_relinking(
    seeded: Store, db_url: str, seeds: Path, runner: CliRunner
) -> None:
    on_claim = assign(seeded, reviewer="Ana", claim_id=nis_claim(seeded))
    on_dispute = assign(seeded, reviewer="Ana", dispute_id=figure_dispute(seeded).id)
    before = queue(seeded, "Ana")
    assert ids(before) == [on_claim.id, on_dispute.id]
    again = ok(invoke(runner, db_url, "ingest", str(seeds)))
    assert "0 stored" in again.stderr
    ok(invoke(runner, db_url, "link"))
    assert queue(seeded, "Ana") == before


def denial_holding(store: Store, claim_id: int) -> Dispute:
    (found,) = [
        d
        for d in disputes(Linker(store))
        if d.kind is DisputeKind.denial and any(claim_id in p.claim_ids for p in d.positions)
    ]
    return found


def test_assignments_follow_their_items_when_an_article_is_stored_again(
    seeded: Store, db_url: str, runner: CliRunner
) -> None:
    """Storing an article again gives its claims new ids, and so the disputes they anchor."""
    claim = nis_claim(seeded)
    (article,) = {c.article_id for c in seeded.claims(claim_id=claim)}
    assert article is not None
    own = {c.id for c in seeded.claims(article=article)}
    # A denial whose anchor (its smallest claim id, its id) is in the same article.
    (denial,) = [
        d for d in disputes(Linker(seeded)) if d.kind is DisputeKind.denial and d.id in own
    ]
    anchor = seeded.claims(claim_id=denial.id)[0]
    on_claim = assign(seeded, reviewer="Ana", claim_id=claim)
    on_denial = assign(seeded, reviewer="Ana", dispute_id=denial.id)
    path = seeded.article(article).path
    assert path is not None
    forget_article(seeded, article)
    # Meanwhile neither exists: nothing to decide, so out of the queue, still in the history.
    assert queue(seeded, "Ana") == []
    assert [(a.claim_id, a.dispute_id) for a in assignments(seeded)] == [(None, None)] * 2
    [result] = ingest(seeded, [path])
    assert result.status is IngestStatus.stored
    ok(invoke(runner, db_url, "link"))
    moved = nis_claim(seeded)
    (new_anchor,) = [c.id for c in seeded.claims(search=anchor.text) if c.start == anchor.start]
    assert new_anchor is not None
    now = denial_holding(seeded, new_anchor)
    assert moved != claim and now.id != denial.id
    after = queue(seeded, "Ana")
    assert [(a.id, a.claim_id, a.dispute_id) for a in after] == [
        (on_claim.id, moved, None),
        (on_denial.id, None, now.id),
    ]
    record_review(seeded, rating="unproven", dispute_id=now.id)
    assert ids(queue(seeded, "Ana")) == [on_claim.id]
    assert assignments(seeded, claim_id=moved) == [after[0]]


def test_bad_assignments_are_refused_before_anything_is_written(seeded: Store) -> None:
    claim = nis_claim(seeded)
    dispute = figure_dispute(seeded).id
    with pytest.raises(AssignmentError, match="not both or neither"):
        assign(seeded, reviewer="Ana", claim_id=claim, dispute_id=dispute)
    with pytest.raises(AssignmentError, match="not both or neither"):
        assign(seeded, reviewer="Ana")
    for empty in ("", "  ", "\x1b\u202e\t"):
        with pytest.raises(AssignmentError, match="reviewer"):
            assign(seeded, reviewer=empty, claim_id=claim)
    with pytest.raises(NotFoundError, match="no claim with id 999999"):
        assign(seeded, reviewer="Ana", claim_id=999999)
    with pytest.raises(NotFoundError, match=f"no claim with id {2**40}"):
        assign(seeded, reviewer="Ana", claim_id=2**40)
    with pytest.raises(NotFoundError, match="no dispute with id 999999"):
        assign(seeded, reviewer="Ana", dispute_id=999999)
    with pytest.raises(AssignmentError, match="reviewer"):
        queue(seeded, " ")
    assert assignments(seeded) == []


def test_names_and_notes_lose_control_characters(seeded: Store) -> None:
    made = assign(
        seeded,
        reviewer="\u202eAna\x1b[0m  Ortiz\x07",
        claim_id=nis_claim(seeded),
        assigned_by="\tDesk\r\n",
        note="Check the count\x1b]0;title\x07\r\nthen the date\u2066",
    )
    assert (made.reviewer, made.assigned_by) == ("Ana[0m Ortiz", "Desk")
    assert made.note == "Check the count]0;title\nthen the date"
    assert queue(seeded, "ana[0m ortiz") == [made]


def test_an_older_database_is_upgraded_to_take_assignments(db_url: str) -> None:
    with open_store(db_url) as store, store._write() as conn:
        conn.execute(text("DROP TABLE assignment"))
        conn.execute(update(META).where(META.c.key == VERSION_KEY).values(value="8"))
    with open_store(db_url) as store:
        assert [u.split(":")[0] for u in store.upgraded] == ["schema 8 → 9", "schema 9 → 10"]
        assert assignments(store) == []
        with pytest.raises(NotFoundError):
            assign(store, reviewer="Ana", claim_id=1)
    with open_store(db_url) as store:
        assert store.upgraded == []


# --- the CLI --------------------------------------------------------------------


def invoke(runner: CliRunner, db: str, *args: str, reviewer: str = "") -> Result:
    env = {"USER": "", "CLAIMTRACK_REVIEWER": reviewer}
    return runner.invoke(app, ["--db", db, *args], env=env)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def test_assign_and_queue_commands(seeded: Store, db_url: str, runner: CliRunner) -> None:
    claim = nis_claim(seeded)
    dispute = figure_dispute(seeded).id
    made = ok(invoke(runner, db_url, "assign", str(claim), "--to", "Ana", "--note", "Count?"))
    assert (made.stdout, made.stderr) == ("", f"assignment 1: claim {claim} to Ana\n")
    made = ok(invoke(runner, db_url, "assign", "--dispute", str(dispute), "--to", "Ana"))
    assert made.stderr == f"assignment 2: dispute {dispute} to Ana\n"
    # --by defaults to the person at the desk, as `review --reviewer` does.
    ok(invoke(runner, db_url, "assign", str(claim), "--to", "Bo", reviewer="Desk"))
    rows = json.loads(ok(invoke(runner, db_url, "queue", "ana", "--format", "json")).stdout)
    assert [(r["id"], r["claim_id"], r["dispute_id"]) for r in rows] == [(2, None, dispute)]
    (row,) = json.loads(ok(invoke(runner, db_url, "queue", "Bo", "--format", "json")).stdout)
    assert row == assignments(seeded)[2].model_dump(mode="json")
    assert (row["claim_id"], row["assigned_by"], row["decided"]) == (claim, "Desk", False)
    ok(invoke(runner, db_url, "review", str(claim), "--rating", "true"))
    assert ok(invoke(runner, db_url, "queue", "Bo")).stdout.splitlines()[2:] == []
    table = ok(invoke(runner, db_url, "queue", "Bo", "--all")).stdout.splitlines()
    assert table[0].split() == [*QUEUE_COLUMNS[:-1], "decided", "note"]
    assert table[2].split()[0] == "3" and "yes" in table[2].split()


def test_every_queue_format(seeded: Store, db_url: str, runner: CliRunner) -> None:
    claim = nis_claim(seeded)
    ok(
        invoke(
            runner, db_url, "assign", str(claim), "--to", "Ana", "--by", "Desk", "--note", "=1+1"
        )
    )
    (made,) = assignments(seeded)
    expected = made.model_dump(mode="json")
    table = ok(invoke(runner, db_url, "queue", "Ana", "--format", "table")).stdout.splitlines()
    assert table[0].split() == QUEUE_COLUMNS
    assert table[2].split() == ["1", made.created_at, str(claim), "Desk", "=1+1"]
    listed = json.loads(ok(invoke(runner, db_url, "queue", "Ana", "-f", "json")).stdout)
    assert listed == [expected]
    (line,) = ok(invoke(runner, db_url, "queue", "Ana", "-f", "jsonl")).stdout.splitlines()
    assert json.loads(line) == expected
    sheet = list(
        csv.reader(io.StringIO(ok(invoke(runner, db_url, "queue", "Ana", "-f", "csv")).stdout))
    )
    assert sheet[0] == list(Assignment.model_fields)
    assert dict(zip(sheet[0], sheet[1], strict=True))["note"] == "'=1+1"  # never a formula
    # An empty queue: the table's and the CSV's header alone, [] as JSON.
    empty_table = ok(invoke(runner, db_url, "queue", "Bo")).stdout.splitlines()
    assert [line.split() for line in empty_table][:1] == [QUEUE_COLUMNS]
    assert len(empty_table) == 2
    assert json.loads(ok(invoke(runner, db_url, "queue", "Bo", "-f", "json")).stdout) == []
    empty = ok(invoke(runner, db_url, "queue", "Bo", "-f", "csv")).stdout
    assert empty == ",".join(Assignment.model_fields) + "\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["999999", "--to", "Ana"], "Error: no claim with id 999999"),
        (["--dispute", "999999", "--to", "Ana"], "Error: no dispute with id 999999"),
        (
            ["{claim}", "--dispute", "{dispute}", "--to", "Ana"],
            "Error: assign a claim id or a dispute id, not both or neither",
        ),
        (["--to", "Ana"], "Error: assign a claim id or a dispute id, not both or neither"),
        (["{claim}", "--to", " \x1b "], "Error: name the reviewer to assign to (it is empty)"),
    ],
)
def test_a_bad_assignment_is_one_line_and_writes_nothing(
    seeded: Store, db_url: str, runner: CliRunner, args: list[str], message: str
) -> None:
    claim = nis_claim(seeded)
    dispute = figure_dispute(seeded).id
    before = assign(seeded, reviewer="Ana", claim_id=claim)
    words = [a.format(claim=claim, dispute=dispute) for a in args]
    result = invoke(runner, db_url, "assign", *words)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message + "\n")
    assert assignments(seeded) == [before]


def test_queue_of_no_one_is_an_error(seeded: Store, db_url: str, runner: CliRunner) -> None:
    result = invoke(runner, db_url, "queue", "")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: name the reviewer whose queue to show (it is empty)\n"


def test_assignments_command_lists_the_whole_history(
    seeded: Store, db_url: str, runner: CliRunner
) -> None:
    claim = nis_claim(seeded)
    dispute = figure_dispute(seeded).id
    ok(invoke(runner, db_url, "assign", str(claim), "--to", "Ana", "--by", "Desk"))
    ok(invoke(runner, db_url, "assign", "--dispute", str(dispute), "--to", "Bo"))
    ok(invoke(runner, db_url, "assign", str(claim), "--to", "Bo", "--note", "=1+1"))
    ok(invoke(runner, db_url, "review", str(claim), "--rating", "true"))
    history = [a.model_dump(mode="json") for a in assignments(seeded)]
    # Every row, reassignments included, oldest first, in every format.
    everything = ok(invoke(runner, db_url, "assignments", "--format", "json"))
    assert json.loads(everything.stdout) == history and everything.stderr == ""
    lines = ok(invoke(runner, db_url, "assignments", "-f", "jsonl")).stdout.splitlines()
    assert [json.loads(line) for line in lines] == history
    sheet = list(
        csv.reader(io.StringIO(ok(invoke(runner, db_url, "assignments", "-f", "csv")).stdout))
    )
    assert sheet[0] == list(Assignment.model_fields) and len(sheet) == 4
    assert dict(zip(sheet[0], sheet[3], strict=True))["note"] == "'=1+1"  # never a formula
    table = ok(invoke(runner, db_url, "assignments")).stdout.splitlines()
    assert table[0].split() == HISTORY_COLUMNS
    assert [row.split()[:3] for row in table[2:]] == [
        ["1", history[0]["created_at"], "Ana"],
        ["2", history[1]["created_at"], "Bo"],
        ["3", history[2]["created_at"], "Bo"],
    ]
    assert "yes" in table[4].split()  # the verdict on the claim decided its latest assignment
    # One reviewer (any case and spacing), one claim, one dispute.
    bo = json.loads(
        ok(invoke(runner, db_url, "assignments", "--reviewer", " bO ", "-f", "json")).stdout
    )
    assert [a["id"] for a in bo] == [2, 3]
    of_claim = json.loads(
        ok(invoke(runner, db_url, "assignments", str(claim), "-f", "json")).stdout
    )
    assert [a["id"] for a in of_claim] == [1, 3]
    of_dispute = invoke(runner, db_url, "assignments", "--dispute", str(dispute), "-f", "json")
    assert [a["id"] for a in json.loads(ok(of_dispute).stdout)] == [2]
    both = invoke(runner, db_url, "assignments", str(claim), "--reviewer", "Ana", "-f", "json")
    assert [a["id"] for a in json.loads(ok(both).stdout)] == [1]
    assert ids(assignments(seeded, reviewer="ANA")) == [1]
    # No one's: the headers alone, [] as JSON.
    none = ok(invoke(runner, db_url, "assignments", "--reviewer", "Cy")).stdout.splitlines()
    assert len(none) == 2 and none[0].split() == HISTORY_COLUMNS
    assert (
        json.loads(
            ok(invoke(runner, db_url, "assignments", "--reviewer", "Cy", "-f", "json")).stdout
        )
        == []
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["999999"], "Error: no claim with id 999999"),
        (
            ["--reviewer", " \x1b "],
            "Error: name the reviewer whose assignments to show (it is empty)",
        ),
    ],
)
def test_a_bad_assignments_listing_is_one_line(
    seeded: Store, db_url: str, runner: CliRunner, args: list[str], message: str
) -> None:
    result = invoke(runner, db_url, "assignments", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message + "\n")


def test_waiting_counts_each_reviewers_open_items(seeded: Store) -> None:
    claim = nis_claim(seeded)
    dispute = figure_dispute(seeded).id
    assert waiting(seeded) == []
    assign(seeded, reviewer="ana", claim_id=claim)
    assign(seeded, reviewer="Bo", dispute_id=dispute)
    assert waiting(seeded) == [("ana", 1), ("Bo", 1)]
    assign(seeded, reviewer="Ana", dispute_id=dispute)  # moved: Bo has nothing left
    assert waiting(seeded) == [("Ana", 2)]
    record_review(seeded, rating="true", claim_id=claim)
    assert waiting(seeded) == [("Ana", 1)]
