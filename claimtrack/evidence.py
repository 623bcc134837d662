"""Who backs a figure, and what the database says about a statement being checked.

Backers are counted twice, as fact-checkers need: `reports` is how many claims
(articles) carry a value, `independent_sources` how many distinct original
speakers stand behind them.  Two outlets repeating one agency are one source.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from sqlalchemy import select

from claimtrack import textindex
from claimtrack.extract import extract
from claimtrack.figures import figure_unit, find_figures, unit_class
from claimtrack.link import SUGGEST, claim_terms, compare, figure_label, same_number, terms
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
    if units:
        unit_terms = [f"#{u}" for u in sorted(units)]
        with store._read() as conn:
            ids = set(textindex.having(conn, unit_terms, sorted(rest)))
            claims = list(linker._claims_by_id(conn, ids).values())
    else:
        claims = [c for c in store.claims() if c.figures]
    if rest:
        need = max(1, len(rest) // 2)
        claims = [c for c in claims if len(claim_terms(c) & rest) >= need]
    dates = _dates(linker, {c.article_id for c in claims if c.article_id is not None})
    entries: list[tuple[Figure, Claim]] = []
    for claim in claims:
        if claim.stance is Stance.deny:
            continue
        for figure in claim.figures:
            if units and figure.unit not in units:
                continue
            if not units and not _mentions(figure, rest):
                continue
            entries.append((figure, claim))
    return _group(entries, dates)


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


def _group(entries: Sequence[tuple[Figure, Claim]], dates: dict[int, str]) -> list[FigureGroup]:
    """Values that may be one number (3,000 and 'approximately 3,000') share a group."""
    groups: list[list[tuple[Figure, Claim]]] = []
    # Per unit, the groups and their heads' values, ascending (entries are sorted),
    # so a figure is tried only against heads near it: a unit alone ("people") has
    # thousands of values, and trying every group was quadratic (2.5 s at 10,000
    # articles).  The first group that matches is still the one joined.
    by_unit: dict[str | None, tuple[list[float], list[list[tuple[Figure, Claim]]]]] = {}
    for figure, claim in sorted(entries, key=lambda e: (e[0].unit or "", e[0].value)):
        heads, unit_groups = by_unit.setdefault(figure.unit, ([], []))
        start = bisect.bisect_left(heads, _lowest_match(figure.value))
        for group in unit_groups[start:]:
            if same_number(group[0][0], figure):
                group.append((figure, claim))
                break
        else:
            heads.append(figure.value)
            unit_groups.append([(figure, claim)])
            groups.append(unit_groups[-1])
    out = []
    for group in groups:
        figs = [f for f, _ in group]
        claims = _unique_claims(c for _, c in group)
        exact = [f for f in figs if not f.approximate]
        value = exact[0].value if exact else figs[0].value
        approximate = any(f.approximate for f in figs)
        shown = Figure(
            value=value, unit=figs[0].unit, text="", approximate=approximate, start=0, end=0
        )
        out.append(
            FigureGroup(
                value=value,
                unit=figs[0].unit,
                approximate=approximate,
                label=figure_label(shown),
                claim_ids=[c.id for c in claims if c.id is not None],
                speakers=_ordered(c.speaker or c.speaker_mention for c in claims),
                articles=_ordered_ints(c.article_id for c in claims),
                outlets=_ordered(c.outlet for c in claims if c.outlet),
                independent_sources=len({source_key(c) for c in claims}),
                reports=len(claims),
                dates=_ordered(dates[c.article_id] for c in claims if c.article_id in dates),
            )
        )
    return sorted(out, key=lambda g: (g.unit or "", g.value))


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


def _unique_claims(claims: Iterable[Claim]) -> list[Claim]:
    seen: dict[int | None, Claim] = {}
    for claim in claims:
        seen.setdefault(claim.id, claim)
    return list(seen.values())


def _ordered(items: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _ordered_ints(items: Iterable[int | None]) -> list[int]:
    return list(dict.fromkeys(i for i in items if i is not None))
