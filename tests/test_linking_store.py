"""Linking on a real database: stored links, figures, disputes, match, and people's decisions.

The corpus is written for these tests in wire-copy style: three outlets on a
dam burst in Bolivia (one agency's toll of 42 carried by two of them, doctors
saying 60, the ministry denying the dam caused any deaths), and a football
story that shares only the country name and has a small dispute of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

import claimtrack.link.linker as linkstore
from claimtrack.errors import NotFoundError
from claimtrack.extraction.claims import extract
from claimtrack.ingest.pipeline import ingest
from claimtrack.link.compare import compare
from claimtrack.link.linker import Linker, LinkError
from claimtrack.models import (
    Article,
    Claim,
    ClaimLink,
    DisputeKind,
    LinkStatus,
    Relation,
    Stance,
)
from claimtrack.query.disputes import disputes
from claimtrack.query.figures import figures
from claimtrack.query.match import match
from claimtrack.store.database import Store
from claimtrack.store.tables import LINK

SPORT = """\
Bolivia wins regional football final

Bolivia beat its neighbour 2-1 in the regional final on Sunday, sending fans into the \
streets of La Paz.

Coach Luis Mendoza said the team would return home to Bolivia on Monday to celebrate the \
title with fans.

Supporters' club president Ana Quispe said police had fired tear gas at fans outside the \
stadium after the final whistle.

The city police denied that officers had fired tear gas at fans outside the stadium.
"""

WIRE = """\
Dam burst floods villages in northern Bolivia

Rescue teams worked through the night after the Rio Seco dam gave way on Monday, sending a \
wall of water through three villages in the Beni valley.

The National Emergency Agency said on Tuesday that 42 deaths had been confirmed in the flood \
after the Rio Seco dam burst in northern Bolivia.

Residents described water rising to the rooftops within minutes.
"""

COURIER = """\
Families search for missing as flood waters recede

Families gathered outside the regional hospital in Trinidad on Tuesday as the search for the \
missing went on.

About 42 deaths had been confirmed in the flood after the Rio Seco dam burst, the National \
Emergency Agency said.

Aid convoys reached the valley by road late in the afternoon, carrying water and blankets.
"""

POST = """\
Doctors put flood toll higher than agency count

Doctors in the Beni valley have kept their own count since the water came down.

The Valley Doctors Association said on Wednesday that 60 deaths had been confirmed in the \
flood after the Rio Seco dam burst.

The Ministry of Public Works denied that the Rio Seco dam burst had caused any deaths in the \
flood.
"""

RELIEF = """\
Red Cross appeals for flood relief

The Red Cross opened an emergency appeal on Thursday for families who lost their homes in the \
Beni valley.

The Red Cross said that 42 deaths had been confirmed in the flood after the Rio Seco dam burst \
in northern Bolivia.
"""

RESTATEMENT = "42 deaths were confirmed in the flood after the Rio Seco dam burst"


@dataclass
class Corpus:
    """The stored corpus, with the claims the tests talk about found by what they say."""

    store: Store
    linker: Linker
    articles: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, text: str, outlet: str, published: str | None = None) -> int:
        article = Article(text=text, outlet=outlet, published=published, path=f"{name}.txt")
        result = self.store.add(extract(article))
        assert result.article_id is not None
        self.linker.link_article(result.article_id)
        self.articles[name] = result.article_id
        return result.article_id

    def claim(self, article: str, needle: str) -> Claim:
        found = [c for c in self.store.claims(article=self.articles[article]) if needle in c.text]
        assert len(found) == 1, (article, needle, found)
        return found[0]

    def claim_id(self, article: str, needle: str) -> int:
        found = self.claim(article, needle).id
        assert found is not None
        return found

    def link(self, a: int, b: int, *, include_rejected: bool = True) -> ClaimLink:
        found = [
            link
            for link in self.linker.links(include_rejected=include_rejected)
            if {link.claim_id, link.other_id} == {a, b}
        ]
        assert len(found) == 1, (a, b, found)
        return found[0]


def add_flood_relief(corpus: Corpus) -> int:
    return corpus.add("relief", RELIEF, "Relief Web", "2024-05-09")


@pytest.fixture
def corpus(store: Store) -> Iterator[Corpus]:
    """The football story first (so its claim ids are the smallest), then three flood reports."""
    stored = Corpus(store, Linker(store))
    stored.add("sport", SPORT, "Sports Daily", "2024-05-05")
    stored.add("wire", WIRE, "Andes Wire", "2024-05-07")
    stored.add("courier", COURIER, "La Paz Courier", "2024-05-07")
    stored.add("post", POST, "Valley Post", "2024-05-08")
    yield stored


@dataclass
class Flood:
    """Ids of the flood claims."""

    agency: int
    agency_about: int
    doctors: int
    denial: int


@pytest.fixture
def flood(corpus: Corpus) -> Flood:
    return Flood(
        agency=corpus.claim_id("wire", "42 deaths"),
        agency_about=corpus.claim_id("courier", "About 42 deaths"),
        doctors=corpus.claim_id("post", "60 deaths"),
        denial=corpus.claim_id("post", "caused any deaths"),
    )


def snapshot(links: list[ClaimLink]) -> dict[int, tuple[Any, ...]]:
    return {
        link.id: (
            frozenset((link.claim_id, link.other_id)),
            link.relation,
            link.score,
            link.status,
            link.reason,
            link.decided_by,
        )
        for link in links
    }


# --- the corpus is what the tests assume ---


def test_extraction_gives_the_claims_the_tests_rely_on(corpus: Corpus, flood: Flood) -> None:
    agency = corpus.claim("wire", "42 deaths")
    about = corpus.claim("courier", "About 42 deaths")
    assert agency.speaker == about.speaker == "National Emergency Agency"
    assert agency.speaker_id == about.speaker_id is not None
    assert [(f.value, f.unit, f.approximate) for f in agency.figures] == [(42, "deaths", False)]
    assert [(f.value, f.unit, f.approximate) for f in about.figures] == [(42, "deaths", True)]
    assert corpus.claim("post", "caused any deaths").stance is Stance.deny


# --- links ---


def test_flood_reports_are_linked_with_the_right_relations(corpus: Corpus, flood: Flood) -> None:
    same = corpus.link(flood.agency, flood.agency_about)
    assert same.relation is Relation.corroborates
    assert same.status is LinkStatus.confirmed and same.decided_by == "auto"
    for agency in (flood.agency, flood.agency_about):
        toll = corpus.link(agency, flood.doctors)
        assert toll.relation is Relation.contradicts
        assert toll.reason.startswith("figures differ:")
        assert "60" in toll.reason and "42" in toll.reason
    for asserted in (flood.agency, flood.agency_about, flood.doctors):
        denied = corpus.link(asserted, flood.denial)
        assert denied.relation is Relation.contradicts
        assert denied.reason.endswith("denies what the other asserts")


def test_a_story_sharing_only_the_country_is_not_linked(corpus: Corpus, flood: Flood) -> None:
    coach = corpus.claim_id("sport", "return home to Bolivia")
    assert corpus.linker.links(claim_id=coach, include_rejected=True) == []
    sport = {c.id for c in corpus.store.claims(article=corpus.articles["sport"])}
    flood_ids = {flood.agency, flood.agency_about, flood.doctors, flood.denial}
    for link in corpus.linker.links(include_rejected=True):
        pair = {link.claim_id, link.other_id}
        assert not (pair & sport and pair & flood_ids), link


def test_links_of_a_claim_are_seen_from_that_claim(corpus: Corpus, flood: Flood) -> None:
    links = corpus.linker.links(claim_id=flood.doctors)
    assert len(links) == 3
    assert all(link.claim_id == flood.doctors for link in links)
    assert {link.other_id for link in links} == {flood.agency, flood.agency_about, flood.denial}
    scores = [link.score for link in corpus.linker.links()]
    assert scores == sorted(scores, reverse=True)


def test_show_a_claim_with_its_links(corpus: Corpus, flood: Flood) -> None:
    shown = corpus.linker.claim(flood.denial)
    assert shown.claim.id == flood.denial
    assert shown.claim.stance is Stance.deny
    assert {link.other_id for link in shown.links} == {
        flood.agency,
        flood.agency_about,
        flood.doctors,
    }
    with pytest.raises(NotFoundError, match="no claim with id 999"):
        corpus.linker.claim(999)


# --- figures ---


def test_one_agency_in_two_outlets_is_one_source(corpus: Corpus, flood: Flood) -> None:
    groups = figures(corpus.linker, "deaths")
    assert [(g.value, g.unit) for g in groups] == [(42, "deaths"), (60, "deaths")]
    agency, doctors = groups
    assert sorted(agency.claim_ids) == sorted([flood.agency, flood.agency_about])
    assert agency.reports == 2
    assert agency.independent_sources == 1
    assert agency.speakers == ["National Emergency Agency"]
    assert sorted(agency.outlets) == ["Andes Wire", "La Paz Courier"]
    assert agency.dates == ["2024-05-07"]  # both reports ran that day; listed once
    assert doctors.claim_ids == [flood.doctors]
    assert doctors.reports == doctors.independent_sources == 1
    assert doctors.label == "60" and not doctors.approximate


def test_exact_and_approximate_figure_share_a_group_showing_the_approximation(
    corpus: Corpus,
) -> None:
    (agency,) = [g for g in figures(corpus.linker, "deaths") if g.value == 42]
    assert agency.approximate
    assert agency.label == "approximately 42"


def test_figures_leave_out_denials_and_other_quantities(corpus: Corpus, flood: Flood) -> None:
    groups = figures(corpus.linker, "deaths")
    backing = {i for g in groups for i in g.claim_ids}
    assert flood.denial not in backing
    assert figures(corpus.linker, "troops") == []


def test_a_second_source_for_the_figure_counts_as_independent(corpus: Corpus) -> None:
    add_flood_relief(corpus)
    (agency,) = [g for g in figures(corpus.linker, "deaths") if g.value == 42]
    assert agency.reports == 3
    assert agency.independent_sources == 2
    assert agency.speakers == ["National Emergency Agency", "Red Cross"]


# --- disputes ---


def test_the_figure_dispute_comes_first_with_the_denial_as_a_position(
    corpus: Corpus, flood: Flood
) -> None:
    found = disputes(corpus.linker)
    assert [d.kind for d in found] == [DisputeKind.figure, DisputeKind.denial]
    toll = found[0]
    assert toll.id == flood.agency
    assert toll.topic.startswith("people killed: approximately 42 vs 60")
    by_label = {p.label: p for p in toll.positions}
    assert list(by_label) == ["approximately 42", "60", "denies"]
    assert sorted(by_label["approximately 42"].claim_ids) == sorted(
        [flood.agency, flood.agency_about]
    )
    assert (
        by_label["approximately 42"].reports == 2
        and by_label["approximately 42"].independent_sources == 1
    )
    assert by_label["60"].claim_ids == [flood.doctors]
    assert by_label["denies"].claim_ids == [flood.denial]
    assert toll.significance > found[1].significance
    assert toll.confirmed


def test_a_small_dispute_ranks_below_despite_smaller_ids(corpus: Corpus) -> None:
    gas = disputes(corpus.linker)[1]
    quispe = corpus.claim_id("sport", "police had fired tear gas")
    police = corpus.claim_id("sport", "officers had fired")
    assert gas.id == quispe < disputes(corpus.linker)[0].id
    assert [(p.label, p.claim_ids) for p in gas.positions] == [
        ("asserts", [quispe]),
        ("denies", [police]),
    ]


def test_disputes_by_topic(corpus: Corpus, flood: Flood) -> None:
    assert [d.id for d in disputes(corpus.linker, topic="tear gas")] == [
        corpus.claim_id("sport", "police had fired tear gas")
    ]
    assert [d.id for d in disputes(corpus.linker, topic="RIO SECO")] == [flood.agency]
    assert disputes(corpus.linker, topic="interest rates") == []


def test_disputes_ignore_rejected_links(corpus: Corpus, flood: Flood) -> None:
    for asserted in (flood.agency, flood.agency_about, flood.doctors):
        corpus.linker.decide(
            corpus.link(asserted, flood.denial).id, LinkStatus.rejected, "A. Editor"
        )
    toll = disputes(corpus.linker)[0]
    assert [p.label for p in toll.positions] == ["approximately 42", "60"]
    assert flood.denial not in {i for p in toll.positions for i in p.claim_ids}

    quispe = corpus.claim_id("sport", "police had fired tear gas")
    police = corpus.claim_id("sport", "officers had fired")
    corpus.linker.decide(corpus.link(quispe, police).id, LinkStatus.rejected, "A. Editor")
    assert [d.kind for d in disputes(corpus.linker)] == [DisputeKind.figure]


def test_rejecting_the_figure_contradictions_ends_the_figure_dispute(
    corpus: Corpus, flood: Flood
) -> None:
    for agency in (flood.agency, flood.agency_about):
        corpus.linker.decide(corpus.link(agency, flood.doctors).id, LinkStatus.rejected, None)
    found = disputes(corpus.linker)
    assert DisputeKind.figure not in {d.kind for d in found}
    assert all(p.label not in ("42", "approximately 42", "60") for d in found for p in d.positions)
    # The ministry still denies what both counts assert.
    (dam,) = [d for d in found if flood.denial in {i for p in d.positions for i in p.claim_ids}]
    assert dam.kind is DisputeKind.denial
    assert [p.label for p in dam.positions] == ["asserts", "denies"]


TWO_FIGURES = [
    (
        "agency",
        """\
Flood toll climbs as waters recede

The National Emergency Agency said that 42 deaths had been confirmed and 300 people had been \
displaced by the flood after the Rio Seco dam burst.
""",
    ),
    (
        "doctors",
        """\
Doctors count more dead in the valley

The Valley Doctors Association said that 60 deaths had been confirmed and 500 people had been \
displaced by the flood after the Rio Seco dam burst.
""",
    ),
]


def test_each_unit_of_two_figure_claims_has_its_own_dispute(store: Store) -> None:
    corpus = Corpus(store, Linker(store))
    for name, text in TWO_FIGURES:
        corpus.add(name, text, f"{name} desk")
    (link,) = corpus.linker.links()
    assert link.relation is Relation.contradicts
    assert "42" in link.reason and "300" in link.reason  # both quantities differ
    topics = sorted(d.topic.split(" — ")[0] for d in disputes(corpus.linker))
    assert topics == ["people displaced: 300 vs 500", "people killed: 42 vs 60"]


def test_disputes_read_relation_and_status_as_stored(store: Store) -> None:
    """Disputes compare the stored strings in SQL: a suggested contradiction still
    counts (not confirmed), a `related` link does not."""
    corpus = Corpus(store, Linker(store))
    for name, text in TWO_FIGURES:
        corpus.add(name, text, f"{name} desk")
    (link,) = corpus.linker.links()
    assert link.status is LinkStatus.confirmed
    assert [d.confirmed for d in disputes(corpus.linker)] == [True, True]
    with store._write() as conn:
        conn.execute(update(LINK).where(LINK.c.id == link.id).values(status="suggested"))
    assert [d.confirmed for d in disputes(corpus.linker)] == [False, False]
    with store._write() as conn:
        conn.execute(update(LINK).where(LINK.c.id == link.id).values(relation="related"))
    assert disputes(corpus.linker) == []


def test_disputes_read_speakers_and_outlets_from_the_store(corpus: Corpus, flood: Flood) -> None:
    """A new linker reads them; the one that linked holds its claims: both agree."""
    found = disputes(Linker(corpus.store))
    assert found == disputes(corpus.linker)
    by_label = {p.label: p for p in found[0].positions}
    assert by_label["approximately 42"].speakers == ["National Emergency Agency"]
    assert by_label["approximately 42"].outlets == ["Andes Wire", "La Paz Courier"]
    assert by_label["approximately 42"].articles == [
        corpus.articles["wire"],
        corpus.articles["courier"],
    ]
    assert by_label["denies"].speakers == ["Ministry of Public Works"]


def test_a_merged_speaker_is_named_and_counted_by_its_record(corpus: Corpus) -> None:
    before = disputes(Linker(corpus.store))[0]
    corpus.store.merge_speakers("National Emergency Agency", "Valley Doctors Association")
    toll = disputes(Linker(corpus.store))[0]
    assert {p.label: p.speakers for p in toll.positions}["60"] == ["National Emergency Agency"]
    assert toll.significance == before.significance - 1  # one independent source fewer


def test_a_topic_named_only_in_a_claims_sentence(corpus: Corpus, flood: Flood) -> None:
    doctors = corpus.claim("post", "60 deaths")
    assert "doctors" not in doctors.text.casefold() and "Valley Doctors" in doctors.sentence
    assert [d.id for d in disputes(corpus.linker, topic="valley DOCTORS")] == [flood.agency]


# --- match ---


def test_match_finds_corroboration_and_contradiction(corpus: Corpus, flood: Flood) -> None:
    found = {m.claim.id: m for m in match(corpus.linker, RESTATEMENT)}
    assert found[flood.agency].relation is Relation.corroborates
    assert found[flood.agency_about].relation is Relation.corroborates
    assert found[flood.denial].relation is Relation.contradicts
    assert "denies" in found[flood.denial].reason
    assert found[flood.doctors].relation is Relation.contradicts
    sport = {c.id for c in corpus.store.claims(article=corpus.articles["sport"])}
    assert not sport & set(found)
    scores = [m.score for m in match(corpus.linker, RESTATEMENT)]
    assert scores == sorted(scores, reverse=True)


def test_match_of_an_unrelated_statement_is_empty(corpus: Corpus) -> None:
    assert match(corpus.linker, "The central bank will raise interest rates in June.") == []


# --- incremental linking ---


def test_a_new_article_is_linked_to_the_stored_ones_only(
    corpus: Corpus, flood: Flood, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(corpus.linker.links(include_rejected=True))
    calls: list[tuple[Claim, Claim]] = []

    def counting(a: Claim, b: Claim, *args: Any, **kwargs: Any) -> Any:
        calls.append((a, b))
        return compare(a, b, *args, **kwargs)

    monkeypatch.setattr(linkstore, "compare", counting)
    relief = add_flood_relief(corpus)

    # Only the new article's claims were compared, each with stored claims it shares terms with.
    assert calls
    assert all(relief in (a.article_id, b.article_id) for a, b in calls)
    new_claims = corpus.store.claims(article=relief)
    assert len(calls) <= len(new_claims) * linkstore.MAX_CANDIDATES

    after = snapshot(corpus.linker.links(include_rejected=True))
    assert {i: after[i] for i in before} == before  # old links untouched, same ids and scores
    red_cross = corpus.claim_id("relief", "42 deaths")
    added = {(row[0] - {red_cross}, row[1]) for i, row in after.items() if i not in before}
    assert added == {
        (frozenset({flood.agency}), Relation.corroborates),
        (frozenset({flood.agency_about}), Relation.corroborates),
        (frozenset({flood.doctors}), Relation.contradicts),
        (frozenset({flood.denial}), Relation.contradicts),
    }


def test_linking_an_article_again_adds_nothing(corpus: Corpus) -> None:
    before = snapshot(corpus.linker.links(include_rejected=True))
    assert corpus.linker.link_article(corpus.articles["courier"]) == 0
    after = snapshot(corpus.linker.links(include_rejected=True))
    assert set(after) == set(before)
    assert {i: row[:2] for i, row in after.items()} == {i: row[:2] for i, row in before.items()}


def test_ingest_links_each_stored_article(store: Store, tmp_path: Path) -> None:
    for name, text in [("wire", WIRE), ("post", POST)]:
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    ingest(store, [str(tmp_path / "wire.txt"), str(tmp_path / "post.txt")])
    linker = Linker(store)
    agency = store.claims(search="42 deaths")[0].id
    doctors = store.claims(search="60 deaths")[0].id
    denial = store.claims(search="caused any deaths")[0].id
    found = {frozenset((x.claim_id, x.other_id)): x.relation for x in linker.links()}
    # 42 vs 60, and the denial of both (the 60 in its own article, by another speaker).
    assert found == {
        frozenset({agency, doctors}): Relation.contradicts,
        frozenset({agency, denial}): Relation.contradicts,
        frozenset({doctors, denial}): Relation.contradicts,
    }


def test_relink_rebuilds_the_same_links(corpus: Corpus) -> None:
    def pairs() -> set[tuple[frozenset[int], Relation, float]]:
        return {
            (frozenset((link.claim_id, link.other_id)), link.relation, link.score)
            for link in corpus.linker.links(include_rejected=True)
        }

    before = pairs()
    made = corpus.linker.relink()
    assert made == len(before)
    assert pairs() == before


# --- people's decisions ---


def test_a_rejected_link_never_comes_back(corpus: Corpus, flood: Flood) -> None:
    link = corpus.link(flood.agency, flood.doctors)
    rejected = corpus.linker.decide(link.id, LinkStatus.rejected, "A. Editor")
    assert rejected.status is LinkStatus.rejected and rejected.decided_by == "A. Editor"

    def check() -> None:
        assert all(
            {x.claim_id, x.other_id} != {flood.agency, flood.doctors} for x in corpus.linker.links()
        )
        again = corpus.link(flood.agency, flood.doctors)  # exactly one row for the pair
        assert again.id == link.id
        assert again.status is LinkStatus.rejected
        assert again.decided_by == "A. Editor"
        assert [x.id for x in corpus.linker.links(status=LinkStatus.rejected)] == [link.id]
        assert link.id not in {x.id for x in corpus.linker.claim(flood.agency).links}

    check()
    corpus.linker.relink()
    check()
    add_flood_relief(corpus)
    check()
    corpus.linker.relink()
    check()


def test_a_confirmed_decision_survives_relink(store: Store) -> None:
    corpus = Corpus(store, Linker(store))
    corpus.add(
        "red",
        "Dam failure confirmed\n\nThe Red Cross said the Rio Seco dam had burst.\n",
        "Relief Web",
        "2024-05-07",
    )
    corpus.add(
        "gov",
        "Governor visits valley\n\nGovernor Marta Flores confirmed that the Rio Seco dam had "
        "burst.\n",
        "Andes Wire",
        "2024-05-07",
    )
    a = corpus.claim_id("red", "dam had burst")
    b = corpus.claim_id("gov", "dam had burst")
    link = corpus.link(a, b)
    assert link.status is LinkStatus.suggested  # a short claim waits for a person
    assert link.decided_by is None
    assert [x.id for x in corpus.linker.links(status=LinkStatus.suggested)] == [link.id]

    confirmed = corpus.linker.decide(link.id, LinkStatus.confirmed, "A. Editor")
    assert confirmed.status is LinkStatus.confirmed and confirmed.decided_by == "A. Editor"
    corpus.linker.relink()
    kept = corpus.link(a, b)
    assert (kept.id, kept.status, kept.decided_by) == (link.id, LinkStatus.confirmed, "A. Editor")
    assert corpus.linker.links(status=LinkStatus.suggested) == []


def test_an_undecided_link_is_rebuilt_by_relink(store: Store) -> None:
    corpus = Corpus(store, Linker(store))
    corpus.add("red", "Dam failure\n\nThe Red Cross said the Rio Seco dam had burst.\n", "R")
    corpus.add("gov", "Visit\n\nGovernor Marta Flores said the Rio Seco dam had burst.\n", "A")
    a = corpus.claim_id("red", "dam had burst")
    b = corpus.claim_id("gov", "dam had burst")
    assert corpus.link(a, b).status is LinkStatus.suggested
    corpus.linker.relink()
    assert corpus.link(a, b).status is LinkStatus.suggested


def test_decisions_on_unknown_links_fail(corpus: Corpus) -> None:
    with pytest.raises(NotFoundError, match="no link with id 999"):
        corpus.linker.decide(999, LinkStatus.rejected, "A. Editor")
    some = corpus.linker.links()[0]
    with pytest.raises(LinkError):
        corpus.linker.decide(some.id, LinkStatus.suggested, "A. Editor")
    assert corpus.link(some.claim_id, some.other_id).status is some.status


def test_figures_of_a_noun_without_a_unit_class_narrowed_by_place(corpus: Corpus) -> None:
    corpus.add(
        "orla-beds",
        "The Orla district hospital has 240 beds left for flood victims, its director said.",
        "Valley Post",
    )
    corpus.add(
        "brask-beds",
        "The Brask clinic has 35 beds left for the wounded, the regional health office said.",
        "Northern Courier",
    )
    orla = figures(corpus.linker, "beds Orla")
    assert [(g.label, g.unit, g.articles) for g in orla] == [
        ("240", "bed", [corpus.articles["orla-beds"]])
    ]
    both = figures(corpus.linker, "beds")
    assert [g.label for g in both] == ["35", "240"]


def test_links_a_page_at_a_time_and_counted(corpus: Corpus) -> None:
    for status in (LinkStatus.suggested, LinkStatus.confirmed):
        every = corpus.linker.links(status=status)
        assert every and corpus.linker.count_links(status) == len(every)
        assert corpus.linker.links(status=status, limit=1, offset=len(every) - 1) == every[-1:]
        assert corpus.linker.links(status=status, limit=2) == every[:2]
        assert corpus.linker.links(status=status, limit=1, offset=len(every)) == []


def test_counting_links_can_stop_early(corpus: Corpus) -> None:
    every = len(corpus.linker.links(status=LinkStatus.confirmed))
    assert every > 1
    assert corpus.linker.count_links(LinkStatus.confirmed, up_to=1) == 1
    assert corpus.linker.count_links(LinkStatus.confirmed, up_to=every + 5) == every
