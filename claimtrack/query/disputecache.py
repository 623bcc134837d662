"""Disputes kept with the database, for as long as what they were computed from is unchanged.

Computing every dispute reads every live link and splits each component by
event: seconds at 10,000 articles, tens of seconds at 100,000.  What they
depend on is the links (their ids, relations and statuses), the claims (the
text index's stamp changes with every claim indexed) and the speaker records
(their stamp changes with every merge, split or new record).  A checksum of
those is the cache's key: one aggregate over the links, read in the same
transaction as the cached list, so a cached list is never served for a state
it was not computed from (query/kept.py).
"""

from __future__ import annotations

from pydantic import TypeAdapter
from sqlalchemy import Connection, case, func, select

from claimtrack.models import Dispute, LinkStatus, Relation
from claimtrack.query import kept
from claimtrack.store import speakercache, textindex
from claimtrack.store.database import Store
from claimtrack.store.tables import LINK

KEY = "disputes_cache"
_DISPUTES = TypeAdapter(list[Dispute])
# Per link, a code of its status and relation; weighted by id and summed, any
# decision, relinking or new link changes the sum.
_CODE = case(
    (LINK.c.status == LinkStatus.confirmed.value, 3),
    (LINK.c.status == LinkStatus.rejected.value, 5),
    else_=7,
) + case(
    (LINK.c.relation == Relation.contradicts.value, 11),
    (LINK.c.relation == Relation.related.value, 13),
    else_=17,
)


def state(conn: Connection) -> str:
    """What the disputes of this database are computed from, as one string."""
    count, top, checksum = conn.execute(
        select(
            func.count(LINK.c.id),
            func.coalesce(func.max(LINK.c.id), 0),
            func.coalesce(func.sum(LINK.c.id * _CODE), 0),
        )
    ).one()
    return f"{count}:{top}:{checksum}:{textindex.stamp(conn)}:{speakercache.stamp(conn)}"


def load(conn: Connection, current: str) -> list[Dispute] | None:
    """The disputes kept for `current`, or None when none are kept for it."""
    body = kept.read(conn, KEY, current)
    return None if body is None else _DISPUTES.validate_json(body)


def save(store: Store, current: str, found: list[Dispute]) -> None:
    """Keep `found` as the disputes of `current`, unless the state moved on meanwhile."""
    kept.keep(store, KEY, state, current, _DISPUTES.dump_json(found).decode())
