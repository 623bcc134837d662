"""Cross-article benchmark on ECB+ dev: links, disputes, figure groups and match, by event.

Ingests all of ``../shared/data/ecbplus-dev/docs`` (one subtopic = one real
event told by several outlets; the two subtopics of a topic are two similar
events) into one throw-away SQLite database, then measures:

- link precision by event (a link inside one subtopic is right, between sibling
  subtopics it confuses similar events, across topics it is unrelated), for
  confirmed and for confirmed + suggested links, and the share of same-event
  article pairs joined by a link, as ``../shared/tools/score_ecbplus_dev.py``;
- the share of disputes and of `figures` groups whose claims come from more
  than one subtopic (mixing events);
- against conflicts annotated by hand (``benchmarks/disputes/gold``, see
  disputes_gold.py): disputes found (a dispute holding claims of two positions
  of a conflict whose sides cannot all hold), sides right (no two positions in
  one side, no position split), figure conflicts shown (two or more values of
  a conflict whose values cannot all hold in separate `figures` groups, each
  with a gold backer; `figure_values_shown_all` counts compatible ones too);
- `match` with each article's headline: whether another article of its event
  comes back as `corroborates`, and how often another event's claim does; and
  with a backer of a disputed conflict: whether the other side comes back as
  `contradicts`.

    python benchmarks/ecbplus.py [--json] [--check] [--examples N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import disputes_gold  # noqa: E402

from claimtrack.models import Claim, Relation  # noqa: E402

DOCS = disputes_gold.DATA / disputes_gold.DOCS
BASELINE = REPO / "benchmarks" / "baseline.json"
# Metrics where lower is better: checked against "ecbplus_ceilings".
CEILINGS = ("disputes_mixed_share", "figure_groups_mixed_share", "match_wrong_event_share")


@dataclass
class Corpus:
    """The ingested database and what each article and claim is."""

    store: Any
    linker: Any
    subtopic: dict[int, str] = field(default_factory=dict)  # article id → "37ecbplus"
    topic: dict[str, str] = field(default_factory=dict)  # subtopic → "37"
    path_of: dict[str, int] = field(default_factory=dict)  # "ecbplus-dev/docs/…" → article id
    claims: dict[int, Claim] = field(default_factory=dict)
    by_article: dict[int, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    shift: dict[int, int] = field(default_factory=dict)  # article text's offset in its file

    def sub_of_claim(self, claim_id: int) -> str | None:
        claim = self.claims.get(claim_id)
        return self.subtopic.get(claim.article_id) if claim and claim.article_id else None


def build(db: str, docs: Path = DOCS) -> Corpus:
    from claimtrack.ingest.pipeline import ingest
    from claimtrack.link.linker import Linker
    from claimtrack.store.database import open_store

    store = open_store(db)
    ingest(store, [str(docs)], workers=2)
    corpus = Corpus(store=store, linker=Linker(store))
    data = disputes_gold.DATA
    for summary in store.articles():
        path = Path(summary.path or "")
        sub = path.parts[-2]
        corpus.subtopic[summary.id] = sub
        corpus.topic[sub] = path.parts[-3]
        rel = path.resolve().relative_to(data.resolve()).as_posix()
        corpus.path_of[rel] = summary.id
        article = store.article(summary.id)
        raw = disputes_gold.read_raw(path)
        corpus.shift[summary.id] = raw.find(article.text)
    for claim in store.claims():
        assert claim.id is not None and claim.article_id is not None
        corpus.claims[claim.id] = claim
        corpus.by_article[claim.article_id].append(claim)
    return corpus


def _kind(corpus: Corpus, a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return None
    if a == b:
        return "same"
    return "similar" if corpus.topic[a] == corpus.topic[b] else "unrelated"


def score_links(corpus: Corpus) -> dict[str, float]:
    counts: dict[str, Counter[str]] = {"confirmed": Counter(), "suggested": Counter()}
    joined: set[tuple[int, int]] = set()
    for link in corpus.linker.links():
        kind = _kind(corpus, corpus.sub_of_claim(link.claim_id), corpus.sub_of_claim(link.other_id))
        if kind is None:
            continue
        counts[link.status.value][kind] += 1
        if kind == "same":
            x = corpus.claims[link.claim_id].article_id
            y = corpus.claims[link.other_id].article_id
            joined.add((min(x, y), max(x, y)))
    both = counts["confirmed"] + counts["suggested"]
    by_sub: dict[str, list[int]] = defaultdict(list)
    for article, sub in corpus.subtopic.items():
        by_sub[sub].append(article)
    pairs = [(min(p), max(p)) for arts in by_sub.values() for p in combinations(arts, 2)]
    return {
        "links": float(sum(both.values())),
        "confirmed_precision": _share(counts["confirmed"]["same"], counts["confirmed"].total()),
        "suggested_precision": _share(both["same"], both.total()),
        "similar_event_links": float(both["similar"]),
        "unrelated_links": float(both["unrelated"]),
        "pair_coverage": _share(sum(1 for p in pairs if p in joined), len(pairs)),
    }


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def score_mixing(corpus: Corpus, found: list[Any], examples: list[str]) -> dict[str, float]:
    from claimtrack.query.figures import figures

    mixed = 0
    for dispute in found:
        subs = {corpus.sub_of_claim(i) for p in dispute.positions for i in p.claim_ids} - {None}
        if len(subs) > 1:
            mixed += 1
            examples.append(f"dispute {dispute.id} mixes {sorted(subs)}: {dispute.topic[:90]}")
    units = sorted({f.unit for c in corpus.claims.values() for f in c.figures if f.unit})
    groups = mixed_groups = 0
    for unit in units:
        for group in figures(corpus.linker, unit):
            groups += 1
            subs = {corpus.subtopic[a] for a in group.articles}
            if len(subs) > 1:
                mixed_groups += 1
                examples.append(f"figure group {group.quantity} {group.label} mixes {sorted(subs)}")
    return {
        "disputes": float(len(found)),
        "disputes_mixed_share": _share(mixed, len(found)),
        "figure_groups": float(groups),
        "figure_groups_mixed_share": _share(mixed_groups, groups),
    }


def backer_claims(corpus: Corpus, backer: disputes_gold.Backer) -> list[Claim]:
    """Stored claims whose sentence covers at least half of the backer's sentence."""
    article = corpus.path_of.get(backer.file)
    if article is None:
        return []
    shift = corpus.shift[article]
    start, end = backer.sentence[0] - shift, backer.sentence[1] - shift
    found = []
    for claim in corpus.by_article[article]:
        overlap = min(end, claim.end) - max(start, claim.start)
        if overlap > 0 and overlap * 2 >= min(end - start, claim.end - claim.start):
            found.append(claim)
    return found


def _positions_of(corpus: Corpus, conflict: disputes_gold.Conflict) -> dict[int, int]:
    """Stored claim id → index of the gold position it backs (first position wins)."""
    out: dict[int, int] = {}
    for index, (_, backers) in enumerate(conflict.positions):
        for backer in backers:
            for claim in backer_claims(corpus, backer):
                assert claim.id is not None
                out.setdefault(claim.id, index)
    return out


def score_gold(
    corpus: Corpus, found: list[Any], conflicts: list[disputes_gold.Conflict], examples: list[str]
) -> dict[str, float]:
    side_of: dict[int, tuple[int, int]] = {}  # claim id → (dispute index, position index)
    for d_index, dispute in enumerate(found):
        for p_index, position in enumerate(dispute.positions):
            for claim_id in position.claim_ids:
                side_of.setdefault(claim_id, (d_index, p_index))
    disputed = [c for c in conflicts if c.disputed]
    hits = right = 0
    for conflict in disputed:
        gold = _positions_of(corpus, conflict)
        quantities = _quantities(corpus, conflict)
        by_dispute: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for claim_id, g in gold.items():
            if claim_id not in side_of:
                continue
            d, p = side_of[claim_id]
            # A figure conflict is found by a figure dispute about its quantity, not by
            # another quantity the same sentence states ("24 dead and 249 injured").
            if conflict.kind == "figure" and _quantity(found[d]) not in quantities[claim_id]:
                continue
            by_dispute[d].append((g, p))
        best = max(by_dispute.values(), key=lambda v: len({g for g, _ in v}), default=[])
        if len({g for g, _ in best}) < 2:
            continue
        hits += 1
        ok = _sides_right(best, _mergeable(conflict))
        right += ok
        if not ok:
            examples.append(f"sides wrong: {conflict.subtopic} {conflict.id}")
    figure = [c for c in conflicts if c.kind == "figure"]
    shown = _figures_shown(corpus, [c for c in figure if c.compatible is False])
    shown_all = _figures_shown(corpus, figure)
    backers = [b for c in conflicts for _, bs in c.positions for b in bs]
    matched = sum(1 for b in backers if backer_claims(corpus, b))
    return {
        "gold_conflicts": float(len(conflicts)),
        "gold_disputed": float(len(disputed)),
        "dispute_recall": _share(hits, len(disputed)),
        "sides_right": _share(right, hits),
        "figure_conflicts": float(sum(1 for c in figure if c.compatible is False)),
        "figure_conflicts_shown": _share(shown, sum(1 for c in figure if c.compatible is False)),
        "figure_values_shown_all": _share(shown_all, len(figure)),
        "backers_with_claim": _share(matched, len(backers)),
    }


def _sides_right(
    pairs: Iterable[tuple[int, int]], mergeable: frozenset[tuple[int, int]] = frozenset()
) -> bool:
    """One gold position per dispute side, one side per gold position.

    Two gold positions whose values may both hold ("24" and "at least 24",
    `mergeable`) may share a side.
    """
    golds_of_side: dict[int, set[int]] = defaultdict(set)
    side_of_gold: dict[int, int] = {}
    for g, p in pairs:
        if side_of_gold.setdefault(g, p) != p:
            return False
        golds_of_side[p].add(g)
    return all(
        (a, b) in mergeable
        for golds in golds_of_side.values()
        for a in golds
        for b in golds
        if a < b
    )


def _mergeable(conflict: disputes_gold.Conflict) -> frozenset[tuple[int, int]]:
    """Pairs of a figure conflict's positions whose values (its labels) may both hold."""
    from claimtrack.extraction.numbers import find_figures
    from claimtrack.link.quantities import compatible

    if conflict.kind != "figure":
        return frozenset()
    values = [(i, find_figures(label)) for i, (label, _) in enumerate(conflict.positions)]
    return frozenset(
        (a, b)
        for a, fa in values
        for b, fb in values
        if a < b and fa and fb and compatible(fa[0], fb[0])
    )


def _quantity(dispute: Any) -> str | None:
    kind = getattr(dispute.kind, "value", dispute.kind)
    return dispute.topic.split(":", 1)[0] if kind == "figure" else None


def _quantities(corpus: Corpus, conflict: disputes_gold.Conflict) -> dict[int, set[str | None]]:
    """Per stored claim, the quantities of its figures at the gold figures' places."""
    from claimtrack.link.quantities import figure_key

    out: dict[int, set[str | None]] = defaultdict(set)
    for _, backers in conflict.positions:
        for backer in backers:
            for claim in backer_claims(corpus, backer):
                assert claim.id is not None
                shift = corpus.shift[claim.article_id or 0]
                out[claim.id].update(
                    figure_key(f)
                    for f in claim.figures
                    if backer.figure is not None and _overlaps(f, backer.figure, shift)
                )
    return out


def _figures_shown(corpus: Corpus, conflicts: list[disputes_gold.Conflict]) -> int:
    """Figure conflicts whose values are two or more separate groups, each with a backer."""
    from claimtrack.query.figures import figures

    group_of: dict[tuple[int, float], int] = {}
    units = sorted({f.unit for c in corpus.claims.values() for f in c.figures if f.unit})
    count = 0
    for unit in units:
        for group in figures(corpus.linker, unit):
            count += 1
            for claim_id in group.claim_ids:
                for figure in corpus.claims[claim_id].figures:
                    if figure.unit == unit:
                        group_of.setdefault((claim_id, figure.value), count)
    shown = 0
    for conflict in conflicts:
        groups_by_position = []
        for _, backers in conflict.positions:
            groups = {
                group_of[(claim.id, f.value)]
                for b in backers
                if b.figure is not None
                for claim in backer_claims(corpus, b)
                for f in claim.figures
                if claim.id is not None
                and (claim.id, f.value) in group_of
                and _overlaps(f, b.figure, corpus.shift[claim.article_id or 0])
            }
            groups_by_position.append(groups)
        distinct = {min(g) for g in groups_by_position if g}
        if len(distinct) >= 2:
            shown += 1
    return shown


def _overlaps(figure: Any, span: tuple[int, int], shift: int) -> bool:
    return min(span[1] - shift, figure.end) > max(span[0] - shift, figure.start)


def score_match(corpus: Corpus, conflicts: list[disputes_gold.Conflict]) -> dict[str, float]:
    from claimtrack.query.match import match

    asked = agreeing = wrong = 0
    for article, sub in sorted(corpus.subtopic.items()):
        title = corpus.store.article(article).title
        if not title:
            continue
        asked += 1
        found = match(corpus.linker, title)
        others = [
            (corpus.subtopic.get(m.claim.article_id), m.relation)
            for m in found
            if m.claim.article_id != article
        ]
        agreeing += any(s == sub and r is Relation.corroborates for s, r in others)
        wrong += any(s != sub and r is not Relation.related for s, r in others)
    probes = contradicted = 0
    for conflict in conflicts:
        if not conflict.disputed:
            continue
        gold = _positions_of(corpus, conflict)
        for claim_id, position in gold.items():
            probes += 1
            found = match(corpus.linker, corpus.claims[claim_id].text)
            contradicted += any(
                m.relation is Relation.contradicts
                and m.claim.id in gold
                and gold[m.claim.id] != position
                for m in found
            )
            break  # one probe per conflict
    return {
        "match_headlines": float(asked),
        "match_corroborates": _share(agreeing, asked),
        "match_wrong_event_share": _share(wrong, asked),
        "match_contradicts": _share(contradicted, probes),
    }


def score(db: str | None = None, examples: list[str] | None = None) -> dict[str, float]:
    """Every metric, on a fresh database (or `db`, which must not exist yet)."""
    from claimtrack.query.disputes import disputes

    examples = [] if examples is None else examples
    with tempfile.TemporaryDirectory(prefix="ecbplus-") as tmp:
        corpus = build(db or f"sqlite:///{tmp}/ecb.db")
        try:
            found = disputes(corpus.linker)
            conflicts = disputes_gold.load()
            metrics = {"articles": float(len(corpus.subtopic)), "claims": float(len(corpus.claims))}
            metrics |= score_links(corpus)
            metrics |= score_mixing(corpus, found, examples)
            metrics |= score_gold(corpus, found, conflicts, examples)
            metrics |= score_match(corpus, conflicts)
        finally:
            corpus.store.close()
    return metrics


def check(metrics: dict[str, float], baseline: Path = BASELINE) -> list[str]:
    """Metrics below their floor ("ecbplus") or above their ceiling ("ecbplus_ceilings")."""
    floors = json.loads(baseline.read_text(encoding="utf-8"))
    low = [
        f"{name} {metrics[name]:.3f} < {floor}"
        for name, floor in floors.get("ecbplus", {}).items()
        if metrics[name] < floor
    ]
    high = [
        f"{name} {metrics[name]:.3f} > {ceiling}"
        for name, ceiling in floors.get("ecbplus_ceilings", {}).items()
        if metrics[name] > ceiling
    ]
    return low + high


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="database URL to create (default: a temporary file)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true", help="exit 1 below a floor")
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args(argv)
    examples: list[str] = []
    metrics = score(args.db, examples)
    if args.json:
        print(json.dumps(metrics, indent=1, sort_keys=True))
    else:
        for line in examples[: args.examples]:
            print(f"  {line}")
        for name, value in metrics.items():
            shown = f"{value:.0f}" if value > 1 or name in ("links",) else f"{value:.3f}"
            print(f"{name:28} {shown}")
    problems = check(metrics) if args.check else []
    for problem in problems:
        print(f"below baseline: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
