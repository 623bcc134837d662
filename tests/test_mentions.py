"""Tests for claimtrack.extraction.mentions: one article's speakers, resolved in reading order.

ArticleSpeakers is driven directly, without the attribution stage: sentences
are observed and source phrases resolved at invented positions, so each test
pins one resolution rule (pronouns, surnames, acronyms, descriptions,
namesakes).  The names are invented.
"""

from __future__ import annotations

from claimtrack.extraction.claims import extract
from claimtrack.extraction.mentions import ArticleSpeakers
from claimtrack.models import Article, Speaker, SpeakerKind


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
    # No organisation with that head yet: an institution's description stands for it.
    ministry = resolve(memory, "the ministry", 60)
    assert (ministry.name, ministry.kind) == ("ministry", SpeakerKind.government)
    # "the company" refers to someone the article names, or nobody a reader can
    # tell: unresolved rather than filed under a record called "company".
    company = resolve(memory, "the company", 65)
    assert (company.name, company.kind) == ("company", SpeakerKind.unknown)
    # Plural and indefinite descriptions are sources of their own ("officials").
    assert resolve(memory, "senior officials", 70).kind is SpeakerKind.anonymous


def test_relation_to_a_named_person_is_not_that_person() -> None:
    memory = ArticleSpeakers()
    resolve(memory, "Tomas Berg", 10)
    assert resolve(memory, "his mother", 20).kind is SpeakerKind.unknown
    assert resolve(memory, "Berg's lawyer", 30).kind is SpeakerKind.unknown
    memory.resolve("Ines Kahl", 40, "Berg's lawyer")
    assert resolve(memory, "Berg's lawyer", 50).name == "Ines Kahl"
    assert resolve(memory, "the company", 60).kind is SpeakerKind.unknown


def test_appositive_becomes_the_title() -> None:
    memory = ArticleSpeakers()
    found = memory.resolve("Lena Okafor", 5, "the harbour minister")
    assert [(s.name, s.title) for s in found] == [("Lena Okafor", "the harbour minister")]
    # "the port's chief engineer, Ingrid Solberg": the name speaks, the rest is a title.
    engineer = resolve(memory, "the port's chief engineer, Ingrid Solberg", 50)
    assert (engineer.name, engineer.title) == ("Ingrid Solberg", "port's chief engineer")


def test_a_pronoun_goes_to_the_subject_not_the_person_it_praised() -> None:
    # "Halden praised his co-star Berger. 'He ...,' he said": the praising actor speaks.
    memory = ArticleSpeakers()
    observe_at(memory, "Ivo Halden praised his co-star Ruud Berger at the premiere.", 10)
    assert resolve(memory, "he", 120).name == "Ivo Halden"


def test_a_pronoun_with_two_candidates_stays_unresolved() -> None:
    memory = ArticleSpeakers()
    assert resolve(memory, "Mr Ivo Halden", 10).name == "Ivo Halden"
    assert resolve(memory, "Mr Ruud Berger", 50).name == "Ruud Berger"
    # Both men spoke, and Halden was named after Berger last spoke: either could be meant.
    observe_at(memory, "Ruud Berger thanked Ivo Halden for the award.", 90)
    speaker = resolve(memory, "he", 160)
    assert (speaker.name, speaker.kind) == ("he", SpeakerKind.unknown)


def test_two_people_acting_in_one_sentence_leave_a_pronoun_unresolved() -> None:
    memory = ArticleSpeakers()
    observe_at(memory, "Nadia Orlov met Senator Teodor Vance on Friday.", 10)
    # Both are in the sentence and neither spoke: "she" is not guessed.
    assert resolve(memory, "she", 100).name == "she"


def test_the_speaker_goes_on_past_a_name_in_her_own_statement() -> None:
    memory = ArticleSpeakers()
    observe_at(memory, "Nadia Orlov wrote that Teodor Vance had been treated unfairly.", 10)
    assert resolve(memory, "Nadia Orlov", 10).name == "Nadia Orlov"
    # Vance is named only inside what Orlov wrote: the next "she" is Orlov going on.
    assert resolve(memory, "she", 100).name == "Nadia Orlov"


def test_one_clear_antecedent_resolves() -> None:
    memory = ArticleSpeakers()
    observe_at(memory, "Harbour master Elin Sund said the port would reopen.", 10)
    assert resolve(memory, "Harbour master Elin Sund", 10).name == "Elin Sund"
    observe_at(memory, "Two ferries were cancelled on Friday.", 70)
    assert resolve(memory, "she", 110).name == "Elin Sund"


def test_first_person_sources_name_nobody() -> None:
    memory = ArticleSpeakers()
    resolve(memory, "Mayor Ana Ortiz", 10)
    assert resolve(memory, "I", 50).name == "I"
    assert resolve(memory, "we", 60).name == "we"
    assert [e.name for e in memory.entities] == ["Ana Ortiz"]  # nothing filed under "I"


def test_capitals_of_sentence_position_are_not_names() -> None:
    memory = ArticleSpeakers()
    observe_at(memory, "Though Streamly removed the video, Yesterday Kofi Mensah wrote again.", 0)
    names = [e.name for e in memory.entities]
    assert "Though Streamly" not in names
    assert "Kofi Mensah" in names


def test_they_prefers_a_group_named_as_such() -> None:
    memory = ArticleSpeakers()
    observe_at(memory, "The Ministry of Ports met Norland on Monday.", 0)
    assert resolve(memory, "senior port officials", 60).name == "senior port officials"
    observe_at(memory, "Norland's envoy left early.", 90)
    assert resolve(memory, "they", 130).name == "senior port officials"


def observe_at(memory: ArticleSpeakers, sentence: str, start: int) -> None:
    """Observe a sentence as if it stood at `start` in the article."""
    memory.observe(" " * start + sentence, start, start + len(sentence))


def test_ranks_are_titles_and_the_surname_joins_the_full_name() -> None:
    memory = ArticleSpeakers()
    assert resolve(memory, "Supt Mark Ellery", 10).name == "Mark Ellery"
    assert resolve(memory, "Supt Ellery", 60).name == "Mark Ellery"
    assert resolve(memory, "Det. Insp. Rosa Lind", 90).name == "Rosa Lind"


def test_a_name_in_apposition_to_a_description_speaks() -> None:
    memory = ArticleSpeakers()
    found = memory.resolve("the city's chief prosecutor", 10, "Lynne Abrams")
    assert [s.name for s in found] == ["Lynne Abrams"]
    # Without the name, a relation to a place is nobody the reader can tell.
    assert resolve(memory, "the port's chief engineer", 20).kind is SpeakerKind.unknown


def test_an_owner_before_a_name_is_not_part_of_it() -> None:
    memory = ArticleSpeakers()
    memory.observe("Jason Waxler runs servers. Intel's Waxler spoke.", 0, 49)
    assert resolve(memory, "Waxler", 60).name == "Jason Waxler"
    assert resolve(memory, "Intel's Waxler", 70).name == "Jason Waxler"


def test_a_surname_that_is_also_a_place_stays_the_person() -> None:
    text = "Valeska Rome said she was held on a ship. Rome said the church took her passport."
    claims = extract(Article(text="Ship\n\n" + text, path="t.txt")).claims
    assert [c.speaker for c in claims] == ["Valeska Rome", "Valeska Rome"]


def test_capitalised_words_the_article_also_writes_in_lower_case_are_no_name() -> None:
    text = (
        "Iodine Deficiency Disorders affect many children, and iodine deficiency is rising. "
        "Lena Brandt for the food agency said labels would change. She said it would take time."
    )
    claims = extract(Article(text="Salt\n\n" + text, path="t.txt")).claims
    assert [c.speaker for c in claims] == ["Lena Brandt", "Lena Brandt"]


def test_a_fronted_topic_goes_on_as_he() -> None:
    # "For X, Y was a legend" gives X's view; the next "He said" goes on with X.
    text = (
        "Andy Moreau painted the clouds. "
        "For Kevin Allard, a college instructor in English, Moreau was also a legend. "
        "He said the show was magical."
    )
    claims = extract(Article(text="Show\n\n" + text, path="t.txt")).claims
    assert [(c.speaker_mention, c.speaker) for c in claims] == [("He", "Kevin Allard")]


def test_a_family_is_not_one_of_its_members() -> None:
    memory = ArticleSpeakers()
    resolve(memory, "Thomas Sam", 10)
    family = resolve(memory, "the Sams", 20)
    assert family.name == "Sams"
    assert memory.resolve("he", 30)[0].name == "Thomas Sam"


def test_a_person_named_in_passing_does_not_block_the_subject() -> None:
    text = (
        "President Tomas Berg met the press. During a news conference with Polish "
        "President Andrzej Duda, Berg highlighted the aid. He mentioned that it would grow."
    )
    claims = extract(Article(text="Aid\n\n" + text, path="t.txt")).claims
    assert [(c.speaker_mention, c.speaker) for c in claims] == [("He", "Tomas Berg")]


def test_the_speaker_goes_on_past_names_inside_his_statement() -> None:
    text = (
        "President Ada Voss has an admirer in the diplomat Sir Piet Lammers.\n\n"
        "Lammers, who will retire soon after serving in Iran, Turkey and France, praised "
        "her record in an interview. He currently serves as ambassador.\n\n"
        "“I think the legacy does not look bad,” he told the Courier.\n\n"
        "Lammers also said that Voss shows great charm.\n\n"
        "“She never misses a chance to visit,” he said."
    )
    claims = extract(Article(text="Envoy\n\n" + text, path="t.txt")).claims
    assert [(c.speaker_mention, c.speaker) for c in claims] == [
        ("he", "Piet Lammers"),
        ("Lammers", "Piet Lammers"),
        ("he", "Piet Lammers"),
    ]


def test_roles_and_documents_resolve_to_the_person_or_author() -> None:
    text = (
        "Coach Ali Rahimi arrived on Monday. "
        "The Afghan team's coach said the team played well. "
        "Senator Jon Corwin spoke later. Corwin's statement said the agency was doing well. "
        "Sanders’ campaign manager said the race was close."
    )
    claims = extract(Article(text="Match\n\n" + text, path="t.txt")).claims
    assert [c.speaker for c in claims] == ["Ali Rahimi", "Jon Corwin", None]


def test_groups_in_a_place_and_joined_groups_are_sources() -> None:
    text = (
        "Officials in Kabul said the talks failed. "
        "Developers and supporters in Congress say the programme brought billions. "
        "The Republican presidential nominee noted Friday that his campaign had spent little."
    )
    claims = extract(Article(text="Talks\n\n" + text, path="t.txt")).claims
    assert [(c.speaker, c.speaker_mention) for c in claims] == [
        ("officials in Kabul", "Officials in Kabul"),
        ("developers and supporters in Congress", "Developers and supporters in Congress"),
        (None, "The Republican presidential nominee"),
    ]


def test_a_named_person_in_the_speakers_own_sentence_does_not_block_he() -> None:
    text = (
        "Winger Tomas Berg was arrested yesterday. Berg failed a test at 2 a.m., said "
        "Highway Patrol Officer Ray Skoda. He said he did not know the alcohol level."
    )
    claims = extract(Article(text="Arrest\n\n" + text, path="t.txt")).claims
    assert [(c.speaker_mention, c.speaker) for c in claims] == [
        ("Highway Patrol Officer Ray Skoda", "Ray Skoda"),
        ("He", "Ray Skoda"),
    ]


def test_headline_capitals_days_and_possessive_names_are_no_people() -> None:
    text = (
        "Lind Sees Personal Stake in Harbour Museum\n\n"
        "Mr. Lind said the museum would open in May. "
        "A Sam's Club spokesperson said stores would stay open. "
        "According to a Texas prison statement Monday, the inmate was moved."
    )
    claims = extract(Article(text=text, path="t.txt")).claims
    speakers = [c.speaker for c in claims]
    assert speakers[0] == "Lind"  # not "Lind Sees", from the headline's capitals
    assert "Club" not in speakers and "Monday" not in speakers
