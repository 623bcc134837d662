"""`claimtrack repair`: make a damaged database's derived tables again from its claims.

The store finds a table missing when it opens the database (store/schemacheck.py)
and refuses to go on as if nothing happened; with ``repair=True`` it makes the
table again, refills claim_figure itself and marks the database for linking.
Links, their term counts and the text index come from linking, which lives here,
above the store: every article is linked again, people's surviving decisions
kept, and the mark removed only once all of them are.
"""

from __future__ import annotations

from pydantic import BaseModel

from claimtrack.link.linker import Linker
from claimtrack.store.database import open_store


class Repair(BaseModel):
    """What a repair did: schema upgrades, tables made again, links made by re-linking."""

    upgraded: list[str]
    rebuilt: list[str]
    relinked: bool
    links: int = 0


def repair_database(db: str | None = None) -> Repair:
    """Open the database at `db` (never creating one) and rebuild what is missing.

    A healthy database is left as it is. A repair stopped halfway is finished
    by the next one. Raises NotFoundError for no claimtrack database, and
    DatabaseError for damage no rebuild can mend (a table of stored articles,
    claims or speakers missing).
    """
    with open_store(db, create=False, repair=True) as store:
        done = Repair(upgraded=store.upgraded, rebuilt=store.repaired, relinked=False)
        if store.relink_needed:
            done.links = Linker(store).relink()
            done.relinked = True
            store.finish_repair()
    return done
