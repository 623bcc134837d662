"""Disputes as the report shows them: every backer's quote, and a figure dispute's table.

At 100,000 articles the disputes hold hundreds of thousands of claims, so the
report never holds all their quotes at once: `ReportDisputes` reads the
member claims of a few disputes at a time (in the disputes' own order, most
significant first), lays those disputes out, and moves on. The figure tables
are kept from that pass (they hold a claim id and a name or two per value,
not quotes), since every format lists them again after the disputes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claimtrack.models import Claim, Dispute, DisputeKind, Figure, Review, Stance
from claimtrack.query.figures import group_claims
from claimtrack.query.reviews import DisputeIndex
from claimtrack.report.models import FigureTable, Quote, ReportDispute, ReportPosition
from claimtrack.report.quotes import Roles, quote
from claimtrack.store import pages
from claimtrack.store.database import Store

# Member claims read at once: a few thousand quotes in memory, whatever the database's size.
BATCH_CLAIMS = 2000


def members(dispute: Dispute) -> set[int]:
    """The claims of every position of a dispute."""
    return {i for p in dispute.positions for i in p.claim_ids}


class ReportDisputes:
    """The report's disputes, laid out a batch at a time from the store."""

    def __init__(
        self,
        store: Store,
        found: Sequence[Dispute],
        index: DisputeIndex,
        roles: Roles,
        on_claim: dict[int, list[Review]],
        on_dispute: dict[int, list[Review]],
    ) -> None:
        self.store = store
        self.found = found
        self.index = index
        self.roles = roles
        self.on_claim = on_claim
        self.on_dispute = on_dispute
        self._tables: list[FigureTable] | None = None

    def laid_out(
        self, only: Sequence[Dispute] | None = None
    ) -> Iterator[tuple[ReportDispute, FigureTable | None]]:
        """Each dispute (of `only`, else all) with its quotes, and its table if it has one."""
        tables: list[FigureTable] = []
        for batch in _batches(self.found if only is None else only):
            claims = pages.claims_by_id(self.store, {i for d in batch for i in members(d)})
            ids = {c.article_id for c in claims.values() if c.article_id is not None}
            articles = pages.article_summaries(self.store, ids)
            quotes = {i: quote(c, articles, self.roles, self.on_claim) for i, c in claims.items()}
            dates = {i: a.published for i, a in articles.items() if a.published}
            for dispute in batch:
                table = figure_table(dispute, claims, dates)
                if table is not None:
                    tables.append(table)
                yield self._report_dispute(dispute, quotes), table
        if only is None:
            self._tables = tables

    def tables(self) -> list[FigureTable]:
        """The figure tables, in the disputes' order (kept from a whole pass, else made)."""
        if self._tables is None:
            figure = [d for d in self.found if d.kind is DisputeKind.figure]
            self._tables = [t for _, t in self.laid_out(figure) if t is not None]
        return self._tables

    def _report_dispute(self, dispute: Dispute, quotes: dict[int, Quote]) -> ReportDispute:
        positions = [
            ReportPosition(
                label=p.label,
                speakers=p.speakers,
                outlets=p.outlets,
                independent_sources=p.independent_sources,
                reports=p.reports,
                quotes=[quotes[i] for i in p.claim_ids if i in quotes],
            )
            for p in dispute.positions
        ]
        return ReportDispute(
            id=dispute.id,
            key=self.index.key_of(dispute.id) or "",
            kind=dispute.kind,
            topic=dispute.topic,
            confirmed=dispute.confirmed,
            significance=dispute.significance,
            positions=positions,
            reviews=self.on_dispute.get(dispute.id, []),
        )


def _batches(found: Sequence[Dispute]) -> Iterator[list[Dispute]]:
    """Disputes in order, cut where their claims reach `BATCH_CLAIMS` (one may exceed it)."""
    batch: list[Dispute] = []
    size = 0
    for dispute in found:
        batch.append(dispute)
        size += sum(len(p.claim_ids) for p in dispute.positions)
        if size >= BATCH_CLAIMS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def figure_table(
    dispute: Dispute, claims: dict[int, Claim], dates: dict[int, str]
) -> FigureTable | None:
    """The values of a figure dispute as `claimtrack figures` groups them."""
    if dispute.kind is not DisputeKind.figure:
        return None
    asserting = [
        claims[i]
        for i in sorted(members(dispute))
        if i in claims and claims[i].stance is Stance.assert_
    ]
    unit = _dispute_unit(dispute, asserting)
    if unit is None:
        return None
    entries: list[tuple[Figure, Claim]] = [
        (f, c) for c in asserting for f in c.figures if f.unit == unit
    ]
    return FigureTable(dispute_id=dispute.id, unit=unit, rows=group_claims(entries, dates))


def _dispute_unit(dispute: Dispute, asserting: Sequence[Claim]) -> str | None:
    """The unit every asserting claim of a figure dispute counts (its topic names it first)."""
    units: set[str] | None = None
    for claim in asserting:
        own = {f.unit for f in claim.figures if f.unit}
        units = own if units is None else units & own
    if not units:
        return None
    named = [u for u in units if dispute.topic.startswith(f"{u}: ")]
    return named[0] if named else sorted(units)[0]
