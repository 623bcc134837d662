"""Events: figures and disputes compare only what one event's articles say.

The articles here are written for the tests (regression cases in the shape of
real wire copy); accuracy on real news is measured by benchmarks/ecbplus.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrack.ingest.pipeline import ingest
from claimtrack.link.events import event_frame, event_ids
from claimtrack.link.linker import Linker
from claimtrack.models import DisputeKind, IngestStatus, Relation
from claimtrack.query import labels
from claimtrack.query.disputes import disputes
from claimtrack.query.figures import figures
from claimtrack.query.reviews import record_review, reviews
from claimtrack.store.database import Store

QUAKE_NORTH = (
    "Strong quake hits Varnholm province",
    "2031-07-02",
    "A magnitude 6.1 earthquake struck Varnholm province on Tuesday, the Geological Survey "
    "said. The provincial disaster agency said 24 people were killed in the earthquake in "
    "Tessby.",
)
QUAKE_NORTH_LATER = (
    "Varnholm quake toll rises",
    "2031-07-03",
    "Rescuers in Tessby dug through collapsed homes on Wednesday. The provincial disaster "
    "agency said 31 people were killed in the earthquake in Tessby.",
)
QUAKE_SOUTH = (
    "Quake rattles Ostmark coast",
    "2027-03-14",
    "A magnitude 6.1 earthquake struck the Ostmark coast, the Geological Survey said. "
    "The coastal disaster agency said 24 people were killed in the earthquake in Brennby.",
)


def _write(folder: Path, name: str, article: tuple[str, str, str]) -> str:
    title, published, text = article
    path = folder / f"{name}.txt"
    path.write_text(f"---\ntitle: {title}\npublished: {published}\n---\n{text}\n")
    return str(path)


def test_a_run_of_capitalised_words_is_one_name_and_countries_are_none() -> None:
    names = event_frame(
        "Quake hits Indonesia",
        "The United States Geological Survey said the quake struck Aceh. Ana Duarte said.",
    )
    words = {" ".join(sorted(n)) for n in names}
    assert "geological survey" in words  # one source, not two facts of the event
    assert "ana duarte" in words
    assert not any("indonesia" in n for n in names)  # a country tells no event apart


def test_events_group_by_lead_names_and_keep_dates_apart() -> None:
    north = event_frame(QUAKE_NORTH[0], QUAKE_NORTH[2])
    later = event_frame(QUAKE_NORTH_LATER[0], QUAKE_NORTH_LATER[2])
    south = event_frame(QUAKE_SOUTH[0], QUAKE_SOUTH[2])
    dates = {1: QUAKE_NORTH[1], 2: QUAKE_NORTH_LATER[1], 3: QUAKE_SOUTH[1]}
    found = event_ids([1, 2, 3], {1: north, 2: later, 3: south}, dates)
    assert found == {1: 1, 2: 1, 3: 3}
    # The same two leads published years apart are two events.
    assert event_ids([1, 2], {1: north, 2: later}, {1: "2031-07-02", 2: "2035-07-03"}) == {
        1: 1,
        2: 2,
    }
    # A lead that names nothing is an event of its own: grouping it would be a guess.
    assert event_ids([1, 2], {1: north, 2: frozenset()}) == {1: 1, 2: 2}


@pytest.fixture
def quakes(store: Store, tmp_path: Path) -> Linker:
    paths = [
        _write(tmp_path, "north", QUAKE_NORTH),
        _write(tmp_path, "later", QUAKE_NORTH_LATER),
        _write(tmp_path, "south", QUAKE_SOUTH),
    ]
    assert [r.status for r in ingest(store, paths)] == [IngestStatus.stored] * 3
    return Linker(store)


def test_one_number_in_two_events_is_two_figure_groups(quakes: Linker) -> None:
    killed = [g for g in figures(quakes, "people") if g.quantity == "people killed"]
    by_value = {(g.value, g.event) for g in killed}
    # 24 killed in the south is not a backer of 24 killed in the north.
    assert (24, "Strong quake hits Varnholm province") in by_value
    assert (24, "Quake rattles Ostmark coast") in by_value
    assert (31, "Strong quake hits Varnholm province") in by_value
    assert all(len(g.articles) == 1 for g in killed)


def test_a_figure_dispute_stays_inside_its_event(quakes: Linker) -> None:
    found = [d for d in disputes(quakes) if d.kind is DisputeKind.figure]
    assert found
    for dispute in found:
        articles = {a for p in dispute.positions for a in p.articles}
        assert len(articles) <= 2
        assert dispute.topic.startswith("people killed: 24 vs 31 — Strong quake")
        assert all("Brennby" not in s for p in dispute.positions for s in p.speakers)
        # The agency gave both tolls: it stands on both sides, and the dispute says so.
        lower, higher = ({s for s in p.speakers} for p in dispute.positions)
        assert dispute.both_sides == sorted(lower & higher) != []


def test_a_verdict_stays_with_its_quantity_and_event(
    store: Store, tmp_path: Path, quakes: Linker
) -> None:
    (toll,) = [d for d in disputes(quakes) if d.kind is DisputeKind.figure]
    record_review(store, rating="half true", dispute_id=toll.id, reviewer="desk")
    more = (
        "Varnholm death toll revised",
        "2031-07-04",
        "Rescuers found more bodies on Thursday. The provincial disaster agency said 35 "
        "people were killed in the earthquake in Tessby.",
    )
    ingest(store, [_write(tmp_path, "revised", more)])
    (again,) = [d for d in disputes(Linker(store)) if d.kind is DisputeKind.figure]
    assert again.key == toll.key
    assert [r.rating for r in reviews(store, dispute_id=again.id)] == ["half true"]


def test_topics_are_neutral_labels() -> None:
    assert labels.topic(DisputeKind.denial, None, "", "The mayor resigned on Monday", None) == (
        "whether the mayor resigned on Monday"
    )
    assert labels.topic(DisputeKind.denial, None, "", "NATO troops left", None) == (
        "whether NATO troops left"
    )
    assert labels.topic(DisputeKind.figure, "people killed", "24 vs 31", "24 died", "Quake") == (
        "people killed: 24 vs 31 — Quake"
    )
    assert (
        labels.key(DisputeKind.figure, "people killed", "abc", "h:1:2")
        == "figure:people killed@abc"
    )
    assert labels.key(DisputeKind.denial, None, None, "h:1:2") == "denial:h:1:2"


def test_lead_names_are_stored_and_old_articles_are_read_from_their_text(
    store: Store, quakes: Linker
) -> None:
    from sqlalchemy import select, update

    from claimtrack.store.tables import ARTICLE

    with store._read() as conn:
        ids = [i for (i,) in conn.execute(select(ARTICLE.c.id).order_by(ARTICLE.c.id))]
        kept = dict(conn.execute(select(ARTICLE.c.id, ARTICLE.c.lead_names)).all())
    assert all(kept[i] for i in ids)
    with store._read() as conn:
        stored = Linker(store).event_frames(conn, ids)
    with store._write() as conn:  # as an article stored before schema 10 has them
        conn.execute(update(ARTICLE).values(lead_names=None))
    with store._read() as conn:
        read = Linker(store).event_frames(conn, ids)
    assert read == stored and stored[ids[0]]


def test_a_verdict_follows_its_figure_dispute_when_the_event_starts_elsewhere() -> None:
    from claimtrack.query.reviews import DisputeIndex

    # The event's first article was stored again (a new id): another article is first
    # now, and the dispute's key names it; the old key still finds the dispute that
    # holds a claim of its article, for the same quantity only.
    index = DisputeIndex(
        keys={5: "figure:people killed@second", 9: "figure:people injured@second"},
        kinds={5: "figure", 9: "figure"},
        members={5: {"first:10:50", "second:3:9"}, 9: {"first:60:90", "second:12:30"}},
    )
    assert index.find("figure:people killed@first") == 5
    assert index.find("figure:people injured@first") == 9
    assert index.find("figure:people missing@first") is None
    assert index.find("figure:people killed@elsewhere") is None


def test_a_thin_lead_joins_an_event_only_when_one_is_near(store: Store) -> None:
    thin = frozenset({frozenset({"harbour"})})
    rich = event_frame(QUAKE_NORTH[0], QUAKE_NORTH[2])
    other = event_frame(QUAKE_SOUTH[0], QUAKE_SOUTH[2])
    # One event within ten days: the thin lead joins it.
    assert event_ids([1, 2], {1: rich, 2: thin}, {1: "2031-07-02", 2: "2031-07-05"}) == {
        1: 1,
        2: 1,
    }
    # Two events within ten days: choosing would be a guess, so it stands alone.
    dates = {1: "2031-07-02", 2: "2031-07-20", 3: "2031-07-12"}
    assert event_ids([1, 2, 3], {1: rich, 2: other, 3: thin}, dates)[3] == 3
    # Undated, it joins only claims already linked, and only one event.
    assert event_ids([1, 2], {1: rich, 2: thin})[2] == 2
    assert event_ids([1, 2], {1: rich, 2: thin}, linked=True)[2] == 1


def test_figures_read_every_articles_event_once(
    store: Store, quakes: Linker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtrack.query import eventcache

    first = figures(quakes, "people")
    monkeypatch.setattr(eventcache, "event_ids", lambda *a, **k: pytest.fail("grouped again"))
    assert figures(Linker(store), "people") == first


def test_events_kept_in_the_older_form_are_still_read(store: Store, quakes: Linker) -> None:
    """A database whose events were kept as an object of id strings answers the same."""
    import json

    from claimtrack.query import eventcache, kept
    from claimtrack.store import stamps

    first = figures(quakes, "people")
    every = eventcache.events(quakes)
    with store._write() as conn:
        state = eventcache.state(conn)
        older = json.dumps({str(a): e for a, e in every.items()})
        stamps.write(conn, eventcache.KEY, f"{state}\n{older}")
    with store._read() as conn:
        assert kept.read(conn, eventcache.KEY, state) == older
    assert eventcache.events(Linker(store)) == every
    assert figures(Linker(store), "people") == first


def test_similar_claims_of_another_event_are_related_at_most(store: Store, tmp_path: Path) -> None:
    """A claim's similar claims (the review room): the same words about a quake
    years earlier neither back nor contradict it."""
    from claimtrack.query.match import match

    earlier = (
        "Quake hits Varnholm province",
        "2024-02-11",
        "The provincial disaster agency said 31 people were killed in the earthquake in Tessby.",
    )
    paths = [_write(tmp_path, "north", QUAKE_NORTH), _write(tmp_path, "earlier", earlier)]
    ingest(store, paths)
    linker = Linker(store)
    probe = next(c for c in store.claims() if "24 people" in c.text)
    other = next(c for c in store.claims() if "31 people" in c.text)
    free = {m.claim.id: m for m in match(linker, probe.text)}
    assert free[other.id].relation is Relation.contradicts  # words and quantity alike
    scoped = {m.claim.id: m for m in match(linker, probe.text, about=probe.article_id)}
    assert scoped[other.id].relation is Relation.related
    assert scoped[other.id].reason.startswith("another event")
    assert scoped[probe.id].relation is Relation.corroborates  # its own event is kept
