"""Does a change to disputes() keep its results, and what does a whole-database call cost?

Runs `disputes()` (all, and per topic) and the JSON report on an existing
database and writes what they return as one JSON document, so two versions of
the code can be diffed on the same database: ``--code DIR`` imports claimtrack
from DIR (another checkout, e.g. ``git archive <commit> | tar -x -C DIR``)
instead of this one.  Seconds per call and the process's peak memory after it
(ru_maxrss, so only the first call's is its own: use ``--calls`` to run one)
go to stderr.  Opening a database may upgrade its schema: point it at a copy.

    python benchmarks/disputes_check.py --db /tmp/copy.db --topic people --out new.json
    python benchmarks/disputes_check.py --db /tmp/copy.db --code /tmp/old --out old.json
    cmp old.json new.json
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CALLS = ("disputes", "topics", "report")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(spent: dict[str, tuple[float, float]], name: str, call: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    found = call()
    spent[name] = (time.perf_counter() - start, _peak_mb())
    return found


def run(
    db: str, topics: Sequence[str], calls: Sequence[str]
) -> tuple[dict[str, Any], dict[str, tuple[float, float]]]:
    """The results of the chosen calls, and seconds and peak memory (MB) after each."""
    from claimtrack.link.linker import Linker
    from claimtrack.query.disputes import disputes
    from claimtrack.report.build import build_report, render
    from claimtrack.store.database import open_store

    out: dict[str, Any] = {}
    spent: dict[str, tuple[float, float]] = {}
    with open_store(db) as store:
        if "disputes" in calls:
            found = _timed(spent, "disputes", lambda: disputes(Linker(store)))
            out["disputes"] = [d.model_dump(mode="json") for d in found]
        if "topics" in calls:
            out["topics"] = {}
            for topic in topics:
                found = _timed(
                    spent, f"disputes topic={topic}", lambda t=topic: disputes(Linker(store), t)
                )
                out["topics"][topic] = [d.model_dump(mode="json") for d in found]
        if "report" in calls:
            text = _timed(spent, "report json", lambda: render(build_report(store), "json"))
            out["report"] = json.loads(text)
    return out, spent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="database path or URL (a copy: see above)")
    parser.add_argument("--out", required=True, help="write the results here as JSON")
    parser.add_argument("--code", help="import claimtrack from this checkout instead")
    parser.add_argument("--topic", action="append", default=[], help="also disputes(topic=)")
    parser.add_argument(
        "--calls", default=",".join(CALLS), help=f"comma-separated, of {', '.join(CALLS)}"
    )
    args = parser.parse_args(argv)
    calls = [c for c in args.calls.split(",") if c]
    if unknown := set(calls) - set(CALLS):
        parser.error(f"unknown calls: {', '.join(sorted(unknown))}")
    sys.path.insert(0, str(Path(args.code).resolve() if args.code else REPO))
    import claimtrack

    found, spent = run(args.db, args.topic, calls)
    Path(args.out).write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    print(f"claimtrack from {Path(claimtrack.__file__).parent}", file=sys.stderr)
    for name, (seconds, peak) in spent.items():
        print(f"  {name:<32} {seconds:8.2f} s   peak {peak:6.0f} MB", file=sys.stderr)
    print(f"  peak memory {_peak_mb():.0f} MB (with writing the results)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
