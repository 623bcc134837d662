"""Normalised keys for speaker names, so 'U.N.' and 'UN', 'José' and 'Jose' meet."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that vary between outlets' house styles without changing who is meant:
# hyphens and dashes (Jean-Pierre), full stops (U.N.), apostrophes (O'Brien, O’Brien).
_DROP = re.compile(r"[\-\u2010\u2011\u2012\u2013\u2014\u2212.'\u2018\u2019\u02bc`´]")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Key under which two spellings of one name compare equal (casefolded, no accents).

    Memoised: resolving an article's speakers compares each against every candidate.
    """
    # Casefold on both sides of NFKD: compatibility forms can decompose to capitals (ℌ → H).
    decomposed = unicodedata.normalize("NFKD", name.casefold()).casefold()
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", _DROP.sub("", bare)).strip()
