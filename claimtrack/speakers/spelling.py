"""How a speaker's name is spelt: compact letters, words, consonant skeletons, acronyms.

Outlets spell one name differently ("Suk-yeol" / "Suk Yeol", "U.N." / "UN");
these forms are what the matching rules and the blocking keys compare. Each is
memoised: a speaker is matched against every candidate record, and each
record's name recurs across many articles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimtrack.models import SpeakerKind
from claimtrack.speakers.names import name_key
from claimtrack.speakers.records import ORG_KINDS

# Initials stand for a name only from three letters: two-letter ones (NC, AP) are
# too often something else; they match only an acronym the article defined.
MIN_INITIALS = 3

# Words left out of an organisation's initials ("Ministry of Foreign Affairs" is MFA).
_FUNCTION_WORDS = frozenset("of the and for on in to at by de du des la le del & a an".split())

_SPLIT_NAME = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
_POSSESSIVE = re.compile(r"^(.+?)(?:’s|'s|’|')\s+(.+)$")
_PARENS = re.compile(r"\s*\([^)]*\)")
_ACRONYM = re.compile(r"[A-Z][A-Z.&]{1,11}")


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """Letters and digits only, casefolded, no accents: 'Suk-yeol' and 'Suk Yeol' meet."""
    return "".join(ch for ch in name_key(text) if ch.isalnum())


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """A person's name words, split at spaces and hyphens: 'Yoon Suk-yeol' has three."""
    return tuple(t for t in (compact(p) for p in _SPLIT_NAME.split(name)) if t)


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """First letter plus consonants, doubles folded: spelling variants share it (zlnsk)."""
    t = compact(token)
    if not t:
        return ""
    bare = t[0] + re.sub(r"[aeiouy]", "", t[1:])
    return re.sub(r"(.)\1+", r"\1", bare)


@lru_cache(maxsize=65536)
def name_words(text: str) -> tuple[str, ...]:
    """A name's words as keys, hyphens as spaces: what organisation names compare by."""
    return tuple(re.findall(r"[^\W_]+", name_key(text.replace("-", " "))))


@lru_cache(maxsize=65536)
def proper_part(name: str) -> str:
    """The name without an owner ("South Korea's") and without a bracketed acronym."""
    found = _POSSESSIVE.match(name.strip())
    rest = found.group(2) if found is not None else name
    return _PARENS.sub("", rest).strip()


@lru_cache(maxsize=65536)
def acronym_of(name: str) -> str | None:
    """The name itself when it is an acronym ('NIS', 'U.N.'), as a key."""
    bare = name.strip().removeprefix("the ").removeprefix("The ")
    if not _ACRONYM.fullmatch(bare):
        return None
    letters = compact(bare)
    return letters if len(letters) >= 2 else None


@lru_cache(maxsize=65536)
def initials(name: str) -> str | None:
    """Initials of a proper organisation name, function words left out (NIS, MFA)."""
    words = [w for w in _SPLIT_NAME.split(proper_part(name)) if w]
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    if len(content) < 2 or not all(w[:1].isupper() for w in content):
        return None
    return "".join(compact(w)[:1] for w in content if compact(w)) or None


@lru_cache(maxsize=65536)
def long_initials(name: str) -> frozenset[str]:
    """The name's initials when long enough to stand for it (MIN_INITIALS), as a set."""
    found = initials(name)
    return frozenset({found} if found and len(found) >= MIN_INITIALS else ())


@lru_cache(maxsize=65536)
def acronym_keys(name: str, acronym: str | None) -> frozenset[str]:
    """Acronyms a body answers to: its name when that is one, and the one defined for it."""
    return frozenset(k for k in (acronym_of(name), compact(acronym) if acronym else None) if k)


def is_descriptive(name: str) -> bool:
    """'South Korea's spy agency' describes; 'National Intelligence Service' names."""
    words = [w for w in proper_part(name).split() if w.lower() not in _FUNCTION_WORDS]
    return any(w[:1].isalpha() and w[:1].islower() for w in words)


def name_rank(name: str, kind: SpeakerKind) -> int:
    """How good a canonical name is: full name over surname, proper name over description."""
    if kind is SpeakerKind.person:
        return len(name_tokens(name))
    if kind in ORG_KINDS:
        if is_descriptive(name):
            return 0
        return 1 if acronym_of(name) else 2
    return 0
