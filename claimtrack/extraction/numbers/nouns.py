"""The noun a figure counts: "3,000 more troops", "one senior official"."""

from __future__ import annotations

import re
from typing import Final

from claimtrack.extraction.numbers.cardinals import SMALL_NUMBERS, TENS
from claimtrack.extraction.numbers.patterns import HYPHEN_CLASS, SPACE, wordset
from claimtrack.extraction.numbers.units import UNIT_CLASSES, looks_plural, singular_form

# Words that end a noun phrase: determiners, prepositions, conjunctions,
# pronouns, auxiliaries and reporting verbs (a standard English stop list).
STOP_WORDS: Final = wordset(
    """
    a an the this that these those some any each every all both either neither no not
    nor of in on at to for from with without by about against between among amongst
    into onto upon over under above below across along around through throughout during
    before after since until till toward towards within beyond despite per via near than
    as like and or but so yet because while whereas although though if unless whether
    when where which who whom whose what why how i me my we us our you your he him his
    she her it its they them their is are was were be been being am has have had having
    do does did will would shall should can could may might must said says say saying
    told tells added according reported claimed also only just even still already ago
    later earlier again then there here now today yesterday tomorrow apiece each
    always perhaps sometimes afterwards besides nowadays however meanwhile respectively
    altogether annually plus minus
    """
)
# Adjectives and noun modifiers commonly found between a number and the noun it
# counts ("3,000 more troops", "one senior official"), general English.
_MODIFIERS: Final = wordset(
    """
    more additional extra other further new fresh former foreign armed active
    active-duty regular reserve special elite combat ground naval air military
    civilian unarmed wounded injured dead missing displaced trained young old elderly
    senior junior top high-ranking low-ranking local national international regional
    federal private public total overall confirmed suspected alleged known registered
    estimated reported so-called full-time part-time permanent temporary daily weekly
    monthly annual yearly average median operation operational frontline front-line
    various numerous overseas such same similar different separate key major minor
    small large big heavy light modern advanced long-range short-range medium-range
    ballistic cruise nuclear conventional chemical tactical strategic unmanned armoured
    armored mechanised mechanized highly well very fully heavily lightly mostly mainly
    largely newly recently reportedly allegedly previously only first last next
    """
)
# Units that measure what the next noun names rather than being a compound with it.
_MEASURES: Final = frozenset(("degree", "degrees"))
_MAX_NOUN_TOKENS: Final = 5  # four modifiers and the noun itself
_NEXT_TOKEN_RE: Final = re.compile(
    rf"(?:{SPACE}+\n?|\n){SPACE}*([A-Za-z](?:[A-Za-z'’{HYPHEN_CLASS}]*[A-Za-z])?|[$€£%])(['’]s?)?"
)


def noun_after(text: str, p: int, singular: bool) -> tuple[str | None, list[str]]:
    """The counted noun after p, skipping up to four modifiers, and those modifiers.

    With `singular` the first non-modifier is the noun ("one senior official");
    otherwise it must be a plural or a known unit ("3,000 North Korean troops").
    """
    head: str | None = None
    mods: list[str] = []
    for _ in range(_MAX_NOUN_TOKENS):
        m = _NEXT_TOKEN_RE.match(text, p)
        if m is None:
            break
        tok = m.group(1)
        low = tok.lower()
        possessive = m.group(2) is not None
        is_unit = low in UNIT_CLASSES
        acronym = len(tok) > 1 and tok.isupper() and not is_unit
        if not acronym and (low in STOP_WORDS or low in SMALL_NUMBERS or low in TENS):
            break
        if tok in "$€£%":
            break
        plural = not acronym and looks_plural(low)
        if head is not None:
            # Compound nouns: "police officers", "Hamas fighters", "service members";
            # but "20 degree temperatures" counts degrees.
            if not singular and (is_unit or plural) and head.lower() not in _MEASURES:
                mods.append(head)
                head = tok
                p = m.end()
                if possessive:
                    break
                continue
            break
        if acronym or low in _MODIFIERS:
            mods.append(tok)
        elif singular:
            if is_unit:
                head = tok
            elif plural or possessive:
                break
            elif tok[0].isupper() or (low.endswith("ed") and len(low) > 4):
                mods.append(tok)
            else:
                head = tok
        elif is_unit or plural:
            head = tok
        else:
            mods.append(tok)
        p = m.end()
        if possessive:
            break
    if head is None:
        return None, mods
    if mods:
        pair = f"{mods[-1]} {head}"
        if singular_form(pair.lower()) in UNIT_CLASSES or pair.lower() in UNIT_CLASSES:
            return pair, mods[:-1]
    return head, mods


def metres_follow(text: str, p: int) -> bool:
    """True when a singular word follows a glued 'm', which makes it metres."""
    m = _NEXT_TOKEN_RE.match(text, p)
    if m is None:
        return False
    low = m.group(1).lower()
    return not (
        low in STOP_WORDS
        or looks_plural(low)
        or (low.endswith("ed") and len(low) > 4)
        or not m.group(1)[0].isalpha()
    )
