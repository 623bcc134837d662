"""How claimtrack sets up each SQLite connection: WAL, a busy timeout, writers that take turns.

Several processes may ingest into one SQLite file at once: WAL lets readers
go on while one writes, and every writer starts with BEGIN IMMEDIATE, so it
waits its turn (up to BUSY_TIMEOUT_S) instead of failing halfway through.
"""

from __future__ import annotations

import sqlite3
import time

from sqlalchemy import Connection, Engine, create_engine, event

BUSY_TIMEOUT_S = 30


def engine(url: str) -> Engine:
    """An engine whose connections are set up by the hooks below."""
    made = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(made, "connect", _sqlite_connect)
    event.listen(made, "begin", _sqlite_begin)
    return made


def _sqlite_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Let the "begin" hook below issue BEGIN itself, so writers can ask for IMMEDIATE.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        # busy_timeout first: switching to WAL itself needs a lock another process may hold.
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        _use_wal(cur)
        # NORMAL is the documented pairing with WAL: no fsync per commit, still
        # consistent after a crash (the last commits may be lost on power failure).
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA cache_size = -131072")
    finally:
        cur.close()
    # SQLite's lower() folds ASCII only; Python's gives the same answers as PostgreSQL's.
    dbapi_conn.create_function("lower", 1, _lower, deterministic=True)


def _use_wal(cur: sqlite3.Cursor) -> None:
    """Switch a new database file to WAL; the mode persists, so later opens only read it.

    Connections opening a new file at once all try to switch it, and SQLite
    answers "database is locked" to the losers at once, without waiting on
    busy_timeout (six threads opening one new file: 18 failures in 300 tries),
    so a lost race is retried here.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _lower(value: str | None) -> str | None:
    return None if value is None else str(value).lower()


def _sqlite_begin(conn: Connection) -> None:
    # IMMEDIATE takes the write lock up front, so a writer waits on busy_timeout
    # instead of failing with SQLITE_BUSY when it upgrades from a read.
    mode = "IMMEDIATE" if conn.get_execution_options().get("claimtrack_write") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")
