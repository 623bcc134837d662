"""What happened to what a figure counts: killed, injured, arrested, destroyed…

"5 people were killed" and "250 injured" count people, but not one quantity;
a toll of 5 dead does not contradict 250 wounded.  The outcome is read from
the few words after the figure ("were killed", "others injured", "homes
destroyed") or the verb right before it ("has killed 40 people").
"""

from __future__ import annotations

import re

# General newswire outcome words, by the outcome they report.
_OUTCOME_WORDS = {
    "killed": "killed dead died deaths death fatalities perished slain lives",
    "injured": "injured wounded hurt injuries",
    "missing": "missing unaccounted",
    "arrested": "arrested detained",
    "evacuated": "evacuated evacuees",
    "displaced": "displaced homeless fled",
    "destroyed": "destroyed flattened razed collapsed",
    "damaged": "damaged",
    "rescued": "rescued",
}
OUTCOMES = {word: outcome for outcome, words in _OUTCOME_WORDS.items() for word in words.split()}
# Outcomes that happen to people: a bare "200 injured" counts people.
PEOPLE_OUTCOMES = frozenset("killed injured missing arrested evacuated displaced rescued".split())

_WORD = re.compile(r"[a-z]+")
# Words between a figure and its outcome: the noun, an auxiliary, "others".
_BETWEEN = frozenset(
    """people persons person others other were was been had have has are is being more
    reportedly confirmed believed feared thought later also now""".split()
)
_AFTER = 48  # characters read after a figure
_BEFORE = 24  # characters read before it, for the verb


def outcome(text: str, start: int, end: int, noun: str | None) -> str | None:
    """The outcome of the figure text[start:end], or None when the words say none."""
    if noun is not None and noun.lower() in OUTCOMES:
        return OUTCOMES[noun.lower()]  # "42 deaths"
    after = text[end : end + _AFTER]
    stop = re.search(r"[,;:.()]|\band\b|\bbut\b|\bwhile\b|\d", after)
    words = _WORD.findall(after[: stop.start()] if stop else after)
    if noun is not None:
        words = (
            words[len(noun.split()) :]
            if words[: len(noun.split())] == noun.lower().split()
            else words
        )
    for word in words[:4]:
        if word in OUTCOMES:
            return OUTCOMES[word]
        if word not in _BETWEEN:
            break
    before = _WORD.findall(text[max(0, start - _BEFORE) : start].lower())
    if before and before[-1] in OUTCOMES and before[-1].endswith("ed"):
        return OUTCOMES[before[-1]]  # "has killed 40 people", "arrested 12 protesters"
    return None


# What a length measures, for a figure in a length unit with no outcome: "a depth
# of 10 km" is not "55 km south of the town", though both are kilometres.
LENGTH_UNITS = frozenset("km miles m cm mm ft".split())
_MEASURE_BEFORE = re.compile(
    r"\b(depth|height|altitude|elevation|length|distance|width|radius|range)\s+of\s+"
    r"(?:just\s+|about\s+|some\s+|around\s+|nearly\s+|roughly\s+|only\s+)?$",
    re.IGNORECASE,
)
_MEASURE_AFTER = re.compile(
    r"(?:-?\s*[a-z]+\.?)?\s*(?:\([^)]{0,30}\)\s*)?(?:(deep|below|underground|beneath)|(high|tall|above)|(long)"
    r"|((?:north|south|east|west)(?:-?(?:east|west))?|away|from|off|offshore|outside|inland)"
    r")\b",
    re.IGNORECASE,
)
_MEASURES = ("depth", "height", "length", "distance")


def measure(text: str, start: int, end: int) -> str | None:
    """What a length measures: depth, height, length or distance; None when unsaid."""
    before = _MEASURE_BEFORE.search(text, max(0, start - 40), start)
    if before:
        word = before.group(1).lower()
        return {"altitude": "height", "elevation": "height", "width": "length"}.get(
            word, word if word in _MEASURES else "distance"
        )
    after = _MEASURE_AFTER.match(text, end)
    if after:
        return next(m for m, g in zip(_MEASURES, after.groups(), strict=True) if g)
    return None
