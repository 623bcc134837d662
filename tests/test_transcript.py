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


def test_turn_needs_a_speaker_label_in_a_transcript() -> None:
    transcript = "NATO: We will act.\n\nREYES: Will you?\n\nQ: Why?"
    nato = turn(transcript, 0, 18)
    assert nato is not None and nato.source.text == "NATO"
    assert turn(transcript, transcript.index("Q:"), len(transcript)) is None
    # One capitalised kicker over a story is a subhead, not a turn.
    kicker = "SHIFT: Capital has flowed back to emerging markets, the bank said."
    assert turn(kicker, 0, len(kicker)) is None


def test_title_case_label_needs_a_quotation_or_the_headline() -> None:
    quoted = 'Lind: "Our goal is to reopen the pier."'
    assert turn(quoted, 0, len(quoted)) is not None
    plain = "Lind: the pier reopens in May."
    assert turn(plain, 0, len(plain)) is None
    assert turn(plain, 0, len(plain), headline=True) is not None
    update = 'Update: "the pier reopens in May."'
    assert turn(update, 0, len(update)) is None
    common = 'Harbour: "the pier reopens in May."'
    assert turn(common, 0, len(common), common=lambda: frozenset({"harbour"})) is None
