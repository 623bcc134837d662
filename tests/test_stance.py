"""Stance on the sentence shapes real news uses to deny, and those it uses not to."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.extraction.stance import stance
from claimtrack.models import Stance


@pytest.mark.parametrize(
    "content",
    [
        "the merger does not change the chip maker's server strategy",
        "he’s not backing any particular candidate",
        "Mr. Halvorsen never contacted anyone at the auction site",
        "the emails released on Tuesday had no bearing on the foundation's work",
        "Neither of these emails involve the minister",
        "no threats were made",
        "there will be no real change",
        "the report is totally ludicrous",
        "the story was a hoax",
        "he is innocent of the charges",
        "the auction site was not prepared for the traffic",
        "Beyond all the declarations, there will be no real change",
        "In fact, neither plan would have any major impact on taxes",
        "the councillor is “absolutely wrong” to say so",
        "the original site, HarbourBid.com, was not prepared for the traffic",
        "That cannot be true",
        "Sorry, but the item you requested is no longer in the system",
        "I’m not.",
        "he did not, but was referring to the same attitude",
        "Harbour Victim’s Father ‘Absolutely Wrong’ to Call Me a Liar",
        "The paper may think I’m really radical. I’m not.",  # a short rebuttal after
        "I don’t think this is a town which is in decline at all",  # a fact rejected
        "I do not believe the ferry was late",
    ],
)
def test_negated_main_clause_or_branded_falsehood_is_a_denial(content: str) -> None:
    assert stance("say", content) is Stance.deny


@pytest.mark.parametrize(
    "content",
    [
        "I don't want to run again",  # a wish
        "we will not back down",  # a plan
        "Seoul would not sit idly by",  # an intention
        "their merger would not create a negative impact on the foundry",  # a prediction
        "I don’t think charges will be filed",  # an opinion
        "I don't think we should go",  # advice
        "I don't think it is going to happen",  # a prediction
        "people should not travel unless necessary",  # advice
        "the troops will not leave until March",  # timing
        "It is not a skating rink, but it is real",  # a contrast
        "If he does not win, the party will split",  # a condition
        "it was not immediately clear who fired first",
        "Several of the men were not pleased with her approach",  # a feeling
        "The town cannot afford another closure",  # a judgement of means
        "Is it not true that prices rose?",  # a question
        "turnout reached 61 percent",
        "the council said it would publish the figures, which were not final",
    ],
)
def test_negated_wish_plan_opinion_or_deeper_negation_stays_an_assertion(content: str) -> None:
    assert stance("say", content) is Stance.assert_


def test_denial_cues_deny_whatever_the_content() -> None:
    assert stance("deny", "the company paid the bribes") is Stance.deny
    assert stance("dismiss", "claims of fraud as rumours") is Stance.deny


@given(st.text(max_size=300))
def test_stance_is_total_on_any_text(content: str) -> None:
    assert stance("say", content) in (Stance.assert_, Stance.deny)


@pytest.mark.parametrize(
    "content",
    [
        "no one was killed when the ferry ran aground",
        "there were no casualties among the crew",
        "nobody was seriously hurt in the blast",
    ],
)
def test_a_count_of_none_asserts(content: str) -> None:
    """It states a toll of 0 (numbers/zeros.py), which figures compare; it denies nothing."""
    assert stance("said", content) is Stance.assert_


def test_a_count_of_none_beside_a_denial_still_denies() -> None:
    assert stance("said", "nobody was hurt and the fire was not arson") is Stance.deny
