"""Articles and claims read a page at a time, for output as big as the database (`report`).

`Store.claims()` and `Store.articles()` return lists: at 100,000 articles that
is 1.08 million claims and gigabytes of models. These generators hold one
window of articles (and their claims) at a time, in the order a report lists
claims: by article, then position in it, then id. A window is a range of
article ids, so each page is one range scan of `ix_claim_article_start` on
either backend, with no OFFSET to rescan.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import Any, NamedTuple

from sqlalchemy import Connection, func, or_, select

from claimtrack.models import ArticleSummary, Claim
from claimtrack.store.articles import claim_select, claims_from
from claimtrack.store.backend import id_chunks
from claimtrack.store.engine import StoreBase
from claimtrack.store.tables import ARTICLE, CLAIM, SPEAKER, valid_id

# Articles per window: about 11 claims each on news copy, so a few thousand claims a page.
WINDOW = 250


class Page(NamedTuple):
    """Some claims in report order, with the articles they come from."""

    articles: dict[int, ArticleSummary]
    claims: list[Claim]


class ClaimHead(NamedTuple):
    """The few columns of a claim that say who said it and where (no text, no JSON)."""

    id: int
    article_id: int
    start: int
    speaker_id: int | None
    speaker: str | None  # the speaker record's name, else the name stored with the claim
    speaker_mention: str
    speaker_kind: str


def article_pages(store: StoreBase, size: int | None = None) -> Iterator[list[ArticleSummary]]:
    """Every article without its text, with its number of claims, by id, `size` at a time."""
    size = size or WINDOW
    last = 0
    while True:
        with store._read() as conn:
            page = _summaries(conn, ARTICLE.c.id > last, limit=size)
        if not page:
            return
        yield page
        last = page[-1].id


def article_summaries(store: StoreBase, ids: Iterable[int]) -> dict[int, ArticleSummary]:
    """These articles without their text (with their numbers of claims), by id."""
    found: dict[int, ArticleSummary] = {}
    with store._read() as conn:
        for chunk in id_chunks(i for i in ids if valid_id(i)):
            found.update((a.id, a) for a in _summaries(conn, ARTICLE.c.id.in_(chunk)))
    return found


def claims_by_id(store: StoreBase, ids: Iterable[int]) -> dict[int, Claim]:
    """These claims (as `Store.claims` reads them), by id in ascending order."""
    found: dict[int, Claim] = {}
    with store._read() as conn:
        for chunk in id_chunks(i for i in ids if valid_id(i)):
            stmt = claim_select().where(CLAIM.c.id.in_(chunk)).order_by(CLAIM.c.id)
            found.update((c.id, c) for c in claims_from(conn.execute(stmt)) if c.id is not None)
    return found


def claim_pages(
    store: StoreBase, ids: Collection[int] | None = None, size: int | None = None
) -> Iterator[Page]:
    """Every claim (or only `ids`) by article, position and id, one page at a time."""
    size = size or WINDOW
    c = CLAIM.c
    order = (c.article_id, c.start, c.id)
    if ids is None:
        for window in article_pages(store, size):
            with store._read() as conn:
                stmt = claim_select().where(_within(window)).order_by(*order)
                claims = list(claims_from(conn.execute(stmt)))
            yield Page({a.id: a for a in window}, claims)
        return
    ordered = [h.id for heads in claim_heads(store, ids, size) for h in heads]
    for at in range(0, len(ordered), size * 10):  # about as many claims as a window holds
        wanted = ordered[at : at + size * 10]
        by_id = claims_by_id(store, wanted)
        claims = [by_id[i] for i in wanted if i in by_id]
        yield Page(article_summaries(store, {c.article_id for c in claims if c.article_id}), claims)


def claim_heads(
    store: StoreBase, ids: Collection[int] | None = None, size: int | None = None
) -> Iterator[list[ClaimHead]]:
    """`ClaimHead`s of every claim (or only `ids`) in the order of `claim_pages`."""
    size = size or WINDOW
    c = CLAIM.c
    stmt = select(
        c.id,
        c.article_id,
        c.start,
        c.speaker_id,
        SPEAKER.c.name,
        c.speaker,
        c.speaker_mention,
        c.speaker_kind,
    ).outerjoin(SPEAKER, SPEAKER.c.id == c.speaker_id)
    if ids is None:
        for window in _windows(store, size):
            with store._read() as conn:
                rows = conn.execute(
                    stmt.where(c.article_id.between(window[0], window[-1])).order_by(
                        c.article_id, c.start, c.id
                    )
                )
                page = [_head(*row) for row in rows]
            yield page  # the connection goes back to the pool between pages
        return
    heads: list[ClaimHead] = []
    with store._read() as conn:
        for chunk in id_chunks(i for i in ids if valid_id(i)):
            heads.extend(_head(*row) for row in conn.execute(stmt.where(c.id.in_(chunk))))
    heads.sort(key=lambda h: (h.article_id, h.start, h.id))
    for at in range(0, len(heads), size):
        yield heads[at : at + size]


def claim_texts(store: StoreBase, size: int | None = None) -> Iterator[list[tuple[int, str, str]]]:
    """(id, text, sentence) of every claim, a window of articles at a time."""
    size = size or WINDOW
    c = CLAIM.c
    stmt = select(c.id, c.text, c.sentence)
    for window in _windows(store, size):
        with store._read() as conn:
            rows = conn.execute(stmt.where(c.article_id.between(window[0], window[-1])))
            page = [(i, text, sentence) for i, text, sentence in rows]
        yield page


def claims_holding(store: StoreBase, fragment: str) -> Iterator[list[tuple[int, str, str]]]:
    """(id, text, sentence) of the claims whose text or sentence holds `fragment` in any
    ASCII case: one scan in the database, for a caller to test the candidates exactly."""
    c = CLAIM.c
    holds = store.backend.holds_any_case
    stmt = select(c.id, c.text, c.sentence).where(
        or_(holds(c.text, fragment), holds(c.sentence, fragment))
    )
    with store._read() as conn:
        for rows in conn.execution_options(yield_per=WINDOW * 10).execute(stmt).partitions():
            yield [(i, text, sentence) for i, text, sentence in rows]


def _windows(store: StoreBase, size: int) -> Iterator[list[int]]:
    """Article ids, ascending, `size` at a time."""
    last = 0
    while True:
        stmt = select(ARTICLE.c.id).where(ARTICLE.c.id > last).order_by(ARTICLE.c.id).limit(size)
        with store._read() as conn:
            ids = list(conn.execute(stmt).scalars())
        if not ids:
            return
        yield ids
        last = ids[-1]


def _head(
    i: int,
    article_id: int,
    start: int,
    speaker_id: int | None,
    record: str | None,
    speaker: str | None,
    mention: str,
    kind: str,
) -> ClaimHead:
    """A head naming the speaker as `claims_from` does: the record's name, else the claim's."""
    return ClaimHead(i, article_id, start, speaker_id, record or speaker, mention, kind)


def article_totals(store: StoreBase) -> tuple[int, int]:
    """How many articles, and how many different outlets they name."""
    a = ARTICLE.c
    with store._read() as conn:
        articles = conn.execute(select(func.count()).select_from(ARTICLE)).scalar_one()
        outlets = conn.execute(
            select(func.count(a.outlet.distinct())).where(a.outlet != "")
        ).scalar_one()
    return int(articles), int(outlets)


def _within(window: list[ArticleSummary]) -> Any:
    return CLAIM.c.article_id.between(window[0].id, window[-1].id)


def _summaries(conn: Connection, condition: Any, limit: int | None = None) -> list[ArticleSummary]:
    a = ARTICLE.c
    count = (
        select(func.count())
        .select_from(CLAIM)
        .where(CLAIM.c.article_id == a.id)
        .scalar_subquery()
        .label("claims")
    )
    stmt = (
        select(a.id, a.title, a.outlet, a.published, a.path, a.url, count)
        .where(condition)
        .order_by(a.id)
        .limit(limit)
    )
    return [ArticleSummary.model_validate(dict(row)) for row in conn.execute(stmt).mappings()]
