"""What the pages show, read from the store: backers with their articles, figure charts, spans.

Everything here reads; nothing decides. Claims and articles are fetched by id
for the few disputes or links on one page, never the whole table, so a page
costs the same at 100,000 articles as at five.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select

from claimtrack.link.quantities import figure_key
from claimtrack.models import Claim, ClaimLink, Dispute, DisputeKind, Figure, Stance
from claimtrack.query.figures import group_claims
from claimtrack.report.models import FigureTable
from claimtrack.report.render.chart import chart
from claimtrack.store.articles import claim_select, claims_from
from claimtrack.store.database import Store, id_chunks
from claimtrack.store.tables import ARTICLE, CLAIM, valid_id

PAGE_SIZE = 20


@dataclass(frozen=True)
class ArticleMeta:
    """An article as a backer's line names it: no text."""

    id: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None


PASSAGE = 600  # characters of a backer's passage shown; the claim page has the whole


@dataclass(frozen=True)
class Backer:
    """One claim of a position, with the article it comes from and its passage as shown."""

    claim: Claim
    article: ArticleMeta | None
    passage: str


@dataclass(frozen=True)
class PositionView:
    label: str
    independent_sources: int
    reports: int
    speakers: list[str]
    backers: list[Backer]


@dataclass(frozen=True)
class Pager:
    """One page of a ranked list: which rows, and where the neighbours are."""

    page: int
    pages: int
    total: int
    start: int
    end: int

    @classmethod
    def of(cls, total: int, page: int, size: int | None = None) -> Pager:
        size = size or PAGE_SIZE
        pages = max(1, -(-total // size))
        page = min(max(1, page), pages)
        start = (page - 1) * size
        return cls(page=page, pages=pages, total=total, start=start, end=min(total, start + size))


def claims_by_id(store: Store, ids: Iterable[int]) -> dict[int, Claim]:
    """Claims by id in one query per chunk; unknown ids are left out."""
    found: dict[int, Claim] = {}
    wanted = [i for i in ids if valid_id(i)]
    with store._read() as conn:
        for chunk in id_chunks(wanted):
            for claim in claims_from(conn.execute(claim_select().where(CLAIM.c.id.in_(chunk)))):
                if claim.id is not None:
                    found[claim.id] = claim
    return found


def articles_by_id(store: Store, ids: Iterable[int]) -> dict[int, ArticleMeta]:
    """Article metadata by id, without the texts."""
    a = ARTICLE.c
    stmt = select(a.id, a.title, a.outlet, a.published, a.url)
    found: dict[int, ArticleMeta] = {}
    with store._read() as conn:
        for chunk in id_chunks(i for i in ids if valid_id(i)):
            for row in conn.execute(stmt.where(a.id.in_(chunk))):
                found[row.id] = ArticleMeta(row.id, row.title, row.outlet, row.published, row.url)
    return found


def members(dispute: Dispute) -> list[int]:
    return [i for p in dispute.positions for i in p.claim_ids]


def positions(store: Store, dispute: Dispute) -> list[PositionView]:
    """Each side of a dispute with every backer's claim, article and passage."""
    claims = claims_by_id(store, members(dispute))
    articles = articles_by_id(store, {c.article_id for c in claims.values() if c.article_id})
    quantity = dispute.topic.split(": ", 1)[0] if dispute.kind is DisputeKind.figure else None
    return [
        PositionView(
            label=p.label,
            independent_sources=p.independent_sources,
            reports=p.reports,
            speakers=p.speakers,
            backers=[
                Backer(
                    claims[i],
                    articles.get(claims[i].article_id or 0),
                    excerpt(claims[i].sentence, _focus(claims[i], quantity)),
                )
                for i in p.claim_ids
                if i in claims
            ],
        )
        for p in dispute.positions
    ]


def _focus(claim: Claim, quantity: str | None) -> int:
    """Where in its passage a backer backs the position: the disputed figure, else the claim."""
    for figure in claim.figures:
        if quantity is not None and figure_key(figure) == quantity:
            return figure.start - claim.start
    found = claim.sentence.find(claim.text[:40])
    return max(found, 0)


def excerpt(text: str, at: int, limit: int = PASSAGE) -> str:
    """`text` whole when short, else the `limit` characters around offset `at`, cut between
    words, with an ellipsis where it was cut.

    A passage the extractor ran together (an unclosed quotation mark: 2,153 characters in
    one ECB+ article) would otherwise fill a column, with the figure it backs at its end.
    """
    if len(text) <= limit:
        return text
    start = min(max(at - limit // 3, 0), len(text) - limit)
    end = start + limit
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    if end < len(text):
        space = text.rfind(" ", max(at, start), end)
        end = space if space > start else end
    return ("… " if start > 0 else "") + text[start:end].strip() + (" …" if end < len(text) else "")


def reported(store: Store, shown: Sequence[Dispute]) -> dict[int, str]:
    """When each dispute's backers were published ('2011-11-10 to 2011-11-14'), by dispute id;
    left out when none of its articles has a date."""
    ids = {a for d in shown for p in d.positions for a in p.articles}
    dates = {i: a.published[:10] for i, a in articles_by_id(store, ids).items() if a.published}
    out: dict[int, str] = {}
    for dispute in shown:
        found = sorted({dates[a] for p in dispute.positions for a in p.articles if a in dates})
        if found:
            out[dispute.id] = found[0] if len(found) == 1 else f"{found[0]} to {found[-1]}"
    return out


def figure_charts(store: Store, shown: Sequence[Dispute]) -> dict[int, Markup]:
    """The HTML report's bar chart for each figure dispute among `shown`, by dispute id."""
    figure_disputes = [d for d in shown if d.kind is DisputeKind.figure]
    if not figure_disputes:
        return {}
    claims = claims_by_id(store, {i for d in figure_disputes for i in members(d)})
    articles = articles_by_id(store, {c.article_id for c in claims.values() if c.article_id})
    dates = {i: a.published for i, a in articles.items() if a.published}
    out: dict[int, Markup] = {}
    for dispute in figure_disputes:
        table = figure_table(dispute, claims, dates)
        if table is not None and table.rows:
            out[dispute.id] = Markup(chart(table))  # chart() escapes every label itself
    return out


def figure_table(
    dispute: Dispute, claims: dict[int, Claim], dates: dict[int, str]
) -> FigureTable | None:
    """The values of a figure dispute grouped as `claimtrack figures` groups them.

    The unit is the one every asserting claim counts, the one its topic or its
    positions name when there are several. Only figures of
    the quantity the topic names are drawn: a claim of "12 killed and 20 injured"
    backs 12 in a dispute over people killed, and a bar of 20 would be a value
    no position holds.
    """
    asserting = [
        claims[i]
        for i in sorted(set(members(dispute)))
        if i in claims and claims[i].stance is Stance.assert_
    ]
    units: set[str] | None = None
    for claim in asserting:
        own = {f.unit for f in claim.figures if f.unit}
        units = own if units is None else units & own
    if not units:
        return None
    # The unit the topic names ("troops: …"), else the one the positions are written in
    # ("6 miles" against "6.2 miles": not the kilometres both also state).
    labels = [p.label for p in dispute.positions]
    named = [u for u in sorted(units) if dispute.topic.startswith(f"{u}: ")] or [
        u for u in sorted(units) if any(label.endswith(f" {u}") for label in labels)
    ]
    unit = named[0] if named else sorted(units)[0]
    entries: list[tuple[Figure, Claim]] = [
        (f, c) for c in asserting for f in c.figures if f.unit == unit
    ]
    quantities = {figure_key(f) for f, _ in entries}
    topic_names = [q for q in quantities if q and dispute.topic.startswith(f"{q}: ")]
    if topic_names:
        wanted = max(topic_names, key=len)  # "people killed", not "people"
        entries = [(f, c) for f, c in entries if figure_key(f) == wanted]
    return FigureTable(dispute_id=dispute.id, unit=unit, rows=group_claims(entries, dates))


def split_text(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The article text before, inside and after a claim's span (escaped by the template)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return text[:start], text[start:end], text[end:]


def other_claims(store: Store, links: Sequence[ClaimLink]) -> dict[int, Claim]:
    """The claims at the other end of these links."""
    return claims_by_id(store, {link.other_id for link in links})
