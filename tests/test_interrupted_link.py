"""An ingest cut off between storing and linking an article is finished by the next one."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrack.ingest.pipeline import ingest
from claimtrack.link.linker import Linker
from claimtrack.models import IngestStatus
from claimtrack.store.database import open_store

REPORTS = {
    "a.txt": "About 4,000 residents were moved to shelters after the Orla dam cracked, "
    "the regional water authority said on Tuesday.\n",
    "b.txt": "Some 4,000 residents were moved to shelters after the Orla dam cracked, "
    "the regional water authority said.\n",
}


def write(folder: Path) -> list[str]:
    paths = []
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return paths


def test_stored_but_unlinked_articles_are_linked_on_the_next_ingest(
    db_url: str, tmp_path: Path
) -> None:
    paths = write(tmp_path)
    with open_store(db_url) as store:
        # As if killed right after storing: the articles are there, unlinked.
        ingest(store, paths, link=False)
        assert Linker(store).links() == []
        again = ingest(store, paths)
        assert [r.status for r in again] == [IngestStatus.skipped] * 2
        links = Linker(store).links()
    assert len(links) == 1 and links[0].relation.value == "corroborates"


def test_a_linked_article_is_not_linked_again(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write(tmp_path)
    with open_store(db_url) as store:
        ingest(store, paths)
        linker = Linker(store)
        first = linker.links()
        assert len(first) == 1
        calls: list[int] = []
        original = Linker.link_article

        def counting(self: Linker, article_id: int) -> int:
            calls.append(article_id)
            return original(self, article_id)

        monkeypatch.setattr(Linker, "link_article", counting)
        ingest(store, paths)
        assert calls == []
        assert linker.links() == first
