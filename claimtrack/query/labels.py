"""A dispute's words and key: a neutral topic a desk can print, and a key verdicts stay under.

The topic names the proposition, never one side's sentence as if it were the
question: a figure dispute is the quantity, its values and the event they are
about ("people killed: 11 vs 24 — Quake strikes Aceh province"); a denial or
contradiction is the asserted proposition put as a question ("whether the
bridge would close in April").  The key is what a verdict is stored under:
a figure dispute's quantity and its event (the event's first article, by
content hash), so re-linking that adds a value or a backer keeps the verdict
with its proposition; any other dispute's kind and anchor claim (article
content hash and span), as query.reviews has always keyed them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import Connection, select

from claimtrack.models import DisputeKind
from claimtrack.store.database import id_chunks
from claimtrack.store.tables import ARTICLE

TOPIC_CHARS = 140


def short(text: str, limit: int = TOPIC_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def topic(
    kind: DisputeKind, quantity: str | None, values: str, subject: str, event: str | None
) -> str:
    """The dispute's neutral topic (see the module's docstring)."""
    if kind is DisputeKind.figure and quantity:
        about = f" — {short(event, 90)}" if event else ""
        return f"{quantity}: {values}{about}"
    subject = short(subject)
    if subject[:1].isupper() and not subject[1:2].isupper() and " " in subject:
        first, rest = subject.split(" ", 1)
        if first in _LOWER_FIRST:
            subject = f"{first.lower()} {rest}"
    return f"whether {subject}"


# Sentence-opening words that are no names: "whether the mayor …", not "whether The mayor".
_LOWER_FIRST = frozenset(
    "The A An This That These Those It He She They We There His Her Its Their Our".split()
)


def key(kind: DisputeKind, quantity: str | None, event_hash: str | None, anchor: str) -> str:
    """Where verdicts on the dispute are stored (see the module's docstring)."""
    if kind is DisputeKind.figure and quantity and event_hash:
        return f"figure:{quantity}@{event_hash}"
    return f"{kind.value}:{anchor}"


def mentions(texts: Sequence[tuple[str, str]], wanted: str) -> bool:
    needle = wanted.casefold()
    return any(
        needle in text.casefold() or needle in sentence.casefold() for text, sentence in texts
    )


def event_articles(conn: Connection, ids: Collection[int]) -> dict[int, tuple[str | None, str]]:
    """Title and content hash of these articles (the first articles of events)."""
    stmt = select(ARTICLE.c.id, ARTICLE.c.title, ARTICLE.c.content_hash)
    found: dict[int, tuple[str | None, str]] = {}
    for chunk in id_chunks(ids):
        found.update((i, (t, h)) for i, t, h in conn.execute(stmt.where(ARTICLE.c.id.in_(chunk))))
    return found
