"""Schema upgrades: an older database opens with every row kept, upgraded once."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text as sql_text
from typer.testing import CliRunner

from claimtrack.errors import DatabaseError
from claimtrack.ingest.pipeline import ingest
from claimtrack.link.compare import claim_terms
from claimtrack.link.linker import Linker
from claimtrack.models import IngestStatus, LinkStatus
from claimtrack.query.figures import figures
from claimtrack.store import migrate
from claimtrack.store.database import open_store
from claimtrack.store.migrate import STEPS
from claimtrack.store.tables import SCHEMA_VERSION

V1 = Path(__file__).parent / "data" / "claimtrack-v1.db"


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("article", "claim", "speaker", "claim_link")
        }


def test_every_version_has_a_step() -> None:
    assert sorted(STEPS) == list(range(2, SCHEMA_VERSION + 1))


def test_a_version_1_database_is_upgraded_with_every_row_kept(tmp_path: Path) -> None:
    # Written by claimtrack 0.x at schema 1: two articles, a link a person rejected.
    path = tmp_path / "old.db"
    shutil.copy(V1, path)
    before = counts(path)
    assert before["article"] == 2 and before["claim_link"] == 1
    with open_store(str(path)) as store:
        assert store.upgraded and store.upgraded[0].startswith("schema 1 → 2")
        links = Linker(store).links(include_rejected=True)
        assert [(link.status, link.decided_by) for link in links] == [(LinkStatus.rejected, "desk")]
        assert len(store.claims()) == before["claim"]
        # Schema 3 filed the stored figures by unit: both claims back 4,000 residents.
        [group] = figures(Linker(store), "residents")
        assert (group.value, group.approximate, group.reports) == (4000, True, 2)
        assert group.claim_ids == [1, 3]
    assert counts(path) == before
    with sqlite3.connect(path) as conn:
        version = conn.execute(
            "SELECT value FROM claimtrack_meta WHERE key = 'schema_version'"
        ).fetchone()[0]
        linked = conn.execute("SELECT count(*) FROM article WHERE linked_at IS NULL").fetchone()
        reviews = conn.execute("SELECT count(*) FROM review").fetchone()  # new in schema 2
    assert version == str(SCHEMA_VERSION)
    assert linked == (0,)  # version 1 linked on ingest: nothing is re-linked
    assert reviews == (0,)
    with open_store(str(path)) as store:
        assert store.upgraded == []  # upgraded once


def test_the_upgraded_database_takes_new_articles_and_keeps_decisions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrate, "BATCH", 1)  # the three claims' terms move one by one
    path = tmp_path / "old.db"
    shutil.copy(V1, path)
    new = tmp_path / "c.txt"
    new.write_text(
        "About 4,000 residents were moved to shelters after the dam cracked, "
        "the regional water authority said on Tuesday.\n",
        encoding="utf-8",
    )
    with open_store(str(path)) as store:
        [result] = ingest(store, [str(new)])
        assert result.status is IngestStatus.stored
        linker = Linker(store)
        linker.relink()
        rejected = linker.links(status=LinkStatus.rejected)
    assert len(rejected) == 1 and rejected[0].decided_by == "desk"


def test_a_failed_upgrade_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    shutil.copy(V1, path)
    before = counts(path)

    def broken(conn: object) -> None:
        raise DatabaseError("step failed")

    monkeypatch.setitem(STEPS, 2, ("broken on purpose", broken))
    with pytest.raises(DatabaseError, match="step failed"):
        open_store(str(path))
    with sqlite3.connect(path) as conn:
        version = conn.execute(
            "SELECT value FROM claimtrack_meta WHERE key = 'schema_version'"
        ).fetchone()[0]
        columns = [row[1] for row in conn.execute("PRAGMA table_info(article)")]
    assert version == "1" and "linked_at" not in columns
    assert counts(path) == before


def test_an_older_database_on_either_backend_is_upgraded(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrate, "BATCH", 1)  # terms move in many small batches
    # Make a version-1 database out of a new one: undo what versions 2 and 3 changed.
    texts = [
        "About 4,000 residents were moved to shelters after the Orla dam cracked, "
        "the regional water authority said on Tuesday.",
        "Some 4,000 residents were moved to shelters after the Orla dam cracked, "
        "the regional water authority said.",
    ]
    for i, body in enumerate(texts):
        (Path(f"{i}.txt")).write_text(body + "\n", encoding="utf-8")
    with open_store(db_url) as store:
        ingest(store, ["0.txt"])
        claims = store.claims()
        with store._engine.begin() as conn:
            conn.execute(sql_text("ALTER TABLE article DROP COLUMN linked_at"))
            conn.execute(sql_text("DROP TABLE review"))
            conn.execute(sql_text("DROP TABLE claim_fts"))
            conn.execute(sql_text("DROP TABLE claim_figure"))
            conn.execute(sql_text("CREATE TABLE claim_term (term VARCHAR, claim_id INTEGER)"))
            for claim in claims:
                for term in claim_terms(claim):
                    conn.execute(
                        sql_text("INSERT INTO claim_term VALUES (:t, :c)"),
                        {"t": term, "c": claim.id},
                    )
            conn.execute(sql_text("UPDATE claimtrack_meta SET value = '1'"))
    with open_store(db_url) as store:
        assert len(store.upgraded) == SCHEMA_VERSION - 1
        # The terms moved to the text index: the next article finds its match there.
        ingest(store, ["1.txt"])
        linker = Linker(store)
        links = linker.links()
        # The first article's figure was filed by unit in the upgrade, the second on ingest.
        [group] = figures(linker, "residents")
    assert [link.relation.value for link in links] == ["corroborates"]
    assert (group.value, group.approximate, group.reports) == (4000, True, 2)
    with open_store(db_url) as store:
        assert store.upgraded == []


def test_the_cli_says_when_it_upgraded(tmp_path: Path) -> None:
    from claimtrack.cli.main import app

    path = tmp_path / "old.db"
    shutil.copy(V1, path)
    result = CliRunner().invoke(app, ["--db", str(path), "articles", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "upgraded" in result.stderr and "schema 1 → 2" in result.stderr
    assert '"Dam at risk"' in result.stdout


def test_postgresql_text_index_keeps_no_pending_list(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("GIN's pending list is PostgreSQL's")
    query = sql_text(
        "SELECT reloptions FROM pg_class WHERE relname = :name"
        " AND relnamespace = current_schema()::regnamespace"
    )
    with open_store(db_url) as store, store._engine.begin() as conn:
        assert conn.execute(query, {"name": "ix_claim_fts_terms"}).scalar() == ["fastupdate=off"]
        # As a schema-2 database made it: pending list on, no claim_figure.
        conn.execute(sql_text("ALTER INDEX ix_claim_fts_terms SET (fastupdate = on)"))
        conn.execute(sql_text("DROP TABLE claim_figure"))
        conn.execute(sql_text("UPDATE claimtrack_meta SET value = '2'"))
    with open_store(db_url) as store:
        assert [step.split(":")[0] for step in store.upgraded] == [
            "schema 2 → 3",
            "schema 3 → 4",
            "schema 4 → 5",
            "schema 5 → 6",
            "schema 6 → 7",
            "schema 7 → 8",
            "schema 8 → 9",
            "schema 9 → 10",
        ]
        with store._engine.begin() as conn:
            found = conn.execute(query, {"name": "ix_claim_fts_terms"}).scalar()
    assert found == ["fastupdate=off"]
