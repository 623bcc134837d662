"""Linking at scale: does ingest + link stay fast as the database grows?

Builds a synthetic corpus with ``benchmarks/corpus.py`` and ingests it, one
article at a time, through `claimtrack.ingest.pipeline.ingest` into a fresh
database, recording the clock after every article.  For each size N (1,000
and 10,000; 100,000 with ``--full``) it reports:

* the total time to ingest and link the first N articles into an empty
  database, and the growth ratio time(10N) / time(N) (10 is linear);
* the time per article of the *last 200* of those N, i.e. the cost of one
  more article when the database already holds N - 200;
* the same for ingest without linking (``ingest(link=False)``: read, extract,
  store) and for extraction alone (`extract()` on the articles in memory), so
  that linking's own cost is the difference.

The first N articles of a larger corpus are the corpus of size N (the
generator is sequential), so one pass over the largest size measures every
size.

SQLite runs in a temporary folder.  PostgreSQL (``--db postgresql://…``)
runs in a schema of its own, created for the run and dropped after it;
nothing else in that database is read or written.

Examples::

    python benchmarks/link_speed.py
    python benchmarks/link_speed.py --db postgresql://postgres@127.0.0.1:5432/test
    python benchmarks/link_speed.py --full --json > speed.json
    python benchmarks/link_speed.py --sizes 500 2000 --no-baseline
    python benchmarks/link_speed.py --sizes 1000 --no-baseline --keep /tmp/1k.db
    python benchmarks/link_speed.py --sizes 1000 --no-baseline --db postgresql://… --keep-schema s1k
    python benchmarks/link_speed.py --full --no-baseline --workers 2   # extract on a 2nd core
    python benchmarks/link_speed.py --full --no-baseline --no-extract --workers 2 --keep /tmp/l.db
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
for entry in (str(REPO), str(REPO / "benchmarks")):
    if entry not in sys.path:  # run as a script from anywhere, without installing
        sys.path.insert(0, entry)

import corpus  # noqa: E402

from claimtrack.models import Article, IngestResult, IngestStatus  # noqa: E402

SIZES = (1000, 10000)
FULL = 100000
TAIL = 200


# --- databases -------------------------------------------------------------------------


@contextmanager
def fresh_database(
    db: str | None,
    folder: Path,
    name: str,
    keep: Path | None = None,
    keep_schema: str | None = None,
) -> Iterator[str]:
    """A URL for an empty claimtrack database; removed afterwards unless kept.

    SQLite is copied to `keep`; on PostgreSQL the schema `keep_schema` is used
    and left in place (it must not exist yet).
    """
    if db is None or "://" not in db or db.startswith("sqlite"):
        path = folder / f"{name}.db"
        yield f"sqlite:///{path}"
        if keep is not None:
            import sqlite3

            with sqlite3.connect(path) as src, sqlite3.connect(keep) as dst:
                src.backup(dst)  # a consistent copy, WAL included
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(db)
    if not url.drivername.startswith("postgres"):
        raise SystemExit(f"--db: only SQLite and PostgreSQL URLs are supported, not {db!r}")
    url = url.set(drivername="postgresql+psycopg")
    schema = keep_schema or f"claimtrack_speed_{os.getpid()}_{name}".lower().replace("-", "_")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            if keep_schema is None:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))  # fails if a kept one exists
        # libpq `options`: every connection of the store sees only this schema.
        scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield scoped.render_as_string(hide_password=False)
    finally:
        if keep_schema is None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _counts(store: Any) -> dict[str, int]:
    """Claims and links stored so far, and how many links stay inside one story.

    The corpus writes its story number into each article's URL, so a link
    between two stories is, by construction, a link between different events:
    a cheap precision signal at a scale no one can label.
    """
    from sqlalchemy import func, select
    from sqlalchemy.orm import aliased

    from claimtrack.store.tables import ARTICLE, CLAIM, LINK

    a, b = aliased(CLAIM), aliased(CLAIM)
    with store._read() as conn:
        claims = conn.execute(select(func.count()).select_from(CLAIM)).scalar_one()
        story = {
            row.id: corpus.story_of(row.url)
            for row in conn.execute(select(ARTICLE.c.id, ARTICLE.c.url))
        }
        pairs = conn.execute(
            select(a.c.article_id, b.c.article_id, LINK.c.status)
            .join(a, a.c.id == LINK.c.claim_a)
            .join(b, b.c.id == LINK.c.claim_b)
        )
        links = same = confirmed = confirmed_same = 0
        for left, right, status in pairs:
            links += 1
            inside = story[left] == story[right]
            same += inside
            if status == "confirmed":
                confirmed += 1
                confirmed_same += inside
    return {
        "claims": int(claims),
        "links": links,
        "links_same_story": same,
        "confirmed": confirmed,
        "confirmed_same_story": confirmed_same,
    }


def _peak_rss_mb() -> int:
    """This process's peak resident memory so far (Linux reports kB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


# --- measuring -------------------------------------------------------------------------


def write_files(articles: Sequence[Article], folder: Path) -> list[str]:
    """The corpus as .md files with front matter, the way `claimtrack ingest` reads news."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, article in enumerate(articles):
        path = folder / f"{i:06d}.md"
        path.write_text(corpus.markdown(article), encoding="utf-8")
        paths.append(str(path))
    return paths


def time_ingest(
    url: str,
    paths: Sequence[str],
    sizes: Sequence[int],
    link: bool,
    progress: Callable[[str], None] | None = None,
    workers: int = 1,
) -> dict[int, dict[str, Any]]:
    """Ingest every path in order; per size N, total seconds and ms/article of the last 200."""
    from claimtrack.ingest.pipeline import ingest
    from claimtrack.store.database import open_store

    stamps: list[float] = []
    paused = [0.0]  # time spent counting rows at checkpoints, not ingesting
    failed: list[str] = []
    at_size: dict[int, dict[str, int]] = {}
    wanted = set(sizes)
    with open_store(url) as store:

        def on_progress(result: IngestResult) -> None:
            now = time.perf_counter() - paused[0]
            stamps.append(now)
            if result.status is not IngestStatus.stored or result.error:
                failed.append(f"{result.path}: {result.error or result.status}")
            if len(stamps) in wanted:
                before = time.perf_counter()
                at_size[len(stamps)] = _counts(store) | {"peak_rss_mb": _peak_rss_mb()}
                paused[0] += time.perf_counter() - before
                if progress is not None:
                    what = "ingest+link" if link else "ingest"
                    progress(f"{what}: {len(stamps)} articles, {now - start:.1f} s")

        start = time.perf_counter()
        ingest(store, list(paths), link=link, on_progress=on_progress, workers=workers)
    if failed:
        raise RuntimeError(f"{len(failed)} articles not ingested, e.g. {failed[0]}")
    out: dict[int, dict[str, float]] = {}
    for n in sizes:
        tail = min(TAIL, n - 1)
        out[n] = {
            "seconds": stamps[n - 1] - start,
            "tail_ms": 1000 * (stamps[n - 1] - stamps[n - 1 - tail]) / tail,
            **at_size[n],
        }
    return out


def time_extract(articles: Sequence[Article], sizes: Sequence[int]) -> dict[int, dict[str, float]]:
    """extract() alone over the articles in memory, with the same checkpoints."""
    from claimtrack.extraction.claims import extract

    stamps: list[float] = []
    start = time.perf_counter()
    for article in articles:
        extract(article)
        stamps.append(time.perf_counter())
    out: dict[int, dict[str, float]] = {}
    for n in sizes:
        tail = min(TAIL, n - 1)
        out[n] = {
            "seconds": stamps[n - 1] - start,
            "tail_ms": 1000 * (stamps[n - 1] - stamps[n - 1 - tail]) / tail,
        }
    return out


def run(
    sizes: Sequence[int],
    db: str | None = None,
    seed: int = 0,
    baseline: bool = True,
    progress: Callable[[str], None] | None = None,
    keep: Path | None = None,
    workers: int = 1,
    keep_schema: str | None = None,
    extract: bool = True,
) -> dict[str, Any]:
    """Every measurement for every size, as one JSON-ready report."""
    sizes = sorted(set(sizes))
    if sizes[0] <= TAIL:
        raise ValueError(f"sizes must be above {TAIL} (the last {TAIL} articles are timed)")
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    articles = corpus.build(sizes[-1], seed)
    built = time.perf_counter() - t0
    say(f"corpus: {len(articles)} articles in {built:.1f} s")
    report: dict[str, Any] = {
        "backend": "postgresql" if db and db.startswith("postgres") else "sqlite",
        "seed": seed,
        "workers": workers,
        "corpus_seconds": built,
        "words_per_article": sum(len(a.text.split()) for a in articles) / len(articles),
        "sizes": {},
    }
    extract_times: dict[int, dict[str, Any]] = {}
    if extract:
        extract_times = time_extract(articles, sizes)
        say(f"extract only: {extract_times[sizes[-1]]['seconds']:.1f} s")
    with tempfile.TemporaryDirectory(prefix="claimtrack-link-speed-") as tmp:
        folder = Path(tmp)
        paths = write_files(articles, folder / "articles")
        del articles
        store_times: dict[int, dict[str, Any]] = {}
        if baseline:
            with fresh_database(db, folder, "nolink") as url:
                store_times = time_ingest(
                    url, paths, sizes, link=False, progress=say, workers=workers
                )
        with fresh_database(db, folder, "link", keep, keep_schema) as url:
            link_times = time_ingest(url, paths, sizes, link=True, progress=say, workers=workers)
    for n in sizes:
        row: dict[str, Any] = {
            "ingest_link_seconds": link_times[n]["seconds"],
            "ingest_link_tail_ms": link_times[n]["tail_ms"],
            "claims": link_times[n]["claims"],
            "links": link_times[n]["links"],
            "links_per_claim": link_times[n]["links"] / max(1, link_times[n]["claims"]),
            "links_same_story": link_times[n]["links_same_story"],
            "confirmed": link_times[n]["confirmed"],
            "confirmed_same_story": link_times[n]["confirmed_same_story"],
            "peak_rss_mb": link_times[n]["peak_rss_mb"],
        }
        if extract:
            row |= {
                "extract_seconds": extract_times[n]["seconds"],
                "extract_tail_ms": extract_times[n]["tail_ms"],
            }
        if baseline:
            row |= {
                "ingest_seconds": store_times[n]["seconds"],
                "ingest_tail_ms": store_times[n]["tail_ms"],
                "link_seconds": link_times[n]["seconds"] - store_times[n]["seconds"],
                "link_tail_ms": link_times[n]["tail_ms"] - store_times[n]["tail_ms"],
            }
        report["sizes"][str(n)] = row
    growth: dict[str, float] = {}
    for small, big in itertools.pairwise(sizes):
        key = f"{big}/{small}"
        a, b = report["sizes"][str(small)], report["sizes"][str(big)]
        growth[f"ingest_link_seconds {key}"] = b["ingest_link_seconds"] / a["ingest_link_seconds"]
        growth[f"ingest_link_tail_ms {key}"] = b["ingest_link_tail_ms"] / a["ingest_link_tail_ms"]
        if baseline and a["link_seconds"] > 0:
            growth[f"link_seconds {key}"] = b["link_seconds"] / a["link_seconds"]
    report["growth"] = growth
    return report


# --- the command line ------------------------------------------------------------------


def format_report(report: dict[str, Any]) -> str:
    workers = report.get("workers", 1)
    how = "one process" if workers == 1 else f"ingest extracting in {workers} worker processes"
    lines = [
        f"backend {report['backend']}, corpus seed {report['seed']}, "
        f"{report['words_per_article']:.0f} words/article, {how}",
        "",
        "                      total seconds                       ms/article, last 200",
        f"{'N':>7}  {'extract':>8} {'ingest':>8} {'+link':>8} {'link':>8}"
        f"   {'extract':>8} {'ingest':>8} {'+link':>8} {'link':>8}   {'claims':>8} {'links':>8}",
    ]

    def cell(row: dict[str, Any], key: str, digits: int) -> str:
        return f"{row[key]:>8.{digits}f}" if key in row else f"{'-':>8}"

    for n, row in report["sizes"].items():
        lines.append(
            f"{int(n):>7}  {cell(row, 'extract_seconds', 1)} {cell(row, 'ingest_seconds', 1)} "
            f"{cell(row, 'ingest_link_seconds', 1)} {cell(row, 'link_seconds', 1)}   "
            f"{cell(row, 'extract_tail_ms', 2)} {cell(row, 'ingest_tail_ms', 2)} "
            f"{cell(row, 'ingest_link_tail_ms', 2)} {cell(row, 'link_tail_ms', 2)}   "
            f"{row['claims']:>8} {row['links']:>8}"
        )
    lines.append("")
    lines.append("links inside one story (links across stories join different events):")
    for n, row in report["sizes"].items():
        links, confirmed = max(1, row["links"]), max(1, row["confirmed"])
        lines.append(
            f"{int(n):>7}  {row['links_per_claim']:.1f} links/claim; same story: "
            f"{row['links_same_story'] / links:.1%} of all links, "
            f"{row['confirmed_same_story'] / confirmed:.1%} of {row['confirmed']} confirmed; "
            f"peak memory {row['peak_rss_mb']} MB (corpus included)"
        )
    lines.append("")
    lines.append("growth (10 = linear in N for totals, 1 = flat for ms/article):")
    for key, value in report["growth"].items():
        lines.append(f"  {key:<36} {value:6.2f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="postgresql://… URL (a schema is created and dropped)")
    parser.add_argument("--full", action="store_true", help=f"also {FULL:,} articles")
    parser.add_argument("--sizes", type=int, nargs="+", help="sizes instead of 1000 10000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip ingest without linking (halves the time)"
    )
    parser.add_argument(
        "--no-extract",
        action="store_true",
        help="skip timing extraction alone (a serial pass: 3.5 min at 100,000)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="ingest --workers: extraction processes (0: one per core); extract-only stays serial",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--keep", type=Path, help="SQLite: keep the linked database here (query_speed.py)"
    )
    parser.add_argument(
        "--keep-schema",
        help="PostgreSQL: build in this new schema and keep it (query_speed.py --db URL"
        "?options=-csearch_path%%3DSCHEMA)",
    )
    args = parser.parse_args(argv)
    if args.workers < 0:
        parser.error("--workers must be 0 (one per core) or more")
    sizes = list(args.sizes or SIZES)
    if args.full:
        sizes.append(FULL)

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    baseline = not args.no_baseline
    report = run(
        sizes,
        db=args.db,
        seed=args.seed,
        baseline=baseline,
        progress=progress,
        keep=args.keep,
        keep_schema=args.keep_schema,
        workers=args.workers or os.cpu_count() or 1,  # the count used, in the report
        extract=not args.no_extract,
    )
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
