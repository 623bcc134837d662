"""An unresolved speaker names nobody: no record, no guessed name, one source per article."""

from __future__ import annotations

from pathlib import Path

from claimtrack.extraction.claims import extract
from claimtrack.ingest.pipeline import ingest
from claimtrack.link.linker import Linker
from claimtrack.models import Article, Resolution
from claimtrack.query.figures import figures
from claimtrack.store.database import Store

# Two men act in the last sentence before "he", so it could be either of them.
AMBIGUOUS = (
    "Port director Ivo Halden said the strike had cost the port dearly. "
    "Halden met union leader Ruud Berger on Monday.\n\n"
    "He said 40 ships were waiting outside the harbour."
)


def test_an_unresolved_pronoun_gives_no_speaker() -> None:
    claims = extract(Article(text=AMBIGUOUS)).claims
    named, unnamed = claims[0], claims[-1]
    assert (named.speaker, named.resolution) == ("Ivo Halden", Resolution.resolved)
    assert unnamed.speaker is None and unnamed.speaker_mention == "He"
    assert unnamed.resolution is Resolution.unresolved
    assert unnamed.model_dump(mode="json")["resolution"] == "unresolved"


def test_unresolved_claims_make_no_speaker_record_and_stay_apart(
    store: Store, tmp_path: Path
) -> None:
    paths = []
    for name, outlet in (("a.md", "North Wire"), ("b.md", "South Post")):
        path = tmp_path / name
        body = f"Strike at the port, by the {outlet} desk\n\n{AMBIGUOUS}\n"
        path.write_text(f"---\noutlet: {outlet}\n---\n{body}", encoding="utf-8")
        paths.append(str(path))
    ingest(store, paths)
    assert not any(s.name.lower() == "he" for s in store.speakers())
    unnamed = [c for c in store.claims() if c.speaker_mention == "He"]
    assert len(unnamed) == 2 and all(c.speaker_id is None for c in unnamed)
    [group] = [g for g in figures(Linker(store), "ships") if g.value == 40]
    # Two articles' unnamed "he" are two unnamed sources, never one speaker called "He".
    assert (group.reports, group.independent_sources) == (2, 2)


def test_an_older_database_loses_its_pronoun_records(store: Store, tmp_path: Path) -> None:
    """Schema 6: claims older versions filed under one record called "He" name nobody."""
    from sqlalchemy import select, update

    from claimtrack.store.database import open_store
    from claimtrack.store.tables import CLAIM, FIGURE, META, SPEAKER

    path = tmp_path / "a.txt"
    path.write_text(AMBIGUOUS, encoding="utf-8")
    ingest(store, [str(path)])
    with store._write() as conn:  # as schema 5 stored it
        he = conn.execute(
            SPEAKER.insert().values(name="He", key="he", kind="unknown").returning(SPEAKER.c.id)
        ).scalar_one()
        for table in (CLAIM, FIGURE):
            conn.execute(
                update(table)
                .where(table.c.speaker_mention == "He")
                .values(speaker_id=he, speaker="He")
            )
        conn.execute(update(META).where(META.c.key == "schema_version").values(value="5"))
    with open_store(store.url) as reopened:
        assert [c.split(":")[0] for c in reopened.upgraded] == [
            "schema 5 → 6",
            "schema 6 → 7",
            "schema 7 → 8",
            "schema 8 → 9",
            "schema 9 → 10",
        ]
        assert "1 claims under 1 pronoun records" in reopened.upgraded[0]
        [claim] = [c for c in reopened.claims() if c.speaker_mention == "He"]
        assert (claim.speaker, claim.speaker_id) == (None, None)
        assert all(s.name != "He" for s in reopened.speakers())
        with reopened._read() as conn:
            figure = conn.execute(select(FIGURE.c.speaker_id).where(FIGURE.c.value == 40))
            assert figure.scalars().all() == [None]
