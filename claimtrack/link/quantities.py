"""Quantities: which figures count one thing, and whether two of them can be one number.

"4,000 residents" and "4,000 people" count one thing; "5 killed" and "250
injured" do not, though both count people; "about 3,000" and "3,100" can be
one number.  compare.py weighs what is found here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from claimtrack.models import Figure

# Relative difference within which an approximate figure is the same number (10%).
APPROXIMATE_TOLERANCE = 0.10
# Added (up to MAX_SCORE) when both claims give the same number of the same unit.
SAME_FIGURE_BONUS = 20.0
# Added (up to MAX_SCORE) when they count the same unit with different numbers.
OTHER_FIGURE_BONUS = 8.0
MAX_SCORE = 100.0

# Counted nouns that all count people, so "4,000 residents" and "4,000 people"
# are the same quantity (general newswire nouns, not any story's).
PEOPLE_NOUNS = frozenset(
    """people person persons resident residents civilian civilians villager villagers
    inhabitant inhabitants citizen citizens migrant migrants refugee refugees
    individual individuals""".split()
)


# Units of one family, by the family's name and each unit's size in its base:
# "2 km" and "1.2 miles" are one length, "50 percent" and "a half" one share.
FAMILIES: dict[str, tuple[str, float]] = {
    "km": ("length", 1000.0),
    "miles": ("length", 1609.344),
    "m": ("length", 1.0),
    "cm": ("length", 0.01),
    "mm": ("length", 0.001),
    "ft": ("length", 0.3048),
    "kg": ("mass", 1.0),
    "t": ("mass", 1000.0),
    "lb": ("mass", 0.45359237),
    "percent": ("percent", 1.0),
    "fraction": ("percent", 100.0),
    "°C": ("temperature", 1.0),
    "°F": ("temperature", 5 / 9),
}
# Scales whose zero is not the base's: Fahrenheit counts from 32 below Celsius's 0.
_ZERO_AT = {"°F": 32.0}
# What a length measures (extraction/numbers/outcomes.py): each its own quantity.
MEASURES = frozenset(("depth", "height", "length", "distance"))


def comparable_unit(unit: str) -> str:
    if unit in PEOPLE_NOUNS:
        return "people"
    family = FAMILIES.get(unit)
    return family[0] if family else unit


def base_value(figure: Figure) -> float:
    """The value in its family's base unit (metres, kilograms, percent, degrees Celsius)."""
    unit = figure.unit or ""
    family = FAMILIES.get(unit)
    return (figure.value - _ZERO_AT.get(unit, 0.0)) * family[1] if family else figure.value


# Units that are a death toll themselves: "42 deaths" is "42 people killed".
_DEATH_UNITS = frozenset("deaths death fatalities dead".split())


def quantity_key(unit: str | None, outcome: str | None) -> str | None:
    """One quantity: the unit and what happened to it ('people killed', 'home destroyed').

    Figures compare, agree and dispute only within one quantity: 5 killed
    and 250 injured are no two readings of one number.
    """
    if not unit:
        return None
    if unit in _DEATH_UNITS:
        unit, outcome = "people", "killed"
    unit = comparable_unit(unit)
    if unit == "length" and outcome in MEASURES:
        return outcome  # "depth": 10 km against 6 miles
    return f"{unit} {outcome}" if outcome else unit


def figure_key(figure: Figure) -> str | None:
    return quantity_key(figure.unit, figure.outcome)


def _outcome(figure: Figure) -> str | None:
    return "killed" if figure.unit in _DEATH_UNITS else figure.outcome


def units_of(figures: Iterable[Figure]) -> dict[str, list[Figure]]:
    """Figures by what they count ('people'); what happened to it is compared pairwise."""
    out: dict[str, list[Figure]] = {}
    for figure in figures:
        if figure.unit:
            key = "people" if figure.unit in _DEATH_UNITS else comparable_unit(figure.unit)
            out.setdefault(key, []).append(figure)
    return out


def same_number(a: Figure, b: Figure) -> bool:
    """Could these be the same number? Exact, or within 10% when either is approximate
    or the two are in different units of a family (a conversion is rounded)."""
    rounded = a.unit != b.unit
    return same_value(base_value(a), a.approximate or rounded, base_value(b), b.approximate)


def same_value(a: float, a_approximate: bool, b: float, b_approximate: bool) -> bool:
    """`same_number` of bare values, for callers that hold no `Figure` (figures listings)."""
    if a == b:
        return True
    if a_approximate or b_approximate:
        big = max(abs(a), abs(b)) or 1.0
        return abs(a - b) / big <= APPROXIMATE_TOLERANCE
    return False


def figure_label(figure: Figure) -> str:
    """'approximately 3,000' from value and qualifier, for reports and reasons.

    A unit of a family is written out ("10 km"): a dispute may set it beside miles.
    """
    label = value_label(figure.value, figure.approximate)
    return f"{label} {figure.unit}" if figure.unit in FAMILIES else label


def value_label(value: float, approximate: bool) -> str:
    """`figure_label` without a Figure: `figures` labels thousands of groups."""
    if value == int(value):
        number = f"{int(value):,}"
    else:
        digits = 2 if abs(value) >= 0.01 else 6
        number = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return f"approximately {number}" if approximate else number


def figures_compared(
    ua: dict[str, list[Figure]], ub: dict[str, list[Figure]], common_units: list[str]
) -> tuple[list[str], list[str], list[str]]:
    """Quantities both claims give the same number, '3 vs 5 people killed' for those they
    cannot both be right about, and those whose numbers differ but may both hold."""
    agree: list[str] = []
    differ: list[str] = []
    loose: list[str] = []
    for unit in common_units:
        # "240 passengers were evacuated" and "about 240 passengers": an outcome the
        # other leaves unsaid may agree; only one outcome said by both can differ.
        pairs = [
            (x, y)
            for x in ua[unit]
            for y in ub[unit]
            if _outcome(x) == _outcome(y) or _outcome(x) is None or _outcome(y) is None
        ]
        agreeing = [(x, y) for x, y in pairs if same_number(x, y)]
        if agreeing:
            x, y = agreeing[0]
            agree.append(quantity_key(unit, _outcome(x) or _outcome(y)) or unit)
            continue
        # "More than 200" and "250" can both be true: only figures that cannot are a dispute.
        same = [(x, y) for x, y in pairs if _outcome(x) == _outcome(y)]
        strict = [(x, y) for x, y in same if not compatible(x, y)]
        for found, out in ((strict, differ), (same, loose)):
            if found:
                said = quantity_key(unit, _outcome(found[0][0])) or unit
                left = " / ".join(sorted({figure_label(x) for x, _ in found}))
                right = " / ".join(sorted({figure_label(y) for _, y in found}))
                out.append(f"{left} vs {right} {said}")
                break
    return agree, differ, loose


def with_figure_bonus(score: float, agree: list[str], differ: list[str]) -> float:
    """The same count of the same thing is strong evidence of one proposition.

    ("4,000 residents … shelters" / "some 4,000 people … shelters"); a different
    count of it, weaker: it may be another quantity altogether.
    """
    if agree:
        return min(MAX_SCORE, score + SAME_FIGURE_BONUS)
    if differ:
        return min(MAX_SCORE, score + OTHER_FIGURE_BONUS)
    return score


# Bounds a qualifier sets, as (low, high) multiples of the stated value: "more
# than 200" is anything above 200, "nearly 200" a little under it, "about 200"
# either side.  Vague amounts ("dozens", "thousands") are lower bounds, and so is
# a part of a count ("two plants ... and another", extraction/numbers/readings.py).
_LOWER_BOUNDS = (
    "more than|over|at least|above|in excess of|upwards of|upward of|no fewer than|"
    "no less than|not less than|a minimum of|+|or more|and another|from"
).split("|")
_UPPER_BOUNDS = (
    "up to|less than|fewer than|under|below|at most|no more than|not more than|"
    "as many as|as much as|as high as|a maximum of|or less|or fewer"
).split("|")
# Longest first, so that "no more than" is read before "more than".
_BOUNDS_BY_LENGTH = sorted(
    [(b, "lower") for b in _LOWER_BOUNDS] + [(b, "upper") for b in _UPPER_BOUNDS],
    key=lambda item: -len(item[0]),
)
_NEAR_BELOW = ("nearly", "almost", "close to", "just under", "just below", "nigh on")
_VAGUE = ("dozens", "hundreds", "thousands", "millions", "scores", "several", "a few", "tens")


def interval(figure: Figure) -> tuple[float, float]:
    """The values a figure admits, in its family's base unit; an exact figure admits itself."""
    v = base_value(figure)
    q = (figure.qualifier or "").lower().strip()
    if not figure.approximate:
        return v, v
    bound = next((kind for b, kind in _BOUNDS_BY_LENGTH if q.endswith(b)), None)
    if bound == "lower" or (bound is None and any(w in q for w in _VAGUE)):
        return v, float("inf")
    if bound == "upper":
        return 0.0, v
    if any(q.endswith(b) for b in _NEAR_BELOW):
        return v * (1 - 2 * APPROXIMATE_TOLERANCE), v
    return v * (1 - APPROXIMATE_TOLERANCE), v * (1 + APPROXIMATE_TOLERANCE)


def compatible(a: Figure, b: Figure) -> bool:
    """Could both be true of one quantity? 'More than $2 billion' and '$2.5 billion' can."""
    a_lo, a_hi = interval(a)
    b_lo, b_hi = interval(b)
    if a.unit != b.unit:  # "10 km (6 miles)": a conversion is rounded
        slack = APPROXIMATE_TOLERANCE * max(abs(a_lo), abs(b_lo))
        a_lo, a_hi = a_lo - slack, a_hi + slack
    return a_lo <= b_hi and b_lo <= a_hi


class HeadIndex:
    """Which group a figure joins: the first whose head `same_number` matches it.

    An exact head matches only its own value in its own unit, so it is found by
    value; approximate heads and heads in other units of the family are tried in
    turn. Trying every head made a dispute of thousands of values quadratic.
    """

    def __init__(self) -> None:
        self.exact: dict[tuple[str | None, float], int] = {}
        self.loose: list[int] = []  # approximate heads, in order
        self.by_unit: dict[str | None, list[int]] = defaultdict(list)  # exact heads

    def add(self, head: Figure, index: int) -> None:
        if head.approximate:
            self.loose.append(index)
        else:
            self.exact[(head.unit, head.value)] = index
            self.by_unit[head.unit].append(index)

    def first(self, figure: Figure, groups: Sequence[tuple[Figure, list[int]]]) -> int | None:
        if figure.approximate:
            return next((i for i, (h, _) in enumerate(groups) if same_number(h, figure)), None)
        found = [i for i in (self.exact.get((figure.unit, figure.value)),) if i is not None]
        found += [next((i for i in self.loose if same_number(groups[i][0], figure)), -1)]
        for other, indexes in self.by_unit.items():
            if other != figure.unit:
                found.append(next((i for i in indexes if same_number(groups[i][0], figure)), -1))
        return min((i for i in found if i >= 0), default=None)
