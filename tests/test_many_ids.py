"""Questions about more ids than a driver takes as parameters (SQLite: 32,766).

A whole-database report at 100,000 articles asked about 40,000-odd claims in
one IN (...) list and failed with "too many SQL variables"; these ask about
more ids than that, on both backends.
"""

from __future__ import annotations

from pathlib import Path

from claimtrack.ingest.pipeline import ingest
from claimtrack.link.linker import Linker
from claimtrack.query.figures import published_dates
from claimtrack.query.reviews import _claim_keys
from claimtrack.store.database import Store, id_chunks

MANY = range(1, 70_001)  # past SQLite's 32,766 and PostgreSQL's 65,535 parameters

ARTICLE = """\
Port strike enters second week

Dock workers' union leader Maria Santos said on Monday that 4,000 workers had walked out at \
the port of Valmora.

The port authority denied that the strike had stopped cargo traffic.
"""


def _stored(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (result,) = ingest(store, [str(path)], published="2026-11-02")
    assert result.error is None


def test_claim_keys_for_more_ids_than_parameters(store: Store, tmp_path: Path) -> None:
    _stored(store, tmp_path)
    found = _claim_keys(store, MANY)
    assert sorted(found) == [c.id for c in store.claims()]


def test_article_dates_for_more_ids_than_parameters(store: Store, tmp_path: Path) -> None:
    _stored(store, tmp_path)
    (article,) = store.articles()
    assert published_dates(Linker(store), set(MANY)) == {article.id: "2026-11-02"}


def test_unlinked_articles_among_more_ids_than_parameters(store: Store, tmp_path: Path) -> None:
    _stored(store, tmp_path)
    assert store.unlinked_articles(MANY) == []
    path = tmp_path / "other.txt"
    path.write_text(ARTICLE.replace("Valmora", "Kessin"), encoding="utf-8")
    (result,) = ingest(store, [str(path)], link=False)
    assert store.unlinked_articles(MANY) == [result.article_id]


def test_id_chunks_cover_each_id_once_in_order() -> None:
    chunks = list(id_chunks([5, 3, 3, 9, 1], size=2))
    assert chunks == [[1, 3], [5, 9]]
