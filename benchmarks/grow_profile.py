"""What does one more article cost once the database is large?

Copies a database that ``benchmarks/link_speed.py --keep PATH`` built (it is
never written to), ingests the corpus articles that come next (those after
the ones it holds) into the copy, and reports the time per article of the
main process, the one that stores and links.  With ``--profile`` (needs
pyinstrument) it also prints where that time goes; with ``--parts`` it reports
the time in speaker resolution, linking and the batch's pending writes
(timers only, no profiler's overhead), the parts to compare between a small
and a large database.

The first ``--warm`` articles go in the same ingest but are not measured:
a linker starts cold (no match features or posting lists in memory), as
`claimtrack ingest` does, and a long run's linker is warm.

    python benchmarks/link_speed.py --full --no-baseline --workers 2 --keep /tmp/100k.db
    python benchmarks/grow_profile.py --db /tmp/100k.db --warm 1000 --articles 600 --profile
    python benchmarks/grow_profile.py --db /tmp/10k.db --warm 1000 --articles 3000 --parts
"""

from __future__ import annotations

import argparse
import itertools
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
for entry in (str(REPO), str(REPO / "benchmarks")):
    if entry not in sys.path:  # run as a script from anywhere, without installing
        sys.path.insert(0, entry)

import corpus  # noqa: E402
from link_speed import write_files  # noqa: E402

from claimtrack.ingest.pipeline import ingest  # noqa: E402
from claimtrack.link.linker import Linker  # noqa: E402
from claimtrack.models import IngestResult  # noqa: E402
from claimtrack.store.database import Store, open_store  # noqa: E402

# What --parts times: (class, method, label).
PARTS = (
    (Store, "_resolve_speakers", "speaker resolution"),
    (Linker, "_link", "linking (candidates, comparisons)"),
    (Linker, "flush", "pending writes (index, links)"),
)


@contextmanager
def timed_parts(spent: defaultdict[str, float]) -> Iterator[None]:
    """Add the seconds spent in each of PARTS to `spent` while the block runs."""
    originals = [(cls, name, getattr(cls, name)) for cls, name, _ in PARTS]

    def timer(method: Callable[..., object], label: str) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - start

        return wrapper

    for (cls, name, method), (_, _, label) in zip(originals, PARTS, strict=True):
        setattr(cls, name, timer(method, label))
    try:
        yield
    finally:
        for cls, name, method in originals:
            setattr(cls, name, method)


def stored_articles(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM article").fetchone()[0])


def run(
    db: Path,
    articles: int,
    warm: int,
    workers: int,
    seed: int,
    profile: bool,
    parts: bool = False,
) -> str:
    held = stored_articles(db)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copy = folder / "grow.db"
        with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
        more = itertools.islice(corpus.iter_articles(held + warm + articles, seed), held, None)
        paths = write_files(list(more), folder / "articles")
        profiler = None
        if profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
        started: list[float] = []
        reported = itertools.count(1)
        spent: defaultdict[str, float] = defaultdict(float)
        before: dict[str, float] = {}  # the warm-up's share, left out

        def begin() -> None:
            started.append(time.perf_counter())
            before.update(spent)  # a copy of the totals so far
            if profiler is not None:
                profiler.start()

        def on_progress(_: IngestResult) -> None:
            # Measure from the end of the warm-up, in the same ingest: its linker
            # then holds the match features and posting lists a long run holds.
            if next(reported) == warm:
                begin()

        with (
            open_store(f"sqlite:///{copy}") as store,
            timed_parts(spent) if parts else nullcontext(),
        ):
            if not warm:
                begin()
            ingest(store, paths, workers=workers, on_progress=on_progress)
            elapsed = time.perf_counter() - started[0]
            if profiler is not None:
                profiler.stop()
    lines = [
        f"{articles:,} articles after {held + warm:,} ({warm:,} to warm up): {elapsed:.1f} s, "
        f"{1000 * elapsed / max(1, articles):.2f} ms per article (workers={workers})"
    ]
    for _, _, label in PARTS if parts else ():
        seconds = spent[label] - before.get(label, 0.0)
        lines.append(f"  {label:<36} {1000 * seconds / max(1, articles):6.2f} ms per article")
    if profiler is not None:
        lines.append(profiler.output_text(unicode=True, color=False))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="an SQLite file link_speed.py kept")
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument(
        "--warm", type=int, default=1000, help="articles ingested first, not measured"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0, help="the seed the database was built with")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile")
    parser.add_argument(
        "--parts", action="store_true", help="time speaker resolution, linking and pending writes"
    )
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"{args.db}: no such file")
    print(run(args.db, args.articles, args.warm, args.workers, args.seed, args.profile, args.parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
