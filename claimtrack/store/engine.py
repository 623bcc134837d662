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

from sqlalchemy import Connection, delete, insert, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import SQLModel

from claimtrack.config import DEFAULT_DB, ENV_DB
from claimtrack.errors import ClaimtrackError, DatabaseError, NotFoundError
from claimtrack.store import claimcount, textindex
from claimtrack.store.backend import (
    SCHEMA_LOCK,
    backend_for_url,
    database_errors,
    open_engine,
    safe_url,
)
from claimtrack.store.migrate import upgrade
from claimtrack.store.schemacheck import (
    NO_DATABASE,
    RELINK_KEY,
    RELINKED_TABLES,
    SchemaState,
    schema_state,
    start_repair,
)
from claimtrack.store.speakercache import SpeakerCache
from claimtrack.store.tables import ALL_TABLES, META, SCHEMA_VERSION, VERSION_KEY


def resolve_url(db: str | None) -> str:
    """The SQLAlchemy URL for --db: None → $CLAIMTRACK_DB → claimtrack.db; paths are SQLite."""
    db = db or os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    try:
        url = make_url(db)
    except ArgumentError as err:
        raise DatabaseError(f"invalid database URL {safe_url(db)}: {err}") from None
    except ValueError:  # SQLAlchemy reads what follows the host's last ':' as a number
        raise DatabaseError(
            f"invalid database URL {safe_url(db)}: its port is not a number"
        ) from None
    backend, _, driver = url.drivername.partition("+")
    if backend == "sqlite" and driver in ("", "pysqlite"):
        return db
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        _check_postgres(url)
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise DatabaseError(
        f"unsupported database URL {safe_url(url)}: use a file path, sqlite:///PATH "
        "or postgresql://USER@HOST/DB"
    )


def _check_postgres(url: URL) -> None:
    """Refuse a PostgreSQL URL that leaves the server or database to libpq's defaults.

    Without a host libpq takes $PGHOST or the local socket, without a database
    $PGDATABASE or the user's name: `--db postgresql://` once made claimtrack's
    tables in whatever database that was.
    """
    missing = []
    if not (url.host or "host" in url.query):
        missing.append("host (postgresql://USER@HOST/DB, or ?host=/socket/dir)")
    if not (url.database or "dbname" in url.query):
        missing.append("database name (postgresql://USER@HOST/DB)")
    if missing:
        raise DatabaseError(f"database URL {safe_url(url)} gives no {' and no '.join(missing)}")
    if url.port is not None and not 0 < url.port < 65536:
        raise DatabaseError(
            f"invalid database URL {safe_url(url)}: port {url.port} is out of range"
        )


class StoreBase:
    """An open database: its backend, transactions and schema; use as a context manager."""

    def __init__(self, url: str, *, create: bool = True, repair: bool = False) -> None:
        """Open the database at `url` (as `resolve_url` gives it) and check its schema.

        Without `create`, a database with no claimtrack schema is a NotFoundError
        and nothing is created (not even an SQLite file).  With `repair`, derived
        tables found missing are made again (`repaired`), and `relink_needed`
        says the links and text index must be rebuilt from the claims.
        """
        self.url = url
        self.backend = backend_for_url(url)
        if not create and not self.backend.may_exist(url):
            raise NotFoundError(NO_DATABASE.format(safe_url(url)))
        self.backend, self._engine = open_engine(url)
        # Schema upgrades applied when this store opened the database (migrate.STEPS).
        self.upgraded: list[str] = []
        # Derived tables a repair made again, and whether links must be rebuilt.
        self.repaired: list[str] = []
        self.relink_needed = False
        # Speaker records and blocking postings read so far, kept while no other
        # writer changes speaker tables (speakercache.py).
        self._speaker_cache = SpeakerCache()
        try:
            self._open_schema(create, repair)
        except ClaimtrackError:
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

        A driver's error in it is raised as ``DatabaseError("<failure>: <cause>")``,
        one the database refuses as read-only as "cannot write to database X: read-only".
        """
        read_only = f"cannot write to database {safe_url(self.url)}: read-only"
        with database_errors(failure, read_only), self._engine.connect() as conn:
            conn.execution_options(claimtrack_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(
        self, failure: str = "cannot read database", read_only: str | None = None
    ) -> Iterator[Connection]:
        """A connection for reading; a driver's error is raised as a DatabaseError."""
        with database_errors(failure, read_only), self._engine.connect() as conn:
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

    def _open_schema(self, create: bool, repair: bool) -> None:
        """Check the schema, and make, upgrade or repair it when it needs that.

        Read first, so a read-only database that needs nothing opens; a write
        transaction, holding the schema lock, looks again before it changes
        anything (another process may have just done it).
        """
        where = safe_url(self.url)
        # SQLite reads a WAL database only where it may create the -shm file beside it.
        read_only = f"cannot open database {where}: read-only, and its folder too"
        with self._read(f"cannot open database {where}", read_only) as conn:
            state = schema_state(conn)
        if not state.needs_writing(where, create=create, repair=repair):
            self.relink_needed = state.relink_pending
            return
        with self._write(f"cannot open database {where}") as conn:
            # Two processes opening a new database at once would both CREATE TABLE;
            # SQLite's BEGIN IMMEDIATE already serialises them, PostgreSQL needs a lock.
            self.backend.lock(conn, SCHEMA_LOCK)
            state = schema_state(conn)
            if state.needs_writing(where, create=create, repair=repair):
                self._make_schema(conn, state, where)
            self.relink_needed = state.relink_pending or bool(set(self.repaired) & RELINKED_TABLES)

    def _make_schema(self, conn: Connection, state: SchemaState, where: str) -> None:
        """Create what is missing, upgrade an older version, refill what a repair made."""
        missing = state.missing_derived()
        SQLModel.metadata.create_all(conn, tables=ALL_TABLES)
        textindex.create(conn)
        if state.version is None:
            conn.execute(insert(META).values(key=VERSION_KEY, value=str(SCHEMA_VERSION)))
            claimcount.write(conn, 0)
            return
        version = int(state.version)
        if version != SCHEMA_VERSION:
            self.upgraded = upgrade(conn, version, where)
            conn.execute(
                update(META).where(META.c.key == VERSION_KEY).values(value=str(SCHEMA_VERSION))
            )
        if missing:
            self.repaired = missing
            start_repair(conn, missing)

    def finish_repair(self) -> None:
        """Record that every article is linked again after a repair (link/repair.py)."""
        with self._write(f"cannot repair database {safe_url(self.url)}") as conn:
            conn.execute(delete(META).where(META.c.key == RELINK_KEY))
        self.relink_needed = False
