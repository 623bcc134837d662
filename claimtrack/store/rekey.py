"""Schema 4: speaker keys made again with today's `name_key`, for databases keyed by an older one.

Keys are how a name finds its speaker record (speaker.key, speaker_alias.key,
speaker_rule.key_a/key_b, and the blocking tokens built from them). When
`name_key` learns to fold more spellings together ('Łukaszenka' and
'Lukaszenka'), stored keys made by the older rule would no longer be found, and
two records may now carry one key. This step re-keys every row, and joins
records whose names now fold to the same key, as `speakers merge` would (the
older record stays, the other's claims, figures and aliases move to it), unless
a person's keep-apart rule names the two: those stay two records, and the
upgrade message says so.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

from sqlalchemy import Connection, delete, select, update

from claimtrack.models import SpeakerKind
from claimtrack.speakers.names import name_key
from claimtrack.speakers.resolve import index_keys
from claimtrack.store import speakercache
from claimtrack.store.backend import backend_of, id_chunks
from claimtrack.store.speakerrows import move_speaker
from claimtrack.store.tables import ALIAS, SPEAKER, SPEAKER_RULE, SPEAKER_TOKEN

APART = "apart"


class _Record(NamedTuple):
    id: int
    name: str
    key: str
    kind: str
    country: str | None
    acronym: str | None


def rekey_speakers(conn: Connection) -> str | None:
    """Re-key rules, records and aliases; returns what a person should know, if anything."""
    apart = _rekey_rules(conn)
    columns = (SPEAKER.c.id, SPEAKER.c.name, SPEAKER.c.key, SPEAKER.c.kind, SPEAKER.c.country)
    records = [
        _Record(*row)
        for row in conn.execute(select(*columns, SPEAKER.c.acronym).order_by(SPEAKER.c.id))
    ]
    by_key: dict[str, list[_Record]] = defaultdict(list)
    for record in records:
        by_key[name_key(record.name)].append(record)
    keys = {record.id: record.key for record in records}
    touched: set[int] = set()
    kept_apart: list[str] = []
    for key, group in by_key.items():
        if len(group) > 1 and key in apart:
            # The record already keyed so keeps the key; the others keep theirs.
            holder = next((r for r in group if r.key == key), group[0])
            keys[holder.id] = key
            kept_apart.append(", ".join(f"{r.name} ({r.id})" for r in group))
            continue
        keep, *others = group
        keys[keep.id] = key
        for other in others:
            _merge(conn, keep, other)
            del keys[other.id]
            touched.add(keep.id)
    changed = {r.id: keys[r.id] for r in records if r.id in keys and keys[r.id] != r.key}
    _set_keys(conn, changed)
    touched.update(changed)
    touched.update(_rekey_aliases(conn, keys))
    _index(conn, touched)
    speakercache.touch(conn)  # any process's copy of the speakers is now stale
    if not kept_apart:
        return None
    return "kept apart by a person's rule though their names now spell alike: " + "; ".join(
        kept_apart
    )


def _rekey_rules(conn: Connection) -> set[str]:
    """Rules by today's keys (duplicates dropped); returns keys a person split within."""
    rows = conn.execute(
        select(
            SPEAKER_RULE.c.id,
            SPEAKER_RULE.c.kind,
            SPEAKER_RULE.c.name_a,
            SPEAKER_RULE.c.key_a,
            SPEAKER_RULE.c.name_b,
            SPEAKER_RULE.c.key_b,
        ).order_by(SPEAKER_RULE.c.id)
    ).all()
    seen: set[tuple[str, str, str]] = set()
    fresh: list[dict[str, Any]] = []
    apart: set[str] = set()
    for rule_id, kind, name_a, key_a, name_b, key_b in rows:
        new_a, new_b = name_key(name_a), name_key(name_b)
        if kind == APART:
            if new_a == new_b:  # two spellings a person said are two speakers
                apart.add(new_a)
            if new_b < new_a:  # keep-apart rules are stored in key order
                name_a, new_a, name_b, new_b = name_b, new_b, name_a, new_a
        if (kind, new_a, new_b) in seen:
            conn.execute(delete(SPEAKER_RULE).where(SPEAKER_RULE.c.id == rule_id))
            continue
        seen.add((kind, new_a, new_b))
        if (new_a, new_b) != (key_a, key_b):
            conn.execute(delete(SPEAKER_RULE).where(SPEAKER_RULE.c.id == rule_id))
            fresh.append(
                {"kind": kind, "name_a": name_a, "key_a": new_a, "name_b": name_b, "key_b": new_b}
            )
    if fresh:
        conn.execute(SPEAKER_RULE.insert(), fresh)
    return apart


def _merge(conn: Connection, keep: _Record, other: _Record) -> None:
    """Everything of ``other`` moves to ``keep`` (as corrections.merge_speakers does)."""
    forms = move_speaker(conn, keep.id, other.id, other.name)
    changes: dict[str, Any] = {}
    if keep.kind == SpeakerKind.unknown.value and other.kind != SpeakerKind.unknown.value:
        changes["kind"] = other.kind
    if keep.country is None and other.country is not None:
        changes["country"] = other.country
    if keep.acronym is None and other.acronym is not None:
        changes["acronym"] = other.acronym
    if changes:
        conn.execute(update(SPEAKER).where(SPEAKER.c.id == keep.id).values(**changes))
    # Keyed afresh with the other aliases (_rekey_aliases); duplicates go there.
    conn.execute(
        ALIAS.insert(),
        [
            {"speaker_id": keep.id, "alias": form.strip(), "key": f"\x01{other.id}:{i}"}
            for i, form in enumerate(forms)
        ],
    )


def _set_keys(conn: Connection, keys: dict[int, str]) -> None:
    """New speaker keys, through placeholders: a key may move from one record to another."""
    for speaker_id in keys:
        placeholder = f"\x01{speaker_id}"
        conn.execute(update(SPEAKER).where(SPEAKER.c.id == speaker_id).values(key=placeholder))
    for speaker_id, key in keys.items():
        conn.execute(update(SPEAKER).where(SPEAKER.c.id == speaker_id).values(key=key))


def _rekey_aliases(conn: Connection, keys: dict[int, str]) -> set[int]:
    """One alias row per record and key, none repeating the record's own key."""
    rows = conn.execute(
        select(ALIAS.c.id, ALIAS.c.speaker_id, ALIAS.c.alias, ALIAS.c.key).order_by(ALIAS.c.id)
    ).all()
    seen: set[tuple[int, str]] = set()
    gone: list[int] = []
    fresh: list[dict[str, Any]] = []
    changed: set[int] = set()
    for alias_id, speaker_id, alias, old in rows:
        key = name_key(alias)
        if not key or key == keys.get(speaker_id) or (speaker_id, key) in seen:
            gone.append(alias_id)
            continue
        seen.add((speaker_id, key))
        if key != old:
            gone.append(alias_id)
            fresh.append({"speaker_id": speaker_id, "alias": alias, "key": key})
            changed.add(speaker_id)
    for alias_id in gone:
        conn.execute(delete(ALIAS).where(ALIAS.c.id == alias_id))
    if fresh:
        conn.execute(ALIAS.insert(), fresh)
    return changed


def _index(conn: Connection, ids: set[int]) -> None:
    """Blocking tokens under today's keys for the records whose keys changed (old ones stay)."""
    names: dict[int, list[str]] = defaultdict(list)
    found: list[Any] = []
    for chunk in id_chunks(ids):
        for speaker_id, alias in conn.execute(
            select(ALIAS.c.speaker_id, ALIAS.c.alias).where(ALIAS.c.speaker_id.in_(chunk))
        ):
            names[speaker_id].append(alias)
        found += conn.execute(
            select(
                SPEAKER.c.id, SPEAKER.c.name, SPEAKER.c.kind, SPEAKER.c.country, SPEAKER.c.acronym
            ).where(SPEAKER.c.id.in_(chunk))
        )
    rows = []
    for speaker_id, name, kind, country, acronym in found:
        tokens = set().union(
            *(
                index_keys(n, SpeakerKind(kind), country, acronym)
                for n in (name, *names[speaker_id])
            )
        )
        rows += [{"speaker_id": speaker_id, "token": t} for t in sorted(tokens)]
    if rows:
        conn.execute(backend_of(conn).insert_ignoring(SPEAKER_TOKEN, "speaker_id", "token"), rows)
