"""Hedges around a figure: "about", "more than", "just over" before it, "+" or "or so" after."""

from __future__ import annotations

import re
from typing import Final

from claimtrack.extraction.numbers.patterns import HYPHEN_CLASS, SPACE

# Hedges before a figure, from news style guides' notes on approximate
# numbers and bounds.  Matched case-insensitively on whole words.
_BASE_QUALIFIERS: Final = (
    "approximately",
    "approx.",
    "approx",
    "about",
    "around",
    "roughly",
    "some",
    "nearly",
    "almost",
    "up to",
    "more than",
    "over",
    "at least",
    "less than",
    "fewer than",
    "under",
    "an estimated",
    "the estimated",
    "estimated",
    "as many as",
    "as much as",
    "as few as",
    "as little as",
    "as high as",
    "as low as",
    "close to",
    "upwards of",
    "upward of",
    "at most",
    "no more than",
    "no fewer than",
    "no less than",
    "not more than",
    "not less than",
    "in excess of",
    "above",
    "below",
    "circa",
    "c.",
    "ca.",
    "an approximate",
    "in the region of",
    "the best part of",
    "nigh on",
    "an average of",
    "on average",
    "a maximum of",
    "a minimum of",
)
# Intensifiers that combine with a bound ("just over", "well above").
_INTENSIFIERS: Final = ("just", "well", "slightly", "far", "much", "a little", "somewhat")
_BOUNDS: Final = ("over", "under", "more than", "less than", "fewer than", "above", "below")
_QUALIFIERS: Final = frozenset(
    [*_BASE_QUALIFIERS, *(f"{i} {b}" for i in _INTENSIFIERS for b in _BOUNDS)]
)
_MAX_QUALIFIER_WORDS: Final = max(len(q.split()) for q in _QUALIFIERS)
QUALIFIER_WORDS: Final = frozenset(w for q in _QUALIFIERS for w in q.split())
QUALIFIER_LAST_WORDS: Final = frozenset(q.split()[-1] for q in _QUALIFIERS)
POST_QUALIFIER_RE: Final = re.compile(
    rf"\+(?![0-9])|[{HYPHEN_CLASS}](?:odd|plus)\b|{SPACE}+or{SPACE}+(?:so|more|thereabouts|less|fewer)\b",
    re.IGNORECASE,
)
OPENERS: Final = "([\"'“‘—–-"


def qualifier_before(text: str, p: int, lo: int) -> tuple[str, int] | None:
    """A hedge such as "more than" ending just before p, with its start."""
    if p > lo and text[p - 1] == "~":
        return "~", p - 1
    begin = max(lo, p - 48)
    if p <= begin or not text[p - 1].isspace():
        return None
    window = text[begin:p]
    words = window.split()
    if begin > 0 and not text[begin - 1].isspace() and words and not window[0].isspace():
        words = words[1:]  # a word cut by the window's edge
    if not words or words[-1].lower().lstrip(OPENERS) not in QUALIFIER_LAST_WORDS:
        return None
    words = words[-_MAX_QUALIFIER_WORDS:]
    lowered = [w.lower() for w in words]
    for k in range(len(words), 0, -1):
        first = lowered[-k].lstrip(OPENERS)
        phrase = " ".join([first, *lowered[len(lowered) - k + 1 :]])
        if phrase in _QUALIFIERS:
            tail = len(window.rstrip())
            pos = tail
            for w in reversed(words[-k:]):
                pos = window.rfind(w, 0, pos)
            pos += len(words[-k]) - len(words[-k].lstrip(OPENERS))
            return window[pos:tail], begin + pos
    return None
