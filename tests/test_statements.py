"""Tests for what counts as a statement and who makes it, on invented newswire.

Each test pins one rule added after reading real news: an act is no
statement ("rejected the offer"), a question states nothing, a name given
after a description speaks ("according to the coach, Ann Lee,"), letters
after a name are no name ("Tom Lee, QC"), and a headline's "Australian
woman claims …" is the one person the article later describes so.
"""

from __future__ import annotations

from claimtrack.extraction.claims import extract
from claimtrack.models import Article, Claim


def claims(text: str) -> list[Claim]:
    return extract(Article(text=text, path="t.txt")).claims


def only(text: str) -> Claim:
    found = claims(text)
    assert len(found) == 1, [(c.speaker_mention, c.cue, c.text) for c in found]
    return found[0]


def test_an_object_that_is_a_thing_is_no_statement() -> None:
    text = (
        "Mayor Ann Lee rejected the council's offer on Tuesday. "
        "Gov. Tom Brandt recalled the long winter of his first term. "
        "The minister praised the rescue teams."
    )
    assert claims(text) == []


def test_an_object_that_is_a_statement_stays_a_claim() -> None:
    rejected = only("Mayor Ann Lee rejected the claims as baseless.")
    assert (rejected.speaker, rejected.cue, rejected.stance.value) == (
        "Ann Lee",
        "rejected",
        "deny",
    )
    announced = only("The ferry company announced it would cut 300 jobs.")
    assert announced.text == "it would cut 300 jobs"
    recalled = only("Tom Brandt recalled that the bridge had closed twice.")
    assert recalled.text == "the bridge had closed twice"


def test_a_question_is_no_claim() -> None:
    assert claims('"Did you lie to them?" Mayor Ann Lee said.') == []
    assert claims("HOST: Mayor, did you lie to them?\n\nLEE: No.\n") == []
    kept = only('"The bridge is safe. Why would we close it?" Mayor Ann Lee said.')
    assert kept.speaker == "Ann Lee"


def test_an_infinitive_makes_the_cue_a_main_verb() -> None:
    text = "However, despite the storm, and the warnings, the Brandts continued to sail south."
    assert claims(text) == []
    kept = only('"We sail at dawn," Tom Brandt said to reporters.')
    assert kept.speaker == "Tom Brandt"


def test_a_participle_phrase_is_no_content() -> None:
    assert claims("Weighing in on the debate, Gov. Tom Brandt agreed.") == []
    headline = claims("Shelling of the market kills 27, governor says\n\nBy Staff\n")
    assert [c.text for c in headline] == ["Shelling of the market kills 27"]


def test_any_short_hearer_before_that_is_skipped() -> None:
    found = only("Mr. Tom Brandt told the court that the ferry had left early.")
    assert found.text == "the ferry had left early"


def test_a_name_after_the_description_in_according_to_speaks() -> None:
    text = (
        "According to the rowing team's coach, Ann Lee, in the first race, "
        "the boat finished two lengths ahead."
    )
    found = only(text)
    assert found.speaker == "Ann Lee"
    assert found.speaker_mention == "the rowing team's coach"
    assert found.text.startswith("in the first race")


def test_letters_after_a_name_are_no_name() -> None:
    found = only(
        "Speaking for the defence, Tom Molloy, SC, said that the couple acted in good faith."
    )
    assert found.speaker == "Tom Molloy"
    agency = only("The spy agency, NIS, said 3,000 troops were sent.")
    assert agency.speaker == "NIS"


def test_a_headline_description_is_the_person_described_so_later() -> None:
    text = (
        "Australian woman claims ferry firm kept her at sea for a year\n\n"
        "Ann Lee, an Australian woman and former deckhand, has claimed that the "
        "ferry firm kept her at sea for a year.\n"
    )
    found = claims(text)
    assert [c.speaker for c in found] == ["Ann Lee", "Ann Lee"]
    assert found[0].speaker_mention == "Australian woman"


def test_two_people_described_alike_leave_the_headline_as_written() -> None:
    text = (
        "Australian woman claims ferry firm kept her at sea\n\n"
        "Ann Lee, an Australian woman and deckhand, said the firm lied. "
        "Mia Brandt, an Australian woman and cook, said the same.\n"
    )
    assert claims(text)[0].speaker == "Australian woman"


def test_a_capitalised_cue_after_a_quotation_is_still_a_cue() -> None:
    found = only("“Not us, but we agree!” Ann Lee, the head of the group, Tweeted on Friday.")
    assert (found.speaker, found.cue) == ("Ann Lee", "Tweeted")
    assert claims("Shares in Warns Inc. rose on Friday.") == []


def test_an_ed_word_opening_a_coordinated_clause_is_part_of_its_subject() -> None:
    text = "The vote went ahead, and exiled opposition activists say the count was rigged."
    found = only(text)
    assert found.speaker_mention == "exiled opposition activists"
    assert found.text == "the count was rigged"


def test_as_the_source_said_opens_a_statement() -> None:
    found = only("As the Harbour Gazette revealed on Monday, the board agreed to sell the ferry.")
    assert (found.speaker, found.cue) == ("Harbour Gazette", "revealed")
    assert found.text == "the board agreed to sell the ferry"
    assert claims("As he walked in, the board agreed to sell the ferry.") == []


def test_a_determined_subject_with_an_unknown_head_speaks_before_that() -> None:
    found = only("The harbour community has concluded that the ferry was overloaded.")
    assert found.speaker_mention == "The harbour community"
    assert found.speaker is None  # a description that names nobody the article named
    assert found.text == "the ferry was overloaded"


def test_a_stray_word_or_a_title_alone_names_no_one() -> None:
    text = (
        "Additionally, the ferry was late, Retired General said. "
        "PC World reported that the ferry was late for the first time in the world. "
        "The tide was high, Two said."
    )
    found = claims(text)
    assert [c.speaker_mention for c in found] == ["Retired General", "PC World", "Two"]
    assert [c.speaker for c in found] == [None, None, None]


def test_a_known_surname_that_is_also_a_title_is_still_the_person() -> None:
    text = "John Major said the ferry was late. Major said the tide was high."
    assert [c.speaker for c in claims(text)] == ["John Major", "John Major"]


def test_people_described_by_a_place_are_not_the_place() -> None:
    found = claims(
        "Doctors in Harbourton said 12 people were hurt. "
        "The foreign minister of Ostrel said the talks had failed. "
        "The mother of Tom Lee said he was at home."
    )
    assert [(c.speaker, c.speaker_kind.value) for c in found] == [
        ("doctors in Harbourton", "anonymous"),
        (None, "unknown"),
        (None, "unknown"),
    ]
    titled = only("Secretary of State Ann Lee said the talks had failed.")
    assert titled.speaker == "Ann Lee"


def test_a_party_tag_after_a_name_is_no_name() -> None:
    found = only("Senate Majority Leader Tom Brandt, R-Ky., said the bill would pass.")
    assert found.speaker == "Tom Brandt"
