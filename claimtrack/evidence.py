"""Who backs a figure, and what the database says about a statement being checked.

Backers are counted twice, as fact-checkers need: `reports` is how many claims
(articles) carry a value, `independent_sources` how many distinct original
speakers stand behind them.  Two outlets repeating one agency are one source.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import Connection, select

from claimtrack import textindex
from claimtrack.collector import fewer_collections
from claimtrack.extract import extract
from claimtrack.figures import figure_unit, find_figures, unit_class
from claimtrack.link import SUGGEST, claim_terms, compare, same_value, terms, value_label
from claimtrack.linkstore import Linker, weight_function
from claimtrack.models import Article, Claim, Figure, FigureGroup, Match, Stance
from claimtrack.store import id_chunks
from claimtrack.tables import ARTICLE

# A fact-checker looking up one statement can afford more candidates than ingest.
MATCH_CANDIDATES = 100


def source_key(claim: Claim) -> str:
    """One key per original speaker: the resolved record, else the name as written."""
    return speaker_key(claim.speaker_id, claim.speaker, claim.speaker_mention)


def speaker_key(speaker_id: int | None, speaker: str | None, mention: str) -> str:
    """`source_key` from the fields it reads, for callers that hold no `Claim` (disputes)."""
    if speaker_id is not None:
        return f"id:{speaker_id}"
    return f"name:{(speaker or mention).casefold()}"


class Backer(NamedTuple):
    """What a figure group says of one claim carrying the figure."""

    claim_id: int | None
    article_id: int | None
    speaker: str  # the record's name, else the name or mention as written
    source: str  # `source_key`
    outlet: str | None
    published: str | None


class Value(NamedTuple):
    """One figure as a listing groups it: a plain tuple, built for tens of thousands."""

    value: float
    approximate: bool
    unit: str | None
    backer: Backer


def _backer(claim: Claim, dates: dict[int, str]) -> Backer:
    return Backer(
        claim.id,
        claim.article_id,
        claim.speaker or claim.speaker_mention,
        source_key(claim),
        claim.outlet,
        dates.get(claim.article_id) if claim.article_id is not None else None,
    )


def _value(figure: Figure, backer: Backer) -> Value:
    return Value(figure.value, figure.approximate, figure.unit, backer)


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
    if units and not rest:
        # A unit alone ("people") is carried by tens of thousands of claims at
        # 100,000 articles: read them from the table of figures by unit.
        with fewer_collections(), store._read() as conn:
            return _group(_unit_values(conn, sorted(units)))
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
        need = max(1, len(rest) // 2)
        claims = [c for c in claims if len(claim_terms(c) & rest) >= need]
    dates = _dates(linker, {c.article_id for c in claims if c.article_id is not None})
    values: list[Value] = []
    for claim in claims:
        if claim.stance is Stance.deny:
            continue
        backer = _backer(claim, dates)
        for figure in claim.figures:
            if units and figure.unit not in units:
                continue
            if not units and not _mentions(figure, rest):
                continue
            values.append(_value(figure, backer))
    return _group(values)


# Figures of the units asked for (bound parameters), denials left out, in the
# order _group keeps within a value: by claim, then by place in the claim.
_UNIT_ROWS = (
    "SELECT f.claim_id, f.article_id, f.speaker_id, f.speaker, f.speaker_mention, s.name,"
    " f.outlet, f.published, f.unit, f.value, f.approximate"
    " FROM claim_figure f LEFT JOIN speaker s ON s.id = f.speaker_id"
    " WHERE f.unit IN ({marks}) AND NOT f.denied ORDER BY f.unit, f.value, f.claim_id, f.position"
)


def _unit_values(conn: Connection, units: Sequence[str]) -> list[Value]:
    """Every figure of these units, denials left out.

    The driver's own cursor, no models: at 100,000 articles a unit alone is
    40,000 figures, and building a `Claim` and a `Figure` for each took longer
    than everything else together (SQLAlchemy's result rows then cost as much
    again as the query).
    """
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    values: list[Value] = []
    backers: dict[int, Backer] = {}
    cursor = conn.connection.cursor()
    try:
        cursor.execute(_UNIT_ROWS.format(marks=", ".join([mark] * len(units))), tuple(units))
        for row in cursor.fetchall():
            backer = backers.get(row[0])
            if backer is None:
                claim_id, article_id, speaker_id, name, mention, record, outlet, date = row[:8]
                speaker = record or name
                source = speaker_key(speaker_id, speaker, mention)
                shown = speaker or mention
                backer = Backer(claim_id, article_id, shown, source, outlet, date or None)
                backers[claim_id] = backer
            values.append(Value(float(row[9]), bool(row[10]), row[8], backer))
    finally:
        cursor.close()
    return values


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
    entries: Iterable[tuple[Figure, Claim]], dates: dict[int, str]
) -> list[FigureGroup]:
    """`figures` groups of these (figure, claim) pairs; `dates` by article id."""
    return _group([_value(figure, _backer(claim, dates)) for figure, claim in entries])


class _Heads:
    """One unit's groups, ascending by their first (head) value, approximate heads also apart.

    Values arrive in ascending order, so heads are appended in order and a figure
    is tried only against heads near it: a unit alone ("people") has thousands of
    values, and trying every group was quadratic (2.5 s at 10,000 articles).
    """

    __slots__ = ("approximate_at", "approximate_values", "groups", "values")

    def __init__(self) -> None:
        self.values: list[float] = []
        self.groups: list[list[Value]] = []
        self.approximate_values: list[float] = []
        self.approximate_at: list[int] = []

    def find(self, found: Value) -> list[Value] | None:
        """The first group whose head `same_value` matches, as trying each head in turn would."""
        lowest = _lowest_match(found.value)
        if found.approximate:  # the first head near it nearly always matches
            for index in range(bisect.bisect_left(self.values, lowest), len(self.groups)):
                head = self.groups[index][0]
                if same_value(head.value, head.approximate, found.value, True):
                    return self.groups[index]
            return None
        # An exact figure matches a head of its own value or an approximate head
        # near it, never another exact one: skip those (most heads, for "people").
        equal = bisect.bisect_left(self.values, found.value)
        if equal == len(self.values) or self.values[equal] != found.value:
            equal = len(self.values)
        first = bisect.bisect_left(self.approximate_values, lowest)
        for index in self.approximate_at[first:]:
            if index >= equal:
                break
            head = self.groups[index][0]
            if same_value(head.value, True, found.value, False):
                return self.groups[index]
        return self.groups[equal] if equal < len(self.groups) else None

    def add(self, found: Value) -> list[Value]:
        """A new, empty group that `found` heads: the caller appends it first."""
        self.values.append(found.value)
        self.groups.append([])
        if found.approximate:
            self.approximate_values.append(found.value)
            self.approximate_at.append(len(self.groups) - 1)
        return self.groups[-1]


def _group(values: Sequence[Value]) -> list[FigureGroup]:
    """Values that may be one number (3,000 and 'approximately 3,000') share a group."""
    groups: list[list[Value]] = []
    by_unit: dict[str | None, _Heads] = {}
    # Equal figures always join the same group (heads never change and new groups
    # only come after it), so the search runs once per distinct figure, not once
    # per claim: "people" is 36,000 figures of 5,000 values at 100,000 articles.
    joined: dict[tuple[str | None, float, bool], list[Value]] = {}
    for found in sorted(values, key=lambda v: (v.unit or "", v.value)):
        key = (found.unit, found.value, found.approximate)
        group = joined.get(key)
        if group is None:
            heads = by_unit.setdefault(found.unit, _Heads())
            group = heads.find(found)
            if group is None:
                group = heads.add(found)
                groups.append(group)
            joined[key] = group
        group.append(found)
    return sorted(map(_figure_group, groups), key=lambda g: (g.unit or "", g.value))


def _figure_group(group: list[Value]) -> FigureGroup:
    # Columns transposed in C, not a Python loop per figure: "people" at 100,000
    # articles is 36,000 figures in 4,000 groups.
    values, approximate_flags, units, backers = zip(*group, strict=True)
    # One claim's figures all carry one Backer (equal tuples): each claim is listed once.
    claims = list(dict.fromkeys(backers))
    ids, articles, speakers, sources, outlets, dates = zip(*claims, strict=True)
    approximate = any(approximate_flags)
    # The first exact value names the group, else the first value.
    value = values[0] if all(approximate_flags) else values[approximate_flags.index(False)]
    return FigureGroup(
        value=value,
        unit=units[0],
        approximate=approximate,
        label=value_label(value, approximate),
        claim_ids=[i for i in ids if i is not None],
        speakers=_ordered(speakers),
        articles=_ordered_ints(articles),
        outlets=_ordered(outlets),
        independent_sources=len(set(sources)),
        reports=len(claims),
        dates=_ordered(dates),
    )


def match(linker: Linker, statement: str) -> list[Match]:
    """Stored claims about the statement, strongest first, with how they relate to it."""
    probe = _probe(statement)
    probe_terms = claim_terms(probe)
    if not probe_terms:
        return []
    store = linker.store
    with store._read() as conn:
        df, total = linker._weights(conn, probe_terms)
        ids = linker._candidates(conn, probe_terms, -1, df, limit=MATCH_CANDIDATES)
        candidates = linker._claims_by_id(conn, ids)
    weight = weight_function(df, total)
    found = []
    for claim in candidates.values():
        proposal = compare(probe, claim, weight=weight, terms_a=probe_terms)
        if proposal is None or proposal.score < SUGGEST:
            continue
        found.append(
            Match(
                claim=claim,
                score=proposal.score,
                relation=proposal.relation,
                reason=proposal.reason,
            )
        )
    return sorted(found, key=lambda m: (-m.score, m.claim.id or 0))


def _probe(statement: str) -> Claim:
    """The statement as a claim: extracted if it is attributed, else taken as asserted."""
    article = Article(text=statement)
    extracted = extract(article).claims
    if extracted:
        probe = extracted[0]
        return probe.model_copy(update={"article_id": -1, "speaker": None})
    return Claim(
        article_id=-1,
        speaker=None,
        speaker_mention="",
        cue="",
        text=statement,
        sentence=statement,
        start=0,
        end=len(statement),
        figures=find_figures(statement),
    )


def _dates(linker: Linker, article_ids: set[int]) -> dict[int, str]:
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


def _ordered(items: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(filter(None, items)))


def _ordered_ints(items: Iterable[int | None]) -> list[int]:
    return [i for i in dict.fromkeys(items) if i is not None]
