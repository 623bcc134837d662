"""Helpers and regex pieces shared by the number reader's tables and patterns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final


def wordset(words: str) -> frozenset[str]:
    """Lexicons are written as blocks of words, which keeps long lists readable."""
    return frozenset(words.split())


def alternatives(words: Iterable[str]) -> str:
    """Longest first, so that 'per cent' is tried before 'per'."""
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t\u00a0]+") for w in parts)


SPACE: Final = r"[ \t\u00a0]"
HYPHENS: Final = "-\u2010\u2011"
HYPHEN_CLASS: Final = r"\-\u2010\u2011"  # the same, escaped for a character class
