"""Pure per-item work in worker processes, results handed back in input order.

`ingest --workers N` extracts in N processes while the main process stores and
links each article in input order, so ids and links come out as in a serial
run. Workers get a module-level function and items; they never see the database.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from multiprocessing.context import BaseContext
from typing import TypeVar

from claimtrack.batching import chunks

__all__ = ["AHEAD", "BATCH", "map_in_order"]

T = TypeVar("T")
R = TypeVar("R")

# Items per task: a task costs a queue round trip and pickling; 16 articles are ~70 ms
# of extraction, so that overhead is small and results still arrive steadily.
BATCH = 16
# Tasks in flight per worker: enough that a worker rarely waits for the main process,
# few enough that a 100k-article input is never read into memory all at once.
AHEAD = 4


def map_in_order(
    fn: Callable[[T], R], items: Iterable[T], workers: int, *, batch: int = BATCH
) -> Generator[tuple[T, R], None, None]:
    """Yield ``(item, fn(item))`` for every item in input order, fn running in `workers` processes.

    fn must be a module-level function (it is sent by name) that turns its own
    failures into values. At most ``AHEAD * workers + 1`` batches are read ahead of
    the consumer. If the pool breaks (a worker killed), the rest runs in this
    process: slower, but every item still gets its result. Close the generator
    (`contextlib.closing`) to stop the workers early.
    """
    pieces = chunks(items, batch)
    head = list(islice(pieces, 2))
    if len(head) < 2:  # one batch at most: starting processes would cost more than it saves
        for chunk in head:
            yield from zip(chunk, _apply(fn, chunk), strict=True)
        return
    pieces = chain(head, pieces)
    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_ignore_interrupts)
    try:
        window = deque(_submit(pool, fn, chunk) for chunk in islice(pieces, AHEAD * workers))
        while window:
            chunk, future = window.popleft()
            following = next(pieces, None)
            if following is not None:  # top up before waiting, so workers stay busy
                window.append(_submit(pool, fn, following))
            yield from zip(chunk, _results(fn, chunk, future), strict=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context() -> BaseContext:
    """forkserver where the platform has it, else spawn; never fork.

    The parent holds an SQLAlchemy engine and open SQLite files: a forked child
    would inherit those connections, and any lock another thread held at the fork.
    """
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _ignore_interrupts() -> None:
    """Leave Ctrl-C to the main process, which stops the pool; no traceback per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _apply(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


def _submit(
    pool: ProcessPoolExecutor, fn: Callable[[T], R], chunk: list[T]
) -> tuple[list[T], Future[list[R]] | None]:
    """The chunk and its future; no future once the pool is broken (it then runs here)."""
    try:
        return chunk, pool.submit(_apply, fn, chunk)
    except BrokenProcessPool:
        return chunk, None


def _results(fn: Callable[[T], R], chunk: list[T], future: Future[list[R]] | None) -> list[R]:
    if future is not None:
        try:
            return future.result()
        except BrokenProcessPool:
            pass  # a worker died; its chunks are not lost, they run in this process
    return _apply(fn, chunk)
