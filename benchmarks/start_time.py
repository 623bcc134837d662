"""How fast does the command line answer? `--help`, `--version` and `extract` on a seed.

Each command runs as a fresh process (``python -m claimtrack``, the console
script's cost without its wrapper), several times; the median and the slowest
are printed. Targets: `--help` and `--version` under 0.3 s, `extract FILE`
under 0.5 s.

    python benchmarks/start_time.py
    python benchmarks/start_time.py --runs 20 --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "001_07c2a53a13bdc222.txt"
COMMANDS: dict[str, tuple[list[str], float]] = {
    "--help": (["--help"], 0.3),
    "--version": (["--version"], 0.3),
    "extract SEED": (["extract", str(SEED)], 0.5),
}


def seconds(args: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of each run of `claimtrack ARGS` in a new process."""
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "claimtrack", *args],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=REPO,
        )
        spent.append(time.perf_counter() - start)
    return spent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per command")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    seconds(["--version"], 1)  # warm the file cache and .pyc files
    rows = []
    for name, (command, target) in COMMANDS.items():
        spent = seconds(command, args.runs)
        median = statistics.median(spent)
        rows.append(
            {
                "command": name,
                "median_s": round(median, 3),
                "max_s": round(max(spent), 3),
                "target_s": target,
                "met": median < target,
            }
        )
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        print(f"{'command':<14} {'median s':>9} {'slowest s':>10} {'target s':>9}  met")
        for r in rows:
            print(
                f"{r['command']:<14} {r['median_s']:>9.3f} {r['max_s']:>10.3f} "
                f"{r['target_s']:>9.1f}  {'yes' if r['met'] else 'NO'}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
