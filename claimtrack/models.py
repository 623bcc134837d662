"""Pydantic models passed between the pipeline stages.

Every stage takes and returns these models, so the CLI, the store and the
JSON Schemas in ``schemas/`` all describe the same objects.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, computed_field


class SpeakerKind(StrEnum):
    """What sort of source is speaking; fact-checkers weigh them differently."""

    person = "person"
    organization = "organization"
    government = "government"
    media = "media"
    anonymous = "anonymous"
    unknown = "unknown"


class QuoteKind(StrEnum):
    """How the words reach the reader: verbatim, paraphrased, or both."""

    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"
    none = "none"


class Stance(StrEnum):
    """Whether the speaker asserts the content or rejects it."""

    assert_ = "assert"
    deny = "deny"


class Figure(BaseModel):
    """A quantity stated in a claim, normalised so that figures can be compared."""

    model_config = ConfigDict(extra="forbid")

    value: float = Field(description="The number, e.g. 3000 for 'approximately 3,000'.")
    unit: str | None = Field(
        default=None,
        description="Unit class of the counted noun (troops, soldiers and forces are 'troops').",
    )
    noun: str | None = Field(default=None, description="The counted noun as written.")
    text: str = Field(description="The figure as written, qualifier included.")
    approximate: bool = Field(
        default=False, description="True for 'about', 'some', 'nearly', 'up to', 'more than'..."
    )
    qualifier: str | None = Field(default=None, description="The approximating word as written.")
    outcome: str | None = Field(
        default=None,
        description=(
            "What happened to what is counted, when the text says: killed, injured, missing, "
            "arrested, evacuated, displaced, destroyed, damaged, rescued. '5 killed' and "
            "'250 injured' are two quantities."
        ),
    )
    start: int = Field(description="Offset of the figure in the text it was found in.")
    end: int


class Speaker(BaseModel):
    """Who made a claim, as resolved within one article."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Canonical name within the article, titles removed.")
    kind: SpeakerKind = SpeakerKind.unknown
    acronym: str | None = None
    title: str | None = Field(default=None, description="Title or role as written.")
    country: str | None = Field(default=None, description="Country the speaker belongs to.")
    aliases: list[str] = Field(default_factory=list, description="Other forms seen.")


class Article(BaseModel):
    """One news article as stored: its text is what every claim offset points into."""

    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 date where known.")
    url: str | None = None
    author: str | None = None
    path: str | None = Field(default=None, description="The path the article came from, as given.")
    text: str
    content_hash: str = Field(default="", description="SHA-256 of the text; re-ingest key.")


class Resolution(StrEnum):
    """Whether a claim's speaker was tied to one named speaker."""

    resolved = "resolved"
    unresolved = "unresolved"


class Claim(BaseModel):
    """One reported statement with its exact provenance."""

    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    article_id: int | None = None
    outlet: str | None = None
    speaker: str | None = Field(description="Canonical speaker name; None when unattributed.")
    speaker_id: int | None = Field(default=None, description="Speaker record across articles.")
    speaker_mention: str = Field(description="The speaker as written in this sentence.")
    speaker_kind: SpeakerKind = SpeakerKind.unknown
    cue: str = Field(description="Reporting verb or phrase as written: 'said', 'according to'.")
    via: list[str] = Field(
        default_factory=list,
        description="Intermediaries, nearest first: 'the embassy quoted X' gives via the embassy.",
    )
    text: str = Field(description="The claim content.")
    sentence: str = Field(description="Verbatim passage; equals article.text[start:end].")
    start: int
    end: int
    quote: QuoteKind = QuoteKind.none
    stance: Stance = Stance.assert_
    hedges: list[str] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    attributed: bool = Field(
        default=True,
        description=(
            "False for a statement the article makes in its own voice (a figure in its "
            "narration): its speaker is the outlet, or 'article N' when none is known, and "
            "attribution scores leave it out."
        ),
    )

    @computed_field(  # type: ignore[prop-decorator]
        description="'resolved' when the speaker is named; 'unresolved' when the words "
        "naming it ('he', 'they') could not be tied to one speaker: none is guessed."
    )
    @property
    def resolution(self) -> Resolution:
        return Resolution.resolved if self.speaker is not None else Resolution.unresolved


class Extraction(BaseModel):
    """Everything extracted from one article."""

    article: Article
    claims: list[Claim]
    speakers: list[Speaker] = Field(default_factory=list)


class IngestStatus(StrEnum):
    stored = "stored"
    skipped = "skipped"
    failed = "failed"


class IngestResult(BaseModel):
    """What happened to one input: stored, skipped as a duplicate, or failed."""

    path: str
    status: IngestStatus
    article_id: int | None = None
    claims: int = 0
    error: str | None = None


class SpeakerSummary(BaseModel):
    """A speaker across the database, as `claimtrack speakers` lists it."""

    id: int
    name: str
    kind: SpeakerKind
    aliases: list[str]
    claims: int
    articles: int


class ArticleSummary(BaseModel):
    """An article as `claimtrack articles` lists it (without its text)."""

    id: int
    title: str | None
    outlet: str | None
    published: str | None
    path: str | None
    url: str | None
    claims: int


class Relation(StrEnum):
    """How two claims about the same proposition relate."""

    corroborates = "corroborates"
    contradicts = "contradicts"
    related = "related"


class LinkStatus(StrEnum):
    """Who stands behind a link: the matcher alone (suggested), or confirmed, or rejected."""

    confirmed = "confirmed"
    suggested = "suggested"
    rejected = "rejected"


class ClaimLink(BaseModel):
    """A stored relation between two claims, with the matcher's score and reason."""

    id: int
    claim_id: int
    other_id: int
    relation: Relation
    score: float = Field(description="0-100; higher means more surely the same proposition.")
    reason: str
    status: LinkStatus
    decided_by: str | None = Field(
        default=None, description="'auto' when confirmed by threshold, else the person."
    )


class ClaimWithLinks(BaseModel):
    """One claim and every non-rejected link it takes part in."""

    claim: Claim
    links: list[ClaimLink]


class FigureGroup(BaseModel):
    """Every claim that states one value for a quantity, and who backs it."""

    value: float
    unit: str | None
    quantity: str | None = Field(
        default=None,
        description=(
            "What is counted and what happened to it ('people killed'): groups of one unit "
            "with different outcomes are different quantities."
        ),
    )
    approximate: bool
    label: str = Field(description="The value as a reader would write it: 'approximately 3,000'.")
    claim_ids: list[int]
    speakers: list[str]
    articles: list[int]
    outlets: list[str]
    independent_sources: int = Field(description="Distinct original speakers.")
    reports: int = Field(description="Claims (article mentions) backing the value.")
    dates: list[str] = Field(default_factory=list)
    event_id: int | None = Field(
        default=None,
        description=(
            "The event the figures are about, named by its first article's id: the same "
            "number in two events (two earthquakes, a bombing and a shooting) is two groups."
        ),
    )
    event: str | None = Field(default=None, description="That first article's title.")


class Position(BaseModel):
    """One side of a dispute."""

    label: str
    claim_ids: list[int]
    speakers: list[str]
    articles: list[int]
    outlets: list[str]
    independent_sources: int
    reports: int


class DisputeKind(StrEnum):
    figure = "figure"
    denial = "denial"
    contradiction = "contradiction"


class Dispute(BaseModel):
    """A proposition on which sources disagree."""

    id: int = Field(description="Stable: the smallest claim id in the dispute.")
    key: str = Field(
        default="",
        description=(
            "What verdicts on it are stored under: a figure dispute's quantity and event, "
            "else its kind and anchor claim, so re-linking never orphans a verdict."
        ),
    )
    topic: str = Field(
        description=(
            "A neutral label of the proposition: the quantity, its values and the event "
            "('people killed: 11 vs 24 — …'), or the asserted proposition as a question."
        )
    )
    kind: DisputeKind
    positions: list[Position]
    significance: float = Field(description="Ranking score: more independent sources first.")
    confirmed: bool = Field(
        description="True when every contradiction in it is confirmed, not only suggested."
    )
    both_sides: list[str] = Field(
        default_factory=list,
        description=(
            "Speakers who back two positions (a revised figure, a source contradicting "
            "itself), named so that a reader sees it."
        ),
    )


class Match(BaseModel):
    """What the database says about a statement being checked."""

    claim: Claim
    score: float
    relation: Relation
    reason: str


class Rating(BaseModel):
    """One step of the rating scale (query.reviews.RATINGS)."""

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


class Assignment(BaseModel):
    """A claim or dispute given to a reviewer; reassigning adds one, the latest says whose it is."""

    model_config = ConfigDict(extra="forbid")

    id: int
    claim_id: int | None = Field(
        default=None,
        description="The assigned claim's current id (found again by article hash and span "
        "after re-ingest); None for a dispute or when the claim no longer exists.",
    )
    dispute_id: int | None = Field(
        default=None,
        description="The assigned dispute's current id (found again after re-linking); None "
        "for a claim or when the dispute no longer exists.",
    )
    dispute_key: str | None = Field(
        default=None,
        description="Stable key of the assigned dispute (kind and anchor claim), as reviews "
        "keep it, since dispute ids change when links are rebuilt.",
    )
    reviewer: str = Field(description="Whose the item is: the queue it is in.")
    assigned_by: str | None = Field(
        default=None, description="Who assigned it, so a reviewer knows whom to ask."
    )
    note: str | None = Field(default=None, description="What the assigner wants looked at.")
    created_at: str = Field(description="ISO 8601 UTC time the assignment was made.")
    decided: bool = Field(
        default=False,
        description="Whether a verdict has been recorded on the item since this assignment: "
        "a decided item leaves its reviewer's queue.",
    )
