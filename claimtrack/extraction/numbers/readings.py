"""Figures that are not a reading of a quantity, or only part of one.

"Above the 3 percent level" and "a target of 2%" state a threshold, not what
was measured: compared with a reading ("inflation hit 2.5%") they would make
a false dispute, so they are no figures at all.  "Two plants in Ohio and
another in Texas" counts a part: it is compatible with any larger total, so
it becomes a lower bound, as "at least two" would.
"""

from __future__ import annotations

import re
from typing import Final

from claimtrack.extraction.numbers.patterns import SPACE

# Nouns naming a threshold when they follow the figure ("the 3 percent level",
# "the 100 mark") or precede it with "of" ("a cap of 10,000"). Singular only:
# "30 floors" and "two goals" are counts.
_AFTER: Final = "level|threshold|target|limit|cap|ceiling|mark|barrier|benchmark"
_BEFORE: Final = "target|threshold|limit|cap|ceiling|benchmark|goal|quota"

_AFTER_RE: Final = re.compile(
    rf"(?:{SPACE}*[-\u2010\u2011]{SPACE}*|{SPACE}+)(?:{_AFTER})\b(?![-\u2010\u2011])",
    re.IGNORECASE,
)
_BEFORE_RE: Final = re.compile(
    rf"\b(?:{_BEFORE}){SPACE}+(?:of|at|set{SPACE}+at|of{SPACE}+just){SPACE}+$",
    re.IGNORECASE,
)
# After a counted figure in its sentence: a further part of the same count.
_PART_RE: Final = re.compile(
    rf"[^.;!?]{{0,80}}?\b(?:and|plus|with){SPACE}+(?:another|a{SPACE}+further|one{SPACE}+more)\b",
    re.IGNORECASE,
)
PART_QUALIFIER: Final = "and another"


def _after_noun(text: str, end: int, noun: str | None) -> int:
    """Where the text after the figure's counted noun starts."""
    if noun and not noun[:1].isalnum():
        return end  # a currency sign is before the digits
    if noun and text[end : end + len(noun) + 1].strip().lower() == noun.lower():
        return end + len(text[end:]) - len(text[end:].lstrip()) + len(noun)
    return end


def is_threshold(text: str, start: int, end: int, noun: str | None) -> bool:
    """Whether the figure names a threshold, target or limit rather than a reading."""
    if _BEFORE_RE.search(text, max(0, start - 30), start) is not None:
        return True
    return _AFTER_RE.match(text, _after_noun(text, end, noun)) is not None


def is_part(text: str, end: int, noun: str | None) -> bool:
    """Whether the sentence goes on to add another of the same count after it."""
    return noun is not None and _PART_RE.match(text, _after_noun(text, end, noun)) is not None


# A temperature's scale after its number: "35°C", "95 °F", "minus 17 degrees Celsius".
# A bare "40C" is left alone (a size, a grade, a room).
_SCALE_RE: Final = re.compile(
    rf"{SPACE}*(?:(?:°|º|˚){SPACE}*(?P<sign>[CF])\b|(?:°|º|˚|degrees?|deg\.?)?{SPACE}*"
    r"(?P<word>Celsius|centigrade|Fahrenheit)\b)",
    re.IGNORECASE,
)
CELSIUS: Final = "°C"
FAHRENHEIT: Final = "°F"


def temperature_scale(text: str, end: int, noun: str | None) -> str | None:
    """°C or °F when the figure's number is followed by a temperature scale."""
    if noun not in (None, "degrees", "degree"):
        return None
    after = end if noun is None else _after_noun(text, end, noun)
    found = _SCALE_RE.match(text, after)
    if found is None:
        return None
    scale = (found.group("sign") or found.group("word") or "").lower()
    return FAHRENHEIT if scale.startswith("f") else CELSIUS
