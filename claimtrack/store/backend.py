"""One backend object per database dialect: everything SQLite and PostgreSQL do differently.

As httpx keeps each transport behind one base class, the store chooses a
backend once, when its engine opens (`backend_for_url`; `backend_of` finds it
again from a connection), and asks it for whatever differs between the two:
a list of values as parameters, inserts of many rows, locks, planner
statistics, the text index's SQL and a schema step.  No code outside this
module tests which database it talks to.

Driver errors become `DatabaseError`s here too (`database_errors`), so the
rest of claimtrack catches its own exceptions, never SQLAlchemy's.
"""

from __future__ import annotations

import functools
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Dialect,
    Engine,
    Insert,
    String,
    Table,
    any_,
    bindparam,
    create_engine,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from claimtrack.batching import chunks
from claimtrack.errors import DatabaseError
from claimtrack.store import sqlite_connect

# Ids per IN (...) list: SQLite allows 32,766 parameters in a statement and
# PostgreSQL 65,535, and a whole-database report asks about more claims than that.
ID_CHUNK = 1000

# PostgreSQL advisory lock keys, any constants shared by all claimtrack
# processes; SQLite writers already take turns (BEGIN IMMEDIATE).
SCHEMA_LOCK = 0x636C61696D  # "claim": creating or upgrading the schema
LINK_LOCK = 0x6C696E6B  # "link": with an article id, the key of `Backend.article_lock`
# Taken by every transaction that writes speaker tables, before anything else
# it locks (the text index's lock comes after).
SPEAKER_LOCK = 0x434C_5350
# Makes linkers take turns: each then sees the claims the one before it
# indexed, and its stamp.
INDEX_LOCK = 0x434C_5458

# The text index (textindex.py): an FTS5 table on SQLite, a tsvector column
# under a GIN index on PostgreSQL.
TEXT_INDEX = "claim_fts"
PG_TEXT_INDEX = f"ix_{TEXT_INDEX}_terms"
_SQLITE_INDEX_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TEXT_INDEX} "
    "USING fts5(terms, detail=none, tokenize=ascii)"
)
_PG_INDEX_DDL = (
    f"CREATE TABLE IF NOT EXISTS {TEXT_INDEX} ("
    "claim_id INTEGER PRIMARY KEY REFERENCES claim(id) ON DELETE CASCADE, terms tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {PG_TEXT_INDEX} ON {TEXT_INDEX} "
    "USING gin (terms) WITH (fastupdate = off)",
)
# GIN's pending list (fastupdate) is off: with it, every posting lookup also
# scanned the unsorted list of recent inserts, up to 4 MB, until a vacuum or the
# limit merged it (2-3 ms per lookup instead of 0.3, and a 40 ms stall at each
# merge); with autovacuum off or behind, the planner even chose sequential scans.
# PostgreSQL ingest at 20,000 articles: 15.9 -> 13.2 ms per article.


def id_chunks(ids: Iterable[int], size: int = ID_CHUNK) -> Iterator[list[int]]:
    """Distinct ids, ascending, in lists every driver accepts as parameters."""
    return chunks(sorted(set(ids)), size)


# user:password@ in a URL too malformed to parse.
_PASSWORD = re.compile(r"(://[^:/@]*):[^@]*@")


def safe_url(url: URL | str) -> str:
    """A URL fit for an error message: never show a password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return repr(_PASSWORD.sub(r"\1:***@", str(url)))


def driver_cause(err: BaseException) -> str:
    """The driver's own message, one line, without SQLAlchemy's SQL echo and links.

    Only the first line: PostgreSQL's next lines quote the statement
    (``LINE 1: SELECT …``) and its DETAIL can quote row values.
    """
    orig = getattr(err, "orig", None) or err
    first = next((line for line in str(orig).splitlines() if line.strip()), "")
    return " ".join(first.split()) or type(orig).__name__


# SQLite's primary result code for a write to a read-only file, connection or
# directory, and PostgreSQL's SQLSTATE for a write in a read-only transaction
# (a hot standby, default_transaction_read_only).
_SQLITE_READONLY = 8
_PG_READ_ONLY = "25006"


def is_read_only(err: BaseException) -> bool:
    """Whether a driver's error says the database cannot be written to at all."""
    orig = getattr(err, "orig", None) or err
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF == _SQLITE_READONLY
    return getattr(orig, "sqlstate", None) == _PG_READ_ONLY


@contextmanager
def database_errors(failure: str, read_only: str | None = None) -> Iterator[None]:
    """Raise a driver's error as ``DatabaseError("<failure>: <cause>")``.

    With `read_only`, a write the database refuses as read-only is raised as
    ``DatabaseError(read_only)`` instead. Raised ``from None`` for a short
    traceback; the driver's exception stays its ``__context__``, where
    retry.lost_race looks for a lost race.
    """
    try:
        yield
    except SQLAlchemyError as err:
        if read_only is not None and is_read_only(err):
            raise DatabaseError(read_only) from None
        raise DatabaseError(f"{failure}: {driver_cause(err)}") from None


def driver_rows(conn: Connection, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Rows of driver SQL run on the driver's cursor.

    At 100,000 articles a lone surname's candidates run to hundreds of
    records, and SQLAlchemy's statement and row handling cost more than the
    query. On PostgreSQL each list is one array, so the text stays fixed and
    the driver prepares it once.
    """
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _arrays(rows: Sequence[Sequence[Any]]) -> tuple[list[Any], ...]:
    return tuple(list(column) for column in zip(*rows, strict=True))


class Backend(ABC):
    """What one dialect does its own way; one instance per dialect, shared by every store."""

    name: ClassVar[str]
    # The driver's parameter mark in driver SQL.
    mark: ClassVar[str]
    # The text index's claim id column.
    index_id: ClassVar[str]

    @abstractmethod
    def create_engine(self, url: str) -> Engine:
        """An engine for `url`, its connections set up as claimtrack needs them."""

    @abstractmethod
    def may_exist(self, url: str) -> bool:
        """False when the database at `url` surely does not exist, without connecting.

        Connecting to a missing SQLite file creates it: a read command must not.
        """

    # -- statements ----------------------------------------------------------

    @abstractmethod
    def insert_ignoring(self, table: Table, *keys: str) -> Insert:
        """``INSERT … ON CONFLICT (keys) DO NOTHING``: a duplicate, even one a
        concurrent writer has just committed, yields no row instead of an error
        that would abort the transaction."""

    @abstractmethod
    def one_of(self, column: ColumnElement[str], name: str) -> ColumnElement[bool]:
        """``column`` is one of the list bound as `name` when the statement runs."""

    @abstractmethod
    def one_of_values(self, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """Driver SQL's test "is one of `values`" and its parameters, in one statement."""

    def holds_any_case(self, column: ColumnElement[str], fragment: str) -> ColumnElement[bool]:
        """``column`` holds `fragment` with its ASCII letters in any case (``ILIKE``)."""
        return column.icontains(fragment, autoescape=True)

    @abstractmethod
    def rows_by_id(self, conn: Connection, sql: str, ids: Iterable[int]) -> list[tuple[Any, ...]]:
        """Rows of driver SQL whose ``{test}`` stands for "is one of `ids`" (`driver_rows`)."""

    def driver_rows(
        self, conn: Connection, sql: str, params: Sequence[Any], *, key_order: bool = False
    ) -> list[tuple[Any, ...]]:
        """`driver_rows`; with `key_order`, a planner told to prefer reading an index in order."""
        if not key_order:
            return driver_rows(conn, sql, params)
        cursor = conn.connection.cursor()
        try:
            self._prefer_key_order(cursor)
            cursor.execute(sql, params)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    @abstractmethod
    def _prefer_key_order(self, cursor: Any) -> None:
        """Make the transaction's plans favour reading an index in order over sorting."""

    # -- many rows -----------------------------------------------------------

    @abstractmethod
    def insert_rows(
        self,
        conn: Connection,
        table: Table,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        on_conflict: str = "",
    ) -> None:
        """Insert `rows` (tuples in `columns` order), followed by an ON CONFLICT clause if given.

        Table and column names come from claimtrack's own schema, never from input.
        """

    @abstractmethod
    def insert_returning_ids(
        self, conn: Connection, table: Table, rows: Sequence[dict[str, Any]]
    ) -> Iterable[int]:
        """Insert `rows` (one dict of values each, same keys) and return their new ids in order."""

    # -- locks and statistics --------------------------------------------------

    @abstractmethod
    def lock(self, conn: Connection, key: int) -> None:
        """Wait for the lock `key` (a *_LOCK above), then hold it until this transaction ends."""

    @abstractmethod
    def article_lock(self, engine: Engine, article_id: int) -> AbstractContextManager[None]:
        """Keep other claimtrack processes from linking this article meanwhile."""

    @abstractmethod
    def analyze(self, engine: Engine, tables: Iterable[str]) -> None:
        """Refresh the planner's statistics of these tables, where it plans from them."""

    # -- the text index (textindex.py) ---------------------------------------

    @abstractmethod
    def create_text_index(self, conn: Connection) -> None:
        """Make the text index if it is missing."""

    @abstractmethod
    def index_claims(self, conn: Connection, rows: list[tuple[int, str]]) -> None:
        """Index (claim id, space-separated words) rows."""

    @abstractmethod
    def indexed_words(self, conn: Connection, ids: list[int]) -> Iterator[tuple[int, list[str]]]:
        """(claim id, words) of these claims that are indexed."""

    @abstractmethod
    def postings_sql(self, bound: str) -> str:
        """Driver SQL for the newest claims carrying one word (its parameter), newest first."""

    @abstractmethod
    def having_query(self, groups: list[list[str]]) -> tuple[str, tuple[str]]:
        """A subquery of claims carrying a word of every group, and its parameter."""

    @abstractmethod
    def settle_text_index(self, conn: Connection) -> None:
        """Give an index made by an older claimtrack today's settings (schema 3)."""


# -- SQLite -----------------------------------------------------------------


@functools.lru_cache(maxsize=64)  # a few tables per engine; engines may come and go
def _sqlite_insert_sql(
    dialect: Dialect, table: Table, columns: tuple[str, ...], on_conflict: str
) -> str:
    """The INSERT's text, built once per dialect, table and column list."""
    names = ", ".join(dialect.identifier_preparer.quote(name) for name in columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table.name} ({names}) VALUES ({marks}) {on_conflict}"


@functools.lru_cache(maxsize=16)
def _returning_ids(table: Table) -> Insert:
    # Ids in the order of the rows given: the rows are handed on without a re-read.
    return insert(table).returning(table.c.id, sort_by_parameter_order=True)


class SqliteBackend(Backend):
    """SQLite: writers take turns (BEGIN IMMEDIATE), lists go in chunks of marks."""

    name = "sqlite"
    mark = "?"
    index_id = "rowid"

    def create_engine(self, url: str) -> Engine:
        return sqlite_connect.engine(url)

    def may_exist(self, url: str) -> bool:
        database = make_url(url).database or ""
        if database.startswith("file:"):  # a URI filename (?uri=true)
            database = database[len("file:") :].split("?", 1)[0]
        if database in ("", ":memory:") or "mode=memory" in url:
            return False  # a new, empty database every time
        return Path(database).expanduser().is_file()

    def _prefer_key_order(self, cursor: Any) -> None:
        pass  # SQLite plans from its indexes

    # Writers already take turns: BEGIN IMMEDIATE (sqlite_connect.py) holds the
    # write lock for the whole transaction, so no lock of claimtrack's is needed.

    def lock(self, conn: Connection, key: int) -> None:
        pass

    def article_lock(self, engine: Engine, article_id: int) -> AbstractContextManager[None]:
        return nullcontext()

    def analyze(self, engine: Engine, tables: Iterable[str]) -> None:
        pass  # SQLite plans from its indexes

    def settle_text_index(self, conn: Connection) -> None:
        pass

    def insert_ignoring(self, table: Table, *keys: str) -> Insert:
        return sqlite_dialect.insert(table).on_conflict_do_nothing(index_elements=list(keys))

    def one_of(self, column: ColumnElement[str], name: str) -> ColumnElement[bool]:
        return column.in_(bindparam(name, expanding=True))

    def one_of_values(self, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return f"IN ({', '.join(['?'] * len(values))})", list(values)

    def holds_any_case(self, column: ColumnElement[str], fragment: str) -> ColumnElement[bool]:
        # SQLite's LIKE ignores ASCII case itself; lower() on every row made a scan 4x slower.
        return column.contains(fragment, autoescape=True)

    def rows_by_id(self, conn: Connection, sql: str, ids: Iterable[int]) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        for chunk in id_chunks(ids):
            test = f"IN ({', '.join(['?'] * len(chunk))})"
            rows.extend(driver_rows(conn, sql.format(test=test), chunk))
        return rows

    def insert_rows(
        self,
        conn: Connection,
        table: Table,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        on_conflict: str = "",
    ) -> None:
        # executemany runs in C, row after row, with no round trip.
        if rows:
            sql = _sqlite_insert_sql(conn.dialect, table, tuple(columns), on_conflict)
            conn.exec_driver_sql(sql, list(rows))

    def insert_returning_ids(
        self, conn: Connection, table: Table, rows: Sequence[dict[str, Any]]
    ) -> Iterable[int]:
        return conn.execute(_returning_ids(table), list(rows)).scalars()

    def create_text_index(self, conn: Connection) -> None:
        conn.execute(text(_SQLITE_INDEX_DDL))

    def index_claims(self, conn: Connection, rows: list[tuple[int, str]]) -> None:
        conn.exec_driver_sql(f"INSERT INTO {TEXT_INDEX} (rowid, terms) VALUES (?, ?)", rows)

    def indexed_words(self, conn: Connection, ids: list[int]) -> Iterator[tuple[int, list[str]]]:
        marks = ", ".join(str(int(i)) for i in ids)  # integers only: no injection
        sql = f"SELECT rowid, terms FROM {TEXT_INDEX} WHERE rowid IN ({marks})"
        for claim_id, found in conn.execute(text(sql)):
            yield int(claim_id), str(found).split()

    def postings_sql(self, bound: str) -> str:
        where = f"WHERE {TEXT_INDEX} MATCH ? ORDER BY rowid DESC{bound}"
        return f"SELECT rowid FROM {TEXT_INDEX} {where}"

    def having_query(self, groups: list[list[str]]) -> tuple[str, tuple[str]]:
        query = " AND ".join("(" + " OR ".join(f'"{w}"' for w in group) + ")" for group in groups)
        return f"SELECT rowid FROM {TEXT_INDEX} WHERE {TEXT_INDEX} MATCH ?", (query,)


# -- PostgreSQL -----------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _pg_insert_sql(
    dialect: Dialect, table: Table, columns: tuple[str, ...], on_conflict: str, returning: bool
) -> str:
    """An INSERT of one array per column, built once per dialect, table and column list.

    Compiling the column types for the casts took 55 µs per claim insert.
    """
    quote = dialect.identifier_preparer.quote  # "end" is a keyword
    names = ", ".join(quote(name) for name in columns)
    arrays = ", ".join(f"%s::{table.c[name].type.compile(dialect=dialect)}[]" for name in columns)
    values = ", ".join(f"v.{quote(name)}" for name in columns)
    if not returning:
        select = f"SELECT {values} FROM unnest({arrays}) AS v({names})"
        return f"INSERT INTO {table.name} ({names}) {select} {on_conflict}"
    select = (
        f"SELECT {values} FROM unnest({arrays}) WITH ORDINALITY "
        f"AS v({names}, place) ORDER BY v.place"
    )
    return f"INSERT INTO {table.name} ({names}) {select} {on_conflict} RETURNING id"


class PostgresBackend(Backend):
    """PostgreSQL: writers run side by side, so they take advisory locks; lists go as arrays.

    Each row of an executemany is a message the server parses, binds and runs on
    its own; one statement over an array per column is a single message whose
    text never changes, so the driver prepares it once.
    """

    name = "postgresql"
    mark = "%s"
    index_id = "claim_id"

    def create_engine(self, url: str) -> Engine:
        return create_engine(url, pool_pre_ping=True)

    def may_exist(self, url: str) -> bool:
        return True  # only the server knows: schemacheck asks it

    def insert_ignoring(self, table: Table, *keys: str) -> Insert:
        return pg_dialect.insert(table).on_conflict_do_nothing(index_elements=list(keys))

    def one_of(self, column: ColumnElement[str], name: str) -> ColumnElement[bool]:
        # One statement text whatever the list's length: the driver prepares it
        # once, where the server planned each new length.
        return column == any_(bindparam(name, type_=pg_dialect.ARRAY(String)))

    def one_of_values(self, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return "= ANY(%s)", [list(values)]

    def rows_by_id(self, conn: Connection, sql: str, ids: Iterable[int]) -> list[tuple[Any, ...]]:
        # One integer array in its text form, which the driver passes as it is (a
        # list of ints it dumps one by one in Python: 20 ms for 11,000).
        array = "{" + ",".join(map(str, sorted(set(ids)))) + "}"
        return driver_rows(conn, sql.format(test="= ANY(%s::integer[])"), [array])

    def _prefer_key_order(self, cursor: Any) -> None:
        # PostgreSQL's default costs are for random reads from a spinning disk:
        # it sorted 40,000 figures on disk rather than read the primary key in
        # order (62 ms against 33 ms for "people" at 100,000 articles).
        cursor.execute("SET LOCAL random_page_cost = 1.1")

    def insert_rows(
        self,
        conn: Connection,
        table: Table,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        on_conflict: str = "",
    ) -> None:
        if rows:
            sql = _pg_insert_sql(conn.dialect, table, tuple(columns), on_conflict, False)
            conn.exec_driver_sql(sql, _arrays(rows))

    def insert_returning_ids(
        self, conn: Connection, table: Table, rows: Sequence[dict[str, Any]]
    ) -> Iterable[int]:
        """One message, prepared once.

        The rows go in ordered by their place in the arrays, so the serial ids the
        server hands out ascend in that order, also when another session inserts
        at the same time: sorted, they line up with `rows` (SQLAlchemy's
        ``sort_by_parameter_order`` relies on the same property).
        """
        if not rows:
            return []
        sql = _pg_insert_sql(conn.dialect, table, tuple(rows[0]), "", True)
        values = _arrays([tuple(row.values()) for row in rows])
        return sorted(row[0] for row in conn.exec_driver_sql(sql, values))

    def lock(self, conn: Connection, key: int) -> None:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    @contextmanager
    def article_lock(self, engine: Engine, article_id: int) -> Iterator[None]:
        """A session lock: one process may find stored an article another has just
        stored and not yet linked; without it both would link it at once."""
        key = (LINK_LOCK, article_id)
        with database_errors(f"cannot lock article {article_id}"):
            conn = engine.connect()
        with conn:
            with database_errors(f"cannot lock article {article_id}"):
                conn.execute(select(func.pg_advisory_lock(*key)))
                conn.commit()
            try:
                yield
            finally:
                # A session lock outlives transactions: release it before the
                # connection goes back to the pool, or drop the connection.
                try:
                    conn.execute(select(func.pg_advisory_unlock(*key)))
                    conn.commit()
                except SQLAlchemyError:
                    conn.invalidate()

    def analyze(self, engine: Engine, tables: Iterable[str]) -> None:
        """A server with autovacuum off, or not yet caught up, plans with no
        statistics for tables that just grew by hundreds of thousands of rows."""
        with engine.begin() as conn:
            for name in tables:
                conn.exec_driver_sql(f'ANALYZE "{name}"')  # our own table names

    def create_text_index(self, conn: Connection) -> None:
        for ddl in _PG_INDEX_DDL:
            conn.execute(text(ddl))

    def index_claims(self, conn: Connection, rows: list[tuple[int, str]]) -> None:
        # One statement over two arrays; words hold no spaces.
        ids, terms = (list(column) for column in zip(*rows, strict=True))
        conn.exec_driver_sql(
            f"INSERT INTO {TEXT_INDEX} (claim_id, terms) "
            "SELECT v.id, array_to_tsvector(string_to_array(v.terms, ' ')) "
            "FROM unnest(%s::integer[], %s::text[]) AS v(id, terms)",
            (ids, terms),
        )

    def indexed_words(self, conn: Connection, ids: list[int]) -> Iterator[tuple[int, list[str]]]:
        marks = ", ".join(str(int(i)) for i in ids)  # integers only: no injection
        sql = (
            f"SELECT claim_id, tsvector_to_array(terms) FROM {TEXT_INDEX} "
            f"WHERE claim_id IN ({marks})"
        )
        for claim_id, found in conn.execute(text(sql)):
            yield int(claim_id), list(found)

    def postings_sql(self, bound: str) -> str:
        return (
            f"SELECT claim_id FROM {TEXT_INDEX} WHERE terms @@ %s::tsquery "
            f"ORDER BY claim_id DESC{bound}"
        )

    def having_query(self, groups: list[list[str]]) -> tuple[str, tuple[str]]:
        query = " & ".join("(" + " | ".join(f"'{w}'" for w in group) + ")" for group in groups)
        return f"SELECT claim_id FROM {TEXT_INDEX} WHERE terms @@ %s::tsquery", (query,)

    def settle_text_index(self, conn: Connection) -> None:
        # The pending list goes (see _PG_INDEX_DDL): merged now, off after.
        conn.execute(text(f"ALTER INDEX {PG_TEXT_INDEX} SET (fastupdate = off)"))
        conn.execute(
            text("SELECT gin_clean_pending_list(CAST(:index AS regclass))"),
            {"index": PG_TEXT_INDEX},
        )


SQLITE = SqliteBackend()
POSTGRES = PostgresBackend()
_BY_DIALECT: dict[str, Backend] = {SQLITE.name: SQLITE, POSTGRES.name: POSTGRES}


def backend_for_url(url: str) -> Backend:
    """The backend of a URL as `engine.resolve_url` gives it: SQLite or PostgreSQL."""
    return SQLITE if url.startswith("sqlite") else POSTGRES


def backend_of(conn: Connection) -> Backend:
    """The backend of the engine this connection came from."""
    return _BY_DIALECT[conn.dialect.name]


def open_engine(url: str) -> tuple[Backend, Engine]:
    """The backend of `url` and a new engine for it; DatabaseError if it cannot be made."""
    backend = backend_for_url(url)
    try:
        return backend, backend.create_engine(url)
    except (ArgumentError, NoSuchModuleError, ImportError) as err:
        raise DatabaseError(f"cannot open database {safe_url(url)}: {err}") from None
