"""Moving one speaker record's rows into another: the shared core of a merge.

`speakers merge` (corrections.py) and the schema 4 step (rekey.py) both join
two records; each then keys the other's names under the record it kept.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, select, update

from claimtrack.store.tables import ALIAS, CLAIM, FIGURE, SPEAKER, SPEAKER_TOKEN


def move_speaker(conn: Connection, keep_id: int, other_id: int, other_name: str) -> list[str]:
    """Give `keep_id` the claims and figures of `other_id`, delete `other_id`.

    Returns the other record's name and aliases, oldest first, for the caller
    to file under the record it kept.
    """
    # By the other's claims (before they move), so the figures follow their claims.
    of_other = select(CLAIM.c.id).where(CLAIM.c.speaker_id == other_id)
    conn.execute(update(FIGURE).where(FIGURE.c.claim_id.in_(of_other)).values(speaker_id=keep_id))
    conn.execute(update(CLAIM).where(CLAIM.c.speaker_id == other_id).values(speaker_id=keep_id))
    aliases = conn.execute(
        select(ALIAS.c.alias).where(ALIAS.c.speaker_id == other_id).order_by(ALIAS.c.id)
    ).scalars()
    forms = [other_name, *aliases]
    conn.execute(delete(ALIAS).where(ALIAS.c.speaker_id == other_id))
    conn.execute(delete(SPEAKER_TOKEN).where(SPEAKER_TOKEN.c.speaker_id == other_id))
    conn.execute(delete(SPEAKER).where(SPEAKER.c.id == other_id))
    return forms
