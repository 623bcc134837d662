"""Articles' lead names, read from the store for what is made of them.

The linker keeps each article's event frame (scope.py) and event names
(events.py) in memory; both are made from the lead's name runs, stored with
the article since schema 10 (extraction/leadnames.py).  An article stored
before then has none, and its runs are read from its text.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import Connection, func, select

from claimtrack.extraction.leadnames import LEAD_CHARS, Runs, name_runs
from claimtrack.store.database import id_chunks
from claimtrack.store.tables import ARTICLE

T = TypeVar("T")


def remember_leads(
    conn: Connection,
    article_ids: Iterable[int | None],
    make: Callable[[Runs], T],
    cache: OrderedDict[int | None, T],
) -> None:
    """Put `make(runs)` in `cache` for each article not yet in it."""
    missing = {a for a in article_ids if a is not None and a not in cache}
    unread: set[int] = set()
    for chunk in id_chunks(missing):
        stmt = select(ARTICLE.c.id, ARTICLE.c.lead_names).where(ARTICLE.c.id.in_(chunk))
        for article_id, stored in conn.execute(stmt):
            if stored is None:
                unread.add(article_id)
            else:
                cache[article_id] = make(_runs(stored))
    for chunk in id_chunks(unread):
        lead = func.substr(ARTICLE.c.text, 1, LEAD_CHARS)
        stmt = select(ARTICLE.c.id, ARTICLE.c.title, lead).where(ARTICLE.c.id.in_(chunk))
        for row in conn.execute(stmt):
            cache[row[0]] = make(name_runs(row[1], row[2] or ""))


def _runs(stored: str) -> Runs:
    return [[(word, bool(common)) for word, common in run] for run in json.loads(stored)]
