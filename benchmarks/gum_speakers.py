"""Speaker resolution on GUM news (real Wikinews text with gold coreference), as numbers.

Runs the shared scorer (`../shared/tools/score_gum_speakers.py`, which ingests
the 24 articles through the `claimtrack` command and maps each claim's
speaker mention to GUM's chains) and turns its summary line into metrics:
accuracy of resolved speakers for pronoun, description and name mentions, and
the share of pronoun claims left unresolved. Floors are in
`benchmarks/baseline.json` ("gum"), enforced by tests/test_gum_gate.py.

    python benchmarks/gum_speakers.py
    python benchmarks/gum_speakers.py --data ../shared/data/gum-news --json
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_gum_speakers.py"
DATA = SHARED / "data" / "gum-news"
_CLASS = re.compile(
    r"(?P<cls>pronoun|description|name) acc (?P<acc>[\d.]+) \((?P<right>\d+)/(?P<judged>\d+)\) "
    r"unresolved (?P<unres>\d+)"
)


def parse_summary(line: str) -> dict[str, float]:
    """Metrics from the scorer's last line ("gum-speakers: claims … | pronoun acc …")."""
    if not line.startswith("gum-speakers:"):
        raise ValueError(f"not a gum-speakers summary: {line!r}")
    metrics: dict[str, float] = {}
    for found in _CLASS.finditer(line):
        cls = found["cls"]
        right, judged, unresolved = int(found["right"]), int(found["judged"]), int(found["unres"])
        metrics[f"{cls}_accuracy"] = right / judged if judged else 0.0
        metrics[f"{cls}_judged"] = judged
        total = judged + unresolved
        metrics[f"{cls}_unresolved_share"] = unresolved / total if total else 0.0
    if len(metrics) != 9:
        raise ValueError(f"summary lacks a class: {line!r}")
    return metrics


def score(data: Path = DATA, scorer: Path = SCORER) -> dict[str, float]:
    """Run the scorer with this checkout's `claimtrack` and return its metrics."""
    exe = shutil.which("claimtrack", path=str(Path(sys.executable).parent)) or "claimtrack"
    done = subprocess.run(
        [sys.executable, str(scorer), "--claimtrack", exe, "--data", str(data), "--examples", "0"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return parse_summary(done.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    metrics = score(args.data)
    if args.json:
        print(json.dumps(metrics, indent=1))
    else:
        for cls in ("pronoun", "description", "name"):
            print(
                f"{cls:<12} accuracy {metrics[f'{cls}_accuracy']:.3f} "
                f"({metrics[f'{cls}_judged']:.0f} judged), "
                f"unresolved {metrics[f'{cls}_unresolved_share']:.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
