"""claimtrack: who said what, where, and through whom, for newsroom fact-checkers.

The documented way in::

    from claimtrack import extract, open_store, Article

The database and pipeline names load on first use, so ``import claimtrack`` for
extraction alone does not pay for SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from claimtrack.errors import ClaimtrackError, DatabaseError, InputError, NotFoundError

# Imported eagerly: a lazy name 'extract' would be shadowed by the submodule of that name.
from claimtrack.extract.claims import extract
from claimtrack.models import (
    Article,
    ArticleSummary,
    Claim,
    Extraction,
    Figure,
    IngestResult,
    IngestStatus,
    QuoteKind,
    Speaker,
    SpeakerKind,
    SpeakerSummary,
    Stance,
)

if TYPE_CHECKING:
    from claimtrack.ingest.pipeline import extract_path, ingest
    from claimtrack.store.database import Store, open_store

__all__ = [
    "Article",
    "ArticleSummary",
    "Claim",
    "ClaimtrackError",
    "DatabaseError",
    "Extraction",
    "Figure",
    "IngestResult",
    "IngestStatus",
    "InputError",
    "NotFoundError",
    "QuoteKind",
    "Speaker",
    "SpeakerKind",
    "SpeakerSummary",
    "Stance",
    "Store",
    "extract",
    "extract_path",
    "ingest",
    "open_store",
]

_LAZY = {
    "Store": "claimtrack.store.database",
    "open_store": "claimtrack.store.database",
    "ingest": "claimtrack.ingest.pipeline",
    "extract_path": "claimtrack.ingest.pipeline",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'claimtrack' has no attribute {name!r}")
