"""Disputes are kept with the database until what they come from changes (disputecache.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection

from claimtrack.errors import DatabaseError
from claimtrack.link.linker import Linker
from claimtrack.models import DisputeKind, LinkStatus
from claimtrack.query import disputes as module
from claimtrack.query.disputes import disputes
from claimtrack.store.database import Store
from tests.test_linking_store import COURIER, POST, WIRE, Corpus


@pytest.fixture
def flooded(store: Store) -> Corpus:
    """Three reports of one flood: a figure dispute (42 against 60 deaths) and a denial."""
    stored = Corpus(store, Linker(store))
    stored.add("wire", WIRE, "Andes Wire", "2024-05-07")
    stored.add("courier", COURIER, "La Paz Courier", "2024-05-07")
    stored.add("post", POST, "Valley Post", "2024-05-08")
    return stored


def _no_compute(*_: object) -> None:
    raise AssertionError("computed again, though nothing changed")


def test_a_second_call_reads_the_kept_disputes(
    flooded: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = disputes(flooded.linker)
    assert first
    monkeypatch.setattr(module, "_compute", _no_compute)
    assert disputes(flooded.linker) == first
    # A topic keeps the kept disputes whose claims mention it.
    said = {c.id: f"{c.text} {c.sentence}".casefold() for c in flooded.store.claims()}
    expected = [
        d for d in first if any("deaths" in said[i] for p in d.positions for i in p.claim_ids)
    ]
    assert expected and disputes(flooded.linker, topic="deaths") == expected


def test_a_decision_on_a_link_computes_them_again(flooded: Corpus) -> None:
    assert DisputeKind.figure in {d.kind for d in disputes(flooded.linker)}
    doctors = flooded.claim_id("post", "60 deaths")
    for agency in (flooded.claim_id("wire", "42 deaths"), flooded.claim_id("courier", "About 42")):
        flooded.linker.decide(flooded.link(agency, doctors).id, LinkStatus.rejected, None)
    assert DisputeKind.figure not in {d.kind for d in disputes(flooded.linker)}


def test_a_new_article_computes_them_again(flooded: Corpus) -> None:
    before = disputes(flooded.linker)
    flooded.add("again", COURIER.replace("About 42", "About 70"), "Second Courier", "2024-05-09")
    after = disputes(flooded.linker)
    assert after != before


def test_a_database_that_cannot_be_written_still_answers(
    flooded: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    @contextmanager
    def refused(*_: object, **__: object) -> Iterator[Connection]:
        raise DatabaseError("attempt to write a readonly database")
        yield  # pragma: no cover

    monkeypatch.setattr(flooded.store, "_write", refused)
    first = disputes(flooded.linker)
    assert first and disputes(flooded.linker) == first
