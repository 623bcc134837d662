"""A linker's own copy of the posting lists and term counts it has read.

Linking one article reads, for each of its claims' rarer terms, the newest
claims carrying that term and the term's claim count.  Successive articles
share most of those terms, and at 100,000 articles those reads were the
largest part of linking.  A `TermCache` keeps what was read and applies the
linker's own additions to it, so the database is asked only about terms not
seen before.

The copy is exact, not approximate: it is tied to the text index's stamp
(textindex.stamp), which every change to the index renews.  When the stamp is
not the one this linker last wrote (another process indexed claims, or a
transaction of ours was rolled back), the copy is dropped and read afresh.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterable, Mapping

from claimtrack.store.stamps import StampedCopy

# Posting entries kept at most (8 bytes each); past this the copy starts over.
MAX_ENTRIES = 8_000_000

Fetch = Callable[[list[str]], Mapping[str, Iterable[int]]]
Count = Callable[[list[str]], Mapping[str, int]]


class TermCache(StampedCopy):
    """Newest `depth` claim ids per term, and claim counts per term, as last read."""

    def __init__(self, depth: int, max_entries: int = MAX_ENTRIES) -> None:
        super().__init__(max_entries)
        self.depth = depth
        self._lists: dict[str, array[int]] = {}
        self._counts: dict[str, int] = {}

    def clear(self) -> None:
        super().clear()
        self._lists.clear()
        self._counts.clear()

    def postings(self, terms: Iterable[str], fetch: Fetch) -> dict[str, array[int]]:
        """Each term's newest claim ids (ascending), reading only unseen terms."""
        lists = self._lists
        missing = [t for t in terms if t not in lists]
        if missing:
            for term, ids in fetch(missing).items():
                found = array("q", sorted(ids)[-self.depth :])
                lists[term] = found
                self._entries += len(found)
            for term in missing:
                lists.setdefault(term, array("q"))
        return lists

    def counts(self, terms: Iterable[str], count: Count) -> dict[str, int]:
        """Claims carrying each term, reading only unseen terms."""
        counts = self._counts
        missing = [t for t in terms if t not in counts]
        if missing:
            found = count(missing)
            for term in missing:
                counts[term] = found.get(term, 0)
        return counts

    def added(self, terms_of: Mapping[int, Iterable[str]], stamp: str) -> None:
        """Apply claims just indexed (under `stamp`) to the terms already held."""
        lists, counts, depth = self._lists, self._counts, self.depth
        for claim_id, terms in terms_of.items():
            for term in terms:
                if term in counts:
                    counts[term] += 1
                ids = lists.get(term)
                if ids is None:
                    continue
                if not ids or claim_id > ids[-1]:
                    ids.append(claim_id)
                else:  # an older claim indexed late (a re-link): keep the order
                    bisect.insort(ids, claim_id)
                if len(ids) > depth:
                    del ids[0]
                else:
                    self._entries += 1
        self.stamp = stamp
