"""Find the quantities stated in English news text and normalise them.

Fact-checkers compare figures across outlets ("approximately 3,000 troops"
against "some 3,000 soldiers"), so every quantity is reduced to a value, a
unit class and the hedge that came with it.

Parsing is rule based and local: digit runs and number words are located
with C-level bytes operations (no per-character regex scan), and each hit is
examined with precompiled, anchored regexes in a small window around it.
The cost therefore grows with the number of candidates, so an article with
few numbers costs little more than a pass of str.encode and bytes.split.

Decisions (each one is pinned by a test in ``tests/test_figures.py``):

* ``text`` is the figure as written with its qualifier, sign, currency sign,
  scale word and percent sign or word ("about $4.2 billion", "45 per cent",
  "10,000+"); the counted noun is not part of it.
* Vague amounts are approximate lower bounds: "dozens" = 24, "hundreds" =
  200, "thousands" = 2,000, "tens of thousands" = 20,000, "hundreds of
  thousands" = 200,000, "several hundred" = 300, "a few thousand" = 2,000.
  Their ``qualifier`` is the vague phrase itself unless an explicit hedge
  precedes it, so ``approximate`` is True exactly when ``qualifier`` is set.
* ``unit`` is the class from :func:`unit_class` when the noun has one;
  otherwise it is the lower-cased singular of the noun ("journalists" ->
  "journalist").  Currency signs give the ISO code, "%" and "per cent" give
  "percent".  A plural demonym ("3,000 Russians") counts people.
* Ranges ("from 70,000 to 85,000", "100,000-250,000", "$2-3 billion") give
  one figure per end; the first end borrows the noun, unit, currency and
  scale of the second when it has none of its own.  A hyphenated pair whose
  second number is smaller ("won 3-1") is a score and gives nothing.
* Hyphenated compounds are figures: "a 32-member alliance" is 32 with noun
  "member", "a 1,500-strong force" is 1,500 with noun "force".  A bare "one"
  is a figure only when it counts a noun ("one soldier").
* Not figures: years (a 4-digit number from 1800 to 2100 after
  in/since/by/until/a month/a determiner, or with no counted noun after it),
  dates, clock times, ordinals, decades ("1990s"), identifiers glued to
  letters ("G7", "COVID-19", "F-16", "5G"), labels ("Article 5", "Resolution
  2758", "No. 2", "Flight 17"), phone numbers, numbers inside
  slashes/colons ("24/7", "09:12"), and numbers with a leading zero
  ("0300", "007").  A capitalised name before a bare number ("Boeing 737",
  "Windows 10") makes it a label only when no counted noun follows, so
  "Boeing 737 jets" is still read as 737 jets.
* A glued "m" is millions after a currency sign, before a plural noun or
  before no noun ("3.7m are displaced"); before a singular word it is metres
  ("a 30m wall", "10m high").
* Not handled: fractions written with a slash, "a third"/"a quarter",
  numbers grouped with spaces or dots ("10 000", "1.500.000"), and
  non-ASCII digits.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from claimtrack.models import Figure

__all__ = ["find_figures", "parse_number", "unit_class"]


def _wordset(words: str) -> frozenset[str]:
    """Lexicons are written as blocks of words, which keeps long lists readable."""
    return frozenset(words.split())


# ---------------------------------------------------------------------------
# Lexicons.  All of them are general English (grammar-book cardinals, common
# news-style hedges and units); none was taken from a particular article.
# ---------------------------------------------------------------------------

# Cardinal number words, as in any English grammar's table of cardinals.
_SMALL_NUMBERS: Final[dict[str, int]] = {
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
_TENS: Final[dict[str, int]] = {
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
_BIG_NUMBERS: Final[dict[str, float]] = {
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
_VAGUE_PLURALS: Final[dict[str, float]] = {
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

# SI and imperial abbreviations written straight after the number ("10km").
_ATTACHED_UNITS: Final[dict[str, str]] = {
    "km": "km",
    "kms": "km",
    "cm": "cm",
    "mm": "mm",
    "kg": "kg",
    "kgs": "kg",
    "lb": "lb",
    "lbs": "lb",
    "ft": "ft",
    "mi": "miles",
    "mph": "mph",
    "kph": "km/h",
    "kmh": "km/h",
    "mw": "MW",
    "gw": "GW",
    "kw": "kW",
    "kwh": "kWh",
    "mwh": "MWh",
    "gwh": "GWh",
    "twh": "TWh",
    "ha": "ha",
    "bcm": "bcm",
    "bpd": "barrels per day",
    "pc": "percent",
    "pct": "percent",
}
# English ordinal suffixes ("1st", "70th").
_ORDINAL_SUFFIXES: Final = frozenset({"st", "nd", "rd", "th"})

# Currency signs and prefixes as printed in English-language news, mapped to
# ISO 4217 codes.  '¥' is read as yen, the commoner use in English text.
_CURRENCY_PREFIXES: Final[dict[str, str]] = {
    "$": "USD",
    "us$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "hk$": "HKD",
    "nz$": "NZD",
    "s$": "SGD",
    "nt$": "TWD",
    "r$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₴": "UAH",
    "₩": "KRW",
    "₪": "ILS",
    "₺": "TRY",
    "rs": "INR",
    "rs.": "INR",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "inr": "INR",
    "rub": "RUB",
    "uah": "UAH",
    "chf": "CHF",
    "aud": "AUD",
    "cad": "CAD",
    "hkd": "HKD",
    "sgd": "SGD",
    "nzd": "NZD",
}

# Unit classes: nouns that count the same thing share a class, so that figures
# can be compared across outlets.  Singular forms (and irregular plurals) are
# listed; regular plurals are folded by _singular().  Sources: general
# English usage in wire copy (military, casualty and money vocabulary) plus
# SI/imperial units.
_UNIT_GROUPS: Final[dict[str, tuple[str, ...]]] = {
    # Members of regular armed forces, which reports name interchangeably.
    "troops": (
        "troop",
        "soldier",
        "force",
        "personnel",
        "serviceman",
        "servicemen",
        "servicewoman",
        "servicewomen",
        "servicemember",
        "service member",
        "military personnel",
        "marine",
        "paratrooper",
        "commando",
        "infantryman",
        "infantrymen",
        "conscript",
        "reservist",
        "trooper",
        "sailor",
        "airman",
        "airmen",
        "guardsman",
        "guardsmen",
    ),
    # Irregular or non-state combatants.
    "fighters": (
        "fighter",
        "militant",
        "combatant",
        "insurgent",
        "rebel",
        "guerrilla",
        "guerilla",
        "militiaman",
        "militiamen",
        "mercenary",
        "jihadist",
    ),
    "people": ("people", "person", "persons", "individual", "human", "inhabitant"),
    "deaths": ("death", "fatality"),
    "casualties": ("casualty",),
    "USD": ("dollar", "$", "us$", "usd"),
    "EUR": ("euro", "€", "eur"),
    "GBP": ("pound", "£", "sterling", "gbp"),
    "JPY": ("yen", "¥", "jpy"),
    "CNY": ("yuan", "renminbi", "rmb", "cny"),
    "INR": ("rupee", "₹", "rs", "rs.", "inr"),
    "RUB": ("rouble", "ruble", "₽", "rub"),
    "UAH": ("hryvnia", "₴", "uah"),
    "CHF": ("franc", "chf"),
    "ILS": ("shekel", "₪", "nis"),
    "TRY": ("lira", "₺"),
    "KRW": ("₩", "krw"),
    "AUD": ("a$", "au$", "aud"),
    "CAD": ("c$", "ca$", "cad"),
    "HKD": ("hk$", "hkd"),
    "NZD": ("nz$", "nzd"),
    "SGD": ("s$", "sgd"),
    "TWD": ("nt$", "twd"),
    "BRL": ("r$", "brl"),
    "percent": ("percent", "per cent", "%", "pct", "pc"),
    "percentage points": ("percentage point", "pp", "ppt"),
    "seconds": ("second",),
    "minutes": ("minute",),
    "hours": ("hour",),
    "days": ("day",),
    "weeks": ("week",),
    "months": ("month",),
    "years": ("year",),
    "decades": ("decade",),
    "centuries": ("century",),
    "age": ("year-old", "years-old"),
    "km": ("km", "kilometre", "kilometer"),
    "miles": ("mile", "mi"),
    "m": ("metre", "meter"),
    "cm": ("cm", "centimetre", "centimeter"),
    "mm": ("mm", "millimetre", "millimeter"),
    "ft": ("ft", "foot", "feet"),
    "km2": ("km2", "km²", "sq km", "square kilometre", "square kilometer"),
    "sq mi": ("sq mi", "square mile"),
    "ha": ("ha", "hectare"),
    "acres": ("acre",),
    "kg": ("kg", "kilogram", "kilogramme", "kilo"),
    "t": ("tonne", "ton", "metric ton", "metric tonne"),
    "lb": ("lb", "lbs"),
    "g": ("gram", "gramme"),
    "MW": ("mw", "megawatt"),
    "GW": ("gw", "gigawatt"),
    "kW": ("kw", "kilowatt"),
    "kWh": ("kwh", "kilowatt-hour"),
    "MWh": ("mwh", "megawatt-hour"),
    "GWh": ("gwh", "gigawatt-hour"),
    "TWh": ("twh", "terawatt-hour"),
    "barrels": ("barrel", "bbl"),
    "barrels per day": ("bpd", "b/d"),
    "litres": ("litre", "liter"),
    "gallons": ("gallon",),
    "bcm": ("bcm",),
    "m3": ("cubic metre", "cubic meter"),
    "mph": ("mph",),
    "km/h": ("km/h", "kph", "kmh"),
    "times": ("times", "fold"),
    "degrees": ("degree",),
}
_UNIT_CLASSES: Final[dict[str, str]] = {
    word: cls for cls, words in _UNIT_GROUPS.items() for word in words
}
_CURRENCY_CODES: Final = frozenset(_CURRENCY_PREFIXES.values())
# Inside a hyphenated compound ("a 500-pound bomb") these are weights.
_COMPOUND_UNITS: Final[dict[str, str]] = {"pound": "lb", "ton": "t", "tonne": "t"}
# Currency names qualified by a country adjective ("Canadian dollars").
_CURRENCY_BY_DEMONYM: Final[dict[tuple[str, str], str]] = {
    ("us", "USD"): "USD",
    ("american", "USD"): "USD",
    ("canadian", "USD"): "CAD",
    ("australian", "USD"): "AUD",
    ("kong", "USD"): "HKD",
    ("zealand", "USD"): "NZD",
    ("singapore", "USD"): "SGD",
    ("taiwan", "USD"): "TWD",
    ("taiwanese", "USD"): "TWD",
    ("egyptian", "GBP"): "EGP",
    ("lebanese", "GBP"): "LBP",
    ("syrian", "GBP"): "SYP",
    ("sudanese", "GBP"): "SDG",
    ("pakistani", "INR"): "PKR",
    ("lankan", "INR"): "LKR",
    ("nepalese", "INR"): "NPR",
    ("indian", "INR"): "INR",
    ("swiss", "CHF"): "CHF",
    ("cfa", "CHF"): "XOF",
    ("turkish", "TRY"): "TRY",
    ("chinese", "CNY"): "CNY",
    ("japanese", "JPY"): "JPY",
    ("russian", "RUB"): "RUB",
    ("ukrainian", "UAH"): "UAH",
    ("israeli", "ILS"): "ILS",
}

# Nationality and regional adjectives (singular), from the usual English list
# of country demonyms.  Plural demonyms ("3,000 Russians") count people.
_DEMONYMS: Final = _wordset(
    """
    afghan albanian algerian american angolan argentine argentinian armenian
    australian austrian azerbaijani bahraini bangladeshi belarusian belgian
    bolivian bosnian brazilian briton bulgarian burmese cambodian cameroonian
    canadian chadian chilean chinese colombian congolese croatian cuban
    cypriot czech dane danish dutch ecuadorian egyptian emirati eritrean
    estonian ethiopian european filipino finn finnish french georgian german
    ghanaian greek guatemalan haitian honduran hungarian icelandic indian
    indonesian iranian iraqi irish israeli italian ivorian jamaican japanese
    jordanian kazakh kenyan korean kosovan kurd kurdish kuwaiti kyrgyz laotian
    latvian lebanese liberian libyan lithuanian macedonian malagasy malawian
    malaysian malian maltese mexican moldovan mongolian montenegrin moroccan
    mozambican namibian nepalese nepali nicaraguan nigerian nigerien norwegian
    omani pakistani palestinian panamanian paraguayan peruvian pole polish
    portuguese qatari romanian russian rwandan salvadoran saudi scot scottish
    senegalese serb serbian singaporean slovak slovenian somali
    spaniard spanish sudanese swede swedish swiss syrian taiwanese tajik
    tanzanian thai tibetan togolese tunisian turk turkish turkmen ugandan
    ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian
    zimbabwean african asian arab western eastern northern southern
    """
)

# Hedges before a figure, from news style guides' notes on approximate
# numbers and bounds.  Matched case-insensitively on whole words.
_BASE_QUALIFIERS: Final = (
    "approximately",
    "approx.",
    "approx",
    "about",
    "around",
    "roughly",
    "some",
    "nearly",
    "almost",
    "up to",
    "more than",
    "over",
    "at least",
    "less than",
    "fewer than",
    "under",
    "an estimated",
    "the estimated",
    "estimated",
    "as many as",
    "as much as",
    "as few as",
    "as little as",
    "as high as",
    "as low as",
    "close to",
    "upwards of",
    "upward of",
    "at most",
    "no more than",
    "no fewer than",
    "no less than",
    "not more than",
    "not less than",
    "in excess of",
    "above",
    "below",
    "circa",
    "c.",
    "ca.",
    "an approximate",
    "in the region of",
    "the best part of",
    "nigh on",
    "an average of",
    "on average",
    "a maximum of",
    "a minimum of",
)
# Intensifiers that combine with a bound ("just over", "well above").
_INTENSIFIERS: Final = ("just", "well", "slightly", "far", "much", "a little", "somewhat")
_BOUNDS: Final = ("over", "under", "more than", "less than", "fewer than", "above", "below")
_QUALIFIERS: Final = frozenset(
    [*_BASE_QUALIFIERS, *(f"{i} {b}" for i in _INTENSIFIERS for b in _BOUNDS)]
)
_MAX_QUALIFIER_WORDS: Final = max(len(q.split()) for q in _QUALIFIERS)
_QUALIFIER_WORDS: Final = frozenset(w for q in _QUALIFIERS for w in q.split())
_QUALIFIER_LAST_WORDS: Final = frozenset(q.split()[-1] for q in _QUALIFIERS)

# Month names and their usual abbreviations; matched case-sensitively since a
# lower-case "may" or "march" is a verb.
_MONTH_PATTERN: Final = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_MONTHS: Final = _wordset(
    """January February March April May June July August September October November
    December Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec"""
)
# Words after which a 4-digit number in the year range is a year whatever follows.
_YEAR_CONTEXT: Final = _wordset(
    """in since by until till before after during circa throughout from between mid early
    late spring summer autumn fall winter fy fiscal year"""
)
# Determiners after which a bare 4-digit number is a year ("the 2016 election").
_YEAR_DETERMINERS: Final = _wordset("the its his her their our my your this that last next whose")
_YEAR_MIN: Final = 1800
_YEAR_MAX: Final = 2100

# Words that introduce a label rather than a count ("Article 5", "Resolution
# 2758", "Flight 17"): legal, parliamentary, transport and reference numbering.
_STRONG_LABELS: Final = _wordset(
    """article articles art. resolution resolutions section sections sec. clause clauses
    paragraph paragraphs para para. chapter chapters amendment regulation directive
    decree no. nos. number numbers nr. page pages p. pp. vol. volume flight route
    highway interstate room platform gate terminal model version v. series mk.
    reactor exhibit fig. figure table appendix annex protocol tier category cat.
    grade covid sars"""
)
# Weaker labels: a label only when no counted noun follows ("day 100 of the war"
# but "each day 300 people").
_WEAK_LABELS: Final = _wordset(
    """day week year phase stage level round game match season episode part line unit
    block building zone district ward sector case item rule bill law act title class
    type lane lot plot apartment flat suite box channel track bus"""
)

# Time-zone and clock words after a number ("1400 GMT", "3 p.m.").
_TIME_ZONES: Final = _wordset(
    "GMT UTC BST CET CEST EET EEST WET EST EDT CST CDT MST MDT PST PDT MSK IST JST KST "
    "AEST AEDT HKT SGT ET PT"
)

# Words that end a noun phrase: determiners, prepositions, conjunctions,
# pronouns, auxiliaries and reporting verbs (a standard English stop list).
_STOP_WORDS: Final = _wordset(
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
_MODIFIERS: Final = _wordset(
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
# English plurals that do not end in -s, and -s words that are not plurals.
_IRREGULAR_PLURALS: Final = _wordset(
    """people men women children police personnel staff cattle aircraft data media
    feet teeth geese mice sheep deer fish servicemen servicewomen infantrymen airmen
    guardsmen militiamen gunmen policemen firemen fishermen chairmen spokesmen
    tradesmen crewmen clergy offspring livestock"""
)
_SINGULAR_IRREGULAR: Final[dict[str, str]] = {
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "person",
    "feet": "foot",
    "teeth": "tooth",
    "geese": "goose",
    "mice": "mouse",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "thieves": "thief",
    "leaves": "leaf",
    "shelves": "shelf",
    "wolves": "wolf",
}
_INVARIANT_NOUNS: Final = _wordset(
    """news series species headquarters means barracks crossroads whereabouts
    overseas various numerous"""
)

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

# Before "one": these make it a pronoun ("no one", "each one").
_ONE_PRONOUN_BEFORE: Final = _wordset("no any every each some which this that the last another")
_MAX_NOUN_TOKENS: Final = 5  # four modifiers and the noun itself


# ---------------------------------------------------------------------------
# Regexes, compiled once at import.
# ---------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """Longest first, so that 'per cent' is tried before 'per'."""
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t\u00a0]+") for w in parts)


_SP: Final = r"[ \t\u00a0]"
_HYPHENS: Final = "-\u2010\u2011"
_HYPHEN_CLASS: Final = r"\-\u2010\u2011"  # the same, escaped for a character class

# Candidate finding works on an ASCII, lower-cased bytes copy of the text
# (same length, one byte per character): bytes.translate/split/find run in C
# and are several times faster than a regex scan with word alternatives.
_DIGIT_MARK: Final = bytes(0 if 48 <= c <= 57 else (32 if c == 0 else c) for c in range(256))
_LETTERS_ONLY: Final = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_START_WORDS: Final = frozenset(w.encode() for w in [*_SMALL_NUMBERS, *_TENS, *_VAGUE_PLURALS])
_SCALE_WORD_BYTES: Final = frozenset(w.encode() for w in [*_BIG_NUMBERS, "hundred", "dozen"])
_ALL_WORD_BYTES: Final = _START_WORDS | _SCALE_WORD_BYTES
_ALNUM_BYTES: Final = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
# "a dozen", "half a million", "several hundred", "a few thousand".
_SCALE_LEAD_RE: Final = re.compile(
    rf"(?<![A-Za-z])(?:half{_SP}+an?|a{_SP}+few|an?|several){_SP}+\Z", re.IGNORECASE
)
_DIGITS_RE: Final = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?!,?[0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
)
_WORD_RE: Final = re.compile(r"[A-Za-z]+")
_NUMBER_SEP_RE: Final = re.compile(rf"{_SP}+|{_SP}*[{_HYPHEN_CLASS}]{_SP}*")
_AND_HALF_RE: Final = re.compile(rf"{_SP}+an?{_SP}+half\b", re.IGNORECASE)
_AND_NEXT_RE: Final = re.compile(rf"{_SP}+([A-Za-z]+)")
_OF_WORD_RE: Final = re.compile(rf"{_SP}+of{_SP}+([A-Za-z]+)\b", re.IGNORECASE)
_OF_RE: Final = re.compile(rf"{_SP}+of\b", re.IGNORECASE)
_HALF_A_RE: Final = re.compile(rf"half{_SP}+an?\b", re.IGNORECASE)
_A_FEW_RE: Final = re.compile(rf"a{_SP}+few\b", re.IGNORECASE)
# Anything glued together with digits: skipped as a whole when it is not a figure.
_BLOB_RE: Final = re.compile(rf"\w+(?:[{_HYPHEN_CLASS}\u2013:/.,]\w+)*")
_CURRENCY_LAST_CHARS: Final = frozenset("$€£¥₹₽₴₩₪₺ .DRPYBKHFSN")
_CURRENCY_BEFORE_RE: Final = re.compile(
    r"(?:(?<![A-Za-z])(?:US|AU|A|CA|C|HK|NZ|NT|S|R)?\$|[€£¥₹₽₴₩₪₺]"
    r"|(?<![A-Za-z])(?:Rs\.?|USD|EUR|GBP|JPY|CNY|RMB|INR|RUB|UAH|CHF|AUD|CAD|HKD|SGD|NZD)"
    rf"{_SP}?)\Z"
)
_CURRENCY_PREFIX_AT_RE: Final = re.compile(
    r"(?:(?:US|AU|A|CA|C|HK|NZ|NT|S|R)?\$|[€£¥₹₽₴₩₪₺]"
    r"|(?:Rs\.?|USD|EUR|GBP|JPY|CNY|RMB|INR|RUB|UAH|CHF|AUD|CAD|HKD|SGD|NZD)"
    rf"{_SP}?)(?=[0-9])"
)
_SIGN_AT_RE: Final = re.compile(rf"[-\u2212]|minus{_SP}+", re.IGNORECASE)
_SIGN_BEFORE_RE: Final = re.compile(
    rf"(?:(?:(?<=[\s(\[])|(?<![\s\S]))[-\u2212]|(?<![A-Za-z])minus{_SP}+)\Z", re.IGNORECASE
)
_TIME_AFTER_RE: Final = re.compile(
    rf"{_SP}?(?:(?i:[ap]\.m\.?|[ap]m\b|o['’]clock\b|local{_SP}+time\b)|(?:{_alt(_TIME_ZONES)})\b)"
)
_SCALE_SUFFIX_RE: Final = re.compile(r"([A-Za-z]{1,3})(?![A-Za-z0-9])")
_SPACED_ABBREV_RE: Final = re.compile(rf"{_SP}(bn|mn|mln|bln|tn|trn)\b")
_SPACED_MONEY_ABBREV_RE: Final = re.compile(rf"{_SP}([mbk])\b")
_PERCENT_RE: Final = re.compile(
    rf"(?:{_SP}?%|{_SP}+(?:per{_SP}?cent|percent|pct)\b|{_SP}+(percentage{_SP}+points?|pp|ppts?)\b)",
    re.IGNORECASE,
)
_POST_QUALIFIER_RE: Final = re.compile(
    rf"\+(?![0-9])|[{_HYPHEN_CLASS}](?:odd|plus)\b|{_SP}+or{_SP}+(?:so|more|thereabouts)\b",
    re.IGNORECASE,
)
_COMPOUND_RE: Final = re.compile(rf"[{_HYPHEN_CLASS}]([A-Za-z]+(?:[{_HYPHEN_CLASS}][A-Za-z]+)*)")
_FRACTION_RE: Final = re.compile(
    rf"(?:[{_HYPHEN_CLASS}]|{_SP}+)({_alt(_FRACTIONS)})\b", re.IGNORECASE
)
_DATE_AFTER_RE: Final = re.compile(rf"{_SP}+(?:of{_SP}+)?{_MONTH_PATTERN}(?![A-Za-z])")
_MONTH_BEFORE_RE: Final = re.compile(
    rf"(?<![A-Za-z]){_MONTH_PATTERN}(?:{_SP}+[0-9]{{1,2}}(?:st|nd|rd|th)?)?,?{_SP}+\Z"
)
_POSSESSIVE_RE: Final = re.compile(r"['’]s\b")
_YEAR_RANGE_RE: Final = re.compile(r"[-\u2013/][0-9]{2,4}\b")
_PHONE_RE: Final = re.compile(
    r"(?:\+[0-9]{1,3}[ .\-]?)?(?:\([0-9]{2,5}\)[ .\-]?)?[0-9]{2,5}(?:[ .\-][0-9]{2,5}){1,4}"
)
_PHONE_SEPS_RE: Final = re.compile(r"[0-9]+|[^0-9]+")
_NEXT_TOKEN_RE: Final = re.compile(
    rf"(?:{_SP}+\n?|\n){_SP}*([A-Za-z](?:[A-Za-z'’{_HYPHEN_CLASS}]*[A-Za-z])?|[$€£%])(['’]s?)?"
)
_OPENERS: Final = "([\"'“‘—–-"
_RANGE_SEP_RE: Final = re.compile(
    rf"{_SP}*(?:[-\u2013\u2014]|to|and|or){_SP}*",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------
# Public API.
# ---------------------------------------------------------------------------


def unit_class(noun: str) -> str | None:
    """Map a counted noun to the class that figures are compared by.

    Regular plurals are folded ("soldiers" -> "soldier" -> "troops"); nouns
    without a class give None and callers fall back to the singular noun.
    """
    key = " ".join(noun.lower().replace("’", "'").split())
    if not key:
        return None
    found = _UNIT_CLASSES.get(key)
    if found is not None:
        return found
    single = _singular(key)
    found = _UNIT_CLASSES.get(single)
    if found is not None:
        return found
    if single in _DEMONYMS:
        return "people"
    return None


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
    core = _core_at(s, pos, has_currency)
    if core is None:
        return None
    end = core.of_end if core.of_end is not None and not s[core.of_end :].strip() else core.end
    pct = _PERCENT_RE.match(s, end)
    if pct is not None:
        end = pct.end()
    if s[end:].strip():
        return None
    value = -core.value if negative else core.value
    return value if math.isfinite(value) else None


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
    return [
        Figure(
            value=f.value,
            unit=f.unit,
            noun=f.noun,
            text=text[f.start : f.end],
            approximate=f.qualifier is not None,
            qualifier=f.qualifier,
            start=f.start + offset,
            end=f.end + offset,
        )
        for f in found
        if not f.dropped
    ]


# ---------------------------------------------------------------------------
# Internals.
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Core:
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


def _singular(word: str) -> str:
    """Fold a regular English plural; good enough for unit lookup, not a lemmatiser."""
    irregular = _SINGULAR_IRREGULAR.get(word)
    if irregular is not None:
        return irregular
    head, sep, last = word.rpartition(" ")
    if sep:
        return f"{head} {_singular(last)}"
    if word in _INVARIANT_NOUNS or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word


def _looks_plural(low: str) -> bool:
    """A cheap plural test: irregular plurals, or -s words that are not -ss/-us/-is."""
    if low in _IRREGULAR_PLURALS:
        return True
    if low in _INVARIANT_NOUNS:
        return False
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "ous"))


def figure_unit(noun: str) -> str:
    """The unit a figure counting this noun gets: its class, else its singular."""
    return unit_class(noun) or _fallback_unit(noun)


def _fallback_unit(noun: str) -> str:
    """The unit of a noun with no class: its lower-cased singular."""
    return _singular(" ".join(noun.lower().replace("’", "'").split()))


def _cardinal(text: str, pos: int, current: float, last: str) -> tuple[float, int, float]:
    """Continue reading number words after pos; `last` is the kind of what came before.

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
        small = _SMALL_NUMBERS.get(w)
        tens = _TENS.get(w)
        big = _BIG_NUMBERS.get(w)
        if small is not None:
            if last in ("", "hundred", "big", "and") or (last == "tens" and 0 < small < 10):
                current += small
                mult = 1.0
                last = "small"
            else:
                break
        elif tens is not None:
            if last in ("", "hundred", "big", "and"):
                current += tens
                mult = 1.0
                last = "tens"
            else:
                break
        elif w == "hundred":
            if last in ("small", "tens", "a", "digits") and 0 < current < 100:
                current *= _HUNDRED
                mult = _HUNDRED
                last = "hundred"
            else:
                break
        elif big is not None:
            if (
                last in ("small", "tens", "hundred", "a", "digits", "dozen")
                and current > 0
                and big < prev_big
            ):
                total += current * big
                current = 0.0
                prev_big = big
                mult = big
                last = "big"
            else:
                break
        elif w == "dozen":
            if last in ("small", "tens", "a", "digits") and 0 < current < 1000:
                current *= _DOZEN
                mult = _DOZEN
                last = "dozen"
            else:
                break
        elif w == "and":
            half = _AND_HALF_RE.match(text, nxt)
            if half is not None and last in ("small", "tens", "digits"):
                current += 0.5
                end = half.end()
                last = "small"
                continue
            follow = _AND_NEXT_RE.match(text, nxt)
            if (
                follow is not None
                and last in ("hundred", "big")
                and (follow.group(1).lower() in _SMALL_NUMBERS or follow.group(1).lower() in _TENS)
            ):
                end = nxt
                last = "and"
                continue
            break
        else:
            break
        end = nxt
    if last in ("a", "and"):
        return math.nan, pos, 1.0
    return total + current, end, mult


def _vague_at(text: str, pos: int) -> _Core | None:
    """Read "hundreds", "tens of thousands", "dozens of" at pos."""
    wm = _WORD_RE.match(text, pos)
    if wm is None:
        return None
    base = _VAGUE_PLURALS.get(wm.group().lower())
    if base is None:
        return None
    product = base
    last = base
    end = wm.end()
    while True:
        of_word = _OF_WORD_RE.match(text, end)
        if of_word is None:
            break
        more = _VAGUE_PLURALS.get(of_word.group(1).lower())
        if more is None or more <= last:
            break
        product *= more
        last = more
        end = of_word.end()
    of = _OF_RE.match(text, end)
    if base == _VAGUE_PLURALS["tens"] and end == wm.end() and of is None:
        return None  # "tens" alone is not an amount
    return _Core(
        value=2 * product,
        raw=2 * product,
        mult=1.0,
        end=end,
        vague=text[pos:end],
        of_end=of.end() if of is not None else None,
    )


def _words_at(text: str, pos: int) -> _Core | None:
    """Read a number written in words at pos."""
    wm = _WORD_RE.match(text, pos)
    if wm is None:
        return None
    w = wm.group().lower()
    if w in _VAGUE_PLURALS:
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
    core = _Core(value=value, raw=value / mult, mult=mult, end=end, vague=vague)
    if end == wm.end() and vague is None:
        core.word = w
        fraction = _FRACTION_RE.match(text, end)
        if fraction is not None and value > 0:
            core.value = value / _FRACTIONS[fraction.group(1).lower()]
            core.raw = core.value
            core.end = fraction.end()
            core.fraction = True
    return core


def _core_at(text: str, pos: int, has_currency: bool) -> _Core | None:
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
    core = _Core(value=raw, raw=raw, mult=1.0, end=end, digits=digits)
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
        unit = _ATTACHED_UNITS.get(letters.group().lower())
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


def _glued_before(text: str, s: int) -> bool:
    """True when the number at s is part of a word or identifier ("G7", "F-16")."""
    if s == 0:
        return False
    c = text[s - 1]
    if c.isalnum() or c in "_#/:@&\\":
        return True
    if s >= 2:
        b = text[s - 2]
        if c in _HYPHENS and b.isalpha():
            return True
        if c in ".," and b.isdigit():
            return True
    return False


def _is_phone(text: str, s: int) -> int:
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


def _prev_word(text: str, p: int) -> tuple[str, int]:
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


def _sentence_initial(text: str, j: int) -> bool:
    """True when the word starting at j opens a sentence or a line."""
    i = j
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n\"“‘'(:;—–-"


def _qualifier_before(text: str, p: int, lo: int) -> tuple[str, int] | None:
    """A hedge such as "more than" ending just before p, with its start."""
    if p > lo and text[p - 1] == "~":
        return "~", p - 1
    begin = max(lo, p - 48)
    if p <= begin or not text[p - 1].isspace():
        return None
    window = text[begin:p]
    words = window.split()
    if begin > 0 and not text[begin - 1].isspace() and words and not window[0].isspace():
        words = words[1:]  # a word cut by the window's edge
    if not words or words[-1].lower().lstrip(_OPENERS) not in _QUALIFIER_LAST_WORDS:
        return None
    words = words[-_MAX_QUALIFIER_WORDS:]
    lowered = [w.lower() for w in words]
    for k in range(len(words), 0, -1):
        first = lowered[-k].lstrip(_OPENERS)
        phrase = " ".join([first, *lowered[len(lowered) - k + 1 :]])
        if phrase in _QUALIFIERS:
            tail = len(window.rstrip())
            pos = tail
            for w in reversed(words[-k:]):
                pos = window.rfind(w, 0, pos)
            pos += len(words[-k]) - len(words[-k].lstrip(_OPENERS))
            return window[pos:tail], begin + pos
    return None


def _noun_after(text: str, p: int, singular: bool) -> tuple[str | None, list[str]]:
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
        is_unit = low in _UNIT_CLASSES
        acronym = len(tok) > 1 and tok.isupper() and not is_unit
        if not acronym and (low in _STOP_WORDS or low in _SMALL_NUMBERS or low in _TENS):
            break
        if tok in "$€£%":
            break
        plural = not acronym and _looks_plural(low)
        if head is not None:
            # Compound nouns: "police officers", "Hamas fighters", "service members".
            if not singular and (is_unit or plural):
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
        if _singular(pair.lower()) in _UNIT_CLASSES or pair.lower() in _UNIT_CLASSES:
            return pair, mods[:-1]
    return head, mods


def _unit_of(noun: str, mods: list[str]) -> str:
    """Unit class of a noun, refined by a country adjective for currencies."""
    cls = unit_class(noun)
    if cls is None:
        return _fallback_unit(noun)
    if cls in _CURRENCY_CODES:
        for mod in reversed(mods):
            refined = _CURRENCY_BY_DEMONYM.get((mod.lower(), cls))
            if refined is not None:
                return refined
    return cls


def _metres_follow(text: str, p: int) -> bool:
    """True when a singular word follows a glued 'm', which makes it metres."""
    m = _NEXT_TOKEN_RE.match(text, p)
    if m is None:
        return False
    low = m.group(1).lower()
    return not (
        low in _STOP_WORDS
        or _looks_plural(low)
        or (low.endswith("ed") and len(low) > 4)
        or not m.group(1)[0].isalpha()
    )


def _skip(text: str, s: int) -> tuple[None, int]:
    """Skip the whole glued token at s."""
    blob = _BLOB_RE.match(text, s)
    return None, blob.end() if blob is not None else s + 1


def _figure_at(text: str, s: int, cand_end: int, lo: int) -> tuple[_Found | None, int]:
    """Build the figure whose number starts at s, or say where to resume.

    Cheap rejections (glued identifiers, times, labels, dates, years after a
    preposition) come first, since most candidates in prose are not figures.
    """
    is_digit = "0" <= text[s] <= "9"
    p = s
    currency: str | None = None
    money_sign: str | None = None
    if is_digit:
        if s > 0 and text[s - 1] in _CURRENCY_LAST_CHARS:
            money = _CURRENCY_BEFORE_RE.search(text, max(lo, s - 5), s)
            if money is not None:
                money_sign = money.group().strip()
                currency = _CURRENCY_PREFIXES.get(money_sign.lower())
                p = money.start()
        if currency is None and _glued_before(text, s):
            return _skip(text, s)
        if (cand_end < len(text) and text[cand_end] in " .-)") or text[s - 1 : s] in ("+", "("):
            phone_end = _is_phone(text, s)
            if phone_end >= 0:
                return None, phone_end
    elif _glued_before(text, s):
        return None, cand_end

    core = _core_at(text, s, currency is not None)
    if core is None:
        return _skip(text, s) if is_digit else (None, cand_end)
    e = core.end
    digits = core.digits
    if digits is not None:
        nxt = text[e : e + 1]
        if nxt in (":", "/", ".", ",") and text[e + 1 : e + 2].isdigit():
            return _skip(text, s)  # clock times, dates, ratios, versions, lists
        if nxt == "'":
            return _skip(text, s)  # "1990's"
        if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
            return _skip(text, s)  # "0300" hours, "007": codes, not counts
    if _TIME_AFTER_RE.match(text, e) is not None:
        return _skip(text, s) if is_digit else (None, e)

    negative = False
    if p > lo and text[p - 1] in "-\u2212 ":
        sign = _SIGN_BEFORE_RE.search(text, max(lo, p - 7), p)
        if sign is not None:
            negative = True
            p = sign.start()

    # Plain integers are the ones that can be years, days of the month or labels.
    is_int = (
        digits is not None
        and core.mult == 1.0
        and core.attached is None
        and currency is None
        and not negative
        and "," not in digits
        and "." not in digits
    )
    year_like = is_int and len(digits or "") == 4 and _YEAR_MIN <= core.raw <= _YEAR_MAX
    if year_like and _YEAR_RANGE_RE.match(text, e) is not None:
        return _skip(text, s)  # "2014-15", "1939-1945", "2022-02-24"
    prev, prev_start = _prev_word(text, p)
    prev_low = prev.lower()
    if core.vague is None and (prev_low in _STRONG_LABELS or prev in ("No", "Nos")):
        return None, max(e, cand_end)  # "Article 5", "No. 2"
    if is_int:
        month_before = prev.rstrip(".") in _MONTHS
        if 1 <= core.raw <= 31 and (month_before or _DATE_AFTER_RE.match(text, e) is not None):
            return None, e
        if year_like and (
            month_before or prev_low in _YEAR_CONTEXT or prev_low in _YEAR_DETERMINERS
        ):
            return None, e
    if core.word == "one" and prev_low in _ONE_PRONOUN_BEFORE:
        return None, cand_end

    value = -core.value if negative else core.value
    end = e
    unit: str | None = None
    noun: str | None = None
    post: str | None = None
    mods: list[str] = []
    percent = _PERCENT_RE.match(text, end)
    if percent is not None:
        end = percent.end()
        unit = "percentage points" if percent.group(1) else "percent"
        noun = text[e:end].strip()
        is_int = year_like = False
    post_q = _POST_QUALIFIER_RE.match(text, end)
    if post_q is not None:
        post = post_q.group().strip().lstrip(_HYPHENS)
        end = post_q.end()
    compound: str | None = None
    if post_q is None and percent is None and core.attached is None and not core.fraction:
        comp = _COMPOUND_RE.match(text, end)
        if comp is not None:
            compound = comp.group(1)
            if len(compound) == 1:
                return _skip(text, s) if is_digit else (None, cand_end)  # "3-D"
    if core.fraction:
        unit = "fraction"
    elif core.attached is not None:
        unit = core.attached
        noun = core.attached_noun
    elif currency is not None:
        unit = currency
        noun = money_sign
    elif unit is None:
        search_from = end
        singular = abs(value) == 1
        if compound is not None:
            low = compound.lower()
            if low == "strong":  # "a 1,500-strong force"
                search_from = end + 1 + len(compound)
                singular = True
            else:
                noun = compound
                override = _COMPOUND_UNITS.get(low)
                unit = override if override is not None else _unit_of(compound, [])
        elif core.of_end is not None:
            search_from = core.of_end
        if noun is None:
            noun, mods = _noun_after(text, search_from, singular)
            if noun is not None:
                unit = _unit_of(noun, mods)

    if core.suffix is not None:
        # A glued 'm' or 'b' without a currency sign is a scale before a plural
        # noun or no noun ("30m people", "3.7m are displaced"); an 'm' before a
        # singular word is metres ("a 30m wall", "10m high"); a lone 'b' is an id.
        plural_noun = noun is not None and _looks_plural(noun.lower().split()[-1])
        if not plural_noun:
            if core.suffix != "m":
                return _skip(text, s)
            if _metres_follow(text, end):
                value = -core.raw if negative else core.raw
                unit, noun = "m", core.suffix
                core.mult = 1.0

    if is_int and noun is None and compound is None:
        if year_like:
            return None, end  # a year standing alone
        if prev_low in _WEAK_LABELS:
            return None, end  # "day 100 of the war"
        if (
            prev[:1].isupper()
            and not prev.endswith(".")
            and prev_low not in _STOP_WORDS
            and prev_low not in _QUALIFIER_WORDS
            and not _sentence_initial(text, prev_start)
        ):
            return None, end  # "Boeing 737", "Windows 10"
    if year_like and (
        _POSSESSIVE_RE.match(text, e) is not None
        or _MONTH_BEFORE_RE.search(text, max(0, p - 20), p) is not None
    ):
        return None, end  # "2022's", "June 25, 2018"
    if core.word == "one" and (
        noun is None or (compound is not None and unit_class(compound) is None)
    ):
        return None, cand_end  # the pronoun, "one-off", "one-sided"

    qualifier: str | None = None
    start = p
    q = None
    if prev_low.lstrip(_OPENERS) in _QUALIFIER_LAST_WORDS or text[p - 1 : p] == "~":
        q = _qualifier_before(text, p, lo)
    if q is not None:
        qualifier, start = q
    elif post is not None:
        qualifier = post
    elif core.vague is not None:
        qualifier = core.vague
    if not math.isfinite(value):
        return None, end
    return (
        _Found(
            start=start,
            end=end,
            value=value,
            raw=-core.raw if negative else core.raw,
            mult=core.mult,
            unit=unit,
            noun=noun,
            qualifier=qualifier,
            currency=currency is not None,
        ),
        end,
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
