"""`match` on the seed articles: the same quantity with another figure contradicts, and a
claim that only shares the topic is related at most (issue 20, item 8)."""

from __future__ import annotations

from pathlib import Path

from claimtrack.ingest.pipeline import ingest
from claimtrack.link.compare import CONFIRM
from claimtrack.link.linker import Linker
from claimtrack.models import Relation
from claimtrack.query.match import match
from claimtrack.store.database import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_another_troop_count_contradicts_and_a_topic_is_only_related(store: Store) -> None:
    ingest(store, sorted(str(p) for p in SEEDS.iterdir()))
    found = match(Linker(store), "North Korea sent 12,000 troops to Russia")
    by_text = {m.claim.text: m for m in found}
    troops = [m for text, m in by_text.items() if "1,500" in text]
    assert troops and all(m.relation is Relation.contradicts for m in troops)
    for m in found:
        if m.relation is Relation.corroborates:
            assert m.score >= CONFIRM  # below it, shared words are a topic, not the claim
    weapons = [m for text, m in by_text.items() if "supplying weapons" in text]
    assert all(m.relation is not Relation.corroborates for m in weapons)
