"""Claim matching as pure functions: terms, figures, and the relation `compare` proposes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.extraction.numbers import find_figures
from claimtrack.link.compare import (
    SHORT_TERMS,
    SUGGEST,
    claim_terms,
    compare,
    features,
    prepare,
    prepared_features,
    terms,
)
from claimtrack.link.quantities import figure_label, same_number
from claimtrack.models import Claim, Figure, Relation, Stance


def claim(
    text: str,
    *,
    article_id: int | None = 1,
    speaker: str | None = "National Emergency Agency",
    start: int = 0,
    sentence: str | None = None,
    stance: Stance = Stance.assert_,
) -> Claim:
    """A claim as the extractor would give it, figures included, without an article."""
    sentence = sentence if sentence is not None else text
    return Claim(
        article_id=article_id,
        speaker=speaker,
        speaker_mention=speaker or "",
        cue="said",
        text=text,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        stance=stance,
        figures=find_figures(text),
    )


def figure(value: float, *, approximate: bool = False, unit: str | None = "deaths") -> Figure:
    return Figure(value=value, unit=unit, text=str(value), approximate=approximate, start=0, end=1)


TOLL = "42 deaths were confirmed in the flood after the Rio Seco dam burst"
FLOOD = "the Rio Seco dam burst flooded villages in northern Bolivia"


# --- terms ---


def test_terms_fold_demonyms_units_and_plurals() -> None:
    a = set(terms("10,000 North Korean soldiers were deployed to Russia"))
    b = set(terms("troops from North Korea have been deployed in Russia"))
    assert {"north", "korea", "russia", "#troops"} <= a & b
    assert "deploy" in a & b  # "deployed" and "deployment" meet at the stem


def test_terms_drop_stop_words_numbers_and_cue_words() -> None:
    found = terms("The agency said that 42 people had allegedly died on Monday")
    assert "said" not in found and "that" not in found and "monday" not in found
    assert "allegedly" not in found  # a hedge is stance, not topic
    assert not any(t[0].isdigit() for t in found)
    assert "agency" in found


def test_claim_terms_add_the_unit_of_each_figure() -> None:
    assert "#deaths" in claim_terms(claim(TOLL))


def test_anaphoric_denial_is_matched_on_its_sentence() -> None:
    denial = claim(
        "these claims",
        sentence="The ministry denied these claims about deaths at the Rio Seco dam.",
        stance=Stance.deny,
    )
    assert {"rio", "seco", "dam"} <= claim_terms(denial)


# --- compare: the relations ---


def test_same_proposition_from_two_outlets_corroborates() -> None:
    a = claim("North Korea has sent 10,000 troops to Russia to fight in Ukraine", article_id=1)
    b = claim(
        "about 10,000 North Korean soldiers have been sent to Russia to fight in Ukraine",
        article_id=2,
        speaker="NATO",
    )
    proposal = compare(a, b)
    assert proposal is not None
    assert proposal.relation is Relation.corroborates
    assert proposal.score >= 72.0
    assert "same figure for troops" in proposal.reason
    assert not proposal.short


def test_denial_of_the_proposition_contradicts() -> None:
    asserted = claim("the Rio Seco dam burst caused deaths in the flood", article_id=1)
    denied = claim(
        "the Rio Seco dam burst caused deaths in the flood",
        article_id=2,
        speaker="Ministry of Public Works",
        stance=Stance.deny,
    )
    proposal = compare(asserted, denied)
    assert proposal is not None
    assert proposal.relation is Relation.contradicts
    assert proposal.reason == "Ministry of Public Works denies what the other asserts"


def test_a_source_denying_another_aspect_of_its_own_claim_is_not_a_dispute() -> None:
    stolen = "hackers stole the names and phone numbers of 2 million Volta customers"
    said = claim(stolen, article_id=1, speaker="Volta Telecom")
    denied = claim(
        "hackers stole the passwords of Volta customers",
        article_id=2,
        speaker="Volta Telecom",
        stance=Stance.deny,
    )
    proposal = compare(said, denied)
    assert proposal is not None
    assert proposal.relation is Relation.related and proposal.short
    assert proposal.reason == "Volta Telecom asserts one thing and denies another"
    # The same denial from someone else does contradict.
    other = compare(claim(stolen, article_id=1, speaker="Data Protection Authority"), denied)
    assert other is not None and other.relation is Relation.contradicts


def test_differing_figures_for_the_same_unit_contradict() -> None:
    a = claim(TOLL, article_id=1)
    b = claim(TOLL.replace("42", "60"), article_id=2, speaker="Valley Doctors Association")
    proposal = compare(a, b)
    assert proposal is not None
    assert proposal.relation is Relation.contradicts
    assert proposal.reason == "figures differ: 42 vs 60 people killed"


def test_partial_overlap_is_related() -> None:
    a = claim(FLOOD, article_id=1)
    b = claim(
        "villages in northern Bolivia were evacuated before the river rose",
        article_id=2,
        speaker="Red Cross",
    )
    proposal = compare(a, b)
    assert proposal is not None
    assert proposal.relation is Relation.related
    assert SUGGEST <= proposal.score < 62.0
    assert proposal.reason == "overlapping content"


def test_claims_about_different_things_are_not_linked() -> None:
    flood = claim(FLOOD, article_id=1)
    football = claim(
        "the team would return home to Bolivia on Monday to celebrate the title with fans",
        article_id=2,
        speaker="Luis Mendoza",
    )
    assert compare(flood, football) is None  # sharing a country name is not a proposition
    bank = claim("the central bank will raise interest rates next month", article_id=3)
    assert compare(flood, bank) is None


def test_claims_with_no_terms_are_not_linked() -> None:
    assert compare(claim("it is", article_id=1), claim("it is", article_id=2)) is None


# --- compare: pairs that are not two sources ---


def test_same_speaker_in_the_same_article_is_not_linked() -> None:
    first = claim(TOLL, article_id=7, start=0)
    again = claim(TOLL, article_id=7, start=200)
    assert compare(first, again) is None
    # The same words from the same speaker in another article are a second report.
    assert compare(first, claim(TOLL, article_id=8)) is not None


def test_two_claims_of_one_sentence_are_not_linked() -> None:
    sentence = (
        "The agency said 42 deaths were confirmed after the Rio Seco dam burst, "
        "although the ministry denied the Rio Seco dam burst caused deaths."
    )
    said = claim(
        "42 deaths were confirmed after the Rio Seco dam burst",
        article_id=3,
        speaker="National Emergency Agency",
        sentence=sentence,
    )
    denied = claim(
        "the Rio Seco dam burst caused deaths",
        article_id=3,
        speaker="Ministry of Public Works",
        sentence=sentence,
        stance=Stance.deny,
    )
    assert compare(said, denied) is None
    # The very same pair from two articles is a contradiction.
    moved = denied.model_copy(update={"article_id": 4})
    proposal = compare(said, moved)
    assert proposal is not None and proposal.relation is Relation.contradicts


def test_other_speakers_in_separate_sentences_of_one_article_are_linked() -> None:
    a = claim(TOLL, article_id=5, start=0)
    b = claim(
        TOLL.replace("42", "60"), article_id=5, speaker="Valley Doctors Association", start=120
    )
    proposal = compare(a, b)
    assert proposal is not None and proposal.relation is Relation.contradicts


# --- figures ---


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (figure(42), figure(42), True),
        (figure(42), figure(43), False),  # two exact figures must be equal
        (figure(100), figure(95, approximate=True), True),
        (figure(100, approximate=True), figure(90), True),  # 10% exactly
        (figure(100, approximate=True), figure(89), False),
        (figure(3000, approximate=True), figure(3300, approximate=True), True),
        (figure(0), figure(0), True),
    ],
)
def test_same_number(a: Figure, b: Figure, same: bool) -> None:
    assert same_number(a, b) is same
    assert same_number(b, a) is same


def test_approximate_figure_within_ten_percent_corroborates() -> None:
    exact = claim("100 deaths were confirmed after the Rio Seco dam burst", article_id=1)
    about = claim(
        "about 95 deaths were confirmed after the Rio Seco dam burst",
        article_id=2,
        speaker="Red Cross",
    )
    proposal = compare(exact, about)
    assert proposal is not None
    assert proposal.relation is Relation.corroborates
    assert "same figure for people killed" in proposal.reason


def test_approximate_figure_beyond_ten_percent_contradicts() -> None:
    exact = claim("100 deaths were confirmed after the Rio Seco dam burst", article_id=1)
    about = claim(
        "about 85 deaths were confirmed after the Rio Seco dam burst",
        article_id=2,
        speaker="Red Cross",
    )
    proposal = compare(exact, about)
    assert proposal is not None
    assert proposal.relation is Relation.contradicts
    assert proposal.reason == "figures differ: 100 vs approximately 85 people killed"


def test_exact_figures_five_percent_apart_contradict() -> None:
    a = claim("100 deaths were confirmed after the Rio Seco dam burst", article_id=1)
    b = claim("95 deaths were confirmed after the Rio Seco dam burst", article_id=2, speaker="B")
    proposal = compare(a, b)
    assert proposal is not None and proposal.relation is Relation.contradicts


@pytest.mark.parametrize(
    ("value", "approximate", "label"),
    [
        (3000, True, "approximately 3,000"),
        (42, False, "42"),
        (1_500_000, False, "1,500,000"),
        (12.25, True, "approximately 12.25"),
        (2.5, False, "2.5"),
    ],
)
def test_figure_label(value: float, approximate: bool, label: str) -> None:
    assert figure_label(figure(value, approximate=approximate)) == label


@pytest.mark.parametrize("text", ["inflation rose 0.004 percent", "growth of 2.999 percent"])
def test_figure_label_of_a_small_fraction_is_a_number(text: str) -> None:
    (found,) = find_figures(text)
    assert not figure_label(found).endswith(".")


# --- short claims ---


def test_short_claims_are_marked_short() -> None:
    a = claim("the dam burst", article_id=1)
    b = claim("the dam burst", article_id=2, speaker="Red Cross")
    assert len(claim_terms(a)) < SHORT_TERMS
    proposal = compare(a, b)
    assert proposal is not None
    assert proposal.short
    # One short side is enough: a long restatement does not make "the dam burst" specific.
    long = claim(TOLL, article_id=3, speaker="Red Cross")
    mixed = compare(a, long)
    assert mixed is not None and mixed.short


# --- properties ---

words = st.sampled_from(
    "the dam burst flood Bolivia North Korean troops Russia denied 42 60 about "
    "nearly deaths villages said agency ministry rain 3,000 soldiers not".split()
)
texts = st.one_of(
    st.lists(words, min_size=1, max_size=14).map(" ".join),
    st.text(max_size=80),
)


@settings(max_examples=300, deadline=None)
@given(
    a=texts,
    b=texts,
    same_article=st.booleans(),
    stance_a=st.sampled_from(Stance),
    stance_b=st.sampled_from(Stance),
)
def test_compare_is_symmetric_and_never_raises(
    a: str, b: str, same_article: bool, stance_a: Stance, stance_b: Stance
) -> None:
    x = claim(a, article_id=1, speaker="A", start=0, stance=stance_a)
    y = claim(
        b, article_id=1 if same_article else 2, speaker="B", start=len(a) + 1, stance=stance_b
    )
    forward, backward = compare(x, y), compare(y, x)
    assert (forward is None) == (backward is None)
    if forward is not None and backward is not None:
        assert forward.relation is backward.relation
        assert forward.score == backward.score
        assert forward.short == backward.short
        assert SUGGEST <= forward.score <= 100.0


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=120))
def test_terms_never_raise_and_are_normalised(text: str) -> None:
    for term in terms(text):
        assert term == term.lower() or term.startswith("#")
        assert term.strip()
    compare(claim(text, article_id=1), claim(text, article_id=2, speaker="B"))


def test_features_share_one_string_per_word_across_claims() -> None:
    # A linker holds 200,000 claims' features: each word once in memory, also
    # when the features were computed in a worker process and pickled over.
    import pickle

    a = claim("Rescuers said 4,000 residents were evacuated from Orla.")
    b = claim("About 4,000 residents of Orla were evacuated, the agency said.", article_id=2)
    fa = features(a)
    fb = prepared_features(b, pickle.loads(pickle.dumps(prepare(b))))
    for mine, theirs in ((fa.terms, fb.terms), (fa.names, fb.names)):
        held = {word: word for word in theirs}
        shared = [word for word in mine if word in held]
        assert shared
        assert all(held[word] is word for word in shared)
