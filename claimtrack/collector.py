"""Python's garbage collector, run less often while claimtrack builds many objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Young-generation threshold while ingesting or grouping (Python's default is 700).
YOUNG_GC_THRESHOLD = 50_000


@contextmanager
def fewer_collections(young: int = YOUNG_GC_THRESHOLD) -> Iterator[None]:
    """Raise the collector's young threshold for the block, then put it back.

    A linker holds the features of 200,000 claims, and every full collection
    walks them all: at 100,000 articles the default threshold made those
    collections a tenth of ingest. `figures people` builds 36,000 tuples, and
    the collections they set off were a quarter of its time. Only how often
    the collector runs changes (cycles are still collected), and the thresholds
    are put back when the block ends or raises. It is process-wide state for
    the length of one call.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(young, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
