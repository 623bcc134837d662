"""Schema upgrades, oldest first, so a database written by an older claimtrack keeps its data.

Opening a database runs every step between its version and ``SCHEMA_VERSION``
inside the same transaction that checks the version: on any error nothing is
changed, and two processes opening one old database upgrade it once (SQLite's
``BEGIN IMMEDIATE`` and PostgreSQL's advisory lock serialise them).  Steps
only add (a column, an index, a backfilled value), except schema 4, which
re-keys speaker names (rekey.py).  New tables need no step beyond filling
them: ``create_all`` makes them, and schemacheck.SINCE says which version
brought each, so that a table missing from a newer database is damage.  A database newer than
this claimtrack is refused, never downgraded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, inspect, select, text, update

from claimtrack.errors import DatabaseError
from claimtrack.extraction import lexicon
from claimtrack.models import SpeakerKind
from claimtrack.store import claimcount, speakercache, textindex
from claimtrack.store.backend import backend_of
from claimtrack.store.rekey import rekey_speakers
from claimtrack.store.tables import (
    ALIAS,
    CLAIM,
    FIGURE,
    SCHEMA_VERSION,
    SPEAKER,
    SPEAKER_TOKEN,
)

# Claims indexed per statement while an upgrade moves their terms.
BATCH = 5000


def _v2(conn: Connection) -> None:
    # A version-1 ingest linked every article it stored, so existing ones count as linked.
    conn.execute(text("ALTER TABLE article ADD COLUMN linked_at VARCHAR"))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    conn.execute(text("UPDATE article SET linked_at = :now"), {"now": now})
    # The (term, claim_id) table gives way to the backend's text index, same terms;
    # streamed in claim order so a large database never sits in memory at once.
    batch: dict[int, list[str]] = {}
    query = text("SELECT claim_id, term FROM claim_term ORDER BY claim_id")
    rows = conn.execute(query.execution_options(stream_results=True))
    for claim_id, term in rows:
        if claim_id not in batch and len(batch) >= BATCH:
            textindex.add(conn, batch)
            batch = {}
        batch.setdefault(int(claim_id), []).append(str(term))
    textindex.add(conn, batch)
    conn.execute(text("DROP TABLE claim_term"))


def _v3(conn: Connection) -> None:
    # claim_figure is new (create_all made it, empty): fill it from the claims.
    fill_figures(conn)
    backend_of(conn).settle_text_index(conn)


def fill_figures(conn: Connection) -> None:
    """Fill an empty claim_figure from the claims' figures JSON (schema 3, a repair).

    Streamed in claim order and written in batches.
    """
    query = text(
        "SELECT c.id, c.article_id, c.speaker_id, c.speaker, c.speaker_mention, c.stance,"
        " c.figures, a.outlet, a.published FROM claim c JOIN article a ON a.id = c.article_id"
        " WHERE c.figures != '[]' ORDER BY c.id"
    )
    insert = text(
        "INSERT INTO claim_figure (unit, value, claim_id, position, approximate, denied,"
        " article_id, speaker_id, speaker, speaker_mention, outlet, published, outcome)"
        " VALUES (:unit, :value, :claim_id, :position, :approximate, :denied, :article_id,"
        " :speaker_id, :speaker, :speaker_mention, :outlet, :published, :outcome)"
    )
    batch: list[dict[str, Any]] = []
    for row in conn.execute(query.execution_options(stream_results=True)):
        claim_id, article_id, speaker_id, speaker, mention, stance, figures, outlet, date = row
        for position, figure in enumerate(json.loads(figures)):
            if not figure.get("unit"):
                continue
            batch.append(
                {
                    "unit": figure["unit"],
                    "value": float(figure["value"]),
                    "claim_id": claim_id,
                    "position": position,
                    "approximate": bool(figure.get("approximate")),
                    "denied": stance == "deny",
                    "article_id": article_id,
                    "speaker_id": speaker_id,
                    "speaker": speaker,
                    "speaker_mention": mention,
                    "outlet": outlet,
                    "published": date,
                    "outcome": figure.get("outcome"),
                }
            )
        if len(batch) >= BATCH:
            conn.execute(insert, batch)
            batch = []
    if batch:
        conn.execute(insert, batch)


def _v4(conn: Connection) -> str | None:
    return rekey_speakers(conn)


def _v5(conn: Connection) -> str:
    return f"{claimcount.recount(conn)} claims"


def _v6(conn: Connection) -> str | None:
    # Older versions filed an unresolved pronoun under one record per pronoun for
    # the whole database, so every unnamed "he" was one speaker.
    ids = [
        int(i)
        for i in conn.execute(
            select(SPEAKER.c.id).where(
                SPEAKER.c.kind == SpeakerKind.unknown.value,
                func.lower(SPEAKER.c.name).in_(sorted(lexicon.PRONOUNS)),
            )
        ).scalars()
    ]
    if not ids:
        return None
    claims = 0
    for table in (CLAIM, FIGURE):
        done = conn.execute(
            update(table).where(table.c.speaker_id.in_(ids)).values(speaker_id=None, speaker=None)
        )
        claims += done.rowcount if table is CLAIM else 0
    for table in (ALIAS, SPEAKER_TOKEN):
        conn.execute(delete(table).where(table.c.speaker_id.in_(ids)))
    conn.execute(delete(SPEAKER).where(SPEAKER.c.id.in_(ids)))
    speakercache.touch(conn)
    return f"{claims} claims under {len(ids)} pronoun records now name no speaker"


def _v7(conn: Connection) -> None:
    # Figures found before schema 7 carry no outcome: they stay comparable by unit alone.
    # (A database older than schema 3 had claim_figure made by create_all, column and all.)
    columns = {c["name"] for c in inspect(conn).get_columns("claim_figure")}
    if "outcome" not in columns:
        conn.execute(text("ALTER TABLE claim_figure ADD COLUMN outcome VARCHAR"))


def _v8(conn: Connection) -> None:
    # Claims stored before schema 8 are all attributed.
    columns = {c["name"] for c in inspect(conn).get_columns("claim")}
    if "attributed" not in columns:
        conn.execute(text("ALTER TABLE claim ADD COLUMN attributed BOOLEAN NOT NULL DEFAULT TRUE"))


def _v9(conn: Connection) -> None:
    # assignment is new: create_all made it, and it starts empty.
    pass


def _v10(conn: Connection) -> None:
    # Articles stored before schema 10 keep no lead names: they are read from the text.
    columns = {c["name"] for c in inspect(conn).get_columns("article")}
    if "lead_names" not in columns:
        conn.execute(text("ALTER TABLE article ADD COLUMN lead_names TEXT"))
    conn.execute(
        text(
            "CREATE INDEX IF NOT EXISTS ix_claim_link_status_score"
            " ON claim_link (status, score DESC, id)"
        )
    )


# version → (what it changes, the step from version - 1, which may say more).
STEPS: dict[int, tuple[str, Callable[[Connection], str | None]]] = {
    2: (
        "reviews; articles record when they were linked; claim terms move to the "
        "database's full-text index",
        _v2,
    ),
    3: (
        "figures are also kept by unit (claim_figure), for `figures` of a unit alone; "
        "on PostgreSQL the text index no longer keeps a pending list",
        _v3,
    ),
    4: (
        "speaker names are keyed as readers spell them (Łukaszenka = Lukaszenka): keys "
        "made again, records whose names now spell alike joined",
        _v4,
    ),
    5: (
        "the number of claims is kept, so term weights no longer follow the highest "
        "claim id (on PostgreSQL it keeps the gaps of interrupted runs)",
        _v5,
    ),
    6: (
        "a claim whose speaker is an unresolved pronoun names no speaker; the records "
        "that filed every 'he' (or 'she', 'they') of the database under one speaker go",
        _v6,
    ),
    7: (
        "figures keep what happened to what they count (killed, injured, destroyed…), "
        "so `figures` and disputes keep '5 killed' apart from '250 injured'",
        _v7,
    ),
    8: (
        "claims say whether they are attributed: a figure the article states in its own "
        "voice is a claim of the outlet, marked attributed: false",
        _v8,
    ),
    9: (
        "claims and disputes can be assigned to reviewers (assignment), for "
        "`claimtrack assign` and each reviewer's `claimtrack queue`",
        _v9,
    ),
    10: (
        "articles keep the names of their lead, which tell events apart for links, "
        "`figures` and disputes (older articles are read from their text); links are "
        "indexed by status and score",
        _v10,
    ),
}


def check_version(found: int, where: str) -> None:
    """Refuse a version this claimtrack cannot open: a newer one, or one it cannot upgrade."""
    if found > SCHEMA_VERSION:
        raise DatabaseError(
            f"database {where} has schema version {found}, newer than this claimtrack "
            f"(version {SCHEMA_VERSION}): upgrade claimtrack to open it"
        )
    if found < 1 or any(v not in STEPS for v in range(found + 1, SCHEMA_VERSION + 1)):
        raise DatabaseError(
            f"database {where} has schema version {found}, which this claimtrack cannot upgrade"
        )


def upgrade(conn: Connection, found: int, where: str) -> list[str]:
    """Bring a database from version `found` to SCHEMA_VERSION; returns what changed."""
    check_version(found, where)
    done = []
    for version in range(found + 1, SCHEMA_VERSION + 1):
        what, step = STEPS[version]
        more = step(conn)
        done.append(f"schema {version - 1} → {version}: {what}" + (f"; {more}" if more else ""))
    return done
