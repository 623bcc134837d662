"""What an existing database's schema says before anything uses it: new, current, older, damaged.

A claimtrack database is one with the claimtrack_meta table.  Creating every
missing table on open, as `create_all` does, once hid damage: a lost
claim_link table came back empty and every link, figure or indexed term was
silently gone.  Now only a new database gets its tables made; in one that has
the meta table, a missing table or a schema version that is not a number is
an error that names it.  Tables made from the claims (`DERIVED`) can be made
again: `claimtrack repair` (link/repair.py) opens the database with
``repair=True`` and refills them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, inspect, select

from claimtrack.errors import DatabaseError, NotFoundError
from claimtrack.store import claimcount
from claimtrack.store.backend import TEXT_INDEX
from claimtrack.store.migrate import check_version, fill_figures
from claimtrack.store.stamps import write
from claimtrack.store.tables import (
    ALL_TABLES,
    ASSIGNMENT,
    FIGURE,
    LINK,
    META,
    REVIEW,
    SCHEMA_VERSION,
    TERM_STAT,
    VERSION_KEY,
)

NO_DATABASE = "no claimtrack database at {}; run `claimtrack ingest` first"
# The schema version that introduced a table; the others are there from schema 1.
# An older database is given the later ones by its upgrade.
SINCE = {REVIEW.name: 2, TEXT_INDEX: 2, FIGURE.name: 3, ASSIGNMENT.name: 9}
# Made from the stored claims, so a repair makes them again (links lose the
# decisions people made on them; verdicts are kept apart, in review).
DERIVED = (LINK.name, TERM_STAT.name, TEXT_INDEX, FIGURE.name)
# Made again by linking every article once more.
RELINKED_TABLES = frozenset({LINK.name, TERM_STAT.name, TEXT_INDEX})
# In claimtrack_meta while a repair has not yet linked every article again.
RELINK_KEY = "repair_relink"


@dataclass(frozen=True)
class SchemaState:
    """The tables a database has, and what its claimtrack_meta says."""

    tables: frozenset[str]
    version: str | None  # None in a database that has no claimtrack_meta yet
    relink_pending: bool = False

    @property
    def is_claimtrack(self) -> bool:
        return META.name in self.tables

    def missing(self, version: int) -> list[str]:
        """claimtrack's tables a database of `version` must have and does not."""
        names = [table.name for table in ALL_TABLES] + [TEXT_INDEX]
        return [n for n in names if SINCE.get(n, 1) <= version and n not in self.tables]

    def missing_derived(self) -> list[str]:
        if not self.is_claimtrack or self.version is None or not self.version.isdigit():
            return []
        return [n for n in self.missing(min(int(self.version), SCHEMA_VERSION)) if n in DERIVED]

    def needs_writing(self, where: str, *, create: bool, repair: bool) -> bool:
        """Whether opening must create, upgrade or repair; raises when it must not open.

        NotFoundError for no claimtrack database when `create` is off;
        DatabaseError for a damaged one (one that `repair` cannot mend, or
        `repair` off).
        """
        if not self.is_claimtrack:
            if not create:
                raise NotFoundError(NO_DATABASE.format(where))
            return True
        damaged = f"database {where} is damaged:"
        if self.version is None:
            raise DatabaseError(f"{damaged} it has no schema version")
        if not self.version.isdigit():
            raise DatabaseError(f"{damaged} its schema version {self.version!r} is not a number")
        version = int(self.version)
        check_version(version, where)
        missing = self.missing(version)
        lost = [name for name in missing if name not in DERIVED]
        if lost:
            raise DatabaseError(
                f"{damaged} {_tables(lost)} missing; no command can make "
                f"{'it' if len(lost) == 1 else 'them'} again: restore the database from a backup"
            )
        if missing and not repair:
            raise DatabaseError(
                f"{damaged} {_tables(missing)} missing; `claimtrack repair` makes "
                f"{'it' if len(missing) == 1 else 'them'} again from the claims"
            )
        if self.relink_pending and not repair:
            raise DatabaseError(
                f"{damaged} a repair stopped before it linked every article again; "
                "run `claimtrack repair` again"
            )
        return bool(missing) or version != SCHEMA_VERSION


def _tables(names: list[str]) -> str:
    if len(names) == 1:
        return f"table {names[0]} is"
    return f"tables {', '.join(names[:-1])} and {names[-1]} are"


def schema_state(conn: Connection) -> SchemaState:
    """The database's tables and claimtrack_meta's version and repair mark."""
    tables = frozenset(inspect(conn).get_table_names())
    if META.name not in tables:
        return SchemaState(tables, None)
    wanted = META.c.key.in_([VERSION_KEY, RELINK_KEY])
    rows = conn.execute(select(META.c.key, META.c.value).where(wanted))
    found = {str(key): str(value) for key, value in rows}
    version = found.get(VERSION_KEY)
    return SchemaState(
        tables, None if version is None else str(version).strip(), RELINK_KEY in found
    )


def start_repair(conn: Connection, made: list[str]) -> None:
    """Refill tables just made again; what linking refills is marked for link/repair.py.

    The mark stays until every article is linked again, so a repair killed
    halfway is found at the next open, not taken for a whole database.
    """
    if FIGURE.name in made:
        fill_figures(conn)
    if RELINKED_TABLES & set(made):
        write(conn, RELINK_KEY, "1")
    claimcount.recount(conn)
