"""What one article's speaker memory holds, and the tests on a name's shape.

An Entity is someone or something named in the article.  The helpers read
what a written name says on its own (its title, the gender a title implies,
whether it names a government, a medium or another organisation, a country)
before mentions.py compares it with what the article named earlier.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from claimtrack.extraction import lexicon, places
from claimtrack.models import Speaker, SpeakerKind


@lru_cache(maxsize=65536)
def compact_key(name: str) -> str:
    """Spelling-insensitive key: accents, case, hyphens, dots and spaces folded."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = [c for c in decomposed if c.isalnum()]
    return "".join(letters).casefold()


@dataclass
class Entity:
    """Someone or something named in the article, a speaker or not."""

    name: str
    kind: SpeakerKind
    tokens: list[str]
    acronym: str | None = None
    title: str | None = None
    country: str | None = None
    gender: str | None = None
    plural: bool = False
    last_seen: int = 0
    spoke_at: int = -1
    subject_at: int = -1
    topic_at: int = -1  # named in a fronted "For X, …", whose view the sentence gives
    aliases: list[str] = field(default_factory=list)

    def speaker(self) -> Speaker:
        """The speaker record this entity stands for; aliases leave out the name itself."""
        aliases = [a for a in self.aliases if a != self.name]
        return Speaker(
            name=self.name,
            kind=self.kind,
            acronym=self.acronym,
            title=self.title,
            country=self.country,
            aliases=aliases,
        )


def name_tokens(name: str) -> list[str]:
    """The compact keys of a name's words, hyphenated parts apart ("Kim Hong-kyun": 3)."""
    return [compact_key(t) for t in re.split(r"[\s\-]+", name) if compact_key(t)]


_AUX_VERBS = frozenset(
    """has had was is will would did said told wrote spoke could should can may might must
    heard saw met made took gave found thought knew began became left won lost ran got felt
    kept held brought sent led paid built stood fell went came""".split()
)


def verb_like(word: str) -> bool:
    """A word that can be the verb after a name, which makes the name a clause subject."""
    return (
        word in _AUX_VERBS
        or word.endswith("ed")
        or (word.endswith("s") and not word.endswith("ss") and len(word) > 3)
    )


def country_in(words: list[str]) -> str | None:
    """The last country named, implied by a demonym or capital, inside a run of words."""
    found = None
    n = len(words)
    for i in range(n):
        for size in (1, 2, 3):
            if i + size > n:
                break
            hit = places.lookup(" ".join(words[i : i + size]).rstrip(".,’'s"))
            if hit is not None:
                found = hit[0]
    return found


FUNCTION_WORDS = frozenset(
    """the a an of in on at to for and or but by with from as that this these those
    it he she they we i his her their its our why what when where how who which
    while after before during earlier later meanwhile however""".split()
)


SPOKES = frozenset(["spokesman", "spokeswoman", "spokesperson", "spokespeople"])
_ROLE_SUFFIXES = ("or", "er", "ist", "ent", "ant", "ian", "ary", "man", "woman", "person")


def strip_title(words: list[str]) -> tuple[list[str], str | None]:
    """Split 'Vice Minister of Foreign Affairs Kim Hong-kyun' into name and title.

    The name is the run of capitalised words at the end that are not titles,
    places or function words.  A role noun not in the title list
    ("Supervisor", "Resident") still counts as a title when at least two name
    words follow it, so first names like "Tyler" survive in "Tyler Smith".
    """
    cleaned = [w.rstrip(",") for w in words]
    i = len(cleaned)
    if _surname_title(cleaned) or _surname_place(cleaned):
        i -= 1  # "Charlie King", "Valeska Paris": the title or place word is the surname
    while i > 0:
        w = cleaned[i - 1]
        low = w.lower().rstrip(".")
        if (
            low in lexicon.TITLE_WORDS
            or low in FUNCTION_WORDS
            or places.lookup(w) is not None
            or not w[:1].isupper()
        ):
            break
        if len(cleaned) - i >= 2 and low.endswith(_ROLE_SUFFIXES) and len(low) > 4:
            break
        i -= 1
    name = cleaned[i:]
    title = " ".join(cleaned[:i]) or None
    return name, title


# Title words that are also common surnames, and the modifiers that make them ranks.
_SURNAME_TITLES = frozenset("king bishop judge marshal major dean knight".split())
_RANK_MODIFIERS = frozenset(
    "grand air field district circuit federal high supreme crown court police army drum".split()
)


def _surname_title(words: list[str]) -> bool:
    """'Charlie King' ends in a surname, where 'District Judge' and 'the King' are titles."""
    if len(words) < 2 or words[-1].lower() not in _SURNAME_TITLES:
        return False
    before = words[-2]
    low = before.lower().rstrip(".")
    return (
        before[:1].isupper()
        and low not in lexicon.TITLE_WORDS
        and low not in lexicon.ORG_WORDS
        and low not in FUNCTION_WORDS
        and low not in _RANK_MODIFIERS
        and places.lookup(before) is None
    )


# Words that make a place name of the next one ("Central Paris", "Greater London").
_PLACE_MODIFIERS = frozenset(
    """north south east west northern southern eastern western central greater upper
    lower old new downtown inner outer metropolitan""".split()
)


def _surname_place(words: list[str]) -> bool:
    """'Valeska Paris', 'Tom Jordan': a given name, then a place that is the surname."""
    if len(words) < 2 or places.lookup(words[-1]) is None:
        return False
    before = words[-2]
    low = before.lower().rstrip(".")
    return (
        before[:1].isupper()
        and before.isalpha()
        and low not in lexicon.TITLE_WORDS
        and low not in lexicon.ORG_WORDS
        and low not in FUNCTION_WORDS
        and low not in _PLACE_MODIFIERS
        and places.lookup(before) is None
        and places.lookup(" ".join(words)) is None
    )


def title_gender(words: list[str]) -> str | None:
    """The gender a title implies ("Ms", "Mr", "Queen"), for later pronouns."""
    for w in words:
        low = w.lower().rstrip(".")
        if low in lexicon.FEMALE_TITLES:
            return "female"
        if low in lexicon.MALE_TITLES:
            return "male"
    return None


def org_kind(name: str, default: SpeakerKind = SpeakerKind.organization) -> SpeakerKind:
    """Media or government by the words in an organisation's name, else `default`."""
    words = {w.lower().strip("’'s,") for w in name.split()}
    if words & lexicon.MEDIA_WORDS and not words & lexicon.GOVERNMENT_WORDS:
        return SpeakerKind.media
    if words & lexicon.GOVERNMENT_WORDS:
        return SpeakerKind.government
    return default


def demonym_country(name: str) -> str | None:
    """The country a place or demonym inside a name points to ("Polish Navy": Poland)."""
    words = name.split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            found = places.lookup(" ".join(words[i : i + size]))
            if found is not None:
                return found[0]
    return None


def split_conjunction(text: str) -> list[str]:
    """'North Korea and Russia' is two speakers; 'U.S. and South Korean officials' is one."""
    if " and " not in text:
        return [text]
    parts = [p.strip() for p in text.split(" and ")]
    if len(parts) != 2 or not all(parts):
        return [text]
    if parts[1].split()[-1][0].islower():
        return [text]  # a shared head noun: 'U.S. and South Korean officials'
    found = [places.lookup(p) for p in parts]
    if all(hit is not None and hit[1] != "demonym" for hit in found):
        return parts
    if all(
        len(p.split()) >= 2 and all(w[0].isupper() for w in p.split()) for p in parts
    ) and not any(w.lower() in lexicon.ORG_WORDS for w in text.split()):
        return parts
    return [text]
