"""A quotation that runs on after its attribution is its speaker's, sentence by sentence."""

from __future__ import annotations

from claimtrack.extraction.claims import extract
from claimtrack.models import Article, Claim


def claims_of(text: str) -> list[Claim]:
    return list(extract(Article(text=text, path="t.txt")).claims)


def test_next_quoted_sentence_and_paragraph_continue_the_speaker() -> None:
    text = (
        "Harbour to close\n\n"
        "“The harbour will close in May,” said Ines Kahl, the port director. "
        "“We have no other choice. Repairs cost 4 million euros.”\n\n"
        "“Ferries will use the north pier,” she said.\n\n"
        "“Fares stay as they are.”"
    )
    claims = claims_of(text)
    assert [(c.speaker, c.text) for c in claims] == [
        ("Ines Kahl", "The harbour will close in May"),
        ("Ines Kahl", "We have no other choice. Repairs cost 4 million euros"),
        ("Ines Kahl", "Ferries will use the north pier"),
        ("Ines Kahl", "Fares stay as they are"),
    ]
    repairs = claims[1]
    assert text[repairs.start : repairs.end] == repairs.sentence
    assert [f.value for f in repairs.figures] == [4_000_000]
    assert repairs.cue == "said"


def test_a_quotation_with_its_own_cue_or_narration_in_between_is_not_continued() -> None:
    text = (
        "Vote count\n\n"
        "“Turnout was high,” said Ines Kahl. “It was a disaster,” Tomas Berg added.\n\n"
        "The count went on overnight. “Nobody slept.”"
    )
    assert [(c.speaker, c.text) for c in claims_of(text)] == [
        ("Ines Kahl", "Turnout was high"),
        ("Tomas Berg", "It was a disaster"),
    ]


def test_two_apostrophes_quote_and_continue_as_marks_do() -> None:
    text = (
        "Campaign notes\n\n"
        "''Working full time, there is not much time to volunteer,'' she said. "
        "''I just tried to do what I could with what I had.''"
    )
    claims = claims_of(text)
    assert [c.text for c in claims] == [
        "Working full time, there is not much time to volunteer",
        "I just tried to do what I could with what I had",
    ]
