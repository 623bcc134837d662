"""Read → extract → store, one article at a time, so that one bad input fails alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from claimtrack.errors import ClaimtrackError, InputError
from claimtrack.extract import extract
from claimtrack.models import Article, Extraction, IngestResult, IngestStatus
from claimtrack.readers import iter_articles

if TYPE_CHECKING:
    from claimtrack.linkstore import Linker
    from claimtrack.store import Store


def ingest(
    store: Store,
    paths: Sequence[str],
    *,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    stdin: TextIO | None = None,
    on_progress: Callable[[IngestResult], None] | None = None,
    link: bool = True,
) -> list[IngestResult]:
    """Store every readable article under ``paths``; report each input's fate, never raise.

    With ``link`` each stored article is linked to what is already stored, so the
    database is ready for `disputes` and `figures` without a separate pass.
    """
    from claimtrack.linkstore import Linker

    linker = Linker(store) if link else None
    results: list[IngestResult] = []
    articles = iter_articles(
        list(paths), outlet=outlet, published=published, url=url, title=title, stdin=stdin
    )
    for item in articles:
        result = _ingest_one(store, item)
        if linker is not None and result.article_id:
            if result.status is IngestStatus.stored:
                result = _link_one(linker, result)
            elif result.status is IngestStatus.skipped:
                # Stored by a run that was cut off before linking it: finish the job.
                result = _link_one(linker, result, pending_only=True)
        results.append(result)
        if on_progress is not None:
            on_progress(result)
    return results


def extract_path(path: str, stdin: TextIO | None = None) -> list[Extraction]:
    """Extract claims from one input (``-`` for stdin) without touching a database."""
    extractions = []
    for item in iter_articles([path], stdin=stdin):
        if isinstance(item, InputError):
            raise item
        extractions.append(_extract_checked(item))
    return extractions


def _ingest_one(store: Store, item: Article | InputError) -> IngestResult:
    if isinstance(item, InputError):
        return IngestResult(path=item.path, status=IngestStatus.failed, error=str(item))
    path = item.path or "-"
    try:
        extraction = _extract_checked(item)
    except ClaimtrackError as err:
        return IngestResult(path=path, status=IngestStatus.failed, error=str(err))
    try:
        result = store.add(extraction)
    except ClaimtrackError as err:
        return IngestResult(path=path, status=IngestStatus.failed, error=f"{path}: {err}")
    return result.model_copy(update={"path": path})


def _link_one(linker: Linker, result: IngestResult, pending_only: bool = False) -> IngestResult:
    """Link a stored article; a failure here leaves it stored, to be linked by `link`."""
    assert result.article_id is not None
    try:
        if pending_only:
            linker.link_if_pending(result.article_id)
        else:
            linker.link_article(result.article_id)
    except ClaimtrackError as err:
        return result.model_copy(update={"error": f"stored but not linked: {err}"})
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
