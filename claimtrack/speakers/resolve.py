"""Cross-article speaker identity: is the speaker of a new article one already known?

Extraction resolves speakers inside one article (speakers.py); between articles
the same speaker is spelt, transliterated and described differently by each
outlet ("Zelenskiy" / "Zelenskyy", "South Korea's spy agency" / "the National
Intelligence Service (NIS)"). This module decides, without a database, whether
a new speaker is an existing record and says why; store.py fetches the
candidates by the blocking keys below (never by scanning every speaker) and
applies the decision. Like speakers.py it is conservative: a shared surname or
a shared country word is never enough.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from claimtrack.extract import places
from claimtrack.models import Speaker, SpeakerKind
from claimtrack.speakers.names import name_key

# Thresholds, rapidfuzz ratio 0-100. Transliteration variants of one name score
# 90-95 on the whole name (volodymyrzelenskiy/-yy 94); namesakes that differ in one
# given name mostly score below (johnsmith/joansmith 89). Each word must also be the
# same word spelt differently (see _token_like): ratio 82 or more (sergei/sergey 83,
# francis/francois 80), the same consonants and the same last letter, which keeps
# Ivana/Ivanka, Paul/Paula and Maria/Mario apart.
PERSON_NAME_MIN = 90
PERSON_TOKEN_MIN = 82
# A lone name ("Zelensky") stands for a full name only when it is its first or last
# word, or a spelling variant of the last word long enough to tell (Goff is not Geoff).
LONE_NAME_MIN = 88
LONE_NAME_LENGTH = 6
# Organisation names repeat generic words ("ministry", "of"), so the whole name
# must be closer, while each word may vary more ("defence"/"defense" scores 86).
ORG_NAME_MIN = 92
ORG_TOKEN_MIN = 80
# Initials stand for a name only from three letters: two-letter ones (NC, AP) are
# too often something else; they match only an acronym the article defined.
MIN_INITIALS = 3

ORG_KINDS = frozenset({SpeakerKind.organization, SpeakerKind.government, SpeakerKind.media})

# How strongly a match binds, strongest first; the store takes the strongest.
SAME_NAME = 5
KNOWN_ALIAS = 4
ACRONYM = 3
SPELLING = 2
DESCRIPTION = 1

# Words left out of an organisation's initials ("Ministry of Foreign Affairs" is MFA).
_FUNCTION_WORDS = frozenset("of the and for on in to at by de du des la le del & a an".split())

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

# Words too common in organisation names to find candidates by ("ministry", ...).
_GENERIC_ORG_WORDS = frozenset(
    """ministry department agency service office council committee commission
    national state federal government administration authority bureau board
    international foreign affairs republic people's peoples united""".split()
)

# "the country's National Intelligence Service": the owner is whatever country
# the article is about, which only the article text can tell.
_CONTEXT_OWNERS = ("the country's", "the nation's", "the country’s", "the nation’s")
_CONTEXT_WINDOW = 400

_SPLIT_NAME = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
_POSSESSIVE = re.compile(r"^(.+?)(?:’s|'s|’|')\s+(.+)$")
_PARENS = re.compile(r"\s*\([^)]*\)")
_ACRONYM = re.compile(r"[A-Z][A-Z.&]{1,11}")
_TRAILING = re.compile(r"(?:’s|'s)?[.,;:’']*$")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*")


@dataclass
class SpeakerRecord:
    """A stored speaker as the rules see it: its name, what it is, and every key it answers to."""

    id: int
    name: str
    kind: SpeakerKind
    country: str | None = None
    acronym: str | None = None
    keys: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, speaker: Speaker, record_id: int = 0) -> SpeakerRecord:
        """The record a speaker would become on its own (name and aliases as keys)."""
        keys = {name_key(speaker.name), *(name_key(a) for a in speaker.aliases)}
        if speaker.acronym:
            keys.add(name_key(speaker.acronym))
        keys.discard("")
        return cls(
            id=record_id,
            name=speaker.name,
            kind=speaker.kind,
            country=speaker.country,
            acronym=speaker.acronym,
            keys=keys,
        )


@dataclass(frozen=True)
class Match:
    """Why a new speaker is an existing record, and how strongly."""

    record: SpeakerRecord
    reason: str
    strength: int
    score: float = 100.0


# --- names ------------------------------------------------------------------------


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
def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", name_key(text.replace("-", " "))))


@lru_cache(maxsize=65536)
def _proper_part(name: str) -> str:
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
    words = [w for w in _SPLIT_NAME.split(_proper_part(name)) if w]
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    if len(content) < 2 or not all(w[:1].isupper() for w in content):
        return None
    return "".join(compact(w)[:1] for w in content if compact(w)) or None


def is_descriptive(name: str) -> bool:
    """'South Korea's spy agency' describes; 'National Intelligence Service' names."""
    words = [w for w in _proper_part(name).split() if w.lower() not in _FUNCTION_WORDS]
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


# --- organisations ------------------------------------------------------------------


def _phrase_table() -> list[tuple[str, tuple[str, ...]]]:
    table: list[tuple[str, tuple[str, ...]]] = []
    for type_, fixed in _ORG_TYPE_PHRASES:
        table.append((type_, tuple(" ".join(_words(p)) for p in fixed)))
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
        table.append((f"{topic} ministry", tuple(" ".join(_words(p)) for p in phrases)))
    for type_, fixed in _MILITARY_PHRASES:
        table.append((type_, tuple(" ".join(_words(p)) for p in fixed)))
    return table


_PHRASES = _phrase_table()


@lru_cache(maxsize=65536)
def org_type(name: str) -> str | None:
    """The specific kind of body a name or description denotes ('intelligence', 'presidency')."""
    words = _words(name)
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


# --- matching -----------------------------------------------------------------------


def _plural_pair(a: str, b: str) -> bool:
    """'Adam'/'Adams', 'aide'/'aides': a trailing s makes another name or another number."""
    return a + "s" == b or b + "s" == a


def _token_like(a: str, b: str) -> bool:
    """Two name words that are one word spelt differently (zelenskiy/zelenskyy).

    Short words must be equal; otherwise only vowels may differ (same consonant
    skeleton: Ivana/Ivanka differ), and the last letter must agree unless it is an
    i/y ending (Paul/Paula, Daniel/Danielle, Maria/Mario are other people).
    """
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or _plural_pair(a, b) or skeleton(a) != skeleton(b):
        return False
    if a[-1] != b[-1] and not (a[-1] in "iy" and b[-1] in "iy"):
        return False
    return fuzz.ratio(a, b) >= PERSON_TOKEN_MIN


def _person_match(a: str, b: str) -> tuple[str, int, float] | None:
    """Persons: same letters, a spelling variant token by token, or a lone first/last name."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return None
    if "".join(ta) == "".join(tb):
        return "same name, spaced or hyphenated differently", SPELLING, 100.0
    if len(ta) == len(tb):
        score = fuzz.ratio("".join(ta), "".join(tb))
        if score >= PERSON_NAME_MIN and all(_token_like(x, y) for x, y in zip(ta, tb, strict=True)):
            return f"spelling variant (rapidfuzz {score:.0f})", SPELLING, score
        return None
    if min(len(ta), len(tb)) == 1:
        lone, full, full_name = (ta[0], tb, b) if len(ta) == 1 else (tb[0], ta, a)
        if _lone_name_of(lone, full):
            return f"short form of {full_name}", DESCRIPTION, 90.0
    return None


def _lone_name_of(lone: str, full: tuple[str, ...]) -> bool:
    """'Zelenskiy' for 'Volodymyr Zelenskyy', 'Kim' for 'Kim Yo-jong' (the first word exactly)."""
    if lone in (full[0], full[-1]):
        return True
    last = full[-1]
    return (
        min(len(lone), len(last)) >= LONE_NAME_LENGTH
        and _token_like(lone, last)
        and fuzz.ratio(lone, last) >= LONE_NAME_MIN
    )


def _org_match(new: Speaker, record: SpeakerRecord) -> Match | None:
    """Organisations: one acronym, one name spelt differently, or one country and type."""
    country_a = org_country(new.name, new.country)
    country_b = org_country(record.name, record.country)
    if country_a and country_b and country_a != country_b:
        return None
    type_a, type_b = org_type(new.name), org_type(record.name)
    if type_a and type_b and type_a != type_b:
        return None
    acronyms_a = _acronym_keys(new.name, new.acronym)
    acronyms_b = _acronym_keys(record.name, record.acronym)
    shared = (
        (acronyms_a & acronyms_b)
        or (acronyms_a & _long_initials(record.name))
        or (acronyms_b & _long_initials(new.name))
    )
    if shared:
        return Match(record, f"acronym {min(shared).upper()}", ACRONYM)
    words_a, words_b = _words(new.name), _words(record.name)
    score = fuzz.ratio(compact(new.name), compact(record.name))
    if (
        score >= ORG_NAME_MIN
        and len(words_a) == len(words_b)
        and all(
            x == y or (fuzz.ratio(x, y) >= ORG_TOKEN_MIN and not _plural_pair(x, y))
            for x, y in zip(words_a, words_b, strict=True)
        )
    ):
        return Match(record, f"spelling variant (rapidfuzz {score:.0f})", SPELLING, score)
    sig_a = org_signature(new.name, new.country)
    if sig_a is not None and sig_a == org_signature(record.name, record.country):
        return Match(record, f"same organisation: {sig_a[0]} {sig_a[1]}", DESCRIPTION, score)
    return None


@lru_cache(maxsize=65536)
def _long_initials(name: str) -> frozenset[str]:
    found = initials(name)
    return frozenset({found} if found and len(found) >= MIN_INITIALS else ())


@lru_cache(maxsize=65536)
def _acronym_keys(name: str, acronym: str | None) -> frozenset[str]:
    # Cached, like the name helpers above: a speaker is matched against every
    # candidate record, and each record's name recurs across many articles.
    return frozenset(k for k in (acronym_of(name), compact(acronym) if acronym else None) if k)


def _kinds_clash(a: SpeakerKind, b: SpeakerKind) -> bool:
    """A person is never an organisation; unknown and anonymous clash with nothing."""
    return (a is SpeakerKind.person and b in ORG_KINDS) or (
        b is SpeakerKind.person and a in ORG_KINDS
    )


def match(new: Speaker, record: SpeakerRecord) -> Match | None:
    """Whether ``new`` is ``record``, with the reason and strength; None when not."""
    key = name_key(new.name)
    if not key:
        return None
    if key == name_key(record.name):
        # The stored key is unique: equal names are one record whatever their kinds.
        return Match(record, "same name", SAME_NAME)
    if _kinds_clash(new.kind, record.kind):
        return None
    persons = new.kind is SpeakerKind.person and record.kind is SpeakerKind.person
    orgs = new.kind in ORG_KINDS and record.kind in ORG_KINDS
    if key in record.keys:
        if persons and len(name_tokens(new.name)) == 1 and len(name_tokens(record.name)) > 1:
            return Match(record, f"short form of {record.name}", DESCRIPTION, 100.0)
        if orgs and _org_conflict(new, record):
            return None
        return Match(record, "known alias", KNOWN_ALIAS)
    if persons:
        found = _person_match(new.name, record.name)
        return None if found is None else Match(record, *found)
    if orgs:
        return _org_match(new, record)
    return None


def _org_conflict(new: Speaker, record: SpeakerRecord) -> bool:
    country_a = org_country(new.name, new.country)
    country_b = org_country(record.name, record.country)
    type_a, type_b = org_type(new.name), org_type(record.name)
    return bool(
        (country_a and country_b and country_a != country_b)
        or (type_a and type_b and type_a != type_b)
    )


def same_speaker(new: Speaker, record: SpeakerRecord) -> str | None:
    """The reason ``new`` is the speaker ``record`` ('acronym NIS'), or None.

    Pairwise only: a lone name ("Zelenskiy") matches every full name it could
    shorten; ``choose`` then refuses when more than one person fits.
    """
    found = match(new, record)
    return None if found is None else found.reason


def choose(new: Speaker, pool: Iterable[SpeakerRecord]) -> Match | None:
    """The one record ``new`` is, among candidates; None for a new speaker or an ambiguity.

    ``pool`` must hold every candidate the blocking keys find, including every
    person whose first or last name a lone name could be, so ambiguity is seen.
    """
    records = list(pool)
    key = name_key(new.name)
    if not key:
        return None
    for record in records:
        if name_key(record.name) == key:
            return Match(record, "same name", SAME_NAME)
    lone = new.kind is SpeakerKind.person and len(name_tokens(new.name)) == 1
    matches: list[Match] = []
    full: set[int] = set()
    for record in records:
        if (m := match(new, record)) is None:
            continue
        matches.append(m)
        if lone and _full_person(record):
            full.add(record.id)
            if len(full) > 1:
                # A lone name two full names could stand for is neither: no need
                # to go through the hundreds a common surname brings.
                return None
    if not matches:
        return None
    if new.kind is SpeakerKind.person:
        matches = _unambiguous_persons(new, matches, records)
        if not matches:
            return None
    return max(matches, key=lambda m: (m.strength, m.score, -m.record.id))


def namesakes_needed(new: Speaker, pool: Iterable[SpeakerRecord]) -> set[str]:
    """Blocking keys `choose` needs read into the pool before it can decide about ``new``.

    A full name that a lone-name record ("Ivanova") could be is that person only
    if no other full name it could stand for is on record, so those namesakes
    must be in the pool; nothing else needs them (a full name's own blocking
    keys find every record it could be), and an exact name needs nothing.
    """
    if new.kind is not SpeakerKind.person or len(name_tokens(new.name)) < 2:
        return set()
    lone: set[str] = set()
    for record in pool:
        found = match(new, record)
        if found is None:
            continue
        if found.strength == SAME_NAME:
            return set()
        lone |= namesake_keys(record)
    return lone


def _full_person(record: SpeakerRecord) -> bool:
    return record.kind is SpeakerKind.person and len(name_tokens(record.name)) > 1


def _unambiguous_persons(
    new: Speaker, matches: list[Match], records: list[SpeakerRecord]
) -> list[Match]:
    """Drop lone-name matches that more than one full name could explain."""
    if len(name_tokens(new.name)) == 1:
        full = {m.record.id: m for m in matches if _full_person(m.record)}
        if len(full) > 1:
            return []
        if full:
            return list(full.values())
        return matches if len({m.record.id for m in matches}) == 1 else []
    kept = []
    for m in matches:
        lone = m.record.kind is SpeakerKind.person and len(name_tokens(m.record.name)) == 1
        # "Zelenskiy" on record, "Volodymyr Zelenskiy" new: only if no other full
        # name that is not this person could be the one "Zelenskiy" meant.
        if lone and any(
            _full_person(r)
            and r.id != m.record.id
            and _person_match(new.name, r.name) is None
            and _person_match(m.record.name, r.name) is not None
            for r in records
        ):
            continue
        kept.append(m)
    return kept


# --- blocking keys: how the store finds candidates without a scan ---------------------


def index_keys(name: str, kind: SpeakerKind, country: str | None, acronym: str | None) -> set[str]:
    """Keys a record is filed under in the speaker_token table."""
    keys: set[str] = set()
    if kind is SpeakerKind.person:
        tokens = name_tokens(name)
        if len(tokens) == 1:
            keys.add(f"ps:{skeleton(tokens[0])}")
        elif tokens:
            first, last = skeleton(tokens[0]), skeleton(tokens[-1])
            keys.update(
                {f"pf:{first}", f"pl:{last}", f"pp:{first}|{last}", f"pc:{''.join(tokens)}"}
            )
    elif kind in ORG_KINDS:
        keys.update(_org_keys(name, country))
        for acr in _acronym_keys(name, acronym):
            keys.add(f"oa:{acr}")
        keys.update(f"oi:{found}" for found in _long_initials(name))
    keys.discard("")
    return keys


def _org_keys(name: str, country: str | None) -> set[str]:
    keys = {f"oc:{compact(name)}"}
    sig = org_signature(name, country)
    if sig is not None:
        keys.add(f"os:{sig[0]}|{sig[1]}")
    rare = [w for w in _words(_proper_part(name)) if w not in _GENERIC_ORG_WORDS and len(w) > 3]
    if rare:
        keys.add(f"ow:{skeleton(max(rare, key=len))}")
    return keys


def search_keys(speaker: Speaker) -> set[str]:
    """Keys to look up in speaker_token for the candidates of a new speaker."""
    keys: set[str] = set()
    if speaker.kind is SpeakerKind.person:
        tokens = name_tokens(speaker.name)
        if len(tokens) == 1:
            s = skeleton(tokens[0])
            keys.update({f"ps:{s}", f"pf:{s}", f"pl:{s}"})
        elif tokens:
            first, last = skeleton(tokens[0]), skeleton(tokens[-1])
            keys.update(
                {f"pp:{first}|{last}", f"pc:{''.join(tokens)}", f"ps:{first}", f"ps:{last}"}
            )
    elif speaker.kind in ORG_KINDS:
        keys.update(_org_keys(speaker.name, speaker.country))
        for acr in _acronym_keys(speaker.name, speaker.acronym):
            keys.update({f"oi:{acr}", f"oa:{acr}"})
        keys.update(f"oa:{found}" for found in _long_initials(speaker.name))
    keys.discard("")
    return keys


def namesake_keys(record: SpeakerRecord) -> set[str]:
    """For a lone-name person record: keys of every full name it could be short for."""
    tokens = name_tokens(record.name)
    if record.kind is not SpeakerKind.person or len(tokens) != 1:
        return set()
    s = skeleton(tokens[0])
    return {f"pf:{s}", f"pl:{s}"}
