"""Articles' leads (title and opening characters), read for what is made of them.

The linker keeps each article's event frame (scope.py) and event names
(events.py) in memory; both are made from the same few hundred characters.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import Connection, func, select

from claimtrack.link.scope import LEAD_CHARS
from claimtrack.store.database import id_chunks
from claimtrack.store.tables import ARTICLE

T = TypeVar("T")


def remember_leads(
    conn: Connection,
    article_ids: Iterable[int | None],
    make: Callable[[str | None, str], T],
    cache: OrderedDict[int | None, T],
) -> None:
    """Put `make(title, lead)` in `cache` for each article not yet in it."""
    missing = {a for a in article_ids if a is not None and a not in cache}
    for chunk in id_chunks(missing):
        rows = conn.execute(
            select(ARTICLE.c.id, ARTICLE.c.title, func.substr(ARTICLE.c.text, 1, LEAD_CHARS)).where(
                ARTICLE.c.id.in_(chunk)
            )
        )
        for article_id, title, lead in rows:
            cache[article_id] = make(title, lead or "")
