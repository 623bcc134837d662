"""A store's copy of the speakers it has read: exact, and dropped when someone else writes.

The integration tests compare one long-lived store (its copy kept across
transactions) with a fresh store for every step (no copy to go stale), on the
same steps in the same order: the speaker records and every claim's speaker
must come out the same, whatever other stores, failures and corrections do in
between.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.extraction.claims import extract
from claimtrack.models import Article, IngestStatus
from claimtrack.speakers.resolve import SpeakerRecord
from claimtrack.store.database import Store, open_store
from claimtrack.store.speakercache import SpeakerCache
from tests.test_speaker_merge import CORPUS, LATER

TEXTS = {**CORPUS, **LATER}

# A later article that names the agency properly: it renames the record that
# "Chile's spy agency" created.
RENAMING = """Chile names agency behind drone inquiry

SANTIAGO, March 14 — Chile's National Intelligence Agency (ANI) said on Saturday that it had \
found a fourth company.

Park said the South Korean embassy had offered help.
"""

# --- the copy on its own ------------------------------------------------------------


def _fetch_from(
    keys: Mapping[str, set[int]], tokens: Mapping[str, set[int]]
) -> tuple[Callable[..., Any], list[tuple[list[str], list[str]]]]:
    calls: list[tuple[list[str], list[str]]] = []

    def fetch(
        new_keys: list[str], new_tokens: list[str]
    ) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
        calls.append((list(new_keys), list(new_tokens)))
        return (
            {k: set(keys[k]) for k in new_keys if k in keys},
            {t: set(tokens[t]) for t in new_tokens if t in tokens},
        )

    return fetch, calls


def _record(speaker_id: int, name: str) -> SpeakerRecord:
    from claimtrack.models import SpeakerKind
    from claimtrack.speakers.names import name_key

    return SpeakerRecord(speaker_id, name, SpeakerKind.person, None, None, {name_key(name)})


def _load(ids: list[int]) -> dict[int, SpeakerRecord]:
    return {i: _record(i, f"Person {i}") for i in ids}


def test_reads_a_key_once_and_applies_its_own_writes() -> None:
    cache = SpeakerCache()
    fetch, calls = _fetch_from({"ana ortiz": {1}}, {"ps:ortiz": {1, 2}})
    found = cache.lookup(["ana ortiz"], ["ps:ortiz", "ps:nobody"], fetch, _load)
    assert sorted(found) == [1, 2]
    cache.file_tokens(7, ["ps:ortiz", "ps:elsewhere"])  # only the token it holds changes
    cache.add(_record(8, "Ana Ortiz Two"))
    cache.file_keys(8, ["ana ortiz"])
    found = cache.lookup(["ana ortiz"], ["ps:ortiz", "ps:nobody"], fetch, _load)
    assert sorted(found) == [1, 2, 7, 8]
    assert calls == [(["ana ortiz"], ["ps:nobody", "ps:ortiz"])]  # nothing read again
    assert found[8].name == "Ana Ortiz Two"  # the record held, not a reload


def test_a_stamp_not_its_own_drops_everything() -> None:
    cache = SpeakerCache()
    cache.sync("s1")
    fetch, calls = _fetch_from({}, {"ps:ortiz": {1}})
    cache.lookup([], ["ps:ortiz"], fetch, _load)
    cache.committed("s2")
    cache.sync("s2")  # our own commit: kept
    cache.lookup([], ["ps:ortiz"], fetch, _load)
    assert len(calls) == 1
    cache.sync("someone else's")
    assert cache.lookup([], ["ps:ortiz"], fetch, _load).keys() == {1}
    assert len(calls) == 2


def test_past_its_bound_the_copy_starts_over() -> None:
    cache = SpeakerCache(max_entries=3)
    fetch, calls = _fetch_from({}, {"ps:a": {1, 2, 3}})
    cache.lookup([], ["ps:a"], fetch, _load)
    cache.sync(None)  # same stamp, but too much held
    cache.lookup([], ["ps:a"], fetch, _load)
    assert len(calls) == 2


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["read", "file", "add"]),
            st.lists(st.sampled_from(["k1", "k2", "k3"]), max_size=3),
            st.integers(1, 6),
        ),
        max_size=25,
    )
)
def test_lookups_always_equal_reading_the_database(
    steps: list[tuple[str, list[str], int]],
) -> None:
    # A model database (token -> ids) next to the copy: whatever the order of
    # reads and writes, the copy answers as the database does.
    database: dict[str, set[int]] = {}
    cache = SpeakerCache()

    def fetch(
        _keys: list[str], tokens: list[str]
    ) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
        return {}, {t: set(database[t]) for t in tokens if t in database}

    for action, tokens, speaker_id in steps:
        if action == "read":
            got = cache.lookup([], tokens, fetch, _load)
            want = set().union(*(database.get(t, set()) for t in tokens))
            assert set(got) == want
        elif action == "file":
            for token in tokens:
                database.setdefault(token, set()).add(speaker_id)
            cache.file_tokens(speaker_id, tokens)
        else:
            cache.add(_record(speaker_id, f"Person {speaker_id}"))


# --- in a store, against fresh stores -----------------------------------------------


def _paths(folder: Path) -> dict[str, str]:
    folder.mkdir(exist_ok=True)
    paths = {}
    for name, text in {**TEXTS, "f.txt": RENAMING}.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths[name] = str(folder / name)
    return paths


def _state(store: Store) -> tuple[object, ...]:
    speakers = sorted(
        (s.id, s.name, s.kind, tuple(sorted(s.aliases)), s.claims) for s in store.speakers()
    )
    claims = sorted((c.id or 0, c.speaker_id, c.speaker) for c in store.claims())
    return tuple(speakers), tuple(claims)


Step = Callable[[Callable[[str], Store], dict[str, str]], None]


def _ingest(who: str, name: str) -> Step:
    def step(stores: Callable[[str], Store], paths: dict[str, str]) -> None:
        from claimtrack.ingest.pipeline import ingest

        (result,) = ingest(stores(who), [paths[name]], link=False)
        assert result.status is IngestStatus.stored, result

    return step


def _failing(who: str, name: str) -> Step:
    """Store an article, then fail before the commit: nothing of it may remain."""

    def step(stores: Callable[[str], Store], paths: dict[str, str]) -> None:
        text = Path(paths[name]).read_text(encoding="utf-8")
        extraction = extract(Article(text=text, outlet="Wire", path=paths[name]))

        def explode(*_args: object) -> None:
            raise RuntimeError("disk full")

        with pytest.raises(RuntimeError):
            stores(who).add_many([extraction], then=explode)

    return step


def _run(url: str, folder: Path, steps: list[Step], *, fresh: bool) -> tuple[object, ...]:
    """Run the steps with long-lived stores per name, or a fresh store for each step."""
    paths = _paths(folder)
    kept: dict[str, Store] = {}
    opened: list[Store] = []

    def stores(who: str) -> Store:
        if fresh:
            opened.append(open_store(url))
            return opened[-1]
        if who not in kept:
            kept[who] = open_store(url)
        return kept[who]

    try:
        for step in steps:
            step(stores, paths)
            while opened:
                opened.pop().close()
            for store in kept.values():
                _assert_copy_exact(store)
        with open_store(url) as store:
            return _state(store)
    finally:
        for store in [*kept.values(), *opened]:
            store.close()


def _assert_copy_exact(store: Store) -> None:
    """While its stamp is current, a store's copy says what the database says."""
    import claimtrack.store.speakers as store_module
    from claimtrack.store import speakercache

    cache = store._speaker_cache
    with store._read() as conn:
        if speakercache.stamp(conn) != cache.stamp:
            return  # dropped at the next transaction's start
        keys, tokens = sorted(cache._by_key), sorted(cache._by_token)
        by_key, by_token = store_module.candidate_ids(conn, keys, tokens)
        assert cache._by_key == {k: by_key.get(k, set()) for k in keys}
        assert cache._by_token == {t: by_token.get(t, set()) for t in tokens}
        named = sorted(set().union(*cache._by_key.values(), *cache._by_token.values()))
        stored = store_module.speaker_records(conn, named)
    assert {i: cache.records[i] for i in named} == stored


@pytest.fixture
def compare(db_url: str, second_db_url: str, tmp_path: Path) -> Iterator[Callable[..., None]]:
    """Run the steps both ways: the same speakers and claims, and `expected` among them.

    `expected` (speaker name -> claims, None for no such speaker) keeps the
    comparison from passing on two runs that stored nothing or resolved no one.
    """

    def check(steps: list[Step], expected: dict[str, int | None]) -> None:
        held = _run(db_url, tmp_path / "held", steps, fresh=False)
        fresh = _run(second_db_url, tmp_path / "fresh", steps, fresh=True)
        speakers, claims = held
        assert claims and all(speaker_id is not None for _id, speaker_id, _name in claims)
        found = {name: n for _id, name, _kind, _aliases, n in speakers}
        assert {name: found.get(name) for name in expected} == expected
        assert held == fresh

    yield check


def test_another_stores_new_namesake_reaches_a_kept_copy(compare: Callable[..., None]) -> None:
    # A reads the lone "Park" and its namesakes; B then files another Park
    # Minister; A's next lone "Park" must see both, as a fresh store does.
    compare(
        [
            _ingest("A", "a.txt"),
            _ingest("A", "c.txt"),
            _ingest("B", "b.txt"),
            _ingest("A", "d.txt"),
        ],
        # Two Park ministers on record: d.txt's lone "Park" could be either, so
        # it gets a record of its own, as a fresh store decides too.
        {"Park Min-jun": 2, "Park Ji-hoon": 1, "Park": 1, "Andriy Kovalskiy": 4},
    )


def test_a_rolled_back_rename_does_not_survive_in_the_copy(compare: Callable[..., None]) -> None:
    compare(
        [
            _ingest("A", "a.txt"),
            _failing("A", "f.txt"),  # renames the agency, then fails
            _ingest("A", "b.txt"),  # which renames it too, and files its aliases
            _ingest("A", "c.txt"),
        ],
        # b.txt's rename stands ("Chile's spy agency" is now its alias); the
        # rolled-back one left nothing behind.
        {"National Intelligence Agency": 4, "Chile's spy agency": None, "Andriy Kovalskiy": 4},
    )


def test_a_correction_by_another_store_reaches_a_kept_copy(compare: Callable[..., None]) -> None:
    def split(stores: Callable[[str], Store], _paths: dict[str, str]) -> None:
        stores("B").split_speaker("National Intelligence Agency", "ANI")

    compare(
        [_ingest("A", "a.txt"), _ingest("A", "b.txt"), split, _ingest("A", "c.txt")],
        # c.txt's "The ANI" goes to the split-off record, not back to the agency.
        {"ANI": 1, "National Intelligence Agency": 3},
    )


def test_the_long_lived_store_reads_less(db_url: str, tmp_path: Path) -> None:
    # What the copy is for: the second article naming the same people asks
    # the database about fewer keys than the first.
    import claimtrack.store.speakers as store_module

    asked: list[int] = []
    original = store_module.candidate_ids

    def counting(conn: Any, keys: list[str], tokens: list[str]) -> Any:
        asked.append(len(keys) + len(tokens))
        return original(conn, keys, tokens)

    paths = _paths(tmp_path / "in")
    with open_store(db_url) as store, pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_module, "candidate_ids", counting)
        from claimtrack.ingest.pipeline import ingest

        ingest(store, [paths["b.txt"]], link=False)
        first = sum(asked)
        asked.clear()
        ingest(store, [paths["f.txt"]], link=False)  # the agency and a Park again
        assert sum(asked) < first
