"""A stored link as the model callers get: seen from one of its claims, or as stored."""

from __future__ import annotations

from typing import Any

from claimtrack.models import ClaimLink, LinkStatus, Relation


def link_from_row(row: Any, viewpoint: int | None) -> ClaimLink:
    """A link as seen from `viewpoint` (that claim first), else in stored order."""
    a, b = row["claim_a"], row["claim_b"]
    if viewpoint is not None and b == viewpoint:
        a, b = b, a
    return ClaimLink(
        id=row["id"],
        claim_id=a,
        other_id=b,
        relation=Relation(row["relation"]),
        score=row["score"],
        reason=row["reason"],
        status=LinkStatus(row["status"]),
        decided_by=row["decided_by"],
    )
