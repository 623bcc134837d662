"""Every article's event, kept with the database until an article is added.

`figures` of a unit alone spans tens of thousands of articles at 100,000;
grouping them into events on every call took seconds.  The grouping of all
articles (link/events.py) is made once and kept in `claimtrack_meta` under
the article count and highest id (articles are only ever added, and their
leads and dates never change), so a call reads a map (query/kept.py).
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, func, select

from claimtrack.link.events import event_ids
from claimtrack.link.linker import Linker
from claimtrack.query import kept
from claimtrack.store.tables import ARTICLE

KEY = "events_cache"


def state(conn: Connection) -> str:
    count, top = conn.execute(
        select(func.count(ARTICLE.c.id), func.coalesce(func.max(ARTICLE.c.id), 0))
    ).one()
    return f"{count}:{top}"


def events(linker: Linker) -> dict[int, int]:
    """Each stored article's event (the id of the event's first article)."""
    store = linker.store
    with store._read() as conn:
        current = state(conn)
        body = kept.read(conn, KEY, current)
    if body is not None:
        return _parsed(json.loads(body))
    with store._read() as conn:
        rows = conn.execute(select(ARTICLE.c.id, ARTICLE.c.published)).all()
        articles = [a for a, _ in rows]
        frames = linker.event_frames(conn, articles)
    found = event_ids(articles, frames, {a: d for a, d in rows if d})
    # Two lists of integers, not an object: at 100,000 articles parsing an object's
    # string keys back into ids took most of a `figures` call.
    kept.keep(store, KEY, state, current, json.dumps([list(found), list(found.values())]))
    return found


def _parsed(body: list[list[int]] | dict[str, int]) -> dict[int, int]:
    if isinstance(body, dict):  # kept before the lists, in the same schema
        return {int(a): e for a, e in body.items()}
    articles, events = body
    return dict(zip(articles, events, strict=True))
