"""What a linking transaction writes at its end, and what its reads must add meanwhile.

Writes that nothing in the transaction reads back from the database are sent
together by `Linker.flush` just before it commits: per row and per statement
they were most of a PostgreSQL ingest's round trips.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any


class Pending:
    """A linking transaction's writes not sent yet (Linker.flush sends them)."""

    def __init__(self, transaction: object = None, stamp: str | None = None) -> None:
        self.transaction = transaction
        # The stamp the transaction gives the text index, once it has indexed claims.
        self.stamp = stamp
        self.terms: dict[int, set[str]] = {}  # claims to index, with their terms
        self.df: Counter[str] = Counter()  # claims each term gains
        self.links: list[dict[str, Any]] = []
        self.linked: list[int] = []  # articles to mark linked

    def add_postings(self, found: dict[str, list[int]]) -> dict[str, list[int]]:
        """Posting lists read from the database, with this transaction's claims added."""
        for claim_id, terms in self.terms.items():
            for term in terms & found.keys():
                found[term].append(claim_id)
        return found

    def add_counts(self, found: dict[str, int], terms: Iterable[str]) -> dict[str, int]:
        """Claim counts read from the database, with this transaction's claims added."""
        for term in terms:
            if gained := self.df.get(term):
                found[term] = found.get(term, 0) + gained
        return found
