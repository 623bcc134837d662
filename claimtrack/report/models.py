"""Pydantic models of reports: what `report` returns (verdicts are in models.py).

Kept apart from models.py (the extraction and linking models) because a report
is built from those and never feeds back into them. `Report` is the one object
every renderer reads, so md, html, json, csv and ClaimReview carry the same
content; its JSON Schema is `schemas/report.schema.json`.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from claimtrack.models import DisputeKind, FigureGroup, QuoteKind, Review, SpeakerKind, Stance


class Quote(BaseModel):
    """A claim as a report shows it: verbatim sentence, who, where, and its reviews."""

    claim_id: int
    speaker: str = Field(description="Speaker record name, else the mention as written.")
    speaker_mention: str
    speaker_kind: SpeakerKind
    cue: str
    via: list[str]
    stance: Stance
    quote: QuoteKind
    text: str
    sentence: str = Field(description="Verbatim; equals the article text at [start:end].")
    article_id: int
    article_title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    path: str | None
    start: int
    end: int
    figures: list[str] = Field(description="Figures as written.")
    dispute_ids: list[int] = Field(description="Disputes this claim takes part in.")
    positions: list[str] = Field(description="Its position label in each of those disputes.")
    reviews: list[Review] = Field(description="Verdicts on this claim, oldest first.")


class ReportPosition(BaseModel):
    """One side of a dispute with every backer's quote."""

    label: str
    speakers: list[str]
    outlets: list[str]
    independent_sources: int
    reports: int
    quotes: list[Quote]


class ReportDispute(BaseModel):
    """A dispute with its positions, backers' quotes and the verdicts on it."""

    id: int
    key: str = Field(description="Stable key that reviews of this dispute are stored under.")
    kind: DisputeKind
    topic: str
    confirmed: bool
    significance: float
    positions: list[ReportPosition]
    reviews: list[Review] = Field(description="Verdicts on the dispute as a whole, oldest first.")


class FigureTable(BaseModel):
    """Which sources back which value in one figure dispute, smallest value first."""

    dispute_id: int
    unit: str
    rows: list[FigureGroup]


class SpeakerEntry(BaseModel):
    """A speaker in the report's index."""

    name: str
    kind: SpeakerKind
    speaker_id: int | None
    claim_ids: list[int]
    articles: list[int]
    dispute_ids: list[int]


class ReportArticle(BaseModel):
    """A source article of the report."""

    id: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    path: str | None
    claims: int = Field(description="Claims of this article in the report.")


class ReportSummary(BaseModel):
    articles: int
    outlets: int
    speakers: int
    claims: int
    disputes: int
    reviews: int


class Report(BaseModel):
    """Everything a fact-check report shows; every output format renders this."""

    title: str
    topic: str | None = Field(description="The --topic the report is narrowed to, if any.")
    summary: ReportSummary
    disputes: list[ReportDispute] = Field(description="Most significant first.")
    figure_tables: list[FigureTable]
    speakers: list[SpeakerEntry] = Field(description="Most claims first.")
    articles: list[ReportArticle]
    claims: list[Quote] = Field(description="Every claim in the report, by article and position.")
