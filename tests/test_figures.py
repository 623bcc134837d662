"""Tests for claimtrack.extraction.numbers: one test per pattern family, plus properties.

All sentences are written for these tests in wire-copy style; none is quoted
from an article.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.extraction.numbers import find_figures, parse_number, unit_class
from claimtrack.models import Figure


def figs(text: str) -> list[Figure]:
    """find_figures plus the span invariant every test relies on."""
    found = find_figures(text)
    for f in found:
        assert text[f.start : f.end] == f.text
    return found


def texts(text: str) -> list[str]:
    return [f.text for f in figs(text)]


def only(text: str) -> Figure:
    found = figs(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


# --- counted nouns and unit classes -----------------------------------------


def test_troop_counts_skip_demonyms_and_modifiers() -> None:
    found = figs(
        "Seoul's spy agency said 10,000 North Korean soldiers had moved east, "
        "while 1,500 special operation forces were already in place."
    )
    assert [(f.value, f.noun, f.unit) for f in found] == [
        (10000.0, "soldiers", "troops"),
        (1500.0, "forces", "troops"),
    ]


def test_qualified_troop_count_keeps_text_and_unit() -> None:
    text = "Analysts believe approximately 3,000 North Korean troops are stationed there."
    f = only(text)
    assert f.text == "approximately 3,000"
    assert (f.value, f.unit, f.noun) == (3000.0, "troops", "troops")
    assert f.approximate and f.qualifier == "approximately"
    assert text.index("approximately") == f.start


def test_noun_search_stops_at_verbs_prepositions_and_punctuation() -> None:
    assert only("Officials said 3,000 had been evacuated by Monday.").noun is None
    assert only("The ministry counted 3,000 in the first wave.").noun is None
    assert only("Police detained 40, a spokesman said.").noun is None
    # Compound nouns take the last noun: officers, not police.
    assert only("Some 200 police officers were deployed.").unit == "officer"


def test_unit_fallback_is_lower_cased_singular_noun() -> None:
    f = only("At least 14 Journalists were detained overnight.")
    assert (f.noun, f.unit) == ("Journalists", "journalist")
    assert only("Rescuers found 12 bodies under the rubble.").unit == "body"


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("troops", "troops"),
        ("Soldiers", "troops"),
        ("soldier", "troops"),
        ("forces", "troops"),
        ("personnel", "troops"),
        ("servicemen", "troops"),
        ("service members", "troops"),
        ("dollars", "USD"),
        ("$", "USD"),
        ("euros", "EUR"),
        ("percent", "percent"),
        ("per cent", "percent"),
        ("%", "percent"),
        ("people", "people"),
        ("persons", "people"),
        ("Ukrainians", "people"),
        ("casualties", "casualties"),
        ("kilometres", "km"),
        ("militants", "fighters"),
        ("journalists", None),
        ("tanks", None),
        ("", None),
    ],
)
def test_unit_class(noun: str, expected: str | None) -> None:
    assert unit_class(noun) == expected


def test_plural_demonym_counts_people() -> None:
    f = only("More than 2,000 Ukrainians crossed the border on Sunday.")
    assert (f.noun, f.unit) == ("Ukrainians", "people")


# --- digit forms, scales and currencies ---------------------------------------


def test_plain_and_grouped_digits() -> None:
    found = figs("The camp held 3000 refugees in May and 10,000 refugees by autumn.")
    assert [(f.text, f.value) for f in found] == [("3000", 3000.0), ("10,000", 10000.0)]


def test_scale_words_and_abbreviations() -> None:
    found = figs(
        "The pipeline carries 1.5 million barrels a day and cost 2.3bn to build, "
        "with 10k workers on site."
    )
    assert [(f.text, f.value) for f in found] == [
        ("1.5 million", 1_500_000.0),
        ("2.3bn", 2_300_000_000.0),
        ("10k", 10_000.0),
    ]
    assert found[0].unit == "barrels"


def test_currency_signs_give_iso_codes() -> None:
    found = figs(
        "Washington approved $4.2 billion in aid, Brussels added €30m, London "
        "pledged £1.2bn and Tokyo US$500 million."
    )
    assert [(f.text, f.value, f.unit, f.noun) for f in found] == [
        ("$4.2 billion", 4.2e9, "USD", "$"),
        ("€30m", 3.0e7, "EUR", "€"),
        ("£1.2bn", 1.2e9, "GBP", "£"),
        ("US$500 million", 5.0e8, "USD", "US$"),
    ]


def test_currency_words_and_country_adjectives() -> None:
    found = figs("The firm was fined 5,000 euros and paid 2 million Canadian dollars.")
    assert [(f.value, f.unit) for f in found] == [(5000.0, "EUR"), (2e6, "CAD")]


def test_indian_english_scales() -> None:
    f = only("The state set aside Rs 500 crore for flood relief.")
    assert (f.value, f.unit) == (5e9, "INR")


def test_glued_m_is_million_unless_a_singular_word_follows() -> None:
    found = figs(
        "The virus has infected 30m people and 3.7m are displaced, while a 30m wall "
        "now rings the port."
    )
    assert [(f.value, f.unit) for f in found] == [(3e7, "people"), (3.7e6, "people"), (30.0, "m")]


def test_glued_measurement_units() -> None:
    f = only("The convoy stretched for 40km along the highway.")
    assert (f.value, f.unit, f.noun) == (40.0, "km", "km")


# --- percentages and negatives -------------------------------------------------


def test_percent_forms() -> None:
    found = figs(
        "Turnout reached 45% in the capital, 45 per cent in the north, 38 percent "
        "in the south and 40pc overall, up 2.5 percentage points."
    )
    assert [(f.text, f.value, f.unit) for f in found] == [
        ("45%", 45.0, "percent"),
        ("45 per cent", 45.0, "percent"),
        ("38 percent", 38.0, "percent"),
        ("40pc", 40.0, "percent"),
        ("2.5 percentage points", 2.5, "percentage points"),
    ]


def test_negative_numbers_in_context() -> None:
    found = figs("The economy grew by -3.5 percent last year, and exports by minus 2%.")
    assert [(f.text, f.value) for f in found] == [("-3.5 percent", -3.5), ("minus 2%", -2.0)]


def test_hyphen_between_numbers_is_not_a_sign() -> None:
    found = figs("Estimates put the crowd at 100,000-250,000 people.")
    assert [f.value for f in found] == [100000.0, 250000.0]


# --- number words ------------------------------------------------------------


def test_number_words() -> None:
    found = figs(
        "Five people died, twenty-five were injured and ten thousand fled, while a "
        "dozen were arrested and half a million lost power."
    )
    assert [(f.text, f.value) for f in found] == [
        ("Five", 5.0),
        ("twenty-five", 25.0),
        ("ten thousand", 10000.0),
        ("a dozen", 12.0),
        ("half a million", 500000.0),
    ]
    assert found[0].unit == "people"
    assert not any(f.approximate for f in found)


def test_compound_number_words() -> None:
    found = figs("The fund has one hundred and fifty staff and two and a half million members.")
    assert [f.value for f in found] == [150.0, 2_500_000.0]


def test_one_counts_only_with_a_noun() -> None:
    found = figs(
        "One soldier died. No one was arrested, and one of the commanders was hurt "
        "in a one-off clash."
    )
    # "No one" is no 1; "No one was arrested" is a count of none (zeros.py).
    assert [(f.text, f.value) for f in found] == [("One", 1), ("No one was arrested", 0)]


def test_fractions() -> None:
    f = only("Nearly two-thirds of voters backed the plan.")
    assert f.value == pytest.approx(2 / 3)
    assert (f.unit, f.qualifier) == ("fraction", "Nearly")


# --- vague amounts -------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value", "qualifier"),
    [
        ("Hundreds of", 200.0, "Hundreds"),
        ("Dozens of", 24.0, "Dozens"),
        ("Thousands of", 2000.0, "Thousands"),
        ("Tens of thousands of", 20000.0, "Tens of thousands"),
        ("Hundreds of thousands of", 200000.0, "Hundreds of thousands"),
        ("Several hundred", 300.0, "Several"),
        ("A few thousand", 2000.0, "A few"),
    ],
)
def test_vague_amounts_are_approximate_lower_bounds(
    phrase: str, value: float, qualifier: str
) -> None:
    f = only(f"{phrase} protesters marched on parliament.")
    assert f.value == value
    assert f.text == phrase.removesuffix(" of")
    assert (f.approximate, f.qualifier) == (True, qualifier)
    assert (f.noun, f.unit) == ("protesters", "protester")


def test_explicit_qualifier_wins_over_vague_word() -> None:
    f = only("Police said some hundreds of people had gathered.")
    assert (f.text, f.qualifier, f.value) == ("some hundreds", "some", 200.0)


# --- qualifiers ----------------------------------------------------------------


@pytest.mark.parametrize(
    "qualifier",
    [
        "approximately",
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
        "as many as",
        "close to",
        "upwards of",
        "at most",
        "just over",
    ],
)
def test_pre_qualifiers(qualifier: str) -> None:
    text = f"Officials said {qualifier} 3,000 people had been evacuated."
    f = only(text)
    assert f.text == f"{qualifier} 3,000"
    assert (f.qualifier, f.approximate, f.value, f.unit) == (qualifier, True, 3000.0, "people")
    assert f.start == text.index(qualifier)


def test_qualifier_keeps_case_and_skips_brackets() -> None:
    found = figs('More than 40 tanks were lost ("about 300 vehicles" in all).')
    assert [(f.text, f.qualifier) for f in found] == [
        ("More than 40", "More than"),
        ("about 300", "about"),
    ]


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier"),
    [
        ("Organisers counted 10,000+ runners at the start.", "10,000+", "+"),
        ("The shelling killed 30 or so civilians overnight.", "30 or so", "or so"),
        ("A unit of 40-odd marines held the bridge.", "40-odd", "odd"),
        ("The fire destroyed 500 or more homes.", "500 or more", "or more"),
    ],
)
def test_post_qualifiers(sentence: str, text: str, qualifier: str) -> None:
    f = only(sentence)
    assert (f.text, f.qualifier, f.approximate) == (text, qualifier, True)


def test_unqualified_figures_are_exact() -> None:
    found = figs("The army sent 2,400 troops and 30 tanks.")
    assert [(f.approximate, f.qualifier) for f in found] == [(False, None), (False, None)]


# --- ranges ----------------------------------------------------------------------


def test_from_to_range_gives_both_ends_with_shared_noun() -> None:
    found = figs("Estimates ranged from 70,000 to 85,000 troops along the front.")
    assert [(f.text, f.value, f.unit) for f in found] == [
        ("70,000", 70000.0, "troops"),
        ("85,000", 85000.0, "troops"),
    ]


def test_range_shares_scale_currency_and_percent() -> None:
    found = figs(
        "Between 2 and 3 million people fled; the $2-3 billion deal fell through; "
        "prices rose 10-15%."
    )
    assert [(f.value, f.unit) for f in found] == [
        (2e6, "people"),
        (3e6, "people"),
        (2e9, "USD"),
        (3e9, "USD"),
        (10.0, "percent"),
        (15.0, "percent"),
    ]


def test_scores_are_not_ranges() -> None:
    assert figs("The home side won 3-1, and the court ruled 5-4 on Friday.") == []


# --- hyphenated compounds --------------------------------------------------------


def test_hyphenated_compounds() -> None:
    found = figs(
        "The 32-member alliance sent a 1,500-strong force, and a 500-pound bomb hit "
        "a 10-storey block."
    )
    assert [(f.text, f.value, f.noun, f.unit) for f in found] == [
        ("32", 32.0, "member", "member"),
        ("1,500", 1500.0, "force", "troops"),
        ("500", 500.0, "pound", "lb"),
        ("10", 10.0, "storey", "storey"),
    ]


# --- things that are not figures ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks began in 2022 and have stalled since 2017.",
        "The deal dates from 2016.",
        "Turnout fell sharply in the 2016 election.",
        "The 2014-15 season and the 1939-1945 war were cited.",
        "Analysts expect the 2022's losses to be revised.",
        "Figures for the summer of 2021 were revised between 2010 and 2015.",
        # The preposition decides even when a plural noun follows.
        "In 2019 protesters filled the square.",
        "Since 2014 soldiers have guarded the line.",
    ],
)
def test_years_are_not_figures(sentence: str) -> None:
    assert figs(sentence) == []


def test_year_like_number_with_counted_noun_is_a_figure() -> None:
    f = only("Officials said 2000 troops crossed the river.")
    assert (f.value, f.unit) == (2000.0, "troops")


@pytest.mark.parametrize(
    "sentence",
    [
        "The summit opened on 25 June in Vilnius.",
        "The ceasefire was signed on June 25, 2018, in Singapore.",
        "Celebrations on 4 July were muted.",
        "Talks resume on the 3rd of March.",
        "Markets closed early on Dec. 24 this year.",
    ],
)
def test_dates_are_not_figures(sentence: str) -> None:
    assert figs(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The strike began at 3pm local time.",
        "The first blast was heard at 09:12 on Tuesday.",
        "Polls close at 8 p.m. in the east.",
        "Trading halted at 1400 GMT.",
        "The raid began at 0300 on Sunday.",
    ],
)
def test_clock_times_are_not_figures(sentence: str) -> None:
    assert figs(sentence) == []


def test_ordinals_are_not_figures() -> None:
    text = "It was the first vote since the 70th session, the second-highest turnout, on the 1st."
    assert figs(text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Beijing cites Resolution 2758 in every statement.",
        "Allies debated invoking Article 5 on Thursday.",
        "He is the party's No. 2 and lives at No 10.",
        "Flight 17 was downed over the region.",
        "The carrier grounded every Boeing 737 after the crash.",
        "The number two official resigned.",
    ],
)
def test_labels_and_ranks_are_not_figures(sentence: str) -> None:
    assert figs(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Leaders of the G7 met as COVID-19 cases rose.",
        "The air force received F-16 jets and 5G masts went up.",
        "Music from the 1990s played as flight MH17 was remembered.",
        "The 24/7 hotline opened.",
    ],
)
def test_identifiers_are_not_figures(sentence: str) -> None:
    assert figs(sentence) == []


def test_phone_numbers_are_not_figures() -> None:
    assert figs("Call +44 20 7946 0958, (202) 555-0143 or 555-867-5309 for details.") == []


def test_offset_is_added_to_spans() -> None:
    sentence = "Roughly 4,500 homes lost power."
    article = "Storm update. " + sentence
    found = find_figures(sentence, offset=14)
    assert len(found) == 1
    f = found[0]
    assert article[f.start : f.end] == f.text == "Roughly 4,500"


# --- parse_number -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,500", 1500.0),
        ("10,000", 10000.0),
        ("3000", 3000.0),
        ("1.5 million", 1_500_000.0),
        ("2.3bn", 2_300_000_000.0),
        ("$4.2 billion", 4_200_000_000.0),
        ("€30m", 30_000_000.0),
        ("45%", 45.0),
        ("45 per cent", 45.0),
        ("-3.5", -3.5),
        ("five", 5.0),
        ("Twenty-five", 25.0),
        ("ten thousand", 10000.0),
        ("a dozen", 12.0),
        ("half a million", 500_000.0),
        ("hundreds of", 200.0),
        ("one hundred and twenty-three thousand four hundred and five", 123_405.0),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "first", "70th", "troops", "1,50", "1,500 troops", "thousand", "nan", "1e5", "9" * 400],
)
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


# --- properties -------------------------------------------------------------------------

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = [(10**9, "billion"), (10**6, "million"), (10**3, "thousand")]


def _below_hundred(n: int, hyphen: bool) -> str:
    if n < 20:
        return _SMALL[n]
    tens, units = divmod(n, 10)
    if not units:
        return _TENS[tens - 2]
    return f"{_TENS[tens - 2]}{'-' if hyphen else ' '}{_SMALL[units]}"


def _below_thousand(n: int, hyphen: bool, british: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_SMALL[hundreds]} hundred")
    if rest:
        if hundreds and british:
            parts.append("and")
        parts.append(_below_hundred(rest, hyphen))
    return " ".join(parts)


def to_words(n: int, hyphen: bool = True, british: bool = False) -> str:
    """English cardinal for 0 <= n < 10**12, independent of the code under test."""
    if n == 0:
        return "zero"
    parts = []
    for size, name in _SCALES:
        count, n = divmod(n, size)
        if count:
            parts.append(f"{_below_thousand(count, hyphen, british)} {name}")
    if n:
        if parts and british and n < 100:
            parts.append("and")
        parts.append(_below_thousand(n, hyphen, british))
    return " ".join(parts)


def test_word_generator_is_sane() -> None:
    assert to_words(1_002_003, british=True) == "one million two thousand and three"
    assert to_words(45) == "forty-five"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_thousands_separators_round_trip(n: int) -> None:
    assert parse_number(format(n, ",")) == n


@given(
    st.integers(min_value=0, max_value=10**12 - 1),
    st.booleans(),
    st.booleans(),
    st.sampled_from([str.lower, str.capitalize, str.upper]),
)
def test_number_words_round_trip(
    n: int, hyphen: bool, british: bool, case: Callable[[str], str]
) -> None:
    words = case(to_words(n, hyphen, british))
    assert parse_number(words) == n


@given(st.integers(min_value=2, max_value=10**9), st.booleans())
def test_number_words_found_in_sentences(n: int, hyphen: bool) -> None:
    words = to_words(n, hyphen)
    text = f"Officials said {words} people were evacuated."
    f = only(text)
    assert (f.value, f.text, f.unit) == (n, words, "people")


@given(
    st.integers(min_value=0, max_value=10**12).filter(lambda n: n != 1),
    st.sampled_from(["troops", "people"]),
)
def test_grouped_digits_found_in_sentences(n: int, noun: str) -> None:
    text = f"The agency said {n:,} {noun} had crossed."
    f = only(text)
    assert (f.value, f.unit) == (n, noun)


_NEWSY = st.sampled_from(
    [
        " ",
        ",",
        ".",
        "-",
        "−",
        "$",
        "€",
        "%",
        "1,500",
        "2022",
        "3.5",
        "one",
        "twenty",
        "a dozen",
        "half a",
        "hundred",
        "million",
        "bn",
        "m",
        "hundreds of",
        "about",
        "more than",
        "or so",
        "+",
        "troops",
        "North Korean",
        "June",
        "in",
        "No.",
        "Article",
        "-strong",
        "thirds",
        "'s",
        "\n",
        "pm",
        ":",
        "/",
    ]
)


@settings(max_examples=300)
@given(
    st.text() | st.lists(_NEWSY | st.text(max_size=3), max_size=30).map("".join), st.integers(0, 50)
)
def test_find_figures_never_raises_and_spans_match(text: str, offset: int) -> None:
    found = find_figures(text, offset)
    previous_end = offset
    for f in found:
        assert text[f.start - offset : f.end - offset] == f.text
        assert f.text
        assert f.start >= previous_end
        previous_end = f.end
        assert f.approximate == (f.qualifier is not None)
    parse_number(text)


def test_long_article_finds_every_figure() -> None:
    paragraph = (
        "The ministry said approximately 3,000 troops had arrived since June 2023, "
        "while some 1,200 civilians fled. Officials in the capital declined to comment "
        "on the deployment, which analysts described as the largest in a decade. "
    )
    article = paragraph * 20  # about 4,600 characters, two figures per paragraph
    found = find_figures(article)
    assert len(found) == 40
    assert {f.value for f in found} == {3000, 1200}


_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9}


@settings(max_examples=100)
@given(st.integers(1, 999), st.integers(0, 9), st.sampled_from(sorted(_SCALE_WORDS)))
def test_decimals_with_a_scale_word_round_trip(whole: int, tenth: int, scale: str) -> None:
    numeral = f"{whole}.{tenth} {scale}"
    expected = (whole + tenth / 10) * _SCALE_WORDS[scale]
    value = parse_number(numeral)
    assert value is not None and math.isclose(value, expected)
    f = only(f"The agency said {numeral} people were affected.")
    assert f.text == numeral
    assert math.isclose(f.value, expected)
    assert f.unit == "people"


@settings(max_examples=100)
@given(
    st.sampled_from(["approximately", "about", "around", "nearly", "more than", "some"]),
    st.integers(min_value=2, max_value=10**9),
)
def test_qualified_grouped_numbers_round_trip(qualifier: str, n: int) -> None:
    f = only(f"Officials said {qualifier} {n:,} people had left.")
    assert (f.text, f.value, f.unit) == (f"{qualifier} {n:,}", n, "people")
    assert (f.qualifier, f.approximate) == (qualifier, True)


# --- thresholds and parts (readings.py) --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment rose above the 3 percent level for the first time.",
        "Inflation is expected to exceed the 2% target this year.",
        "The ministry set a cap of 10,000 refugees a year.",
        "The death toll passed the 100 mark on Sunday.",
        "Drivers must keep under the 30 mph limit near schools.",
    ],
)
def test_a_threshold_is_no_reading(text: str) -> None:
    assert figs(text) == []


def test_a_reading_beside_a_threshold_is_kept() -> None:
    found = figs("Against a target of 2 percent, inflation reached 2.6 percent in May.")
    assert [(f.value, f.unit) for f in found] == [(2.6, "percent")]


def test_a_part_of_a_count_is_a_lower_bound() -> None:
    from claimtrack.link.quantities import compatible, interval

    part = figs("Two plants will close in the north and another in the south.")[0]
    assert (part.value, part.unit, part.approximate) == (2.0, "plant", True)
    assert interval(part) == (2.0, math.inf)
    total = only("Three plants will close.")
    assert compatible(part, total)
    assert not compatible(only("Two plants will close."), total)


def test_counted_nouns_that_look_like_thresholds_stay_counts() -> None:
    assert [f.value for f in figs("He scored two goals and the tower has 30 floors.")] == [2, 30]


# --- counts stated as none (zeros.py) -----------------------------------------


@pytest.mark.parametrize(
    ("text", "outcomes"),
    [
        ("No one was killed in the blast, the agency said.", ["killed"]),
        ("Nobody was seriously hurt when the ferry ran aground.", ["injured"]),
        ("None of the passengers were injured.", ["injured"]),
        ("There were no casualties among the crew.", ["killed", "injured"]),
        ("Police said no arrests had been made.", ["arrested"]),
    ],
)
def test_a_definite_none_is_a_count_of_zero(text: str, outcomes: list[str]) -> None:
    found = figs(text)
    assert [(f.value, f.unit, f.outcome) for f in found] == [(0, "people", o) for o in outcomes]


@pytest.mark.parametrize(
    "text",
    [
        "There were no immediate reports of injuries.",
        "Officials gave no word on casualties.",
        "The city has a no-deaths target for its roads.",
        "No one knows how many were there.",
    ],
)
def test_an_absence_of_reports_is_no_count(text: str) -> None:
    assert figs(text) == []


def test_a_zero_toll_is_a_figure_group_beside_the_other_toll(tmp_path: Path) -> None:
    from claimtrack.ingest.pipeline import ingest
    from claimtrack.link.linker import Linker
    from claimtrack.query.figures import figures
    from claimtrack.store.database import open_store

    (tmp_path / "a.md").write_text(
        "---\ntitle: Harbour fire at the depot\npublished: 2026-03-02\n---\n\n"
        "The fire brigade said no one was injured in the depot fire on Monday.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text(
        "---\ntitle: Harbour fire at the depot\npublished: 2026-03-02\n---\n\n"
        "Hospital staff said 14 people were injured in the depot fire on Monday.\n",
        encoding="utf-8",
    )
    with open_store(f"sqlite:///{tmp_path / 'z.db'}") as store:
        ingest(store, [str(tmp_path / "a.md"), str(tmp_path / "b.md")])
        groups = figures(Linker(store), "people injured")
    assert sorted((g.value, g.quantity) for g in groups) == [
        (0, "people injured"),
        (14, "people injured"),
    ]


# --- temperatures -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The thermometer read 35°C at noon.", "°C"),
        ("Crews fought the fire in minus 17 degrees Celsius.", "°C"),
        ("It was 95 °F in the shade.", "°F"),
        ("Highs of 104 degrees Fahrenheit are forecast.", "°F"),
        ("The pipe was bent at a 90 degree angle.", "degrees"),
    ],
)
def test_a_temperature_reads_its_scale(text: str, unit: str) -> None:
    assert only(text).unit == unit


def test_celsius_and_fahrenheit_compare_in_one_scale() -> None:
    from claimtrack.link.quantities import compatible, figure_key

    hot_f, hot_c = figs("Highs of 95°F (35°C) are forecast.")
    assert figure_key(hot_f) == figure_key(hot_c) == "temperature"
    assert compatible(hot_f, hot_c)
    assert not compatible(only("Highs of 50°F are forecast."), hot_c)


# --- a decimal point with no digit before it ----------------------------------


@pytest.mark.parametrize(
    ("text", "value", "written"),
    [
        ("Rates rose .5 percent in May.", 0.5, ".5 percent"),
        ("He carried a .38-caliber revolver.", 0.38, ".38"),
        ("The index fell by .25 points (.25).", 0.25, ".25"),
    ],
)
def test_a_leading_decimal_point_is_a_fraction(text: str, value: float, written: str) -> None:
    first = figs(text)[0]
    assert (first.value, first.text) == (value, written)


@given(st.from_regex(r"[0-9]{0,5}[1-9]", fullmatch=True))
def test_any_leading_point_number_reads_as_its_decimal(digits: str) -> None:
    found = only(f"Prices rose .{digits} percent last month.")
    assert math.isclose(found.value, float(f"0.{digits}"))
    assert found.text == f".{digits} percent"


def test_bullets_and_shots_are_one_unit_and_rounds_are_not() -> None:
    assert [f.unit for f in figs("Police fired 41 shots; seven bullets hit the car.")] == [
        "shots",
        "shots",
    ]
    assert only("The talks went to three rounds.").unit == "round"


def test_a_hyphenated_minus_is_a_sign_and_degrees_measure_what_follows() -> None:
    found = only("Crews worked in minus-20 degree temperatures overnight.")
    assert (found.value, found.unit, found.text) == (-20, "degrees", "minus-20")
    assert figs("An F-16 jet and COVID-19 figures") == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The quake struck at a depth of 10 kilometres (6 miles).", [(10, "km")]),
        ("It was 6.2 miles (10 km) deep.", [(6.2, "miles")]),
        ("The club paid £40m ($52m) for him.", [(40_000_000, "GBP")]),
        ("It weighed 2 tonnes (4,400 lb).", [(2, "t")]),
        ("He ran 5 km (3 miles) and then 10 km.", [(5, "km"), (10, "km")]),
        ("Police held 12 people (three of them minors).", [(12, "people"), (3, None)]),
    ],
)
def test_a_conversion_in_brackets_is_no_reading_of_its_own(
    text: str, kept: list[tuple[float, str | None]]
) -> None:
    assert [(f.value, f.unit) for f in figs(text)] == kept
