"""Who reviews what: claims and disputes assigned to reviewers, and each reviewer's queue.

Assignments are a history that only grows, as verdicts are: reassigning adds a
row, and the latest row for an item says whose it is.  Items are kept by the
same stable keys as verdicts (query.reviews: the article's content hash and the
claim's span; a dispute's kind and anchor claim), so an assignment follows its
claim through re-ingest and its dispute through re-linking.  An item leaves its
reviewer's queue once a verdict is recorded on it after the assignment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select

from claimtrack.batching import chunks
from claimtrack.errors import ClaimtrackError
from claimtrack.models import Assignment, Review
from claimtrack.query.reviews import (
    DisputeIndex,
    _claim_keys,
    _claims_by_key,
    _resolve,
    _rows,
    target_keys,
)
from claimtrack.store.database import Store
from claimtrack.store.tables import ASSIGNMENT, REVIEW
from claimtrack.textsafety import _UNSAFE

# Claim keys looked up per statement: each is three parameters and one OR term.
KEYS_PER_QUERY = 200


class AssignmentError(ClaimtrackError):
    """An assignment that cannot be made: no reviewer, or not exactly one item."""


def clean_name(text: str | None) -> str:
    """A name on one line with no control or bidi characters: it is shown in tables and pages."""
    return _UNSAFE.sub("", " ".join((text or "").split())).strip()


def _clean_note(text: str | None) -> str | None:
    """A note keeps its line breaks; every other control or bidi character goes."""
    lines = (text or "").replace("\r\n", "\n").split("\n")
    return "\n".join(clean_name(line) for line in lines).strip() or None


def assign(
    store: Store,
    *,
    reviewer: str,
    claim_id: int | None = None,
    dispute_id: int | None = None,
    assigned_by: str | None = None,
    note: str | None = None,
) -> Assignment:
    """Give one claim or one dispute to `reviewer`; everything is checked before writing."""
    if (claim_id is None) == (dispute_id is None):
        raise AssignmentError("assign a claim id or a dispute id, not both or neither")
    who = clean_name(reviewer)
    if not who:
        raise AssignmentError("name the reviewer to assign to (it is empty)")
    row: dict[str, Any] = {
        "reviewer": who,
        "assigned_by": clean_name(assigned_by) or None,
        "note": _clean_note(note),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    target, found = target_keys(store, claim_id, dispute_id)
    row.update(target)
    index = found or DisputeIndex({}, {}, {})
    # The highest review id, read in the statement that inserts: later verdicts decide it.
    mark = select(func.coalesce(func.max(REVIEW.c.id), 0)).scalar_subquery()
    with store._write("cannot store assignment") as conn:
        stmt = insert(ASSIGNMENT).values(**row, review_mark=mark).returning(ASSIGNMENT.c.id)
        new_id = conn.execute(stmt).scalar_one()
    (made,) = _read(store, index, only=new_id)
    return made


def assignments(
    store: Store,
    *,
    claim_id: int | None = None,
    dispute_id: int | None = None,
    reviewer: str | None = None,
) -> list[Assignment]:
    """Every assignment, oldest first, reassignments included; only those of one claim, one
    dispute or (names compared as queues compare them) one reviewer when asked."""
    who = None if reviewer is None else clean_name(reviewer).casefold()
    if who == "":
        raise AssignmentError("name the reviewer whose assignments to show (it is empty)")
    found = _read(store)
    if claim_id is not None:
        found = [a for a in found if a.claim_id == claim_id]
    if dispute_id is not None:
        found = [a for a in found if a.dispute_id == dispute_id]
    if who is not None:
        found = [a for a in found if a.reviewer.casefold() == who]
    return found


def queue(store: Store, reviewer: str, *, include_done: bool = False) -> list[Assignment]:
    """What is `reviewer`'s now and not yet decided, oldest first.

    An item is theirs when its latest assignment is to them (names compared
    regardless of case and spacing); `include_done` keeps the decided ones too.
    An item that no longer exists (its claim gone, its dispute resolved by
    re-linking) has nothing left to decide and is left out.
    """
    who = clean_name(reviewer).casefold()
    if not who:
        raise AssignmentError("name the reviewer whose queue to show (it is empty)")
    mine = [a for a in _current(store) if a.reviewer.casefold() == who]
    return [a for a in mine if include_done or not a.decided]


def waiting(store: Store) -> list[tuple[str, int]]:
    """Every reviewer with something in their queue and how many items, most first (then by
    name); a name is written as its latest assignment writes it."""
    names: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for a in _current(store):
        if not a.decided:
            key = a.reviewer.casefold()
            names[key] = a.reviewer
            counts[key] += 1
    return sorted(
        ((names[k], n) for k, n in counts.items()), key=lambda x: (-x[1], x[0].casefold())
    )


def _current(store: Store) -> list[Assignment]:
    """The latest assignment of every item that still exists, oldest first."""
    latest: dict[tuple[str, object], Assignment] = {}
    for made in _read(store):
        latest[_item(made)] = made  # oldest first: the last one wins
    found = [a for a in latest.values() if a.claim_id is not None or a.dispute_id is not None]
    return sorted(found, key=lambda a: a.id)


def _item(made: Assignment) -> tuple[str, object]:
    """What an assignment is of: its current dispute, else its dispute key, else its claim."""
    if made.dispute_key is None:
        return ("claim", made.claim_id if made.claim_id is not None else f"gone {made.id}")
    if made.dispute_id is not None:
        return ("dispute", made.dispute_id)
    return ("dispute key", made.dispute_key)


def _read(
    store: Store, index: DisputeIndex | None = None, only: int | None = None
) -> list[Assignment]:
    """Assignment rows, oldest first, with current ids and whether a verdict has decided them."""
    stmt = select(ASSIGNMENT).order_by(ASSIGNMENT.c.id)
    if only is not None:
        stmt = stmt.where(ASSIGNMENT.c.id == only)
    with store._read() as conn:
        rows = [dict(r) for r in conn.execute(stmt).mappings()]
    review_rows = _rows(store)
    if index is None:
        disputed = any(r.get("dispute_key") for r in [*rows, *review_rows])
        index = DisputeIndex.build(store) if disputed else DisputeIndex({}, {}, {})
    last = _last_verdicts(_resolve(store, review_rows, index))
    claims = _current_claims(store, rows)
    out = []
    for row in rows:
        dispute_key = row.get("dispute_key")
        dispute_id = index.find(dispute_key) if dispute_key else None
        if dispute_key:
            items = [("dispute key", dispute_key), ("dispute", dispute_id)]
        else:
            items = [("claim key", row.get("claim_key"))]
        out.append(
            Assignment(
                id=row["id"],
                claim_id=claims.get(row["id"]),
                dispute_id=dispute_id,
                dispute_key=dispute_key,
                reviewer=row["reviewer"],
                assigned_by=row.get("assigned_by"),
                note=row.get("note"),
                created_at=row["created_at"],
                decided=max(last.get(i, 0) for i in items) > row["review_mark"],
            )
        )
    return out


def _last_verdicts(verdicts: Sequence[Review]) -> dict[tuple[str, object], int]:
    """The newest review id on each claim key, dispute key and current dispute id."""
    last: dict[tuple[str, object], int] = {}
    for v in verdicts:
        if v.dispute_key is not None:
            items = [("dispute key", v.dispute_key), ("dispute", v.dispute_id)]
        else:
            items = [("claim key", v.claim_key)]
        for item in items:
            if item[1] is not None:
                last[item] = max(last.get(item, 0), v.id)
    return last


def _current_claims(store: Store, rows: Sequence[dict[str, Any]]) -> dict[int, int]:
    """Assignment id → its claim's current id: the stored one if it still has the key, else
    the claim now at that article and span (re-ingest gives claims new ids)."""
    keyed = [r for r in rows if r.get("claim_key")]
    current = _claim_keys(store, [r["claim_id"] for r in keyed if r.get("claim_id") is not None])
    moved = sorted(
        {r["claim_key"] for r in keyed if current.get(r.get("claim_id") or 0) != r["claim_key"]}
    )
    by_key: dict[str, int] = {}
    with store._read() as conn:
        for part in chunks(moved, KEYS_PER_QUERY):
            by_key.update(_claims_by_key(conn, part))
    out: dict[int, int] = {}
    for r in keyed:
        stored = r.get("claim_id")
        found = stored if stored is not None and current.get(stored) == r["claim_key"] else None
        found = found if found is not None else by_key.get(r["claim_key"])
        if found is not None:
            out[r["id"]] = found
    return out
