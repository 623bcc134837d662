"""Disputes: propositions on which sources disagree, built from stored links.

Claims joined by contradiction links, and by confirmed corroborations, form
one dispute per event.  Its positions come from two-colouring that graph
(contradiction: opposite sides); a figure dispute is split by value instead,
with the denials as one more position.  Rejected links are left out.

Every dispute is decided from ids, stances and units alone, read with two
lean queries; texts and speakers are read afterwards, for the disputes found
(a model per link and per claim took gigabytes at 100,000 articles).
"""

from __future__ import annotations

import json
from array import array
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import Connection, Select, and_, case, select, union

from claimtrack.link.events import EventFrame, event_ids
from claimtrack.link.linker import Linker
from claimtrack.link.quantities import (
    HeadIndex,
    compatible,
    figure_key,
    figure_label,
    quantity_key,
    same_number,
)
from claimtrack.models import (
    Claim,
    Dispute,
    DisputeKind,
    Figure,
    LinkStatus,
    Position,
    Relation,
    Stance,
)
from claimtrack.query import disputecache, graph, labels
from claimtrack.query.figures import published_dates, speaker_key
from claimtrack.query.reviews import claim_keys_in
from claimtrack.store.database import id_chunks
from claimtrack.store.tables import ARTICLE, CLAIM, LINK, SPEAKER

# Rows fetched at a time from the whole-table reads (a server-side cursor on PostgreSQL),
# taken one by one: rows held in thousands outlive young collections and made the
# garbage collector walk everything, 58 times while reading 2 million links.
BATCH = 500
_FIGURES = TypeAdapter(list[Figure])
# Links that can join a dispute: not rejected by a person, and saying more than "related".
_LIVE = and_(LINK.c.status != LinkStatus.rejected.value, LINK.c.relation != Relation.related.value)
# A live link's kind, computed by the database: two bits, no enum built per row.
_CONTRADICTS = 1  # else it corroborates
_CONFIRMED = 2
_KIND = case((LINK.c.relation == Relation.contradicts.value, _CONTRADICTS), else_=0) + case(
    (LINK.c.status == LinkStatus.confirmed.value, _CONFIRMED), else_=0
)


# A link as the links of one dispute are passed around: (claim_a, claim_b, kind bits).
_Link = tuple[int, int, int]
# Groups of claims → each group's parts by event, as (event, claims) pairs.
_Split = Callable[[list[list[int]]], list[list[tuple[int | None, list[int]]]]]


class _Links:
    """Every live link, as columns: a tuple per link took 140 bytes (290 MB at 100,000 articles)."""

    def __init__(self) -> None:
        self.a: array[int] = array("q")
        self.b: array[int] = array("q")
        self.kind = bytearray()

    def __getitem__(self, index: int) -> _Link:
        return self.a[index], self.b[index], self.kind[index]

    def rows(self) -> Iterator[_Link]:
        """Every link, in order."""
        return zip(self.a, self.b, self.kind, strict=True)


@dataclass
class _Stated:
    """Stance and units of every linked claim, by id.

    Sets and maps, not an object per claim: the garbage collector walks every
    object that lives long, again at each full collection.
    """

    claims: set[int] = field(default_factory=set)  # linked claims of stored articles
    denials: set[int] = field(default_factory=set)
    units: dict[int, frozenset[str]] = field(default_factory=dict)  # of asserting claims
    figures: dict[int, str] = field(default_factory=dict)  # their JSON, parsed when needed
    articles: dict[int, int] = field(default_factory=dict)  # of every linked claim


# Who backs a claim of a dispute, as positions list them and significance counts:
# (speaker as shown, article id, outlet, source key).  A plain tuple of strings and
# ints, which the garbage collector stops tracking; there is one per claim shown.
_Backer = tuple[str, int | None, str | None, str]


@dataclass(slots=True)
class _Found:
    """A dispute decided from ids; its topic is written once its subject's text is read."""

    id: int
    kind: DisputeKind
    positions: list[tuple[str, list[int]]]
    members: list[int]
    subject: int  # the claim whose text states it
    confirmed: bool
    unit: str | None = None
    labels: str = ""  # the values of a figure dispute: "42 vs 60"
    topic: str = ""
    event: int | None = None  # the first article of the event (link/events.py)
    key: str = ""


def disputes(linker: Linker, topic: str | None = None) -> list[Dispute]:
    """Every dispute, most significant first; `topic` keeps those whose claims mention it.

    Figure disputes come first from the claims that count one unit, joined by
    any link a person has not rejected; a denial joins one when it directly
    contradicts one of its claims.  What is left forms denial and
    contradiction disputes from contradiction links and confirmed
    corroborations, so a loose chain of links cannot drag unrelated claims in.
    The list is kept with the database until the links, claims or speakers
    change (disputecache.py).
    """
    store = linker.store
    with store._read() as conn:
        current = disputecache.state(conn)
        found = disputecache.load(conn, current)
    if found is None:
        found = _compute(linker)
        disputecache.save(store, current, found)
    if topic:
        ids = {i for d in found for p in d.positions for i in p.claim_ids}
        with store._read() as conn:
            texts = _texts(conn, ids)
        found = [
            d
            for d in found
            if labels.mentions([texts[i] for p in d.positions for i in p.claim_ids], topic)
        ]
    return found


def _compute(linker: Linker) -> list[Dispute]:
    found = _decide(linker)
    with linker.store._read() as conn:
        texts = _texts(conn, {d.subject for d in found})
        events = labels.event_articles(conn, {d.event for d in found if d.event is not None})
        for dispute in found:
            title, event_hash = events.get(dispute.event or 0, (None, None))
            dispute.topic = labels.topic(
                dispute.kind, dispute.unit, dispute.labels, texts[dispute.subject][0], title
            )
            dispute.key = event_hash or ""
        found = _unique_ids(found)
        members = {i for d in found for i in d.members}
        backers = _backers(conn, members, _cached(linker, members))
        anchors = claim_keys_in(conn, {d.id for d in found})
    for dispute in found:
        anchor = anchors.get(dispute.id, str(dispute.id))
        dispute.key = labels.key(dispute.kind, dispute.unit, dispute.key or None, anchor)
    out = [_dispute(d, backers) for d in found]
    return sorted(out, key=lambda d: (-d.significance, d.id))


def _decide(linker: Linker) -> list[_Found]:
    """Every dispute, from ids; the connection goes back to the pool before the work."""
    with linker.store._read() as conn:
        stated, links = _stated(conn), _links(conn)

    def split(groups: list[list[int]]) -> list[list[tuple[int | None, list[int]]]]:
        # Figures and sides are compared within one event: the leads of the
        # articles of each group's claims say which (only those are read).
        articles = {stated.articles[i] for g in groups for i in g if i in stated.articles}
        with linker.store._read() as conn:
            frames = linker.event_frames(conn, articles)
        dates = published_dates(linker, articles)
        return [_by_event(g, stated, frames, dates) for g in groups]

    return _find(stated, links, split)


# -- reading -------------------------------------------------------------------


def _links(conn: Connection) -> _Links:
    """Links that can join a dispute, strongest first as `Linker.links` lists them."""
    stmt = (
        select(LINK.c.claim_a, LINK.c.claim_b, _KIND)
        .where(_LIVE)
        .order_by(LINK.c.score.desc(), LINK.c.id)
    )
    out = _Links()
    add_a, add_b, add_kind = out.a.append, out.b.append, out.kind.append
    for a, b, kind in conn.execute(stmt.execution_options(yield_per=BATCH)):
        add_a(a)
        add_b(b)
        add_kind(kind)
    return out


def _stated(conn: Connection) -> _Stated:
    """Stance and units of every claim in a live link, by id (claims of stored articles only)."""
    linked = union(
        select(LINK.c.claim_a.label("id")).where(_LIVE),
        select(LINK.c.claim_b.label("id")).where(_LIVE),
    )
    stmt = (
        select(CLAIM.c.id, CLAIM.c.stance, CLAIM.c.figures, CLAIM.c.article_id)
        .join(ARTICLE, ARTICLE.c.id == CLAIM.c.article_id)
        .where(CLAIM.c.id.in_(select(linked.subquery().c.id)), CLAIM.c.attributed.is_(True))
    )
    out = _Stated()
    shared: dict[frozenset[str], frozenset[str]] = {}
    rows = conn.execute(stmt.execution_options(yield_per=BATCH))
    for claim_id, stance, figures, article_id in rows:
        out.claims.add(claim_id)
        out.articles[claim_id] = article_id
        if stance == Stance.deny.value:
            out.denials.add(claim_id)
            continue
        units = frozenset(
            key
            for f in json.loads(figures)
            if (key := quantity_key(f.get("unit"), f.get("outcome"))) is not None
        )
        if units:
            # A few hundred distinct unit sets serve tens of thousands of claims.
            out.units[claim_id] = shared.setdefault(units, units)
            out.figures[claim_id] = figures
    return out


def _texts(conn: Connection, ids: Collection[int]) -> dict[int, tuple[str, str]]:
    """Text and sentence of each claim."""
    stmt = select(CLAIM.c.id, CLAIM.c.text, CLAIM.c.sentence)
    return {i: (text, sentence) for i, text, sentence in _by_ids(conn, stmt, ids)}


def _backers(
    conn: Connection, ids: Collection[int], cached: Mapping[int, Claim]
) -> dict[int, _Backer]:
    """Who backs each claim, as `claim_select` names them (a speaker record by its name).

    A claim the linker still holds keeps the speaker name it was read with, as
    every other use of that linker sees it.
    """
    stmt = (
        select(
            CLAIM.c.id,
            CLAIM.c.speaker_id,
            CLAIM.c.speaker,
            SPEAKER.c.name,
            CLAIM.c.speaker_mention,
            CLAIM.c.article_id,
            ARTICLE.c.outlet,
        )
        .join(ARTICLE, ARTICLE.c.id == CLAIM.c.article_id)
        .outerjoin(SPEAKER, SPEAKER.c.id == CLAIM.c.speaker_id)
    )
    out = {
        i: _backer(c.speaker_id, c.speaker, c.speaker_mention, c.article_id, c.outlet)
        for i in ids
        if (c := cached.get(i)) is not None
    }
    rows = _by_ids(conn, stmt, set(ids) - out.keys())
    for claim_id, speaker_id, speaker, record_name, mention, article_id, outlet in rows:
        out[claim_id] = _backer(speaker_id, record_name or speaker, mention, article_id, outlet)
    return out


def _backer(
    speaker_id: int | None,
    speaker: str | None,
    mention: str,
    article_id: int | None,
    outlet: str | None,
) -> _Backer:
    return speaker or mention, article_id, outlet, speaker_key(speaker_id, speaker, article_id)


def _cached(linker: Linker, ids: Iterable[int]) -> dict[int, Claim]:
    """The claims among `ids` that the linker holds from linking (as `_claims_by_id` reads them)."""
    return linker.remembered(ids)


def _by_ids(conn: Connection, stmt: Select[Any], ids: Collection[int]) -> Iterator[Any]:
    """Rows of `stmt` for the claims `ids`, asked for in lists every driver accepts."""
    for chunk in id_chunks(ids):
        yield from conn.execute(stmt.where(CLAIM.c.id.in_(chunk)))


# -- deciding from ids -----------------------------------------------------------


def _find(stated: _Stated, links: _Links, split: _Split) -> list[_Found]:
    """Figure disputes, then denial and contradiction disputes from what they left."""
    out: list[_Found] = []
    used: set[int] = set()
    # Only a component that is a dispute as a whole can hold one per event; one
    # that is all one event is that dispute.
    figure = []
    for unit, members, own in _figure_components(stated, links):
        whole = _figure_dispute(members, own, unit, stated)
        if whole is not None:
            figure.append((unit, own, whole))
    for (unit, component_links, whole), parts in zip(
        figure, split([f[2].members for f in figure]), strict=True
    ):
        for (event, members), own in zip(parts, _by_part(parts, component_links), strict=True):
            found = whole if len(parts) == 1 else _figure_dispute(members, own, unit, stated)
            if found is not None:
                found.event = event
                out.append(found)
                used.update(members)
    # Contradictions and confirmed corroborations between attributed claims left.
    claims = stated.claims
    rest = array(
        "q",
        (
            index
            for index, (a, b, kind) in enumerate(links.rows())
            if kind and a in claims and b in claims and a not in used and b not in used
        ),
    )
    components = graph.components((links.a[index], links.b[index]) for index in rest)
    owner: dict[int, int] = {}
    for component in components:
        owner.update(dict.fromkeys(component, min(component)))
    by_component: dict[int, list[int]] = defaultdict(list)
    for index in rest:
        by_component[owner[links.a[index]]].append(index)
    sides = []
    for component in components:
        indexes = by_component[min(component)]
        if any(links.kind[index] & _CONTRADICTS for index in indexes):
            own = [links[i] for i in indexes]
            members = [i for i in sorted(component) if i in stated.claims]
            if _sides_dispute(members, own, stated) is not None:
                sides.append((own, members))
    for (component_links, _), parts in zip(sides, split([m for _, m in sides]), strict=True):
        for (event, members), own in zip(parts, _by_part(parts, component_links), strict=True):
            found = _sides_dispute(members, own, stated)
            if found is not None:
                found.event = event
                out.append(found)
    return out


def _by_part(
    parts: Sequence[tuple[int | None, list[int]]], links: Sequence[_Link]
) -> list[list[_Link]]:
    """The links of each part: those whose two claims are both in it (one pass)."""
    if len(parts) == 1:
        return [list(links)]
    part_of = {claim_id: n for n, (_, members) in enumerate(parts) for claim_id in members}
    out: list[list[_Link]] = [[] for _ in parts]
    for link in links:
        n = part_of.get(link[0])
        if n is not None and part_of.get(link[1]) == n:
            out[n].append(link)
    return out


def _figure_components(
    stated: _Stated, links: _Links
) -> Iterator[tuple[str, list[int], list[_Link]]]:
    """Per unit: asserting claims joined by links, plus denials that contradict one of them.

    Links are indexed by claim and by unit first: scanning every link for every
    component made this quadratic in the number of links.
    """
    inner_by_unit: dict[str, array[int]] = defaultdict(lambda: array("q"))
    denials_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    units, denials = stated.units, stated.denials
    for index, (a, b, kind) in enumerate(links.rows()):
        mine, theirs = units.get(a), units.get(b)
        if mine and theirs:
            for unit in mine & theirs:
                inner_by_unit[unit].append(index)
        if kind & _CONTRADICTS:
            if b in denials:
                denials_of[a].append((index, b))
            if a in denials:
                denials_of[b].append((index, a))
    for unit in sorted(inner_by_unit):
        inner = inner_by_unit[unit]
        by_claim: dict[int, list[int]] = defaultdict(list)
        for index in inner:
            by_claim[links.a[index]].append(index)
        for component in graph.components((links.a[index], links.b[index]) for index in inner):
            chosen = {index for i in component for index in by_claim.get(i, ())}
            deniers = set()
            for i in component:
                for index, other in denials_of.get(i, ()):
                    deniers.add(other)
                    chosen.add(index)
            members = sorted(component | deniers)
            yield unit, members, [links[index] for index in sorted(chosen)]


def _by_event(
    members: Sequence[int],
    stated: _Stated,
    frames: Mapping[int, EventFrame],
    dates: Mapping[int, str],
) -> list[tuple[int | None, list[int]]]:
    """The claims of one component, split by the event their articles tell."""
    articles = {stated.articles[i] for i in members if i in stated.articles}
    events = event_ids(articles, frames, dates, linked=True)
    parts: dict[int | None, list[int]] = defaultdict(list)
    for claim_id in members:
        article = stated.articles.get(claim_id)
        parts[events.get(article) if article is not None else None].append(claim_id)
    return list(parts.items())


def _figure_dispute(
    members: Sequence[int],
    links: Sequence[_Link],
    unit: str,
    stated: _Stated,
) -> _Found | None:
    """Positions by value, when the claims state two values or more, and the denials."""
    if len(members) < 2:
        return None
    heads, values = _figure_split(members, unit, stated)
    if len(values) < 2 or all(compatible(a, b) for a in heads for b in heads):
        return None  # "more than 200" and "250": values that may all hold are no dispute
    positions = list(values)
    denials = [i for i in members if i in stated.denials]
    if denials:
        positions.append(("denies", denials))
    return _found(
        DisputeKind.figure,
        members,
        links,
        positions,
        subject=graph.representative([i for _, ids in values for i in ids], links),
        unit=unit,
        labels=" vs ".join(label for label, _ in values),
    )


def _sides_dispute(
    members: Sequence[int], links: Sequence[_Link], stated: _Stated
) -> _Found | None:
    """Asserting against denying claims, or the two sides of a contradiction."""
    if len(members) < 2:
        return None
    sides = graph.two_sides(members, links)
    if len(sides) < 2:
        return None
    denials = [i for i in members if i in stated.denials]
    if denials:
        asserting = [i for i in members if i not in stated.denials]
        positions = [("asserts", asserting), ("denies", denials)]
        subject = graph.representative(asserting or members, links)
        return _found(DisputeKind.denial, members, links, positions, subject)
    positions = [(f"side {n}", side) for n, side in enumerate(sides, start=1)]
    subject = graph.representative(members, links)
    return _found(DisputeKind.contradiction, members, links, positions, subject)


def _found(
    kind: DisputeKind,
    members: Sequence[int],
    links: Sequence[_Link],
    positions: list[tuple[str, list[int]]],
    subject: int,
    unit: str | None = None,
    labels: str = "",
) -> _Found | None:
    positions = [p for p in positions if p[1]]
    if len(positions) < 2:
        return None
    return _Found(
        id=min(members),
        kind=kind,
        positions=positions,
        members=list(members),
        subject=subject,
        confirmed=all(bits & _CONFIRMED for _, _, bits in links if bits & _CONTRADICTS),
        unit=unit,
        labels=labels,
    )


def _figure_split(
    members: Sequence[int], unit: str, stated: _Stated
) -> tuple[list[Figure], list[tuple[str, list[int]]]]:
    """The asserting claims that count `unit`, grouped by value (smallest first)."""
    # Parsed here, for one dispute at a time: kept for all, they were the largest thing held.
    figures = {
        i: _FIGURES.validate_json(stated.figures.get(i, "[]"))
        for i in members
        if i not in stated.denials
    }
    groups: list[tuple[Figure, list[int]]] = []
    heads = HeadIndex()
    for claim_id, own in figures.items():
        for figure in own:
            if figure_key(figure) != unit:
                continue
            index = heads.first(figure, groups)
            if index is None:
                heads.add(figure, len(groups))
                groups.append((figure, [claim_id]))
            elif groups[index][1][-1] != claim_id:
                # Claims are taken one at a time: if this one is in, it came last.
                groups[index][1].append(claim_id)
    groups.sort(key=lambda g: g[0].value)
    labels = []
    for head, ids in groups:
        found = [
            f for i in ids for f in figures[i] if figure_key(f) == unit and same_number(head, f)
        ]
        # As in `figures`: one approximate report makes the value "approximately N".
        approximate = any(f.approximate for f in found)
        shown = (
            head
            if head.approximate == approximate
            else head.model_copy(update={"approximate": approximate})
        )
        labels.append((figure_label(shown), ids))
    return [head for head, _ in groups], labels


def _unique_ids(found: list[_Found]) -> list[_Found]:
    """Two disputes over one pair of reports (deaths, displaced) need two ids.

    An id is the smallest claim id in the dispute; when that is taken, the next
    smallest, so ids stay stable as long as the claims do.
    """
    taken: set[int] = set()
    out = sorted(found, key=lambda d: (d.id, d.topic))
    for dispute in out:
        ids = sorted({i for _, members in dispute.positions for i in members})
        dispute.id = next((i for i in ids if i not in taken), dispute.id)
        taken.add(dispute.id)
    return out


# -- the models --------------------------------------------------------------------


def _dispute(found: _Found, backers: Mapping[int, _Backer]) -> Dispute:
    members = [backers[i] for i in found.members]
    independent = len({source for _, _, _, source in members})
    articles = len({article for _, article, _, _ in members})
    figure = found.kind is DisputeKind.figure
    significance = independent + 0.5 * articles + (1.0 if figure else 0.0)
    return Dispute(
        id=found.id,
        key=found.key,
        topic=found.topic,
        kind=found.kind,
        positions=[_position(label, ids, backers) for label, ids in found.positions],
        significance=round(significance, 2),
        confirmed=found.confirmed,
        both_sides=_both_sides(found, backers),
    )


def _both_sides(found: _Found, backers: Mapping[int, _Backer]) -> list[str]:
    """Speakers who back two positions: a revised toll, or a source contradicting itself."""
    sides: dict[str, set[int]] = defaultdict(set)
    names: dict[str, str] = {}
    for side, (_, ids) in enumerate(found.positions):
        for claim_id in ids:
            speaker, _, _, source = backers[claim_id]
            if not source.startswith("unresolved:"):
                sides[source].add(side)
                names.setdefault(source, speaker)
    return sorted({names[s] for s, on in sides.items() if len(on) > 1})


def _position(label: str, ids: Sequence[int], backers: Mapping[int, _Backer]) -> Position:
    claims = [backers[i] for i in ids]
    return Position(
        label=label,
        claim_ids=list(ids),
        speakers=list(dict.fromkeys(speaker for speaker, _, _, _ in claims)),
        articles=list(dict.fromkeys(a for _, a, _, _ in claims if a is not None)),
        outlets=list(dict.fromkeys(outlet for _, _, outlet, _ in claims if outlet)),
        independent_sources=len({source for _, _, _, source in claims}),
        reports=len(claims),
    )
