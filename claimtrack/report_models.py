"""Pydantic models of reviews and reports: what `review`, `reviews` and `report` return.

Kept apart from models.py (the extraction and linking models) because a report
is built from those and never feeds back into them. `Report` is the one object
every renderer reads, so md, html, json, csv and ClaimReview carry the same
content; its JSON Schema is `schemas/report.schema.json`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from claimtrack.models import DisputeKind, FigureGroup, QuoteKind, SpeakerKind, Stance


class Rating(BaseModel):
    """One step of the rating scale (reviews.RATINGS)."""

    name: str = Field(description="Canonical name, as stored: 'mostly true'.")
    label: str = Field(description="As shown to readers and in ClaimReview: 'Mostly true'.")
    value: int = Field(description="ClaimReview ratingValue; -1 when not rated on the scale.")
    aliases: list[str] = Field(default_factory=list, description="Other names accepted.")
    meaning: str


class Review(BaseModel):
    """A verdict on a claim or a dispute; a new verdict is added, never overwrites one."""

    model_config = ConfigDict(extra="forbid")

    id: int
    claim_id: int | None = Field(
        default=None,
        description="The reviewed claim's current id; None for a dispute review or when the "
        "claim no longer exists.",
    )
    claim_key: str | None = Field(
        default=None, description="Stable key of the reviewed claim: article hash and span."
    )
    dispute_id: int | None = Field(
        default=None,
        description="The reviewed dispute's current id; None when it is a claim review or "
        "the dispute no longer exists.",
    )
    dispute_key: str | None = Field(
        default=None, description="Stable key of the reviewed dispute (kind and anchor claim)."
    )
    rating: str = Field(description="Canonical rating name: 'true' … 'false', 'unproven'.")
    rating_label: str
    rating_value: int
    note: str | None = None
    reviewer: str | None = None
    evidence: list[str] = Field(default_factory=list, description="http(s) URLs.")
    created_at: str = Field(description="ISO 8601 UTC time the verdict was recorded.")


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
