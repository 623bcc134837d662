"""Pure per-item work in worker processes, results handed back in input order.

`ingest --workers N` extracts in N processes while the main process stores and
links each article in input order, so ids and links come out as in a serial
run. Workers get a module-level function and items; they never see the database.

No worker outlives the run. SIGTERM, like Ctrl-C, unwinds the main process (its
open transaction rolls back) and terminates the workers. A main process killed
outright cannot stop them, so each worker watches a pipe that only the main
process holds open, and ends when the kernel closes it. (PR_SET_PDEATHSIG would
not do: a forkserver worker's parent is the forkserver, which outlives the main
process as long as any worker holds the descriptors it was started with.)
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from itertools import chain, islice
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from types import FrameType
from typing import Any, TypeVar

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
# Seconds to wait for a terminated worker to end, then for the pool's manager thread.
STOP_WAIT = 5.0


def map_in_order(
    fn: Callable[[T], R], items: Iterable[T], workers: int, *, batch: int = BATCH
) -> Generator[tuple[T, R], None, None]:
    """Yield ``(item, fn(item))`` for every item in input order, fn running in `workers` processes.

    fn must be a module-level function (it is sent by name) that turns its own
    failures into values. At most ``AHEAD * workers + 1`` batches are read ahead of
    the consumer. If the pool breaks (a worker killed), the rest runs in this
    process: slower, but every item still gets its result. Close the generator
    (`contextlib.closing`) to stop the workers early; SIGTERM while it runs raises
    SystemExit(143) in the main thread, unless the caller has a handler of its own.
    """
    pieces = chunks(items, batch)
    head = list(islice(pieces, 2))
    if len(head) < 2:  # one batch at most: starting processes would cost more than it saves
        for chunk in head:
            yield from zip(chunk, _apply(fn, chunk), strict=True)
        return
    pieces = chain(head, pieces)
    context = _context()
    lifeline, held = context.Pipe(duplex=False)  # only this process holds `held`
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(lifeline,)
    )
    try:
        with _sigterm_exits():
            window = deque(_submit(pool, fn, chunk) for chunk in islice(pieces, AHEAD * workers))
            while window:
                chunk, future = window.popleft()
                following = next(pieces, None)
                if following is not None:  # top up before waiting, so workers stay busy
                    window.append(_submit(pool, fn, following))
                yield from zip(chunk, _results(fn, chunk, future), strict=True)
    except BaseException:  # closed early, interrupted or terminated: drop the work in flight
        _stop_now(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        held.close()
        lifeline.close()


def _context() -> BaseContext:
    """forkserver where the platform has it, else spawn; never fork.

    The parent holds an SQLAlchemy engine and open SQLite files: a forked child
    would inherit those connections, and any lock another thread held at the fork.
    """
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _start_worker(lifeline: Connection) -> None:
    """Leave Ctrl-C to the main process, which stops the pool, and end when it ends.

    Nothing is ever sent on `lifeline`: it becomes readable (at end of file) when
    the main process closes its end or dies, however it dies.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with, args=(lifeline,), name="lifeline", daemon=True).start()


def _end_with(lifeline: Connection) -> None:
    with suppress(OSError):
        lifeline.poll(None)
    os._exit(1)  # mid-task or waiting for one: nobody is left to take a result


@contextmanager
def _sigterm_exits() -> Iterator[None]:
    """Let SIGTERM unwind the main thread as Ctrl-C does, so `finally` blocks run.

    By default SIGTERM ends the process on the spot, workers and all left behind.
    A handler the application installed is left alone, as is any thread but the main one.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous != signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        yield
    finally:
        with suppress(ValueError):  # a generator may be closed from another thread
            signal.signal(signal.SIGTERM, previous)


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # the status a shell reports for a process the signal ended


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and terminate the workers, in the middle of a task if need be.

    ProcessPoolExecutor has no public way to terminate its workers before Python
    3.14. A worker terminated while sending a result leaves half a message in the
    result pipe, which the pool's manager thread would wait for forever (and the
    interpreter, which joins it at exit): closing this process's copy of the
    pipe's writing end, the last one once the workers are gone, ends that wait.
    Nothing in this process writes to it.
    """
    processes = list((pool._processes or {}).values())
    manager: Any = getattr(pool, "_executor_manager_thread", None)  # typeshed has the wrong type
    results: Any = pool._result_queue
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with suppress(ValueError):  # already closed
            process.terminate()
    for process in processes:
        process.join(STOP_WAIT)
    if results is not None:
        results._writer.close()
    if manager is not None:
        manager.join(STOP_WAIT)


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
