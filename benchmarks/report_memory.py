"""Wall time and peak memory of `claimtrack report` in each format, on an existing database.

    python benchmarks/report_memory.py --db /work/bench/100k.db --runs 3 \\
        --formats md html json csv claimreview --topic troops

Each run is `claimtrack report --db DB --format F -o FILE` in a process of its
own; its peak resident memory is the kernel's (`wait4`'s ru_maxrss, as
`/usr/bin/time -v` reports it), so the interpreter and every import count, and
its CPU time (user + system) is shown beside the wall time, which on a shared
machine also counts waiting for a core.
The database is copied first unless `--in-place`: a report keeps the
disputes it computes with the database (query/disputecache.py), which is a
write. One `claimtrack disputes` run computes and keeps them first, and one
`figures TOPIC` per `--topic` groups every article into events and keeps that
(query/eventcache.py); their times are shown, and every timed report reads
both kept, as a desk's second report of the day would.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ["md", "html", "json", "csv", "claimreview"]
ORG = ["--org-name", "Bench Desk", "--org-url", "https://bench.example/checks"]


def run_once(db: str, args: list[str]) -> tuple[float, float, float]:
    """(seconds, peak MB, CPU seconds) of one `claimtrack` process."""
    command = [sys.executable, "-m", "claimtrack", *args[:1], "--db", db, *args[1:]]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    if (code := os.waitstatus_to_exitcode(status)) != 0:
        raise SystemExit(f"{' '.join(args)} failed ({code}): {stderr}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # kB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="an SQLite file (copied) or a database URL")
    parser.add_argument("--formats", nargs="+", default=FORMATS, choices=FORMATS)
    parser.add_argument("--topic", action="append", default=[], help="also --topic T (repeat)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--in-place", action="store_true", help="use the database, not a copy")
    parser.add_argument("--no-whole", action="store_true", help="only the --topic reports")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="report-memory-", dir=os.environ.get("TMPDIR")) as tmp:
        db = options.db
        if not options.in_place and "://" not in db:
            db = str(Path(tmp) / "copy.db")
            shutil.copyfile(options.db, db)
        seconds, peak, _ = run_once(db, ["disputes", "--format", "json"])
        print(f"disputes (computed and kept unless kept already): {seconds:.1f} s, {peak:.0f} MB")
        for topic in options.topic:  # a topic's first report groups every article into events
            seconds, peak, _ = run_once(db, ["figures", topic, "--format", "json"])
            print(f"figures {topic} (events grouped and kept): {seconds:.1f} s, {peak:.0f} MB")
        cases = [] if options.no_whole else [(fmt, None) for fmt in options.formats]
        cases += [(fmt, topic) for topic in options.topic for fmt in options.formats]
        head = ["format".ljust(12), "topic".ljust(10), "median s".rjust(9), "runs s".ljust(20)]
        print(" ".join([*head, "CPU s".rjust(6), "peak MB".rjust(8), "MB out".rjust(8)]))
        for fmt, topic in cases:
            out = Path(tmp) / f"report.{fmt}"
            args = ["report", "--format", fmt, "-o", str(out), *ORG]
            args += ["--topic", topic] if topic else []
            timed = [run_once(db, args) for _ in range(options.runs)]
            seconds_each = [t for t, _, _ in timed]
            print(
                f"{fmt:<12} {topic or '-':<10} {statistics.median(seconds_each):>9.1f} "
                f"{' '.join(f'{t:.1f}' for t in seconds_each):<20} "
                f"{statistics.median(c for _, _, c in timed):>6.1f} "
                f"{max(m for _, m, _ in timed):>8.0f} {out.stat().st_size / 1e6:>8.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
