"""Tests for claimtrack.extraction.attribution: one sentence in, source, cue and content out.

The sentences are invented newswire in the shapes the stage knows: leading
("X said that C"), trailing ("C, X said"), inverted ('"C," said X'),
"according to X", "X quoted Y as saying C", a coordinated "and said", and
appositives.  Offsets are asserted exactly, so a shifted span fails.
"""

from __future__ import annotations

from claimtrack.extraction.attribution import RawAttribution, analyse, has_cue


def one(sentence: str) -> RawAttribution:
    """The single attribution found in a sentence that is the whole text."""
    found = analyse(sentence, 0, len(sentence))
    assert len(found) == 1, found
    return found[0]


def content(sentence: str, att: RawAttribution) -> str:
    return sentence[att.content_start : att.content_end]


def test_leading_said_that() -> None:
    s = "Harbour Minister Lena Okafor said that the ferry service would resume in May."
    att = one(s)
    assert (att.source.text, att.source.start, att.source.end) == (
        "Harbour Minister Lena Okafor",
        0,
        28,
    )
    assert (att.cue, att.cue_lemma, att.cue_start) == ("said", "say", 29)
    assert (att.content_start, att.content_end) == (39, 76)  # after "that", before the stop
    assert content(s, att) == "the ferry service would resume in May"
    assert att.pattern == "leading"
    assert att.via == []


def test_trailing_comma_x_said() -> None:
    s = "The ferry service will resume in May, Harbour Minister Lena Okafor said."
    att = one(s)
    assert (att.source.text, att.source.start, att.source.end) == (
        "Harbour Minister Lena Okafor",
        38,
        66,
    )
    assert (att.cue, att.cue_start) == ("said", 67)
    assert (att.content_start, att.content_end) == (0, 36)
    assert content(s, att) == "The ferry service will resume in May"
    assert att.pattern == "trailing"


def test_inverted_said_x_with_appositive() -> None:
    s = '"The ferry service will resume in May," said Lena Okafor, the harbour minister.'
    att = one(s)
    assert (att.source.text, att.source.start, att.source.end) == ("Lena Okafor", 45, 56)
    assert att.source.appositive == "the harbour minister"
    assert (att.cue, att.cue_start) == ("said", 40)
    # The opening mark stays; the comma and closing mark before the cue do not.
    assert content(s, att) == '"The ferry service will resume in May'
    assert att.pattern == "inverted"


def test_according_to_trailing_and_leading() -> None:
    trailing = "The ferry service will resume in May, according to the Coastal Transport Board."
    att = one(trailing)
    assert (att.source.text, att.source.start, att.source.end) == (
        "the Coastal Transport Board",
        51,
        78,
    )
    assert (att.cue, att.cue_lemma, att.pattern) == ("according to", "according to", "trailing")
    assert content(trailing, att) == "The ferry service will resume in May"

    leading = "According to the Coastal Transport Board, the ferry service will resume in May."
    att = one(leading)
    assert (att.source.text, att.source.start, att.source.end) == (
        "the Coastal Transport Board",
        13,
        40,
    )
    assert (att.cue, att.cue_start, att.pattern) == ("According to", 0, "leading")
    assert (att.content_start, att.content_end) == (42, 78)


def test_according_to_a_statement_names_its_author() -> None:
    s = "Fares will not rise, according to a statement from the Coastal Transport Board."
    att = one(s)
    assert att.source.text == "the Coastal Transport Board"
    assert content(s, att) == "Fares will not rise"


def test_quoted_as_saying_chain() -> None:
    s = "The Tessaly Herald quoted Lena Okafor as saying the ferry service would resume in May."
    att = one(s)
    assert (att.source.text, att.source.start, att.source.end) == ("Lena Okafor", 26, 37)
    assert [(v.text, v.start, v.end) for v in att.via] == [("The Tessaly Herald", 0, 18)]
    assert (att.cue, att.cue_lemma, att.cue_start) == ("quoted … as saying", "say", 19)
    assert content(s, att) == "the ferry service would resume in May"


def test_passive_quoted_by_chain() -> None:
    s = "Lena Okafor was quoted by the Tessaly Herald as saying the ferry service would resume."
    att = one(s)
    assert (att.source.text, att.source.start) == ("Lena Okafor", 0)
    assert [v.text for v in att.via] == ["the Tessaly Herald"]
    assert att.cue == "quoted by the Tessaly Herald as saying"
    assert content(s, att) == "the ferry service would resume"


def test_coordinated_and_said_shares_the_subject() -> None:
    s = "Lena Okafor praised the crews and said the ferry service would resume in May."
    att = one(s)
    assert (att.source.text, att.source.start, att.source.end) == ("Lena Okafor", 0, 11)
    assert (att.cue_start, att.pattern) == (34, "continued")
    assert content(s, att) == "the ferry service would resume in May"


def test_said_a_and_said_b_gives_two_claims() -> None:
    s = "Okafor said the ferries were safe and said the port would reopen on Friday."
    first, second = analyse(s, 0, len(s))
    assert (first.source.text, first.pattern) == ("Okafor", "leading")
    assert content(s, first) == "the ferries were safe"  # cut at the second cue's "and"
    assert (second.source.text, second.source.start, second.pattern) == ("Okafor", 0, "continued")
    assert (second.cue_start, content(s, second)) == (38, "the port would reopen on Friday")


def test_leading_appositive_keeps_the_name() -> None:
    s = "Lena Okafor, a former harbour pilot, said the ferry service would resume in May."
    att = one(s)
    assert (att.source.text, att.source.start, att.source.end) == ("Lena Okafor", 0, 11)
    assert att.source.appositive == "a former harbour pilot"
    assert (att.cue_start, content(s, att)) == (37, "the ferry service would resume in May")


def test_parenthetical_trailing_cue_keeps_the_rest() -> None:
    s = "The ferry service will resume in May, Okafor said, and fares will not rise."
    att = one(s)
    assert (att.source.text, att.pattern) == ("Okafor", "trailing")
    assert content(s, att) == "The ferry service will resume in May"
    assert [s[a:b] for a, b in att.extra_content] == ["and fares will not rise"]


def test_told_reporters_skips_the_hearer() -> None:
    s = "Okafor told reporters that fares would not rise."
    att = one(s)
    assert (att.source.text, att.cue, att.cue_lemma) == ("Okafor", "told", "tell")
    assert content(s, att) == "fares would not rise"


def test_colon_opens_the_content() -> None:
    s = "Okafor warned: fares will rise."
    att = one(s)
    assert (att.cue, att.cue_lemma, att.cue_start) == ("warned", "warn", 7)
    assert (content(s, att), att.continues) == ("fares will rise", False)


def test_offsets_index_the_whole_text() -> None:
    before = "The port was closed for a week. "
    sentence = "Lena Okafor said the ferry service would resume in May."
    text = before + sentence + " Fares are unchanged."
    found = analyse(text, len(before), len(before) + len(sentence))
    assert len(found) == 1
    att = found[0]
    assert (att.source.start, att.source.end) == (len(before), len(before) + 11)
    assert text[att.content_start : att.content_end] == "the ferry service would resume in May"


def test_no_cue_no_attribution() -> None:
    s = "The ferry service will resume in May."
    assert not has_cue(s)
    assert analyse(s, 0, len(s)) == []
    assert has_cue("Okafor said so.")
    # A noun after a possessive or a determiner is not a cue.
    s = "The agency's report on the ferries was published in May."
    assert analyse(s, 0, len(s)) == []


def test_an_abbreviated_title_does_not_end_an_inverted_source() -> None:
    s = "The vaccine is safe for children, said Dr. Ingrid Solberg, a paediatrician."
    att = one(s)
    assert att.source.text == "Dr. Ingrid Solberg"
    assert content(s, att) == "The vaccine is safe for children"


def test_according_to_a_titled_name() -> None:
    s = '"We saw no side effects," according to Mr. Halvorsen.'
    assert one(s).source.text == "Mr. Halvorsen"


def test_party_and_state_after_an_inverted_source() -> None:
    s = '"This is a sad day," said Rep. Ada Lindqvist (D-Ore.), who chairs the panel.'
    att = one(s)
    assert att.source.text == "Rep. Ada Lindqvist (D-Ore.)"
    assert content(s, att).lstrip('"') == "This is a sad day"  # the stage keeps the mark


def test_a_negated_cue_attributes_nothing() -> None:
    assert analyse_all("Councillor Ada Brandt has NOT claimed that the funds were misused.") == []
    assert analyse_all("The mayor has not said whether the budget is balanced.") == []


def test_an_appositive_with_a_negation_still_attributes() -> None:
    s = "Professor Ivo Halden of Easton University, who was not involved, said it was small."
    assert one(s).source.text.startswith("Professor Ivo Halden")


def test_a_clause_is_not_a_source() -> None:
    assert (
        analyse_all("New data on Thursday showed unemployment claims had topped 6 million.") == []
    )


def test_share_bar_words_are_not_part_of_a_source() -> None:
    s = "Share Facebook Twitter WhatsApp Email A senior official said the talks had collapsed."
    assert one(s).source.text == "A senior official"


def test_an_adverb_between_source_and_cue_is_stepped_over() -> None:
    assert one("Senator Ruud Berger has long said that the programme should end.").source.text == (
        "Senator Ruud Berger"
    )


def analyse_all(sentence: str) -> list[RawAttribution]:
    return analyse(sentence, 0, len(sentence))


def test_a_plural_noun_without_s_takes_a_present_cue() -> None:
    s = "Police say the bridge will reopen in May."
    att = one(s)
    assert (att.source.text, att.cue) == ("Police", "say")
    assert content(s, att) == "the bridge will reopen in May"


def test_a_determiner_makes_any_noun_a_source() -> None:
    assert one("A dispatcher said the bridge would reopen.").source.text == "A dispatcher"
    assert one("The actress wrote on her blog that she had left.").source.text == "The actress"


def test_an_inverted_plain_noun_source_only_after_a_quotation() -> None:
    att = one('"We will appeal," said a dispatcher on the police scanner.')
    assert att.source.text == "a dispatcher"
    # After a name and a comma the words after the cue are its object, not a source.
    s = "Rao's lawyer, Ana Pires, dismissed the allegations as groundless."
    assert all(a.source.text != "the allegations" for a in analyse_all(s))


def test_a_gerund_after_a_trailing_cue_is_a_claim_of_its_own() -> None:
    from claimtrack.extraction.claims import extract
    from claimtrack.models import Article

    text = "Port news\n\nSales rose 5 percent, the harbour board said, adding that profits fell."
    claims = extract(Article(text=text, path="t.txt")).claims
    assert [(c.cue, c.text) for c in claims] == [
        ("said", "Sales rose 5 percent"),
        ("adding", "profits fell"),
    ]


def test_called_with_a_complement_characterises_and_without_one_does_not() -> None:
    from claimtrack.extraction.claims import extract
    from claimtrack.models import Article

    def cues(sentence: str) -> list[str]:
        return [c.text for c in extract(Article(text="Port news\n\n" + sentence, path="t")).claims]

    assert cues("The union called the charges unsubstantiated and fabricated.") == [
        "the charges unsubstantiated and fabricated"
    ]
    assert cues("Councillors called the plan a transparent political ploy.") == [
        "the plan a transparent political ploy"
    ]
    assert cues("The mayor called the police.") == []
    assert cues("He called the meeting to order.") == []


def test_statements_and_documents_named_as_the_source() -> None:
    from claimtrack.extraction.claims import extract
    from claimtrack.models import Article

    def speakers(sentence: str) -> list[tuple[str | None, str]]:
        found = extract(Article(text="Club news\n\n" + sentence, path="t")).claims
        return [(c.speaker, c.text) for c in found]

    assert speakers(
        "General Manager A.J. Brandt issued the following statement on the arrest: "
        "“We are aware of the issue involving the player.”"
    ) == [("A.J. Brandt", "We are aware of the issue involving the player")]
    assert speakers(
        "The Kessel League's substance-abuse policy states: “A second offense brings a ban.”"
    ) == [("Kessel League", "A second offense brings a ban")]
    # "the league" names no one the reader can tell: its policy speaks for nobody named.
    assert speakers("The league's policy states: “A second offense brings a ban.”") == [
        (None, "A second offense brings a ban")
    ]


def test_an_owned_claim_noun_reports_its_owner() -> None:
    from claimtrack.extraction.claims import extract
    from claimtrack.models import Article

    def found(sentence: str) -> list[tuple[str | None, str, str, str]]:
        claims = extract(Article(text="Fact check\n\n" + sentence, path="t")).claims
        return [(c.speaker, c.cue, c.stance.value, c.text) for c in claims]

    assert found("Analysts checked Mara Lind's claim that 300 ferries were cancelled.") == [
        ("Mara Lind", "claim", "assert", "300 ferries were cancelled")
    ]
    assert found("The Port Authority's denial that the pier had closed was rejected.") == [
        ("Port Authority", "denial", "deny", "the pier had closed")
    ]
    assert found("She made a claim that was false.") == []


def test_a_who_clause_reports_its_head() -> None:
    from claimtrack.extraction.claims import extract
    from claimtrack.models import Article

    def found(sentence: str) -> list[tuple[str | None, str]]:
        claims = extract(Article(text="Port news\n\n" + sentence, path="t")).claims
        return [(c.speaker_mention, c.text) for c in claims]

    assert found("The mayor met Ann Lee, who said the budget was too small, and left.") == [
        ("Ann Lee", "the budget was too small")
    ]
    assert found("They refused to pay an architect who said he was owed money.") == [
        ("an architect", "he was owed money")
    ]
    # "WHO" is an organisation, not a relative pronoun.
    assert found("The WHO said in a report that 41 countries had outbreaks.") == [
        ("The WHO", "41 countries had outbreaks")
    ]
    assert found(
        "Ostrel's human rights ombudsman, Kiril Dobrev, claimed that prisoners were beaten."
    ) == [("Kiril Dobrev", "prisoners were beaten")]


def test_two_joined_names_take_a_plural_cue() -> None:
    from claimtrack.extraction.claims import extract
    from claimtrack.models import Article

    text = "Budget talks\n\nBut Mr. Grassmann and Mr. Leary say other changes are needed."
    claims = extract(Article(text=text, path="t")).claims
    assert [(c.speaker, c.text) for c in claims] == [
        ("Grassmann", "other changes are needed"),
        ("Leary", "other changes are needed"),
    ]
