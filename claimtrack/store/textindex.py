"""Each backend's own full-text index over claim terms: FTS5 on SQLite, GIN on PostgreSQL.

Linking and `match` look up candidate claims by their rarest terms.  A term's
posting list, newest claims first and cut at a bound, comes straight from the
database's inverted index: on SQLite an FTS5 table (``rowid`` = claim id,
``detail=none`` since positions are never asked for), on PostgreSQL a
``tsvector`` column under a GIN index.  Both took a tenth of the time of a
B-tree ``(term, claim_id)`` table to fill and answered term lookups at least as
fast (benchmarks in docs/BENCHMARKS.md).  The terms are claimtrack's own
normalised terms (link.claim_terms), each stored as one ASCII token (`token`):
the backend's tokenizer and stemmer are kept out of it, so both backends find
the same candidates and no term can be read as query syntax.

Every change to the index writes a fresh *stamp* (a random token in
claimtrack_meta) in the same transaction.  A linker that keeps posting lists in
memory (termcache.py) trusts them only while the stamp is the one it wrote
itself: any other writer, committed or rolled back, makes it read afresh.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import Connection, text

from claimtrack.store import stamps
from claimtrack.store.backend import INDEX_LOCK, TEXT_INDEX, backend_of, id_chunks

TABLE = TEXT_INDEX
STAMP_KEY = "text_index_stamp"
# Claims per statement when reading or dropping index entries by id.
_ID_CHUNK = 500


def create(conn: Connection) -> None:
    """Make the index if it is missing (new databases and the schema-2 upgrade)."""
    backend_of(conn).create_text_index(conn)


_PLAIN = re.compile(r"[a-z][a-z0-9]*")


def token(term: str) -> str:
    """The term as one ASCII word no tokenizer splits or folds.

    Plain lower-case words stay as they are; anything else ("#troops",
    "hong-kyun", "zürich", "o'neill") becomes '0' + its UTF-8 in hex, which no
    plain term can equal (terms never start with a digit).
    """
    return term if _PLAIN.fullmatch(term) else "0" + term.encode().hex()


def term_of(word: str) -> str:
    return bytes.fromhex(word[1:]).decode() if word.startswith("0") else word


def stamp(conn: Connection, *, lock: bool = False) -> str | None:
    """The index's current stamp (None before its first change).

    With `lock` on PostgreSQL, first wait for any other linker's transaction to
    end; the lock is released when this transaction ends.
    """
    return stamps.read(conn, STAMP_KEY, INDEX_LOCK if lock else None)


def new_stamp() -> str:
    return stamps.new()


def touch(conn: Connection, new: str | None = None) -> str:
    """Record that the index changed, under `new` or a fresh stamp; returns the stamp.

    A transaction that changes the index several times needs one stamp, written
    once before it commits: other processes only ever see it committed.
    """
    return stamps.write(conn, STAMP_KEY, new)


def add(conn: Connection, terms_of: Mapping[int, Iterable[str]]) -> str:
    """Index claims (ids not indexed yet) under their terms; returns the new stamp."""
    insert(conn, terms_of)
    return touch(conn)


def insert(conn: Connection, terms_of: Mapping[int, Iterable[str]]) -> None:
    """Index claims (ids not indexed yet) under their terms, leaving the stamp to the caller."""
    rows = [(cid, " ".join(sorted(map(token, ts)))) for cid, ts in terms_of.items() if ts]
    if not rows:
        return
    backend_of(conn).index_claims(conn, rows)


def indexed(conn: Connection, claim_ids: Iterable[int]) -> dict[int, list[str]]:
    """Terms stored for each of these claims that is indexed."""
    backend = backend_of(conn)
    out: dict[int, list[str]] = {}
    for chunk in id_chunks(claim_ids, _ID_CHUNK):
        for claim_id, words in backend.indexed_words(conn, chunk):
            out[claim_id] = [term_of(w) for w in words]
    return out


def remove(conn: Connection, claim_ids: Iterable[int] | None = None) -> str:
    """Drop these claims from the index (all of them with None); returns the new stamp."""
    if claim_ids is None:
        conn.execute(text(f"DELETE FROM {TABLE}"))
        return touch(conn)
    column = backend_of(conn).index_id
    for chunk in id_chunks(claim_ids, _ID_CHUNK):
        marks = ", ".join(str(int(i)) for i in chunk)  # integers only: no injection
        conn.execute(text(f"DELETE FROM {TABLE} WHERE {column} IN ({marks})"))
    return touch(conn)


def postings(conn: Connection, terms: Iterable[str], limit: int | None) -> dict[str, list[int]]:
    """The newest `limit` claims carrying each term (all of them with None), newest first.

    One small query per term, sent as plain SQL so that the driver reuses its
    prepared statement: the statement never changes, only the term.
    """
    bound = f" LIMIT {int(limit):d}" if limit else ""
    sql = backend_of(conn).postings_sql(bound)
    return {term: [row[0] for row in conn.exec_driver_sql(sql, (token(term),))] for term in terms}


def having(conn: Connection, any_of: Sequence[str], also_any_of: Sequence[str] = ()) -> list[int]:
    """Claims carrying one of `any_of` and, when given, one of `also_any_of`.

    The intersection runs inside the index: `figures "soldiers in Kursk"` reads
    the claims counting troops that also name Kursk, not every claim counting
    troops.
    """
    found = having_query(conn, any_of, also_any_of)
    if found is None:
        return []
    sql, params = found
    return [row[0] for row in conn.exec_driver_sql(f"{sql} ORDER BY 1", params)]


def having_query(
    conn: Connection, any_of: Sequence[str], also_any_of: Sequence[str] = ()
) -> tuple[str, tuple[str]] | None:
    """`having` as a subquery and its parameter, for a query to filter claim ids inside."""
    groups = [list(group) for group in (any_of, also_any_of) if group]
    if not groups:
        return None
    return backend_of(conn).having_query([[token(t) for t in group] for group in groups])
