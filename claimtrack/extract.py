"""Extraction stage: article text in, attributed claims out (pure, no I/O)."""

from __future__ import annotations

from claimtrack.models import Article, Extraction


def extract(article: Article) -> Extraction:
    """Split one article into attributed claims; offsets index ``article.text``."""
    # Placeholder while attribution.py is written; replaced in the same change set.
    return Extraction(article=article, claims=[], speakers=[])
