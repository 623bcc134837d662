"""Outcomes: what happened to what a figure counts, and why it keeps quantities apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.extraction.claims import extract
from claimtrack.extraction.numbers import find_figures
from claimtrack.link.compare import compare
from claimtrack.link.linker import Linker
from claimtrack.link.quantities import (
    base_value,
    compatible,
    figure_label,
    quantity_key,
    same_number,
)
from claimtrack.models import Article, Claim, Relation
from claimtrack.query.disputes import disputes
from claimtrack.query.figures import figures
from claimtrack.store.database import Store


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least five people were killed, 250 others injured and more than 800 homes "
            "destroyed by the quake.",
            [(5, "people", "killed"), (250, "people", "injured"), (800, "home", "destroyed")],
        ),
        (
            "12 people had been killed and 20 wounded in the bombing.",
            [(12, "people", "killed"), (20, "people", "injured")],
        ),
        ("The blast has killed 40 people in the market.", [(40, "people", "killed")]),
        ("Police arrested 12 protesters on Friday.", [(12, "protester", "arrested")]),
        ("The storm damaged 42 government buildings.", [(42, "building", "damaged")]),
        ("42 deaths had been confirmed by Tuesday.", [(42, "deaths", "killed")]),
        ("North Korea sent 12,000 troops to the front.", [(12000, "troops", None)]),
        ("About 300 people gathered in the square.", [(300, "people", None)]),
    ],
)
def test_the_outcome_is_read_after_the_figure_or_from_the_verb_before(
    text: str, expected: list[tuple[float, str, str | None]]
) -> None:
    assert [(f.value, f.unit, f.outcome) for f in find_figures(text)] == expected


def test_one_quantity_is_the_unit_and_its_outcome() -> None:
    assert quantity_key("deaths", None) == "people killed"
    assert quantity_key("residents", "injured") == "people injured"
    assert quantity_key("troops", None) == "troops"
    assert quantity_key(None, "killed") is None


def _claim(text: str, speaker: str, article: int) -> Claim:
    return Claim(
        speaker=speaker,
        speaker_mention=speaker,
        cue="said",
        text=text,
        sentence=text,
        start=0,
        end=len(text),
        article_id=article,
        figures=find_figures(text),
    )


def test_a_toll_of_dead_does_not_contradict_a_count_of_injured() -> None:
    dead = _claim("five people were killed in the quake in the Harbourton valley", "agency", 1)
    hurt = _claim("250 people were injured in the quake in the Harbourton valley", "office", 2)
    proposal = compare(dead, hurt)
    assert proposal is None or proposal.relation is not Relation.contradicts


def test_two_tolls_of_dead_contradict() -> None:
    a = _claim("five people were killed in the quake in the Harbourton valley", "agency", 1)
    b = _claim("nine people were killed in the quake in the Harbourton valley", "office", 2)
    proposal = compare(a, b)
    assert proposal is not None and proposal.relation is Relation.contradicts
    assert proposal.reason == "figures differ: 5 vs 9 people killed"


def test_an_outcome_one_side_leaves_unsaid_may_still_agree() -> None:
    a = _claim("240 passengers were evacuated from the ferry near Corran Island", "firm", 1)
    b = _claim("about 240 passengers were taken off the ferry near Corran Island", "coast", 2)
    proposal = compare(a, b)
    assert proposal is not None and proposal.relation is Relation.corroborates


@given(st.text(max_size=120))
def test_outcomes_never_raise(text: str) -> None:
    for figure in find_figures(text):
        assert figure.outcome is None or isinstance(figure.outcome, str)


def test_figures_keep_the_dead_apart_from_the_injured(store: Store) -> None:
    linker = Linker(store)
    for name, text in [
        ("wire", "Quake in Harbourton\n\nThe agency said 5 people were killed by the quake.\n"),
        ("post", "Quake in Harbourton\n\nThe agency said 250 people were injured by the quake.\n"),
        ("mail", "Quake in Harbourton\n\nDoctors said 7 people were killed by the quake.\n"),
    ]:
        stored = store.add(extract(Article(text=text, outlet=name, path=f"{name}.txt")))
        assert stored.article_id is not None
        linker.link_article(stored.article_id)
    groups = figures(linker, "people")
    assert [(g.quantity, g.label) for g in groups] == [
        ("people injured", "250"),
        ("people killed", "5"),
        ("people killed", "7"),
    ]
    (dispute,) = disputes(linker)
    assert dispute.topic.startswith("people killed: 5 vs 7")


@pytest.mark.parametrize(
    ("a", "b", "may_both_hold"),
    [
        ("more than $2 billion", "$2.5 billion", True),
        ("at least 24 people", "26 people", True),
        ("at least 120 people", "about 200 people", True),
        ("about 200 people", "134 people", False),
        ("no more than 9 percent", "14 percent", False),
        ("up to 10,000 troops", "3,000 troops", True),
        ("nearly 3,000 troops", "3,100 troops", False),
        ("42 people", "44 people", False),
        ("dozens of people", "60 people", True),
    ],
)
def test_figures_are_intervals(a: str, b: str, may_both_hold: bool) -> None:
    (fa,) = find_figures(a)
    (fb,) = find_figures(b)
    assert compatible(fa, fb) is may_both_hold
    assert compatible(fb, fa) is may_both_hold


def test_figures_that_may_both_hold_are_related_not_a_contradiction() -> None:
    a = _claim("more than 200 people were killed in the quake in the Harbourton valley", "x", 1)
    b = _claim("250 people were killed in the quake in the Harbourton valley", "y", 2)
    proposal = compare(a, b)
    assert proposal is not None and proposal.relation is Relation.related
    assert proposal.reason.startswith("figures may both hold")


def test_generic_sources_are_scoped_to_their_article(store: Store) -> None:
    linker = Linker(store)
    for name, text in [
        ("wire", "Flood in Harbourton\n\nOfficials said 42 people were killed in the flood.\n"),
        ("post", "Harbourton flood\n\nOfficials said 42 people were killed in the flood.\n"),
        ("mail", "Fire in Ostrel\n\nOfficials said the fire was out by noon.\n"),
    ]:
        stored = store.add(extract(Article(text=text, outlet=name, path=f"{name}.txt")))
        assert stored.article_id is not None
        linker.link_article(stored.article_id)
    claims = store.claims()
    assert [c.speaker for c in claims] == ["Officials"] * 3
    assert len({c.speaker_id for c in claims}) == 3  # one record per article, never shared
    (group,) = figures(linker, "people killed")
    assert group.independent_sources == 2  # each outlet's unnamed officials count once


def test_a_body_named_by_its_kind_alone_is_scoped_to_its_article(store: Store) -> None:
    """'Police' in a riot story and in a shooting story are two forces; 'Ostrel police' is one."""
    linker = Linker(store)
    for name, text in [
        ("wire", "Riot in Harbourton\n\nPolice said 46 people were arrested overnight.\n"),
        ("post", "Shooting in Ostrel\n\nThe police said two officers fired at the suspect.\n"),
        ("mail", "Ostrel shooting\n\nOstrel police said two officers fired at the suspect.\n"),
        ("star", "Ostrel inquiry\n\nOstrel police said the inquiry would take a month.\n"),
    ]:
        stored = store.add(extract(Article(text=text, outlet=name, path=f"{name}.txt")))
        assert stored.article_id is not None
        linker.link_article(stored.article_id)
    ids = {c.outlet: c.speaker_id for c in store.claims()}
    assert len({ids["wire"], ids["post"], ids["mail"]}) == 3
    assert ids["mail"] == ids["star"]


def test_a_length_says_what_it_measures() -> None:
    text = "The quake struck at a depth of just 10 kilometres, 55 km south of the town."
    assert [(f.value, f.unit, f.outcome) for f in find_figures(text)] == [
        (10, "km", "depth"),
        (55, "km", "distance"),
    ]
    assert quantity_key("km", "depth") == "depth"  # not one quantity with the distance
    assert quantity_key("km", None) == quantity_key("miles", None) == "length"


def test_units_of_one_family_are_compared_in_one_unit() -> None:
    (under_two_km,) = find_figures("under 2 km")
    (about_six_miles,) = find_figures("about six miles")
    (about_ten_km,) = find_figures("about 9.5 km")
    assert not compatible(under_two_km, about_six_miles)
    assert compatible(about_six_miles, about_ten_km)
    assert same_number(about_six_miles, about_ten_km)
    assert figure_label(about_six_miles) == "approximately 6 miles"
    # "10 kilometres" and "6 miles": a conversion is rounded, so no dispute between them
    # (and "10 kilometres (6 miles)" is one reading: the bracket restates it).
    (ten_km,) = find_figures("at a depth of 10 kilometres (6 miles)")
    (six_miles,) = find_figures("at a depth of 6 miles")
    assert same_number(ten_km, six_miles) and compatible(ten_km, six_miles)
    (half,) = find_figures("a 50 percent share")
    assert base_value(half) == 50


@pytest.mark.parametrize(
    ("inside", "outside"),
    [
        (
            "about 70 rioters gathered outside the station on Monday night",
            "130 rioters gathered outside the station on Monday night",
        ),
        (
            "12 people were hurt when the stand collapsed at the stadium",
            "40 people were hurt when the stand collapsed at the stadium",
        ),
    ],
)
def test_a_range_is_one_interval(inside: str, outside: str) -> None:
    ranged = {
        "r": "between 60 and 100 rioters gathered outside the station on Monday night",
        "p": "10-15 people were hurt when the stand collapsed at the stadium",
    }["r" if "rioters" in inside else "p"]
    found = find_figures(ranged)
    assert [f.qualifier for f in found] == ["from", "up to"]
    within = compare(_claim(ranged, "x", 1), _claim(inside, "y", 2))
    assert within is None or within.relation is not Relation.contradicts
    beyond = compare(_claim(ranged, "x", 1), _claim(outside, "y", 2))
    assert beyond is not None and beyond.relation is Relation.contradicts


def test_or_fewer_is_an_upper_bound() -> None:
    (few,) = find_figures("They have 500 or fewer troops left.")
    assert (few.unit, few.qualifier) == ("troops", "or fewer")
    assert not compatible(few, find_figures("600 troops")[0])
    assert compatible(few, find_figures("about 450 troops")[0])
