"""What a figure counts: unit classes, currencies and plural folding.

Figures are compared across outlets by unit class ("soldiers" and "troops"
are both "troops"), so this module decides the class of a counted noun and
the currency of a sign or name.
"""

from __future__ import annotations

from typing import Final

from claimtrack.extraction.numbers.patterns import wordset

# SI and imperial abbreviations written straight after the number ("10km").
ATTACHED_UNITS: Final[dict[str, str]] = {
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

# Currency signs and prefixes as printed in English-language news, mapped to
# ISO 4217 codes.  '¥' is read as yen, the commoner use in English text.
CURRENCY_PREFIXES: Final[dict[str, str]] = {
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
# listed; regular plurals are folded by singular_form().  Sources: general
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
    # Shots fired: "41 shots" and "seven bullets" count one thing ("rounds" may be
    # of talks or of a fight, so it is left to its own unit).
    "shots": ("shot", "bullet", "gunshot"),
    "observers": ("observer", "monitor"),
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
UNIT_CLASSES: Final[dict[str, str]] = {
    word: cls for cls, words in _UNIT_GROUPS.items() for word in words
}
_CURRENCY_CODES: Final = frozenset(CURRENCY_PREFIXES.values())
# Inside a hyphenated compound ("a 500-pound bomb") these are weights.
COMPOUND_UNITS: Final[dict[str, str]] = {"pound": "lb", "ton": "t", "tonne": "t"}
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
_DEMONYMS: Final = wordset(
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
# English plurals that do not end in -s, and -s words that are not plurals.
_IRREGULAR_PLURALS: Final = wordset(
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
_INVARIANT_NOUNS: Final = wordset(
    """news series species headquarters means barracks crossroads whereabouts
    overseas various numerous"""
)


def unit_class(noun: str) -> str | None:
    """Map a counted noun to the class that figures are compared by.

    Regular plurals are folded ("soldiers" -> "soldier" -> "troops"); nouns
    without a class give None and callers fall back to the singular noun.
    """
    key = " ".join(noun.lower().replace("’", "'").split())
    if not key:
        return None
    found = UNIT_CLASSES.get(key)
    if found is not None:
        return found
    single = singular_form(key)
    found = UNIT_CLASSES.get(single)
    if found is not None:
        return found
    if single in _DEMONYMS:
        return "people"
    return None


def figure_unit(noun: str) -> str:
    """The unit a figure counting this noun gets: its class, else its singular."""
    return unit_class(noun) or _fallback_unit(noun)


def _fallback_unit(noun: str) -> str:
    """The unit of a noun with no class: its lower-cased singular."""
    return singular_form(" ".join(noun.lower().replace("’", "'").split()))


def unit_of(noun: str, mods: list[str]) -> str:
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


def singular_form(word: str) -> str:
    """Fold a regular English plural; good enough for unit lookup, not a lemmatiser."""
    irregular = _SINGULAR_IRREGULAR.get(word)
    if irregular is not None:
        return irregular
    head, sep, last = word.rpartition(" ")
    if sep:
        return f"{head} {singular_form(last)}"
    if word in _INVARIANT_NOUNS or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word


# Nouns whose plural is the singular: after a number above one they are counted
# ("1,400 species", "two series").
_SAME_IN_PLURAL: Final = wordset("species series headquarters barracks crossroads")


def looks_plural(low: str) -> bool:
    """A cheap plural test: irregular plurals, or -s words that are not -ss/-us/-is."""
    if low in _IRREGULAR_PLURALS or low in _SAME_IN_PLURAL:
        return True
    if low in _INVARIANT_NOUNS:
        return False
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "ous"))
