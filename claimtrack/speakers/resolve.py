"""Cross-article speaker identity: is the speaker of a new article one already known?

Extraction resolves speakers inside one article (extraction/mentions.py); between
articles the same speaker is spelt, transliterated and described differently by
each outlet ("Zelenskiy" / "Zelenskyy", "South Korea's spy agency" / "the
National Intelligence Service (NIS)"). This module decides, without a database,
whether a new speaker is an existing record and says why; the store fetches the
candidates by blocking keys (blocking.py, never by scanning every speaker) and
applies the decision. Like extraction it is conservative: a shared surname or a
shared country word is never enough.

The rules read names through spelling.py and organisations.py and work on the
records of records.py; the names the store uses from those modules are
importable from here too, as its one way in.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

from claimtrack.models import Speaker, SpeakerKind
from claimtrack.speakers.blocking import index_keys, namesake_keys, search_keys
from claimtrack.speakers.names import name_key
from claimtrack.speakers.organisations import infer_country, org_country, org_signature, org_type
from claimtrack.speakers.records import (
    ACRONYM,
    DESCRIPTION,
    KNOWN_ALIAS,
    ORG_KINDS,
    SAME_NAME,
    SPELLING,
    RecordMatch,
    SpeakerRecord,
)
from claimtrack.speakers.spelling import (
    acronym_keys,
    acronym_of,
    compact,
    long_initials,
    name_rank,
    name_tokens,
    name_words,
    skeleton,
)

__all__ = [
    "ORG_KINDS",
    "SAME_NAME",
    "RecordMatch",
    "SpeakerRecord",
    "acronym_of",
    "choose",
    "index_keys",
    "infer_country",
    "match_record",
    "name_rank",
    "namesakes_needed",
    "org_country",
    "search_keys",
]

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


def _org_match(new: Speaker, record: SpeakerRecord) -> RecordMatch | None:
    """Organisations: one acronym, one name spelt differently, or one country and type."""
    country_a = org_country(new.name, new.country)
    country_b = org_country(record.name, record.country)
    if country_a and country_b and country_a != country_b:
        return None
    type_a, type_b = org_type(new.name), org_type(record.name)
    if type_a and type_b and type_a != type_b:
        return None
    acronyms_a = acronym_keys(new.name, new.acronym)
    acronyms_b = acronym_keys(record.name, record.acronym)
    shared = (
        (acronyms_a & acronyms_b)
        or (acronyms_a & long_initials(record.name))
        or (acronyms_b & long_initials(new.name))
    )
    if shared:
        return RecordMatch(record, f"acronym {min(shared).upper()}", ACRONYM)
    words_a, words_b = name_words(new.name), name_words(record.name)
    score = fuzz.ratio(compact(new.name), compact(record.name))
    if (
        score >= ORG_NAME_MIN
        and len(words_a) == len(words_b)
        and all(
            x == y or (fuzz.ratio(x, y) >= ORG_TOKEN_MIN and not _plural_pair(x, y))
            for x, y in zip(words_a, words_b, strict=True)
        )
    ):
        return RecordMatch(record, f"spelling variant (rapidfuzz {score:.0f})", SPELLING, score)
    sig_a = org_signature(new.name, new.country)
    if sig_a is not None and sig_a == org_signature(record.name, record.country):
        return RecordMatch(record, f"same organisation: {sig_a[0]} {sig_a[1]}", DESCRIPTION, score)
    return None


def _kinds_clash(a: SpeakerKind, b: SpeakerKind) -> bool:
    """A person is never an organisation; unknown and anonymous clash with nothing."""
    return (a is SpeakerKind.person and b in ORG_KINDS) or (
        b is SpeakerKind.person and a in ORG_KINDS
    )


def match_record(new: Speaker, record: SpeakerRecord) -> RecordMatch | None:
    """Whether ``new`` is ``record``, with the reason and strength; None when not."""
    key = name_key(new.name)
    if not key:
        return None
    if key == name_key(record.name):
        # The stored key is unique: equal names are one record whatever their kinds.
        return RecordMatch(record, "same name", SAME_NAME)
    if _kinds_clash(new.kind, record.kind):
        return None
    persons = new.kind is SpeakerKind.person and record.kind is SpeakerKind.person
    orgs = new.kind in ORG_KINDS and record.kind in ORG_KINDS
    if key in record.keys:
        if persons and len(name_tokens(new.name)) == 1 and len(name_tokens(record.name)) > 1:
            return RecordMatch(record, f"short form of {record.name}", DESCRIPTION, 100.0)
        if orgs and _org_conflict(new, record):
            return None
        return RecordMatch(record, "known alias", KNOWN_ALIAS)
    if persons:
        found = _person_match(new.name, record.name)
        return None if found is None else RecordMatch(record, *found)
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


def choose(new: Speaker, pool: Iterable[SpeakerRecord]) -> RecordMatch | None:
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
            return RecordMatch(record, "same name", SAME_NAME)
    lone = new.kind is SpeakerKind.person and len(name_tokens(new.name)) == 1
    matches: list[RecordMatch] = []
    full: set[int] = set()
    for record in records:
        if (m := match_record(new, record)) is None:
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
        found = match_record(new, record)
        if found is None:
            continue
        if found.strength == SAME_NAME:
            return set()
        lone |= namesake_keys(record)
    return lone


def _full_person(record: SpeakerRecord) -> bool:
    return record.kind is SpeakerKind.person and len(name_tokens(record.name)) > 1


def _unambiguous_persons(
    new: Speaker, matches: list[RecordMatch], records: list[SpeakerRecord]
) -> list[RecordMatch]:
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
