"""Stamps: random tokens in claimtrack_meta that say "this changed", for exact in-memory copies.

A process that keeps a copy of some tables in memory (termcache.py, the
text index's posting lists; speakercache.py, the speakers) trusts it only
while the stamp it last wrote is still the one stored: every transaction
that changes those tables writes a fresh one.  Writers take turns, so no
stamp is overwritten unseen: SQLite's BEGIN IMMEDIATE does it, and on
PostgreSQL a transaction-scoped advisory lock per stamp (`read` with `lock`,
taken by the backend).
"""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, text

from claimtrack.store.backend import backend_of


def read(conn: Connection, key: str, lock: int | None = None) -> str | None:
    """The stamp stored under `key` (None before the first write).

    With `lock` (a backend lock key), first wait for that lock, held by any
    other writer until its transaction ends; ours is released when this one ends.
    """
    if lock is not None:
        backend_of(conn).lock(conn, lock)
    found = conn.execute(
        text("SELECT value FROM claimtrack_meta WHERE key = :key"), {"key": key}
    ).scalar_one_or_none()
    return None if found is None else str(found)


def new() -> str:
    return uuid.uuid4().hex


def write(conn: Connection, key: str, value: str | None = None) -> str:
    """Store `value` (or a fresh stamp) under `key` in this transaction; returns it."""
    value = value or new()
    conn.execute(
        text(
            "INSERT INTO claimtrack_meta (key, value) VALUES (:key, :value) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"key": key, "value": value},
    )
    return value


class StampedCopy:
    """An in-memory copy of some tables, kept while their stamp is the one it last saw.

    Subclasses hold the copy, count what they hold in `_entries`, and empty
    it in `clear`; past `max_entries` the copy starts over.
    """

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self.stamp: str | None = None
        self._entries = 0

    def sync(self, stamp: str | None) -> None:
        """Start over unless the tables are as this copy last saw them."""
        if stamp != self.stamp or self._entries > self.max_entries:
            self.clear()
        self.stamp = stamp

    def clear(self) -> None:
        self._entries = 0
