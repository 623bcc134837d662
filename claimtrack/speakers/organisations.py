"""What kind of state body a name describes, and whose: ("South Korea", "intelligence").

"South Korea's spy agency" and "the National Intelligence Service" name one
body in different words; the organisation type and country found here are what
lets the rules see that, and what keeps Russia's and Ukraine's foreign
ministries apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from claimtrack.extraction import places
from claimtrack.models import Speaker
from claimtrack.speakers.records import ORG_KINDS
from claimtrack.speakers.spelling import name_words

# Organisation types as newswire copy describes state bodies (Reuters/AP/Yonhap
# style: "the country's spy agency", "the presidential office", "state media").
# Each type is specific: "government", "officials" or "office" alone name no type,
# so they never make two speakers one. Order matters: the first type whose phrase
# occurs wins, so "military intelligence" comes before "intelligence" and "military".
_ORG_TYPE_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("military intelligence", ("military intelligence",)),
    (
        "intelligence",
        (
            "spy agency",
            "spy agencies",
            "spy service",
            "intelligence agency",
            "intelligence agencies",
            "intelligence service",
            "intelligence services",
            "intelligence bureau",
            "intelligence directorate",
        ),
    ),
    (
        "presidency",
        (
            "presidential office",
            "president's office",
            "office of the president",
            "presidency",
            "presidential administration",
            "presidential palace",
        ),
    ),
    ("prime minister's office", ("prime minister's office", "office of the prime minister")),
    (
        "UN mission",
        (
            "mission to the united nations",
            "mission to the u.n.",
            "u.n. mission",
            "permanent mission",
        ),
    ),
    ("embassy", ("embassy",)),
    ("consulate", ("consulate",)),
    (
        "state media",
        (
            "state media",
            "state-run media",
            "state-controlled media",
            "state news agency",
            "state-run news agency",
            "official news agency",
            "state broadcaster",
            "state television",
            "state-run television",
            "state tv",
        ),
    ),
    ("central bank", ("central bank",)),
    ("space agency", ("space agency",)),
    ("parliament", ("parliament", "national assembly", "legislature")),
)

# Ministries by portfolio, written "<topic> ministry", "ministry of <topic>",
# "<topic> department" or "department of <topic>"; plus fixed names below.
_MINISTRY_TOPICS: dict[str, tuple[str, ...]] = {
    "foreign": ("foreign", "foreign affairs", "external affairs"),
    "defence": ("defence", "defense", "national defence", "national defense"),
    "interior": ("interior", "home affairs", "internal affairs", "home"),
    "finance": ("finance", "treasury"),
    "justice": ("justice",),
    "health": ("health",),
    "unification": ("unification",),
    "trade": ("trade", "commerce"),
    "economy": ("economy", "economic affairs"),
    "education": ("education",),
    "energy": ("energy",),
    "agriculture": ("agriculture",),
    "environment": ("environment",),
    "labour": ("labour", "labor"),
    "transport": ("transport", "transportation"),
}
_MINISTRY_NAMES: dict[str, tuple[str, ...]] = {
    "foreign": ("foreign office", "state department", "department of state"),
    "interior": ("home office",),
}

# The armed forces; after the ministries, so that "defence ministry" is a ministry.
_MILITARY_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "military",
        (
            "military",
            "army",
            "armed forces",
            "joint chiefs of staff",
            "general staff",
            "defence forces",
            "defense forces",
        ),
    ),
    ("navy", ("navy",)),
    ("air force", ("air force",)),
    ("coast guard", ("coast guard",)),
)

# A type phrase followed by one of these names a person in the body ("central bank
# head", "defence ministry spokesman"), not the body itself.
_PERSON_HEADS = frozenset(
    """head heads chief chiefs director directors spokesman spokeswoman spokesperson
    spokespeople minister ministers official officials officer officers adviser
    advisers advisor ambassador envoy secretary chairman chairwoman chair commander
    source sources staff analyst analysts""".split()
)

# "the country's National Intelligence Service": the owner is whatever country
# the article is about, which only the article text can tell.
_CONTEXT_OWNERS = ("the country's", "the nation's", "the country’s", "the nation’s")
_CONTEXT_WINDOW = 400

_TRAILING = re.compile(r"(?:’s|'s)?[.,;:’']*$")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*")


def _phrase_table() -> list[tuple[str, tuple[str, ...]]]:
    table: list[tuple[str, tuple[str, ...]]] = []
    for type_, fixed in _ORG_TYPE_PHRASES:
        table.append((type_, tuple(" ".join(name_words(p)) for p in fixed)))
    for topic, forms in _MINISTRY_TOPICS.items():
        phrases = [
            variant
            for form in forms
            for variant in (
                f"{form} ministry",
                f"ministry of {form}",
                f"ministry of the {form}",
                f"{form} department",
                f"department of {form}",
            )
        ]
        phrases.extend(_MINISTRY_NAMES.get(topic, ()))
        table.append((f"{topic} ministry", tuple(" ".join(name_words(p)) for p in phrases)))
    for type_, fixed in _MILITARY_PHRASES:
        table.append((type_, tuple(" ".join(name_words(p)) for p in fixed)))
    return table


_PHRASES = _phrase_table()


@lru_cache(maxsize=65536)
def org_type(name: str) -> str | None:
    """The specific kind of body a name or description denotes ('intelligence', 'presidency')."""
    words = name_words(name)
    padded = f" {' '.join(words)} "
    for type_, phrases in _PHRASES:
        for phrase in phrases:
            at = padded.find(f" {phrase} ")
            if at < 0:
                continue
            after = padded[at + len(phrase) + 2 :].split()
            if any(w in _PERSON_HEADS for w in after):
                return None
            return type_
    return None


@lru_cache(maxsize=65536)
def country_named(name: str) -> str | None:
    """The one country a name mentions ('South Korea's spy agency'); None for none or several."""
    found = set(_countries_in(name))
    return found.pop() if len(found) == 1 else None


def _countries_in(text: str) -> Iterable[str]:
    """Every country a text names, by name, demonym or capital, once per mention."""
    longest = places.longest_place()
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group().split()
        i = 0
        while i < len(words):
            for size in range(min(longest, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + size])
                hit = places.lookup(phrase) or places.lookup(_TRAILING.sub("", phrase))
                if hit is not None:
                    yield hit[0]
                    i += size
                    break
            else:
                i += 1


def org_country(name: str, country: str | None) -> str | None:
    """The country an organisation belongs to: as extracted, else as its name says."""
    return country or country_named(name)


def org_signature(name: str, country: str | None) -> tuple[str, str] | None:
    """(country, type) of a state body: equal signatures are one body, whatever the wording."""
    type_ = org_type(name)
    where = org_country(name, country)
    if type_ is None or where is None:
        return None
    return where, type_


def infer_country(speaker: Speaker, text: str) -> str | None:
    """A country for "the country's National Intelligence Service", from its article.

    Only when the article calls the body "the country's" (or "the nation's"): the
    country meant is one named in the 400 characters before, and of those the one
    the whole article names most; a tie leaves the country unknown, not guessed.
    """
    if speaker.country or speaker.kind not in ORG_KINDS:
        return speaker.country
    lowered = text.lower()
    for form in (speaker.name, *speaker.aliases):
        if not form.strip().lower().startswith(_CONTEXT_OWNERS):
            continue
        at = lowered.find(form.strip().lower())
        nearby = set(_countries_in(text[max(0, at - _CONTEXT_WINDOW) : at])) if at >= 0 else set()
        if not nearby:
            continue
        totals = Counter(_countries_in(text))
        ranked = sorted(nearby, key=totals.__getitem__, reverse=True)
        if len(ranked) == 1 or totals[ranked[0]] > totals[ranked[1]]:
            return ranked[0]
    return None
