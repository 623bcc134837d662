"""How long do a fact-checker's questions take on a large database?

Times the library calls behind `claimtrack figures`, `match`, `disputes` and
`report` on an existing database (build one with ``benchmarks/link_speed.py
--keep PATH``, or point it at your own).  Statements for `match` are claims
drawn from the database itself, as a fact-checker pastes a claim to check;
`figures` asks for the five units the database counts most, and for a
counted noun and a name from each drawn claim.  Reports the median,
95th percentile and slowest call of each, and the process's peak memory.

    python benchmarks/query_speed.py --db /tmp/corpus-100k.db
    python benchmarks/query_speed.py --db postgresql://postgres@127.0.0.1:5432/test --json
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere, without installing
    sys.path.insert(0, str(REPO))

from claimtrack.link.linker import Linker  # noqa: E402
from claimtrack.query.disputes import disputes  # noqa: E402
from claimtrack.query.figures import figures  # noqa: E402
from claimtrack.query.match import match  # noqa: E402
from claimtrack.report.build import build_report, render  # noqa: E402
from claimtrack.store.database import open_store  # noqa: E402


def timings(calls: Sequence[Callable[[], Any]]) -> dict[str, float]:
    """Milliseconds per call: median, 95th percentile, slowest, with the call count."""
    spent = []
    for call in calls:
        start = time.perf_counter()
        call()
        spent.append(1000 * (time.perf_counter() - start))
    ordered = sorted(spent)
    return {
        "calls": len(spent),
        "median_ms": statistics.median(spent),
        "p95_ms": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        "max_ms": ordered[-1],
    }


def _names(text: str) -> list[str]:
    """Capitalised words inside a sentence: the place, person or body a claim is about."""
    words = text.split()
    return [w.strip(",.;:'\"") for w in words[1:] if w[:1].isupper() and len(w) > 3]


def run(
    db: str, samples: int = 20, seed: int = 0, whole: bool = True, lookups_only: bool = False
) -> dict[str, Any]:
    rng = random.Random(seed)
    out: dict[str, Any] = {}
    start = time.perf_counter()
    with open_store(db) as store:
        out["open_s"] = time.perf_counter() - start
        out["upgraded"] = store.upgraded
        linker = Linker(store)
        with store._read() as conn:
            top = conn.exec_driver_sql("SELECT max(id) FROM claim").scalar() or 0
            articles = conn.exec_driver_sql("SELECT count(*) FROM article").scalar() or 0
        out["articles"], out["claims_max_id"] = int(articles), int(top)
        picked = []
        while len(picked) < samples and top:
            found = store.claims(claim_id=rng.randint(1, int(top)))
            picked.extend(found)
        # The five units the database counts most: the worst case for a unit alone.
        with store._read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT unit FROM claim_figure GROUP BY unit ORDER BY count(*) DESC, unit LIMIT 5"
            )
            queries = [str(row[0]) for row in rows] or ["people"]
        # What a fact-checker asks: a quantity and what it is about ("troops Kursk").
        focused = [
            f"{f.noun or f.unit} {name}"
            for c in picked
            for f in c.figures[:1]
            if f.unit
            for name in _names(c.text)[:1]
        ]
        out["figures"] = timings([lambda q=q: figures(linker, q) for q in focused])
        out["figures"]["queries"] = focused
        out["figures_unit_only"] = timings([lambda q=q: figures(linker, q) for q in queries])
        out["figures_unit_only"]["queries"] = queries
        out["match"] = timings([lambda c=c: match(linker, c.text) for c in picked])
        if lookups_only:
            out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            return out
        topic = queries[0]
        out["disputes_topic"] = timings([lambda: disputes(linker, topic=topic)])
        if whole:
            out["disputes"] = timings([lambda: disputes(linker)])
            out["report_json"] = timings([lambda: render(build_report(store), "json")])
        out["report_topic_html"] = timings(
            [lambda: render(build_report(store, topic=topic), "html")]
        )
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="database path or URL")
    parser.add_argument("--samples", type=int, default=20, help="match statements to time")
    parser.add_argument(
        "--no-whole", action="store_true", help="skip disputes and report over everything"
    )
    parser.add_argument(
        "--lookups-only", action="store_true", help="figures and match only (no disputes, report)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = run(args.db, args.samples, whole=not args.no_whole, lookups_only=args.lookups_only)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{report['articles']:,} articles; opened in {report['open_s']:.1f} s")
    for change in report["upgraded"]:
        print(f"  upgraded: {change}")
    for key, value in report.items():
        if isinstance(value, dict):
            print(
                f"  {key:<18} median {value['median_ms']:9.1f} ms   p95 {value['p95_ms']:9.1f} ms"
                f"   max {value['max_ms']:9.1f} ms   ({value['calls']} calls)"
            )
    print(f"  peak memory {report['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
