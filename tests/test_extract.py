"""Extraction on news-style text written for these tests (not from the seeds)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.extraction.claims import extract
from claimtrack.models import Article, Claim, QuoteKind, SpeakerKind, Stance


def claims_of(text: str) -> list[Claim]:
    result = extract(Article(text=text))
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.sentence
    return result.claims


def only(text: str) -> Claim:
    found = claims_of(text)
    assert len(found) == 1, [(c.speaker, c.cue, c.text) for c in found]
    return found[0]


def test_leading_said_that_with_title_stripped() -> None:
    c = only(
        "Brazilian Health Minister Ana Costa said on Monday that 2,400 nurses had been "
        "hired since March."
    )
    assert c.speaker == "Ana Costa"
    assert c.speaker_mention == "Brazilian Health Minister Ana Costa"
    assert c.speaker_kind == SpeakerKind.person
    assert c.cue == "said"
    assert c.text == "2,400 nurses had been hired since March"
    assert c.quote == QuoteKind.indirect
    assert c.stance == Stance.assert_


def test_trailing_attribution_with_statement() -> None:
    c = only(
        "The plant will close by the end of the year, the Ministry of Industry said in a statement."
    )
    assert c.speaker == "Ministry of Industry"
    assert c.speaker_kind == SpeakerKind.government
    assert c.text == "The plant will close by the end of the year"


def test_inverted_said_name() -> None:
    c = only('"We are nowhere near a deal," said Senator Paul Whitaker.')
    assert c.speaker == "Paul Whitaker"
    assert c.quote == QuoteKind.direct
    assert c.text == "We are nowhere near a deal"


def test_according_to_leading_and_trailing() -> None:
    lead = only("According to the regional health authority, about 40 patients were evacuated.")
    assert lead.cue == "According to"
    assert lead.speaker == "regional health authority"
    assert lead.text == "about 40 patients were evacuated"
    trail = only("Turnout reached 61 percent, according to the electoral commission.")
    assert trail.speaker == "electoral commission"
    assert trail.text == "Turnout reached 61 percent"


def test_quoted_as_saying_gives_chain() -> None:
    c = only(
        "The state news agency quoted the defence minister Piotr Nowak as saying the drills "
        "would continue."
    )
    assert c.speaker == "Piotr Nowak"
    assert c.via == ["state news agency"]
    assert c.text == "the drills would continue"


def test_passive_quoted_by() -> None:
    text = (
        "Harbour official Lena Fischer spoke to reporters in the morning. "
        "“The dock is closed until further notice,” Fischer was quoted by Reuters as saying."
    )
    found = [c for c in claims_of(text) if c.cue.startswith("quoted")]
    assert len(found) == 1
    assert found[0].speaker == "Lena Fischer"
    assert found[0].via == ["Reuters"]
    assert found[0].quote == QuoteKind.direct


def test_inner_speaker_via_outer_reporter() -> None:
    c = only(
        "Mayor Dana Whitfield told the council that the budget gap was $12 million, "
        "the city's press office said."
    )
    assert c.speaker == "Dana Whitfield"
    assert c.via == ["city's press office"]
    assert [f.value for f in c.figures] == [12_000_000]


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The company denied that any customer data had been leaked.", "denied"),
        ("The embassy dismissed the reports as groundless speculation.", "dismissed"),
        ("The ministry rejected the accusation that it had hidden the test results.", "rejected"),
        ("Prosecutors refuted claims that the evidence had been tampered with.", "refuted"),
    ],
)
def test_denials_are_deny(sentence: str, cue: str) -> None:
    c = only(sentence)
    assert c.cue == cue
    assert c.stance == Stance.deny


def test_rejection_in_content_is_deny_and_plain_report_is_assert() -> None:
    deny = only("The spokesman said the exercises were not aimed against any neighbouring state.")
    assert deny.stance == Stance.deny
    plain = only("The spokesman said the exercises would last two weeks.")
    assert plain.stance == Stance.assert_


def test_pronoun_resolves_to_named_speaker() -> None:
    text = (
        "Coach Marta Lindqvist praised the defence after the match. "
        "“We finally looked like a team,” she said."
    )
    quotes = [c for c in claims_of(text) if c.cue == "said"]
    assert quotes[0].speaker == "Marta Lindqvist"
    assert quotes[0].speaker_mention == "she"


def test_namesakes_stay_apart() -> None:
    text = (
        "Finance Minister Lee Jae-sung said growth would slow. "
        "Opposition leader Lee Min-ho said the forecast was too optimistic. "
        "Mr Lee added that taxes would not rise."
    )
    found = claims_of(text)
    names = [c.speaker for c in found]
    assert names[:2] == ["Lee Jae-sung", "Lee Min-ho"]
    assert names[2] == "Lee Min-ho"  # the nearest Lee named earlier


def test_acronym_and_description_resolve_to_named_agency() -> None:
    text = (
        "The Federal Aviation Administration (FAA) said inspections would begin on Monday. "
        "The FAA said 120 aircraft were affected. "
        "According to the administration, no accidents have been linked to the fault."
    )
    found = claims_of(text)
    assert {c.speaker for c in found} == {"Federal Aviation Administration"}


def test_multi_paragraph_quote_is_one_claim() -> None:
    text = (
        "The union leader Tomas Varga said, “We will strike on Friday.\n\n"
        "“Nobody wants this, but the offer is an insult.”\n\n"
        "Talks resume next week."
    )
    c = only(text)
    assert c.quote == QuoteKind.direct
    assert "offer is an insult" in c.text
    assert c.sentence.endswith("insult.”")


def test_hedges_and_approximate_figures() -> None:
    c = only(
        "Rebel commanders said that approximately 3,000 soldiers had allegedly crossed the border."
    )
    assert "allegedly" in c.hedges
    [fig] = c.figures
    assert fig.value == 3000
    assert fig.approximate is True
    assert fig.unit == "troops"


def test_anonymous_sources() -> None:
    c = only("Analysts say the central bank is likely to cut rates again in June.")
    assert c.speaker_kind == SpeakerKind.anonymous
    assert "likely" in c.hedges


def test_conjoined_countries_give_one_claim_each() -> None:
    found = claims_of("Both Armenia and Azerbaijan have denied violating the ceasefire.")
    assert sorted(c.speaker or "" for c in found) == ["Armenia", "Azerbaijan"]
    assert all(c.stance == Stance.deny for c in found)


def test_no_attributed_claims_from_unattributed_text() -> None:
    assert claims_of("He declined to comment.") == []
    # A counted figure in the article's own voice is a claim of the outlet, unattributed.
    (own,) = claims_of("The bridge was built in 1932 and carries 40,000 cars a day.")
    assert (own.attributed, own.speaker_mention, own.cue) == (False, "", "")
    assert [(f.value, f.unit) for f in own.figures] == [(40000.0, "car")]


def test_offsets_index_the_article_text() -> None:
    text = "Headline here\n\nIntro line.\n\nThe police said two men were arrested.\n"
    c = only(text)
    assert text[c.start : c.end] == "The police said two men were arrested."


# --- properties: any text at all ------------------------------------------------

# Pieces of wire copy mixed with arbitrary unicode (other scripts, combining marks,
# emoji, control characters, odd quotation marks), so the cue and figure paths run
# on text they were never written for.
_PIECES = st.sampled_from(
    [
        "The council said",
        "said on Monday that",
        "“We will not",
        "leave,” she said.",
        "according to the agency,",
        "denied the report",
        "allegedly",
        "about 4,200",
        "3.5 million",
        "people",
        "Dr.",
        "\n\n",
        "«",
        "»",
        "„",
        "'",
        '"',
        ", the ministry said.",
        "quoted the mayor as saying",
    ]
)
_MESSY = st.lists(_PIECES | st.text(max_size=8), max_size=40).map(" ".join)


@settings(max_examples=150)
@given(st.text() | _MESSY)
def test_extract_never_raises_and_every_offset_points_back(text: str) -> None:
    result = extract(Article(text=text))
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.sentence
        assert claim.sentence
        for figure in claim.figures:
            assert text[figure.start : figure.end] == figure.text


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("The ministry claimed that the governor had not made the offer.", Stance.deny),
        ("A police spokesman said no threats were made against the school.", Stance.deny),
        ("The minister said she never signed the contract.", Stance.deny),
        ("Officials said there was no explosion at the plant.", Stance.deny),
        # A count of none states a toll of 0 (numbers/zeros.py): figures compare it.
        ("Officials said there were no casualties in the blast.", Stance.assert_),
        ("The firm said it wasn't in talks with any buyer.", Stance.deny),
        ("A spokesman said the result would not be certified until Monday.", Stance.assert_),
        ("The mayor said the bridge would reopen, although it was not yet safe.", Stance.assert_),
        ("A spokeswoman said nobody wants to lose a final.", Stance.assert_),
    ],
)
def test_negating_that_something_happened_is_a_denial(sentence: str, stance: Stance) -> None:
    [claim] = claims_of(sentence)
    assert claim.stance is stance


@pytest.mark.parametrize(
    ("sentence", "speaker", "via", "text"),
    [
        (
            "Chief executive Ada Lind told the website TechDaily that 300 jobs would go.",
            "Ada Lind",
            ["TechDaily"],
            "300 jobs would go",
        ),
        (
            "The singer Mira Vale wrote on Instagram that she had left the band.",
            "Mira Vale",
            ["Instagram"],
            "she had left the band",
        ),
        (
            "Mayor Ana Ortiz said in an interview with the Daily Courier that taxes would rise.",
            "Ana Ortiz",
            ["Daily Courier"],
            "taxes would rise",
        ),
        ("Senator Ruud Berger told CNN that the vote was close.", "Ruud Berger", ["CNN"], None),
        ("Senator Ruud Berger told Ana Ortiz that the vote was close.", "Ruud Berger", [], None),
        ("Officials told reporters that the talks had stalled.", "Officials", [], None),
        ("The minister said on Friday that the talks had stalled.", None, [], None),
        (
            "The foreign ministry said on Friday that the talks had stalled.",
            "foreign ministry",
            [],
            None,
        ),
    ],
)
def test_a_medium_that_carried_the_words_goes_into_via(
    sentence: str, speaker: str, via: list[str], text: str | None
) -> None:
    [claim] = claims_of(sentence)
    assert (claim.speaker, claim.via) == (speaker, via)
    if text is not None:
        assert claim.text == text
