"""The store's public face: `Store` and `open_store`, for SQLite and PostgreSQL alike.

`Store` is assembled from one part per concern, each in its own module:
engine.py (opening, transactions, schema), articles.py (articles and claims),
speakers.py (speaker records), corrections.py (people's speaker corrections);
backend.py holds all that differs between the two databases.
"""

from __future__ import annotations

from claimtrack.store.articles import Articles, Finish, Then, claim_select, claims_from
from claimtrack.store.backend import id_chunks
from claimtrack.store.corrections import Corrections
from claimtrack.store.engine import resolve_url

__all__ = [
    "Finish",
    "Store",
    "Then",
    "claim_select",
    "claims_from",
    "id_chunks",
    "open_store",
    "resolve_url",
]


class Store(Articles, Corrections):
    """Articles, claims and speakers in one database; use as a context manager."""


def open_store(db: str | None = None, *, create: bool = True, repair: bool = False) -> Store:
    """Open the database named by --db, $CLAIMTRACK_DB or the default.

    With `create` (ingest) a new database gets claimtrack's tables; without it
    (every command that only reads or corrects) a database with no claimtrack
    schema is a NotFoundError, and nothing is created. A damaged database is a
    DatabaseError naming what is wrong, unless `repair` (link/repair.py).
    """
    return Store(resolve_url(db), create=create, repair=repair)
