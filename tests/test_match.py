"""query.match through the library: a statement checked against articles in a fresh store.

The articles are made up for these tests: a ferry stranded off an island,
whose evacuated passengers the ferry line (carried by two outlets) and the
coastguard count differently, a harbour master who gives no count, and a
fisherman's account that the ferry ran aground, which the ferry line denies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from claimtrack.ingest.pipeline import ingest
from claimtrack.link.linker import Linker
from claimtrack.models import IngestStatus, Relation, Stance
from claimtrack.query.match import match
from claimtrack.store.database import Store

# name: (outlet, published, text)
FERRY = {
    "island": (
        "Island Wire",
        "2024-06-07",
        "Ferry stranded off Corran Island\n\n"
        "The Varnholm Ferry Company said on Friday that 240 passengers were evacuated from the "
        "stranded ferry near Corran Island.\n\n"
        "Lifeboats from two villages joined the rescue.\n",
    ),
    "chronicle": (
        "Bay Chronicle",
        "2024-06-07",
        "Rescue at sea\n\n"
        "About 240 passengers were taken off the stranded ferry near Corran Island by "
        "lifeboat, the Varnholm Ferry Company said.\n",
    ),
    "mail": (
        "Coastal Mail",
        "2024-06-08",
        "Coastguard gives higher count\n\n"
        "The Corran coastguard said on Saturday that 310 passengers were evacuated from the "
        "stranded ferry near Corran Island.\n",
    ),
    "packet": (
        "Evening Packet",
        "2024-06-08",
        "Engine failure blamed\n\n"
        "Harbour master Ilse Varga said that passengers were evacuated from the stranded "
        "ferry near Corran Island after its engine failed.\n",
    ),
    "fisher": (
        "Island Wire",
        "2024-06-09",
        "Fishermen saw ferry hit rocks\n\n"
        "Fisherman Arno Bel said that the ferry had run aground on the rocks near Corran "
        "Island.\n",
    ),
    "denial": (
        "Bay Chronicle",
        "2024-06-10",
        "Ferry line rejects grounding report\n\n"
        "The Varnholm Ferry Company denied that the ferry had run aground on the rocks near "
        "Corran Island.\n",
    ),
}


@dataclass
class Ferry:
    """The stored ferry articles: the linker, and each article's one claim id by name."""

    linker: Linker
    claims: dict[str, int]


@pytest.fixture
def ferry(store: Store, tmp_path: Path) -> Ferry:
    """The articles written as text files with front matter and ingested in order."""
    paths = []
    for name, (outlet, published, text) in FERRY.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(f"---\noutlet: {outlet}\npublished: {published}\n---\n{text}")
        paths.append(str(path))
    claims: dict[str, int] = {}
    for name, result in zip(FERRY, ingest(store, paths), strict=True):
        assert result.status is IngestStatus.stored and result.article_id is not None
        (claim,) = [c for c in store.claims(article=result.article_id) if c.attributed]
        assert claim.id is not None
        claims[name] = claim.id
    return Ferry(Linker(store), claims)


def test_a_count_is_matched_by_its_repeats_and_contradicted_by_another(ferry: Ferry) -> None:
    statement = "240 passengers were evacuated from the stranded ferry near Corran Island"
    found = match(ferry.linker, statement)
    ids = ferry.claims
    assert [(m.claim.id, m.relation, m.score) for m in found] == [
        (ids["island"], Relation.corroborates, 100.0),
        (ids["chronicle"], Relation.corroborates, 100.0),
        (ids["mail"], Relation.contradicts, 100.0),
        (ids["packet"], Relation.corroborates, 95.2),
        (ids["fisher"], Relation.related, 61.1),
        (ids["denial"], Relation.contradicts, 61.1),
    ]
    assert found[0].reason == "same proposition; same figure for passenger evacuated"
    assert found[2].reason == "figures differ: 240 vs 310 passenger evacuated"
    assert found[3].reason == "same proposition"


def test_a_denial_contradicts_the_statement_it_denies(ferry: Ferry) -> None:
    found = match(ferry.linker, "The ferry ran aground on the rocks near Corran Island")
    ids = ferry.claims
    denial = found[1].claim
    assert denial.stance is Stance.deny
    assert [(m.claim.id, m.relation, m.score) for m in found[:2]] == [
        (ids["fisher"], Relation.corroborates, 92.7),
        (ids["denial"], Relation.contradicts, 92.7),
    ]
    assert found[1].reason == "Varnholm Ferry Company denies what the other asserts"
    # The evacuation claims share the ferry and the island, not the grounding: related, below.
    assert [m.claim.id for m in found[2:]] == [
        ids["island"],
        ids["mail"],
        ids["chronicle"],
        ids["packet"],
    ]
    assert {m.relation for m in found[2:]} == {Relation.related}
    assert all(m.score < found[1].score for m in found[2:])


def test_an_unrelated_statement_matches_nothing(ferry: Ferry) -> None:
    assert (
        match(ferry.linker, "The city council will vote on a new library budget next week.") == []
    )
