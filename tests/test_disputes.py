"""query.disputes through the library: articles ingested into a fresh store, disputes read back.

The articles are made up for these tests: a warehouse fire at a port whose
injury count the port authority (carried by two outlets) and a dockworkers'
union give differently, a bridge closure one body announces and another
denies, and a drought two bodies describe alike.
"""

from __future__ import annotations

from pathlib import Path

from claimtrack.ingest.pipeline import ingest
from claimtrack.link.linker import Linker
from claimtrack.models import Claim, DisputeKind, IngestStatus, Relation, Stance
from claimtrack.query.disputes import disputes
from claimtrack.store.database import Store

# name: (outlet, published, text)
PORT_FIRE = {
    "wire": (
        "Coastline Wire",
        "2024-03-04",
        "Fire guts warehouse at Velmora port\n\n"
        "Firefighters fought the blaze at the Velmora container terminal for most of "
        "Sunday night.\n\n"
        "The Velmora Port Authority said on Monday that 17 workers were injured in the "
        "warehouse fire at the Velmora container terminal.\n\n"
        "Shipping resumed at the other berths by the afternoon.\n",
    ),
    "gazette": (
        "Velmora Gazette",
        "2024-03-04",
        "Port fire: injured taken to Saint Alba clinic\n\n"
        "Ambulances queued outside the Saint Alba clinic as the injured arrived from the "
        "harbour.\n\n"
        "About 17 workers were hurt when fire swept through a warehouse at the Velmora "
        "terminal, the Velmora Port Authority said.\n\n"
        "Relatives waited in the clinic courtyard until late evening.\n",
    ),
    "times": (
        "Harbour Times",
        "2024-03-05",
        "Questions over Velmora port fire\n\n"
        "Dockers gathered at the terminal gates on Tuesday morning.\n\n"
        "The Dockworkers Union of Velmora said on Tuesday that 31 workers were injured in the "
        "warehouse fire at the Velmora container terminal.\n",
    ),
}
BRIDGE = {
    "ministry": (
        "Capital Herald",
        "2024-03-06",
        "Kestrel Bridge repairs planned\n\n"
        "The Ministry of Transport said on Wednesday that the Kestrel Bridge would close for "
        "repairs in April.\n\n"
        "Drivers were advised to plan longer routes through the river valley.\n",
    ),
    "company": (
        "Northern Ledger",
        "2024-03-07",
        "Bridge operator rejects closure plan\n\n"
        "The Kestrel Bridge Company denied that the Kestrel Bridge would close for repairs "
        "in April.\n\n"
        "Toll revenue has risen every year since the bridge opened.\n",
    ),
}
DROUGHT = {
    "growers": (
        "Farm Weekly",
        "2024-03-08",
        "Dry spring hits barley growers\n\n"
        "The Orvanne Growers Cooperative said that the drought had destroyed most of the "
        "barley harvest in the Orvanne valley.\n",
    ),
    "office": (
        "Rural Post",
        "2024-03-09",
        "Valley farms count losses\n\n"
        "The regional agriculture office said the drought had destroyed most of the barley "
        "harvest in the Orvanne valley.\n",
    ),
}


def stored(store: Store, folder: Path, articles: dict[str, tuple[str, str, str]]) -> Linker:
    """Write each article as a text file with front matter, ingest them in order, link them."""
    paths = []
    for name, (outlet, published, text) in articles.items():
        path = folder / f"{name}.txt"
        path.write_text(f"---\noutlet: {outlet}\npublished: {published}\n---\n{text}")
        paths.append(str(path))
    results = ingest(store, paths)
    assert [r.status for r in results] == [IngestStatus.stored] * len(paths)
    return Linker(store)


def claim(store: Store, speaker: str, needle: str) -> Claim:
    """The one stored claim of ``speaker`` whose text holds ``needle``."""
    (found,) = [c for c in store.claims() if c.speaker == speaker and needle in c.text]
    return found


def claim_id(store: Store, speaker: str, needle: str) -> int:
    found = claim(store, speaker, needle).id
    assert found is not None
    return found


def test_two_counts_of_one_unit_are_a_figure_dispute(store: Store, tmp_path: Path) -> None:
    linker = stored(store, tmp_path, PORT_FIRE)
    authority = claim_id(store, "Velmora Port Authority", "17 workers were injured")
    authority_again = claim_id(store, "Velmora Port Authority", "About 17 workers")
    union = claim_id(store, "Dockworkers Union of Velmora", "31 workers")

    (fire,) = disputes(linker)
    assert fire.kind is DisputeKind.figure
    assert fire.id == authority
    # A neutral label: the quantity and its values, no side's sentence (the
    # articles have no title to name the event by).
    assert fire.topic == "worker injured: approximately 17 vs 31"
    assert fire.key.startswith("figure:worker injured@")
    assert fire.confirmed
    lower, higher = fire.positions
    assert (lower.label, sorted(lower.claim_ids)) == (
        "approximately 17",
        sorted([authority, authority_again]),
    )
    assert lower.speakers == ["Velmora Port Authority"]
    assert lower.outlets == ["Coastline Wire", "Velmora Gazette"]
    # Two outlets repeating one agency: two reports, one independent source.
    assert (lower.reports, lower.independent_sources) == (2, 1)
    assert (higher.label, higher.claim_ids) == ("31", [union])
    assert higher.speakers == ["Dockworkers Union of Velmora"]
    assert higher.outlets == ["Harbour Times"]
    assert (higher.reports, higher.independent_sources) == (1, 1)


def test_a_denial_is_a_dispute_of_asserts_and_denies(store: Store, tmp_path: Path) -> None:
    linker = stored(store, tmp_path, BRIDGE)
    ministry = claim(store, "Ministry of Transport", "would close")
    company = claim(store, "Kestrel Bridge Company", "would close")
    assert (ministry.stance, company.stance) == (Stance.assert_, Stance.deny)

    (bridge,) = disputes(linker)
    assert bridge.kind is DisputeKind.denial
    # The asserted proposition, put as a question: neither side's sentence as the topic.
    assert bridge.topic == "whether the Kestrel Bridge would close for repairs in April"
    assert [(p.label, p.claim_ids, p.speakers, p.outlets) for p in bridge.positions] == [
        ("asserts", [ministry.id], ["Ministry of Transport"], ["Capital Herald"]),
        ("denies", [company.id], ["Kestrel Bridge Company"], ["Northern Ledger"]),
    ]
    assert all(p.independent_sources == 1 for p in bridge.positions)


def test_claims_that_agree_are_no_dispute(store: Store, tmp_path: Path) -> None:
    linker = stored(store, tmp_path, DROUGHT)
    both = {c.id for c in store.claims()}
    assert len(both) == 2
    (link,) = linker.links()
    assert link.relation is Relation.corroborates
    assert {link.claim_id, link.other_id} == both
    assert disputes(linker) == []


def test_unrelated_stories_keep_their_own_disputes(store: Store, tmp_path: Path) -> None:
    linker = stored(store, tmp_path, {**PORT_FIRE, **BRIDGE, **DROUGHT})
    found = disputes(linker)
    assert [d.kind for d in found] == [DisputeKind.figure, DisputeKind.denial]
    assert found[0].significance > found[1].significance
    assert disputes(linker, topic="Kestrel") == [found[1]]
    assert disputes(linker, topic="barley") == []
