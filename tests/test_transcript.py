"""Transcript turns ('CLINTON: …') are their speaker's words; labels that name no one are not."""

from __future__ import annotations

from claimtrack.extraction.claims import extract
from claimtrack.extraction.transcript import turn
from claimtrack.models import Article

TRANSCRIPT = (
    "Debate night\n\n"
    "Mara Lind took questions from Jonas Reyes.\n\n"
    '"REYES: Minister, you sent an e-mail that night.\n\n'
    '"VIDEO: They all told me it was a storm.\n\n'
    '"LIND: I feel a great deal of sympathy for the families of the crew.\n\n'
    "UPDATE: This story was corrected on Monday."
)


def test_each_turn_is_a_claim_of_the_named_speaker() -> None:
    claims = extract(Article(text=TRANSCRIPT, path="t.txt")).claims
    turns = [(c.speaker, c.cue, c.text) for c in claims if c.cue == ":"]
    assert turns == [
        ("Jonas Reyes", ":", "Minister, you sent an e-mail that night"),
        ("Mara Lind", ":", "I feel a great deal of sympathy for the families of the crew"),
    ]
    lind = next(c for c in claims if c.speaker == "Mara Lind")
    assert TRANSCRIPT[lind.start : lind.end] == lind.sentence


def test_turn_needs_a_capitalised_label_at_the_paragraph_start() -> None:
    text = "Reyes: a lower-case label. NATO: We will act. Q: Why?"
    assert turn(text, 0, 26) is None
    nato = turn(text, 27, 45)
    assert nato is not None and nato.source.text == "NATO"
    assert turn(text, 46, len(text)) is None
