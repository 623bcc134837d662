"""A person's decision on a link: written only if the link is still as they saw it.

The review room shows a link, a reviewer decides some time later, and the CLI
or another reviewer may have decided it meanwhile. Reading the link first and
writing second would let a decision landing between the two be overwritten,
so the test is the UPDATE's own condition (id and status), in the transaction
that also reads back what refused it. Under SQLite a write transaction holds
the database; under PostgreSQL an UPDATE that waits on another's row lock
tests its WHERE again against the committed row. Either way one of two
decisions on a suggested link wins, and the other is told what is stored.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from claimtrack.errors import ClaimtrackError, NotFoundError
from claimtrack.link.rows import link_from_row
from claimtrack.models import ClaimLink, LinkStatus
from claimtrack.store.database import Store
from claimtrack.store.tables import LINK, valid_id


class LinkError(ClaimtrackError):
    """A link decision that cannot be applied (unknown id, bad status)."""


class LinkChangedError(LinkError):
    """A link decided by someone else since the deciding person saw it; nothing was written."""

    def __init__(
        self, link_id: int, expected: LinkStatus, now: ClaimLink, decided_at: str | None
    ) -> None:
        who = f" by {now.decided_by}" if now.decided_by else ""
        when = f" at {decided_at}" if decided_at else ""
        super().__init__(
            f"link {link_id} was {expected.value} when it was shown and is now "
            f"{now.status.value}{who}{when}; the decision was not recorded"
        )
        self.link_id = link_id
        self.expected = expected
        self.now = now  # the link as stored, claims in stored order
        self.decided_at = decided_at


def decide(
    store: Store,
    link_id: int,
    status: LinkStatus,
    person: str | None,
    expected: LinkStatus | None = None,
) -> ClaimLink:
    """Confirm or reject a link, if it still has the `expected` status (any, without one)."""
    if status is LinkStatus.suggested:
        raise LinkError("a decision is confirmed or rejected")
    if not valid_id(link_id):
        raise NotFoundError(f"no link with id {link_id}")
    stmt = update(LINK).where(LINK.c.id == link_id)
    if expected is not None:
        stmt = stmt.where(LINK.c.status == expected.value)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    stmt = stmt.values(status=status.value, decided_by=person or "reviewer", decided_at=now)
    with store._write("cannot record the decision") as conn:
        found = conn.execute(stmt.returning(LINK)).mappings().first()
        # What refused it, read in the same transaction: the state the person is shown.
        stored = (
            conn.execute(select(LINK).where(LINK.c.id == link_id)).mappings().first()
            if found is None
            else None
        )
    if found is not None:
        return link_from_row(found, None)
    if stored is None or expected is None:
        raise NotFoundError(f"no link with id {link_id}")
    raise LinkChangedError(link_id, expected, link_from_row(stored, None), stored["decided_at"])
