"""Many rows in one INSERT: arrays unnested by PostgreSQL, executemany on SQLite.

Ingest writes a few hundred link, index and count rows per transaction.
SQLite's executemany runs in C, row after row, with no round trip.  On
PostgreSQL each row of an executemany is a message the server parses, binds
and runs on its own; one statement over a column array per column is a single
message, and its text never changes, so the driver prepares it once.

Table and column names come from claimtrack's own schema, never from input.
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
) -> None:
    """Insert `rows` (tuples in `columns` order), followed by an ON CONFLICT clause if given."""
    if not rows:
        return
    names = _names(conn, columns)
    if conn.dialect.name == "postgresql":
        sql = f"INSERT INTO {table.name} ({names}) {_unnest(conn, table, columns)} {on_conflict}"
        conn.exec_driver_sql(sql, _arrays(rows))
    else:
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks}) {on_conflict}"
        conn.exec_driver_sql(sql, list(rows))


def insert_returning_ids(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """Insert `rows` and return their new ids in the order of `rows` (PostgreSQL only).

    The rows go in ordered by their place in the arrays, so the serial ids the
    server hands out ascend in that order, also when another session inserts
    at the same time: sorted, they line up with `rows` (SQLAlchemy's
    ``sort_by_parameter_order`` relies on the same property).
    """
    if not rows:
        return []
    names = _names(conn, columns)
    select = _unnest(conn, table, columns, ordered=True)
    sql = f"INSERT INTO {table.name} ({names}) {select} RETURNING id"
    return sorted(row[0] for row in conn.exec_driver_sql(sql, _arrays(rows)))


def _names(conn: Connection, columns: Sequence[str]) -> str:
    quote = conn.dialect.identifier_preparer.quote  # "end" is a keyword
    return ", ".join(quote(name) for name in columns)


def _unnest(conn: Connection, table: Table, columns: Sequence[str], ordered: bool = False) -> str:
    """SELECT the columns out of one typed array parameter each (PostgreSQL)."""
    quote = conn.dialect.identifier_preparer.quote
    arrays = ", ".join(
        f"%s::{table.c[name].type.compile(dialect=conn.dialect)}[]" for name in columns
    )
    values = ", ".join(f"v.{quote(name)}" for name in columns)
    if not ordered:
        return f"SELECT {values} FROM unnest({arrays}) AS v({_names(conn, columns)})"
    return (
        f"SELECT {values} FROM unnest({arrays}) WITH ORDINALITY "
        f"AS v({_names(conn, columns)}, place) ORDER BY v.place"
    )


def _arrays(rows: Sequence[Sequence[Any]]) -> tuple[list[Any], ...]:
    return tuple(list(column) for column in zip(*rows, strict=True))
