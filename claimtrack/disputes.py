"""Disputes: propositions on which sources disagree, built from stored links.

Claims joined by contradiction links, and by confirmed corroborations, form
one dispute.  Its positions come from two-colouring that graph (a
contradiction puts two claims on opposite sides, a corroboration on the same
side); a dispute about a figure is split by value instead, with the denials
of the same proposition as one more position.  Links a person rejected are
left out everywhere.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from claimtrack.evidence import source_key
from claimtrack.link import figure_label, same_number
from claimtrack.linkstore import Linker
from claimtrack.models import (
    Claim,
    ClaimLink,
    Dispute,
    DisputeKind,
    Figure,
    LinkStatus,
    Position,
    Relation,
    Stance,
)

TOPIC_CHARS = 140


def disputes(linker: Linker, topic: str | None = None) -> list[Dispute]:
    """Every dispute, most significant first; `topic` keeps those whose claims mention it.

    Figure disputes come first from the claims that count one unit, joined by
    any link a person has not rejected; a denial joins one when it directly
    contradicts one of its claims.  What is left forms denial and
    contradiction disputes from contradiction links and confirmed
    corroborations, so a loose chain of links cannot drag unrelated claims in.
    """
    links = [link for link in linker.links() if link.relation is not Relation.related]
    ids = {i for link in links for i in (link.claim_id, link.other_id)}
    with linker.store._read() as conn:
        claims = {c.id: c for c in linker._claims_by_id(conn, ids).values() if c.id is not None}
    out: list[Dispute] = []
    used: set[int] = set()
    for unit, members, component_links in _figure_components(claims, links):
        dispute = _dispute(members, component_links, unit=unit)
        if dispute is not None and dispute.kind is DisputeKind.figure:
            out.append(dispute)
            used.update(c.id for c in members if c.id is not None)
    rest = [
        link
        for link in links
        if link.claim_id not in used
        and link.other_id not in used
        and (
            link.relation is Relation.contradicts
            or (link.relation is Relation.corroborates and link.status is LinkStatus.confirmed)
        )
    ]
    by_component: dict[int, list[ClaimLink]] = defaultdict(list)
    components = _components(rest)
    owner = {i: min(component) for component in components for i in component}
    for link in rest:
        by_component[owner[link.claim_id]].append(link)
    for component in components:
        component_links = by_component[min(component)]
        if not any(link.relation is Relation.contradicts for link in component_links):
            continue
        members = [claims[i] for i in sorted(component) if i in claims]
        dispute = _dispute(members, component_links, unit=None)
        if dispute is not None:
            out.append(dispute)
    out = _unique_ids(out)
    if topic:
        out = [
            d
            for d in out
            if _mentions(
                [claims[i] for p in d.positions for i in p.claim_ids if i in claims], topic
            )
        ]
    return sorted(out, key=lambda d: (-d.significance, d.id))


def _figure_components(
    claims: dict[int, Claim], links: Sequence[ClaimLink]
) -> list[tuple[str, list[Claim], list[ClaimLink]]]:
    """Per unit: asserting claims joined by links, plus denials that contradict one of them.

    Links are indexed by claim and by unit first: scanning every link for every
    component made this quadratic in the number of links.
    """
    units_of = {
        i: {f.unit for f in c.figures if f.unit}
        for i, c in claims.items()
        if c.stance is Stance.assert_
    }
    inner_by_unit: dict[str, list[int]] = defaultdict(list)
    denials_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for index, link in enumerate(links):
        a, b = link.claim_id, link.other_id
        for unit in units_of.get(a, set()) & units_of.get(b, set()):
            inner_by_unit[unit].append(index)
        if link.relation is Relation.contradicts:
            for mine, other in ((a, b), (b, a)):
                if other in claims and claims[other].stance is Stance.deny:
                    denials_of[mine].append((index, other))
    out = []
    for unit in sorted(inner_by_unit):
        inner = inner_by_unit[unit]
        by_claim: dict[int, list[int]] = defaultdict(list)
        for index in inner:
            by_claim[links[index].claim_id].append(index)
        for component in _components(links[index] for index in inner):
            chosen = {index for i in component for index in by_claim.get(i, ())}
            deniers = set()
            for i in component:
                for index, other in denials_of.get(i, ()):
                    deniers.add(other)
                    chosen.add(index)
            members = [claims[i] for i in sorted(component | deniers)]
            out.append((unit, members, [links[index] for index in sorted(chosen)]))
    return out


def _components(edges: Iterable[ClaimLink]) -> list[set[int]]:
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in edges:
        a, b = find(link.claim_id), find(link.other_id)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, set[int]] = defaultdict(set)
    for node in parent:
        groups[find(node)].add(node)
    return list(groups.values())


def _dispute(
    claims: Sequence[Claim], links: Sequence[ClaimLink], unit: str | None
) -> Dispute | None:
    if len(claims) < 2:
        return None
    values = _figure_split(claims, unit) if unit is not None else []
    denials = [c for c in claims if c.stance is Stance.deny]
    if unit is not None and len(values) >= 2:
        positions = [_position(label, members) for label, members in values]
        if denials:
            positions.append(_position("denies", denials))
        labels = " vs ".join(label for label, _ in values)
        kind = DisputeKind.figure
        subject = _representative([c for _, members in values for c in members], links)
        topic = f"{unit}: {labels} — {_short(subject.text)}"
    else:
        sides = _two_sides(claims, links)
        if len(sides) < 2:
            return None
        if denials:
            kind = DisputeKind.denial
            asserting = [c for c in claims if c.stance is Stance.assert_]
            positions = [_position("asserts", asserting), _position("denies", denials)]
            subject = _representative(asserting or list(claims), links)
        else:
            kind = DisputeKind.contradiction
            positions = [_position(f"side {n}", side) for n, side in enumerate(sides, start=1)]
            subject = _representative(list(claims), links)
        topic = _short(subject.text)
    positions = [p for p in positions if p.claim_ids]
    if len(positions) < 2:
        return None
    contradictions = [link for link in links if link.relation is Relation.contradicts]
    independent = len({source_key(c) for c in claims})
    articles = len({c.article_id for c in claims})
    significance = independent + 0.5 * articles + (1.0 if kind is DisputeKind.figure else 0.0)
    return Dispute(
        id=min(c.id for c in claims if c.id is not None),
        topic=topic,
        kind=kind,
        positions=positions,
        significance=round(significance, 2),
        confirmed=all(link.status is LinkStatus.confirmed for link in contradictions),
    )


def _figure_split(claims: Sequence[Claim], unit: str) -> list[tuple[str, list[Claim]]]:
    """The asserting claims that count `unit`, grouped by value (smallest first)."""
    groups: list[tuple[Figure, list[Claim]]] = []
    for claim in claims:
        if claim.stance is not Stance.assert_:
            continue
        for figure in claim.figures:
            if figure.unit != unit:
                continue
            for head, members in groups:
                if same_number(head, figure):
                    if claim not in members:
                        members.append(claim)
                    break
            else:
                groups.append((figure, [claim]))
    groups.sort(key=lambda g: g[0].value)
    labels = []
    for head, members in groups:
        figures = [f for c in members for f in c.figures if f.unit == unit and same_number(head, f)]
        # As in `figures`: one approximate report makes the value "approximately N".
        shown = head.model_copy(update={"approximate": any(f.approximate for f in figures)})
        labels.append((figure_label(shown), members))
    return labels


def _unique_ids(found: list[Dispute]) -> list[Dispute]:
    """Two disputes over one pair of reports (deaths, displaced) need two ids.

    An id is the smallest claim id in the dispute; when that is taken, the next
    smallest, so ids stay stable as long as the claims do.
    """
    taken: set[int] = set()
    out = []
    for dispute in sorted(found, key=lambda d: (d.id, d.topic)):
        ids = sorted({i for p in dispute.positions for i in p.claim_ids})
        free = next((i for i in ids if i not in taken), dispute.id)
        taken.add(free)
        out.append(dispute.model_copy(update={"id": free}))
    return out


def _two_sides(claims: Sequence[Claim], links: Sequence[ClaimLink]) -> list[list[Claim]]:
    """Colour the graph: contradiction = other side, corroboration = same side."""
    side: dict[int, int] = {}
    adjacency: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for link in links:
        flip = 1 if link.relation is Relation.contradicts else 0
        adjacency[link.claim_id].append((link.other_id, flip))
        adjacency[link.other_id].append((link.claim_id, flip))
    for claim in claims:
        if claim.id is None or claim.id in side:
            continue
        side[claim.id] = 0
        stack = [claim.id]
        while stack:
            node = stack.pop()
            for other, flip in adjacency[node]:
                if other not in side:
                    side[other] = side[node] ^ flip
                    stack.append(other)
    out: list[list[Claim]] = [[], []]
    for claim in claims:
        if claim.id is not None:
            out[side.get(claim.id, 0)].append(claim)
    return [s for s in out if s]


def _position(label: str, claims: Sequence[Claim]) -> Position:
    return Position(
        label=label,
        claim_ids=[c.id for c in claims if c.id is not None],
        speakers=list(dict.fromkeys(c.speaker or c.speaker_mention for c in claims)),
        articles=list(dict.fromkeys(c.article_id for c in claims if c.article_id is not None)),
        outlets=list(dict.fromkeys(c.outlet for c in claims if c.outlet)),
        independent_sources=len({source_key(c) for c in claims}),
        reports=len(claims),
    )


def _representative(claims: Sequence[Claim], links: Sequence[ClaimLink]) -> Claim:
    """The claim most linked within the dispute: the best one-line statement of it."""
    degree: Counter[int] = Counter()
    for link in links:
        degree[link.claim_id] += 1
        degree[link.other_id] += 1
    return max(claims, key=lambda c: (degree[c.id or 0], -(c.id or 0)))


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= TOPIC_CHARS:
        return text
    return text[: TOPIC_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _mentions(claims: Sequence[Claim], topic: str) -> bool:
    needle = topic.casefold()
    return any(needle in c.text.casefold() or needle in c.sentence.casefold() for c in claims)
