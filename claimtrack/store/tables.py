"""The database schema, declared once with SQLModel; the other store modules query it.

Schema changes bump ``SCHEMA_VERSION`` and add a step to ``migrate.STEPS``,
which upgrades older databases on open; a newer database is refused.
"""

from __future__ import annotations

from sqlalchemy import Index, Table, UniqueConstraint, text, true
from sqlmodel import Field, SQLModel, Text

from claimtrack.models import SpeakerKind

SCHEMA_VERSION = 10

# Ids are INTEGER columns, 32-bit on PostgreSQL: no stored row has a larger one,
# and asking for one is a driver error there (on SQLite past 2**63), not "none".
MAX_ID = 2**31 - 1


def valid_id(value: int) -> bool:
    """Whether a row could have this id; any other id names nothing (and is never sent)."""
    return 0 < value <= MAX_ID


class MetaRow(SQLModel, table=True):
    """Key/value facts about the database itself, such as the schema version."""

    __tablename__ = "claimtrack_meta"

    key: str = Field(primary_key=True)
    value: str


# claimtrack_meta keys: the schema's version, and how many claims are stored
# (the corpus size term weights use; articles.py keeps it in the transaction
# that stores claims, since a sequence's max(id) keeps the gaps of rolled-back inserts).
VERSION_KEY = "schema_version"
CLAIM_COUNT_KEY = "claim_count"


class ArticleRow(SQLModel, table=True):
    """One stored article; content_hash is unique so an article is stored once."""

    __tablename__ = "article"
    __table_args__ = (UniqueConstraint("content_hash", name="uq_article_content_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    content_hash: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    path: str | None = None
    text: str = Field(sa_type=Text)
    # The lead's name runs as JSON (extraction/leadnames.py), read by linking and
    # `disputes` to tell events apart; None for articles stored before schema 10.
    lead_names: str | None = Field(default=None, sa_type=Text)
    # Set in the transaction that links the article: None means stored but not yet
    # linked (an ingest killed in between), which the next ingest finishes.
    linked_at: str | None = None


class SpeakerRow(SQLModel, table=True):
    """A speaker across articles, found again by the name_key of its name or aliases."""

    __tablename__ = "speaker"
    # Merging deletes records; AUTOINCREMENT keeps SQLite from handing a deleted id
    # (one a user may have written down) to a new speaker, as PostgreSQL never does.
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    name: str
    key: str = Field(unique=True)
    kind: str = SpeakerKind.unknown.value
    country: str | None = None
    acronym: str | None = None


class SpeakerAlias(SQLModel, table=True):
    """Another form a speaker was written in ('Ortiz', 'Mayor Ortiz')."""

    __tablename__ = "speaker_alias"
    __table_args__ = (UniqueConstraint("speaker_id", "key", name="uq_speaker_alias_key"),)

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id")
    alias: str
    key: str = Field(index=True)


class SpeakerTokenRow(SQLModel, table=True):
    """Blocking index for cross-article speaker matching (resolve.index_keys).

    Candidates for a new speaker come from this indexed lookup (surname skeleton,
    country and organisation type, acronym), never from a scan of every speaker.
    """

    __tablename__ = "speaker_token"
    __table_args__ = (
        UniqueConstraint("speaker_id", "token", name="uq_speaker_token"),
        Index("ix_speaker_token_token", "token", "speaker_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id")
    token: str


class SpeakerRuleRow(SQLModel, table=True):
    """A person's correction: 'merge' files name_b under name_a; 'apart' keeps them two.

    Stored by name_key so it applies to speakers not ingested yet and survives the
    records it was made on (docs/SPEAKERS.md).
    """

    __tablename__ = "speaker_rule"
    __table_args__ = (
        UniqueConstraint("kind", "key_a", "key_b", name="uq_speaker_rule"),
        Index("ix_speaker_rule_key_a", "key_a"),
        Index("ix_speaker_rule_key_b", "key_b"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    name_a: str
    key_a: str
    name_b: str
    key_b: str


class ClaimRow(SQLModel, table=True):
    """One claim; via, hedges and figures are JSON text so the schema stays portable."""

    __tablename__ = "claim"
    __table_args__ = (Index("ix_claim_article_start", "article_id", "start"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id")
    speaker_id: int | None = Field(default=None, foreign_key="speaker.id", index=True)
    speaker: str | None = None
    speaker_mention: str
    speaker_kind: str
    cue: str
    via: str = "[]"
    text: str = Field(sa_type=Text)
    sentence: str = Field(sa_type=Text)
    start: int
    end: int
    quote: str
    stance: str
    hedges: str = "[]"
    figures: str = "[]"
    # schema 8: False for the article's own voice; rows written before say nothing.
    attributed: bool = Field(default=True, sa_column_kwargs={"server_default": true()})


class FigureRow(SQLModel, table=True):
    """A claim's figure counted in a unit, with what `figures` shows of the claim.

    `figures people` at 100,000 articles groups some 40,000 figures: read out of
    the claims (their JSON, joined to article and speaker row by row) that took
    300 ms, from this table, clustered by unit and value on SQLite, 80 ms.  The
    claim's fields are copied here because claims never change once stored,
    except for ``speaker_id``, which merging and splitting speakers update in
    both tables.  Figures with no unit are not here (nothing asks for them alone).
    """

    __tablename__ = "claim_figure"
    __table_args__ = (
        Index("ix_claim_figure_claim", "claim_id"),
        {"sqlite_with_rowid": False},
    )

    unit: str = Field(primary_key=True)
    value: float = Field(primary_key=True)
    claim_id: int = Field(primary_key=True, foreign_key="claim.id")
    position: int = Field(primary_key=True)  # the figure's place among its claim's figures
    approximate: bool
    denied: bool
    article_id: int = Field(foreign_key="article.id")
    speaker_id: int | None = Field(default=None, foreign_key="speaker.id")
    speaker: str | None = None
    speaker_mention: str
    outlet: str | None = None
    published: str | None = None
    outcome: str | None = None  # what happened to what is counted (schema 7)


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


META = _table(MetaRow)
ARTICLE = _table(ArticleRow)
SPEAKER = _table(SpeakerRow)
ALIAS = _table(SpeakerAlias)
SPEAKER_TOKEN = _table(SpeakerTokenRow)
SPEAKER_RULE = _table(SpeakerRuleRow)
CLAIM = _table(ClaimRow)
FIGURE = _table(FigureRow)


class LinkRow(SQLModel, table=True):
    """A relation between two claims (claim_a < claim_b), with a person's decision if any."""

    __tablename__ = "claim_link"
    __table_args__ = (
        UniqueConstraint("claim_a", "claim_b", name="uq_claim_link_pair"),
        # The strongest links of one status first, a page at a time (the review room).
        Index("ix_claim_link_status_score", "status", text("score DESC"), "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_a: int = Field(foreign_key="claim.id", index=True)
    claim_b: int = Field(foreign_key="claim.id", index=True)
    relation: str
    score: float
    reason: str
    status: str = Field(index=True)
    decided_by: str | None = None
    decided_at: str | None = None


class TermStatRow(SQLModel, table=True):
    """How many claims carry a term, kept up to date so weights are one indexed lookup.

    The terms themselves are indexed by the backend's full-text index (textindex.py).
    """

    __tablename__ = "term_stat"

    term: str = Field(primary_key=True)
    df: int = 0


LINK = _table(LinkRow)
TERM_STAT = _table(TermStatRow)
ALL_TABLES = [
    META,
    ARTICLE,
    SPEAKER,
    ALIAS,
    SPEAKER_TOKEN,
    SPEAKER_RULE,
    CLAIM,
    FIGURE,
    LINK,
    TERM_STAT,
]


class ReviewRow(SQLModel, table=True):
    """A fact-checker's verdict on a claim or a dispute; rows are only ever added.

    The claim is kept both by id and by ``claim_key`` (article content hash and
    character span), and a dispute by ``dispute_key`` (its kind and its anchor
    claim's key), because ids can change when claims are extracted again or
    links rebuilt, while the reviewed words cannot. No foreign key on
    ``claim_id`` for the same reason: a verdict must outlive the row it was
    made on (reviews.py re-attaches it by key).
    """

    __tablename__ = "review"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int | None = Field(default=None, index=True)
    claim_key: str | None = Field(default=None, index=True)
    dispute_key: str | None = Field(default=None, index=True)
    rating: str
    rating_value: int
    note: str | None = Field(default=None, sa_type=Text)
    reviewer: str | None = None
    evidence: str = "[]"
    created_at: str


REVIEW = _table(ReviewRow)
ALL_TABLES.append(REVIEW)


class AssignmentRow(SQLModel, table=True):
    """A claim or dispute given to a reviewer (schema 9); rows are only ever added.

    Kept by ``claim_key`` and ``dispute_key`` as reviews are, so an assignment
    follows its item through re-ingest and re-linking.  ``review_mark`` is the
    highest review id when it was made: a verdict with a larger id came after
    it and decides it (timestamps to the second cannot order an assignment and
    a verdict made in the same second).
    """

    __tablename__ = "assignment"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int | None = Field(default=None, index=True)
    claim_key: str | None = Field(default=None, index=True)
    dispute_key: str | None = Field(default=None, index=True)
    reviewer: str = Field(index=True)
    assigned_by: str | None = None
    note: str | None = Field(default=None, sa_type=Text)
    review_mark: int = 0
    created_at: str


ASSIGNMENT = _table(AssignmentRow)
ALL_TABLES.append(ASSIGNMENT)
