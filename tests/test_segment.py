"""Sentence and quotation segmentation: offsets must always be exact."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimtrack.extraction.claims import extract
from claimtrack.extraction.segment import Span, quote_spans, split_sentences
from claimtrack.models import Article


def paragraphs(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def texts(text: str, spans: list[Span]) -> list[str]:
    return [text[s.start : s.end] for s in spans]


def test_abbreviations_and_initials_do_not_split() -> None:
    text = (
        "Sen. Maria Lopez met Gov. Tim Hale in the U.S. capital on Friday. "
        "John F. Kennedy Airport was closed. Dr. Ames said no."
    )
    assert texts(text, split_sentences(text)) == [
        "Sen. Maria Lopez met Gov. Tim Hale in the U.S. capital on Friday.",
        "John F. Kennedy Airport was closed.",
        "Dr. Ames said no.",
    ]


def test_initials_after_a_title_do_not_split_but_a_country_does() -> None:
    text = "He thanked Rep. G.K. Halden on Monday. They moved to the U.S. The vote came later."
    assert texts(text, split_sentences(text)) == [
        "He thanked Rep. G.K. Halden on Monday.",
        "They moved to the U.S.",
        "The vote came later.",
    ]


def test_quotes_and_question_marks_end_sentences() -> None:
    text = '"Is this safe?" the reporter asked. "No," she said. It rained.'
    assert texts(text, split_sentences(text)) == [
        '"Is this safe?" the reporter asked.',
        '"No," she said.',
        "It rained.",
    ]


def test_lowercase_after_full_stop_is_not_a_boundary() -> None:
    text = "Prices rose 2.5 p.c. last year. Wages did not."
    assert len(split_sentences(text)) == 2


def test_quotation_running_across_paragraphs_is_one_span() -> None:
    text = "He said, “We will win.\n\n“Nobody doubts it.”\n\nThe end."
    [quote] = quote_spans(text, paragraphs(text))
    assert text[quote.start : quote.end] == "We will win.\n\n“Nobody doubts it."


def test_unclosed_quotation_ends_with_its_paragraph() -> None:
    text = "She called it “a disgrace\n\nLater, officials met."
    [quote] = quote_spans(text, paragraphs(text))
    assert text[quote.start : quote.end] == "a disgrace"


@given(st.text())
def test_sentences_are_in_bounds_ordered_and_trimmed(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for span in spans:
        assert last <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        last = span.end


@given(st.text(alphabet=st.sampled_from(list("ab .,“”\"'\n:"))))
def test_quote_spans_are_in_bounds(text: str) -> None:
    blocks = [Span(0, len(text))] if text else []
    for span in quote_spans(text, blocks):
        assert 0 <= span.start < span.end <= len(text)


NEWSY = st.lists(
    st.sampled_from(
        [
            "The ministry said",
            "“We will not",
            "back down,”",
            "he told reporters.",
            "According to officials,",
            "about 3,000 troops",
            "were deployed.",
            "Ms Kim",
            "denied the claims",
            "\n\n",
            ", the agency said.",
            "(NIS)",
            "quoted",
            "as saying",
            "Mr.",
            "U.S.",
        ]
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=300)
@given(st.one_of(st.text(), NEWSY))
@example("qUOTed, :AS SAYING%0")  # a speaker phrase that is nothing but a comma once split
def test_extraction_never_crashes_and_provenance_holds(text: str) -> None:
    result = extract(Article(text=text))
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.sentence
        for figure in claim.figures:
            assert 0 <= figure.start < figure.end <= len(text)


@given(st.one_of(st.text(), NEWSY), st.data())
def test_sentences_cover_every_visible_character_of_their_range(
    text: str, data: st.DataObject
) -> None:
    """Nothing but white space falls between sentences: no word is lost to a claim search."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = split_sentences(text, start, end)
    cursor = start
    for span in spans:
        assert start <= cursor <= span.start < span.end <= end
        assert text[cursor : span.start].isspace() or cursor == span.start
        cursor = span.end
    assert text[cursor:end].isspace() or cursor == end


def test_an_exclamation_closed_by_a_quote_runs_on_into_its_apposed_speaker() -> None:
    text = (
        "“Not us, but we agree!” Ann Lee, the head of the ferry group, said on Friday. Fares rose."
    )
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == [
        "“Not us, but we agree!” Ann Lee, the head of the ferry group, said on Friday.",
        "Fares rose.",
    ]
