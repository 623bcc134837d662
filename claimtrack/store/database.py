"""The database: the only module that talks SQL, for SQLite and PostgreSQL alike.

Reads and writes go through SQLAlchemy Core rather than ORM sessions: an article
with its claims is a handful of statements, and Core keeps that well under a
millisecond on SQLite. The SQLModel classes below only declare the schema.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, Self

from pydantic import TypeAdapter
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    String,
    any_,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import URL, Result, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlmodel import SQLModel

from claimtrack.errors import ClaimtrackError, DatabaseError, InputError, NotFoundError
from claimtrack.models import (
    Article,
    ArticleSummary,
    Claim,
    Extraction,
    Figure,
    IngestResult,
    IngestStatus,
    Speaker,
    SpeakerKind,
    SpeakerSummary,
    Stance,
)
from claimtrack.speakers import resolve
from claimtrack.speakers.names import name_key
from claimtrack.speakers.resolve import SpeakerRecord
from claimtrack.store import speakercache, textindex
from claimtrack.store.bulk import insert_returning_ids, insert_rows
from claimtrack.store.migrate import upgrade
from claimtrack.store.speakercache import SpeakerCache
from claimtrack.store.tables import (
    ALIAS,
    ALL_TABLES,
    ARTICLE,
    CLAIM,
    FIGURE,
    META,
    SCHEMA_VERSION,
    SPEAKER,
    SPEAKER_RULE,
    SPEAKER_TOKEN,
)

DEFAULT_DB = "claimtrack.db"
ENV_DB = "CLAIMTRACK_DB"
BUSY_TIMEOUT_S = 30
_PG_SCHEMA_LOCK = 0x636C61696D  # "claim": any constant shared by all claimtrack processes
_PG_LINK_LOCK = 0x6C696E6B  # "link": with an article id, the key of Store.article_lock

# Mentions that say nothing about who spoke; recording them as aliases would make
# `claims --speaker he` match every speaker ever referred to by a pronoun.
_NOT_ALIASES = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})

# Kinds of speaker_rule rows: people's corrections to cross-article resolution.
_MERGE = "merge"  # name_b is name_a
_APART = "apart"  # never one speaker (key_a < key_b)


# What `Store.add` runs on a newly stored article, in its transaction: the
# connection, the article's id and its claims as stored.
Then = Callable[[Connection, int, list[Claim]], object]
# What it runs last, before the transaction commits.
Finish = Callable[[Connection], object]

# JSON columns are (de)serialised by pydantic-core: several times faster than json.
_STRINGS = TypeAdapter(list[str])
_FIGURES = TypeAdapter(list[Figure])


def resolve_url(db: str | None) -> str:
    """The SQLAlchemy URL for --db: None → $CLAIMTRACK_DB → claimtrack.db; paths are SQLite."""
    db = db or os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    try:
        url = make_url(db)
    except ArgumentError as err:
        raise DatabaseError(f"invalid database URL {db!r}: {err}") from None
    backend, _, driver = url.drivername.partition("+")
    if backend == "sqlite" and driver in ("", "pysqlite"):
        return db
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise DatabaseError(
        f"unsupported database URL {_safe(url)}: use a file path, sqlite:///PATH "
        "or postgresql://USER@HOST/DB"
    )


def open_store(db: str | None = None) -> Store:
    """Open (creating if needed) the database named by --db, $CLAIMTRACK_DB or the default."""
    return Store(resolve_url(db))


def _safe(url: URL | str) -> str:
    """A URL fit for an error message: never show a password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return repr(url)


# Ids per IN (...) list: SQLite allows 32,766 parameters in a statement and
# PostgreSQL 65,535, and a whole-database report asks about more claims than that.
ID_CHUNK = 1000


def id_chunks(ids: Iterable[int], size: int = ID_CHUNK) -> Iterator[list[int]]:
    """Distinct ids, ascending, in lists every driver accepts as parameters."""
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


# SpeakerKind by stored value: calling the enum per row cost more than the row
# (an article's lone name can bring a thousand namesake records at 100k articles).
_KINDS = {kind.value: kind for kind in SpeakerKind}


def _cause(err: BaseException) -> str:
    """The driver's own message, one line, without SQLAlchemy's SQL echo and links."""
    orig = getattr(err, "orig", None) or err
    return " ".join(str(orig).split()) or type(orig).__name__


def _sqlite_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Let the "begin" hook below issue BEGIN itself, so writers can ask for IMMEDIATE.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        # busy_timeout first: switching to WAL itself needs a lock another process may hold.
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        _use_wal(cur)
        # NORMAL is the documented pairing with WAL: no fsync per commit, still
        # consistent after a crash (the last commits may be lost on power failure).
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA cache_size = -131072")
    finally:
        cur.close()
    # SQLite's lower() folds ASCII only; Python's gives the same answers as PostgreSQL's.
    dbapi_conn.create_function("lower", 1, _lower, deterministic=True)


def _use_wal(cur: sqlite3.Cursor) -> None:
    """Switch a new database file to WAL; the mode persists, so later opens only read it.

    Connections opening a new file at once all try to switch it, and SQLite
    answers "database is locked" to the losers at once, without waiting on
    busy_timeout (six threads opening one new file: 18 failures in 300 tries),
    so a lost race is retried here.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _lower(value: str | None) -> str | None:
    return None if value is None else str(value).lower()


def _sqlite_begin(conn: Connection) -> None:
    # IMMEDIATE takes the write lock up front, so a writer waits on busy_timeout
    # instead of failing with SQLITE_BUSY when it upgrades from a read.
    mode = "IMMEDIATE" if conn.get_execution_options().get("claimtrack_write") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def _make_engine(url: str) -> Engine:
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as err:
        raise DatabaseError(f"cannot open database {_safe(url)}: {err}") from None
    return engine


class Store:
    """Articles, claims and speakers in one database; use as a context manager."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = _make_engine(url)
        self._dialect = self._engine.dialect.name
        # Schema upgrades applied when this store opened the database (migrate.STEPS).
        self.upgraded: list[str] = []
        # Speaker records and blocking postings read so far, kept while no other
        # writer changes speaker tables (speakercache.py).
        self._speaker_cache = SpeakerCache()
        self._prepare_writes()
        try:
            self._create_schema()
        except SQLAlchemyError as err:
            self._engine.dispose()
            raise DatabaseError(f"cannot open database {_safe(url)}: {_cause(err)}") from None
        except DatabaseError:
            self._engine.dispose()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release pooled connections (and SQLite file handles)."""
        self._engine.dispose()

    def __repr__(self) -> str:
        return f"Store({_safe(self.url)!r})"

    # -- connections ---------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: committed on success, rolled back on any exception."""
        with self._engine.connect() as conn:
            conn.execution_options(claimtrack_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _correcting(self) -> Iterator[Connection]:
        """A write transaction correcting speakers: every store's copy of them is then stale.

        It takes its turn with ingest's writers (speakercache.stamp) and renews
        the speaker stamp, so other processes read speakers afresh; this store
        forgets its own copy, whose records the correction may have changed.
        """
        try:
            with self._write() as conn:
                speakercache.stamp(conn, lock=True)
                yield conn
                speakercache.touch(conn)
        finally:
            self._speaker_cache.clear()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except SQLAlchemyError as err:
            raise DatabaseError(f"cannot read database: {_cause(err)}") from None

    @contextmanager
    def article_lock(self, article_id: int) -> Iterator[None]:
        """Keep other claimtrack processes from linking this article meanwhile.

        One process may find stored an article another has just stored and not yet
        linked; without this both would link it at once. PostgreSQL only: SQLite
        writers already take turns (BEGIN IMMEDIATE).
        """
        if self._dialect != "postgresql":
            yield
            return
        key = (_PG_LINK_LOCK, article_id)
        try:
            conn = self._engine.connect()
        except SQLAlchemyError as err:
            raise DatabaseError(f"cannot lock article {article_id}: {_cause(err)}") from None
        with conn:
            try:
                conn.execute(select(func.pg_advisory_lock(*key)))
                conn.commit()
            except SQLAlchemyError as err:
                raise DatabaseError(f"cannot lock article {article_id}: {_cause(err)}") from None
            try:
                yield
            finally:
                # A session lock outlives transactions: release it before the
                # connection goes back to the pool, or drop the connection.
                try:
                    conn.execute(select(func.pg_advisory_unlock(*key)))
                    conn.commit()
                except SQLAlchemyError:
                    conn.invalidate()

    def analyze(self) -> None:
        """Refresh PostgreSQL's planner statistics while and after a large ingest.

        A server with autovacuum off, or not yet caught up, plans with no
        statistics for tables that just grew by hundreds of thousands of rows
        (pipeline.ingest calls this as they grow, ANALYZE_AFTER and ANALYZE_GROWTH):
        at 100,000 articles `match` took 231 ms at the median, 66 ms after
        ANALYZE (1.5 s). SQLite plans from its indexes and is left alone.
        """
        if self._dialect != "postgresql":
            return
        try:
            with self._write() as conn:
                for name in sorted({table.name for table in ALL_TABLES} | {textindex.TABLE}):
                    conn.exec_driver_sql(f'ANALYZE "{name}"')  # our own table names
        except SQLAlchemyError as err:
            raise DatabaseError(f"cannot refresh statistics: {_cause(err)}") from None

    def _create_schema(self) -> None:
        with self._write() as conn:
            if self._dialect == "postgresql":
                # Two processes opening a new database at once would both CREATE TABLE;
                # SQLite's BEGIN IMMEDIATE already serialises them, PostgreSQL needs a lock.
                conn.execute(select(func.pg_advisory_xact_lock(_PG_SCHEMA_LOCK)))
            SQLModel.metadata.create_all(conn, tables=ALL_TABLES)
            textindex.create(conn)
            found = conn.execute(
                select(META.c.value).where(META.c.key == "schema_version")
            ).scalar_one_or_none()
            if found is None:
                conn.execute(insert(META).values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif found != str(SCHEMA_VERSION):
                self.upgraded = upgrade(conn, int(found), _safe(self.url))
                conn.execute(
                    update(META)
                    .where(META.c.key == "schema_version")
                    .values(value=str(SCHEMA_VERSION))
                )

    # -- writing -------------------------------------------------------------

    def _prepare_writes(self) -> None:
        """Build the hot-path statements once; SQLAlchemy then reuses their compiled form."""
        dialect_insert = (
            pg_dialect.insert if self._dialect == "postgresql" else sqlite_dialect.insert
        )
        # ON CONFLICT DO NOTHING: a duplicate (even one a concurrent writer has just
        # committed) yields no row instead of an error that would abort the transaction.
        self._insert_article_stmt = (
            dialect_insert(ARTICLE)
            .on_conflict_do_nothing(index_elements=["content_hash"])
            .returning(ARTICLE.c.id)
        )
        self._insert_speaker_stmt = (
            dialect_insert(SPEAKER)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(SPEAKER.c.id)
        )
        self._insert_alias_stmt = dialect_insert(ALIAS).on_conflict_do_nothing(
            index_elements=["speaker_id", "key"]
        )
        self._insert_token_stmt = dialect_insert(SPEAKER_TOKEN).on_conflict_do_nothing(
            index_elements=["speaker_id", "token"]
        )
        self._insert_rule_stmt = dialect_insert(SPEAKER_RULE).on_conflict_do_nothing(
            index_elements=["kind", "key_a", "key_b"]
        )
        # Ids in the order of the rows given: the claims are handed on without a re-read.
        self._insert_claims_stmt = insert(CLAIM).returning(CLAIM.c.id, sort_by_parameter_order=True)
        one_of = _one_of_array if self._dialect == "postgresql" else _one_of_list
        r = SPEAKER_RULE.c
        self._rules_stmt = (
            select(r.kind, r.name_a, r.key_a, r.name_b, r.key_b)
            .where(or_(one_of(r.key_a, "keys"), one_of(r.key_b, "keys")))
            .order_by(r.id)
        )
        self._article_by_hash_stmt = select(ARTICLE.c.id).where(
            ARTICLE.c.content_hash == bindparam("content_hash")
        )

    def add(
        self, extraction: Extraction, then: Then | None = None, finish: Finish | None = None
    ) -> IngestResult:
        """Store an article with its claims atomically; an article already stored is skipped.

        `then` runs on a newly stored article's id and its claims as stored (ids,
        speaker record names, outlet), in start order, inside the same
        transaction (ingest links it there: one commit per article, not two),
        and `finish` runs last in it (the linker writes what it kept pending);
        if either raises, nothing of the article is stored.
        """
        return self.add_many([extraction], then, finish)[0]

    def add_many(
        self,
        extractions: Sequence[Extraction],
        then: Then | None = None,
        finish: Finish | None = None,
    ) -> list[IngestResult]:
        """Store articles in order in one transaction: all of them, or none if any step fails.

        One commit for a batch: each commit rewrites the pages every article
        touches (term counts, the text index, the link table's end), so ingest
        commits every few articles, not after each.
        """
        cache = self._speaker_cache
        try:
            with self._write() as conn:
                cache.sync(speakercache.stamp(conn, lock=True))
                figures: list[tuple[Any, ...]] = []
                # People's corrections are rare: most databases have none to look up.
                rules = conn.execute(select(SPEAKER_RULE.c.id).limit(1)).first() is not None
                speakers = _SpeakerWrites(cache)
                results = [
                    self._add(conn, extraction, then, figures, rules, speakers)
                    for extraction in extractions
                ]
                # Nothing in the transaction reads them back from the database: one
                # statement each for the whole batch.
                insert_rows(conn, FIGURE, _FIGURE_COLUMNS, figures)
                speakers.flush(conn)
                stamp = speakercache.touch(conn) if speakers.records else None
                if finish is not None:
                    finish(conn)
            if stamp is not None:
                cache.committed(stamp)
            return results
        except BaseException as err:
            cache.clear()  # its records may hold what the rollback took back
            if isinstance(err, SQLAlchemyError):
                raise DatabaseError(f"cannot store article: {_cause(err)}") from None
            raise

    def _add(
        self,
        conn: Connection,
        extraction: Extraction,
        then: Then | None,
        figure_rows: list[tuple[Any, ...]],
        rules: bool,
        speakers: _SpeakerWrites,
    ) -> IngestResult:
        """Store one article; its claim_figure rows go to `figure_rows`, for the caller to write.

        `rules` says whether speaker_rule holds any row to look up; `speakers`
        gathers the transaction's speaker aliases and blocking tokens.
        """
        article = extraction.article
        content_hash = article.content_hash or hashlib.sha256(article.text.encode()).hexdigest()
        path = article.path or ""
        values = article.model_dump(exclude={"id", "content_hash"})
        values["content_hash"] = content_hash
        article_id = conn.execute(self._insert_article_stmt, values).scalar()
        if article_id is None:
            existing = conn.execute(
                self._article_by_hash_stmt, {"content_hash": content_hash}
            ).scalar_one()
            return IngestResult(path=path, status=IngestStatus.skipped, article_id=existing)
        records = self._resolve_speakers(conn, _speakers_of(extraction), rules, speakers)
        speaker_ids = {name: record.id for name, record in records.items()}
        stored: list[Claim] = []
        if extraction.claims:
            rows = [_claim_row(c, article_id, speaker_ids) for c in extraction.claims]
            if self._dialect == "postgresql":  # one message, prepared once (bulk.py)
                columns = tuple(rows[0])
                claim_ids: Iterable[int] = insert_returning_ids(
                    conn, CLAIM, columns, [tuple(row.values()) for row in rows]
                )
            else:
                claim_ids = conn.execute(self._insert_claims_stmt, rows).scalars()
            for claim, claim_id in zip(extraction.claims, claim_ids, strict=True):
                record = None if claim.speaker is None else records.get(claim.speaker)
                update = {"id": claim_id, "article_id": article_id, "outlet": article.outlet}
                update["speaker_id"] = None if record is None else record.id
                if claim.figures:
                    figure_rows.extend(
                        _figure_rows(claim, claim_id, update["speaker_id"], article_id, article)
                    )
                if record is not None:
                    update["speaker"] = record.name  # as claim_select reads it back
                stored.append(claim.model_copy(update=update))
        if then is not None:
            # Start order, ties in id order: the order of ix_claim_article_start.
            then(conn, article_id, sorted(stored, key=lambda c: (c.start, c.id or 0)))
        return IngestResult(
            path=path,
            status=IngestStatus.stored,
            article_id=article_id,
            claims=len(extraction.claims),
        )

    def _resolve_speakers(
        self, conn: Connection, wanted: dict[str, Speaker], rules: bool, writes: _SpeakerWrites
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
            if rule.kind == _MERGE and rule.key_b in keys:
                merge_to[rule.key_b] = (rule.name_a, rule.key_a)  # the latest rule wins
            elif rule.kind == _APART:
                apart.setdefault(rule.key_a, set()).add(rule.key_b)
                apart.setdefault(rule.key_b, set()).add(rule.key_a)
        return merge_to, apart

    def _candidates(
        self, conn: Connection, keys: set[str], tokens: set[str], writes: _SpeakerWrites
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
            found = _candidate_ids(conn, new_keys, new_tokens)
            writes.add_unwritten(found, new_keys, new_tokens)
            return found

        found = self._speaker_cache.lookup(
            keys, tokens, fetch, lambda ids: _speaker_records(conn, ids)
        )
        return dict(sorted(found.items()))

    def _create_speaker(self, conn: Connection, speaker: Speaker, name: str) -> SpeakerRecord:
        """A new speaker record; a concurrent writer may have just created the same one."""
        key = name_key(name)
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
            record = _speaker_records(conn, [row.id])[row.id]
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
        stmt = select(r.id).where(r.kind == _MERGE, r.key_a == key).limit(1)
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

    def articles(self) -> list[ArticleSummary]:
        """Every article without its text, with its number of claims, oldest first."""
        counts = (
            select(CLAIM.c.article_id, func.count().label("n"))
            .group_by(CLAIM.c.article_id)
            .subquery()
        )
        a = ARTICLE.c
        stmt = (
            select(
                a.id,
                a.title,
                a.outlet,
                a.published,
                a.path,
                a.url,
                func.coalesce(counts.c.n, 0).label("claims"),
            )
            .outerjoin(counts, counts.c.article_id == a.id)
            .order_by(a.id)
        )
        with self._read() as conn:
            rows = conn.execute(stmt).mappings().all()
        return [ArticleSummary.model_validate(dict(row)) for row in rows]

    def article(self, article_id: int) -> Article:
        """One article with its full text; NotFoundError if there is none with that id."""
        with self._read() as conn:
            row = conn.execute(select(ARTICLE).where(ARTICLE.c.id == article_id)).first()
        if row is None:
            raise NotFoundError(f"no article with id {article_id}")
        fields = dict(row._mapping)
        fields.pop("linked_at", None)
        return Article.model_validate(fields)

    def unlinked_articles(self, ids: Sequence[int] | None = None) -> list[int]:
        """Articles (of ``ids``, or all) stored but not yet linked.

        Storing and linking are two transactions, so a run killed between them
        leaves an article stored but unlinked (``linked_at`` is set only by the
        linking transaction); re-ingest finds it here and links it.
        """
        stmt = select(ARTICLE.c.id).where(ARTICLE.c.linked_at.is_(None)).order_by(ARTICLE.c.id)
        with self._read() as conn:
            if ids is None:
                return list(conn.execute(stmt).scalars())
            found: list[int] = []
            for chunk in id_chunks(ids):  # ascending chunks: the result stays in id order
                found.extend(conn.execute(stmt.where(ARTICLE.c.id.in_(chunk))).scalars())
            return found

    def claims(
        self,
        speaker: str | None = None,
        article: int | None = None,
        search: str | None = None,
        claim_id: int | None = None,
    ) -> list[Claim]:
        """Claims matching every filter given, ordered by article then position."""
        c = CLAIM.c
        stmt = claim_select().order_by(c.article_id, c.start, c.id)
        if claim_id is not None:
            stmt = stmt.where(c.id == claim_id)
        if article is not None:
            stmt = stmt.where(c.article_id == article)
        if speaker is not None:
            key = name_key(speaker)
            if not key:
                return []
            speaker_ids = (
                select(SPEAKER.c.id)
                .where(SPEAKER.c.key.contains(key, autoescape=True))
                .union(select(ALIAS.c.speaker_id).where(ALIAS.c.key == key))
            )
            stmt = stmt.where(c.speaker_id.in_(speaker_ids))
        if search:
            needle = search.lower()
            stmt = stmt.where(
                or_(
                    func.lower(c.text).contains(needle, autoescape=True),
                    func.lower(c.sentence).contains(needle, autoescape=True),
                )
            )
        with self._read() as conn:
            return list(claims_from(conn.execute(stmt)))

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

    # -- speaker corrections -------------------------------------------------

    def merge_speakers(self, keep: int | str, other: int | str) -> SpeakerSummary:
        """Make ``other`` part of ``keep``; a stored rule sends later articles to ``keep`` too.

        The claims and aliases of ``other`` move, its name becomes an alias, and the
        name of ``keep`` becomes fixed: later articles never rename it.
        """
        try:
            with self._correcting() as conn:
                kept = self._find_speaker(conn, keep)
                gone = self._find_speaker(conn, other)
                if kept.id == gone.id:
                    raise ClaimtrackError(
                        f"{other!s} is already speaker {kept.id} ({kept.name}); nothing to merge"
                    )
                self._add_rule(conn, _MERGE, kept.name, gone.name)
                self._merge_records(conn, kept, gone)
        except SQLAlchemyError as err:
            raise DatabaseError(f"cannot merge speakers: {_cause(err)}") from None
        return self.speaker(kept.id)

    def split_speaker(self, speaker: int | str, alias: str) -> SpeakerSummary:
        """Give an alias, and the claims made under it, a speaker record of its own.

        A stored keep-apart rule stops re-ingest and new articles from merging the
        two again. Returns the new speaker.
        """
        try:
            with self._correcting() as conn:
                record = self._find_speaker(conn, speaker)
                split = self._split(conn, record, alias)
        except SQLAlchemyError as err:
            raise DatabaseError(f"cannot split speaker: {_cause(err)}") from None
        return self.speaker(split.id)

    def apply_alias_file(self, path: str | Path) -> list[SpeakerSummary]:
        """Apply a file of corrections (docs/SPEAKERS.md) atomically; returns the speakers touched.

        ``NAME = ALIAS; ALIAS`` makes NAME canonical for the aliases; ``NAME != NAME``
        keeps two speakers apart. Rules are stored, so they also apply to articles
        ingested later; applying the same file again changes nothing.
        """
        where = str(path)
        lines = _parse_alias_file(where)
        touched: list[int] = []
        try:
            with self._correcting() as conn:
                for number, line in lines:
                    try:
                        touched.extend(self._apply_line(conn, line))
                    except ClaimtrackError as err:
                        raise InputError(where, f"line {number}: {err}") from None
            with self._read() as conn:
                found = {s.id: s for s in self._summaries(conn, sorted(set(touched)))}
        except SQLAlchemyError as err:
            raise DatabaseError(f"cannot apply {where}: {_cause(err)}") from None
        return [found[i] for i in dict.fromkeys(touched) if i in found]

    def _apply_line(self, conn: Connection, line: _AliasLine) -> list[int]:
        """One alias-file line: store its rules, then make the stored speakers agree."""
        if line.apart:
            first, second = line.names
            self._add_rule(conn, _APART, first, second)
            a = self._lookup_speaker(conn, first)
            b = self._lookup_speaker(conn, second)
            if a is not None and b is not None and a.id == b.id:
                # One record holds both: the one that is not its name leaves.
                leaving = second if name_key(second) != name_key(a.name) else first
                return [a.id, self._split(conn, a, leaving).id]
            return [r.id for r in (a, b) if r is not None]
        canonical, *aliases = line.names
        for alias in aliases:
            self._add_rule(conn, _MERGE, canonical, alias)
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

    def _find_speaker(self, conn: Connection, ref: int | str) -> SpeakerRecord:
        """A speaker by id (an int or digits), else by name, else by an alias only it has."""
        if isinstance(ref, int) or ref.strip().isdigit():
            speaker_id = int(ref)
            rows = conn.execute(select(SPEAKER).where(SPEAKER.c.id == speaker_id)).all()
            if not rows:
                raise NotFoundError(f"no speaker with id {speaker_id}")
            return _speaker_records(conn, [speaker_id])[speaker_id]
        found = self._lookup_speaker(conn, ref)
        if found is None:
            raise NotFoundError(f"no speaker named {ref.strip()!r}")
        return found

    def _lookup_speaker(self, conn: Connection, name: str) -> SpeakerRecord | None:
        """The speaker with this name, else the one speaker with this alias; None if neither."""
        key = name_key(name)
        if not key:
            return None
        rows = conn.execute(select(SPEAKER).where(SPEAKER.c.key == key)).all()
        if not rows:
            ids = select(ALIAS.c.speaker_id).where(ALIAS.c.key == key)
            rows = conn.execute(
                select(SPEAKER).where(SPEAKER.c.id.in_(ids)).order_by(SPEAKER.c.id)
            ).all()
        if len(rows) > 1:
            listed = ", ".join(f"{row.id} {row.name}" for row in rows)
            raise ClaimtrackError(
                f"{name.strip()!r} is an alias of several speakers ({listed}); use an id"
            )
        return _speaker_records(conn, [rows[0].id])[rows[0].id] if rows else None

    def _add_rule(self, conn: Connection, kind: str, name_a: str, name_b: str) -> None:
        """Store a correction, replacing any earlier one it contradicts."""
        key_a, key_b = name_key(name_a), name_key(name_b)
        if not key_a or not key_b or key_a == key_b:
            raise ClaimtrackError(f"{name_a.strip()!r} and {name_b.strip()!r} are the same name")
        r = SPEAKER_RULE.c
        pair = or_((r.key_a == key_a) & (r.key_b == key_b), (r.key_a == key_b) & (r.key_b == key_a))
        if kind == _MERGE:
            conn.execute(delete(SPEAKER_RULE).where(r.kind == _APART, pair))
            # One canonical name per form: the latest correction replaces earlier ones.
            conn.execute(delete(SPEAKER_RULE).where(r.kind == _MERGE, r.key_b == key_b))
        else:
            conn.execute(delete(SPEAKER_RULE).where(r.kind == _MERGE, pair))
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
        conn.execute(
            update(FIGURE)
            .where(FIGURE.c.claim_id.in_(select(CLAIM.c.id).where(CLAIM.c.speaker_id == other.id)))
            .values(speaker_id=keep.id)
        )
        conn.execute(update(CLAIM).where(CLAIM.c.speaker_id == other.id).values(speaker_id=keep.id))
        moved = conn.execute(
            select(ALIAS.c.alias).where(ALIAS.c.speaker_id == other.id).order_by(ALIAS.c.id)
        ).scalars()
        forms = [other.name, *moved]
        conn.execute(delete(ALIAS).where(ALIAS.c.speaker_id == other.id))
        conn.execute(delete(SPEAKER_TOKEN).where(SPEAKER_TOKEN.c.speaker_id == other.id))
        conn.execute(delete(SPEAKER).where(SPEAKER.c.id == other.id))
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
            target = _speaker_records(conn, [existing[0].id])[existing[0].id]
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
        self._add_rule(conn, _APART, record.name, target.name)
        self._index(conn, target)
        return target


def _speakers_of(extraction: Extraction) -> dict[str, Speaker]:
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


class _AliasLine(NamedTuple):
    """One correction of an alias file: names[0] canonical, or two names kept apart."""

    names: list[str]
    apart: bool


def _parse_alias_file(path: str) -> list[tuple[int, _AliasLine]]:
    """Read the whole file before touching the database, so a typo changes nothing."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        cause = (err.strerror if isinstance(err, OSError) else None) or str(err)
        raise InputError(path, cause) from None
    lines: list[tuple[int, _AliasLine]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "!=" in line:
            names = [part.strip() for part in line.split("!=")]
            apart = True
        elif "=" in line:
            head, _, rest = line.partition("=")
            names = [head.strip(), *(part.strip() for part in rest.split(";"))]
            names = [names[0], *(n for n in names[1:] if n)]
            apart = False
        else:
            names, apart = [], False
        if (apart and len(names) != 2) or len(names) < 2 or not all(names):
            raise InputError(
                path, f"line {number}: expected 'NAME = ALIAS; ALIAS' or 'NAME != NAME'"
            )
        lines.append((number, _AliasLine(names, apart)))
    return lines


class _SpeakerWrites:
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


def _driver_rows(conn: Connection, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Rows of driver SQL run on the driver's cursor.

    At 100,000 articles a lone surname's candidates run to hundreds of
    records, and SQLAlchemy's statement and row handling cost more than the
    query. On PostgreSQL each list is one array, so the text stays fixed and
    the driver prepares it once.
    """
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _candidate_ids(
    conn: Connection, keys: list[str], tokens: list[str]
) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Speaker ids per name or alias key in `keys` and per blocking token in `tokens`."""
    lists = (keys, keys, tokens)
    branches: list[str] = []
    params: list[Any] = []
    postgres = conn.dialect.name == "postgresql"
    for branch, values in zip(_POSTING_BRANCHES, lists, strict=True):
        if not values:
            continue
        if postgres:
            branches.append(branch.format(test="= ANY(%s)"))
            params.append(values)
        else:
            branches.append(branch.format(test=f"IN ({', '.join(['?'] * len(values))})"))
            params.extend(values)
    found: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
    if branches:
        for is_token, name, speaker_id in _driver_rows(conn, " UNION ALL ".join(branches), params):
            found[is_token].setdefault(name, set()).add(speaker_id)
    return found


def rows_by_id(conn: Connection, sql: str, ids: Iterable[int]) -> list[tuple[Any, ...]]:
    """Rows of driver SQL whose ``{test}`` stands for "is one of `ids`" (`_driver_rows`).

    On PostgreSQL the ids go as one integer array in its text form, which the
    driver passes as it is (a list of ints it dumps one by one in Python: 20 ms
    for 11,000); on SQLite in chunks every driver accepts.
    """
    if conn.dialect.name == "postgresql":
        array = "{" + ",".join(map(str, sorted(set(ids)))) + "}"
        return _driver_rows(conn, sql.format(test="= ANY(%s::integer[])"), [array])
    rows: list[tuple[Any, ...]] = []
    for chunk in id_chunks(ids):
        test = f"IN ({', '.join(['?'] * len(chunk))})"
        rows.extend(_driver_rows(conn, sql.format(test=test), chunk))
    return rows


def _speaker_records(conn: Connection, ids: list[int]) -> dict[int, SpeakerRecord]:
    """The records of these speakers, each knowing its name's and its aliases' keys.

    Driver SQL: speaker resolution reads hundreds at a time (`_driver_rows`).
    """
    records: dict[int, SpeakerRecord] = {}
    for speaker_id, name, kind, country, acronym, alias in rows_by_id(conn, _RECORD_SQL, ids):
        record = records.get(speaker_id)
        if record is None:
            record = records[speaker_id] = SpeakerRecord(
                speaker_id, name, _KINDS[kind], country, acronym, {name_key(name)}
            )
        if alias is not None:
            record.keys.add(alias)
    return records


def _one_of_list(column: ColumnElement[str], name: str) -> ColumnElement[bool]:
    """``column IN (…)`` with the list bound as `name` when the statement runs."""
    return column.in_(bindparam(name, expanding=True))


def _one_of_array(column: ColumnElement[str], name: str) -> ColumnElement[bool]:
    """``column = ANY(array)`` on PostgreSQL: one statement text whatever the list's length.

    The driver then prepares it once, where the server planned each new length.
    """
    return column == any_(bindparam(name, type_=pg_dialect.ARRAY(String)))


def _claim_row(claim: Claim, article_id: int, speaker_ids: dict[str, int]) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "speaker_id": None if claim.speaker is None else speaker_ids.get(claim.speaker),
        "speaker": claim.speaker,
        "speaker_mention": claim.speaker_mention,
        "speaker_kind": claim.speaker_kind.value,
        "cue": claim.cue,
        "via": _STRINGS.dump_json(claim.via).decode() if claim.via else "[]",
        "text": claim.text,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote.value,
        "stance": claim.stance.value,
        "hedges": _STRINGS.dump_json(claim.hedges).decode() if claim.hedges else "[]",
        "figures": _FIGURES.dump_json(claim.figures).decode() if claim.figures else "[]",
    }


_FIGURE_COLUMNS = (
    "unit",
    "value",
    "claim_id",
    "position",
    "approximate",
    "denied",
    "article_id",
    "speaker_id",
    "speaker",
    "speaker_mention",
    "outlet",
    "published",
)


def _figure_rows(
    claim: Claim, claim_id: int, speaker_id: int | None, article_id: int, article: Article
) -> Iterator[tuple[Any, ...]]:
    """claim_figure rows (in _FIGURE_COLUMNS order) of a claim's figures that have a unit."""
    for position, figure in enumerate(claim.figures):
        if figure.unit:
            yield (
                figure.unit,
                figure.value,
                claim_id,
                position,
                figure.approximate,
                claim.stance is Stance.deny,
                article_id,
                speaker_id,
                claim.speaker,
                claim.speaker_mention,
                article.outlet,
                article.published,
            )


def claim_select() -> Select[Any]:
    """Claims with their outlet and the name of the speaker record they belong to.

    The record's name is the one every article agrees on ("National Intelligence
    Service" for "South Korea's spy agency"); the claim keeps what was written
    in `speaker_mention`.
    """
    return (
        select(CLAIM, ARTICLE.c.outlet, SPEAKER.c.name.label("record_name"))
        .join(ARTICLE, ARTICLE.c.id == CLAIM.c.article_id)
        .outerjoin(SPEAKER, SPEAKER.c.id == CLAIM.c.speaker_id)
    )


def claims_from(result: Result[Any]) -> Iterator[Claim]:
    """Claims from the rows of a `claim_select()` query (column names read once)."""
    keys = list(result.keys())
    for row in result:
        yield _claim_from_row(dict(zip(keys, row, strict=True)))


def _claim_from_row(row: Any) -> Claim:
    values = dict(row)
    record_name = values.pop("record_name", None)
    if record_name:
        values["speaker"] = record_name
    values["via"] = _STRINGS.validate_json(values["via"])
    values["hedges"] = _STRINGS.validate_json(values["hedges"])
    values["figures"] = _FIGURES.validate_json(values["figures"])
    return Claim.model_validate(values)
