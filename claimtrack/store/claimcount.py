"""How many claims are stored: the corpus size that term weights are relative to.

Kept as a number in claimtrack_meta, written in the transaction that stores
the claims.  ``max(claim.id)`` stood in for it, and on SQLite, whose ids stay
dense, the two agree; a PostgreSQL sequence keeps the gaps of every killed or
retried transaction, so there an interrupted ingest ended with other weights,
and other links, than an uninterrupted one.  ``count(*)`` is exact but scans
the table, once per linked article.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from claimtrack.store import stamps
from claimtrack.store.tables import CLAIM, CLAIM_COUNT_KEY


def read(conn: Connection) -> int:
    """Claims stored, as this transaction sees them; counted (not kept) if never written."""
    found = stamps.read(conn, CLAIM_COUNT_KEY)
    if found is not None and found.isdigit():
        return int(found)
    return count(conn)


def count(conn: Connection) -> int:
    """Count the claims: a table scan."""
    return int(conn.execute(select(func.count()).select_from(CLAIM)).scalar_one())


def recount(conn: Connection) -> int:
    """Count the claims and keep the number (schema 5, repair); returns it."""
    total = count(conn)
    write(conn, total)
    return total


def write(conn: Connection, total: int) -> None:
    """Keep `total` as the number of claims stored, in this transaction."""
    stamps.write(conn, CLAIM_COUNT_KEY, str(total))
