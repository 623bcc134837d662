"""find_figures: every quantity in a text, with its unit, noun and hedge.

Candidates (digit runs and number words) are located with C-level bytes
operations; each is then read (cardinals.py) and judged in a small window
around it, cheap rejections first (exclusions.py), then the hedge
(qualifiers.py) and the counted noun (nouns.py).  Ranges are joined last.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from claimtrack.extraction.numbers.cardinals import (
    BIG_NUMBERS,
    PERCENT_RE,
    SMALL_NUMBERS,
    TENS,
    VAGUE_PLURALS,
    Core,
    core_at,
)
from claimtrack.extraction.numbers.exclusions import (
    DATE_AFTER_RE,
    MONTH_BEFORE_RE,
    MONTHS,
    ONE_PRONOUN_BEFORE,
    POSSESSIVE_RE,
    STRONG_LABELS,
    TIME_AFTER_RE,
    WEAK_LABELS,
    YEAR_CONTEXT,
    YEAR_DETERMINERS,
    YEAR_MAX,
    YEAR_MIN,
    YEAR_RANGE_RE,
    glued_before,
    phone_number_end,
    prev_word,
    sentence_initial,
)
from claimtrack.extraction.numbers.nouns import STOP_WORDS, metres_follow, noun_after
from claimtrack.extraction.numbers.outcomes import LENGTH_UNITS, PEOPLE_OUTCOMES, measure, outcome
from claimtrack.extraction.numbers.patterns import HYPHEN_CLASS, HYPHENS, SPACE
from claimtrack.extraction.numbers.qualifiers import (
    OPENERS,
    POST_QUALIFIER_RE,
    QUALIFIER_LAST_WORDS,
    QUALIFIER_WORDS,
    qualifier_before,
)
from claimtrack.extraction.numbers.readings import (
    PART_QUALIFIER,
    is_part,
    is_threshold,
    temperature_scale,
)
from claimtrack.extraction.numbers.units import (
    COMPOUND_UNITS,
    CURRENCY_PREFIXES,
    looks_plural,
    unit_class,
    unit_of,
)
from claimtrack.extraction.numbers.zeros import find_zeros
from claimtrack.models import Figure

# Candidate finding works on an ASCII, lower-cased bytes copy of the text
# (same length, one byte per character): bytes.translate/split/find run in C
# and are several times faster than a regex scan with word alternatives.
_DIGIT_MARK: Final = bytes(0 if 48 <= c <= 57 else (32 if c == 0 else c) for c in range(256))
_LETTERS_ONLY: Final = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_START_WORDS: Final = frozenset(w.encode() for w in [*SMALL_NUMBERS, *TENS, *VAGUE_PLURALS])
_SCALE_WORD_BYTES: Final = frozenset(w.encode() for w in [*BIG_NUMBERS, "hundred", "dozen"])
_ALL_WORD_BYTES: Final = _START_WORDS | _SCALE_WORD_BYTES
_ALNUM_BYTES: Final = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
# "a dozen", "half a million", "several hundred", "a few thousand".
_SCALE_LEAD_RE: Final = re.compile(
    rf"(?<![A-Za-z])(?:half{SPACE}+an?|a{SPACE}+few|an?|several){SPACE}+\Z", re.IGNORECASE
)
# Anything glued together with digits: skipped as a whole when it is not a figure.
_BLOB_RE: Final = re.compile(rf"\w+(?:[{HYPHEN_CLASS}\u2013:/.,]\w+)*")
_CURRENCY_LAST_CHARS: Final = frozenset("$€£¥₹₽₴₩₪₺ .DRPYBKHFSN")
_CURRENCY_BEFORE_RE: Final = re.compile(
    r"(?:(?<![A-Za-z])(?:US|AU|A|CA|C|HK|NZ|NT|S|R)?\$|[€£¥₹₽₴₩₪₺]"
    r"|(?<![A-Za-z])(?:Rs\.?|USD|EUR|GBP|JPY|CNY|RMB|INR|RUB|UAH|CHF|AUD|CAD|HKD|SGD|NZD)"
    rf"{SPACE}?)\Z"
)
_SIGN_BEFORE_RE: Final = re.compile(
    rf"(?:(?:(?<=[\s(\[])|(?<![\s\S]))[-\u2212]"
    rf"|(?<![A-Za-z])minus(?:{SPACE}+|[-\u2010\u2011]))\Z",
    re.IGNORECASE,
)
_COMPOUND_RE: Final = re.compile(rf"[{HYPHEN_CLASS}]([A-Za-z]+(?:[{HYPHEN_CLASS}][A-Za-z]+)*)")
# The hedges a range's two ends get (link/quantities.py reads them as bounds).
RANGE_FROM: Final = "from"
RANGE_TO: Final = "up to"
# What may stand before a decimal point that opens a number (" .5", "(.38", "$.99").
_BEFORE_POINT: Final = frozenset(" \t\n\u00a0([\"'“‘$€£-–")
_RANGE_SEP_RE: Final = re.compile(
    rf"{SPACE}*(?:[-\u2013\u2014]|to|and|or){SPACE}*",
    re.IGNORECASE,
)


def find_figures(text: str, offset: int = 0) -> list[Figure]:
    """Every quantity in text, in order; start/end are offsets into text plus `offset`."""
    found: list[_Found] = []
    cursor = 0
    for start, cand_end in _candidates(text):
        if start < cursor:
            continue
        item, resume = _figure_at(text, start, cand_end, cursor)
        if item is not None:
            found.append(item)
        cursor = max(resume, cand_end)
    _join_ranges(text, found)
    _drop_conversions(text, found)
    out = []
    for f in found:
        if f.dropped or is_threshold(text, f.start, f.end, f.noun):
            continue  # "above the 3 percent level" is no reading
        qualifier = f.qualifier
        if qualifier is None and is_part(text, f.end, f.noun):
            qualifier = PART_QUALIFIER  # "two plants ... and another": at least two
        happened = outcome(text, f.start, f.end, f.noun)
        unit = temperature_scale(text, f.end, f.noun) or f.unit  # "35°C", "95 degrees F"
        if happened in PEOPLE_OUTCOMES and unit in (None, "other"):
            unit = "people"  # "200 injured", "250 others injured": people
        elif unit is None and _appositive_age(text, f):
            unit = "age"  # "Robert Buckley, 32, died"
        if happened is None and unit in LENGTH_UNITS:
            happened = measure(text, f.start, f.end)  # "a depth of 10 km", "55 km south of"
        out.append(
            Figure(
                value=f.value,
                unit=unit,
                noun=f.noun,
                text=text[f.start : f.end],
                approximate=qualifier is not None,
                qualifier=qualifier,
                outcome=happened,
                start=f.start + offset,
                end=f.end + offset,
            )
        )
    if "no" in text or "No" in text or "NO" in text:
        out.extend(find_zeros(text, offset))  # "no one was killed": 0 killed
        out.sort(key=lambda f: f.start)
    return out


# A name just before ", 32,": the number is that person's age.
_NAME_BEFORE = re.compile(r"[A-Z][\w'’.-]+,\s?$")


def _appositive_age(text: str, f: _Found) -> bool:
    if f.qualifier is not None or f.value != int(f.value) or not 1 <= f.value <= 120:
        return False
    return text.startswith(",", f.end) and bool(_NAME_BEFORE.search(text, 0, f.start))


@dataclass(slots=True)
class _Found:
    """A figure under construction; ranges may still change it."""

    start: int
    end: int
    value: float
    raw: float
    mult: float
    unit: str | None
    noun: str | None
    qualifier: str | None
    currency: bool
    dropped: bool = False


def _candidates(text: str) -> list[tuple[int, int]]:
    """Start and end of every digit run and of every number word that can open a figure."""
    low = text.encode("ascii", "replace").lower()
    found: list[tuple[int, int]] = []
    marks = low.translate(_DIGIT_MARK)
    i = marks.find(0)
    n = len(marks)
    while i >= 0:
        j = i + 1
        while j < n and marks[j] == 0:
            j += 1
        found.append((i, j))
        i = marks.find(0, j)
    present = _ALL_WORD_BYTES.intersection(low.translate(_LETTERS_ONLY).split())
    for word in present:
        size = len(word)
        i = low.find(word)
        while i >= 0:
            j = i + size
            if (i == 0 or low[i - 1] not in _ALNUM_BYTES) and (
                j == n or low[j] not in _ALNUM_BYTES
            ):
                if word in _START_WORDS:
                    found.append((i, j))
                else:
                    lead = _SCALE_LEAD_RE.search(text, max(0, i - 16), i)
                    if lead is not None:
                        found.append((lead.start(), j))
            i = low.find(word, j)
    if present:
        found.sort()
    return found


def _skip(text: str, s: int) -> int:
    """Where the whole glued token at s ends, to skip it."""
    blob = _BLOB_RE.match(text, s)
    return blob.end() if blob is not None else s + 1


@dataclass(slots=True)
class _Candidate:
    """What the steps of _figure_at have learnt about one candidate so far."""

    s: int  # where the number itself starts
    cand_end: int
    lo: int  # nothing before this belongs to the figure (the previous one ends there)
    is_digit: bool
    p: int  # where the figure's text starts: before a currency sign or a minus
    currency: str | None = None
    money_sign: str | None = None
    negative: bool = False
    is_int: bool = False  # a plain integer: it may be a year, a day or a label
    year_like: bool = False
    prev: str = ""  # the word before the figure
    prev_start: int = 0
    prev_low: str = ""
    value: float = 0.0
    end: int = 0
    unit: str | None = None
    noun: str | None = None
    post: str | None = None  # a hedge after the number ("+", "-odd", "or so")
    compound: str | None = None  # the word hyphenated to the number ("32-member")


# A step either adds to the candidate and returns None, or rejects it and
# returns where scanning resumes.
_Step = Callable[[str, _Candidate, Core], int | None]


def _figure_at(text: str, s: int, cand_end: int, lo: int) -> tuple[_Found | None, int]:
    """Build the figure whose number starts at s, or say where to resume.

    Cheap rejections (glued identifiers, times, labels, dates, years after a
    preposition) come first, since most candidates in prose are not figures.
    """
    is_digit = "0" <= text[s] <= "9"
    c = _Candidate(s=s, cand_end=cand_end, lo=lo, is_digit=is_digit, p=s)
    resume = _read_currency(text, c)
    if resume is not None:
        return None, resume
    core = core_at(text, s, c.currency is not None)
    if core is None:
        return None, _skip(text, s) if is_digit else cand_end
    if is_digit and _leading_point(text, s, core):
        # ".5 percent" is half a percent, not five; "a .38 caliber" is 0.38.
        core.raw = float("0." + (core.digits or ""))
        core.value = core.raw * core.mult
        c.p = s - 1
    for step in _STEPS:
        resume = step(text, c, core)
        if resume is not None:
            return None, resume
    return _build(text, c, core)


def _leading_point(text: str, s: int, core: Core) -> bool:
    """Whether the digits at s follow a decimal point with no digit before it (".5")."""
    if s < 1 or text[s - 1] != "." or not core.digits or not core.digits.isdigit():
        return False
    return s == 1 or text[s - 2] in _BEFORE_POINT


def _read_currency(text: str, c: _Candidate) -> int | None:
    """A currency sign before the digits; identifiers and phone numbers are rejected."""
    s = c.s
    if c.is_digit:
        if s > 0 and text[s - 1] in _CURRENCY_LAST_CHARS:
            money = _CURRENCY_BEFORE_RE.search(text, max(c.lo, s - 5), s)
            if money is not None:
                c.money_sign = money.group().strip()
                c.currency = CURRENCY_PREFIXES.get(c.money_sign.lower())
                c.p = money.start()
        if c.currency is None and glued_before(text, s):
            return _skip(text, s)
        if (c.cand_end < len(text) and text[c.cand_end] in " .-)") or text[s - 1 : s] in (
            "+",
            "(",
        ):
            phone_end = phone_number_end(text, s)
            if phone_end >= 0:
                return phone_end
    elif glued_before(text, s):
        return c.cand_end
    return None


def _reject_shape(text: str, c: _Candidate, core: Core) -> int | None:
    """Digits that go on as a time, date, ratio, version or code are no count."""
    s, e = c.s, core.end
    digits = core.digits
    if digits is not None:
        nxt = text[e : e + 1]
        if nxt in (":", "/", ".", ",") and text[e + 1 : e + 2].isdigit():
            return _skip(text, s)  # clock times, dates, ratios, versions, lists
        if nxt == "'":
            return _skip(text, s)  # "1990's"
        if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit() and c.p == s:
            return _skip(text, s)  # "0300" hours, "007": codes, not counts (".05" is a count)
    if TIME_AFTER_RE.match(text, e) is not None:
        return _skip(text, s) if c.is_digit else e
    return None


def _read_before(text: str, c: _Candidate, core: Core) -> int | None:
    """A minus sign, then the word before: labels, dates and years ("Article 5", "in 2016")."""
    e = core.end
    if c.p > c.lo and text[c.p - 1] in "-\u2212 ":
        sign = _SIGN_BEFORE_RE.search(text, max(c.lo, c.p - 7), c.p)
        if sign is not None:
            c.negative = True
            c.p = sign.start()
    # Plain integers are the ones that can be years, days of the month or labels.
    digits = core.digits
    c.is_int = (
        digits is not None
        and core.mult == 1.0
        and core.attached is None
        and c.currency is None
        and not c.negative
        and "," not in digits
        and "." not in digits
    )
    c.year_like = c.is_int and len(digits or "") == 4 and YEAR_MIN <= core.raw <= YEAR_MAX
    if c.year_like and YEAR_RANGE_RE.match(text, e) is not None:
        return _skip(text, c.s)  # "2014-15", "1939-1945", "2022-02-24"
    prev, c.prev_start = prev_word(text, c.p)
    prev_low = prev.lower()
    c.prev, c.prev_low = prev, prev_low
    if core.vague is None and (prev_low in STRONG_LABELS or prev in ("No", "Nos")):
        return max(e, c.cand_end)  # "Article 5", "No. 2"
    if c.is_int:
        month_before = prev.rstrip(".") in MONTHS
        if 1 <= core.raw <= 31 and (month_before or DATE_AFTER_RE.match(text, e) is not None):
            return e
        if c.year_like and (
            month_before or prev_low in YEAR_CONTEXT or prev_low in YEAR_DETERMINERS
        ):
            return e
    if core.word == "one" and prev_low in ONE_PRONOUN_BEFORE:
        return c.cand_end
    return None


def _read_after(text: str, c: _Candidate, core: Core) -> int | None:
    """Percent, a hedge after the number, a hyphenated compound and the unit."""
    e = core.end
    c.value = -core.value if c.negative else core.value
    c.end = e
    percent = PERCENT_RE.match(text, c.end)
    if percent is not None:
        c.end = percent.end()
        c.unit = "percentage points" if percent.group(1) else "percent"
        c.noun = text[e : c.end].strip()
        c.is_int = c.year_like = False
    post_q = POST_QUALIFIER_RE.match(text, c.end)
    if post_q is not None:
        c.post = post_q.group().strip().lstrip(HYPHENS)
        c.end = post_q.end()
    if post_q is None and percent is None and core.attached is None and not core.fraction:
        comp = _COMPOUND_RE.match(text, c.end)
        if comp is not None:
            c.compound = comp.group(1)
            if len(c.compound) == 1:
                return _skip(text, c.s) if c.is_digit else c.cand_end  # "3-D"
    _read_unit(text, c, core)
    return None


def _read_unit(text: str, c: _Candidate, core: Core) -> None:
    """The unit and noun: a fraction, a glued unit, a currency, or the counted noun."""
    if core.fraction:
        c.unit = "fraction"
    elif core.attached is not None:
        c.unit = core.attached
        c.noun = core.attached_noun
    elif c.currency is not None:
        c.unit = c.currency
        c.noun = c.money_sign
    elif c.unit is None:
        search_from = c.end
        singular = abs(c.value) == 1
        if c.compound is not None:
            low = c.compound.lower()
            if low == "strong":  # "a 1,500-strong force"
                search_from = c.end + 1 + len(c.compound)
                singular = True
            else:
                c.noun = c.compound
                override = COMPOUND_UNITS.get(low)
                c.unit = override if override is not None else unit_of(c.compound, [])
        elif core.of_end is not None:
            search_from = core.of_end
        if c.noun is None:
            noun, mods = noun_after(text, search_from, singular)
            if noun is not None:
                c.noun = noun
                c.unit = unit_of(noun, mods)


def _read_suffix(text: str, c: _Candidate, core: Core) -> int | None:
    """A glued 'm' or 'b' without a currency sign: a scale, metres, or an identifier.

    It is a scale before a plural noun or no noun ("30m people", "3.7m are
    displaced"); an 'm' before a singular word is metres ("a 30m wall", "10m
    high"); a lone 'b' is an id.
    """
    if core.suffix is None:
        return None
    plural_noun = c.noun is not None and looks_plural(c.noun.lower().split()[-1])
    if not plural_noun:
        if core.suffix != "m":
            return _skip(text, c.s)
        if metres_follow(text, c.end):
            c.value = -core.raw if c.negative else core.raw
            c.unit, c.noun = "m", core.suffix
            core.mult = 1.0
    return None


def _reject_after(text: str, c: _Candidate, core: Core) -> int | None:
    """With the noun known: lone years, weak labels, names ("Boeing 737") and "one"."""
    prev, prev_low = c.prev, c.prev_low
    if c.is_int and c.noun is None and c.compound is None:
        if c.year_like:
            return c.end  # a year standing alone
        if prev_low in WEAK_LABELS:
            return c.end  # "day 100 of the war"
        if (
            prev[:1].isupper()
            and not prev.endswith(".")
            and prev_low not in STOP_WORDS
            and prev_low not in QUALIFIER_WORDS
            and not sentence_initial(text, c.prev_start)
        ):
            return c.end  # "Boeing 737", "Windows 10"
    if c.year_like and (
        POSSESSIVE_RE.match(text, core.end) is not None
        or MONTH_BEFORE_RE.search(text, max(0, c.p - 20), c.p) is not None
    ):
        return c.end  # "2022's", "June 25, 2018"
    if core.word == "one" and (
        c.noun is None or (c.compound is not None and unit_class(c.compound) is None)
    ):
        return c.cand_end  # the pronoun, "one-off", "one-sided"
    return None


_STEPS: Final[tuple[_Step, ...]] = (
    _reject_shape,
    _read_before,
    _read_after,
    _read_suffix,
    _reject_after,
)


def _build(text: str, c: _Candidate, core: Core) -> tuple[_Found | None, int]:
    """The figure, with the hedge before it (or after it, or the vague phrase itself)."""
    qualifier: str | None = None
    start = c.p
    q = None
    if c.prev_low.lstrip(OPENERS) in QUALIFIER_LAST_WORDS or text[c.p - 1 : c.p] == "~":
        q = qualifier_before(text, c.p, c.lo)
    if q is not None:
        qualifier, start = q
    elif c.post is not None:
        qualifier = c.post
    elif core.vague is not None:
        qualifier = core.vague
    if not math.isfinite(c.value):
        return None, c.end
    return (
        _Found(
            start=start,
            end=c.end,
            value=c.value,
            raw=-core.raw if c.negative else core.raw,
            mult=core.mult,
            unit=c.unit,
            noun=c.noun,
            qualifier=qualifier,
            currency=c.currency is not None,
        ),
        c.end,
    )


def _join_ranges(text: str, found: list[_Found]) -> None:
    """Let the first end of a range borrow what only the second states."""
    for a, b in itertools.pairwise(found):
        between = text[a.end : b.start]
        sep = _RANGE_SEP_RE.fullmatch(between)
        if sep is None:
            continue
        if between in ("-", "\u2013") and b.raw < a.raw and a.mult == b.mult == 1.0:
            a.dropped = b.dropped = True  # a score such as "3-1"
            continue
        if a.mult == 1.0 and b.mult != 1.0 and abs(a.raw) <= abs(b.raw) and a.unit != "percent":
            a.value = a.raw * b.mult
            a.mult = b.mult
        if a.unit is None and b.unit is not None:
            a.unit, a.noun = b.unit, b.noun
            a.currency = b.currency
        elif b.unit is None and a.currency:
            b.unit, b.noun = a.unit, a.noun
            b.currency = True
        if a.unit == b.unit and a.value < b.value:
            # "between 60 and 100 rioters", "10-15 people": one interval, from the
            # first end up to the second, so 70 agrees with it and 130 does not.
            a.qualifier = a.qualifier or RANGE_FROM
            b.qualifier = b.qualifier or RANGE_TO


# Units a conversion in parentheses may be written in, by what they measure.
_MEASURE_OF: Final = {
    **dict.fromkeys(LENGTH_UNITS, "length"),
    **dict.fromkeys(("kg", "t", "lb", "g"), "mass"),
    **dict.fromkeys(("km2", "sq mi", "ha", "acres"), "area"),
    **dict.fromkeys(("mph", "km/h"), "speed"),
    **dict.fromkeys(("litres", "gallons"), "volume"),
}
# Between a figure (and its unit word) and the parenthesis that converts it.
_BEFORE_CONVERSION_RE: Final = re.compile(
    r"[ \t]*(?:[A-Za-z.]+[ \t]*){0,2}\([ \t]*(?:about|some|roughly)?[ \t]*\Z"
)


def _kind(f: _Found) -> str | None:
    if f.currency:
        return "money"
    return _MEASURE_OF.get(f.unit or "")


def _drop_conversions(text: str, found: list[_Found]) -> None:
    """'10 km (6 miles)', '£40m ($52m)': the bracketed figure restates the first in
    another unit, rounded; it is no reading of its own, and two outlets rounding
    one depth to 6 and 6.2 miles are no dispute."""
    for a, b in itertools.pairwise(found):
        kind = _kind(a)
        if kind is None or a.dropped or _kind(b) != kind or a.unit == b.unit:
            continue
        if _BEFORE_CONVERSION_RE.match(text[a.end : b.start]) is not None:
            b.dropped = True
