"""Hand-annotated conflicts in ECB+ dev subtopics: drafts (strings) to gold (offsets).

Annotators read every article of a subtopic (one real event, several outlets)
and recorded where the articles disagree: a **figure** conflict (different
values for one quantity of the event, `compatible` when they may all hold) or
a **stance** conflict (a source asserts what another denies).  The guideline
is ``benchmarks/disputes/GUIDELINE.md``.  The corpus may not be copied, so the
gold keeps file, SHA-256, character offsets and labels only; drafts with the
sentences live outside the repository.

    python benchmarks/disputes_gold.py convert DRAFT_DIR   # writes benchmarks/disputes/gold/
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLD = HERE / "disputes" / "gold"
DATA = HERE.parent.parent / "shared" / "data"
DOCS = "ecbplus-dev/docs"
KINDS = ("figure", "stance")
Span = tuple[int, int]


def read_raw(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Backer:
    """One sentence backing a position: where it is and who states it."""

    file: str  # under ../shared/data
    sentence: Span
    figure: Span | None
    source: str | None
    attributed: bool


@dataclass(frozen=True)
class Conflict:
    subtopic: str
    id: str
    kind: str
    proposition: str
    quantity: str | None
    compatible: bool | None
    positions: tuple[tuple[str, tuple[Backer, ...]], ...]

    @property
    def disputed(self) -> bool:
        """Whether the sides cannot all be right: a stance conflict or disjoint figures."""
        return self.kind == "stance" or self.compatible is False


def _find(text: str, needle: str, what: str) -> Span:
    start = text.find(needle)
    if start < 0:
        raise ValueError(f"{what} {needle[:70]!r} not found")
    return (start, start + len(needle))


def _backer(raw: dict[str, Any], texts: dict[str, str], data: Path, where: str) -> dict[str, Any]:
    rel = f"{DOCS}/{raw['file']}"
    if rel not in texts:
        texts[rel] = read_raw(data / rel)
    text = texts[rel]
    sentence = _find(text, raw["sentence"], f"{where}: sentence")
    figure = None
    if raw.get("figure"):
        inside = text[sentence[0] : sentence[1]]
        at = _find(inside, raw["figure"], f"{where}: figure")
        figure = [sentence[0] + at[0], sentence[0] + at[1]]
    return {
        "file": rel,
        "sentence": list(sentence),
        "figure": figure,
        "source": raw.get("source"),
        "attributed": bool(raw.get("attributed", raw.get("source") is not None)),
    }


def convert(draft: dict[str, Any], data: Path = DATA) -> dict[str, Any]:
    """A draft (strings) as gold (offsets), or ValueError naming what cannot be found."""
    texts: dict[str, str] = {}
    conflicts = []
    for c in draft["conflicts"]:
        if c["kind"] not in KINDS:
            raise ValueError(f"{draft['subtopic']} {c['id']}: kind must be one of {KINDS}")
        positions = []
        for p in c["positions"]:
            where = f"{draft['subtopic']} {c['id']} {p['label']!r}"
            positions.append(
                {
                    "label": p["label"],
                    "backers": [_backer(b, texts, data, where) for b in p["backers"]],
                }
            )
        conflicts.append(
            {
                "id": c["id"],
                "kind": c["kind"],
                "proposition": c["proposition"],
                "quantity": c.get("quantity") if c["kind"] == "figure" else None,
                "compatible": c.get("compatible") if c["kind"] == "figure" else None,
                "positions": positions,
            }
        )
    return {
        "subtopic": draft["subtopic"],
        "files": {rel: sha256(text) for rel, text in sorted(texts.items())},
        "conflicts": conflicts,
    }


def load(gold: Path = GOLD, data: Path = DATA) -> list[Conflict]:
    """Every gold conflict; ValueError when a file changed since it was annotated."""
    found = []
    for path in sorted(gold.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        for rel, digest in record["files"].items():
            if sha256(read_raw(data / rel)) != digest:
                raise ValueError(f"{rel} changed since it was annotated")
        for c in record["conflicts"]:
            positions = tuple(
                (
                    p["label"],
                    tuple(
                        Backer(
                            file=b["file"],
                            sentence=(b["sentence"][0], b["sentence"][1]),
                            figure=(b["figure"][0], b["figure"][1]) if b["figure"] else None,
                            source=b["source"],
                            attributed=b["attributed"],
                        )
                        for b in p["backers"]
                    ),
                )
                for p in c["positions"]
            )
            found.append(
                Conflict(
                    subtopic=record["subtopic"],
                    id=c["id"],
                    kind=c["kind"],
                    proposition=c["proposition"],
                    quantity=c["quantity"],
                    compatible=c["compatible"],
                    positions=positions,
                )
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    conv = sub.add_parser("convert", help="drafts (strings) to gold (offsets)")
    conv.add_argument("drafts", type=Path)
    conv.add_argument("--out", type=Path, default=GOLD)
    conv.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in sorted(args.drafts.glob("*.json")):
        try:
            gold = convert(json.loads(path.read_text(encoding="utf-8")), args.data)
        except (ValueError, KeyError, OSError) as err:
            print(f"{path.name}: {err}", file=sys.stderr)
            failed += 1
            continue
        (args.out / path.name).write_text(json.dumps(gold, indent=1) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
