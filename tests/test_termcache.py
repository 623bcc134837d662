"""A linker's in-memory posting lists: exact copies of the index, dropped when someone else writes.

The integration tests run two `Linker`s on one database, as two `claimtrack
ingest` processes would: what one indexes must reach the other's candidates,
and its results must equal a single linker's.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from claimtrack.extraction.claims import extract
from claimtrack.link.linker import MAX_CANDIDATES, Linker, most_shared
from claimtrack.link.termcache import TermCache
from claimtrack.models import Article
from claimtrack.store import textindex
from claimtrack.store.database import Store
from claimtrack.store.tables import TERM_STAT
from tests.test_linking_store import COURIER, POST, RELIEF, SPORT, WIRE


def _fetch_from(
    index: Mapping[str, list[int]],
) -> tuple[Callable[[list[str]], dict[str, list[int]]], list[list[str]]]:
    """A fetch that answers from `index` (newest 3) and records what it was asked."""
    calls: list[list[str]] = []

    def fetch(terms: list[str]) -> dict[str, list[int]]:
        calls.append(list(terms))
        return {t: sorted(index[t], reverse=True)[:3] for t in terms if t in index}

    return fetch, calls


def test_reads_a_term_once_then_applies_additions() -> None:
    cache = TermCache(depth=3)
    cache.sync("s1")
    fetch, calls = _fetch_from({"dam": [1, 4, 7, 9], "flood": [2]})
    assert list(cache.postings(["dam", "flood", "toll"], fetch)["dam"]) == [4, 7, 9]
    cache.added({12: {"dam", "toll"}}, "s2")
    got = cache.postings(["dam", "toll"], fetch)
    assert calls == [["dam", "flood", "toll"]]  # nothing read the second time
    assert list(got["dam"]) == [7, 9, 12]  # the oldest falls off at the depth
    assert list(got["toll"]) == [12]


def test_a_late_older_claim_keeps_newest_first_order() -> None:
    cache = TermCache(depth=3)
    fetch, _ = _fetch_from({"dam": [5, 8, 9]})
    cache.postings(["dam"], fetch)
    cache.added({7: {"dam"}}, "s")
    assert list(cache.postings(["dam"], fetch)["dam"]) == [7, 8, 9]
    cache.added({2: {"dam"}}, "t")  # older than all it holds: not among the newest 3
    assert list(cache.postings(["dam"], fetch)["dam"]) == [7, 8, 9]


def test_a_new_stamp_drops_everything() -> None:
    cache = TermCache(depth=3)
    cache.sync("mine")
    fetch, calls = _fetch_from({"dam": [1]})
    cache.postings(["dam"], fetch)
    cache.counts(["dam"], lambda terms: {"dam": 1})
    cache.sync("mine")
    cache.postings(["dam"], fetch)
    assert len(calls) == 1
    cache.sync("someone else's")
    cache.postings(["dam"], fetch)
    assert len(calls) == 2
    assert cache.counts(["dam"], lambda terms: {"dam": 5})["dam"] == 5


@given(
    st.lists(st.integers(min_value=1, max_value=60), max_size=40),
    st.lists(st.integers(min_value=1, max_value=60), max_size=40, unique=True),
)
def test_matches_reading_afresh_whatever_the_order(before: list[int], later: list[int]) -> None:
    """Whatever was indexed before, in whatever order claims come, the copy equals a re-read."""
    start = sorted(set(before))
    later = [i for i in later if i not in set(start)]
    cache = TermCache(depth=5)
    fetch, _ = _fetch_from({"t": start})
    cache.postings(["t"], lambda terms: {"t": sorted(start, reverse=True)[:5]})
    for claim_id in later:
        cache.added({claim_id: {"t"}}, "s")
    everything = sorted(start + later)
    assert list(cache.postings(["t"], fetch)["t"]) == everything[-5:]


def _add(store: Store, linker: Linker, name: str, text: str, outlet: str) -> int:
    result = store.add(extract(Article(text=text, outlet=outlet, path=f"{name}.txt")))
    assert result.article_id is not None
    linker.link_article(result.article_id)
    return result.article_id


def _links(store: Store) -> set[tuple[str, str, str]]:
    """Links as (claim text, claim text, relation): ids differ between databases."""
    linker = Linker(store)
    text = {c.id: c.text for c in store.claims()}
    return {
        (*sorted((text[link.claim_id], text[link.other_id])), link.relation.value)
        for link in linker.links()
    }


ARTICLES = (
    ("wire", WIRE, "Wire"),
    ("sport", SPORT, "Sport Daily"),
    ("courier", COURIER, "Courier"),
    ("post", POST, "Post"),
    ("relief", RELIEF, "Relief Web"),
)


def test_two_linkers_on_one_database_see_each_other(
    store: Store, db_url: str, tmp_path: Path
) -> None:
    """Linker A's cached lists must not hide what linker B indexed in between."""
    one, other = Linker(store), Linker(Store(db_url))
    # A links wire and sport (and keeps their terms' lists), B the courier, A the post...
    for turn, (name, text, outlet) in zip((one, one, other, one, other), ARTICLES, strict=True):
        _add(turn.store, turn, name, text, outlet)
    other.store.close()
    together = _links(store)
    # The courier's claim, indexed by B, reached A's candidates for the Post article.
    assert any(
        "About 42 deaths" in a + b and "60 deaths" in a + b and relation == "contradicts"
        for a, b, relation in together
    )
    with Store(f"sqlite:///{tmp_path / 'alone.db'}") as alone:
        single = Linker(alone)
        for name, text, outlet in ARTICLES:
            _add(alone, single, name, text, outlet)
        assert _links(alone) == together


def test_every_index_change_renews_the_stamp(store: Store) -> None:
    linker = Linker(store)
    _add(store, linker, "wire", WIRE, "Wire")
    with store._read() as conn:
        before = textindex.stamp(conn)
    assert before is not None and before == linker._terms.stamp
    linker.relink()
    with store._read() as conn:
        assert textindex.stamp(conn) not in (None, before)


def test_a_batch_sees_its_own_claims_in_counts_and_stamps_once(store: Store) -> None:
    """Within one transaction the index and counts wait for `flush`; reads must add them."""
    linker = Linker(store)
    seen: list[dict[str, int]] = []
    weights = linker._weights

    def spy(conn: Any, terms: set[str], cached: bool = False, total: int | None = None) -> Any:
        found = weights(conn, terms, cached=cached, total=total)
        if cached:
            seen.append(dict(found[0]))
        return found

    linker._weights = spy  # type: ignore[method-assign]
    extractions = [
        extract(Article(text=text, outlet=outlet, path=f"{name}.txt"))
        for name, text, outlet in ARTICLES
    ]
    stamps: list[str | None] = []
    flush = linker.flush

    def flush_and_note(conn: Any) -> None:
        stamps.append(textindex.stamp(conn))
        flush(conn)
        stamps.append(textindex.stamp(conn))

    store.add_many(extractions, linker.link_stored, flush_and_note)
    assert len(seen) == len(ARTICLES)
    with store._read() as conn:
        stored = {t: int(n) for t, n in conn.execute(select(TERM_STAT.c.term, TERM_STAT.c.df))}
        final = textindex.stamp(conn)
    # The last article's view of its terms is what the database holds once committed.
    assert seen[-1] and seen[-1] == {term: stored[term] for term in seen[-1]}
    assert any(n > 1 for n in seen[-1].values())  # terms shared across the batch
    # One stamp for the whole transaction, written by flush, known to the linker.
    assert stamps[0] is None and stamps[1] == final == linker._terms.stamp


@given(
    st.lists(st.lists(st.integers(1, 60), max_size=40), max_size=8),
    st.integers(1, 60),
    st.integers(0, 12),
)
def test_most_shared_keeps_the_claims_in_most_lists_newest_first(
    lists: list[list[int]], claim_id: int, limit: int
) -> None:
    # The definition, in the plainest Python: count, drop the claim itself, keep
    # claims in two lists or more, most lists first and ties to the higher id.
    counts = Counter(i for ids in lists for i in ids)
    counts.pop(claim_id, None)
    best = sorted(((n, i) for i, n in counts.items() if n >= 2), reverse=True)
    expected = {i for _n, i in best[: limit or MAX_CANDIDATES]}
    assert most_shared(lists, claim_id, limit) == expected
    # The term cache's arrays are read in place, and give the same answer.
    assert most_shared([array("q", ids) for ids in lists], claim_id, limit) == expected
