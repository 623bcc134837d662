"""The database: the only module that talks SQL, for SQLite and PostgreSQL alike.

Reads and writes go through SQLAlchemy Core rather than ORM sessions: an article
with its claims is a handful of statements, and Core keeps that well under a
millisecond on SQLite. The SQLModel classes below only declare the schema.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from pydantic import TypeAdapter
from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    create_engine,
    event,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.sql.expression import BindParameter
from sqlmodel import SQLModel

from claimtrack.errors import DatabaseError, NotFoundError
from claimtrack.models import (
    Article,
    ArticleSummary,
    Claim,
    Extraction,
    Figure,
    IngestResult,
    IngestStatus,
    SpeakerKind,
    SpeakerSummary,
)
from claimtrack.names import name_key
from claimtrack.tables import (
    ALIAS,
    ALL_TABLES,
    ARTICLE,
    CLAIM,
    META,
    SCHEMA_VERSION,
    SPEAKER,
)

DEFAULT_DB = "claimtrack.db"
ENV_DB = "CLAIMTRACK_DB"
BUSY_TIMEOUT_S = 30
_PG_SCHEMA_LOCK = 0x636C61696D  # "claim": any constant shared by all claimtrack processes

# Mentions that say nothing about who spoke; recording them as aliases would make
# `claims --speaker he` match every speaker ever referred to by a pronoun.
_NOT_ALIASES = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})


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
        cur.execute("PRAGMA journal_mode = WAL")
        # NORMAL is the documented pairing with WAL: no fsync per commit, still
        # consistent after a crash (the last commits may be lost on power failure).
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
    finally:
        cur.close()
    # SQLite's lower() folds ASCII only; Python's gives the same answers as PostgreSQL's.
    dbapi_conn.create_function("lower", 1, _lower, deterministic=True)


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
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except SQLAlchemyError as err:
            raise DatabaseError(f"cannot read database: {_cause(err)}") from None

    def _create_schema(self) -> None:
        with self._write() as conn:
            if self._dialect == "postgresql":
                # Two processes opening a new database at once would both CREATE TABLE;
                # SQLite's BEGIN IMMEDIATE already serialises them, PostgreSQL needs a lock.
                conn.execute(select(func.pg_advisory_xact_lock(_PG_SCHEMA_LOCK)))
            SQLModel.metadata.create_all(conn, tables=ALL_TABLES)
            found = conn.execute(
                select(META.c.value).where(META.c.key == "schema_version")
            ).scalar_one_or_none()
            if found is None:
                conn.execute(insert(META).values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif found != str(SCHEMA_VERSION):
                raise DatabaseError(
                    f"database {_safe(self.url)} has schema version {found}; "
                    f"this claimtrack reads version {SCHEMA_VERSION}"
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
        self._insert_speaker_stmt = dialect_insert(SPEAKER).on_conflict_do_nothing(
            index_elements=["key"]
        )
        self._insert_alias_stmt = dialect_insert(ALIAS).on_conflict_do_nothing(
            index_elements=["speaker_id", "key"]
        )
        self._insert_claims_stmt = insert(CLAIM)
        keys: BindParameter[str] = bindparam("keys", expanding=True)
        # One round trip finds speakers by name and by alias, plus the aliases already known.
        self._lookup_speakers_stmt = (
            select(SPEAKER.c.id, SPEAKER.c.key, SPEAKER.c.kind, literal(0).label("by_alias"))
            .where(SPEAKER.c.key.in_(keys))
            .union_all(
                select(ALIAS.c.speaker_id, ALIAS.c.key, SPEAKER.c.kind, literal(1))
                .join(SPEAKER, SPEAKER.c.id == ALIAS.c.speaker_id)
                .where(ALIAS.c.key.in_(keys))
            )
        )
        self._speaker_ids_stmt = select(SPEAKER.c.id, SPEAKER.c.key).where(
            SPEAKER.c.key.in_(bindparam("keys", expanding=True))
        )
        self._set_kind_stmt = (
            update(SPEAKER)
            .where(SPEAKER.c.id == bindparam("speaker_id"))
            .values(kind=bindparam("new_kind"))
        )
        self._article_by_hash_stmt = select(ARTICLE.c.id).where(
            ARTICLE.c.content_hash == bindparam("content_hash")
        )

    def add(self, extraction: Extraction) -> IngestResult:
        """Store an article with its claims atomically; an article already stored is skipped."""
        article = extraction.article
        content_hash = article.content_hash or hashlib.sha256(article.text.encode()).hexdigest()
        path = article.path or ""
        values = article.model_dump(exclude={"id", "content_hash"})
        values["content_hash"] = content_hash
        try:
            with self._write() as conn:
                article_id = conn.execute(self._insert_article_stmt, values).scalar()
                if article_id is None:
                    existing = conn.execute(
                        self._article_by_hash_stmt, {"content_hash": content_hash}
                    ).scalar_one()
                    return IngestResult(path=path, status=IngestStatus.skipped, article_id=existing)
                speaker_ids = self._resolve_speakers(conn, _speakers_of(extraction))
                if extraction.claims:
                    conn.execute(
                        self._insert_claims_stmt,
                        [_claim_row(c, article_id, speaker_ids) for c in extraction.claims],
                    )
        except SQLAlchemyError as err:
            raise DatabaseError(f"cannot store article: {_cause(err)}") from None
        return IngestResult(
            path=path,
            status=IngestStatus.stored,
            article_id=article_id,
            claims=len(extraction.claims),
        )

    def _resolve_speakers(
        self, conn: Connection, wanted: dict[str, tuple[SpeakerKind, set[str]]]
    ) -> dict[str, int]:
        """Find or create the speaker record for each canonical name; record other forms.

        ``wanted`` maps each canonical name to its kind and the forms it was written in.
        Matching is exact on name_key, over speaker names first and aliases second; this
        is the one place to change when cross-article fuzzy merging arrives. Batched so
        that an article costs one lookup whatever its number of speakers.
        """
        keys = {name: name_key(name) for name in wanted}
        forms: dict[str, dict[str, str]] = {}
        for name, (_kind, written) in wanted.items():
            for form in sorted(written):  # stable alias order across runs
                form_key = name_key(form)
                if form_key and form_key != keys[name] and form_key not in _NOT_ALIASES:
                    forms.setdefault(name, {}).setdefault(form_key, form.strip())
        all_keys = {k for k in keys.values() if k}
        all_keys.update(k for found in forms.values() for k in found)
        if not all_keys:
            return {}
        by_name: dict[str, tuple[int, str]] = {}
        by_alias: dict[str, tuple[int, str]] = {}
        known_aliases: set[tuple[int, str]] = set()
        for row in conn.execute(self._lookup_speakers_stmt, {"keys": sorted(all_keys)}):
            if row.by_alias:
                known_aliases.add((row.id, row.key))
                # Lowest id wins when several speakers share an alias.
                if row.key not in by_alias or row.id < by_alias[row.key][0]:
                    by_alias[row.key] = (row.id, row.kind)
            else:
                by_name[row.key] = (row.id, row.kind)

        missing = {
            key: name
            for name, key in keys.items()
            if key and key not in by_name and key not in by_alias
        }
        if missing:
            conn.execute(
                self._insert_speaker_stmt,
                [
                    {"name": name, "key": key, "kind": wanted[name][0].value}
                    for key, name in missing.items()
                ],
            )
            for row in conn.execute(self._speaker_ids_stmt, {"keys": sorted(missing)}):
                by_name[row.key] = (row.id, wanted[missing[row.key]][0].value)

        ids: dict[str, int] = {}
        new_aliases: list[dict[str, Any]] = []
        for name, key in keys.items():
            if not key:
                continue
            speaker_id, stored_kind = by_name.get(key) or by_alias[key]
            ids[name] = speaker_id
            kind = wanted[name][0]
            if (
                key not in missing
                and stored_kind == SpeakerKind.unknown.value
                and kind is not SpeakerKind.unknown
            ):
                # The first article may not have known what sort of source this was.
                conn.execute(
                    self._set_kind_stmt, {"speaker_id": speaker_id, "new_kind": kind.value}
                )
            for form_key, form in forms.get(name, {}).items():
                if (speaker_id, form_key) not in known_aliases:
                    new_aliases.append({"speaker_id": speaker_id, "alias": form, "key": form_key})
        if new_aliases:
            conn.execute(self._insert_alias_stmt, new_aliases)
        return ids

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
        return Article.model_validate(dict(row._mapping))

    def claims(
        self,
        speaker: str | None = None,
        article: int | None = None,
        search: str | None = None,
        claim_id: int | None = None,
    ) -> list[Claim]:
        """Claims matching every filter given, ordered by article then position."""
        c = CLAIM.c
        stmt = (
            select(CLAIM, ARTICLE.c.outlet)
            .join(ARTICLE, ARTICLE.c.id == c.article_id)
            .order_by(c.article_id, c.start, c.id)
        )
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
            rows = conn.execute(stmt).mappings().all()
        return [_claim_from_row(row) for row in rows]

    def speakers(self) -> list[SpeakerSummary]:
        """Every speaker with its aliases and counts, most-cited first."""
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
        with self._read() as conn:
            rows = conn.execute(stmt).mappings().all()
            alias_rows = conn.execute(
                select(ALIAS.c.speaker_id, ALIAS.c.alias).order_by(ALIAS.c.id)
            ).all()
        aliases: dict[int, list[str]] = {}
        for speaker_id, alias in alias_rows:
            aliases.setdefault(speaker_id, []).append(alias)
        return [
            SpeakerSummary.model_validate({**row, "aliases": aliases.get(row["id"], [])})
            for row in rows
        ]


def _speakers_of(extraction: Extraction) -> dict[str, tuple[SpeakerKind, set[str]]]:
    """Each canonical speaker name in the claims, with its kind and the forms it was written in."""
    wanted: dict[str, tuple[SpeakerKind, set[str]]] = {}
    for claim in extraction.claims:
        if claim.speaker is None:
            continue
        kind, forms = wanted.get(claim.speaker, (SpeakerKind.unknown, set()))
        forms.add(claim.speaker_mention)
        if kind is SpeakerKind.unknown:
            kind = claim.speaker_kind
        wanted[claim.speaker] = (kind, forms)
    for speaker in extraction.speakers:
        if speaker.name in wanted:
            forms = wanted[speaker.name][1]
            forms.update(speaker.aliases)
            if speaker.acronym:
                forms.add(speaker.acronym)
    return wanted


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


def _claim_from_row(row: Any) -> Claim:
    values = dict(row)
    values["via"] = _STRINGS.validate_json(values["via"])
    values["hedges"] = _STRINGS.validate_json(values["hedges"])
    values["figures"] = _FIGURES.validate_json(values["figures"])
    return Claim.model_validate(values)
