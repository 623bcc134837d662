"""Extraction throughput on one core (and on all cores): articles per second.

Times ``extract()`` alone over N articles (cycling through the inputs), and
with ``--store`` the whole ingest path (read, extract, write) into a
throw-away SQLite database, so a slow store shows up separately from a slow
extractor.

Examples::

    python benchmarks/speed.py --articles 2000
    python benchmarks/speed.py --source polnear ../shared/data/polnear/dev --profile
    python benchmarks/speed.py --articles 300 --store --json
    python benchmarks/speed.py --articles 4000 --workers 2      # one core, then two
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere, without installing
    sys.path.insert(0, str(REPO))

from claimtrack.models import Article  # noqa: E402

SEEDS = REPO / "seeds"


def load_texts(kind: str, path: Path | None) -> list[tuple[str, str]]:
    """(name, text) pairs: seeds/*.txt, or a PolNeAR split's text/*.txt."""
    if kind == "seeds":
        folder = path or SEEDS
    elif path is None:
        raise ValueError("--source polnear needs a PATH (a split folder such as .../dev)")
    else:
        folder = path / "text" if (path / "text").is_dir() else path
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"{folder}: no .txt files")
    texts = []
    for file in files:
        with open(file, encoding="utf-8", newline="") as fh:
            texts.append((file.name, fh.read()))
    return texts


def pin_to_one_core() -> int | None:
    """Pin the process to one CPU so numbers compare across machines with many cores."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def time_extract(articles: Sequence[Article], n: int) -> dict[str, float]:
    """Extract n articles (cycling), after one untimed warm-up pass over the first few."""
    from claimtrack.extraction.claims import extract

    t0 = time.perf_counter()
    extract(articles[0])
    first_call = time.perf_counter() - t0
    for article in articles[1:5]:
        extract(article)

    durations: list[float] = []
    words = claims = 0
    total0 = time.perf_counter()
    for i in range(n):
        article = articles[i % len(articles)]
        t0 = time.perf_counter()
        extraction = extract(article)
        durations.append(time.perf_counter() - t0)
        claims += len(extraction.claims)
        words += len(article.text.split())
    total = time.perf_counter() - total0
    durations.sort()
    return {
        "articles": n,
        "seconds": total,
        "articles_per_second": n / total if total else 0.0,
        "ms_mean": 1000 * statistics.fmean(durations),
        "ms_median": 1000 * statistics.median(durations),
        "ms_p95": 1000 * durations[min(len(durations) - 1, int(0.95 * len(durations)))],
        "ms_max": 1000 * durations[-1],
        "ms_first_call": 1000 * first_call,
        "words_per_article": words / n,
        "words_per_second": words / total if total else 0.0,
        "claims_per_article": claims / n,
    }


def _extract_one(article: Article) -> Any:
    from claimtrack.extraction.claims import extract

    return extract(article)


def time_extract_parallel(articles: Sequence[Article], n: int, workers: int) -> dict[str, float]:
    """Extract n articles across `workers` processes, results sent back as a store would need.

    The extractions travel back to the parent (pickled), as they must for one
    process to write them, so the figure is what parallel ingest could reach.
    """
    import multiprocessing

    if hasattr(os, "sched_setaffinity"):  # undo pin_to_one_core for the pool
        os.sched_setaffinity(0, range(os.cpu_count() or 1))
    items = [articles[i % len(articles)] for i in range(n)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(_extract_one, items[: 4 * workers])  # warm-up: imports, caches
        start = time.perf_counter()
        claims = sum(len(x.claims) for x in pool.imap(_extract_one, items, chunksize=16))
        total = time.perf_counter() - start
    return {
        "parallel_workers": workers,
        "parallel_seconds": total,
        "parallel_articles_per_second": n / total if total else 0.0,
        "parallel_claims": claims,
    }


def time_store(texts: Sequence[tuple[str, str]], n: int) -> dict[str, float]:
    """Ingest n article files into a fresh SQLite database through claimtrack.ingest.pipeline.

    Re-ingesting the same text is skipped as a duplicate (content hash), so
    copies beyond the first round get a distinct last line.
    """
    missing = [
        m for m in ("claimtrack.ingest.pipeline", "claimtrack.store.database") if not _exists(m)
    ]
    if missing:
        raise RuntimeError(
            f"--store needs {' and '.join(missing)}, which this checkout does not have yet"
        )
    try:
        from claimtrack.ingest.pipeline import ingest
        from claimtrack.store.database import open_store
    except ImportError as exc:  # the pipeline is being written in parallel
        raise RuntimeError(f"--store cannot import the ingest pipeline: {exc}") from exc

    with tempfile.TemporaryDirectory(prefix="claimtrack-speed-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        paths = []
        for i in range(n):
            name, text = texts[i % len(texts)]
            copy = i // len(texts)
            body = text if copy == 0 else f"{text.rstrip()}\n\n(benchmark copy {copy})\n"
            path = folder / f"{i:06d}_{name}"
            path.write_text(body, encoding="utf-8")
            paths.append(str(path))
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        try:
            t0 = time.perf_counter()
            results = ingest(store, paths)
            total = time.perf_counter() - t0
        finally:
            close: Callable[[], None] | None = getattr(store, "close", None)
            if close is not None:
                close()
    statuses: dict[str, int] = {}
    claims = 0
    for result in results:
        statuses[str(result.status)] = statuses.get(str(result.status), 0) + 1
        claims += result.claims
    return {
        "store_articles": n,
        "store_seconds": total,
        "store_articles_per_second": n / total if total else 0.0,
        "store_claims": claims,
        **{f"store_{status}": count for status, count in sorted(statuses.items())},
    }


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def profile(articles: Sequence[Article], n: int, lines: int) -> str:
    """Top of a profile of n extractions: pyinstrument if installed, else cProfile."""
    from claimtrack.extraction.claims import extract

    def run() -> None:
        for i in range(n):
            extract(articles[i % len(articles)])

    if _exists("pyinstrument"):
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        run()
        profiler.stop()
        text: str = profiler.output_text(unicode=True, color=False)
    else:
        import cProfile
        import io
        import pstats

        prof = cProfile.Profile()
        prof.runcall(run)
        buffer = io.StringIO()
        pstats.Stats(prof, stream=buffer).sort_stats("cumulative").print_stats(lines)
        text = buffer.getvalue()
        text = "(pyinstrument not installed; cProfile by cumulative time)\n" + text
    return "\n".join(text.splitlines()[:lines])


def _format(result: dict[str, Any]) -> str:
    rows = [
        ("source", f"{result['source']} ({result['texts']} texts)"),
        ("articles", f"{result['articles']}  (one core: cpu {result['cpu']})"),
        ("articles/second", f"{result['articles_per_second']:.1f}"),
        (
            "ms/article",
            f"mean {result['ms_mean']:.2f}, median {result['ms_median']:.2f}, "
            f"p95 {result['ms_p95']:.2f}, max {result['ms_max']:.2f}",
        ),
        ("first call", f"{result['ms_first_call']:.1f} ms (cold caches)"),
        ("words/article", f"{result['words_per_article']:.0f}"),
        ("words/second", f"{result['words_per_second']:.0f}"),
        ("claims/article", f"{result['claims_per_article']:.2f}"),
    ]
    if "parallel_seconds" in result:
        rows.append(
            (
                f"{result['parallel_workers']} processes",
                f"{result['parallel_articles_per_second']:.1f} articles/s "
                f"(extractions returned to one process)",
            )
        )
    if "store_seconds" in result:
        rows.append(
            (
                "ingest+store",
                f"{result['store_articles_per_second']:.1f} articles/s "
                f"({result['store_articles']} in {result['store_seconds']:.2f} s, "
                f"{result['store_claims']} claims)",
            )
        )
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"  {label:<{width}}  {value}" for label, value in rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500, help="articles to extract")
    parser.add_argument(
        "--source",
        nargs="+",
        default=["seeds"],
        metavar="KIND [PATH]",
        help="'seeds' (default: the repo's seeds/) or 'polnear PATH' (a split folder)",
    )
    parser.add_argument("--store", action="store_true", help="also time ingest into SQLite")
    parser.add_argument(
        "--workers", type=int, default=0, help="also extract with this many processes (all cores)"
    )
    parser.add_argument("--profile", action="store_true", help="print the top of a profile")
    parser.add_argument("--profile-lines", type=int, default=60, help="profile lines to print")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)

    kind, *rest = args.source
    if kind not in ("seeds", "polnear") or len(rest) > 1:
        parser.error("--source takes 'seeds [PATH]' or 'polnear PATH'")
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    try:
        texts = load_texts(kind, Path(rest[0]) if rest else None)
    except (OSError, ValueError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2

    cpu = pin_to_one_core()
    articles = [
        Article(text=text, title=text.lstrip().split("\n", 1)[0] or None, path=name)
        for name, text in texts
    ]
    result: dict[str, Any] = {"source": kind, "texts": len(texts), "cpu": cpu}
    result |= time_extract(articles, args.articles)
    if args.workers > 0:
        result |= time_extract_parallel(articles, args.articles, args.workers)
    if args.store:
        try:
            result |= time_store(texts, args.articles)
        except RuntimeError as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 2

    print(json.dumps(result, indent=2) if args.json else _format(result))
    if args.profile:
        # With --json the profile goes to stderr so stdout stays parseable.
        report = profile(articles, args.articles, args.profile_lines)
        print("\n" + report, file=sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
