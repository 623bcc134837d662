"""A store's own copy of the speaker records and blocking postings it has read.

Resolving an article's speakers reads every record one of its names could
be: those a name or alias key names, those filed under its blocking tokens
(resolve.search_keys) and, for a full name that a lone name on record could
stand for, all the namesakes.  At 100,000 articles a common surname brings
hundreds of records, read again for every article that names it; those reads
were most of the time speaker resolution took, and the part that grew with
the database (docs/BENCHMARKS.md).  A `SpeakerCache` keeps which records each
key and token found, and the records, applies the store's own writes to them,
and so asks the database only about keys and tokens it has not seen.

The copy is exact, not approximate: it is tied to the *speaker stamp* (a
random token in claimtrack_meta) that every transaction changing speaker
tables renews.  When the stamp is not the one this store last wrote (another
process ingested or corrected speakers, or a transaction of ours was rolled
back), the copy is dropped and read afresh.  Writers of speaker tables take
turns, so no stamp is overwritten unseen: SQLite's BEGIN IMMEDIATE does it,
and on PostgreSQL a transaction-scoped advisory lock (`stamp` with `lock`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from sqlalchemy import Connection

from claimtrack.speakers.resolve import SpeakerRecord
from claimtrack.store import stamps
from claimtrack.store.backend import SPEAKER_LOCK
from claimtrack.store.stamps import StampedCopy

STAMP_KEY = "speaker_stamp"
# Postings and records held at most; past this the copy starts over.
MAX_ENTRIES = 4_000_000

Fetch = Callable[[list[str], list[str]], tuple[Mapping[str, set[int]], Mapping[str, set[int]]]]
Load = Callable[[list[int]], Mapping[int, SpeakerRecord]]


def stamp(conn: Connection, *, lock: bool = False) -> str | None:
    """The speaker tables' current stamp (None before the first change that wrote one).

    With `lock` on PostgreSQL, first wait for any other writer of speaker
    tables to end its transaction; the lock is released when this one ends.
    """
    return stamps.read(conn, STAMP_KEY, SPEAKER_LOCK if lock else None)


def touch(conn: Connection) -> str:
    """Record that speaker tables changed in this transaction; returns the new stamp."""
    return stamps.write(conn, STAMP_KEY)


class SpeakerCache(StampedCopy):
    """Speaker ids per name key and per blocking token, and the records, as last read.

    A name key finds the speakers with that name or alias (speaker.key and
    speaker_alias.key); a token, those filed under it (speaker_token).  The
    records are the objects speaker resolution updates in place, so after a
    commit they already hold what the transaction learnt.
    """

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        super().__init__(max_entries)
        self.records: dict[int, SpeakerRecord] = {}
        self._by_key: dict[str, set[int]] = {}
        self._by_token: dict[str, set[int]] = {}

    def clear(self) -> None:
        """Forget everything (a rollback: the records may hold its changes)."""
        super().clear()
        self.records.clear()
        self._by_key.clear()
        self._by_token.clear()
        self.stamp = None

    def lookup(
        self, keys: Iterable[str], tokens: Iterable[str], fetch: Fetch, load: Load
    ) -> dict[int, SpeakerRecord]:
        """The records named by `keys` or filed under `tokens`, reading only what is not held.

        `fetch` gives the speaker ids of new keys and tokens (with any the
        transaction has not written yet), `load` the records of new ids.
        """
        by_key, by_token = self._by_key, self._by_token
        keys, tokens = list(keys), list(tokens)
        new_keys = sorted({k for k in keys if k not in by_key})
        new_tokens = sorted({t for t in tokens if t not in by_token})
        if new_keys or new_tokens:
            found_keys, found_tokens = fetch(new_keys, new_tokens)
            for key in new_keys:
                by_key[key] = set(found_keys.get(key, ()))
                self._entries += len(by_key[key]) + 1
            for token in new_tokens:
                by_token[token] = set(found_tokens.get(token, ()))
                self._entries += len(by_token[token]) + 1
        ids: set[int] = set()
        for key in keys:
            ids |= by_key[key]
        for token in tokens:
            ids |= by_token[token]
        records = self.records
        missing = sorted(i for i in ids if i not in records)
        if missing:
            loaded = load(missing)
            records.update(loaded)
            self._entries += len(loaded)
        return {i: records[i] for i in ids}

    # Writes are applied as they are made, as the database sees them within the
    # transaction; a rollback clears the whole copy.

    def add(self, record: SpeakerRecord) -> None:
        """A record just created, filed under its name's key."""
        self.records[record.id] = record
        self._entries += 1
        self.file_keys(record.id, record.keys)

    def file_keys(self, speaker_id: int, keys: Iterable[str]) -> None:
        """The speaker now has these names or aliases."""
        self._file(self._by_key, speaker_id, keys)

    def file_tokens(self, speaker_id: int, tokens: Iterable[str]) -> None:
        """The speaker is now filed under these blocking tokens."""
        self._file(self._by_token, speaker_id, tokens)

    def _file(self, held: dict[str, set[int]], speaker_id: int, names: Iterable[str]) -> None:
        # Only the postings held change: one not read yet is read whole later.
        for name in names:
            ids = held.get(name)
            if ids is not None and speaker_id not in ids:
                ids.add(speaker_id)
                self._entries += 1

    def committed(self, stamp: str) -> None:
        """The transaction whose writes were applied here committed under `stamp`."""
        self.stamp = stamp
