"""Normalised keys for speaker names, so 'U.N.' and 'UN', 'José' and 'Jose' meet."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Characters that vary between outlets' house styles without changing who is meant:
# hyphens and dashes (Jean-Pierre), full stops (U.N.), apostrophes (O'Brien, O’Brien, Saʿid),
# the Catalan middle dot (Gal·la, and the ŀ it decomposes from).
_DROP = re.compile(
    r"[\-\u2010\u2011\u2012\u2013\u2014\u2212.'\u2018\u2019\u02bc\u02be\u02bf`´\u00b7]"
)
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Key under which two spellings of one name compare equal (casefolded, no accents).

    Accents come off by decomposition (é → e); Latin letters that do not decompose
    (ł, ø, đ, ı, æ, ß, þ) are transliterated as English-language outlets write them
    (l, o, d, i, ae, ss, th), so 'Łukaszenka' meets 'Lukaszenka'. Other scripts are
    left as they are: a Cyrillic or Chinese name is not guessed into a Latin one.
    Memoised: resolving an article's speakers compares each against every candidate.
    """
    # Casefold on both sides of NFKD: compatibility forms can decompose to capitals (ℌ → H).
    decomposed = unicodedata.normalize("NFKD", name.casefold()).casefold()
    bare = "".join(
        _latin(ch) if ch > "\x7f" else ch for ch in decomposed if not unicodedata.combining(ch)
    )
    return _SPACE.sub(" ", _DROP.sub("", bare)).strip()


@lru_cache(maxsize=4096)
def _latin(ch: str) -> str:
    """A non-ASCII Latin letter as ASCII (anyascii, casefolded); anything else unchanged."""
    if not unicodedata.name(ch, "").startswith("LATIN "):
        return ch
    return anyascii(ch).casefold() or ch
