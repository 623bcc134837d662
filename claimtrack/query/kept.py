"""Results kept in `claimtrack_meta` for as long as what they were computed from is unchanged.

A kept result is stored as its state and its body on two lines, under one
key; it is served only for that state, and written only if the state is still
the one it was computed from.  Writing is best effort: a database opened
read-only still answers, only slower.  query/disputecache.py and
query/eventcache.py keep their results this way.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

from claimtrack.errors import DatabaseError
from claimtrack.store import stamps
from claimtrack.store.database import Store


def read(conn: Connection, key: str, state: str) -> str | None:
    """The body kept under `key` for `state`; None if none, or one of another state."""
    kept = stamps.read(conn, key)
    if kept is None:
        return None
    found, _, body = kept.partition("\n")
    return body if found == state else None


def keep(
    store: Store, key: str, state_of: Callable[[Connection], str], state: str, body: str
) -> None:
    """Keep `body` under `key` as computed for `state`, unless the state moved on meanwhile."""
    try:
        with store._write() as conn:
            if state_of(conn) == state:
                stamps.write(conn, key, f"{state}\n{body}")
    except DatabaseError:
        pass  # read-only, or busy: the next call computes it again
