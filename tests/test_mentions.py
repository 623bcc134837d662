"""Tests for claimtrack.extract.mentions: one article's speakers, resolved in reading order.

ArticleSpeakers is driven directly, without the attribution stage: sentences
are observed and source phrases resolved at invented positions, so each test
pins one resolution rule (pronouns, surnames, acronyms, descriptions,
namesakes).  The names are invented.
"""

from __future__ import annotations

from claimtrack.extract.mentions import ArticleSpeakers
from claimtrack.models import Speaker, SpeakerKind


def resolve(memory: ArticleSpeakers, mention: str, pos: int) -> Speaker:
    """The one speaker a mention resolves to."""
    found = memory.resolve(mention, pos)
    assert len(found) == 1, found
    return found[0]


def observe(memory: ArticleSpeakers, sentence: str) -> None:
    memory.observe(sentence, 0, len(sentence))


def test_pronoun_goes_to_the_latest_compatible_speaker() -> None:
    memory = ArticleSpeakers()
    assert resolve(memory, "Ms Lena Okafor", 10).name == "Lena Okafor"
    assert resolve(memory, "Mr Tomas Brandt", 50).name == "Tomas Brandt"
    assert resolve(memory, "she", 90).name == "Lena Okafor"  # Brandt spoke later, but is a man
    assert resolve(memory, "he", 95).name == "Tomas Brandt"
    assert resolve(memory, "Ms Ada Moreau", 100).name == "Ada Moreau"
    assert resolve(memory, "she", 120).name == "Ada Moreau"  # now the latest woman to speak
    genders = {e.name: e.gender for e in memory.entities}
    assert genders == {"Lena Okafor": "female", "Tomas Brandt": "male", "Ada Moreau": "female"}


def test_pronoun_without_antecedent_is_unknown() -> None:
    memory = ArticleSpeakers()
    speaker = resolve(memory, "she", 5)
    assert (speaker.name, speaker.kind) == ("she", SpeakerKind.unknown)


def test_surname_goes_to_the_latest_person_with_that_name() -> None:
    memory = ArticleSpeakers()
    resolve(memory, "Pia Halvorsen", 10)
    resolve(memory, "Jon Halvorsen", 20)
    assert resolve(memory, "Halvorsen", 30).name == "Jon Halvorsen"
    resolve(memory, "Pia Halvorsen", 40)
    assert resolve(memory, "Halvorsen", 50).name == "Pia Halvorsen"
    # The short form is remembered as an alias of whoever it resolved to.
    assert resolve(memory, "Pia Halvorsen", 60).aliases == ["Halvorsen"]


def test_namesakes_with_different_full_names_stay_apart() -> None:
    memory = ArticleSpeakers()
    observe(memory, "Councillor Ada Lindqvist met Ada Moreau on Tuesday.")
    lindqvist = resolve(memory, "Ada Lindqvist", 60)
    moreau = resolve(memory, "Ada Moreau", 70)
    assert (lindqvist.name, lindqvist.title) == ("Ada Lindqvist", "Councillor")
    assert (moreau.name, moreau.title) == ("Ada Moreau", None)
    assert resolve(memory, "Lindqvist", 80).name == "Ada Lindqvist"
    assert [e.name for e in memory.entities] == ["Ada Lindqvist", "Ada Moreau"]


def test_two_full_names_joined_by_and_are_two_speakers() -> None:
    memory = ArticleSpeakers()
    found = memory.resolve("Pia Halvorsen and Jon Halvorsen", 10)
    assert [(s.name, s.kind) for s in found] == [
        ("Pia Halvorsen", SpeakerKind.person),
        ("Jon Halvorsen", SpeakerKind.person),
    ]


def test_acronym_defined_in_a_sentence() -> None:
    memory = ArticleSpeakers()
    observe(memory, "The National Widget Agency (NWA) published its yearly count.")
    agency = resolve(memory, "the NWA", 100)
    assert (agency.name, agency.acronym, agency.kind) == (
        "National Widget Agency",
        "NWA",
        SpeakerKind.organization,
    )
    assert resolve(memory, "NWA", 110).name == "National Widget Agency"
    assert resolve(memory, "the National Widget Agency", 120).aliases == [
        "the NWA",
        "NWA",
        "the National Widget Agency",
    ]
    assert len(memory.entities) == 1


def test_acronym_defined_in_the_mention() -> None:
    memory = ArticleSpeakers()
    authority = resolve(memory, "the Coastal Ferry Authority (CFA)", 10)
    assert (authority.name, authority.acronym) == ("Coastal Ferry Authority", "CFA")
    assert resolve(memory, "CFA", 20).name == "Coastal Ferry Authority"


def test_description_goes_to_the_latest_organisation_with_that_head() -> None:
    memory = ArticleSpeakers()
    resolve(memory, "the Coastal Widget Agency", 10)
    resolve(memory, "the Harbour Safety Agency", 20)
    assert resolve(memory, "the agency", 30).name == "Harbour Safety Agency"
    resolve(memory, "the Coastal Widget Agency", 40)
    assert resolve(memory, "the agency", 50).name == "Coastal Widget Agency"
    # No organisation with that head yet: the description stands for itself.
    ministry = resolve(memory, "the ministry", 60)
    assert (ministry.name, ministry.kind) == ("ministry", SpeakerKind.government)


def test_appositive_becomes_the_title() -> None:
    memory = ArticleSpeakers()
    found = memory.resolve("Lena Okafor", 5, "the harbour minister")
    assert [(s.name, s.title) for s in found] == [("Lena Okafor", "the harbour minister")]
    # "the port's chief engineer, Ingrid Solberg": the name speaks, the rest is a title.
    engineer = resolve(memory, "the port's chief engineer, Ingrid Solberg", 50)
    assert (engineer.name, engineer.title) == ("Ingrid Solberg", "port's chief engineer")
