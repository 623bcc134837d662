"""Read the number at one position: digits, number words, scales and vague amounts.

No context is applied here (that is figures.py's job): a reading is the
value as written, with what the caller needs to judge it (the digits, the
final scale word, a vague phrase, a glued unit).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

from claimtrack.extraction.numbers.patterns import HYPHEN_CLASS, SPACE, alternatives
from claimtrack.extraction.numbers.units import ATTACHED_UNITS

# Lexicons are general English (grammar-book cardinals, news-style scale
# abbreviations); none was taken from a particular article.

# Cardinal number words, as in any English grammar's table of cardinals.
SMALL_NUMBERS: Final[dict[str, int]] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: Final[dict[str, int]] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Multiplying number words (short scale, as English-language media use it);
# lakh and crore are the Indian English units common in South Asian outlets.
BIG_NUMBERS: Final[dict[str, float]] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
_HUNDRED: Final = 100.0
_DOZEN: Final = 12.0

# Plural multipliers used as vague amounts ("hundreds of", "tens of thousands").
# The figure's value is twice the product: the smallest amount the phrase allows.
VAGUE_PLURALS: Final[dict[str, float]] = {
    "tens": 10.0,
    "dozens": 12.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
    "lakhs": 1e5,
    "crores": 1e7,
}
# Vague multipliers before a scale word ("several hundred", "a few thousand"),
# valued at their usual lower bound.
_VAGUE_MULTIPLIERS: Final[dict[str, float]] = {"several": 3.0, "few": 2.0}

# Scale abbreviations written after a number, from wire-service and financial
# press style ("$4.2bn", "€30m", "10k", "$1.2tn").  'm' and 'b' are ambiguous
# (metres, identifiers) and only count as scales in a money or plural context.
_SCALE_SUFFIXES: Final[dict[str, float]] = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
_AMBIGUOUS_SUFFIXES: Final = frozenset({"m", "b", "B"})

# Fraction words after a number word ("two-thirds", "three quarters").
_FRACTIONS: Final[dict[str, float]] = {
    "half": 2.0,
    "halves": 2.0,
    "third": 3.0,
    "thirds": 3.0,
    "quarter": 4.0,
    "quarters": 4.0,
    "fifth": 5.0,
    "fifths": 5.0,
    "sixth": 6.0,
    "sixths": 6.0,
    "seventh": 7.0,
    "sevenths": 7.0,
    "eighth": 8.0,
    "eighths": 8.0,
    "ninth": 9.0,
    "ninths": 9.0,
    "tenth": 10.0,
    "tenths": 10.0,
}

# Regexes, compiled once at import; each is matched at a known position.
_DIGITS_RE: Final = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?!,?[0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
)
_WORD_RE: Final = re.compile(r"[A-Za-z]+")
_NUMBER_SEP_RE: Final = re.compile(rf"{SPACE}+|{SPACE}*[{HYPHEN_CLASS}]{SPACE}*")
_AND_HALF_RE: Final = re.compile(rf"{SPACE}+an?{SPACE}+half\b", re.IGNORECASE)
_AND_NEXT_RE: Final = re.compile(rf"{SPACE}+([A-Za-z]+)")
_OF_WORD_RE: Final = re.compile(rf"{SPACE}+of{SPACE}+([A-Za-z]+)\b", re.IGNORECASE)
_OF_RE: Final = re.compile(rf"{SPACE}+of\b", re.IGNORECASE)
_HALF_A_RE: Final = re.compile(rf"half{SPACE}+an?\b", re.IGNORECASE)
_A_FEW_RE: Final = re.compile(rf"a{SPACE}+few\b", re.IGNORECASE)
_CURRENCY_PREFIX_AT_RE: Final = re.compile(
    r"(?:(?:US|AU|A|CA|C|HK|NZ|NT|S|R)?\$|[€£¥₹₽₴₩₪₺]"
    r"|(?:Rs\.?|USD|EUR|GBP|JPY|CNY|RMB|INR|RUB|UAH|CHF|AUD|CAD|HKD|SGD|NZD)"
    rf"{SPACE}?)(?=[0-9])"
)
_SIGN_AT_RE: Final = re.compile(rf"[-\u2212]|minus{SPACE}+", re.IGNORECASE)
_SCALE_SUFFIX_RE: Final = re.compile(r"([A-Za-z]{1,3})(?![A-Za-z0-9])")
_SPACED_ABBREV_RE: Final = re.compile(rf"{SPACE}(bn|mn|mln|bln|tn|trn)\b")
_SPACED_MONEY_ABBREV_RE: Final = re.compile(rf"{SPACE}([mbk])\b")
PERCENT_RE: Final = re.compile(
    rf"(?:{SPACE}?%|{SPACE}+(?:per{SPACE}?cent|percent|pct)\b"
    rf"|{SPACE}+(percentage{SPACE}+points?|pp|ppts?)\b)",
    re.IGNORECASE,
)
_FRACTION_RE: Final = re.compile(
    rf"(?:[{HYPHEN_CLASS}]|{SPACE}+)({alternatives(_FRACTIONS)})\b", re.IGNORECASE
)


def parse_number(text: str) -> float | None:
    """Read a whole string as one number, for callers that already have the span.

    Accepts what find_figures reads as a figure's number: digits with
    thousands commas, scale words and abbreviations, number words, vague
    plurals (lower bounds), a sign, a currency sign and a trailing percent.
    """
    s = text.strip()
    if not s:
        return None
    pos = 0
    negative = False
    sign = _SIGN_AT_RE.match(s)
    if sign is not None:
        negative = True
        pos = sign.end()
    money = _CURRENCY_PREFIX_AT_RE.match(s, pos)
    has_currency = money is not None
    if money is not None:
        pos = money.end()
    core = core_at(s, pos, has_currency)
    if core is None:
        return None
    end = core.of_end if core.of_end is not None and not s[core.of_end :].strip() else core.end
    pct = PERCENT_RE.match(s, end)
    if pct is not None:
        end = pct.end()
    if s[end:].strip():
        return None
    value = -core.value if negative else core.value
    return value if math.isfinite(value) else None


@dataclass(slots=True)
class Core:
    """A number read at one position, before any context is applied."""

    value: float
    raw: float  # the value before the final scale word
    mult: float  # the final scale word's multiplier, 1 when there is none
    end: int
    digits: str | None = None  # the digit string when written in digits
    vague: str | None = None  # "hundreds", "several", "a few" as written
    of_end: int | None = None  # after the "of" of "hundreds of"
    suffix: str | None = None  # an ambiguous glued 'm' or 'b'
    attached: str | None = None  # the unit of a glued "10km"
    attached_noun: str | None = None
    fraction: bool = False
    word: str | None = None  # the single number word, when that is all it is


def _cardinal(text: str, pos: int, current: float, last: str) -> tuple[float, int, float]:
    """Continue reading number words after pos; `last` is the kind of what came before.

    Kinds: "" (nothing yet), "digits", "a" ("a", "half a", "several"),
    "small", "tens", "hundred", "dozen", "big" (thousand and up) and "and".
    Returns (value, end, multiplier of the final scale word).
    """
    total = 0.0
    end = pos
    prev_big = math.inf
    mult = 1.0
    n = len(text)
    while end < n:
        if last:
            sep = _NUMBER_SEP_RE.match(text, end)
            if sep is None:
                break
            p = sep.end()
        else:
            p = end
        wm = _WORD_RE.match(text, p)
        if wm is None:
            break
        w = wm.group().lower()
        nxt = wm.end()
        big = BIG_NUMBERS.get(w)
        if big is not None:
            if not (
                last in ("small", "tens", "hundred", "a", "digits", "dozen")
                and current > 0
                and big < prev_big
            ):
                break
            total += current * big
            current = 0.0
            prev_big = big
            mult = big
            last = "big"
        elif w == "and":
            joined = _and_at(text, nxt, last)
            if joined is None:
                break
            end, last, half = joined
            if half:
                current += half
            continue
        else:
            step = _add_word(w, last, current)
            if step is None:
                break
            current, mult, last = step
        end = nxt
    if last in ("a", "and"):
        return math.nan, pos, 1.0
    return total + current, end, mult


def _add_word(w: str, last: str, current: float) -> tuple[float, float, str] | None:
    """Add a word below a thousand to the number read so far: (current, mult, kind).

    None when the word cannot follow what came before ("five two", "ten hundred").
    """
    small = SMALL_NUMBERS.get(w)
    if small is not None:
        if last in ("", "hundred", "big", "and") or (last == "tens" and 0 < small < 10):
            return current + small, 1.0, "small"
        return None
    tens = TENS.get(w)
    if tens is not None:
        if last in ("", "hundred", "big", "and"):
            return current + tens, 1.0, "tens"
        return None
    if w == "hundred":
        if last in ("small", "tens", "a", "digits") and 0 < current < 100:
            return current * _HUNDRED, _HUNDRED, "hundred"
        return None
    if w == "dozen":
        if last in ("small", "tens", "a", "digits") and 0 < current < 1000:
            return current * _DOZEN, _DOZEN, "dozen"
        return None
    return None


def _and_at(text: str, after: int, last: str) -> tuple[int, str, float] | None:
    """An "and" inside a number: (end, kind, amount added), or None when it ends the number.

    "two and a half" adds a half; "a hundred and five" joins the next word.
    """
    half = _AND_HALF_RE.match(text, after)
    if half is not None and last in ("small", "tens", "digits"):
        return half.end(), "small", 0.5
    follow = _AND_NEXT_RE.match(text, after)
    if (
        follow is not None
        and last in ("hundred", "big")
        and (follow.group(1).lower() in SMALL_NUMBERS or follow.group(1).lower() in TENS)
    ):
        return after, "and", 0.0
    return None


def _vague_at(text: str, pos: int) -> Core | None:
    """Read "hundreds", "tens of thousands", "dozens of" at pos."""
    wm = _WORD_RE.match(text, pos)
    if wm is None:
        return None
    base = VAGUE_PLURALS.get(wm.group().lower())
    if base is None:
        return None
    product = base
    last = base
    end = wm.end()
    while True:
        of_word = _OF_WORD_RE.match(text, end)
        if of_word is None:
            break
        more = VAGUE_PLURALS.get(of_word.group(1).lower())
        if more is None or more <= last:
            break
        product *= more
        last = more
        end = of_word.end()
    of = _OF_RE.match(text, end)
    if base == VAGUE_PLURALS["tens"] and end == wm.end() and of is None:
        return None  # "tens" alone is not an amount
    return Core(
        value=2 * product,
        raw=2 * product,
        mult=1.0,
        end=end,
        vague=text[pos:end],
        of_end=of.end() if of is not None else None,
    )


def _words_at(text: str, pos: int) -> Core | None:
    """Read a number written in words at pos."""
    wm = _WORD_RE.match(text, pos)
    if wm is None:
        return None
    w = wm.group().lower()
    if w in VAGUE_PLURALS:
        return _vague_at(text, pos)
    vague: str | None = None
    if w in ("a", "an"):
        few = _A_FEW_RE.match(text, pos)
        if few is not None:
            vague = few.group()
            value, end, mult = _cardinal(text, few.end(), _VAGUE_MULTIPLIERS["few"], "a")
        else:
            value, end, mult = _cardinal(text, wm.end(), 1.0, "a")
    elif w == "half":
        half = _HALF_A_RE.match(text, pos)
        if half is None:
            return None
        value, end, mult = _cardinal(text, half.end(), 0.5, "a")
    elif w == "several":
        vague = wm.group()
        value, end, mult = _cardinal(text, wm.end(), _VAGUE_MULTIPLIERS["several"], "a")
    else:
        value, end, mult = _cardinal(text, pos, 0.0, "")
    if end <= pos or not math.isfinite(value):
        return None
    core = Core(value=value, raw=value / mult, mult=mult, end=end, vague=vague)
    if end == wm.end() and vague is None:
        core.word = w
        fraction = _FRACTION_RE.match(text, end)
        if fraction is not None and value > 0:
            core.value = value / _FRACTIONS[fraction.group(1).lower()]
            core.raw = core.value
            core.end = fraction.end()
            core.fraction = True
    return core


def core_at(text: str, pos: int, has_currency: bool) -> Core | None:
    """Read the number at pos (digits or words) with its scale, but no context."""
    if pos >= len(text):
        return None
    if not ("0" <= text[pos] <= "9"):
        return _words_at(text, pos)
    dm = _DIGITS_RE.match(text, pos)
    if dm is None:
        return None
    digits = dm.group()
    try:
        raw = float(digits.replace(",", ""))
    except ValueError:  # pragma: no cover - the regex only admits valid literals
        return None
    if not math.isfinite(raw):
        return None
    end = dm.end()
    core = Core(value=raw, raw=raw, mult=1.0, end=end, digits=digits)
    glued = _SCALE_SUFFIX_RE.match(text, end)
    if glued is not None:
        suffix = glued.group(1)
        scale = _SCALE_SUFFIXES.get(suffix.lower())
        if scale is not None:
            core.mult = scale
            core.value = raw * scale
            core.end = glued.end()
            if suffix in _AMBIGUOUS_SUFFIXES and not has_currency:
                core.suffix = suffix
            return core
    letters = _WORD_RE.match(text, end)
    if letters is not None:
        unit = ATTACHED_UNITS.get(letters.group().lower())
        after = letters.end()
        if unit is None or (after < len(text) and text[after].isalnum()):
            return None
        core.attached = unit
        core.attached_noun = letters.group()
        core.end = after
        return core
    spaced = _SPACED_ABBREV_RE.match(text, end)
    if spaced is None and has_currency:
        spaced = _SPACED_MONEY_ABBREV_RE.match(text, end)
    if spaced is not None:
        core.mult = _SCALE_SUFFIXES[spaced.group(1)]
        core.value = raw * core.mult
        core.end = spaced.end()
        return core
    value, wend, mult = _cardinal(text, end, raw, "digits")
    if wend > end and math.isfinite(value):
        core.value = value
        core.mult = mult
        core.raw = value / mult
        core.end = wend
    return core
