"""A report as its renderers read it: a small head in memory, the long lists as iterators.

At 100,000 articles a `Report` holds 1.08 million quotes (9.8 GB as models).
So renderers read a `ReportParts`: in memory only what grows with the
disputes and verdicts, not with the claims (the title, a line per dispute,
the reviewed claims), and the disputes with their quotes, the speakers, the
articles and the claims as iterators they write out one at a time. A built
`Report` is one kind of parts (`ReportParts.of`), the store read page by page
is another (report/stored.py); both are laid out by the same code, so a
report written from either is the same text.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import NamedTuple

from claimtrack.models import DisputeKind, Review
from claimtrack.report.models import (
    FigureTable,
    Quote,
    Report,
    ReportArticle,
    ReportDispute,
    ReportSummary,
    SpeakerEntry,
)


class DisputeLine(NamedTuple):
    """What a listing shows of a dispute: the HTML contents, the CSV's dispute columns."""

    id: int
    kind: DisputeKind
    topic: str
    reviews: list[Review]


class ReportParts(ABC):
    """What a report shows, in the order formats write it; each iterator may be read again."""

    title: str
    topic: str | None
    outline: list[DisputeLine]  # every dispute of the report, most significant first

    @abstractmethod
    def summary(self) -> ReportSummary:
        """The counts the report opens with."""

    @abstractmethod
    def disputes(self) -> Iterator[tuple[ReportDispute, FigureTable | None]]:
        """The disputes in `outline`'s order with every quote, and a figure dispute's table."""

    @abstractmethod
    def figure_tables(self) -> Iterator[FigureTable]:
        """The figure disputes' tables, in the disputes' order."""

    @abstractmethod
    def reviewed_disputes(self) -> Iterator[ReportDispute]:
        """The disputes with verdicts, in the disputes' order."""

    @abstractmethod
    def speakers(self) -> Iterator[SpeakerEntry]:
        """The speaker index, most claims first."""

    @abstractmethod
    def articles(self) -> Iterator[ReportArticle]:
        """The source articles, by id."""

    @abstractmethod
    def claims(self) -> Iterator[Quote]:
        """Every claim in the report, by article and position."""

    @abstractmethod
    def reviewed(self) -> Iterator[Quote]:
        """The claims with verdicts, in the order of `claims`."""

    def collect(self) -> Report:
        """The whole report as one model (in memory: for small databases and the web app)."""
        return Report(
            title=self.title,
            topic=self.topic,
            summary=self.summary(),
            disputes=[dispute for dispute, _ in self.disputes()],
            figure_tables=list(self.figure_tables()),
            speakers=list(self.speakers()),
            articles=list(self.articles()),
            claims=list(self.claims()),
        )

    @staticmethod
    def of(report: Report) -> ReportParts:
        """A built report as parts."""
        return _Built(report)


class _Built(ReportParts):
    def __init__(self, report: Report) -> None:
        self.report = report
        self.title = report.title
        self.topic = report.topic
        self.outline = [DisputeLine(d.id, d.kind, d.topic, d.reviews) for d in report.disputes]

    def summary(self) -> ReportSummary:
        return self.report.summary

    def disputes(self) -> Iterator[tuple[ReportDispute, FigureTable | None]]:
        tables = {t.dispute_id: t for t in self.report.figure_tables}
        return ((d, tables.get(d.id)) for d in self.report.disputes)

    def figure_tables(self) -> Iterator[FigureTable]:
        return iter(self.report.figure_tables)

    def reviewed_disputes(self) -> Iterator[ReportDispute]:
        return (d for d in self.report.disputes if d.reviews)

    def speakers(self) -> Iterator[SpeakerEntry]:
        return iter(self.report.speakers)

    def articles(self) -> Iterator[ReportArticle]:
        return iter(self.report.articles)

    def claims(self) -> Iterator[Quote]:
        return iter(self.report.claims)

    def reviewed(self) -> Iterator[Quote]:
        return (q for q in self.report.claims if q.reviews)

    def collect(self) -> Report:
        return self.report
