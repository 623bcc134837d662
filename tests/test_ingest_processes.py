"""Ingest in real processes: two writers on one database, and a run killed midway;
and an article stored but never linked.

These start `python -m claimtrack` as subprocesses, because locks, transactions and
SIGKILL only behave for real across processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from claimtrack.ingest.pipeline import extract_path
from claimtrack.store import textindex
from claimtrack.store.database import open_store
from claimtrack.store.tables import ARTICLE, CLAIM, LINK, SPEAKER, TERM_STAT

ROOT = Path(__file__).resolve().parent.parent

# Invented people and bodies, shared between articles so that concurrent writers
# race to create the same speaker records.
FIRST = ["Ilse", "Tomas", "Rana", "Odile", "Piet", "Marisol", "Kwame", "Agnes"]
LAST = ["Varga", "Lindqvist", "Moreau", "Okafor", "Brandt", "Quispe", "Halloran"]
BODIES = ["harbour authority", "water board", "transport union", "statistics office"]
UNITS = ["households", "buses", "workers", "bridges", "schools"]


def article_text(i: int) -> str:
    """A small wire-style article with three attributed claims, unique to `i`."""
    person = f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}"
    other = f"{FIRST[(i + 3) % len(FIRST)]} {LAST[(i + 2) % len(LAST)]}"
    body = BODIES[i % len(BODIES)]
    unit = UNITS[i % len(UNITS)]
    return (
        f"Council reviews plan {i} for the northern district\n\n"
        f"Councillor {person} said on Monday that {120 + i} {unit} had been affected "
        f"by the works in zone {i}.\n\n"
        f'"We will publish every figure for zone {i} this week," {other} told reporters.\n\n'
        f"The {body} said on Tuesday that about {i + 7},000 residents were waiting "
        f"for the report on plan {i}.\n"
    )


def write_articles(folder: Path, numbers: range) -> dict[int, Path]:
    folder.mkdir(exist_ok=True)
    paths = {}
    for i in numbers:
        path = folder / f"story-{i:03d}.txt"
        path.write_text(article_text(i), encoding="utf-8")
        paths[i] = path
    return paths


def start_ingest(db_url: str, paths: list[Path], cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMTRACK_DB": db_url}
    return subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "ingest", *map(str, paths)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def expected_claims(paths: list[Path]) -> dict[str, int]:
    """Claims per path as a clean ingest of that article alone stores them."""
    counts = {}
    for path in paths:
        (extraction,) = extract_path(str(path))
        counts[str(path)] = len(extraction.claims)
    return counts


def stored_counts(db_url: str) -> tuple[Counter[str], dict[str, int]]:
    """Articles stored per path, and claims per path."""
    with open_store(db_url) as store:
        summaries = store.articles()
    per_path = Counter(str(a.path) for a in summaries)
    return per_path, {str(a.path): a.claims for a in summaries}


def speaker_names(db_url: str) -> set[str]:
    with open_store(db_url) as store:
        return {s.name for s in store.speakers()}


def assert_consistent(db_url: str) -> None:
    """No claim without its article, no link without its claims, every article linked."""
    with open_store(db_url) as store, store._read() as conn:
        orphans = conn.execute(
            select(func.count())
            .select_from(CLAIM)
            .where(CLAIM.c.article_id.not_in(select(ARTICLE.c.id)))
        ).scalar_one()
        claim_ids = select(CLAIM.c.id)
        bad_links = conn.execute(
            select(func.count())
            .select_from(LINK)
            .where(LINK.c.claim_a.not_in(claim_ids) | LINK.c.claim_b.not_in(claim_ids))
        ).scalar_one()
        unknown_speakers = conn.execute(
            select(func.count())
            .select_from(CLAIM)
            .where(CLAIM.c.speaker_id.is_not(None), CLAIM.c.speaker_id.not_in(select(SPEAKER.c.id)))
        ).scalar_one()
        assert (orphans, bad_links, unknown_speakers) == (0, 0, 0)
        # The linking index holds each claim's terms once and counts them right,
        # though two processes may have wanted to link one article.
        all_ids = list(conn.execute(select(CLAIM.c.id)).scalars())
        indexed = textindex.indexed(conn, all_ids)
        postings = Counter((term, claim) for claim, found in indexed.items() for term in found)
        assert max(postings.values(), default=1) == 1
        if store.backend.name == "sqlite":  # PostgreSQL's primary key already forbids a second row
            rows = conn.exec_driver_sql("SELECT rowid FROM claim_fts").fetchall()
            assert len(rows) == len({r[0] for r in rows})
        per_term = Counter(term for term, _claim in postings)
        df = {row[0]: row[1] for row in conn.execute(select(TERM_STAT.c.term, TERM_STAT.c.df))}
        assert {t: n for t, n in df.items() if n} == dict(per_term)
        assert store.unlinked_articles() == []


def reference_speakers(tmp_path: Path, paths: list[Path]) -> set[str]:
    """Speaker names after ingesting `paths` in one process, into a database of its own."""
    from claimtrack.ingest.pipeline import ingest

    url = f"sqlite:///{tmp_path / 'reference.db'}"
    with open_store(url) as store:
        ingest(store, [str(p) for p in paths])
    return speaker_names(url)


def test_two_ingest_processes_store_every_article_once(db_url: str, tmp_path: Path) -> None:
    files = write_articles(tmp_path / "wire", range(50))
    shared = [files[i] for i in range(20)]
    # Opposite orders: the two meet in the middle of the shared articles, and
    # until then store different articles naming the same speakers.
    first = shared + [files[i] for i in range(20, 35)]
    second = shared[::-1] + [files[i] for i in range(35, 50)]
    # Open the database once so both processes find the schema made; the race under
    # test is the ingest, not the (separately locked) schema creation.
    open_store(db_url).close()

    runs = [start_ingest(db_url, batch, tmp_path) for batch in (first, second)]
    outputs = [run.communicate(timeout=300) for run in runs]

    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "database is locked" not in err
        assert "Error" not in err
    summaries = [err.strip().splitlines()[-1] for _out, err in outputs]
    stored = sum(int(line.split(" stored")[0]) for line in summaries)
    skipped = sum(int(line.split(", ")[1].split()[0]) for line in summaries)
    assert (stored, skipped) == (50, 20)

    per_path, claims = stored_counts(db_url)
    assert per_path == Counter({str(p): 1 for p in files.values()})
    assert claims == expected_claims(list(files.values()))
    assert speaker_names(db_url) == reference_speakers(tmp_path, list(files.values()))
    assert_consistent(db_url)


def test_killed_ingest_leaves_no_half_article_and_a_rerun_completes(
    db_url: str, tmp_path: Path
) -> None:
    files = write_articles(tmp_path / "wire", range(80))
    paths = list(files.values())

    with open_store(db_url) as watcher:
        run = start_ingest(db_url, paths, tmp_path)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and run.poll() is None:
            if len(watcher.articles()) >= 10:
                break
            time.sleep(0.02)
        assert run.poll() is None, "the ingest finished before it could be killed"
        os.kill(run.pid, signal.SIGKILL)
    run.communicate(timeout=60)
    assert run.returncode == -signal.SIGKILL

    per_path, claims = stored_counts(db_url)
    assert 10 <= sum(per_path.values()) < len(paths)
    expected = expected_claims(paths)
    # Whatever was stored before the kill is whole: every article with all its claims.
    assert {p: claims[p] for p in per_path} == {p: expected[p] for p in per_path}

    rerun = start_ingest(db_url, paths, tmp_path)
    _out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    done = len(per_path)
    assert err.strip().splitlines()[-1] == f"{len(paths) - done} stored, {done} skipped, 0 failed"

    per_path, claims = stored_counts(db_url)
    assert per_path == Counter({str(p): 1 for p in paths})
    assert claims == expected
    assert_consistent(db_url)


def test_article_stored_but_not_linked_is_linked_by_the_next_run(
    db_url: str, tmp_path: Path
) -> None:
    """A kill between the store and the link transaction: the rerun links the article."""
    from claimtrack.ingest.pipeline import ingest

    files = write_articles(tmp_path / "wire", range(3))
    paths = [str(p) for p in files.values()]
    with open_store(db_url) as store:
        ingest(store, paths, link=False)  # as if killed after each store, before linking
        assert len(store.unlinked_articles()) == 3
        results = ingest(store, paths)
        assert [r.status.value for r in results] == ["skipped"] * 3
        assert store.unlinked_articles() == []


def test_a_link_failure_is_reported_and_the_next_ingest_links(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from claimtrack.cli.main import app
    from claimtrack.errors import DatabaseError
    from claimtrack.link.linker import Linker

    def broken(
        self: Linker, conn: object, claims: object, article_id: int, fresh: bool = False
    ) -> int:
        raise DatabaseError(f"cannot link article {article_id}: disk I/O error")

    (path,) = write_articles(tmp_path / "wire", range(1)).values()
    runner = CliRunner()
    with monkeypatch.context() as patch:
        # Linking fails in the storing transaction and again on its own: the
        # article is stored all the same, and the user told it is not linked.
        patch.setattr(Linker, "_link", broken)
        result = runner.invoke(app, ["--db", db_url, "ingest", str(path)])
    assert result.exit_code == 0, result.output
    with open_store(db_url) as store:
        (stored,) = store.unlinked_articles()  # PostgreSQL does not reuse the rolled-back id
        assert len(store.claims()) == 3
    assert result.stderr.splitlines()[0] == (
        f"stored {path} (3 claims); not linked: cannot link article {stored}: disk I/O error; "
        "ingesting it again links it"
    )
    result = runner.invoke(app, ["--db", db_url, "ingest", str(path)])
    assert result.stderr.splitlines()[0] == f"skipped {path} (already stored as article {stored})"
    with open_store(db_url) as store:
        assert store.unlinked_articles() == []


def test_a_failure_inside_a_batch_fails_that_article_alone(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles are stored and linked a batch per transaction; one article whose
    linking fails rolls the batch back, then the batch is redone one by one."""
    from claimtrack.errors import DatabaseError
    from claimtrack.ingest.pipeline import ingest
    from claimtrack.link.linker import Linker

    files = write_articles(tmp_path / "wire", range(6))
    paths = [str(files[i]) for i in range(6)]
    real = Linker._link
    failing = "story-003"

    def sometimes(
        self: Linker, conn: Any, claims: Any, article_id: int, fresh: bool = False
    ) -> int:
        path = conn.execute(select(ARTICLE.c.path).where(ARTICLE.c.id == article_id)).scalar()
        if path is not None and failing in path:
            raise DatabaseError(f"cannot link article {article_id}: disk I/O error")
        return real(self, conn, claims, article_id, fresh)

    with open_store(db_url) as store:
        with monkeypatch.context() as patch:
            patch.setattr(Linker, "_link", sometimes)
            results = ingest(store, paths)
        assert [r.status.value for r in results] == ["stored"] * 6
        errors = {Path(r.path).stem: r.error for r in results if r.error}
        assert list(errors) == [failing]
        assert "not linked" in str(errors[failing])
        stored = {a.path: a.id for a in store.articles()}
        assert store.unlinked_articles() == [stored[str(files[3])]]
        assert sorted(stored) == sorted(paths)
        assert len(store.claims()) == sum(expected_claims([files[i] for i in range(6)]).values())
