"""Schema 4: a database keyed by the older name folding is re-keyed on open, nothing lost.

`tests/data/claimtrack-v3-names.db` was written by claimtrack at schema 3 (commit
a90a697), before `name_key` folded ł, ø and ı: three made-up articles in which
'Aleksandr Łukaszenka'/'Aleksandr Lukaszenka' and 'Søren Dahl'/'Soren Dahl'
became two records each, two namesakes 'Kim Hong-kyun' and 'Kim You-geun', and
'Binali Yıldırım'/'Binali Yildirim', which a person's alias file keeps apart
(`Binali Yıldırım != Binali Yildirim`).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from claimtrack.ingest.pipeline import ingest
from claimtrack.models import SpeakerSummary
from claimtrack.speakers.names import name_key
from claimtrack.store.database import Store, open_store
from claimtrack.store.rekey import rekey_speakers
from claimtrack.store.tables import ALIAS, SPEAKER, SPEAKER_TOKEN

V3 = Path(__file__).parent / "data" / "claimtrack-v3-names.db"


@pytest.fixture
def upgraded(tmp_path: Path) -> tuple[Path, list[str], dict[str, SpeakerSummary]]:
    path = tmp_path / "old.db"
    shutil.copy(V3, path)
    with open_store(str(path)) as store:
        changes = store.upgraded
        speakers = {s.name: s for s in store.speakers()}
    return path, changes, speakers


def _rows(path: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(query).fetchall()


def test_records_whose_names_now_spell_alike_are_joined(upgraded: tuple) -> None:
    path, changes, speakers = upgraded
    assert [c.split(":")[0] for c in changes] == [
        "schema 3 → 4",
        "schema 4 → 5",
        "schema 5 → 6",
        "schema 6 → 7",
        "schema 7 → 8",
        "schema 8 → 9",
        "schema 9 → 10",
    ]
    # The older record stays, with both articles' claims.
    assert speakers["Aleksandr Łukaszenka"].id == 1
    assert speakers["Aleksandr Łukaszenka"].claims == 2
    assert "Aleksandr Lukaszenka" not in speakers
    assert speakers["Søren Dahl"].claims == 2 and "Soren Dahl" not in speakers
    # Claims and the figure table moved together; nothing points at a joined record.
    assert _rows(path, "SELECT count(*) FROM claim") == [(8,)]
    assert _rows(path, "SELECT count(*) FROM claim WHERE speaker_id IN (4, 8)") == [(0,)]
    assert _rows(
        path, "SELECT count(*) FROM claim_figure WHERE speaker_id NOT IN (SELECT id FROM speaker)"
    ) == [(0,)]
    assert _rows(path, "SELECT speaker_id FROM claim_figure WHERE value = 40") == [(1,)]


def test_namesakes_and_a_persons_keep_apart_rule_survive(upgraded: tuple) -> None:
    path, changes, speakers = upgraded
    assert speakers["Kim Hong-kyun"].id != speakers["Kim You-geun"].id
    assert speakers["Binali Yıldırım"].id != speakers["Binali Yildirim"].id
    assert "kept apart by a person's rule" in changes[0]
    assert "Binali Yıldırım (6), Binali Yildirim (7)" in changes[0]
    assert _rows(path, "SELECT kind, key_a, key_b FROM speaker_rule") == [
        ("apart", "binali yildirim", "binali yildirim")
    ]


def test_every_key_is_made_again(upgraded: tuple) -> None:
    path, _, _ = upgraded
    for speaker_id, name, key in _rows(path, "SELECT id, name, key FROM speaker"):
        if speaker_id != 6:  # kept apart: the ASCII record holds the key
            assert key == name_key(name), name
    for alias, key in _rows(path, "SELECT alias, key FROM speaker_alias"):
        assert key == name_key(alias) and key.isascii(), alias
    assert len(_rows(path, "SELECT key FROM speaker")) == 6


def test_a_new_article_finds_the_joined_record(upgraded: tuple, tmp_path: Path) -> None:
    path, _, _ = upgraded
    article = tmp_path / "d.txt"
    article.write_text(
        "Aleksandr Lukaszenka said on Thursday that 15 more delegates had joined the walkout.",
        encoding="utf-8",
    )
    with open_store(str(path)) as store:
        assert store.upgraded == []  # upgraded once
        [result] = ingest(store, [str(article)])
        [claim] = store.claims(article=result.article_id)
        assert (claim.speaker_id, claim.speaker) == (1, "Aleksandr Łukaszenka")


def test_rekeying_on_each_backend(store: Store) -> None:
    """The step's SQL on SQLite and PostgreSQL: keys made again, alike records joined."""
    old = [  # as the older name_key keyed them
        (1, "Aleksandr Łukaszenka", "aleksandr łukaszenka", "person"),
        (2, "Aleksandr Lukaszenka", "aleksandr lukaszenka", "person"),
        (3, "Søren Dahl", "søren dahl", "unknown"),
        (4, "Kim Hong-kyun", "kim hongkyun", "person"),
    ]
    with store._write() as conn:
        conn.execute(
            SPEAKER.insert(),
            [{"id": i, "name": n, "key": k, "kind": kind} for i, n, k, kind in old],
        )
        conn.execute(
            ALIAS.insert(),
            [
                {"speaker_id": 2, "alias": "Mr Lukaszenka", "key": "mr lukaszenka"},
                {"speaker_id": 3, "alias": "Harbour master Søren Dahl", "key": "harbour søren"},
            ],
        )
        assert rekey_speakers(conn) is None
        speakers = conn.execute(select(SPEAKER.c.id, SPEAKER.c.key).order_by(SPEAKER.c.id)).all()
        aliases = conn.execute(select(ALIAS.c.speaker_id, ALIAS.c.key).order_by(ALIAS.c.key)).all()
        tokens = set(conn.execute(select(SPEAKER_TOKEN.c.token)).scalars())
    assert [tuple(r) for r in speakers] == [
        (1, "aleksandr lukaszenka"),
        (3, "soren dahl"),
        (4, "kim hongkyun"),
    ]
    assert [tuple(r) for r in aliases] == [
        (3, "harbour master soren dahl"),
        (1, "mr lukaszenka"),
    ]
    assert "pp:alksndr|lksznk" in tokens  # filed under today's keys
