"""The disputes ranked once and kept, so that paging through them costs a slice.

`query.disputes.disputes` reads every live link to decide the disputes; a
page of twenty must not pay that on every request. The ranking is kept until
something changes it: a decision, a verdict or a speaker correction made in
this server throws it away at once, and changes made elsewhere (an ingest, the
CLI, another server) show within `MAX_AGE` seconds. Reviews are not kept:
they are read on every page, so a verdict recorded anywhere shows at once.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, field

from sqlalchemy import select

from claimtrack.link.linker import Linker
from claimtrack.models import Dispute, DisputeKind, Review
from claimtrack.query.disputes import disputes
from claimtrack.query.labels import mentions
from claimtrack.query.reviews import DisputeIndex, all_reviews
from claimtrack.store.database import Store
from claimtrack.store.tables import REVIEW

MAX_AGE = 30.0  # seconds a ranking is trusted when this server changed nothing
TOPICS_KEPT = 32  # topic filters remembered per ranking


@dataclass
class Ranking:
    """Every dispute, most significant first, with the keys verdicts are filed under."""

    disputes: list[Dispute]
    index: DisputeIndex
    made: float
    full: bool = False  # the index holds every member's claim key (DisputeIndex.build)
    by_id: dict[int, Dispute] = field(init=False)
    topics: OrderedDict[str, list[int]] = field(default_factory=OrderedDict)

    def __post_init__(self) -> None:
        self.by_id = {d.id: d for d in self.disputes}


class Rankings:
    """The current `Ranking` of one database, made again when stale or forgotten."""

    def __init__(self, linker: Linker, max_age: float = MAX_AGE) -> None:
        self.linker = linker
        self.max_age = max_age
        self._current: Ranking | None = None

    def current(self) -> Ranking:
        found = self._current
        if found is None or time.monotonic() - found.made > self.max_age:
            ranked = disputes(self.linker)
            found = Ranking(disputes=ranked, index=_keys_only(ranked), made=time.monotonic())
            if not all(d.key for d in ranked):  # a list kept before disputes had keys
                found.index = DisputeIndex.build(self.linker.store, ranked)
                found.full = True
            self._current = found
        return found

    def _index(self, ranking: Ranking) -> DisputeIndex:
        """The ranking's index, with its members' claim keys read once a verdict needs them.

        Each dispute carries the key its verdicts are filed under; a verdict filed under
        a key no current dispute has (its dispute was re-linked) is found again by its
        anchor among the members. Reading every member's claim key took most of a fresh
        server's first page (0.85 of 1.75 s at 10,000 articles), for no use while every
        verdict's dispute is current.
        """
        if ranking.full or _filed_keys(self.linker.store) <= set(ranking.index.keys.values()):
            return ranking.index
        ranking.index = DisputeIndex.build(self.linker.store, ranking.disputes)
        ranking.full = True
        return ranking.index

    def forget(self, linker: Linker | None = None) -> None:
        """Something this server did changed links, verdicts or speakers.

        A speaker correction renames claims' speakers, which a linker that read
        them keeps as it read them: it passes a fresh `linker`.
        """
        self._current = None
        if linker is not None:
            self.linker = linker

    def dispute(self, dispute_id: int) -> Dispute | None:
        """One dispute by id; a ranking that lacks it is made again once before saying none."""
        found = self.current().by_id.get(dispute_id)
        if found is None and self._current is not None:
            self.forget()
            found = self.current().by_id.get(dispute_id)
        return found

    def select(
        self, topic: str | None = None, kind: DisputeKind | None = None, unreviewed: bool = False
    ) -> tuple[list[Dispute], list[Review]]:
        """Disputes in rank order that pass the filters, and every verdict as of now."""
        ranking = self.current()
        verdicts = all_reviews(self.linker.store, self._index(ranking))
        chosen = ranking.disputes
        if topic:
            ids = set(self._topic_ids(ranking, topic))
            chosen = [d for d in chosen if d.id in ids]
        if kind is not None:
            chosen = [d for d in chosen if d.kind is kind]
        if unreviewed:
            reviewed = {r.dispute_id for r in verdicts if r.dispute_id is not None}
            chosen = [d for d in chosen if d.id not in reviewed]
        return chosen, verdicts

    def reviews(self) -> list[Review]:
        """Every verdict, oldest first, resolved against the current disputes."""
        return all_reviews(self.linker.store, self._index(self.current()))

    def _topic_ids(self, ranking: Ranking, topic: str) -> list[int]:
        """The disputes whose claims mention `topic` (the library's own test, `disputes(...,
        topic=...)`), and those whose title says it, kept per ranking.

        The claims are read here, not through `disputes(topic=...)`, which would read and
        parse the whole kept list again to filter it; a figure dispute's title carries its
        event's headline ("… — 6.1-magnitude quake strikes Aceh"), which its claims may not.
        """
        key = topic.casefold()
        if key not in ranking.topics:
            texts = _texts(self.linker.store, ranking.disputes)
            ranking.topics[key] = [
                d.id
                for d in ranking.disputes
                if key in d.topic.casefold()
                or mentions([texts[i] for p in d.positions for i in p.claim_ids], topic)
            ]
            while len(ranking.topics) > TOPICS_KEPT:
                ranking.topics.popitem(last=False)
        ranking.topics.move_to_end(key)
        return ranking.topics[key]


def _texts(store: Store, ranked: list[Dispute]) -> dict[int, tuple[str, str]]:
    """Text and sentence of every claim of these disputes (driver SQL: compiling a
    statement per chunk of ids cost more than running it)."""
    ids = {i for d in ranked for p in d.positions for i in p.claim_ids}
    sql = "SELECT id, text, sentence FROM claim WHERE id {test}"
    with store._read() as conn:
        return {i: (t, s) for i, t, s in store.backend.rows_by_id(conn, sql, ids)}


def _keys_only(ranked: list[Dispute]) -> DisputeIndex:
    """An index of the disputes' own keys, without their members' claim keys."""
    return DisputeIndex(
        keys={d.id: d.key for d in ranked}, kinds={d.id: d.kind.value for d in ranked}, members={}
    )


def _filed_keys(store: Store) -> set[str]:
    """Every dispute key a verdict is filed under."""
    stmt = select(REVIEW.c.dispute_key).where(REVIEW.c.dispute_key.is_not(None)).distinct()
    with store._read() as conn:
        return {key for key in conn.execute(stmt).scalars() if key}
