"""Which speaker records a name a person typed means (`claims --speaker`, `speakers merge`).

A record is found by its name, an alias or its acronym, compared by name_key,
never by a part of its name: "NIS" is the National Intelligence Service, not
Harry Kazianis or the Unification Ministry, whose names merely contain the
letters.  Only when no record has the name exactly, a spelling close enough
counts (`FUZZY`), and the answer says so, so the output can tell the reader
whose claims they are looking at instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import BaseModel
from rapidfuzz import fuzz, process
from sqlalchemy import Connection, func, select

from claimtrack.speakers.names import name_key
from claimtrack.store.backend import id_chunks
from claimtrack.store.tables import ALIAS, SPEAKER

# The least rapidfuzz ratio (0-100) at which a typed name counts as a spelling of
# a record's name or alias, word by word ("Zelenskyy" ~ "Zelenskiy": 89,
# "Zelensky": 94) or as a whole ("Kimjongun" ~ "Kim Jong-un": 95). Below it,
# names share letters, not a speaker ("NIS" ~ "Kazianis": 55).
FUZZY = 85.0


class SpeakerMatch(BaseModel):
    """The records a typed name means, and whether only by a close spelling."""

    query: str
    ids: list[int]  # the records, in id order; empty when none is close enough
    names: list[str]
    fuzzy: bool = False
    score: float | None = None  # the rapidfuzz ratio of a fuzzy match

    @property
    def notice(self) -> str | None:
        """What a listing should say first when the name matched only fuzzily."""
        if not self.fuzzy:
            return None
        return (
            f"no speaker named {self.query.strip()!r}; showing claims by "
            f"{', '.join(self.names)} (fuzzy match {self.score:.0f})"
        )


def exact_ids(conn: Connection, key: str) -> list[int]:
    """Records whose name has this key, else those with this alias or acronym, in id order."""
    if not key:
        return []
    named = conn.execute(select(SPEAKER.c.id).where(SPEAKER.c.key == key)).scalars().all()
    if named:
        return list(named)
    by_alias = select(ALIAS.c.speaker_id).where(ALIAS.c.key == key)
    by_acronym = select(SPEAKER.c.id).where(func.lower(SPEAKER.c.acronym) == key)
    found = conn.execute(by_alias.union(by_acronym)).scalars().all()
    return sorted(set(found))


def find_speakers(conn: Connection, query: str) -> SpeakerMatch:
    """The records `query` names exactly; failing that, the closest spellings above FUZZY."""
    key = name_key(query)
    ids = exact_ids(conn, key)
    fuzzy = False
    score: float | None = None
    if not ids and key:
        entries = list(conn.execute(select(SPEAKER.c.id, SPEAKER.c.name)))
        entries += conn.execute(select(ALIAS.c.speaker_id, ALIAS.c.alias))
        ids, best = closest(key, [(int(i), str(n)) for i, n in entries])
        fuzzy, score = bool(ids), best if ids else None
    names = _names(conn, ids)
    return SpeakerMatch(
        query=query, ids=ids, names=[names[i] for i in ids], fuzzy=fuzzy, score=score
    )


def closest(key: str, entries: Sequence[tuple[int, str]]) -> tuple[list[int], float]:
    """Records (of (record id, name or alias) entries) best matching `key`, and their score.

    A name scores the better of two ratios: as a whole, and word by word, where
    every typed word must be close to a word of the name (the weakest counts),
    so a surname alone finds the full name and a wrong first name does not.
    Ties all count: "Kim" is every Kim when no record is called that.
    """
    keys = [name_key(name) for _, name in entries]
    scores = dict.fromkeys(range(len(entries)), 0.0)
    for _, found, index in process.extract(
        key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY, limit=None
    ):
        scores[index] = found
    for index, found in _by_words(key.split(), keys).items():
        scores[index] = max(scores[index], found)
    by_record: dict[int, float] = {}
    for index, found in scores.items():
        if found >= FUZZY:
            record = entries[index][0]
            by_record[record] = max(by_record.get(record, 0.0), found)
    if not by_record:
        return [], 0.0
    best = max(by_record.values())
    return sorted(r for r, found in by_record.items() if found == best), best


def _by_words(words: list[str], keys: list[str]) -> dict[int, float]:
    """For each key all of whose typed words are close to one of its words, the weakest ratio."""
    holders: dict[str, set[int]] = {}
    for index, found in enumerate(keys):
        for word in found.split():
            holders.setdefault(word, set()).add(index)
    vocabulary = list(holders)
    result: dict[int, float] | None = None
    for word in dict.fromkeys(words):
        this: dict[int, float] = {}
        for close, ratio, _ in process.extract(
            word, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY, limit=None
        ):
            for index in holders[close]:
                this[index] = max(this.get(index, 0.0), ratio)
        result = (
            this
            if result is None
            else {i: min(result[i], this[i]) for i in result.keys() & this.keys()}
        )
        if not result:
            return {}
    return result or {}


def _names(conn: Connection, ids: Iterable[int]) -> dict[int, str]:
    names: dict[int, str] = {}
    for chunk in id_chunks(ids):
        rows = conn.execute(select(SPEAKER.c.id, SPEAKER.c.name).where(SPEAKER.c.id.in_(chunk)))
        names.update((int(i), str(n)) for i, n in rows)
    return names
