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

from claimtrack.link.linker import Linker
from claimtrack.models import Dispute, DisputeKind, Review
from claimtrack.query.disputes import disputes
from claimtrack.query.reviews import DisputeIndex, all_reviews

MAX_AGE = 30.0  # seconds a ranking is trusted when this server changed nothing
TOPICS_KEPT = 32  # topic filters remembered per ranking


@dataclass
class Ranking:
    """Every dispute, most significant first, with the keys verdicts are filed under."""

    disputes: list[Dispute]
    index: DisputeIndex
    made: float
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
            found = Ranking(
                disputes=ranked,
                index=DisputeIndex.build(self.linker.store, ranked),
                made=time.monotonic(),
            )
            self._current = found
        return found

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
        verdicts = all_reviews(self.linker.store, ranking.index)
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
        return all_reviews(self.linker.store, self.current().index)

    def _topic_ids(self, ranking: Ranking, topic: str) -> list[int]:
        """The library's own topic filter (claims mentioning it), and the disputes whose
        title says it, kept per ranking.

        A figure dispute's title carries its event's headline ("… — 6.1-magnitude quake
        strikes Aceh"), which its claims may not: a desk typing "quake" expects it.
        """
        key = topic.casefold()
        if key not in ranking.topics:
            mentioned = {d.id for d in disputes(self.linker, topic=topic)}
            ranking.topics[key] = [
                d.id for d in ranking.disputes if d.id in mentioned or key in d.topic.casefold()
            ]
            while len(ranking.topics) > TOPICS_KEPT:
                ranking.topics.popitem(last=False)
        ranking.topics.move_to_end(key)
        return ranking.topics[key]
