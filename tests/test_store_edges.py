"""The store at its edges (issue 21): URLs, missing and damaged databases, ids out of
range, read-only databases, term weights that do not follow history, speaker names."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from sqlalchemy import text as sql_text

from claimtrack.errors import DatabaseError, NotFoundError
from claimtrack.extraction.claims import extract
from claimtrack.ingest.pipeline import ingest
from claimtrack.link.linker import Linker
from claimtrack.link.repair import repair_database
from claimtrack.models import Article, LinkStatus
from claimtrack.query.reviews import record_review, reviews
from claimtrack.store import claimcount
from claimtrack.store.backend import driver_cause
from claimtrack.store.database import Store, open_store, resolve_url
from claimtrack.store.speakermatch import FUZZY
from claimtrack.store.tables import SCHEMA_VERSION

SEEDS = sorted(str(p) for p in (Path(__file__).parent.parent / "seeds").glob("*.txt"))


@pytest.fixture
def seeded(store: Store) -> Store:
    results = ingest(store, SEEDS)
    assert all(r.error is None for r in results)
    return store


def _sqlite_path(db_url: str) -> Path | None:
    return Path(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite") else None


def _execute(db_url: str, *statements: str) -> None:
    """Damage a database behind claimtrack's back."""
    with open_store(db_url) as opened, opened._engine.begin() as conn:
        for statement in statements:
            conn.execute(sql_text(statement))


def _link_view(store: Store) -> list[tuple[str, str, str, float, str]]:
    """Links by their claims' words, not ids: two databases may number claims differently."""
    words = {c.id: f"{c.text}@{c.start}" for c in store.claims()}
    return sorted(
        (words[link.claim_id], words[link.other_id], link.relation.value, link.score, link.status)
        for link in Linker(store).links(include_rejected=True)
    )


# --- item 8 and 11: database URLs ------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://", "gives no host (postgresql://USER@HOST/DB, or ?host=/socket/dir) and no"),
        ("postgresql:///claims", "postgresql:///claims gives no host"),
        ("postgresql://db.example", "postgresql://db.example gives no database name"),
        ("postgres://u@db.example/", "gives no database name"),
        ("postgresql://user@host:notaport/db", "its port is not a number"),
        ("postgresql://[::1", "its port is not a number"),
        ("postgresql://h:99999/db", "port 99999 is out of range"),
    ],
)
def test_a_postgresql_url_must_name_server_and_database(url: str, message: str) -> None:
    with pytest.raises(DatabaseError, match=r"^(database|invalid database) URL") as err:
        resolve_url(url)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_a_postgresql_url_may_name_a_socket_directory() -> None:
    found = resolve_url("postgresql:///claims?host=/var/run/postgresql")
    assert found.startswith("postgresql+psycopg:///claims")


def test_a_malformed_url_never_shows_its_password() -> None:
    with pytest.raises(DatabaseError) as err:
        resolve_url("postgresql://editor:s3cret@host:notaport/db")
    assert "s3cret" not in str(err.value) and "editor:***@" in str(err.value)


def test_driver_cause_is_the_first_line_without_the_statement() -> None:
    class UndefinedTable(Exception):
        pass

    err = UndefinedTable(
        'relation "claim_link" does not exist\nLINE 1: SELECT id FROM claim_link\n      ^'
    )
    assert driver_cause(err) == 'relation "claim_link" does not exist'


# --- desk item: read commands refuse a database that does not exist --------------


def test_no_database_is_created_without_create(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    with pytest.raises(NotFoundError) as err:
        open_store(str(missing), create=False)
    assert str(err.value) == (
        f"no claimtrack database at sqlite:///{missing}; run `claimtrack ingest` first"
    )
    assert not missing.exists()


def test_a_database_without_claimtrack_schema_is_not_one(db_url: str) -> None:
    path = _sqlite_path(db_url)
    if path is not None:
        sqlite3.connect(path).close()  # an empty file
    with pytest.raises(NotFoundError, match="no claimtrack database at"):
        open_store(db_url, create=False)
    assert _tables(db_url) == set()  # the refused open created nothing
    open_store(db_url).close()  # ingest's open creates the schema
    with open_store(db_url, create=False) as opened:
        assert opened.claims() == []  # an existing empty database still lists nothing


def _tables(db_url: str) -> set[str]:
    engine = create_engine(resolve_url(db_url))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


# --- item 9: a damaged database says what is wrong; repair rebuilds ---------------


@pytest.mark.parametrize("table", ["claim_link", "term_stat", "claim_fts", "claim_figure"])
def test_a_missing_derived_table_is_damage_that_repair_mends(
    seeded: Store, db_url: str, table: str
) -> None:
    seeded.close()
    with open_store(db_url) as opened:  # what a relink of the undamaged database gives
        Linker(opened).relink()
        want = _link_view(opened)
        figures_before = _count(opened, "claim_figure")
    _execute(db_url, f"DROP TABLE {table}")
    with pytest.raises(DatabaseError) as err:
        open_store(db_url)
    where = str(err.value).split(" is damaged")[0].removeprefix("database ")
    assert str(err.value) == (
        f"database {where} is damaged: table {table} is missing; "
        "`claimtrack repair` makes it again from the claims"
    )
    with pytest.raises(DatabaseError, match="is damaged"):
        open_store(db_url, create=False)  # a read command too
    done = repair_database(db_url)
    assert done.rebuilt == [table]
    assert done.relinked is (table != "claim_figure")
    with open_store(db_url) as opened:
        assert _link_view(opened) == want
        assert _count(opened, "claim_figure") == figures_before
    assert repair_database(db_url).rebuilt == []  # a healthy database is left alone


def _count(store: Store, table: str) -> int:
    with store._read() as conn:
        return int(conn.execute(sql_text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_repair_keeps_peoples_decisions_on_links(seeded: Store, db_url: str) -> None:
    linker = Linker(seeded)
    first = linker.links()[0]
    linker.decide(first.id, LinkStatus.rejected, "desk")
    seeded.close()
    _execute(db_url, "DROP TABLE term_stat")
    repair_database(db_url)
    with open_store(db_url) as opened:
        rejected = Linker(opened).links(status=LinkStatus.rejected)
    assert [(r.claim_id, r.other_id, r.decided_by) for r in rejected] == [
        (first.claim_id, first.other_id, "desk")
    ]


def test_a_repair_stopped_halfway_is_finished_by_the_next(
    seeded: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded.close()
    _execute(db_url, "DROP TABLE claim_link")

    def killed(self: Linker) -> int:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(Linker, "relink", killed)
        with pytest.raises(KeyboardInterrupt):
            repair_database(db_url)
    with pytest.raises(DatabaseError, match="a repair stopped before it linked every article"):
        open_store(db_url)
    done = repair_database(db_url)
    assert done.rebuilt == [] and done.relinked and done.links > 0
    with open_store(db_url) as opened:
        assert Linker(opened).links()


@pytest.mark.parametrize("value", ["x", "", "4.0"])
def test_a_schema_version_that_is_not_a_number_is_damage(
    store: Store, db_url: str, value: str
) -> None:
    store.close()
    _execute(db_url, f"UPDATE claimtrack_meta SET value = '{value}' WHERE key = 'schema_version'")
    with pytest.raises(DatabaseError, match=r"is damaged: its schema version '.*' is not a number"):
        open_store(db_url)


def test_a_lost_table_of_stored_facts_cannot_be_repaired(store: Store, db_url: str) -> None:
    store.close()
    _execute(db_url, "DROP TABLE speaker_rule")
    message = "is damaged: table speaker_rule is missing; no command can make it again"
    with pytest.raises(DatabaseError, match=message):
        open_store(db_url)
    with pytest.raises(DatabaseError, match=message):
        repair_database(db_url)


def test_a_lost_schema_version_is_damage(store: Store, db_url: str) -> None:
    store.close()
    _execute(db_url, "DELETE FROM claimtrack_meta WHERE key = 'schema_version'")
    with pytest.raises(DatabaseError, match="is damaged: it has no schema version"):
        open_store(db_url)


def test_repair_refuses_a_missing_database(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no claimtrack database"):
        repair_database(str(tmp_path / "nothing.db"))
    assert not (tmp_path / "nothing.db").exists()


# --- item 10: term weights follow the claims stored, not the ids handed out -------


def test_a_sequence_gap_leaves_links_as_they_were(
    db_url: str, second_db_url: str, tmp_path: Path
) -> None:
    """A rolled-back insert leaves a gap in PostgreSQL's ids; links must not see it."""
    with open_store(second_db_url) as straight:
        ingest(straight, SEEDS)
        want = _link_view(straight)
    with open_store(db_url) as gapped:
        ingest(gapped, SEEDS[:1])
        for _ in range(3):  # each takes ids from the sequence and gives none back
            text = Path(SEEDS[1]).read_text(encoding="utf-8")
            lost = extract(Article(text=text, path=SEEDS[1]))

            def explode(*_args: object) -> None:
                raise RuntimeError("killed")

            with pytest.raises(RuntimeError):
                gapped.add_many([lost], then=explode)
        ingest(gapped, SEEDS[1:])
        assert _link_view(gapped) == want
        with gapped._read() as conn:
            assert claimcount.read(conn) == claimcount.count(conn) == len(gapped.claims())


def test_the_claim_count_is_kept_with_the_claims(store: Store, tmp_path: Path) -> None:
    ingest(store, SEEDS[:2])
    with store._read() as conn:
        assert claimcount.read(conn) == len(store.claims())
        stored = conn.execute(
            sql_text("SELECT value FROM claimtrack_meta WHERE key = 'claim_count'")
        ).scalar_one()
    assert int(stored) == len(store.claims())


def test_the_upgrade_to_schema_5_counts_the_claims(seeded: Store, db_url: str) -> None:
    n = len(seeded.claims())
    seeded.close()
    _execute(
        db_url,
        "DELETE FROM claimtrack_meta WHERE key = 'claim_count'",
        "UPDATE claimtrack_meta SET value = '4' WHERE key = 'schema_version'",
    )
    with open_store(db_url) as opened:
        assert [c.split(":")[0] for c in opened.upgraded] == [
            "schema 4 → 5",
            "schema 5 → 6",
            "schema 6 → 7",
            "schema 7 → 8",
            "schema 8 → 9",
            "schema 9 → 10",
        ]
        assert opened.upgraded[0].endswith(f"; {n} claims")
        with opened._read() as conn:
            version = conn.execute(
                sql_text("SELECT value FROM claimtrack_meta WHERE key = 'schema_version'")
            ).scalar_one()
            stored = conn.execute(
                sql_text("SELECT value FROM claimtrack_meta WHERE key = 'claim_count'")
            ).scalar_one()
    assert (version, stored) == (str(SCHEMA_VERSION), str(n))


# --- item 11: ids out of range name nothing ----------------------------------------


@pytest.mark.parametrize("huge", [2**31, 2**63, 2**64, -(2**63) - 1, 0])
def test_an_id_out_of_range_names_nothing(seeded: Store, huge: int) -> None:
    assert seeded.claims(claim_id=huge) == []
    assert seeded.claims(article=huge) == []
    assert seeded.claims(speaker_ids=[huge]) == []
    with pytest.raises(NotFoundError, match=f"no article with id {huge}"):
        seeded.article(huge)
    with pytest.raises(NotFoundError, match=f"no speaker with id {huge}"):
        seeded.speaker(huge)
    linker = Linker(seeded)
    assert linker.links(claim_id=huge) == []
    with pytest.raises(NotFoundError, match=f"no claim with id {huge}"):
        linker.claim(huge)
    with pytest.raises(NotFoundError, match=f"no link with id {huge}"):
        linker.decide(huge, LinkStatus.confirmed, "desk")
    assert reviews(seeded, claim_id=huge) == []
    with pytest.raises(NotFoundError, match=f"no claim with id {huge}"):
        record_review(seeded, rating="true", claim_id=huge)


def test_a_huge_speaker_id_in_a_correction_names_nothing(seeded: Store) -> None:
    with pytest.raises(NotFoundError, match="no speaker with id 9223372036854775808"):
        seeded.merge_speakers("9223372036854775808", "Kazianis")


# --- item 11: a read-only database --------------------------------------------------


@pytest.fixture
def read_only(seeded: Store, db_url: str) -> str:
    """The seeded database's URL opened read-only (as root, chmod does not stop writes)."""
    seeded.close()
    path = _sqlite_path(db_url)
    if path is not None:
        return f"sqlite:///file:{path}?mode=ro&uri=true"
    sep = "&" if "?" in db_url else "?"
    # The fixture's URL already sets options (search_path): add to them.
    if "options=" in db_url:
        return db_url.replace("options=", "options=-cdefault_transaction_read_only%3Don%20", 1)
    return f"{db_url}{sep}options=-cdefault_transaction_read_only%3Don"


def _read_only_message(error: DatabaseError) -> None:
    message = str(error)
    assert message.startswith("cannot write to database ") and message.endswith(": read-only")
    assert "INSERT" not in message and "UPDATE" not in message and "DELETE" not in message


def test_writes_to_a_read_only_database_say_so_in_one_line(read_only: str) -> None:
    with open_store(read_only) as opened:
        assert opened.claims()  # reading works
        linker = Linker(opened)
        link_id = linker.links()[0].id
        claim_id = opened.claims()[0].id
        assert claim_id is not None
        with pytest.raises(DatabaseError) as err:
            linker.relink()
        _read_only_message(err.value)
        with pytest.raises(DatabaseError) as err:
            linker.decide(link_id, LinkStatus.confirmed, "desk")
        _read_only_message(err.value)
        with pytest.raises(DatabaseError) as err:
            record_review(opened, rating="true", claim_id=claim_id)
        _read_only_message(err.value)
        with pytest.raises(DatabaseError) as err:
            opened.merge_speakers("Volodymyr Zelenskiy", "Zelensky")
        _read_only_message(err.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a file whatever its mode")
def test_a_read_only_file(seeded: Store, db_url: str) -> None:
    path = _sqlite_path(db_url)
    if path is None:
        pytest.skip("a file")
    seeded.close()
    path.chmod(0o444)
    try:
        with open_store(db_url) as opened, pytest.raises(DatabaseError) as err:
            Linker(opened).relink()
        _read_only_message(err.value)
    finally:
        path.chmod(0o644)


# --- desk item: claims --speaker finds records, not parts of names -----------------


def test_an_acronym_finds_its_record_only(seeded: Store) -> None:
    found = seeded.claims(speaker="NIS")
    assert {c.speaker for c in found} == {"National Intelligence Service"}
    match = seeded.find_speakers("NIS")
    assert (match.names, match.fuzzy, match.notice) == (
        ["National Intelligence Service"],
        False,
        None,
    )


def test_a_close_spelling_is_a_fuzzy_match_that_says_so(seeded: Store) -> None:
    match = seeded.find_speakers("Zelenskyy")
    assert match.names == ["Volodymyr Zelenskiy"] and match.fuzzy
    assert match.score is not None and match.score >= FUZZY
    assert match.notice == (
        f"no speaker named 'Zelenskyy'; showing claims by Volodymyr Zelenskiy "
        f"(fuzzy match {match.score:.0f})"
    )
    found = seeded.claims(speaker="Zelenskyy")
    assert found and {c.speaker for c in found} == {"Volodymyr Zelenskiy"}
    assert seeded.claims(speaker_ids=match.ids) == found


def test_an_exact_alias_comes_before_any_fuzzy_match(seeded: Store) -> None:
    match = seeded.find_speakers("Volodymyr Zelenskyy")  # an alias, written as it was
    assert (match.names, match.fuzzy) == (["Volodymyr Zelenskiy"], False)


def test_a_name_too_far_from_every_record_finds_nothing(seeded: Store) -> None:
    match = seeded.find_speakers("Harry Zelenskiy")  # a first name no record has
    assert (match.ids, match.fuzzy, match.notice) == ([], False, None)
    assert seeded.claims(speaker="Harry Zelenskiy") == []
    assert seeded.claims(speaker="Nis Unification") == []


def test_merge_files_a_new_spelling_under_the_record(seeded: Store) -> None:
    merged = seeded.merge_speakers("Volodymyr Zelenskiy", "Zelensky")
    assert merged.name == "Volodymyr Zelenskiy" and "Zelensky" in merged.aliases
    assert seeded.speaker("Zelensky").id == merged.id
    assert seeded.find_speakers("Zelensky").fuzzy is False
    # The rule sends later articles that write it to the record too.
    text = "Zelensky said 12,000 soldiers had been moved to the border region on Friday.\n"
    Path("later.txt").write_text(text, encoding="utf-8")
    ingest(seeded, ["later.txt"])
    assert any("12,000" in c.text for c in seeded.claims(speaker_ids=[merged.id]))


def test_merge_by_an_alias_of_another_record(seeded: Store) -> None:
    kim = seeded.speaker("Kim Hong-kyun")
    merged = seeded.merge_speakers("Yoon Suk-yeol", "Kim")  # "Kim": an alias of that record
    assert merged.claims == seeded.speaker("Yoon Suk-yeol").claims
    with pytest.raises(NotFoundError):
        seeded.speaker(kim.id)
