"""Counts stated as none: "no one was killed", "there were no casualties".

A desk compares "no casualties" with "20 wounded" as it compares 5 with 20,
so a definite none is a figure of value 0 with its outcome.  An absence of
reports ("no immediate reports of injuries", "no word on casualties") states
nothing about the count and is left alone: no pattern here reads it.
"""

from __future__ import annotations

import re
from typing import Final

from claimtrack.extraction.numbers.outcomes import OUTCOMES
from claimtrack.extraction.numbers.patterns import SPACE
from claimtrack.models import Figure

_VERBS: Final = "killed|injured|hurt|wounded|harmed|arrested|detained|missing|evacuated"
# "No one was killed", "nobody has been seriously hurt", "none of the passengers were injured".
_NOBODY_RE: Final = re.compile(
    rf"\b(?:no{SPACE}+one|no-one|nobody|none(?:{SPACE}+of{SPACE}+the{SPACE}+\w+)?)"
    rf"{SPACE}+(?:else{SPACE}+)?(?:was|were|is|are|has{SPACE}+been|have{SPACE}+been|had{SPACE}+been|got)"
    rf"{SPACE}+(?:(?:seriously|badly|critically|fatally|immediately|reportedly){SPACE}+)?"
    rf"(?P<verb>{_VERBS})\b",
    re.IGNORECASE,
)
# "No casualties", "no deaths or injuries", "no serious injuries".
_NONE_RE: Final = re.compile(
    rf"\b(?<![-\u2010\u2011])no{SPACE}+(?:(?:other|further|serious|major|known|reported){SPACE}+)?"
    rf"(?P<noun>casualties|injuries|deaths|fatalities|dead|arrests)\b"
    rf"(?:{SPACE}+(?:or|and){SPACE}+(?P<also>injuries|deaths|wounded|dead|fatalities))?",
    re.IGNORECASE,
)
_BY_WORD: Final = {**OUTCOMES, "harmed": "injured", "arrests": "arrested"}


def _outcomes(*words: str | None) -> list[str]:
    found: list[str] = []
    for word in words:
        if word is None:
            continue
        low = word.lower()
        for outcome in ("killed", "injured") if low == "casualties" else (_BY_WORD[low],):
            if outcome not in found:
                found.append(outcome)
    return found


def find_zeros(text: str, offset: int = 0) -> list[Figure]:
    """Counts of people stated as none, one figure per outcome ("no casualties": two)."""
    spans: list[tuple[int, int, list[str]]] = [
        (m.start(), m.end(), _outcomes(m.group("verb"))) for m in _NOBODY_RE.finditer(text)
    ]
    spans += [
        (m.start(), m.end(), _outcomes(m.group("noun"), m.group("also")))
        for m in _NONE_RE.finditer(text)
    ]
    return [
        Figure(
            value=0.0,
            unit="people",
            noun=None,
            text=text[start:end],
            approximate=False,
            outcome=outcome,
            start=start + offset,
            end=end + offset,
        )
        for start, end, outcomes in sorted(spans)
        for outcome in outcomes
    ]


def without_zeros(text: str) -> str:
    """The text with its counts of none blanked: "no one was hurt" denies nothing anyone said."""
    return _NONE_RE.sub(" ", _NOBODY_RE.sub(" ", text))
