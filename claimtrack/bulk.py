"""Many rows in one INSERT: arrays unnested by PostgreSQL, executemany on SQLite.

Ingest writes a few hundred link, index and count rows per transaction.
SQLite's executemany runs in C, row after row, with no round trip.  On
PostgreSQL each row of an executemany is a message the server parses, binds
and runs on its own; one statement over a column array per column is a single
message, and its text never changes, so the driver prepares it once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table


def insert_rows(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    on_conflict: str = "",
    wrap: dict[str, str] | None = None,
) -> None:
    """Insert `rows` (tuples in `columns` order), followed by an ON CONFLICT clause if given.

    `wrap` maps a column to an SQL expression of ``{}`` (the column's value),
    e.g. ``"array_to_tsvector(string_to_array({}, ' '))"`` on PostgreSQL.
    Table and column names come from claimtrack's own schema, never from input.
    """
    if not rows:
        return
    wrap = wrap or {}
    names = ", ".join(columns)
    if conn.dialect.name == "postgresql":
        arrays = ", ".join(
            f"%s::{table.c[name].type.compile(dialect=conn.dialect)}[]" for name in columns
        )
        values = ", ".join(wrap.get(name, "{}").format(f"v.{name}") for name in columns)
        sql = (
            f"INSERT INTO {table.name} ({names}) SELECT {values} "
            f"FROM unnest({arrays}) AS v({names}) {on_conflict}"
        )
        conn.exec_driver_sql(sql, tuple(list(column) for column in zip(*rows, strict=True)))
    else:
        marks = ", ".join(wrap.get(name, "{}").format("?") for name in columns)
        sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks}) {on_conflict}"
        conn.exec_driver_sql(sql, list(rows))
