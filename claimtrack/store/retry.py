"""Running a write again when it lost a race with another claimtrack process.

Two ingests on one database can collide: SQLite may still report "database is
locked" when a writer outlasts the busy timeout, and PostgreSQL aborts one of two
transactions that deadlock, fail to serialise, or insert the same unique key at
once (two processes creating one speaker record). Each of those transactions was
rolled back whole, so doing it again is safe, and the second attempt sees what
the winner committed.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from claimtrack.errors import DatabaseError

__all__ = ["ATTEMPTS", "lost_race", "retry_lost_races"]

T = TypeVar("T")

ATTEMPTS = 6
_FIRST_PAUSE_S = 0.05

# PostgreSQL SQLSTATEs of a transaction that lost to a concurrent one:
# serialization_failure, deadlock_detected, unique_violation, lock_not_available.
_PG_LOST_RACE = frozenset({"40001", "40P01", "23505", "55P03"})
# SQLite's messages for a lock held by another connection.
_SQLITE_LOCKED = ("database is locked", "database table is locked", "database is busy")


def lost_race(err: BaseException) -> bool:
    """Whether ``err`` (or the driver error behind it) means another writer got there first.

    The store raises DatabaseError ``from None`` to keep tracebacks short; the
    driver's exception is still its ``__context__``.
    """
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        orig = current.orig if isinstance(current, DBAPIError) else current
        if getattr(orig, "sqlstate", None) in _PG_LOST_RACE:
            return True
        if isinstance(orig, sqlite3.OperationalError) and str(orig).startswith(_SQLITE_LOCKED):
            return True
        current = current.__cause__ or current.__context__
    return False


def retry_lost_races(action: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """``action()``, run again after a short random pause while it loses races.

    Any other error, or the last attempt's, is raised as is.
    """
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except DatabaseError as err:
            if attempt == attempts or not lost_race(err):
                raise
        # Random so that two processes that collided do not collide again in step.
        time.sleep(_FIRST_PAUSE_S * 2 ** (attempt - 1) * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")  # pragma: no cover
