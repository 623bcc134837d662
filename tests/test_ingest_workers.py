"""ingest --workers: extraction in worker processes, storing and linking in input order.

A run with workers must leave the database exactly as a serial run does (same
article and claim ids, speakers and links), fail a bad input alone, and lose
nothing when a worker dies.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from claimtrack.cli.main import app
from claimtrack.collector import YOUNG_GC_THRESHOLD
from claimtrack.errors import ClaimtrackError
from claimtrack.ingest import pipeline
from claimtrack.ingest.pipeline import ingest
from claimtrack.ingest.workers import AHEAD, map_in_order
from claimtrack.link.linker import Linker
from claimtrack.models import IngestResult, IngestStatus
from claimtrack.store import textindex
from claimtrack.store.database import Store, open_store
from claimtrack.store.tables import TERM_STAT
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
CORPUS_SIZE = 30  # two batches and more, so the pool really runs


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Synthetic wire stories (which link to each other) and the seed articles, in order."""
    corpus = load_script("benchmarks/corpus.py", "claimtrack_benchmarks_corpus")
    folder = tmp_path_factory.mktemp("articles")
    paths = []
    for i, article in enumerate(corpus.build(CORPUS_SIZE, 7)):
        path = folder / f"{i:03d}.md"
        path.write_text(corpus.markdown(article), encoding="utf-8")
        paths.append(path)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        paths.append(Path(shutil.copy(seed, folder / seed.name)))
    return paths


def snapshot(db_url: str) -> dict[str, list[Any]]:
    """Everything ingest writes that a user can see, ids included."""
    with open_store(db_url) as store:
        links = Linker(store).links(include_rejected=True)
        return {
            "articles": store.articles(),
            "claims": store.claims(),
            "speakers": store.speakers(),
            "links": sorted(links, key=lambda link: link.id),
        }


def run_ingest(db_url: str, paths: list[Path], workers: int) -> list[IngestResult]:
    """Ingest the paths; the results as on_progress saw them, which must be the returned list."""
    seen: list[IngestResult] = []
    with open_store(db_url) as store:
        results = ingest(store, [str(p) for p in paths], workers=workers, on_progress=seen.append)
    assert seen == results
    return results


def test_workers_store_the_same_database_as_one_process(
    db_url: str, second_db_url: str, corpus_files: list[Path]
) -> None:
    serial = run_ingest(db_url, corpus_files, workers=1)
    parallel = run_ingest(second_db_url, corpus_files, workers=2)
    assert parallel == serial
    assert [r.path for r in parallel] == [str(p) for p in corpus_files]
    assert {r.status for r in parallel} == {IngestStatus.stored}
    expected, got = snapshot(db_url), snapshot(second_db_url)
    assert expected["links"] and len(expected["claims"]) > CORPUS_SIZE  # a real comparison
    assert got == expected


def _index_and_counts(db_url: str) -> tuple[dict[int, list[str]], list[tuple[str, int]]]:
    """The text index's terms per claim and the stored term counts."""
    with open_store(db_url) as store, store._read() as conn:
        ids = [c.id for c in store.claims() if c.id is not None]
        indexed = {cid: sorted(terms) for cid, terms in textindex.indexed(conn, ids).items()}
        counts = sorted((str(t), int(n)) for t, n in conn.execute(select(TERM_STAT)))
    return indexed, counts


@pytest.fixture(scope="module")
def wire_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """80 synthetic wire stories: enough shared terms that a missed posting shows."""
    corpus = load_script("benchmarks/corpus.py", "claimtrack_benchmarks_corpus")
    folder = tmp_path_factory.mktemp("wire")
    paths = []
    for i, article in enumerate(corpus.build(80, 0)):
        path = folder / f"{i:03d}.md"
        path.write_text(corpus.markdown(article), encoding="utf-8")
        paths.append(path)
    return paths


def test_a_batch_links_as_one_article_at_a_time_does(
    db_url: str, second_db_url: str, wire_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A batch's transaction sends the index, counts and links at its end; articles
    # later in the batch must still find the earlier ones, and the counts add up.
    # The second run's linker starts with nothing in memory: every term is read
    # from the database, which holds the first run's claims, not the batch's.
    first, second = wire_files[::2], wire_files[1::2]
    monkeypatch.setattr(pipeline, "STORE_BATCH", 1)
    for url in (db_url, second_db_url):
        run_ingest(url, first, workers=1)
    run_ingest(db_url, second, workers=1)
    monkeypatch.setattr(pipeline, "STORE_BATCH", len(second))
    run_ingest(second_db_url, second, workers=1)
    expected, got = snapshot(db_url), snapshot(second_db_url)
    assert len(expected["links"]) > 1000  # a real comparison
    assert got == expected
    indexed, counts = _index_and_counts(second_db_url)
    assert (indexed, counts) == _index_and_counts(db_url)
    recount: dict[str, int] = {}
    for terms in indexed.values():
        for term in terms:
            recount[term] = recount.get(term, 0) + 1
    assert counts == sorted(recount.items())


def test_a_bad_file_fails_alone_and_the_rest_are_stored_in_order(
    db_url: str, corpus_files: list[Path], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
    paths = [*corpus_files[:10], empty, *corpus_files[10:20], binary, *corpus_files[20:]]
    results = run_ingest(db_url, paths, workers=2)
    assert [r.path for r in results] == [str(p) for p in paths]
    failed = {r.path: r.error for r in results if r.status is IngestStatus.failed}
    assert failed == {
        str(empty): f"{empty}: file is empty",
        str(binary): f"{binary}: binary file, not text",
    }
    good = [str(p) for p in corpus_files]
    with open_store(db_url) as store:
        by_id = sorted(store.articles(), key=lambda a: a.id)
    assert [a.path for a in by_id] == good  # ids follow input order


def test_the_collector_runs_less_often_only_while_ingesting(
    store: Store, corpus_files: list[Path]
) -> None:
    before = gc.get_threshold()
    during: list[tuple[int, ...]] = []

    def on_progress(result: IngestResult) -> None:
        during.append(gc.get_threshold())
        if len(during) == 3:
            raise KeyboardInterrupt  # a user stopping a long ingest

    with pytest.raises(KeyboardInterrupt):
        ingest(store, [str(p) for p in corpus_files], on_progress=on_progress)
    assert during and {t[0] for t in during} == {max(YOUNG_GC_THRESHOLD, before[0])}
    assert {t[1:] for t in during} == {before[1:]}
    assert gc.get_threshold() == before  # put back, also when ingest is interrupted


def _analyzed(store: Store) -> set[str]:
    """claimtrack's tables in this schema that PostgreSQL has statistics for."""
    with store._read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT relname FROM pg_stat_user_tables"
            " WHERE schemaname = current_schema() AND last_analyze IS NOT NULL"
        )
        return {row[0] for row in rows}


def test_a_large_ingest_refreshes_postgresql_statistics(
    store: Store, corpus_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    if store.backend.name != "postgresql":
        pytest.skip("SQLite plans from its indexes; nothing to refresh")
    paths = [str(p) for p in corpus_files]
    monkeypatch.setattr(pipeline, "ANALYZE_AFTER", len(paths) + 1)
    ingest(store, paths[:5])
    assert not _analyzed(store) & {"claim", "claim_link"}  # too few stored
    monkeypatch.setattr(pipeline, "ANALYZE_AFTER", len(paths) - 5)
    results = ingest(store, paths)  # the first five are skipped, not stored again
    assert sum(r.status is IngestStatus.stored for r in results) == len(paths) - 5
    assert {"article", "claim", "claim_link", "claim_fts", "speaker"} <= _analyzed(store)


def test_a_long_ingest_refreshes_statistics_as_its_tables_grow(
    store: Store, corpus_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Scaled down: a refresh after 2 stored articles, then each time 2x as many.
    monkeypatch.setattr(pipeline, "STORE_BATCH", 1)
    monkeypatch.setattr(pipeline, "ANALYZE_AFTER", 2)
    monkeypatch.setattr(pipeline, "ANALYZE_GROWTH", 2)
    at: list[int] = []
    monkeypatch.setattr(store, "analyze", lambda: at.append(len(store.articles())))
    paths = [str(p) for p in corpus_files[:9]]
    ingest(store, paths[:1])
    assert at == []  # one article: too few
    results = ingest(store, paths)  # the first is skipped: 8 stored
    assert sum(r.status is IngestStatus.stored for r in results) == 8
    assert at == [3, 5, 9]  # after 2, 4 and 8 stored; at the end nothing is new


def test_cli_ingest_with_workers(runner: CliRunner, db_url: str, corpus_files: list[Path]) -> None:
    paths = [str(p) for p in corpus_files]
    result = runner.invoke(app, ["--db", db_url, "ingest", "--workers", "2", *paths])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert [line.split()[1] for line in lines[:-1]] == paths
    assert lines[-1] == f"{len(paths)} stored, 0 skipped, 0 failed"


def test_cli_workers_come_from_the_environment(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[int] = []

    def spy(*args: Any, workers: int, **kwargs: Any) -> list[IngestResult]:
        asked.append(workers)
        return []

    monkeypatch.setattr("claimtrack.ingest.pipeline.ingest", spy)
    db = str(tmp_path / "spy.db")
    result = runner.invoke(app, ["--db", db, "ingest", "a.txt"], env={"CLAIMTRACK_WORKERS": "0"})
    assert result.exit_code == 0, result.output
    assert asked == [0]
    result = runner.invoke(app, ["--db", db, "ingest", "--workers", "-1", "a.txt"])
    assert result.exit_code == 2
    assert "CLAIMTRACK_WORKERS" in runner.invoke(app, ["ingest", "--help"]).stdout


def test_negative_workers_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="workers"):
        ingest(store, [], workers=-1)


# --- the pool itself -------------------------------------------------------------------


def square_where(n: int) -> tuple[int, int]:
    """n squared and the process that computed it (module level: workers import it by name)."""
    return n * n, os.getpid()


def square_or_error(n: int) -> int | ClaimtrackError:
    return ClaimtrackError(f"item {n}: odd") if n % 2 else n * n


def die_in_worker_at_20(n: int) -> int:
    if n == 20 and multiprocessing.parent_process() is not None:
        os._exit(1)  # as if the kernel killed the worker
    return n * n


def test_results_come_back_in_input_order_from_other_processes() -> None:
    out = list(map_in_order(square_where, range(40), 2, batch=4))
    assert [(n, square) for n, (square, _) in out] == [(n, n * n) for n in range(40)]
    assert {pid for _, (_, pid) in out} - {os.getpid()}  # some ran in workers


def test_one_batch_or_less_runs_here() -> None:
    out = list(map_in_order(square_where, range(4), 2, batch=4))
    assert out == [(n, (n * n, os.getpid())) for n in range(4)]


def test_failures_come_back_as_values() -> None:
    out = dict(map_in_order(square_or_error, range(12), 2, batch=2))
    assert str(out[3]) == "item 3: odd"
    assert out[4] == 16


def test_the_input_is_read_only_a_window_ahead() -> None:
    consumed = 0

    def endless() -> Iterator[int]:
        nonlocal consumed
        while True:
            consumed += 1
            yield consumed

    with closing(map_in_order(square_where, endless(), 2, batch=4)) as results:
        first = [next(results) for _ in range(10)]
    assert [n for n, _ in first] == list(range(1, 11))
    assert consumed <= 10 + (AHEAD * 2 + 2) * 4


def test_a_killed_worker_loses_nothing() -> None:
    out = list(map_in_order(die_in_worker_at_20, range(60), 2, batch=4))
    assert out == [(n, n * n) for n in range(60)]
