"""Who backs a figure: each value with its backers, reports and independent sources.

Backers are counted twice, as fact-checkers need: `reports` is how many claims
(articles) carry a value, `independent_sources` how many distinct original
speakers stand behind them.  Two outlets repeating one agency are one source.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, select

from claimtrack.collector import fewer_collections
from claimtrack.extraction.numbers import figure_unit, unit_class
from claimtrack.link.compare import claim_terms, terms
from claimtrack.link.linker import Linker
from claimtrack.link.quantities import quantity_key, same_value, value_label
from claimtrack.models import Claim, Figure, FigureGroup, Stance
from claimtrack.query import eventcache
from claimtrack.store import textindex
from claimtrack.store.backend import Backend
from claimtrack.store.database import id_chunks
from claimtrack.store.tables import ARTICLE


def speaker_key(speaker_id: int | None, speaker: str | None, article_id: int | None) -> str:
    """One key per original speaker: the resolved record, else the name as written.

    An unresolved speaker ("he" that named nobody for sure) is one unnamed
    source of its article: never the same source as another article's "he",
    and not two sources because one article wrote "he" twice.
    """
    if speaker_id is not None:
        return f"id:{speaker_id}"
    if speaker:
        return f"name:{speaker.casefold()}"
    return f"unresolved:{article_id}"


# One figure as `figures` groups it, a plain tuple (a unit alone is 40,000 of
# them at 100,000 articles): the claim_figure columns claim_id, article_id,
# speaker_id, speaker (as written, or the record's name), speaker_mention,
# outlet, published, unit, value, approximate, outcome, in this order.
FigureRow = tuple[
    int | None,
    int | None,
    int | None,
    str | None,
    str,
    str | None,
    str | None,
    str | None,
    float,
    bool,
    str | None,
]
_UNIT, _VALUE, _APPROXIMATE, _OUTCOME = 7, 8, 9, 10
# A run of equal figures: unit, outcome, value and qualifier.
_SAME_FIGURE = itemgetter(_UNIT, _OUTCOME, _VALUE, _APPROXIMATE)
# Each article's event (the id of its first article), and each event's title.
_Events = tuple[Mapping[int, int], Mapping[int, str]]


def _published(claim: Claim, dates: Mapping[int, str]) -> str | None:
    return dates.get(claim.article_id) if claim.article_id is not None else None


def _row(figure: Figure, claim: Claim, published: str | None) -> FigureRow:
    return (
        claim.id,
        claim.article_id,
        claim.speaker_id,
        claim.speaker,
        claim.speaker_mention,
        claim.outlet,
        published,
        figure.unit,
        figure.value,
        figure.approximate,
        figure.outcome,
    )


def query_units(query: str) -> tuple[set[str], set[str]]:
    """Unit classes named in a query ('North Korean soldiers' → troops) and its other terms."""
    units: set[str] = set()
    others = []
    for word in query.split():
        unit = unit_class(word.strip(",.?!"))
        if unit is not None:
            units.add(unit)
        if unit is None or word[:1].isupper():  # "North Korean" names a country too
            others.append(word)
    # The unit's own word ("people") is not also a term to match, or every claim
    # counting people would match "people Brask".
    rest = {t for t in terms(" ".join(others)) if not t.startswith("#")}
    return units, rest


def figures(linker: Linker, query: str) -> list[FigureGroup]:
    """One group per value of the quantity the query names, smallest value first."""
    units, rest = query_units(query)
    store = linker.store
    if not units:
        units, rest = _stored_units(linker, query, rest)
    need = max(1, len(rest) // 2)
    if units and need == 1:
        # A unit alone ("people") is carried by tens of thousands of claims at
        # 100,000 articles: read them from the table of figures by unit. With
        # one other term needed, the text index says which claims carry one.
        unit_list = sorted(units)
        with fewer_collections(), store._read() as conn:
            among = (
                textindex.having_query(conn, [f"#{u}" for u in unit_list], sorted(rest))
                if rest
                else None
            )
            stored, names = _unit_rows(store.backend, conn, unit_list, among)
            events = _events(linker, conn, stored)
            return _group(stored, names, ordered=True, events=events)
    if units or rest:
        # Only claims the text index finds: those with the unit and, if the
        # query says more, one of its other terms (checked more closely below).
        found = [f"#{u}" for u in sorted(units)] or sorted(rest)
        with store._read() as conn:
            ids = textindex.having(conn, found, sorted(rest) if units else ())
            claims = list(linker._claims_by_id(conn, set(ids)).values())
    else:
        claims = [c for c in store.claims() if c.figures]
    if rest:
        claims = [c for c in claims if len(claim_terms(c) & rest) >= need]
    dates = published_dates(linker, {c.article_id for c in claims if c.article_id is not None})
    rows: list[FigureRow] = []
    for claim in claims:
        denied = claim.stance is Stance.deny
        published = _published(claim, dates)
        for figure in claim.figures:
            if denied and figure.value != 0:  # "no one was killed" states 0 killed
                continue
            if units and figure.unit not in units:
                continue
            if not units and not _mentions(figure, rest):
                continue
            rows.append(_row(figure, claim, published))
    with store._read() as conn:
        events = _events(linker, conn, rows)
    return _group(rows, events=events)


def _events(linker: Linker, conn: Connection, rows: Sequence[Any]) -> _Events:
    """Each figure's article → its event (link/events.py, kept: eventcache.py), and titles."""
    every = eventcache.events(linker)
    found = {row[1]: every.get(row[1], row[1]) for row in rows if row[1] is not None}
    titles: dict[int, str] = {}
    for chunk in id_chunks(set(found.values())):
        query = select(ARTICLE.c.id, ARTICLE.c.title).where(ARTICLE.c.id.in_(chunk))
        titles.update((i, t or f"article {i}") for i, t in conn.execute(query))
    return found, titles


# Figures of the units asked for (bound parameters), denials left out, in the
# order _group keeps: by unit and value, then by claim and place in the claim
# (the table's primary key, so no sort). Record names are read apart: joining
# the speaker table made PostgreSQL hash every speaker and sort the join.
_UNIT_ROWS = (
    "SELECT claim_id, article_id, speaker_id, speaker, speaker_mention, outlet, published,"
    " unit, value, approximate, outcome"
    " FROM claim_figure WHERE unit IN ({marks}) AND NOT denied{among}"
    " ORDER BY unit, value, claim_id, position"
)


def _unit_rows(
    backend: Backend,
    conn: Connection,
    units: Sequence[str],
    among: tuple[str, tuple[str]] | None = None,
) -> tuple[Sequence[Any], dict[int, str]]:
    """Figures of these units, denials left out, by unit and value; record names by id.

    `among` is a subquery of claim ids (and its parameter) to keep figures of.

    The driver's own cursor and rows, no models: at 100,000 articles a unit
    alone is 40,000 figures, and building a `Claim` and a `Figure` for each
    took longer than everything else together.
    """
    where, params = "", tuple(units)
    if among is not None:
        where, params = f" AND claim_id IN ({among[0]})", params + among[1]
    marks = ", ".join([backend.mark] * len(units))
    # Read the primary key in order rather than sort 40,000 rows (`key_order`).
    sql = _UNIT_ROWS.format(marks=marks, among=where)
    rows = backend.driver_rows(conn, sql, params, key_order=True)
    # 11,000 speakers for "people" at 100,000 articles: 25 ms on PostgreSQL.
    ids = {row[2] for row in rows if row[2] is not None}
    names = backend.rows_by_id(conn, "SELECT id, name FROM speaker WHERE id {test}", ids)
    return rows, dict(names)


def _stored_units(linker: Linker, query: str, rest: set[str]) -> tuple[set[str], set[str]]:
    """Counted nouns with no class ("beds", "ballots") that stored figures count.

    Figures of such nouns are stored under the noun's singular; finding it in
    the text index keeps `figures "beds Lisk"` from reading every claim.
    """
    words = {w.strip(",.?!()") for w in query.split() if w[:1].islower()}
    guesses = {w: figure_unit(w) for w in words if w}
    with linker.store._read() as conn:
        found = textindex.postings(conn, [f"#{u}" for u in guesses.values()], 1)
    units = {u for u in guesses.values() if found.get(f"#{u}")}
    nouns = {w for w, u in guesses.items() if u in units}
    return units, rest - set(terms(" ".join(nouns)))


def _mentions(figure: Figure, wanted: set[str]) -> bool:
    noun_terms = set(terms(figure.noun or "")) | ({figure.unit} if figure.unit else set())
    return bool(noun_terms & wanted) or not wanted


def _lowest_match(value: float) -> float:
    """Below this no head can be `same_number` as `value` (heads are never above it).

    Within 10% of the larger magnitude: 0.9 x value for a positive value, value / 0.9
    for a negative one; widened a little so rounding never skips a match.
    """
    bound = 0.9 * value if value > 0 else value / 0.9
    return bound - 1e-9 * (1.0 + abs(value))


def group_claims(
    entries: Iterable[tuple[Figure, Claim]],
    dates: dict[int, str],
    linker: Linker | None = None,
) -> list[FigureGroup]:
    """`figures` groups of these (figure, claim) pairs; `dates` by article id.

    With a linker, figures of different events are grouped apart, as `figures` does.
    """
    rows = [_row(figure, claim, _published(claim, dates)) for figure, claim in entries]
    if linker is None:
        return _group(rows)
    with linker.store._read() as conn:
        return _group(rows, events=_events(linker, conn, rows))


class _Heads:
    """One unit's groups, ascending by their first (head) value, approximate heads also apart.

    Values arrive in ascending order, so heads are appended in order and a figure
    is tried only against heads near it: a unit alone ("people") has thousands of
    values, and trying every group was quadratic (2.5 s at 10,000 articles).
    """

    __slots__ = ("approximate", "approximate_at", "approximate_values", "groups", "values")

    def __init__(self) -> None:
        self.values: list[float] = []
        self.approximate: list[bool] = []
        self.groups: list[list[FigureRow]] = []
        self.approximate_values: list[float] = []
        self.approximate_at: list[int] = []

    def find(self, value: float, approximate: bool) -> list[FigureRow] | None:
        """The first group whose head `same_value` matches, as trying each head in turn would."""
        lowest = _lowest_match(value)
        if approximate:  # the first head near it nearly always matches
            for index in range(bisect.bisect_left(self.values, lowest), len(self.groups)):
                if same_value(self.values[index], self.approximate[index], value, True):
                    return self.groups[index]
            return None
        # An exact figure matches a head of its own value or an approximate head
        # near it, never another exact one: skip those (most heads, for "people").
        equal = bisect.bisect_left(self.values, value)
        if equal == len(self.values) or self.values[equal] != value:
            equal = len(self.values)
        first = bisect.bisect_left(self.approximate_values, lowest)
        for index in self.approximate_at[first:]:
            if index >= equal:
                break
            if same_value(self.values[index], True, value, False):
                return self.groups[index]
        return self.groups[equal] if equal < len(self.groups) else None

    def add(self, value: float, approximate: bool) -> list[FigureRow]:
        """A new, empty group that this figure heads."""
        self.values.append(value)
        self.approximate.append(approximate)
        self.groups.append([])
        if approximate:
            self.approximate_values.append(value)
            self.approximate_at.append(len(self.groups) - 1)
        return self.groups[-1]


def _group(
    rows: Sequence[FigureRow],
    names: Mapping[int, str] | None = None,
    ordered: bool = False,
    events: _Events | None = None,
) -> list[FigureGroup]:
    """Figures that may be one number (3,000 and 'approximately 3,000') of one event share a group.

    `names` gives the record's name for a speaker id where the rows carry the
    name as written; `ordered` says the rows already come by unit and then
    value, as the table of figures gives them, and saves sorting 40,000 again;
    `events` says which event each article tells (none: one event).
    """
    event_of, titles = events or ({}, {})
    groups: list[tuple[int | None, list[FigureRow]]] = []
    by_unit: dict[tuple[str | None, str | None, int | None], _Heads] = {}
    # Equal figures always join the same group (heads never change and new groups
    # only come after it), so the search runs once per run of equal figures, not
    # once per claim: "people" is 36,000 figures of 5,000 values at 100,000 articles.
    joined: dict[tuple[str | None, str | None, float, bool, int | None], list[FigureRow]] = {}
    ascending = rows if ordered else sorted(rows, key=lambda r: (r[_UNIT] or "", r[_VALUE]))
    for (unit, outcome, value, approximate), run in groupby(ascending, _SAME_FIGURE):
        for row in run:
            article = row[1]  # the article id
            event = event_of.get(article) if article is not None else None
            key = (unit, outcome, value, approximate, event)
            group = joined.get(key)
            if group is None:
                heads = by_unit.setdefault((unit, outcome, event), _Heads())
                group = heads.find(value, approximate)
                if group is None:
                    group = heads.add(value, approximate)
                    groups.append((event, group))
                joined[key] = group
            group.append(row)
    found = [_figure_group(group, names or {}, event, titles) for event, group in groups]
    return sorted(found, key=lambda g: (g.unit or "", g.quantity or "", g.value, g.event_id or 0))


def _figure_group(
    rows: list[FigureRow], names: Mapping[int, str], event: int | None, titles: Mapping[int, str]
) -> FigureGroup:
    # One pass over the rows: "people" at 100,000 articles is 23,000 groups, half of
    # them one figure, where transposing columns cost more than reading them.
    claim_ids: list[int] = []
    speakers: dict[str, None] = {}
    articles: dict[int, None] = {}
    outlets: dict[str, None] = {}
    dates: dict[str, None] = {}
    sources: set[str] = set()
    # One claim's figures all carry the same claim columns: each claim is listed once.
    seen: set[tuple[int | None, int | None, str, str | None, str | None]] = set()
    approximate = False
    value: float | None = None  # the first exact value names the group, else the first
    for (
        claim_id,
        article,
        speaker_id,
        written,
        mention,
        outlet,
        date,
        _,
        found,
        flag,
        _,
    ) in rows:
        if flag:
            approximate = True
        elif value is None:
            value = found
        shown = (
            (names.get(speaker_id) or written or mention)
            if speaker_id is not None
            else (written or mention)
        )
        key = (claim_id, article, shown, outlet, date or None)
        if key in seen:
            continue
        seen.add(key)
        if claim_id is not None:
            claim_ids.append(claim_id)
        if shown:
            speakers[shown] = None
        if article is not None:
            articles[article] = None
        if outlet:
            outlets[outlet] = None
        if date:
            dates[date] = None
        sources.add(speaker_key(speaker_id, written and shown, article))
    *_, unit, first_value, _, outcome = rows[0]
    named = first_value if value is None else value
    return FigureGroup(
        value=named,
        unit=unit,
        quantity=quantity_key(unit, outcome),
        approximate=approximate,
        label=value_label(named, approximate),
        claim_ids=claim_ids,
        speakers=list(speakers),
        articles=list(articles),
        outlets=list(outlets),
        independent_sources=len(sources),
        reports=len(seen),
        dates=list(dates),
        event_id=event,
        event=titles.get(event) if event is not None else None,
    )


def published_dates(linker: Linker, article_ids: set[int]) -> dict[int, str]:
    if not article_ids:
        return {}
    stmt = select(ARTICLE.c.id, ARTICLE.c.published)
    dates: dict[int, str] = {}
    with linker.store._read() as conn:
        for chunk in id_chunks(article_ids):
            for i, published in conn.execute(stmt.where(ARTICLE.c.id.in_(chunk))):
                if published:
                    dates[i] = published
    return dates
