"""Opening a database: its URL, its backend and engine, transactions, locks and schema.

`StoreBase` is what every part of `Store` (articles, speakers, corrections)
stands on: the one way into the database (`_read`, `_write`), as datasette's
`execute` / `execute_write_fn` are, so no other code opens a connection.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import SQLModel

from claimtrack.config import DEFAULT_DB, ENV_DB
from claimtrack.errors import DatabaseError
from claimtrack.store import textindex
from claimtrack.store.backend import SCHEMA_LOCK, database_errors, open_engine, safe_url
from claimtrack.store.migrate import upgrade
from claimtrack.store.speakercache import SpeakerCache
from claimtrack.store.tables import ALL_TABLES, META, SCHEMA_VERSION


def resolve_url(db: str | None) -> str:
    """The SQLAlchemy URL for --db: None → $CLAIMTRACK_DB → claimtrack.db; paths are SQLite."""
    db = db or os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    try:
        url = make_url(db)
    except ArgumentError as err:
        raise DatabaseError(f"invalid database URL {db!r}: {err}") from None
    backend, _, driver = url.drivername.partition("+")
    if backend == "sqlite" and driver in ("", "pysqlite"):
        return db
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise DatabaseError(
        f"unsupported database URL {safe_url(url)}: use a file path, sqlite:///PATH "
        "or postgresql://USER@HOST/DB"
    )


class StoreBase:
    """An open database: its backend, transactions and schema; use as a context manager."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.backend, self._engine = open_engine(url)
        # Schema upgrades applied when this store opened the database (migrate.STEPS).
        self.upgraded: list[str] = []
        # Speaker records and blocking postings read so far, kept while no other
        # writer changes speaker tables (speakercache.py).
        self._speaker_cache = SpeakerCache()
        try:
            self._create_schema()
        except DatabaseError:
            self._engine.dispose()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release pooled connections (and SQLite file handles)."""
        self._engine.dispose()

    def __repr__(self) -> str:
        return f"Store({safe_url(self.url)!r})"

    @contextmanager
    def _write(self, failure: str = "cannot write to the database") -> Iterator[Connection]:
        """One write transaction: committed on success, rolled back on any exception.

        A driver's error in it is raised as ``DatabaseError("<failure>: <cause>")``.
        """
        with database_errors(failure), self._engine.connect() as conn:
            conn.execution_options(claimtrack_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self, failure: str = "cannot read database") -> Iterator[Connection]:
        """A connection for reading; a driver's error is raised as a DatabaseError."""
        with database_errors(failure), self._engine.connect() as conn:
            yield conn

    def article_lock(self, article_id: int) -> AbstractContextManager[None]:
        """Keep other claimtrack processes from linking this article meanwhile.

        One process may find stored an article another has just stored and not yet
        linked; without this both would link it at once (the backend's lock).
        """
        return self.backend.article_lock(self._engine, article_id)

    def analyze(self) -> None:
        """Refresh the planner's statistics while and after a large ingest.

        A PostgreSQL server with autovacuum off, or not yet caught up, plans with
        no statistics for tables that just grew by hundreds of thousands of rows
        (pipeline.ingest calls this as they grow, ANALYZE_AFTER and ANALYZE_GROWTH):
        at 100,000 articles `match` took 231 ms at the median, 66 ms after
        ANALYZE (1.5 s). SQLite plans from its indexes and is left alone.
        """
        tables = sorted({table.name for table in ALL_TABLES} | {textindex.TABLE})
        with database_errors("cannot refresh statistics"):
            self.backend.analyze(self._engine, tables)

    def _create_schema(self) -> None:
        with self._write(f"cannot open database {safe_url(self.url)}") as conn:
            # Two processes opening a new database at once would both CREATE TABLE;
            # SQLite's BEGIN IMMEDIATE already serialises them, PostgreSQL needs a lock.
            self.backend.lock(conn, SCHEMA_LOCK)
            SQLModel.metadata.create_all(conn, tables=ALL_TABLES)
            textindex.create(conn)
            found = conn.execute(
                select(META.c.value).where(META.c.key == "schema_version")
            ).scalar_one_or_none()
            if found is None:
                conn.execute(insert(META).values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif found != str(SCHEMA_VERSION):
                self.upgraded = upgrade(conn, int(found), safe_url(self.url))
                conn.execute(
                    update(META)
                    .where(META.c.key == "schema_version")
                    .values(value=str(SCHEMA_VERSION))
                )
