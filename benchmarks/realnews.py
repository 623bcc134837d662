"""Real-news attribution gold: hand annotations of articles written by others.

The gold (``benchmarks/realnews/gold/*.json``) keeps file names, offsets and
labels only; the articles are read from ``../shared/data`` (PolNeAR train,
ECB+ dev), which may not be copied into the repository.  The guideline is
``benchmarks/realnews/GUIDELINE.md``.

Two commands::

    python benchmarks/realnews.py convert /tmp/drafts/*.json --out benchmarks/realnews/gold
    python benchmarks/realnews.py score [--verbose] [--json] [--check]

``convert`` turns a draft (strings, kept outside the repository) into
offsets, refusing a draft whose content, cue or mention cannot be found.
``score`` runs the extractor on each article as ``claimtrack ingest`` reads it
and scores it with the speaker required to be right.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import quality  # noqa: E402

from claimtrack.models import Claim  # noqa: E402

DATA = REPO.parent / "shared" / "data"
GOLD = BENCH / "realnews" / "gold"
Span = tuple[int, int]

MENTION_TYPES = (
    "full name",
    "title + name",
    "surname",
    "pronoun",
    "description",
    "organisation",
    "group",
    "none",
)
STANCES = ("assert", "deny")
_DRAFT_KEYS = frozenset(
    ("content", "cue", "mention", "speaker", "aliases", "mention_type", "stance", "via", "note")
)


def read_raw(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- Drafts to offsets -----------------------------------------------------------


def _find_once(text: str, needle: str, what: str) -> Span:
    count = text.count(needle)
    if count != 1:
        raise ValueError(f"{what} {needle[:60]!r} found {count} times, need exactly 1")
    start = text.index(needle)
    return (start, start + len(needle))


def _nearest(text: str, needle: str, around: Span, what: str, inside: Sequence[Span] = ()) -> Span:
    """The occurrence of ``needle`` closest to the content, outside its parts."""
    best: Span | None = None
    best_distance = 0
    # Whole words only where the needle begins or ends with one ("he" is not in "the").
    left = r"(?<!\w)" if needle[:1].isalnum() else ""
    right = r"(?!\w)" if needle[-1:].isalnum() else ""
    for found in re.finditer(left + re.escape(needle) + right, text):
        start, end = found.span()
        if any(start < b and end > a for a, b in inside):
            continue  # "he" inside the quotation is not who said it
        distance = max(around[0] - end, start - around[1], 0)
        if best is None or distance < best_distance:
            best, best_distance = (start, end), distance
    if best is None or best_distance > 400:
        raise ValueError(f"{what} {needle!r} not found near its content")
    return best


def convert_item(text: str, item: dict[str, Any], where: str) -> dict[str, Any]:
    """One draft attribution as offsets and labels."""
    unknown = set(item) - _DRAFT_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    parts = item["content"] if isinstance(item["content"], list) else [item["content"]]
    content = [_find_once(text, part, f"{where}: content") for part in parts]
    around = (content[0][0], content[-1][1])
    cue = _nearest(text, item["cue"], around, f"{where}: cue", content) if item.get("cue") else None
    mention = item.get("mention")
    mention_span = (
        _nearest(text, mention.strip(), around, f"{where}: mention", content) if mention else None
    )
    mention_type = item.get("mention_type", "none" if not mention else None)
    if mention_type not in MENTION_TYPES:
        raise ValueError(f"{where}: mention_type must be one of {MENTION_TYPES}")
    if item.get("stance") not in STANCES:
        raise ValueError(f"{where}: stance must be one of {STANCES}")
    speaker = item.get("speaker")
    if speaker is not None and not (isinstance(speaker, str) and speaker.strip()):
        raise ValueError(f"{where}: speaker must be a name or null")
    return {
        "content": [list(span) for span in content],
        "cue": list(cue) if cue else None,
        "mention": list(mention_span) if mention_span else None,
        "mention_type": mention_type,
        "speaker": speaker,
        "aliases": list(item.get("aliases", [])),
        "stance": item["stance"],
        "via": list(item.get("via", [])),
    }


def convert(draft: dict[str, Any], data: Path = DATA) -> dict[str, Any]:
    """A draft record (strings) as a gold record (offsets), or ValueError naming the problem."""
    rel = draft["file"]
    text = read_raw(data / rel)
    items = [
        convert_item(text, item, f"{rel} attributions[{i}]")
        for i, item in enumerate(draft.get("attributions", []))
    ]
    items.sort(key=lambda item: item["content"][0][0])
    return {"file": rel, "sha256": sha256(text), "attributions": items}


def dump(record: dict[str, Any]) -> str:
    """A gold record with one attribution per line, so diffs stay readable."""
    lines = [json.dumps(item, ensure_ascii=False) for item in record["attributions"]]
    body = ",\n  ".join(lines)
    return (
        f'{{"file": {json.dumps(record["file"])},\n "sha256": "{record["sha256"]}",\n'
        f' "attributions": [\n  {body}\n ]}}\n'
        if lines
        else json.dumps(record) + "\n"
    )


# --- Loading ---------------------------------------------------------------------


@dataclass
class RealAttribution:
    content: tuple[Span, ...]
    cue: Span | None
    mention: Span | None
    mention_type: str
    speaker: str | None
    aliases: tuple[str, ...]
    stance: str
    via: tuple[str, ...]


@dataclass
class RealDoc:
    name: str
    path: Path
    raw: str
    gold: list[RealAttribution]


def load(gold_dir: Path = GOLD, data: Path = DATA) -> list[RealDoc]:
    """Every gold record with its article, checked against the file's hash."""
    docs: list[RealDoc] = []
    for path in sorted(gold_dir.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        article = data / record["file"]
        raw = read_raw(article)
        if sha256(raw) != record["sha256"]:
            raise ValueError(f"{path.name}: {record['file']} changed since it was annotated")
        gold = [
            RealAttribution(
                content=tuple((a, b) for a, b in item["content"]),
                cue=tuple(item["cue"]) if item["cue"] else None,  # type: ignore[arg-type]
                mention=tuple(item["mention"]) if item["mention"] else None,  # type: ignore[arg-type]
                mention_type=item["mention_type"],
                speaker=item["speaker"],
                aliases=tuple(item["aliases"]),
                stance=item["stance"],
                via=tuple(item["via"]),
            )
            for item in record["attributions"]
        ]
        docs.append(RealDoc(path.stem, article, raw, gold))
    if not docs:
        raise FileNotFoundError(f"{gold_dir}: no gold *.json files")
    return docs


# --- Scoring ---------------------------------------------------------------------


@dataclass
class RealReport:
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    predicted_resolved: int = 0
    matched: int = 0
    right: int = 0  # matched, resolved and naming the gold speaker
    wrong: int = 0  # matched, resolved, another speaker
    unresolved: int = 0  # matched and left unresolved
    split_right: int = 0  # unmatched, inside an annotated statement, speaker right
    stance_correct: int = 0
    gold_denials: int = 0
    denials_found: int = 0
    via_pairs: int = 0
    via_correct: int = 0
    # mention type -> [right, wrong, unresolved, missed]
    by_type: dict[str, list[int]] = field(default_factory=dict)
    seconds: float = 0.0
    misses: list[dict[str, str]] = field(default_factory=list)
    wrong_speakers: list[dict[str, str]] = field(default_factory=list)
    false_positives: list[dict[str, str]] = field(default_factory=list)
    stance_errors: list[dict[str, str]] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        # An unresolved claim leaves the precision denominator; an unmatched
        # resolved claim counts against it.
        spurious = self.predicted_resolved - self.right - self.wrong - self.split_right
        precision = quality._ratio(
            self.right + self.split_right, self.right + self.wrong + spurious + self.split_right
        )
        one_to_one = quality._ratio(
            self.right, self.right + self.wrong + spurious + self.split_right
        )
        recall = quality._ratio(self.right, self.gold)
        out = {
            "precision": precision,
            "precision_one_to_one": one_to_one,
            "recall": recall,
            "f1": quality._f1(precision, recall),
            "found_recall": quality._ratio(self.matched, self.gold),
            "speaker_accuracy": quality._ratio(self.right, self.right + self.wrong),
            "unresolved_share": quality._ratio(self.unresolved, self.matched),
            "stance_accuracy": quality._ratio(self.stance_correct, self.matched),
            "deny_recall": quality._ratio(self.denials_found, self.gold_denials),
            "via_accuracy": quality._ratio(self.via_correct, self.via_pairs),
            "ms_per_article": 1000 * self.seconds / self.articles if self.articles else 0.0,
        }
        for kind, (right, wrong, _unresolved, _missed) in self.by_type.items():
            key = kind.replace(" + ", "_").replace(" ", "_")
            out[f"speaker_accuracy.{key}"] = quality._ratio(right, right + wrong)
        return out


def speaker_right(gold: RealAttribution, claim: Claim) -> bool:
    if gold.speaker is None or claim.speaker is None:
        return False
    names = (gold.speaker, *gold.aliases)
    return any(quality.names_equal(name, claim.speaker) for name in names)


def _extract(doc: RealDoc) -> tuple[list[Claim], int, float]:
    """Claims of the article as ``claimtrack ingest`` reads it, and where its text starts."""
    from claimtrack.extraction.claims import extract
    from claimtrack.ingest.readers import read_file

    items = read_file(str(doc.path))
    article = items[0]
    if not hasattr(article, "text"):
        raise ValueError(f"{doc.path}: {article}")
    shift = doc.raw.find(article.text)
    if shift < 0:
        raise ValueError(f"{doc.path}: the reader changed the text; offsets cannot be mapped")
    t0 = time.perf_counter()
    # The article's own voice is no attribution: attribution scores leave it out.
    claims = [c for c in extract(article).claims if c.attributed]  # type: ignore[arg-type]
    return claims, shift, time.perf_counter() - t0


def _as_gold(g: RealAttribution, raw: str) -> quality.GoldAttribution:
    return quality.GoldAttribution(
        content=g.content,
        cue=(g.cue,) if g.cue else (),
        source=(g.mention,) if g.mention else (),
        content_text=" ".join(raw[a:b] for a, b in g.content),
        cue_text=raw[g.cue[0] : g.cue[1]] if g.cue else "",
        source_text=raw[g.mention[0] : g.mention[1]] if g.mention else "",
        speaker=g.speaker,
    )


def _shifted(pred: quality.Predicted, shift: int) -> quality.Predicted:
    cue = (pred.cue[0] + shift, pred.cue[1] + shift) if pred.cue else None
    return quality.Predicted(pred.claim, (pred.content[0] + shift, pred.content[1] + shift), cue)


def score(docs: Sequence[RealDoc]) -> RealReport:
    report = RealReport(articles=len(docs))
    for doc in docs:
        claims, shift, seconds = _extract(doc)
        report.seconds += seconds
        predicted = [_shifted(quality.locate(c), shift) for c in claims]
        golds = [_as_gold(g, doc.raw) for g in doc.gold]
        pairs = quality.match(predicted, golds, quality.TokenIndex(doc.raw))
        report.gold += len(doc.gold)
        report.gold_denials += sum(g.stance == "deny" for g in doc.gold)
        report.predicted += len(claims)
        report.predicted_resolved += sum(c.speaker is not None for c in claims)
        report.matched += len(pairs)
        for i, j in pairs:
            _score_pair(report, doc, doc.gold[j], golds[j], claims[i])
        matched_gold = {j for _, j in pairs}
        matched_pred = {i for i, _ in pairs}
        for j, g in enumerate(doc.gold):
            if j not in matched_gold:
                report.by_type.setdefault(g.mention_type, [0, 0, 0, 0])[3] += 1
                report.misses.append(
                    {
                        "article": doc.name,
                        "speaker": str(g.speaker),
                        "type": g.mention_type,
                        "cue": golds[j].cue_text,
                        "content": quality._short(golds[j].content_text),
                    }
                )
        index = quality.TokenIndex(doc.raw)
        gold_tokens = [index.tokens_in(g.content) for g in golds]
        for i, claim in enumerate(claims):
            if i in matched_pred:
                continue
            tokens = index.tokens_in((predicted[i].content,))
            if claim.speaker is not None and any(
                len(tokens & gt) >= quality.MIN_OVERLAP * len(tokens)
                and speaker_right(doc.gold[j], claim)
                for j, gt in enumerate(gold_tokens)
                if tokens
            ):
                # A piece of an annotated statement ('"A," X said. "B."' annotated as
                # one), with its speaker right: right as a prediction, no extra recall.
                report.split_right += 1
                continue
            report.false_positives.append(quality._claim_row(doc.name, claim))
    return report


def _score_pair(
    report: RealReport, doc: RealDoc, g: RealAttribution, gq: quality.GoldAttribution, c: Claim
) -> None:
    tally = report.by_type.setdefault(g.mention_type, [0, 0, 0, 0])
    if c.speaker is None:
        report.unresolved += 1
        tally[2] += 1
    elif speaker_right(g, c):
        report.right += 1
        tally[0] += 1
    else:
        report.wrong += 1
        tally[1] += 1
        report.wrong_speakers.append(
            {
                "article": doc.name,
                "gold": str(g.speaker),
                "type": g.mention_type,
                "speaker": c.speaker,
                "mention": c.speaker_mention,
                "content": quality._short(gq.content_text, 70),
            }
        )
    if c.stance.value == g.stance:
        report.stance_correct += 1
    else:
        report.stance_errors.append(
            {
                "article": doc.name,
                "gold": g.stance,
                "cue": c.cue,
                "content": quality._short(gq.content_text, 80),
            }
        )
    if g.stance == "deny" and c.stance.value == "deny":
        report.denials_found += 1
    if g.via or c.via:
        report.via_pairs += 1
        report.via_correct += quality.via_equal(g.via, c.via)


# --- Command line ----------------------------------------------------------------


def _report_text(report: RealReport, verbose: bool, show: int) -> str:
    m = report.metrics()
    rows = [
        ("articles", str(report.articles)),
        ("gold attributions", str(report.gold)),
        ("claims", f"{report.predicted} ({report.predicted_resolved} with a speaker)"),
        ("matched", f"{report.matched} (found recall {m['found_recall']:.3f})"),
        (
            "precision",
            f"{m['precision']:.3f}  (speaker required right; one claim per annotation"
            f" {m['precision_one_to_one']:.3f}, {report.split_right} claims inside an"
            " annotated statement)",
        ),
        ("recall", f"{m['recall']:.3f}  (speaker required right)"),
        ("F1", f"{m['f1']:.3f}"),
        (
            "speaker accuracy",
            f"{m['speaker_accuracy']:.3f}  ({report.right} right, "
            f"{report.wrong} wrong, {report.unresolved} unresolved)",
        ),
        ("stance accuracy", f"{m['stance_accuracy']:.3f}"),
        ("deny recall", f"{m['deny_recall']:.3f}  ({report.gold_denials} denials)"),
        ("via accuracy", f"{m['via_accuracy']:.3f}  ({report.via_pairs} pairs)"),
        *(
            (f"  {kind}", f"right {r}, wrong {w}, unresolved {u}, missed {x}")
            for kind, (r, w, u, x) in sorted(report.by_type.items())
        ),
        ("time/article", f"{m['ms_per_article']:.2f} ms"),
    ]
    out = "Real-news gold (benchmarks/realnews)\n" + quality._table(rows)
    if verbose:
        out += quality._listing("Missed attributions", report.misses, show)
        out += quality._listing("Wrong speakers", report.wrong_speakers, show)
        out += quality._listing("Stance errors", report.stance_errors, show)
        out += quality._listing("Claims matching no gold", report.false_positives, show)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    conv = sub.add_parser("convert", help="drafts (strings) to gold (offsets)")
    conv.add_argument("drafts", nargs="+", type=Path)
    conv.add_argument("--out", type=Path, default=GOLD)
    conv.add_argument("--data", type=Path, default=DATA)
    sc = sub.add_parser("score", help="score the extractor on the gold")
    sc.add_argument("--gold", type=Path, default=GOLD)
    sc.add_argument("--data", type=Path, default=DATA)
    sc.add_argument("--json", action="store_true")
    sc.add_argument("--verbose", action="store_true")
    sc.add_argument("--show", type=int, default=30)
    sc.add_argument("--check", type=Path, nargs="?", const=quality.BASELINE, metavar="BASELINE")
    args = parser.parse_args(argv)
    try:
        if args.command == "convert":
            return _convert_command(args.drafts, args.out, args.data)
        report = score(load(args.gold, args.data))
    except (OSError, ValueError, KeyError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    metrics = report.metrics()
    if args.json:
        payload: dict[str, Any] = {"metrics": metrics, "by_type": report.by_type}
        if args.verbose:
            payload |= {
                "misses": report.misses[: args.show],
                "wrong_speakers": report.wrong_speakers[: args.show],
                "stance_errors": report.stance_errors[: args.show],
            }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(_report_text(report, args.verbose, args.show))
    if args.check is not None:
        floors = quality.load_baseline(args.check).get("realnews", {})
        problems = quality.below_floor(metrics, floors)
        for problem in problems:
            print(f"below baseline [realnews] {problem}", file=sys.stderr)
        return 1 if problems else 0
    return 0


def _convert_command(drafts: Sequence[Path], out: Path, data: Path) -> int:
    failed = 0
    for path in drafts:
        try:
            record = convert(json.loads(path.read_text(encoding="utf-8")), data)
        except (OSError, ValueError, KeyError, json.JSONDecodeError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        out.mkdir(parents=True, exist_ok=True)
        target = out / (Path(record["file"]).stem + ".json")
        target.write_text(dump(record), encoding="utf-8")
        print(f"{path} -> {target} ({len(record['attributions'])} attributions)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
