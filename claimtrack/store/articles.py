"""Articles and their claims: storing an extraction atomically, and reading them back.

Reads and writes go through SQLAlchemy Core rather than ORM sessions: an article
with its claims is a handful of statements, and Core keeps that well under a
millisecond on SQLite. The SQLModel classes in tables.py only declare the schema.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import Connection, Insert, Select, bindparam, func, or_, select
from sqlalchemy.engine import Result

from claimtrack.errors import NotFoundError
from claimtrack.extraction.leadnames import name_runs
from claimtrack.models import (
    Article,
    ArticleSummary,
    Claim,
    Extraction,
    Figure,
    IngestResult,
    IngestStatus,
    Stance,
)
from claimtrack.store import claimcount, speakercache
from claimtrack.store.backend import id_chunks
from claimtrack.store.speakers import Speakers, SpeakerWrites, generic_source, speakers_of
from claimtrack.store.tables import ARTICLE, CLAIM, FIGURE, SPEAKER, SPEAKER_RULE, valid_id

# What `Store.add` runs on a newly stored article, in its transaction: the
# connection, the article's id and its claims as stored.
Then = Callable[[Connection, int, list[Claim]], object]
# What it runs last, before the transaction commits.
Finish = Callable[[Connection], object]

# JSON columns are (de)serialised by pydantic-core: several times faster than json.
_STRINGS = TypeAdapter(list[str])
_FIGURES = TypeAdapter(list[Figure])


class _Counting:
    """Claims stored so far by the `add_many` transaction on `conn`, earlier ones included."""

    def __init__(self, conn: Connection, total: int) -> None:
        self.conn = conn
        self.total = total


class Articles(Speakers):
    """Storing and reading articles and claims (`Store`'s article half)."""

    _counting: _Counting | None = None

    # Hot-path statements, built once per store: SQLAlchemy then reuses their compiled form.
    @cached_property
    def _insert_article_stmt(self) -> Insert:
        return self.backend.insert_ignoring(ARTICLE, "content_hash").returning(ARTICLE.c.id)

    @cached_property
    def _article_by_hash_stmt(self) -> Select[Any]:
        return select(ARTICLE.c.id).where(ARTICLE.c.content_hash == bindparam("content_hash"))

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
            with self._write("cannot store article") as conn:
                cache.sync(speakercache.stamp(conn, lock=True))
                # Read after the lock: writers of claims take turns on it.
                counting = self._counting = _Counting(conn, claimcount.read(conn))
                figures: list[tuple[Any, ...]] = []
                # People's corrections are rare: most databases have none to look up.
                rules = conn.execute(select(SPEAKER_RULE.c.id).limit(1)).first() is not None
                speakers = SpeakerWrites(cache)
                results = [
                    self._add(conn, extraction, then, figures, rules, speakers)
                    for extraction in extractions
                ]
                # Nothing in the transaction reads them back from the database: one
                # statement each for the whole batch.
                self.backend.insert_rows(conn, FIGURE, _FIGURE_COLUMNS, figures)
                claimcount.write(conn, counting.total)
                speakers.flush(conn)
                stamp = speakercache.touch(conn) if speakers.records else None
                if finish is not None:
                    finish(conn)
            if stamp is not None:
                cache.committed(stamp)
            return results
        except BaseException:
            cache.clear()  # its records may hold what the rollback took back
            raise
        finally:
            self._counting = None

    def claim_count(self, conn: Connection) -> int:
        """Claims stored as this transaction sees them: the corpus size of term weights.

        Inside `add_many` (its `then`), the claims stored so far in it
        included, without asking the database.
        """
        counting = self._counting
        if counting is not None and counting.conn is conn:
            return counting.total
        return claimcount.read(conn)

    def _add(
        self,
        conn: Connection,
        extraction: Extraction,
        then: Then | None,
        figure_rows: list[tuple[Any, ...]],
        rules: bool,
        speakers: SpeakerWrites,
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
        values["lead_names"] = json.dumps(name_runs(article.title, article.text))
        article_id = conn.execute(self._insert_article_stmt, values).scalar()
        if article_id is None:
            existing = conn.execute(
                self._article_by_hash_stmt, {"content_hash": content_hash}
            ).scalar_one()
            return IngestResult(path=path, status=IngestStatus.skipped, article_id=existing)
        extraction = _own_voice_named(extraction, article_id)
        wanted = speakers_of(extraction)
        # "article 100" is this article only: matched by name it joined "article 10".
        itself = f"article {article_id}"
        scoped = {n for n, speaker in wanted.items() if n == itself or generic_source(speaker)}
        named = {name: speaker for name, speaker in wanted.items() if name not in scoped}
        records = self._resolve_speakers(conn, named, rules, speakers)
        for name in sorted(scoped):
            records[name] = self._scoped_speaker(conn, wanted[name], article_id)
        speaker_ids = {name: record.id for name, record in records.items()}
        stored: list[Claim] = []
        if extraction.claims:
            rows = [_claim_row(c, article_id, speaker_ids) for c in extraction.claims]
            claim_ids = self.backend.insert_returning_ids(conn, CLAIM, rows)
            if self._counting is not None:
                self._counting.total += len(rows)
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
        if not valid_id(article_id):
            raise NotFoundError(f"no article with id {article_id}")
        with self._read() as conn:
            row = conn.execute(select(ARTICLE).where(ARTICLE.c.id == article_id)).first()
        if row is None:
            raise NotFoundError(f"no article with id {article_id}")
        fields = dict(row._mapping)
        fields.pop("linked_at", None)
        fields.pop("lead_names", None)  # the store's own, for linking
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
        speaker_ids: Iterable[int] | None = None,
        attributed: bool | None = None,
    ) -> list[Claim]:
        """Claims matching every filter given, ordered by article then position.

        `speaker` is a name as `find_speakers` reads it (exact, else a close
        spelling); `speaker_ids` the records it found, for a caller that asked
        `find_speakers` itself to say when the match was only fuzzy.
        """
        c = CLAIM.c
        stmt = claim_select().order_by(c.article_id, c.start, c.id)
        if attributed is not None:  # the article's own voice, or every other claim
            stmt = stmt.where(c.attributed.is_(attributed))
        for wanted, column in ((claim_id, c.id), (article, c.article_id)):
            if wanted is not None:
                if not valid_id(wanted):
                    return []  # no row has it, and a driver would refuse it
                stmt = stmt.where(column == wanted)
        if speaker is not None:
            found = self.find_speakers(speaker).ids
            speaker_ids = found if speaker_ids is None else set(found) & set(speaker_ids)
        if speaker_ids is not None:
            ids = sorted({i for i in speaker_ids if valid_id(i)})
            if not ids:
                return []
            stmt = stmt.where(c.speaker_id.in_(ids))
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


def _own_voice_named(extraction: Extraction, article_id: int) -> Extraction:
    """The article's own statements with no outlet known speak as 'article N'."""
    if all(c.attributed or c.speaker for c in extraction.claims):
        return extraction
    name = f"article {article_id}"
    claims = [
        c if c.attributed or c.speaker else c.model_copy(update={"speaker": name})
        for c in extraction.claims
    ]
    return extraction.model_copy(update={"claims": claims})


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
        "attributed": claim.attributed,
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
    "outcome",
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
                # "No one was killed" denies deaths and states a toll of 0.
                claim.stance is Stance.deny and figure.value != 0,
                article_id,
                speaker_id,
                claim.speaker,
                claim.speaker_mention,
                article.outlet,
                article.published,
                figure.outcome,
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
