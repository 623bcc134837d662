"""Which index should hold claim terms? A B-tree (term, claim_id) table or the backend's text index.

Fills each candidate with N synthetic claims of 12 terms drawn from a Zipf-like
vocabulary (as real claim terms are), then times the lookup linking makes for
one claim: the newest 400 claims of each of its 10 rarest terms.  SQLite
compares a B-tree table with an FTS5 table; PostgreSQL (``--db``) a B-tree
table with a GIN-indexed ``tsvector``.  Everything happens in a temporary file
or a schema created and dropped for the run.

    python benchmarks/index_compare.py --claims 200000
    python benchmarks/index_compare.py --claims 200000 --db postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

VOCABULARY = 50_000
TERMS_PER_CLAIM = 12
LOOKUP_TERMS = 10
POSTING = 400


def claims(n: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    cum = list(itertools.accumulate(1 / (i + 1) ** 0.9 for i in range(VOCABULARY)))

    def draw() -> list[str]:
        picked = {bisect.bisect(cum, rng.random() * cum[-1]) for _ in range(TERMS_PER_CLAIM)}
        return [f"t{i}" for i in sorted(picked)]

    return [draw() for _ in range(n)]


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def lookups(docs: Sequence[list[str]], samples: int = 300) -> list[list[str]]:
    df: dict[str, int] = {}
    for terms in docs:
        for term in terms:
            df[term] = df.get(term, 0) + 1
    rng = random.Random(2)
    picked = [docs[rng.randrange(len(docs))] for _ in range(samples)]
    return [sorted(terms, key=lambda t: df[t])[:LOOKUP_TERMS] for terms in picked]


def sqlite_run(docs: Sequence[list[str]]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        con = sqlite3.connect(Path(tmp) / "index.db")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute("CREATE TABLE ct (id INTEGER PRIMARY KEY, term TEXT, claim_id INTEGER)")
        con.execute("CREATE INDEX ix_ct ON ct (term, claim_id)")
        con.execute("CREATE VIRTUAL TABLE fts USING fts5(terms, detail=none, tokenize=ascii)")
        rows = [(t, i + 1) for i, ts in enumerate(docs) for t in ts]
        out = {
            "btree_fill_s": timed(
                lambda: (
                    con.executemany("INSERT INTO ct (term, claim_id) VALUES (?, ?)", rows),
                    con.commit(),
                )
            ),
            "text_index_fill_s": timed(
                lambda: (
                    con.executemany(
                        "INSERT INTO fts (rowid, terms) VALUES (?, ?)",
                        ((i + 1, " ".join(ts)) for i, ts in enumerate(docs)),
                    ),
                    con.commit(),
                )
            ),
        }
        probes = lookups(docs)
        btree = "SELECT claim_id FROM ct WHERE term = ? ORDER BY claim_id DESC LIMIT ?"
        fts = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT ?"
        for name, sql in (("btree", btree), ("text_index", fts)):
            seconds = timed(
                lambda sql=sql: [
                    con.execute(sql, (t, POSTING)).fetchall() for p in probes for t in p
                ]
            )
            out[f"{name}_lookup_ms_per_claim"] = 1000 * seconds / len(probes)
        con.close()
    return out


def postgres_run(docs: Sequence[list[str]], url: str) -> dict[str, float]:
    import psycopg

    schema = "claimtrack_index_compare"
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        con.execute(f"CREATE SCHEMA {schema}")
        con.execute(f"SET search_path = {schema}")
        try:
            con.execute("CREATE TABLE ct (id serial PRIMARY KEY, term text, claim_id int)")
            con.execute("CREATE INDEX ix_ct ON ct (term, claim_id)")
            con.execute("CREATE TABLE fts (claim_id int PRIMARY KEY, terms tsvector)")
            con.execute("CREATE INDEX ix_fts ON fts USING gin (terms)")
            rows = [(t, i + 1) for i, ts in enumerate(docs) for t in ts]
            with con.cursor() as cur:
                out = {
                    "btree_fill_s": timed(
                        lambda: cur.executemany(
                            "INSERT INTO ct (term, claim_id) VALUES (%s, %s)", rows
                        )
                    ),
                    "text_index_fill_s": timed(
                        lambda: cur.executemany(
                            "INSERT INTO fts VALUES (%s, array_to_tsvector(%s::text[]))",
                            [(i + 1, ts) for i, ts in enumerate(docs)],
                        )
                    ),
                }
            con.execute("ANALYZE")
            probes = lookups(docs)
            btree = "SELECT claim_id FROM ct WHERE term = %s ORDER BY claim_id DESC LIMIT %s"
            gin = (
                "SELECT claim_id FROM fts WHERE terms @@ %s::tsquery "
                "ORDER BY claim_id DESC LIMIT %s"
            )
            for name, sql in (("btree", btree), ("text_index", gin)):
                seconds = timed(
                    lambda sql=sql: [
                        con.execute(sql, (t, POSTING)).fetchall() for p in probes for t in p
                    ]
                )
                out[f"{name}_lookup_ms_per_claim"] = 1000 * seconds / len(probes)
        finally:
            con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--db", help="postgresql://… URL; SQLite when left out")
    args = parser.parse_args(argv)
    docs = claims(args.claims)
    report = postgres_run(docs, args.db) if args.db else sqlite_run(docs)
    backend = "postgresql" if args.db else "sqlite"
    print(f"{backend}, {args.claims:,} claims of {TERMS_PER_CLAIM} terms")
    for key, value in report.items():
        print(f"  {key:<32} {value:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
