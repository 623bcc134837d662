"""People's speaker corrections: merge, split and alias-file rules, kept for later articles.

A correction changes the stored records and also stores a rule
(speaker_rule) that speaker resolution obeys for every article ingested
after it, so re-ingest never undoes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Insert, delete, or_, select, update

from claimtrack.errors import ClaimtrackError, InputError, NotFoundError
from claimtrack.models import Speaker, SpeakerKind, SpeakerSummary
from claimtrack.speakers.names import name_key
from claimtrack.speakers.resolve import SpeakerRecord
from claimtrack.store import speakercache
from claimtrack.store.aliasfile import AliasLine, parse_alias_file
from claimtrack.store.backend import id_chunks
from claimtrack.store.speakerrows import move_speaker
from claimtrack.store.speakers import APART, MERGE, Speakers, speaker_records
from claimtrack.store.tables import ALIAS, CLAIM, FIGURE, SPEAKER, SPEAKER_RULE


class Corrections(Speakers):
    """People's corrections to speaker records (`Store`'s merge, split and alias file)."""

    # Hot-path statements, built once per store: SQLAlchemy then reuses their compiled form.
    @cached_property
    def _insert_rule_stmt(self) -> Insert:
        return self.backend.insert_ignoring(SPEAKER_RULE, "kind", "key_a", "key_b")

    @contextmanager
    def _correcting(self, failure: str) -> Iterator[Connection]:
        """A write transaction correcting speakers: every store's copy of them is then stale.

        It takes its turn with ingest's writers (speakercache.stamp) and renews
        the speaker stamp, so other processes read speakers afresh; this store
        forgets its own copy, whose records the correction may have changed. A
        driver's error in it is raised as ``DatabaseError("<failure>: <cause>")``.
        """
        try:
            with self._write(failure) as conn:
                speakercache.stamp(conn, lock=True)
                yield conn
                speakercache.touch(conn)
        finally:
            self._speaker_cache.clear()

    def merge_speakers(self, keep: int | str, other: int | str) -> SpeakerSummary:
        """Make ``other`` part of ``keep``; a stored rule sends later articles to ``keep`` too.

        The claims and aliases of ``other`` move, its name becomes an alias, and the
        name of ``keep`` becomes fixed: later articles never rename it.  A name
        no record has yet ("Zelensky" beside "Volodymyr Zelenskiy", whose records
        know "Zelenskiy" and "Zelenskyy") becomes an alias of ``keep``, and the
        rule files it there when an article writes it, as an alias file does.
        """
        with self._correcting("cannot merge speakers") as conn:
            kept = self._find_speaker(conn, keep)
            unknown = isinstance(other, str) and not other.strip().isdigit()
            if unknown and self._lookup_speaker(conn, str(other)) is None:
                self._add_rule(conn, MERGE, kept.name, str(other))
                self._add_aliases(conn, kept, [str(other)])
                self._index(conn, kept, str(other))
            else:
                gone = self._find_speaker(conn, other)
                if kept.id == gone.id:
                    raise ClaimtrackError(
                        f"{other!s} is already speaker {kept.id} ({kept.name}); nothing to merge"
                    )
                self._add_rule(conn, MERGE, kept.name, gone.name)
                self._merge_records(conn, kept, gone)
        return self.speaker(kept.id)

    def split_speaker(self, speaker: int | str, alias: str) -> SpeakerSummary:
        """Give an alias, and the claims made under it, a speaker record of its own.

        A stored keep-apart rule stops re-ingest and new articles from merging the
        two again. Returns the new speaker.
        """
        with self._correcting("cannot split speaker") as conn:
            record = self._find_speaker(conn, speaker)
            split = self._split(conn, record, alias)
        return self.speaker(split.id)

    def apply_alias_file(self, path: str | Path) -> list[SpeakerSummary]:
        """Apply a file of corrections (docs/SPEAKERS.md) atomically; returns the speakers touched.

        ``NAME = ALIAS; ALIAS`` makes NAME canonical for the aliases; ``NAME != NAME``
        keeps two speakers apart. Rules are stored, so they also apply to articles
        ingested later; applying the same file again changes nothing.
        """
        where = str(path)
        lines = parse_alias_file(where)
        touched: list[int] = []
        with self._correcting(f"cannot apply {where}") as conn:
            for number, line in lines:
                try:
                    touched.extend(self._apply_line(conn, line))
                except ClaimtrackError as err:
                    raise InputError(where, f"line {number}: {err}") from None
        with self._read(f"cannot apply {where}") as conn:
            found = {s.id: s for s in self._summaries(conn, sorted(set(touched)))}
        return [found[i] for i in dict.fromkeys(touched) if i in found]

    def _apply_line(self, conn: Connection, line: AliasLine) -> list[int]:
        """One alias-file line: store its rules, then make the stored speakers agree."""
        if line.apart:
            first, second = line.names
            self._add_rule(conn, APART, first, second)
            a = self._lookup_speaker(conn, first)
            b = self._lookup_speaker(conn, second)
            if a is not None and b is not None and a.id == b.id:
                # One record holds both: the one that is not its name leaves.
                leaving = second if name_key(second) != name_key(a.name) else first
                return [a.id, self._split(conn, a, leaving).id]
            return [r.id for r in (a, b) if r is not None]
        canonical, *aliases = line.names
        for alias in aliases:
            self._add_rule(conn, MERGE, canonical, alias)
        target = self._lookup_speaker(conn, canonical)
        for alias in aliases:
            found = self._lookup_speaker(conn, alias)
            if found is None:
                if target is not None:
                    self._add_aliases(conn, target, [alias])
            elif target is None:
                target = found
            elif found.id != target.id:
                self._merge_records(conn, target, found)
        if target is None:
            return []
        if name_key(target.name) != name_key(canonical):
            self._rename(conn, target, canonical)
        return [target.id]

    def _add_rule(self, conn: Connection, kind: str, name_a: str, name_b: str) -> None:
        """Store a correction, replacing any earlier one it contradicts."""
        key_a, key_b = name_key(name_a), name_key(name_b)
        if not key_a or not key_b or key_a == key_b:
            raise ClaimtrackError(f"{name_a.strip()!r} and {name_b.strip()!r} are the same name")
        r = SPEAKER_RULE.c
        pair = or_((r.key_a == key_a) & (r.key_b == key_b), (r.key_a == key_b) & (r.key_b == key_a))
        if kind == MERGE:
            conn.execute(delete(SPEAKER_RULE).where(r.kind == APART, pair))
            # One canonical name per form: the latest correction replaces earlier ones.
            conn.execute(delete(SPEAKER_RULE).where(r.kind == MERGE, r.key_b == key_b))
        else:
            conn.execute(delete(SPEAKER_RULE).where(r.kind == MERGE, pair))
            if key_b < key_a:
                (name_a, key_a), (name_b, key_b) = (name_b, key_b), (name_a, key_a)
        conn.execute(
            self._insert_rule_stmt,
            {
                "kind": kind,
                "name_a": name_a.strip(),
                "key_a": key_a,
                "name_b": name_b.strip(),
                "key_b": key_b,
            },
        )

    def _add_aliases(self, conn: Connection, record: SpeakerRecord, forms: list[str]) -> None:
        rows: dict[str, dict[str, Any]] = {}
        for form in forms:
            key = name_key(form)
            if key and key not in record.keys and key not in rows:
                rows[key] = {"speaker_id": record.id, "alias": form.strip(), "key": key}
        if rows:
            conn.execute(self._insert_alias_stmt, list(rows.values()))
            record.keys.update(rows)

    def _merge_records(self, conn: Connection, keep: SpeakerRecord, other: SpeakerRecord) -> None:
        """Move everything of ``other`` to ``keep`` and delete ``other``."""
        forms = move_speaker(conn, keep.id, other.id, other.name)
        changes: dict[str, Any] = {}
        if keep.kind is SpeakerKind.unknown and other.kind is not SpeakerKind.unknown:
            keep.kind = other.kind
            changes["kind"] = other.kind.value
        if keep.country is None and other.country is not None:
            keep.country = changes["country"] = other.country
        if keep.acronym is None and other.acronym is not None:
            keep.acronym = changes["acronym"] = other.acronym
        if changes:
            conn.execute(update(SPEAKER).where(SPEAKER.c.id == keep.id).values(**changes))
        self._add_aliases(conn, keep, forms)
        self._index(conn, keep, other.name)

    def _split(self, conn: Connection, record: SpeakerRecord, alias: str) -> SpeakerRecord:
        """Detach an alias and the claims written under it into a speaker of its own."""
        key = name_key(alias)
        if key == name_key(record.name):
            raise ClaimtrackError(
                f"{alias.strip()!r} is the name of speaker {record.id}, not one of its aliases"
            )
        c = CLAIM.c
        claims = conn.execute(
            select(c.id, c.speaker, c.speaker_mention, c.speaker_kind).where(
                c.speaker_id == record.id
            )
        ).all()
        moving = [
            row
            for row in claims
            if key in (name_key(row.speaker or ""), name_key(row.speaker_mention))
        ]
        moving_ids = {row.id for row in moving}
        alias_rows = conn.execute(
            select(ALIAS.c.id, ALIAS.c.alias, ALIAS.c.key).where(ALIAS.c.speaker_id == record.id)
        ).all()
        written = next((row.alias for row in alias_rows if row.key == key), None)
        if written is None and not moving:
            raise NotFoundError(
                f"speaker {record.id} ({record.name}) has no alias {alias.strip()!r}"
            )
        kinds = Counter(
            row.speaker_kind for row in moving if row.speaker_kind != SpeakerKind.unknown.value
        )
        kind = SpeakerKind(kinds.most_common(1)[0][0]) if kinds else record.kind
        new = Speaker(name=written or alias.strip(), kind=kind)
        existing = conn.execute(select(SPEAKER).where(SPEAKER.c.key == key)).all()
        if existing:
            target = speaker_records(conn, [existing[0].id])[existing[0].id]
        else:
            target = self._create_speaker(conn, new, new.name)
        if moving:
            for chunk in id_chunks(moving_ids):
                conn.execute(update(CLAIM).where(c.id.in_(chunk)).values(speaker_id=target.id))
                conn.execute(
                    update(FIGURE).where(FIGURE.c.claim_id.in_(chunk)).values(speaker_id=target.id)
                )
        # The forms the moved claims were written in go with them, unless still in use.
        staying = {
            k
            for row in claims
            if row.id not in moving_ids
            for k in (name_key(row.speaker or ""), name_key(row.speaker_mention))
        }
        leaving = {key} | {name_key(row.speaker_mention) for row in moving}
        leaving -= staying | {name_key(record.name)}
        gone = [row for row in alias_rows if row.key in leaving]
        if gone:
            for chunk in id_chunks(row.id for row in gone):
                conn.execute(delete(ALIAS).where(ALIAS.c.id.in_(chunk)))
            record.keys -= {row.key for row in gone}
            self._add_aliases(conn, target, [row.alias for row in gone if row.key != key])
        self._add_rule(conn, APART, record.name, target.name)
        self._index(conn, target)
        return target
