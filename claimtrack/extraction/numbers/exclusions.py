"""Numbers that are not figures: years, dates, clock times, labels, codes, phone numbers.

Most digit runs in news prose are of this kind, so find_figures asks these
cheap tests before it reads any context.
"""

from __future__ import annotations

import re
from typing import Final

from claimtrack.extraction.numbers.patterns import HYPHENS, SPACE, alternatives, wordset

# Month names and their usual abbreviations; matched case-sensitively since a
# lower-case "may" or "march" is a verb.
_MONTH_PATTERN: Final = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
MONTHS: Final = wordset(
    """January February March April May June July August September October November
    December Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec"""
)
# Words after which a 4-digit number in the year range is a year whatever follows.
YEAR_CONTEXT: Final = wordset(
    """in since by until till before after during circa throughout from between mid early
    late spring summer autumn fall winter fy fiscal year"""
)
# Determiners after which a bare 4-digit number is a year ("the 2016 election").
YEAR_DETERMINERS: Final = wordset("the its his her their our my your this that last next whose")
YEAR_MIN: Final = 1800
YEAR_MAX: Final = 2100

# Words that introduce a label rather than a count ("Article 5", "Resolution
# 2758", "Flight 17"): legal, parliamentary, transport and reference numbering.
STRONG_LABELS: Final = wordset(
    """article articles art. resolution resolutions section sections sec. clause clauses
    paragraph paragraphs para para. chapter chapters amendment regulation directive
    decree no. nos. number numbers nr. page pages p. pp. vol. volume flight route
    highway interstate room platform gate terminal model version v. series mk.
    reactor exhibit fig. figure table appendix annex protocol tier category cat.
    grade covid sars"""
)
# Weaker labels: a label only when no counted noun follows ("day 100 of the war"
# but "each day 300 people").
WEAK_LABELS: Final = wordset(
    """day week year phase stage level round game match season episode part line unit
    block building zone district ward sector case item rule bill law act title class
    type lane lot plot apartment flat suite box channel track bus"""
)

# Time-zone and clock words after a number ("1400 GMT", "3 p.m.").
_TIME_ZONES: Final = wordset(
    "GMT UTC BST CET CEST EET EEST WET EST EDT CST CDT MST MDT PST PDT MSK IST JST KST "
    "AEST AEDT HKT SGT ET PT"
)

# Before "one": these make it a pronoun ("no one", "each one").
ONE_PRONOUN_BEFORE: Final = wordset("no any every each some which this that the last another")

# A clock time, a date or a year range right after the number, or a month or
# possessive around it.
TIME_AFTER_RE: Final = re.compile(
    rf"{SPACE}?(?:(?i:[ap]\.m\.?|[ap]m\b|o['’]clock\b|local{SPACE}+time\b)"
    rf"|(?:{alternatives(_TIME_ZONES)})\b)"
)
DATE_AFTER_RE: Final = re.compile(rf"{SPACE}+(?:of{SPACE}+)?{_MONTH_PATTERN}(?![A-Za-z])")
MONTH_BEFORE_RE: Final = re.compile(
    rf"(?<![A-Za-z]){_MONTH_PATTERN}(?:{SPACE}+[0-9]{{1,2}}(?:st|nd|rd|th)?)?,?{SPACE}+\Z"
)
POSSESSIVE_RE: Final = re.compile(r"['’]s\b")
YEAR_RANGE_RE: Final = re.compile(r"[-\u2013/][0-9]{2,4}\b")
_PHONE_RE: Final = re.compile(
    r"(?:\+[0-9]{1,3}[ .\-]?)?(?:\([0-9]{2,5}\)[ .\-]?)?[0-9]{2,5}(?:[ .\-][0-9]{2,5}){1,4}"
)
_PHONE_SEPS_RE: Final = re.compile(r"[0-9]+|[^0-9]+")


def glued_before(text: str, s: int) -> bool:
    """True when the number at s is part of a word or identifier ("G7", "F-16")."""
    if s == 0:
        return False
    c = text[s - 1]
    if c.isalnum() or c in "_#/:@&\\":
        return True
    if s >= 2:
        b = text[s - 2]
        if c in HYPHENS and b.isalpha():
            return text[max(0, s - 6) : s - 1].lower() != "minus"  # "minus-20" is a sign
        if c in ".," and b.isdigit():
            return True
    return False


def phone_number_end(text: str, s: int) -> int:
    """End of a phone number starting at or just before s, or -1."""
    begin = s - 1 if s > 0 and text[s - 1] in "+(" else s
    pm = _PHONE_RE.match(text, begin)
    if pm is None:
        return -1
    span = pm.group()
    parts = _PHONE_SEPS_RE.findall(span.lstrip("+("))
    groups = [p for p in parts if p[0].isdigit()]
    seps = {p.strip() for p in parts if not p[0].isdigit()}
    if sum(len(g) for g in groups) < 7:
        return -1
    if span[0] in "+(":
        return pm.end()
    if len(groups) >= 3 and (seps in ({"-"}, {"."}) or groups[0].startswith("0")):
        return pm.end()
    return -1


def prev_word(text: str, p: int) -> tuple[str, int]:
    """The word just before p (spaces only in between) and its start; '' if none."""
    i = p
    stop = max(0, p - 40)
    while i > stop and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == p:
        return "", p
    j = i
    while j > stop and (text[j - 1].isalpha() or text[j - 1] in ".'’"):
        j -= 1
    return text[j:i].lstrip(".'’"), j


def sentence_initial(text: str, j: int) -> bool:
    """True when the word starting at j opens a sentence or a line."""
    i = j
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n\"“‘'(:;—–-"
