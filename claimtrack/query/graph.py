"""The graph of a dispute's links: components, two sides, the claim that states it.

A link is (claim_a, claim_b, kind bits) as query.disputes reads them; bit 1 is
a contradiction (else a corroboration).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

CONTRADICTS = 1
# A link as the links of one dispute are passed around: (claim_a, claim_b, kind bits).
Link = tuple[int, int, int]


def components(edges: Iterable[tuple[int, int]]) -> list[set[int]]:
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, set[int]] = defaultdict(set)
    for node in parent:
        groups[find(node)].add(node)
    return list(groups.values())


def two_sides(members: Sequence[int], links: Sequence[Link]) -> list[list[int]]:
    """Colour the graph: contradiction = other side, corroboration = same side."""
    side: dict[int, int] = {}
    adjacency: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b, kind in links:
        flip = 1 if kind & CONTRADICTS else 0
        adjacency[a].append((b, flip))
        adjacency[b].append((a, flip))
    for claim_id in members:
        if claim_id in side:
            continue
        side[claim_id] = 0
        stack = [claim_id]
        while stack:
            node = stack.pop()
            for other, flip in adjacency[node]:
                if other not in side:
                    side[other] = side[node] ^ flip
                    stack.append(other)
    out: list[list[int]] = [[], []]
    for claim_id in members:
        out[side.get(claim_id, 0)].append(claim_id)
    return [s for s in out if s]


def representative(ids: Sequence[int], links: Sequence[Link]) -> int:
    """The claim most linked within the dispute: the best one-line statement of it."""
    degree: Counter[int] = Counter()
    for a, b, _ in links:
        degree[a] += 1
        degree[b] += 1
    return max(ids, key=lambda i: (degree[i], -i))
