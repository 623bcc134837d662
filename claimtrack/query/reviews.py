"""Fact-checkers' verdicts on claims and disputes, kept as a history that only grows.

A review row is never updated or deleted: a new verdict is a new row, so an
editor can always see who rated what, when, and on which evidence. Claims and
disputes are found again by stable keys (the article's content hash and the
claim's character span; a dispute's kind and anchor claim) rather than only by
id, so verdicts survive re-extraction and re-linking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from pydantic import TypeAdapter
from sqlalchemy import Connection, and_, insert, or_, select

from claimtrack.errors import ClaimtrackError, NotFoundError
from claimtrack.models import Dispute, Rating, Review
from claimtrack.ratings import SCALE
from claimtrack.store.database import Store, id_chunks
from claimtrack.store.tables import ARTICLE, CLAIM, REVIEW, valid_id

RATINGS: tuple[Rating, ...] = tuple(
    Rating(name=s.name, label=s.label, value=s.value, aliases=list(s.aliases), meaning=s.meaning)
    for s in SCALE
)
BEST_RATING = max(r.value for r in RATINGS)
WORST_RATING = min(r.value for r in RATINGS if r.value > 0)

_BY_NAME = {key: r for r in RATINGS for key in (r.name, *r.aliases)}
_BY_CANONICAL = {r.name: r for r in RATINGS}
_STRINGS = TypeAdapter(list[str])


class ReviewError(ClaimtrackError):
    """A review that cannot be recorded: unknown rating, bad evidence URL."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _normal(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").replace("_", " ").replace("/", " ").split())


def find_rating(name: str) -> Rating:
    """The scale step called `name` ('Mostly-True', 'unverifiable'...); ReviewError if none."""
    found = _BY_NAME.get(_normal(name))
    if found is None:
        names = ", ".join(r.name for r in RATINGS)
        raise ReviewError(f"unknown rating {name!r}; use one of: {names}")
    return found


def claim_key(content_hash: str, start: int, end: int) -> str:
    """A claim's identity that survives re-extraction: which article, which characters."""
    return f"{content_hash}:{start}:{end}"


def record_review(
    store: Store,
    *,
    rating: str,
    claim_id: int | None = None,
    dispute_id: int | None = None,
    note: str | None = None,
    reviewer: str | None = None,
    evidence: Sequence[str] = (),
) -> Review:
    """Add a verdict on one claim or one dispute; everything is checked before writing."""
    if (claim_id is None) == (dispute_id is None):
        raise ReviewError("review a claim id or a dispute id, not both or neither")
    scale = find_rating(rating)
    urls = [_checked_url(url) for url in evidence]
    row: dict[str, Any] = {
        "rating": scale.name,
        "rating_value": scale.value,
        "note": (note or "").strip() or None,
        "reviewer": (reviewer or "").strip() or None,
        "evidence": _STRINGS.dump_json(urls).decode(),
        "created_at": _now(),
    }
    target, index = target_keys(store, claim_id, dispute_id)
    row.update(target)
    with store._write("cannot store review") as conn:
        new_id = conn.execute(insert(REVIEW).values(**row).returning(REVIEW.c.id)).scalar_one()
    (review,) = _resolve(store, [{**row, "id": new_id}], index)
    return review


def reviews(
    store: Store, claim_id: int | None = None, dispute_id: int | None = None
) -> list[Review]:
    """Every verdict, oldest first; only those on one claim or one dispute when asked."""
    found = _resolve(store, _rows(store))
    if claim_id is not None:
        found = [r for r in found if r.claim_id == claim_id]
    if dispute_id is not None:
        found = [r for r in found if r.dispute_id == dispute_id]
    return found


def _checked_url(url: str) -> str:
    """Evidence becomes a link in reports: only http(s), never javascript: or data:."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ReviewError(f"evidence must be an http(s) URL, not {url!r}")
    return url


def _claim_keys(store: Store, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted({i for i in ids if valid_id(i)})  # others name no claim
    if not wanted:
        return {}
    with store._read() as conn:
        return claim_keys_in(conn, wanted)


def claim_keys_in(conn: Connection, ids: Iterable[int]) -> dict[int, str]:
    """`claim_key` of each of these claims, read in `conn`."""
    stmt = select(CLAIM.c.id, CLAIM.c.start, CLAIM.c.end, ARTICLE.c.content_hash).join(
        ARTICLE, ARTICLE.c.id == CLAIM.c.article_id
    )
    keys: dict[int, str] = {}
    for chunk in id_chunks(ids):
        for i, s, e, h in conn.execute(stmt.where(CLAIM.c.id.in_(chunk))):
            keys[i] = claim_key(h, s, e)
    return keys


def target_keys(
    store: Store, claim_id: int | None, dispute_id: int | None
) -> tuple[dict[str, Any], DisputeIndex | None]:
    """The row fields naming one claim or one dispute by its stable key (NotFoundError if
    there is none), and the dispute index read to find it (None for a claim)."""
    if claim_id is not None:
        keys = _claim_keys(store, [claim_id])
        if claim_id not in keys:
            raise NotFoundError(f"no claim with id {claim_id}")
        return {"claim_id": claim_id, "claim_key": keys[claim_id]}, None
    assert dispute_id is not None
    index = DisputeIndex.build(store)
    key = index.key_of(dispute_id)
    if key is None:
        raise NotFoundError(f"no dispute with id {dispute_id}")
    return {"dispute_key": key}, index


def _claims_by_key(conn: Connection, keys: Iterable[str]) -> dict[str, int]:
    parsed = []
    for key in set(keys):
        content_hash, start, end = key.rsplit(":", 2)
        parsed.append((content_hash, int(start), int(end)))
    if not parsed:
        return {}
    condition = or_(
        *(
            and_(ARTICLE.c.content_hash == h, CLAIM.c.start == s, CLAIM.c.end == e)
            for h, s, e in parsed
        )
    )
    stmt = (
        select(CLAIM.c.id, CLAIM.c.start, CLAIM.c.end, ARTICLE.c.content_hash)
        .join(ARTICLE, ARTICLE.c.id == CLAIM.c.article_id)
        .where(condition)
        .order_by(CLAIM.c.id)
    )
    out: dict[str, int] = {}
    for i, s, e, h in conn.execute(stmt):
        out.setdefault(claim_key(h, s, e), i)
    return out


@dataclass
class DisputeIndex:
    """The current disputes with their stable keys, to find a reviewed dispute again."""

    keys: dict[int, str]
    kinds: dict[int, str]
    members: dict[int, set[str]]

    @classmethod
    def build(cls, store: Store, found: Sequence[Dispute] | None = None) -> DisputeIndex:
        if found is None:
            from claimtrack.link.linker import Linker
            from claimtrack.query.disputes import disputes

            found = disputes(Linker(store))
        ids = {i for d in found for p in d.positions for i in p.claim_ids}
        keys = _claim_keys(store, ids)
        return cls(
            keys={d.id: d.key or f"{d.kind.value}:{keys[d.id]}" for d in found if d.id in keys},
            kinds={d.id: d.kind.value for d in found},
            members={
                d.id: {keys[i] for p in d.positions for i in p.claim_ids if i in keys}
                for d in found
            },
        )

    def key_of(self, dispute_id: int) -> str | None:
        return self.keys.get(dispute_id)

    def find(self, key: str) -> int | None:
        """The dispute reviewed under `key`: the same one, else one still holding its anchor.

        Re-linking can merge a dispute into a bigger one or change its kind; the
        verdict then follows its anchor claim, preferring a dispute of the same kind.
        """
        for dispute_id, own in self.keys.items():
            if own == key:
                return dispute_id
        kind, _, anchor = key.partition(":")
        if kind == "figure" and "@" in anchor:
            # A figure dispute's key is its quantity and its event's first article:
            # when that article is first no more (stored again, with a new id), the
            # dispute of that quantity that still holds one of its claims.
            quantity, _, event = anchor.rpartition("@")
            same = f"figure:{quantity}@"
            found = sorted(
                i
                for i, members in self.members.items()
                if self.keys.get(i, "").startswith(same)
                and any(m.startswith(f"{event}:") for m in members)
            )
            return found[0] if found else None
        holding = sorted(
            (self.kinds[i] != kind, i) for i, members in self.members.items() if anchor in members
        )
        return holding[0][1] if holding else None


def _resolve(
    store: Store, rows: Sequence[dict[str, Any]], index: DisputeIndex | None = None
) -> list[Review]:
    """Rows → reviews, with the current ids of the claims and disputes they are on."""
    current = _claim_keys(store, [r["claim_id"] for r in rows if r.get("claim_id") is not None])
    moved = [
        r["claim_key"]
        for r in rows
        if r.get("claim_key") and current.get(r.get("claim_id") or 0) != r["claim_key"]
    ]
    with store._read() as conn:
        by_key = _claims_by_key(conn, moved)
    if index is None and any(r.get("dispute_key") for r in rows):
        index = DisputeIndex.build(store)
    out = []
    for row in rows:
        key = row.get("claim_key")
        claim_id = None
        if key:
            stored = row.get("claim_id")
            claim_id = stored if stored is not None and current.get(stored) == key else None
            claim_id = claim_id if claim_id is not None else by_key.get(key)
        dispute_key = row.get("dispute_key")
        scale = _BY_CANONICAL.get(row["rating"])
        out.append(
            Review(
                id=row["id"],
                claim_id=claim_id,
                claim_key=key,
                dispute_id=index.find(dispute_key) if index and dispute_key else None,
                dispute_key=dispute_key,
                rating=row["rating"],
                rating_label=scale.label if scale else row["rating"],
                rating_value=row["rating_value"],
                note=row.get("note"),
                reviewer=row.get("reviewer"),
                evidence=_STRINGS.validate_json(row.get("evidence") or "[]"),
                created_at=row["created_at"],
            )
        )
    return out


def all_reviews(store: Store, index: DisputeIndex) -> list[Review]:
    """Every verdict resolved against disputes already computed (for reports)."""
    return _resolve(store, _rows(store), index)


def _rows(store: Store) -> list[dict[str, Any]]:
    with store._read() as conn:
        return [dict(r) for r in conn.execute(select(REVIEW).order_by(REVIEW.c.id)).mappings()]
