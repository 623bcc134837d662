"""Link-quality benchmark: does the linker join the claims a fact-checker would join?

Ingests the labelled stories in ``benchmarks/links`` into a throw-away SQLite
database through `claimtrack.ingest.pipeline.ingest` (extraction, storage and linking
exactly as `claimtrack ingest` does them), maps every labelled claim to the
stored claim it names, and scores `Linker.links()` against the labels:
precision, recall and F1 for *corroborates* and for *contradicts*, at two
operating points (confirmed links only, and confirmed + suggested).

A labelled claim the extractor did not produce is an *extraction miss*: it is
reported on its own and its pairs are left out of the linking scores, so a
weak extractor does not show up as a weak linker (and vice versa).

The module is importable (``score(path) -> dict``) so that a test can gate
on the same numbers a developer sees here.

Examples::

    python benchmarks/link_quality.py
    python benchmarks/link_quality.py --verbose
    python benchmarks/link_quality.py benchmarks/links --json
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere, without installing
    sys.path.insert(0, str(REPO))

from claimtrack.models import Claim, ClaimLink, IngestStatus, LinkStatus  # noqa: E402

LINKS_DIR = REPO / "benchmarks" / "links"

RELATIONS = ("corroborates", "contradicts")
# "ambiguous" marks a pair on which careful readers could disagree; it is
# excluded from every score rather than forced into one of the three labels.
LABELS = (*RELATIONS, "unrelated", "ambiguous")
# The two operating points of the linker: what it confirms on its own, and
# what it shows a person for review.
VIEWS: dict[str, tuple[LinkStatus, ...]] = {
    "confirmed": (LinkStatus.confirmed,),
    "confirmed+suggested": (LinkStatus.confirmed, LinkStatus.suggested),
}

Ref = tuple[str, str]  # (article key, distinctive substring of the claim's content)
Pair = tuple[Ref, Ref]  # sorted, so (a, b) and (b, a) are one pair


class LabelError(ValueError):
    """The labelled set itself is broken (unknown article, substring not in the text...)."""


# --- the labelled set ----------------------------------------------------------------


@dataclass(frozen=True)
class LabelledArticle:
    key: str
    story: str
    file: str
    outlet: str
    published: str
    text: str


@dataclass(frozen=True)
class Label:
    label: str
    why: str


@dataclass
class LabelSet:
    """Articles, pair labels and, per story, the claims whose every pair is labelled."""

    articles: dict[str, LabelledArticle] = field(default_factory=dict)
    labels: dict[Pair, Label] = field(default_factory=dict)
    labelled: dict[str, set[Ref]] = field(default_factory=dict)  # story -> refs
    stories: list[str] = field(default_factory=list)


def _pair(a: Ref, b: Ref) -> Pair:
    return (a, b) if a <= b else (b, a)


def _ref(value: Any, where: str) -> Ref:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, str) and v for v in value)
    ):
        raise LabelError(f"{where}: a claim is [article key, substring], got {value!r}")
    return (value[0], value[1])


def article_text(value: Any) -> str:
    """An article's text: a string, or a list of paragraphs (headline first)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        return "\n\n".join(value)
    raise LabelError(f"text must be a string or a list of paragraphs, got {type(value).__name__}")


def story_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    files = sorted(path.glob("*.json"))
    if not files:
        raise LabelError(f"{path}: no labelled stories (*.json)")
    return files


def load_labels(path: Path = LINKS_DIR) -> LabelSet:
    """Read and check every story; raise LabelError listing all problems found."""
    records = []
    for file in story_files(path):
        try:
            records.append((file.name, json.loads(file.read_text(encoding="utf-8"))))
        except json.JSONDecodeError as err:
            raise LabelError(f"{file.name}: invalid JSON: {err}") from None
    labels = LabelSet()
    problems: list[str] = []
    for name, record in records:
        story = str(record.get("story") or Path(name).stem)
        labels.stories.append(story)
        for key, entry in (record.get("articles") or {}).items():
            if key in labels.articles:
                problems.append(f"{name}: article key {key!r} also in another story")
                continue
            try:
                text = article_text(entry.get("text"))
            except LabelError as err:
                problems.append(f"{name}: {key}: {err}")
                continue
            labels.articles[key] = LabelledArticle(
                key=key,
                # A file of distractors holds several one-article stories.
                story=str(entry.get("story") or story),
                file=name,
                outlet=str(entry.get("outlet") or ""),
                published=str(entry.get("published") or ""),
                text=text,
            )
    for name, record in records:
        problems.extend(_add_story_labels(labels, name, record))
    if problems:
        raise LabelError("; ".join(problems))
    return labels


def _add_story_labels(labels: LabelSet, name: str, record: Any) -> list[str]:
    """Expand propositions into pairs, apply explicit pairs; return the problems found.

    A claim of this file's articles named in any label becomes *labelled*: its
    unlisted pairs within its story count as unrelated.  Claims of other files
    named here (a distractor's near miss) keep the status their own file gives.
    """
    problems: list[str] = []
    derived: dict[Pair, Label] = {}
    conflicts: set[Pair] = set()
    refs: set[Ref] = set()

    def check(ref: Ref, where: str) -> bool:
        article = labels.articles.get(ref[0])
        if article is None:
            problems.append(f"{where}: unknown article {ref[0]!r}")
            return False
        count = article.text.count(ref[1])
        if count != 1:
            problems.append(f"{where}: {ref[1]!r} found {count} times in {ref[0]}")
            return False
        return True

    for n, prop in enumerate(record.get("propositions") or []):
        where = f"{name}: proposition {n} ({prop.get('about', '')})"
        try:
            sides = [[_ref(r, where) for r in side] for side in prop.get("sides") or []]
        except LabelError as err:
            problems.append(str(err))
            continue
        if not sides:
            problems.append(f"{where}: no sides")
        for side in sides:
            for ref in side:
                if check(ref, where) and labels.articles[ref[0]].file == name:
                    refs.add(ref)
        why = str(prop.get("about", ""))
        found: list[tuple[Pair, str]] = []
        for i, side in enumerate(sides):
            found += [(_pair(a, b), "corroborates") for a, b in itertools.combinations(side, 2)]
            for other in sides[i + 1 :]:
                found += [(_pair(a, b), "contradicts") for a in side for b in other]
        for pair, kind in found:
            if pair[0] == pair[1]:
                continue
            known = derived.get(pair)
            if known is not None and known.label != kind:
                conflicts.add(pair)
            derived.setdefault(pair, Label(kind, why))

    explicit: dict[Pair, Label] = {}
    for n, item in enumerate(record.get("pairs") or []):
        where = f"{name}: pair {n}"
        try:
            a, b = _ref(item.get("a"), where), _ref(item.get("b"), where)
        except LabelError as err:
            problems.append(str(err))
            continue
        label = item.get("label")
        if label not in LABELS:
            problems.append(f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
            continue
        found_a, found_b = check(a, where), check(b, where)  # report both problems
        if not (found_a and found_b):
            continue
        refs.update(ref for ref in (a, b) if labels.articles[ref[0]].file == name)
        explicit[_pair(a, b)] = Label(label, str(item.get("why", "")))

    for pair in sorted(conflicts - set(explicit)):
        problems.append(f"{name}: {pair} is on one side in one proposition and opposite in another")
    for pair, entry in {**derived, **explicit}.items():
        if pair in labels.labels and labels.labels[pair].label != entry.label:
            problems.append(f"{name}: {pair} labelled differently in two stories")
        labels.labels[pair] = entry
    for ref in refs:
        labels.labelled.setdefault(labels.articles[ref[0]].story, set()).add(ref)
    return problems


# --- running the pipeline ------------------------------------------------------------


def front_matter_file(article: LabelledArticle) -> str:
    """A .md file as `claimtrack ingest` reads it: outlet and date in front matter."""
    return f"---\noutlet: {article.outlet}\npublished: {article.published}\n---\n{article.text}\n"


def ingest_labels(labels: LabelSet, folder: Path) -> tuple[dict[str, list[Claim]], list[ClaimLink]]:
    """Ingest (extract, store, link) in order of publication; claims per article key, links."""
    from claimtrack.ingest.pipeline import ingest
    from claimtrack.link.linker import Linker
    from claimtrack.store.database import open_store

    docs = folder / "articles"
    docs.mkdir()
    ordered = sorted(labels.articles.values(), key=lambda a: (a.published, a.key))
    paths: dict[str, str] = {}
    for article in ordered:
        path = docs / f"{article.key}.md"
        path.write_text(front_matter_file(article), encoding="utf-8")
        paths[str(path)] = article.key
    with open_store(f"sqlite:///{folder / 'links.db'}") as store:
        results = ingest(store, list(paths))
        bad = [r for r in results if r.status is not IngestStatus.stored or r.error]
        if bad:
            raise RuntimeError("ingest failed: " + "; ".join(f"{r.path}: {r.error}" for r in bad))
        keys = {r.article_id: paths[r.path] for r in results}
        claims: dict[str, list[Claim]] = {key: [] for key in paths.values()}
        # The articles' own voice is never linked: a labelled claim found only as
        # narration is an attribution the extractor missed.
        for claim in store.claims(attributed=True):
            claims[keys[claim.article_id]].append(claim)
        links = Linker(store).links()
    return claims, links


# --- mapping labels to claims --------------------------------------------------------

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def _norm(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())


@dataclass
class Resolution:
    """Where each labelled claim went: a claim id, or a miss."""

    ids: dict[Ref, int] = field(default_factory=dict)
    ambiguous: list[Ref] = field(default_factory=list)  # in several claims' content
    wrong_content: list[Ref] = field(default_factory=list)  # in a claim's sentence only
    missed: list[Ref] = field(default_factory=list)  # in no claim at all


def resolve(refs: Iterable[Ref], claims: dict[str, list[Claim]]) -> Resolution:
    """The stored claim whose content holds each reference's substring, if any."""
    out = Resolution()
    for ref in sorted(set(refs)):
        key, part = ref
        wanted = _norm(part)
        by_text = [c for c in claims.get(key, []) if wanted in _norm(c.text)]
        if by_text:
            if len(by_text) > 1:
                out.ambiguous.append(ref)
            # The shortest content is the most specific claim holding the substring.
            best = min(by_text, key=lambda c: len(c.text))
            assert best.id is not None
            out.ids[ref] = best.id
            continue
        # In a claim's sentence but not its content: the extractor found the statement
        # but cut the wrong content ("told the district court on Wednesday"), which no
        # linker can match.  An extraction error too, reported apart from outright misses.
        if any(wanted in _norm(c.sentence) for c in claims.get(key, [])):
            out.wrong_content.append(ref)
        else:
            out.missed.append(ref)
    return out


# --- scoring -------------------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _describe(claim: Claim) -> str:
    return f"[{claim.id}] {claim.speaker or claim.speaker_mention}: {claim.text}"


def score_links(
    labels: LabelSet, claims: dict[str, list[Claim]], links: Sequence[ClaimLink]
) -> dict[str, Any]:
    """Scores of stored links against the labels; see the module docstring for the rules."""
    all_refs = {ref for pair in labels.labels for ref in pair}
    for refs in labels.labelled.values():
        all_refs |= refs
    res = resolve(all_refs, claims)
    by_id = {c.id: c for cs in claims.values() for c in cs}
    story_of = {c.id: labels.articles[key].story for key, cs in claims.items() for c in cs}
    labelled_ids: dict[str, set[int]] = {
        story: {res.ids[r] for r in refs if r in res.ids} for story, refs in labels.labelled.items()
    }

    gold: dict[tuple[int, int], Label] = {}
    unscorable: Counter[str] = Counter()
    merged: Counter[str] = Counter()
    same_source: Counter[str] = Counter()
    for (ra, rb), label in labels.labels.items():
        if ra not in res.ids or rb not in res.ids:
            unscorable[label.label] += 1
            continue
        a, b = res.ids[ra], res.ids[rb]
        if a == b:
            merged[label.label] += 1  # two labelled statements came out as one claim
            continue
        ca, cb = by_id[a], by_id[b]
        if ca.article_id == cb.article_id and ca.speaker == cb.speaker:
            same_source[label.label] += 1  # never linked by design: one source repeating itself
            continue
        gold[(min(a, b), max(a, b))] = label

    def gold_label(a: int, b: int) -> str | None:
        found = gold.get((min(a, b), max(a, b)))
        if found is not None:
            return found.label
        if story_of[a] != story_of[b]:
            return "unrelated"
        story = story_of[a]
        if a in labelled_ids.get(story, set()) and b in labelled_ids.get(story, set()):
            return "unrelated"
        return None  # a claim nobody labelled, in the same story: not scored

    views: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for view, statuses in VIEWS.items():
        # Links of the article's own voice (a figure in narration) are not scored:
        # the labels are attributions.
        predicted = {
            (min(k.claim_id, k.other_id), max(k.claim_id, k.other_id)): k
            for k in links
            if k.status in statuses and k.claim_id in story_of and k.other_id in story_of
        }
        confusion: dict[str, Counter[str]] = {lab: Counter() for lab in LABELS}
        unscored: list[dict[str, Any]] = []
        false_pos: list[dict[str, Any]] = []
        for (a, b), link in sorted(predicted.items()):
            truth = gold_label(a, b)
            if truth is None:
                unscored.append(
                    {
                        "relation": link.relation.value,
                        "status": link.status.value,
                        "score": link.score,
                        "a": _describe(by_id[a]),
                        "b": _describe(by_id[b]),
                    }
                )
                continue
            confusion[truth][link.relation.value] += 1
            if truth != link.relation.value and truth != "ambiguous":
                false_pos.append(
                    {
                        "gold": truth,
                        "predicted": link.relation.value,
                        "status": link.status.value,
                        "score": link.score,
                        "reason": link.reason,
                        "a": _describe(by_id[a]),
                        "b": _describe(by_id[b]),
                        "why": _why(gold, a, b, story_of),
                    }
                )
        false_neg: list[dict[str, Any]] = []
        for (a, b), label in sorted(gold.items()):
            if label.label in RELATIONS and (a, b) not in predicted:
                confusion[label.label]["none"] += 1
                false_neg.append(
                    {
                        "gold": label.label,
                        "a": _describe(by_id[a]),
                        "b": _describe(by_id[b]),
                        "why": label.why,
                    }
                )
        scores: dict[str, Any] = {}
        for relation in RELATIONS:
            tp = confusion[relation][relation]
            fn = sum(n for pred, n in confusion[relation].items() if pred != relation)
            others = [lab for lab in LABELS if lab not in (relation, "ambiguous")]
            fp = sum(confusion[lab][relation] for lab in others)
            scores[relation] = prf(tp, fp, fn)
        # Link detection, whatever the relation: is there a link where there should be one?
        linked = sum(n for lab in RELATIONS for pred, n in confusion[lab].items() if pred != "none")
        scores["any_link"] = prf(
            linked,
            sum(confusion["unrelated"].values()),
            sum(confusion[lab]["none"] for lab in RELATIONS),
        )
        scores["related_links"] = sum(confusion[lab]["related"] for lab in LABELS)
        scores["unscored_links"] = len(unscored)
        scores["confusion"] = {
            lab: dict(sorted(counts.items())) for lab, counts in confusion.items() if counts
        }
        views[view] = scores
        errors[view] = {
            "false_positives": false_pos,
            "false_negatives": false_neg,
            "unscored": unscored,
        }

    gold_counts = Counter(label.label for label in gold.values())
    return {
        "files": len(labels.stories),
        "stories": len({article.story for article in labels.articles.values()}),
        "articles": len(labels.articles),
        "claims": sum(len(cs) for cs in claims.values()),
        "links": len(links),
        "labelled_pairs": dict(
            sorted(Counter(lab.label for lab in labels.labels.values()).items())
        ),
        "scored_pairs": dict(sorted(gold_counts.items())),
        "extraction": {
            "labelled_claims": len(all_refs),
            "found": len(res.ids),
            "wrong_content": len(res.wrong_content),
            "missed": len(res.missed),
            "missed_claims": [f"{k}: {s}" for k, s in res.missed],
            "wrong_content_claims": [f"{k}: {s}" for k, s in res.wrong_content],
            "ambiguous_claims": [f"{k}: {s}" for k, s in res.ambiguous],
            "pairs_lost_to_misses": dict(sorted(unscorable.items())),
            "pairs_merged_into_one_claim": dict(sorted(merged.items())),
            "pairs_same_source_same_article": dict(sorted(same_source.items())),
        },
        "views": views,
        "errors": errors,
    }


def _why(gold: dict[tuple[int, int], Label], a: int, b: int, story_of: dict[Any, str]) -> str:
    if (a, b) in gold:
        return gold[(a, b)].why
    if story_of[a] != story_of[b]:
        return f"different stories: {story_of[a]}, {story_of[b]}"
    return "same story, pair not labelled as related"


def score(path: Path | str = LINKS_DIR) -> dict[str, Any]:
    """Ingest the labelled set into a temporary SQLite database and score its links."""
    labels = load_labels(Path(path))
    with tempfile.TemporaryDirectory(prefix="claimtrack-links-") as tmp:
        claims, links = ingest_labels(labels, Path(tmp))
    return score_links(labels, claims, links)


# --- the command line ------------------------------------------------------------------


def _format(report: dict[str, Any], verbose: bool) -> str:
    ext = report["extraction"]
    lines = [
        f"{report['stories']} stories, {report['articles']} articles, {report['claims']} claims, "
        f"{report['links']} links stored",
        f"labelled pairs: {_counts(report['labelled_pairs'])}",
        f"scored pairs:   {_counts(report['scored_pairs'])}",
        f"extraction: {ext['found']}/{ext['labelled_claims']} labelled claims found, "
        f"{ext['wrong_content']} with the wrong content, {ext['missed']} missed; "
        f"pairs lost: {_counts(ext['pairs_lost_to_misses']) or 'none'}",
        "",
        f"{'view':<22}{'relation':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}",
    ]
    for view, scores in report["views"].items():
        for relation in (*RELATIONS, "any_link"):
            s = scores[relation]
            lines.append(
                f"{view:<22}{relation:<14}{s['precision']:>7.3f}{s['recall']:>7.3f}"
                f"{s['f1']:>7.3f}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}"
            )
        lines.append(
            f"{'':<22}related links {scores['related_links']}, "
            f"unscored links {scores['unscored_links']}"
        )
    lines.append("")
    lines.append("confusion (gold → predicted), confirmed+suggested:")
    for gold, row in report["views"]["confirmed+suggested"]["confusion"].items():
        lines.append(f"  {gold:<13} {_counts(row)}")
    if ext["missed_claims"] or ext["wrong_content_claims"]:
        lines.append("")
        lines.append("extraction errors (not linking errors; their pairs are not scored):")
        lines.extend(f"  missed: {m}" for m in ext["missed_claims"])
        lines.extend(f"  wrong content: {m}" for m in ext["wrong_content_claims"])
    if verbose:
        errors = report["errors"]["confirmed+suggested"]
        lines.append("")
        lines.append("false positives (confirmed+suggested):")
        for e in errors["false_positives"]:
            lines.append(
                f"  gold {e['gold']}, predicted {e['predicted']} ({e['status']} {e['score']}: "
                f"{e['reason']}) [{e['why']}]"
            )
            lines.append(f"      {e['a']}")
            lines.append(f"      {e['b']}")
        lines.append("")
        lines.append("unscored links (a claim nobody labelled, same story):")
        for e in errors["unscored"]:
            lines.append(f"  {e['relation']} ({e['status']} {e['score']})")
            lines.append(f"      {e['a']}")
            lines.append(f"      {e['b']}")
        lines.append("")
        lines.append("false negatives (confirmed+suggested):")
        for e in errors["false_negatives"]:
            lines.append(f"  {e['gold']} [{e['why']}]")
            lines.append(f"      {e['a']}")
            lines.append(f"      {e['b']}")
    return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=LINKS_DIR, help="folder or file")
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every link error")
    args = parser.parse_args(argv)
    try:
        report = score(args.path)
    except LabelError as err:
        print(f"Error: labelled set: {err}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(_format(report, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
