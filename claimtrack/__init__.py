"""claimtrack: who said what, where, and through whom, for newsroom fact-checkers.

The documented way in::

    from claimtrack import extract, open_store, Article

Every name loads on first use, so ``import claimtrack`` (and the command line's
``--help``) pays for neither pydantic's models nor SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimtrack.errors import ClaimtrackError, DatabaseError, InputError, NotFoundError
    from claimtrack.ingest.pipeline import extract_path, ingest
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
    from claimtrack.store.database import Store, open_store

__version__ = "0.1.0"

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
    "__version__",
    "extract",
    "extract_path",
    "ingest",
    "open_store",
]

_LAZY = {
    **dict.fromkeys(
        ("ClaimtrackError", "DatabaseError", "InputError", "NotFoundError"), "claimtrack.errors"
    ),
    **dict.fromkeys(
        (
            "Article",
            "ArticleSummary",
            "Claim",
            "Extraction",
            "Figure",
            "IngestResult",
            "IngestStatus",
            "QuoteKind",
            "Speaker",
            "SpeakerKind",
            "SpeakerSummary",
            "Stance",
        ),
        "claimtrack.models",
    ),
    "Store": "claimtrack.store.database",
    "open_store": "claimtrack.store.database",
    "ingest": "claimtrack.ingest.pipeline",
    "extract_path": "claimtrack.ingest.pipeline",
}


def extract(article: Article) -> Extraction:
    """The attributed claims of one article, with exact provenance (no database)."""
    from claimtrack.extraction.claims import extract as extract_claims

    return extract_claims(article)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'claimtrack' has no attribute {name!r}")
