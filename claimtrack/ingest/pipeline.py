"""Read → extract → store → link, so that one bad input fails alone.

Articles are stored and linked a batch at a time (STORE_BATCH, one transaction);
a batch that fails is redone one article at a time.

Worker processes import this module for `_extract_outcome`, so it imports nothing
from the database side at the top: extraction alone must not pay for SQLAlchemy.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import closing, suppress
from typing import TYPE_CHECKING, BinaryIO, TextIO

from claimtrack.batching import chunks
from claimtrack.collector import fewer_collections
from claimtrack.errors import ClaimtrackError, InputError
from claimtrack.extraction.claims import extract
from claimtrack.ingest.readers import MAX_ARTICLE_BYTES, iter_articles
from claimtrack.models import Article, Extraction, IngestResult, IngestStatus

if TYPE_CHECKING:
    from claimtrack.link.compare import FeatureKey
    from claimtrack.link.compare import Prepared as PreparedFeatures
    from claimtrack.link.linker import Linker
    from claimtrack.store.database import Store

# Articles stored and linked per transaction: a commit rewrites every page the
# batch touched, and articles share many (term counts, the text index).
STORE_BATCH = 16

# Articles stored by one ingest after which PostgreSQL's planner statistics are
# refreshed (Store.analyze): a server may run without autovacuum.  A long
# ingest refreshes them again each time it has stored ANALYZE_GROWTH times as
# many, since the tables it fills outgrow the plans made for them.
ANALYZE_AFTER = 1000
ANALYZE_GROWTH = 4

# What extracting one input gave: an extraction to store, or why there is none.
Extracted = Extraction | ClaimtrackError
# Match features of its claims, computed beside extraction in a worker process.
Prepared = dict["FeatureKey", "PreparedFeatures"]


def ingest(
    store: Store,
    paths: Sequence[str],
    *,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
    on_progress: Callable[[IngestResult], None] | None = None,
    link: bool = True,
    max_bytes: int = MAX_ARTICLE_BYTES,
    workers: int = 1,
) -> list[IngestResult]:
    """Store every readable article under ``paths``; report each input's fate, never raise.

    With ``link`` each stored article is linked to what is already stored, so the
    database is ready for `disputes` and `figures` without a separate pass.
    With ``workers`` above 1 (0: one per core) extraction runs in that many
    processes while this one stores and links, still in input order, so the
    database ends up the same as with one. Workers import the caller's main
    module, so a script needs the ``if __name__ == "__main__":`` guard.
    """
    from claimtrack.link.linker import Linker

    linker = Linker(store) if link else None
    results: list[IngestResult] = []
    articles = iter_articles(
        list(paths),
        outlet=outlet,
        published=published,
        url=url,
        title=title,
        stdin=stdin,
        max_bytes=max_bytes,
    )
    stored = analyzed = 0
    with fewer_collections(), closing(_extracted(articles, workers, prepare=link)) as extracted:
        for prepared_batch in chunks(extracted, STORE_BATCH):
            batch = [(item, outcome) for item, outcome, _ in prepared_batch]
            if linker is not None:
                linker.prepare({k: v for *_, found in prepared_batch for k, v in found.items()})
            for result in _store_batch(store, batch, linker):
                if linker is not None and result.status is IngestStatus.skipped:
                    result = _link_one(store, linker, result)
                if result.status is IngestStatus.stored:
                    stored += 1
                results.append(result)
                if on_progress is not None:
                    on_progress(result)
            if stored >= max(ANALYZE_AFTER, analyzed * ANALYZE_GROWTH):
                _analyze(store)
                analyzed = stored
    if stored >= ANALYZE_AFTER and stored > analyzed:
        _analyze(store)
    return results


def _analyze(store: Store) -> None:
    # Statistics only speed queries up: a failure to refresh them is no failure to ingest.
    with suppress(ClaimtrackError):
        store.analyze()


def _store_batch(
    store: Store, batch: list[tuple[Article | InputError, Extracted]], linker: Linker | None
) -> list[IngestResult]:
    """Store (and link) a batch's extractions in one transaction, else one at a time.

    Failed inputs keep their place in the results. If the batch's transaction
    fails for any reason, none of it was stored, and each article goes through
    `_store_one` on its own, so one bad article still fails alone.
    """
    from claimtrack.store.retry import retry_lost_races

    good = [outcome for _, outcome in batch if not isinstance(outcome, ClaimtrackError)]
    if len(good) < 2:
        return [_store_one(store, item, outcome, linker) for item, outcome in batch]
    try:
        stored = iter(retry_lost_races(lambda: _add_and_link(store, linker, good)))
    except ClaimtrackError:
        return [_store_one(store, item, outcome, linker) for item, outcome in batch]
    out = []
    for item, outcome in batch:
        if isinstance(outcome, ClaimtrackError):
            out.append(_store_one(store, item, outcome, linker))  # its failure, as a result
        else:
            out.append(next(stored).model_copy(update={"path": _path_of(item)}))
    return out


def extract_path(path: str, stdin: TextIO | BinaryIO | None = None) -> list[Extraction]:
    """Extract claims from one input (``-`` for stdin) without touching a database."""
    extractions = []
    for item in iter_articles([path], stdin=stdin):
        if isinstance(item, InputError):
            raise item
        extractions.append(_extract_checked(item))
    return extractions


def _extracted(
    items: Iterable[Article | InputError], workers: int, prepare: bool = False
) -> Generator[tuple[Article | InputError, Extracted, Prepared], None, None]:
    """Each input with its extraction or error, in input order; in worker processes if asked.

    With workers and `prepare`, the workers also compute the match features of
    each claim, so that the process that links does not.
    """
    if workers < 0:
        raise ValueError(f"workers must be 0 (one per core) or more, not {workers}")
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        for item in items:
            yield item, _extract_outcome(item), {}
        return
    from claimtrack.ingest.workers import map_in_order

    work = _extract_prepared if prepare else _extract_unprepared
    with closing(map_in_order(work, items, workers)) as results:  # closed, the workers stop
        for item, (outcome, found) in results:
            yield item, outcome, found


def _extract_prepared(item: Article | InputError) -> tuple[Extracted, Prepared]:
    """`_extract_outcome` and the match features of the claims (runs in worker processes)."""
    from claimtrack.link.compare import feature_key, prepare

    outcome = _extract_outcome(item)
    if isinstance(outcome, ClaimtrackError):
        return outcome, {}
    return outcome, {feature_key(claim): prepare(claim) for claim in outcome.claims}


def _extract_unprepared(item: Article | InputError) -> tuple[Extracted, Prepared]:
    return _extract_outcome(item), {}


def _extract_outcome(item: Article | InputError) -> Extracted:
    """Extract one input, its failure returned as a value (this runs in worker processes)."""
    if isinstance(item, InputError):
        return item
    try:
        return _extract_checked(item)
    except ClaimtrackError as err:
        return err


def _store_one(
    store: Store, item: Article | InputError, extracted: Extracted, linker: Linker | None
) -> IngestResult:
    """Store one extraction and, with a linker, link it in the same transaction.

    Should linking fail, the article is stored on its own and linked in a
    transaction of its own (`_link_one`), whose failure leaves it stored.
    """
    from claimtrack.store.retry import retry_lost_races  # not at the top: see the module docstring

    path = _path_of(item)
    if isinstance(extracted, ClaimtrackError):
        return IngestResult(path=path, status=IngestStatus.failed, error=str(extracted))
    if linker is not None:
        try:
            (result,) = retry_lost_races(lambda: _add_and_link(store, linker, [extracted]))
            return result.model_copy(update={"path": path})
        except ClaimtrackError:
            pass  # stored alone below, then linked on its own
    try:
        result = retry_lost_races(lambda: store.add(extracted))
    except ClaimtrackError as err:
        return IngestResult(path=path, status=IngestStatus.failed, error=f"{path}: {err}")
    result = result.model_copy(update={"path": path})
    if linker is not None and result.status is IngestStatus.stored:
        result = _link_one(store, linker, result)
    return result


def _add_and_link(
    store: Store, linker: Linker | None, extractions: Sequence[Extraction]
) -> list[IngestResult]:
    """Store extractions in one transaction, each linked in it when there is a linker."""
    try:
        if linker is None:
            return store.add_many(extractions)
        return store.add_many(extractions, linker.link_stored, linker.flush)
    except BaseException:
        if linker is not None:
            linker.forget()  # it may remember claims the rollback took back
        raise


def _path_of(item: Article | InputError) -> str:
    return item.path if isinstance(item, InputError) else item.path or "-"


def _link_one(store: Store, linker: Linker, result: IngestResult) -> IngestResult:
    """Link an article stored before, by a killed run or one whose linking failed.

    A failure here leaves the article stored, to be linked by re-ingesting it
    or by `link`.
    """
    from claimtrack.store.retry import retry_lost_races

    article_id = result.article_id
    assert article_id is not None
    try:
        with store.article_lock(article_id):
            if result.status is IngestStatus.skipped and not store.unlinked_articles([article_id]):
                return result
            retry_lost_races(lambda: linker.link_article(article_id))
    except ClaimtrackError as err:
        cause = f"not linked: {err}; ingesting it again links it"
        return result.model_copy(update={"error": cause})
    return result


def _extract_checked(article: Article) -> Extraction:
    """Extract, turning a crash or a broken offset into an error about this article only."""
    path = article.path or "-"
    try:
        extraction = extract(article)
    except Exception as exc:  # an extractor bug on one article must not stop a batch
        raise ClaimtrackError(f"{path}: extraction failed: {type(exc).__name__}: {exc}") from exc
    text = extraction.article.text
    for claim in extraction.claims:
        # Provenance is the point of the tool: never store a claim we cannot point back to.
        if text[claim.start : claim.end] != claim.sentence:
            raise ClaimtrackError(
                f"{path}: extraction failed: claim at [{claim.start}:{claim.end}] "
                "does not match its sentence"
            )
    return extraction
