"""Writes that lose a race with another process are run again; other failures are not."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from sqlalchemy import insert
from typer.testing import CliRunner

from claimtrack.cli.main import app
from claimtrack.errors import DatabaseError
from claimtrack.extraction.claims import extract
from claimtrack.ingest.readers import content_hash
from claimtrack.models import Article, Extraction, IngestResult, IngestStatus
from claimtrack.store.backend import LINK_LOCK
from claimtrack.store.database import Store, open_store
from claimtrack.store.retry import lost_race, retry_lost_races
from claimtrack.store.tables import SPEAKER

TEXT = "The harbour authority said on Monday that 40 cranes had been repaired.\n"


def one_article(path: str = "cranes.txt") -> Article:
    return Article(text=TEXT.strip(), path=path, content_hash=content_hash(TEXT.strip()))


class Locked(NamedTuple):
    store: Store
    holder: sqlite3.Connection  # another writer, holding SQLite's write lock

    def release(self) -> None:
        if self.holder.in_transaction:
            self.holder.execute("ROLLBACK")


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Locked]:
    """An open SQLite store whose write lock another connection holds; no busy wait."""
    path = tmp_path / "locked.db"
    monkeypatch.setattr("claimtrack.store.sqlite_connect.BUSY_TIMEOUT_S", 0)
    with open_store(str(path)) as store:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        state = Locked(store, holder)
        yield state
        state.release()
        holder.close()


def test_locked_write_is_run_again_once_the_lock_is_free(locked: Locked) -> None:
    errors: list[str] = []

    def add() -> IngestResult:
        try:
            return locked.store.add(extract(one_article()))
        except DatabaseError as err:
            errors.append(str(err))
            locked.release()  # the other writer finishes
            raise

    result = retry_lost_races(add)
    assert result.status is IngestStatus.stored
    assert errors == ["cannot store article: database is locked"]
    assert len(locked.store.articles()) == 1


def test_lock_held_past_every_attempt_is_reported(
    locked: Locked, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claimtrack.store.retry.time.sleep", lambda _s: None)
    calls = 0

    def add() -> IngestResult:
        nonlocal calls
        calls += 1
        return locked.store.add(extract(one_article()))

    with pytest.raises(DatabaseError, match="database is locked"):
        retry_lost_races(add, attempts=3)
    assert calls == 3


def test_other_database_errors_are_not_retried(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    with open_store(str(path)) as store:
        with sqlite3.connect(path) as raw:
            raw.execute("DROP TABLE claim_link")
            raw.execute("DROP TABLE claim_fts")
            raw.execute("DROP TABLE claim")
        calls = 0

        def add() -> IngestResult:
            nonlocal calls
            calls += 1
            return store.add(extract(one_article()))

        with pytest.raises(DatabaseError, match="no such table: claim") as caught:
            retry_lost_races(add)
    assert calls == 1
    assert not lost_race(caught.value)


def test_duplicate_key_is_a_lost_race_only_on_postgresql(store: Store) -> None:
    """PostgreSQL writers run side by side, so a duplicate key means another got there
    first; SQLite writers take turns (BEGIN IMMEDIATE), so there it is a real error."""
    row = {"name": "Ilse Varga", "key": "ilse varga", "kind": "person"}
    with store._write() as conn:
        conn.execute(insert(SPEAKER).values(**row))
    try:
        with store._write() as conn:
            conn.execute(insert(SPEAKER).values(**row))
    except Exception as err:
        wrapped = DatabaseError("cannot store article")
        wrapped.__context__ = err
        assert lost_race(wrapped) is (store.backend.name == "postgresql")
    else:
        pytest.fail("a duplicate speaker key was accepted")


def test_ingest_waits_out_a_locked_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's ingest retries instead of printing 'database is locked'."""
    path = tmp_path / "busy.db"
    open_store(str(path)).close()
    monkeypatch.setattr("claimtrack.store.sqlite_connect.BUSY_TIMEOUT_S", 0)
    holder = sqlite3.connect(path, isolation_level=None)
    pauses: list[float] = []

    def extract_then_lock(article: Article) -> Extraction:
        # Another writer takes the lock just before this article is stored.
        holder.execute("BEGIN IMMEDIATE")
        return extract(article)

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        holder.execute("ROLLBACK")

    monkeypatch.setattr("claimtrack.ingest.pipeline.extract", extract_then_lock)
    monkeypatch.setattr("claimtrack.store.retry.time.sleep", pause)
    article = tmp_path / "cranes.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", str(path), "ingest", str(article)])
    holder.close()
    assert result.exit_code == 0, result.output
    assert "database is locked" not in result.stderr
    assert result.stderr.splitlines()[-1] == "1 stored, 0 skipped, 0 failed"
    assert len(pauses) == 1


def test_article_lock_keeps_other_sessions_out_and_is_released(store: Store) -> None:
    if store.backend.name != "postgresql":
        pytest.skip("SQLite writers take turns without it")
    from sqlalchemy import func, select

    def others_can_lock(article_id: int) -> bool:
        with open_store(store.url) as other, other._read() as conn:
            key = (LINK_LOCK, article_id)
            got = bool(conn.execute(select(func.pg_try_advisory_lock(*key))).scalar())
            if got:
                conn.execute(select(func.pg_advisory_unlock(*key)))
            return got

    with store.article_lock(7):
        assert not others_can_lock(7)
        assert others_can_lock(8)
    assert others_can_lock(7)
    with pytest.raises(RuntimeError), store.article_lock(7):
        raise RuntimeError("linking failed")
    assert others_can_lock(7)
