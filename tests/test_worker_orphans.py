"""No worker outlives `ingest --workers`: not on SIGTERM, Ctrl-C or SIGKILL of the main process.

A worker left behind blocks forever on its task queue, holding its memory (and the
forkserver that started it, and any pipe it inherited). These run `python -m
claimtrack` as a real subprocess, capture its process tree from /proc, kill the
main process mid-run and wait, generously (the machine may be slow and shared),
for every process of that tree to end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures.process import _ExecutorManagerThread
from contextlib import closing
from pathlib import Path

import pytest

from claimtrack.ingest import workers
from claimtrack.ingest.workers import map_in_order
from claimtrack.store.database import open_store
from tests.scripts import load_script
from tests.test_ingest_processes import assert_consistent, expected_claims, stored_counts

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 400  # far more than are stored before the kill, even on a fast machine
ORPHAN_WAIT = 30.0  # seconds for the processes of a killed run to end
POLL = 0.2

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A folder of synthetic wire stories, and the claims each stores when whole."""
    corpus = load_script("benchmarks/corpus.py", "claimtrack_benchmarks_corpus")
    folder = tmp_path_factory.mktemp("wire")
    paths = []
    for i, article in enumerate(corpus.build(ARTICLES, 3)):
        path = folder / f"{i:04d}.md"
        path.write_text(corpus.markdown(article), encoding="utf-8")
        paths.append(path)
    return folder, expected_claims(paths)


# --- processes, from /proc ---------------------------------------------------------------


def _stat(pid: int) -> tuple[str, int, int] | None:
    """State, parent pid and start time of a process; None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1]), int(fields[19])


def descendants(root: int) -> dict[int, int]:
    """Every process under `root`, with its start time (so a reused pid is not taken for it)."""
    children: dict[int, list[int]] = {}
    started: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            children.setdefault(stat[1], []).append(int(entry))
            started[int(entry)] = stat[2]
    found: dict[int, int] = {}
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found[child] = started[child]
            todo.append(child)
    return found


def alive(tree: dict[int, int]) -> list[int]:
    """The processes of `tree` still running (a zombie has freed its memory: it counts as gone)."""
    left = []
    for pid, start in tree.items():
        stat = _stat(pid)
        if stat is not None and stat[2] == start and stat[0] not in "ZX":
            left.append(pid)
    return left


def wait_until_gone(tree: dict[int, int]) -> list[int]:
    deadline = time.monotonic() + ORPHAN_WAIT
    while (left := alive(tree)) and time.monotonic() < deadline:
        time.sleep(POLL)
    return left


@pytest.fixture
def reap() -> Iterator[list[dict[int, int]]]:
    """Trees this test started; whatever of them a failing test leaves is killed."""
    trees: list[dict[int, int]] = []
    yield trees
    for tree in trees:
        for pid in alive(tree):
            os.kill(pid, signal.SIGKILL)


# --- a real ingest, killed ---------------------------------------------------------------


def start_ingest(db_url: str, folder: Path, log: Path) -> subprocess.Popen[bytes]:
    # stderr to a file: a pipe would stay open as long as any orphan holds it.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMTRACK_DB": db_url}
    with log.open("wb") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "claimtrack", "ingest", "--workers", "2", str(folder)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )


def tree_once_storing(run: subprocess.Popen[bytes], db_url: str) -> dict[int, int]:
    """The run's process tree, once it has committed its first batch of articles."""
    with open_store(db_url) as watcher:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and run.poll() is None:
            if len(watcher.articles()) >= 16:
                break
            time.sleep(0.05)
    tree = descendants(run.pid)
    assert run.poll() is None, "the ingest finished before it could be killed"
    return tree


@pytest.mark.parametrize(
    "sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=lambda sig: sig.name
)
def test_a_killed_ingest_leaves_no_process_and_a_rerun_stores_the_rest(
    sig: signal.Signals,
    db_url: str,
    wire: tuple[Path, dict[str, int]],
    tmp_path: Path,
    reap: list[dict[int, int]],
) -> None:
    folder, expected = wire
    open_store(db_url).close()  # the schema made, so the watcher can count from the start
    run = start_ingest(db_url, folder, tmp_path / "killed.err")
    tree = tree_once_storing(run, db_url)
    reap.append(tree)
    assert len(alive(tree)) >= 3  # the forkserver and two workers, at least
    os.kill(run.pid, sig)
    returncode = run.wait(timeout=120)
    # SIGTERM and Ctrl-C unwind (the open transaction rolls back) and exit as a shell
    # reports a process the signal ended.
    status = -sig if sig == signal.SIGKILL else 128 + sig
    assert returncode == status, (tmp_path / "killed.err").read_text()
    assert wait_until_gone(tree) == []

    per_path, claims = stored_counts(db_url)
    assert 16 <= sum(per_path.values()) < len(expected)
    assert {p: claims[p] for p in per_path} == {p: expected[p] for p in per_path}  # none half
    rerun = start_ingest(db_url, folder, tmp_path / "rerun.err")
    assert rerun.wait(timeout=600) == 0, (tmp_path / "rerun.err").read_text()
    done = len(per_path)
    summary = (tmp_path / "rerun.err").read_text().strip().splitlines()[-1]
    assert summary == f"{len(expected) - done} stored, {done} skipped, 0 failed"
    per_path, claims = stored_counts(db_url)
    assert per_path == Counter(dict.fromkeys(expected, 1))
    assert claims == expected
    assert_consistent(db_url)


# --- the pool itself ---------------------------------------------------------------------


def pid_then_stall(item: tuple[int, str]) -> int:
    """Past the first two items, note this worker's pid in `folder` and stall for a minute."""
    n, folder = item
    if n >= 2:
        (Path(folder) / str(os.getpid())).touch()
        time.sleep(60)
    return n


def test_closing_the_results_stops_workers_in_the_middle_of_a_task(tmp_path: Path) -> None:
    items = [(n, str(tmp_path)) for n in range(12)]
    results = map_in_order(pid_then_stall, items, 2, batch=1)
    with closing(results):
        assert [next(results)[1], next(results)[1]] == [0, 1]
        deadline = time.monotonic() + ORPHAN_WAIT
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(POLL)
        busy = {int(p.name): _stat(int(p.name)) for p in tmp_path.iterdir()}
        assert len(busy) == 2  # both workers are a minute from done
        began = time.monotonic()
    assert time.monotonic() - began < ORPHAN_WAIT  # not the minute their tasks would take
    tree = {pid: stat[2] for pid, stat in busy.items() if stat is not None}
    assert wait_until_gone(tree) == []


def big_result(n: int) -> bytes:
    """A result that takes many writes to send: a worker terminated meanwhile sends half."""
    return bytes(64 << 20)


def test_a_worker_terminated_while_sending_leaves_no_thread_waiting() -> None:
    # The pool's manager thread would wait for the rest of the message forever,
    # and the interpreter with it at exit.
    results = map_in_order(big_result, range(12), 2, batch=1)
    with closing(results):
        next(results)
        time.sleep(0.3)  # the workers are sending the next results
    deadline = time.monotonic() + ORPHAN_WAIT
    while managers() and time.monotonic() < deadline:
        time.sleep(POLL)
    assert managers() == []


def managers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if isinstance(t, _ExecutorManagerThread)]


def test_sigterm_raises_system_exit_only_while_the_pool_runs() -> None:
    before = signal.getsignal(signal.SIGTERM)
    during = []
    for _ in map_in_order(pid_then_stall, [(0, "")], 2, batch=1):
        during.append(signal.getsignal(signal.SIGTERM))  # one batch or less: no pool
    for _ in map_in_order(pid_then_stall, [(n, "") for n in range(-8, 0)], 2, batch=1):
        during.append(signal.getsignal(signal.SIGTERM))
    assert during[0] == before
    assert set(during[1:]) == {workers._exit_on_signal}
    assert signal.getsignal(signal.SIGTERM) == before
    with pytest.raises(SystemExit) as stopped:
        for _ in map_in_order(pid_then_stall, [(n, "") for n in range(-8, 0)], 2, batch=1):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler runs long before this ends
    assert stopped.value.code == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) == before


def test_a_handler_of_the_application_is_left_alone() -> None:
    def mine(signum: int, frame: object) -> None:
        pass

    before = signal.signal(signal.SIGTERM, mine)
    try:
        seen = [
            signal.getsignal(signal.SIGTERM)
            for _ in map_in_order(pid_then_stall, [(n, "") for n in range(-8, 0)], 2, batch=1)
        ]
        assert set(seen) == {mine}
        thread_seen: list[object] = []
        thread = threading.Thread(
            target=lambda: thread_seen.extend(
                map_in_order(pid_then_stall, [(n, "") for n in range(-8, 0)], 2, batch=1)
            )
        )
        thread.start()
        thread.join(120)
        assert len(thread_seen) == 8  # outside the main thread it runs, signals untouched
    finally:
        signal.signal(signal.SIGTERM, before)
