"""Speaker records across articles: resolving an article's speakers as it is stored.

Each canonical name an article's claims give is matched to a record by
people's corrections (speaker_rule) first, then by resolve.choose among the
records found by name, alias or blocking token, or becomes a new record.
Reads of records and postings go through the store's `SpeakerCache`, and the
aliases and tokens a transaction files wait in `SpeakerWrites` for its end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, Insert, Select, delete, func, or_, select, update

from claimtrack.errors import ClaimtrackError, NotFoundError
from claimtrack.extraction import lexicon
from claimtrack.models import Extraction, Speaker, SpeakerKind, SpeakerSummary
from claimtrack.speakers import resolve
from claimtrack.speakers.names import name_key
from claimtrack.speakers.resolve import SpeakerRecord
from claimtrack.store.backend import backend_of, driver_rows
from claimtrack.store.engine import StoreBase
from claimtrack.store.speakercache import SpeakerCache
from claimtrack.store.speakermatch import SpeakerMatch, exact_ids, find_speakers
from claimtrack.store.tables import ALIAS, CLAIM, SPEAKER, SPEAKER_RULE, SPEAKER_TOKEN, valid_id

# Mentions that say nothing about who spoke; recording them as aliases would make
# `claims --speaker he` match every speaker ever referred to by a pronoun.
_NOT_ALIASES = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})

# Kinds of speaker_rule rows: people's corrections to cross-article resolution.
MERGE = "merge"  # name_b is name_a
APART = "apart"  # never one speaker (key_a < key_b)

# SpeakerKind by stored value: calling the enum per row cost more than the row
# (an article's lone name can bring a thousand namesake records at 100k articles).
_KINDS = {kind.value: kind for kind in SpeakerKind}


class Speakers(StoreBase):
    """Finding, creating and reading speaker records (`Store`'s speaker half)."""

    # Hot-path statements, built once per store: SQLAlchemy then reuses their compiled form.
    @cached_property
    def _insert_speaker_stmt(self) -> Insert:
        return self.backend.insert_ignoring(SPEAKER, "key").returning(SPEAKER.c.id)

    @cached_property
    def _insert_alias_stmt(self) -> Insert:
        return self.backend.insert_ignoring(ALIAS, "speaker_id", "key")

    @cached_property
    def _insert_token_stmt(self) -> Insert:
        return self.backend.insert_ignoring(SPEAKER_TOKEN, "speaker_id", "token")

    @cached_property
    def _rules_stmt(self) -> Select[Any]:
        r = SPEAKER_RULE.c
        one_of = self.backend.one_of
        return (
            select(r.kind, r.name_a, r.key_a, r.name_b, r.key_b)
            .where(or_(one_of(r.key_a, "keys"), one_of(r.key_b, "keys")))
            .order_by(r.id)
        )

    def _resolve_speakers(
        self, conn: Connection, wanted: dict[str, Speaker], rules: bool, writes: SpeakerWrites
    ) -> dict[str, SpeakerRecord]:
        """Find or create the speaker record of each canonical name in an article.

        People's corrections (speaker_rule) decide first; then resolve.choose picks
        among candidates found by exact name or alias and by the speaker_token
        blocking index, so an article costs a handful of indexed queries whatever
        the size of the database. The written forms become aliases, and the
        record's blocking tokens are filed; both wait in `writes` for the end of
        the transaction.
        """
        named = {name: key for name in wanted if (key := name_key(name))}
        if not named:
            return {}
        merge_to, apart = self._rules_for(conn, set(named.values())) if rules else ({}, {})
        exact = set(named.values()) | {key_a for _name, key_a in merge_to.values()}
        search = set().union(*(resolve.search_keys(wanted[name]) for name in named))
        pool = self._candidates(conn, exact, search, writes)
        # Namesakes (every "Anna X" and "X Ivanova" a lone "Ivanova" could stand
        # for) are read only when a decision needs them: there may be thousands.
        read = set(search)

        def namesakes(keys: set[str]) -> None:
            if keys - read:
                pool.update(self._candidates(conn, set(), keys - read, writes))
                read.update(keys)

        ids: dict[str, SpeakerRecord] = {}
        for name, key in named.items():
            speaker = wanted[name]
            record = self._decide(speaker, key, pool, merge_to, apart, namesakes)
            if record is None:
                canonical = merge_to.get(key, (speaker.name, key))[0]
                record = self._create_speaker(conn, speaker, canonical)
                pool[record.id] = record
            else:
                self._absorb(conn, record, speaker)
            ids[name] = record
            writes.records[record.id] = record
            for form in (speaker.name, *speaker.aliases):
                form_key = name_key(form)
                if form_key and form_key not in _NOT_ALIASES and form_key not in record.keys:
                    record.keys.add(form_key)
                    writes.alias(record.id, form.strip(), form_key)
            filed = resolve.index_keys(record.name, record.kind, record.country, record.acronym)
            filed |= resolve.index_keys(speaker.name, record.kind, record.country, None)
            for token in filed:
                writes.token(record.id, token)
        return ids

    def _decide(
        self,
        speaker: Speaker,
        key: str,
        pool: dict[int, SpeakerRecord],
        merge_to: dict[str, tuple[str, str]],
        apart: dict[str, set[str]],
        namesakes: Callable[[set[str]], None],
    ) -> SpeakerRecord | None:
        """The existing record a new speaker is, or None for a new record.

        `namesakes` adds to `pool` the people filed under some blocking keys.
        """
        if key in merge_to:
            target = merge_to[key][1]
            by_name = [r for r in pool.values() if name_key(r.name) == target]
            by_alias = sorted((r for r in pool.values() if target in r.keys), key=lambda r: r.id)
            found = by_name or by_alias
            return found[0] if found else None
        forbidden = apart.get(key, set())
        allowed = [r for r in pool.values() if not r.keys & forbidden]
        wanted = resolve.namesakes_needed(speaker, allowed)
        if wanted:
            namesakes(wanted)
            allowed = [r for r in pool.values() if not r.keys & forbidden]
        chosen = resolve.choose(speaker, allowed)
        return None if chosen is None else chosen.record

    def _rules_for(
        self, conn: Connection, keys: set[str]
    ) -> tuple[dict[str, tuple[str, str]], dict[str, set[str]]]:
        """People's corrections touching these keys: merge targets and keep-apart partners."""
        merge_to: dict[str, tuple[str, str]] = {}
        apart: dict[str, set[str]] = {}
        for rule in conn.execute(self._rules_stmt, {"keys": sorted(keys)}):
            if rule.kind == MERGE and rule.key_b in keys:
                merge_to[rule.key_b] = (rule.name_a, rule.key_a)  # the latest rule wins
            elif rule.kind == APART:
                apart.setdefault(rule.key_a, set()).add(rule.key_b)
                apart.setdefault(rule.key_b, set()).add(rule.key_a)
        return merge_to, apart

    def _candidates(
        self, conn: Connection, keys: set[str], tokens: set[str], writes: SpeakerWrites
    ) -> dict[int, SpeakerRecord]:
        """Speaker records with one of these names or aliases, or filed under these tokens.

        Records this transaction has resolved come from `writes`, as it holds
        them (with the aliases and tokens the database does not have yet).
        """
        if not keys and not tokens:
            return {}

        def fetch(
            new_keys: list[str], new_tokens: list[str]
        ) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
            found = candidate_ids(conn, new_keys, new_tokens)
            writes.add_unwritten(found, new_keys, new_tokens)
            return found

        found = self._speaker_cache.lookup(
            keys, tokens, fetch, lambda ids: speaker_records(conn, ids)
        )
        return dict(sorted(found.items()))

    def _scoped_speaker(self, conn: Connection, speaker: Speaker, article_id: int) -> SpeakerRecord:
        """A record of its own for an anonymous or generic source ("officials", "people
        familiar with the talks"): the officials of one story are not those of another,
        so no record is shared across articles, and none is found by name again."""
        return self._create_speaker(
            conn, speaker, speaker.name, key=f"{name_key(speaker.name)}@article-{article_id}"
        )

    def _create_speaker(
        self, conn: Connection, speaker: Speaker, name: str, key: str | None = None
    ) -> SpeakerRecord:
        """A new speaker record; a concurrent writer may have just created the same one."""
        key = key or name_key(name)
        country = resolve.org_country(speaker.name, speaker.country)
        if speaker.kind not in resolve.ORG_KINDS:
            country = speaker.country
        acronym = speaker.acronym or (speaker.name if resolve.acronym_of(speaker.name) else None)
        values = {
            "name": name.strip(),
            "key": key,
            "kind": speaker.kind.value,
            "country": country,
            "acronym": acronym,
        }
        speaker_id = conn.execute(self._insert_speaker_stmt, values).scalar()
        if speaker_id is None:
            row = conn.execute(select(SPEAKER).where(SPEAKER.c.key == key)).one()
            record = speaker_records(conn, [row.id])[row.id]
        else:
            record = SpeakerRecord(
                id=speaker_id,
                name=name.strip(),
                kind=speaker.kind,
                country=country,
                acronym=acronym,
                keys={key},
            )
        self._speaker_cache.add(record)
        return record

    def _absorb(self, conn: Connection, record: SpeakerRecord, speaker: Speaker) -> None:
        """Learn from a new mention: a kind, country or acronym first known now, a better name."""
        changes: dict[str, Any] = {}
        if record.kind is SpeakerKind.unknown and speaker.kind is not SpeakerKind.unknown:
            # The first article may not have known what sort of source this was.
            record.kind = speaker.kind
            changes["kind"] = speaker.kind.value
        if record.kind in resolve.ORG_KINDS:
            country = resolve.org_country(speaker.name, speaker.country)
            if record.country is None and country is not None:
                record.country = changes["country"] = country
            acronym = speaker.acronym or (
                speaker.name.strip() if resolve.acronym_of(speaker.name) else None
            )
            if record.acronym is None and acronym:
                record.acronym = changes["acronym"] = acronym
        if changes:
            conn.execute(update(SPEAKER).where(SPEAKER.c.id == record.id).values(**changes))
        better = resolve.name_rank(speaker.name, record.kind) > resolve.name_rank(
            record.name, record.kind
        )
        if better and not self._pinned(conn, name_key(record.name)):
            self._rename(conn, record, speaker.name)

    def _pinned(self, conn: Connection, key: str) -> bool:
        """Whether a person chose this name as canonical (a merge rule keeps it)."""
        r = SPEAKER_RULE.c
        stmt = select(r.id).where(r.kind == MERGE, r.key_a == key).limit(1)
        return conn.execute(stmt).first() is not None

    def _rename(self, conn: Connection, record: SpeakerRecord, name: str) -> None:
        """Make ``name`` the canonical name; the old one stays as an alias."""
        key = name_key(name)
        old_key = name_key(record.name)
        if not key or key == old_key:
            return
        taken = conn.execute(
            select(SPEAKER.c.id).where(SPEAKER.c.key == key, SPEAKER.c.id != record.id)
        ).first()
        if taken is not None:
            return
        conn.execute(
            update(SPEAKER).where(SPEAKER.c.id == record.id).values(name=name.strip(), key=key)
        )
        conn.execute(delete(ALIAS).where(ALIAS.c.speaker_id == record.id, ALIAS.c.key == key))
        conn.execute(
            self._insert_alias_stmt,
            [{"speaker_id": record.id, "alias": record.name, "key": old_key}],
        )
        record.name = name.strip()
        record.keys.update({key, old_key})
        self._speaker_cache.file_keys(record.id, (key, old_key))
        self._index(conn, record, name)

    def _index(self, conn: Connection, record: SpeakerRecord, *names: str) -> None:
        """File a record under the blocking tokens of its name and of other names it had."""
        filed = set().union(
            *(
                resolve.index_keys(n, record.kind, record.country, record.acronym)
                for n in (record.name, *names)
            )
        )
        if filed:
            conn.execute(
                self._insert_token_stmt,
                [{"speaker_id": record.id, "token": t} for t in sorted(filed)],
            )
            self._speaker_cache.file_tokens(record.id, filed)

    # -- reading -------------------------------------------------------------

    def speakers(self) -> list[SpeakerSummary]:
        """Every speaker with its aliases and counts, most-cited first."""
        with self._read() as conn:
            return self._summaries(conn)

    def speaker(self, ref: int | str) -> SpeakerSummary:
        """One speaker by id, name or alias; NotFoundError when there is none."""
        with self._read() as conn:
            record = self._find_speaker(conn, ref)
            return self._summaries(conn, [record.id])[0]

    def _summaries(self, conn: Connection, ids: list[int] | None = None) -> list[SpeakerSummary]:
        s = SPEAKER.c
        n_claims = func.count(CLAIM.c.id).label("claims")
        stmt = (
            select(
                s.id,
                s.name,
                s.kind,
                n_claims,
                func.count(CLAIM.c.article_id.distinct()).label("articles"),
            )
            .outerjoin(CLAIM, CLAIM.c.speaker_id == s.id)
            .group_by(s.id, s.name, s.kind)
            .order_by(n_claims.desc(), s.name, s.id)
        )
        alias_stmt = select(ALIAS.c.speaker_id, ALIAS.c.alias).order_by(ALIAS.c.id)
        if ids is not None:
            stmt = stmt.where(s.id.in_(ids))
            alias_stmt = alias_stmt.where(ALIAS.c.speaker_id.in_(ids))
        rows = conn.execute(stmt).mappings().all()
        aliases: dict[int, list[str]] = {}
        for speaker_id, alias in conn.execute(alias_stmt):
            aliases.setdefault(speaker_id, []).append(alias)
        return [
            SpeakerSummary.model_validate({**row, "aliases": aliases.get(row["id"], [])})
            for row in rows
        ]

    def find_speakers(self, name: str) -> SpeakerMatch:
        """The records a typed name means: exactly (name, alias, acronym), else fuzzily.

        `claims --speaker` lists their claims, saying first when the match
        was only fuzzy (`SpeakerMatch.notice`).
        """
        with self._read() as conn:
            return find_speakers(conn, name)

    def _find_speaker(self, conn: Connection, ref: int | str) -> SpeakerRecord:
        """A speaker by id (an int or digits), else by name, else by an alias only it has."""
        if isinstance(ref, int) or ref.strip().isdigit():
            speaker_id = int(ref)
            if not valid_id(speaker_id):
                raise NotFoundError(f"no speaker with id {speaker_id}")
            rows = conn.execute(select(SPEAKER).where(SPEAKER.c.id == speaker_id)).all()
            if not rows:
                raise NotFoundError(f"no speaker with id {speaker_id}")
            return speaker_records(conn, [speaker_id])[speaker_id]
        found = self._lookup_speaker(conn, ref)
        if found is None:
            raise NotFoundError(f"no speaker named {ref.strip()!r}")
        return found

    def _lookup_speaker(self, conn: Connection, name: str) -> SpeakerRecord | None:
        """The speaker with this name, else the one with this alias or acronym; None if none.

        Exact only (speakermatch.exact_ids): a correction never lands on a guess.
        """
        ids = exact_ids(conn, name_key(name))
        if len(ids) > 1:
            names = speaker_records(conn, ids)
            listed = ", ".join(f"{i} {names[i].name}" for i in ids)
            raise ClaimtrackError(
                f"{name.strip()!r} is an alias of several speakers ({listed}); use an id"
            )
        return speaker_records(conn, ids)[ids[0]] if ids else None


# Heads of generic sources, which speak for their article only.
_GENERIC_HEADS = lexicon.ANONYMOUS_HEADS | {"reports", "report", "people", "sources", "source"}


# Bodies every place has, named with nothing that says whose: "police said" in a
# story from Athens and one from Brooklyn are two police forces.
_UNQUALIFIED_BODIES = frozenset(
    """police authorities prosecutors investigators firefighters rescuers doctors medics
    paramedics officers coroner""".split()
)


def generic_source(speaker: Speaker) -> bool:
    """An anonymous or generic source: 'officials', 'reports', 'a person familiar with …',
    or a body named by its kind alone ('police', 'the authorities')."""
    words = speaker.name.lower().split()
    if words[:1] == ["the"]:
        words = words[1:]
    if len(words) == 1 and words[0] in _UNQUALIFIED_BODIES:
        return True
    return speaker.kind is SpeakerKind.anonymous or bool(words and words[-1] in _GENERIC_HEADS)


def speakers_of(extraction: Extraction) -> dict[str, Speaker]:
    """Each canonical speaker of the claims, with what extraction knows and every form seen."""
    wanted: dict[str, tuple[SpeakerKind, set[str]]] = {}
    # "North Korea and Russia denied …" gives one claim per country: that
    # mention names both, so it is an alias of neither.
    shared: dict[str, set[str]] = {}
    for claim in extraction.claims:
        if claim.speaker is not None:
            shared.setdefault(claim.speaker_mention, set()).add(claim.speaker)
    for claim in extraction.claims:
        if claim.speaker is None:
            continue
        kind, forms = wanted.get(claim.speaker, (SpeakerKind.unknown, set()))
        if len(shared[claim.speaker_mention]) == 1:
            forms.add(claim.speaker_mention)
        if kind is SpeakerKind.unknown:
            kind = claim.speaker_kind
        wanted[claim.speaker] = (kind, forms)
    extracted = {speaker.name: speaker for speaker in extraction.speakers}
    speakers: dict[str, Speaker] = {}
    for name, (kind, forms) in wanted.items():
        known = extracted.get(name)
        if known is not None:
            forms.update(known.aliases)
            if known.acronym:
                forms.add(known.acronym)
            if kind is SpeakerKind.unknown:
                kind = known.kind
        speaker = Speaker(
            name=name,
            kind=kind,
            acronym=known.acronym if known else None,
            title=known.title if known else None,
            country=known.country if known else None,
            aliases=sorted(forms),
        )
        country = resolve.infer_country(speaker, extraction.article.text)
        if country != speaker.country:
            speaker = speaker.model_copy(update={"country": country})
        speakers[name] = speaker
    return speakers


class SpeakerWrites:
    """A transaction's speaker records, and the aliases and blocking tokens it files.

    Aliases and tokens are written together by `flush`, before the commit (one
    statement each for a batch instead of two per article); until then
    `Store._candidates` finds the records they point to here.
    """

    def __init__(self, cache: SpeakerCache) -> None:
        self.records: dict[int, SpeakerRecord] = {}
        self._cache = cache
        self._aliases: dict[tuple[int, str], str] = {}  # (speaker id, key) -> alias
        self._tokens: set[tuple[int, str]] = set()
        self._by_key: dict[str, set[int]] = {}
        self._by_token: dict[str, set[int]] = {}

    def alias(self, speaker_id: int, alias: str, key: str) -> None:
        self._aliases.setdefault((speaker_id, key), alias)
        self._by_key.setdefault(key, set()).add(speaker_id)
        self._cache.file_keys(speaker_id, (key,))

    def token(self, speaker_id: int, token: str) -> None:
        if (speaker_id, token) not in self._tokens:
            self._tokens.add((speaker_id, token))
            self._by_token.setdefault(token, set()).add(speaker_id)
            self._cache.file_tokens(speaker_id, (token,))

    def add_unwritten(
        self,
        found: tuple[dict[str, set[int]], dict[str, set[int]]],
        keys: Iterable[str],
        tokens: Iterable[str],
    ) -> None:
        """Add to `found` (ids per key, per token) the aliases and tokens waiting here."""
        for held, waiting, names in (
            (found[0], self._by_key, keys),
            (found[1], self._by_token, tokens),
        ):
            for name in names:
                if ids := waiting.get(name):
                    held.setdefault(name, set()).update(ids)

    def flush(self, conn: Connection) -> None:
        # A record renamed since took an alias's key as its name: no alias of itself.
        aliases = [
            (speaker_id, alias, key)
            for (speaker_id, key), alias in self._aliases.items()
            if name_key(self.records[speaker_id].name) != key
        ]
        insert_rows = backend_of(conn).insert_rows
        insert_rows(
            conn,
            ALIAS,
            ("speaker_id", "alias", "key"),
            aliases,
            on_conflict="ON CONFLICT (speaker_id, key) DO NOTHING",
        )
        insert_rows(
            conn,
            SPEAKER_TOKEN,
            ("speaker_id", "token"),
            sorted(self._tokens),
            on_conflict="ON CONFLICT (speaker_id, token) DO NOTHING",
        )


# Speakers by name or alias key (0) and by blocking token (1).
_POSTING_BRANCHES = (
    "SELECT 0, key, id FROM speaker WHERE key {test}",
    "SELECT 0, key, speaker_id FROM speaker_alias WHERE key {test}",
    "SELECT 1, token, speaker_id FROM speaker_token WHERE token {test}",
)
# Speaker records, a row per alias.
_RECORD_SQL = (
    "SELECT s.id, s.name, s.kind, s.country, s.acronym, a.key"
    " FROM speaker AS s LEFT OUTER JOIN speaker_alias AS a ON a.speaker_id = s.id"
    " WHERE s.id {test}"
)


def candidate_ids(
    conn: Connection, keys: list[str], tokens: list[str]
) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Speaker ids per name or alias key in `keys` and per blocking token in `tokens`."""
    lists = (keys, keys, tokens)
    branches: list[str] = []
    params: list[Any] = []
    one_of_values = backend_of(conn).one_of_values
    for branch, values in zip(_POSTING_BRANCHES, lists, strict=True):
        if values:
            test, values_params = one_of_values(values)
            branches.append(branch.format(test=test))
            params.extend(values_params)
    found: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
    if branches:
        for is_token, name, speaker_id in driver_rows(conn, " UNION ALL ".join(branches), params):
            found[is_token].setdefault(name, set()).add(speaker_id)
    return found


def speaker_records(conn: Connection, ids: list[int]) -> dict[int, SpeakerRecord]:
    """The records of these speakers, each knowing its name's and its aliases' keys.

    Driver SQL: speaker resolution reads hundreds at a time (`driver_rows`).
    """
    records: dict[int, SpeakerRecord] = {}
    rows = backend_of(conn).rows_by_id(conn, _RECORD_SQL, ids)
    for speaker_id, name, kind, country, acronym, alias in rows:
        record = records.get(speaker_id)
        if record is None:
            record = records[speaker_id] = SpeakerRecord(
                speaker_id, name, _KINDS[kind], country, acronym, {name_key(name)}
            )
        if alias is not None:
            record.keys.add(alias)
    return records
