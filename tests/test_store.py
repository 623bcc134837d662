"""The store: schema, atomic idempotent ingest, speaker records, queries, concurrency."""

from __future__ import annotations

import hashlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text as sql_text

import claimtrack.store.articles
from claimtrack.errors import DatabaseError, NotFoundError
from claimtrack.models import (
    Article,
    Claim,
    Extraction,
    Figure,
    IngestStatus,
    QuoteKind,
    Speaker,
    SpeakerKind,
    Stance,
)
from claimtrack.speakers.names import name_key
from claimtrack.store.database import Store, open_store, resolve_url

# --- building extractions by hand, so these tests do not depend on the extractor ---


def claim_in(
    text: str,
    sentence: str,
    speaker: str | None,
    mention: str,
    kind: SpeakerKind = SpeakerKind.person,
    **extra: object,
) -> Claim:
    start = text.index(sentence)
    values: dict[str, object] = {
        "speaker": speaker,
        "speaker_mention": mention,
        "speaker_kind": kind,
        "cue": "said",
        "text": sentence,
        "sentence": sentence,
        "start": start,
        "end": start + len(sentence),
    }
    values.update(extra)
    return Claim.model_validate(values)


def extraction(
    text: str,
    claims: list[tuple[str, str | None, str]],
    *,
    outlet: str = "Harbor City Herald",
    path: str = "article.txt",
    speakers: list[Speaker] | None = None,
) -> Extraction:
    article = Article(
        text=text,
        outlet=outlet,
        path=path,
        title="Police deployed ahead of protests",
        published="2024-05-06",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    return Extraction(
        article=article,
        claims=[claim_in(text, s, name, mention) for s, name, mention in claims],
        speakers=speakers or [],
    )


MINISTRY = "The interior ministry said on Monday that about 2,000 police officers were deployed."
ORTIZ = '"We will not back down," Mayor Ana Ortiz told reporters.'
ORTIZ_AGAIN = "Ortiz said the city would pay for the repairs."
ARTICLE_A = f"Crowds gathered early in the old town.\n\n{MINISTRY}\n\n{ORTIZ}\n\n{ORTIZ_AGAIN}\n"

BUDGET = '"The budget is balanced," Mayor Ana Ortiz told reporters.'
TEACHERS = "The finance ministry said on Tuesday that nearly 300 teachers would be hired."
ARTICLE_B = f"Council members debated late into the night.\n\n{BUDGET}\n\n{TEACHERS}\n"


def article_a(**kwargs: object) -> Extraction:
    ex = extraction(
        ARTICLE_A,
        [
            (MINISTRY, "Interior Ministry", "The interior ministry"),
            (ORTIZ, "Ana Ortiz", "Mayor Ana Ortiz"),
            (ORTIZ_AGAIN, "Ana Ortiz", "Ortiz"),
        ],
        path="a.txt",
    )
    ex.claims[0].figures = [
        Figure(
            value=2000,
            unit="police",
            noun="police officers",
            text="about 2,000",
            approximate=True,
            qualifier="about",
            start=48,
            end=59,
        )
    ]
    ex.claims[0].hedges = ["about"]
    ex.claims[0].quote = QuoteKind.indirect
    ex.claims[1].quote = QuoteKind.direct
    ex.claims[0].speaker_kind = SpeakerKind.government
    return ex


def article_b() -> Extraction:
    ex = extraction(
        ARTICLE_B,
        [
            (BUDGET, "Ana Ortiz", "Mayor Ana Ortiz"),
            (TEACHERS, "Finance Ministry", "The finance ministry"),
        ],
        outlet="Valley Courier",
        path="b.txt",
    )
    ex.claims[1].via = ["the cabinet office"]
    ex.claims[1].stance = Stance.deny
    return ex


def count(store: Store, table: str) -> int:
    with store._engine.connect() as conn:
        return int(conn.execute(sql_text(f"SELECT count(*) FROM {table}")).scalar_one())


# --- name keys ---


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("José Pérez", "jose perez"),
        ("U.N.", "UN"),
        ("Jean-Pierre  Dupont", "jeanpierre dupont"),
        ("O’Brien", "O'Brien"),
        ("ÖZTÜRK", "ozturk"),
        ("Straße", "STRASSE"),
    ],
)
def test_name_key_equates_spellings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_key_keeps_different_names_apart() -> None:
    assert name_key("Ana Ortiz") != name_key("Ana Ortega")


@given(st.text())
def test_name_key_is_idempotent_and_trimmed(name: str) -> None:
    key = name_key(name)
    assert name_key(key) == key
    assert key == key.strip()
    assert "  " not in key


@given(st.text())
def test_name_key_ignores_case(name: str) -> None:
    assert name_key(name.casefold()) == name_key(name)


# Latin letters only, bar Turkish dotless ı: str.upper() turns it into a plain I.
LATIN_LETTERS = st.characters(categories=["Lu", "Ll"], max_codepoint=0x24F, exclude_characters="ı")


@given(st.text(alphabet=LATIN_LETTERS))
def test_name_key_ignores_upper_and_lower(name: str) -> None:
    assert name_key(name.upper()) == name_key(name.lower()) == name_key(name)


# --- opening ---


def test_resolve_url_default_env_and_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url(None) == "sqlite:///claimtrack.db"
    monkeypatch.setenv("CLAIMTRACK_DB", "from-env.db")
    assert resolve_url(None) == "sqlite:///from-env.db"
    assert resolve_url("given.db") == "sqlite:///given.db"
    assert resolve_url("/abs/dir/x.db") == "sqlite:////abs/dir/x.db"
    assert resolve_url("sqlite:///rel.db") == "sqlite:///rel.db"


def test_resolve_url_maps_postgresql_to_psycopg3() -> None:
    assert resolve_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    assert resolve_url("postgres://u@h/db?sslmode=disable") == (
        "postgresql+psycopg://u@h/db?sslmode=disable"
    )


@pytest.mark.parametrize("bad", ["mysql://u@h/db", "postgresql+asyncpg://u@h/db", "://"])
def test_unsupported_urls_are_database_errors(bad: str) -> None:
    with pytest.raises(DatabaseError):
        open_store(bad)


def test_error_messages_hide_passwords() -> None:
    with pytest.raises(DatabaseError) as info:
        open_store("mysql://editor:s3cret@db.example/news")
    assert "s3cret" not in str(info.value)


def test_unopenable_sqlite_paths_are_database_errors(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="cannot open database"):
        open_store(str(tmp_path / "no" / "such" / "dir" / "x.db"))
    not_db = tmp_path / "notes.db"
    not_db.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(DatabaseError, match="cannot open database"):
        open_store(str(not_db))


def test_plain_path_opens_sqlite_with_wal(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with open_store(str(path)) as store:
        store.add(article_a())
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM article").fetchone()[0] == 1


def test_connections_opening_a_new_sqlite_file_at_once_all_open_it(tmp_path: Path) -> None:
    # Each connection switches a new file to WAL; SQLite fails the losers of that
    # race at once, without waiting on busy_timeout (about 1 try in 16 before).
    def open_one(path: Path) -> str:
        with open_store(str(path)) as store:
            return store.url

    for attempt in range(40):
        path = tmp_path / f"new{attempt}.db"
        with ThreadPoolExecutor(max_workers=6) as pool:
            assert len(list(pool.map(open_one, [path] * 6))) == 6
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_keeps_data(db_url: str) -> None:
    with open_store(db_url) as store:
        stored = store.add(article_a())
    with open_store(db_url) as store:
        assert [a.id for a in store.articles()] == [stored.article_id]


def test_newer_schema_version_is_refused(db_url: str) -> None:
    with open_store(db_url) as store, store._engine.begin() as conn:
        conn.execute(sql_text("UPDATE claimtrack_meta SET value = '99'"))
    with pytest.raises(DatabaseError, match="schema version 99"):
        open_store(db_url)


# --- adding ---


def test_add_stores_article_and_claims(store: Store) -> None:
    ex = article_a()
    result = store.add(ex)
    assert result.status is IngestStatus.stored
    assert result.claims == 3
    assert result.path == "a.txt"
    assert result.article_id is not None

    article = store.article(result.article_id)
    assert article.model_dump(exclude={"id"}) == ex.article.model_dump(exclude={"id"})

    claims = store.claims()
    assert len(claims) == 3
    for got, want in zip(claims, ex.claims, strict=True):
        assert got.id is not None
        assert got.article_id == result.article_id
        assert got.outlet == "Harbor City Herald"
        assert got.speaker_id is not None
        assert got.model_dump(exclude={"id", "article_id", "outlet", "speaker_id"}) == (
            want.model_dump(exclude={"id", "article_id", "outlet", "speaker_id"})
        )
        assert article.text[got.start : got.end] == got.sentence


def test_add_same_text_again_is_skipped(store: Store) -> None:
    first = store.add(article_a())
    again = article_a()
    again.article.path = "copy-of-a.txt"
    second = store.add(again)
    assert second.status is IngestStatus.skipped
    assert second.article_id == first.article_id
    assert second.path == "copy-of-a.txt"
    assert (count(store, "article"), count(store, "claim")) == (1, 3)


def test_add_computes_missing_content_hash(store: Store) -> None:
    ex = article_a()
    ex.article.content_hash = ""
    first = store.add(ex)
    assert store.article(first.article_id or 0).content_hash == (
        hashlib.sha256(ARTICLE_A.encode()).hexdigest()
    )
    assert store.add(ex).status is IngestStatus.skipped


def test_article_without_claims_is_stored(store: Store) -> None:
    ex = extraction("Nothing was said by anyone in this short notice.", [])
    result = store.add(ex)
    assert (result.status, result.claims) == (IngestStatus.stored, 0)
    assert [a.claims for a in store.articles()] == [0]


def test_failure_midway_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # The article and its speakers are written; the claims break a NOT NULL constraint.
    row = claimtrack.store.articles._claim_row
    monkeypatch.setattr(
        "claimtrack.store.articles._claim_row",
        lambda *args: {**row(*args), "speaker_mention": None},
    )
    with pytest.raises(DatabaseError, match="cannot store article"):
        store.add(article_a())
    assert [count(store, t) for t in ("article", "claim", "speaker", "speaker_alias")] == [0] * 4


def test_python_error_midway_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("claimtrack.store.articles._claim_row", explode)
    with pytest.raises(RuntimeError):
        store.add(article_a())
    monkeypatch.undo()
    assert [count(store, t) for t in ("article", "claim", "speaker")] == [0, 0, 0]
    assert store.add(article_a()).status is IngestStatus.stored


# --- speakers ---


def test_a_batch_files_aliases_once_and_none_equal_to_a_later_name(store: Store) -> None:
    # Within a transaction aliases wait for its end; a record renamed meanwhile
    # to one of them keeps no alias of its own name (as the rename's delete did).
    from claimtrack.store.speakercache import SpeakerCache
    from claimtrack.store.speakers import SpeakerWrites

    store.add(article_a())
    (ortiz,) = [s for s in store.speakers() if s.name == "Ana Ortiz"]
    with store._write() as conn:
        writes = SpeakerWrites(SpeakerCache())
        (record,) = store._candidates(conn, {name_key("Ana Ortiz")}, set(), writes).values()
        writes.records[record.id] = record
        writes.alias(record.id, "A. Ortiz", name_key("A. Ortiz"))
        writes.alias(record.id, "Ana María Ortiz", name_key("Ana María Ortiz"))
        writes.alias(record.id, "A. Ortiz", name_key("A. Ortiz"))  # twice: filed once
        writes.token(record.id, "pl:ortiz-test")
        # Found before the database has them, by alias key and by token.
        found: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
        writes.add_unwritten(found, {name_key("A. Ortiz")}, {"pl:ortiz-test"})
        assert found == ({name_key("A. Ortiz"): {record.id}}, {"pl:ortiz-test": {record.id}})
        record.name = "Ana María Ortiz"  # what Store._rename does to the record
        writes.flush(conn)
        conn.execute(
            sql_text("UPDATE speaker SET name = :n WHERE id = :i"),
            {"n": record.name, "i": record.id},
        )
    (after,) = [s for s in store.speakers() if s.id == ortiz.id]
    assert name_key("A. Ortiz") in {name_key(a) for a in after.aliases}
    assert "Ana María Ortiz" not in after.aliases
    with store._read() as conn:
        tokens = conn.execute(
            sql_text("SELECT count(*) FROM speaker_token WHERE token = 'pl:ortiz-test'")
        ).scalar_one()
    assert tokens == 1


def test_speaker_shared_across_articles(store: Store) -> None:
    a = store.add(article_a())
    b = store.add(article_b())
    ortiz = [c for c in store.claims() if c.speaker == "Ana Ortiz"]
    assert {c.article_id for c in ortiz} == {a.article_id, b.article_id}
    assert len({c.speaker_id for c in ortiz}) == 1
    assert count(store, "speaker") == 3


def test_speakers_summary(store: Store) -> None:
    store.add(article_a())
    store.add(article_b())
    summary = store.speakers()
    assert [(s.name, s.claims, s.articles) for s in summary] == [
        ("Ana Ortiz", 3, 2),
        ("Finance Ministry", 1, 1),
        ("Interior Ministry", 1, 1),
    ]
    ortiz = summary[0]
    assert ortiz.kind is SpeakerKind.person
    assert sorted(ortiz.aliases) == ["Mayor Ana Ortiz", "Ortiz"]
    assert summary[2].kind is SpeakerKind.government


def test_spelling_variants_resolve_to_one_speaker(store: Store) -> None:
    text1 = "José Pérez said the port would reopen."
    text2 = "Jose Perez said the port would stay closed."
    store.add(extraction(text1, [(text1, "José Pérez", "José Pérez")], path="1.txt"))
    store.add(extraction(text2, [(text2, "Jose Perez", "Jose Perez")], path="2.txt"))
    (speaker,) = store.speakers()
    assert (speaker.name, speaker.claims) == ("José Pérez", 2)
    assert speaker.aliases == []  # same key as the name: nothing new to record


def test_canonical_name_found_through_an_alias(store: Store) -> None:
    store.add(article_a())  # records "Ortiz" as an alias of Ana Ortiz
    text = "Ortiz denied the report."
    store.add(extraction(text, [(text, "Ortiz", "Ortiz")], path="c.txt"))
    assert len(store.speakers()) == 2  # Ana Ortiz and the ministry; no new "Ortiz"


def test_pronouns_are_not_aliases(store: Store) -> None:
    text = "Ana Ortiz said the fund was empty. She said it would be refilled."
    ex = extraction(
        text,
        [
            ("Ana Ortiz said the fund was empty.", "Ana Ortiz", "Ana Ortiz"),
            ("She said it would be refilled.", "Ana Ortiz", "She"),
        ],
    )
    store.add(ex)
    assert store.speakers()[0].aliases == []


def test_extraction_speaker_aliases_are_recorded(store: Store) -> None:
    text = "The United Nations said aid was blocked."
    un = Speaker(
        name="United Nations", kind=SpeakerKind.organization, acronym="UN", aliases=["the U.N."]
    )
    store.add(extraction(text, [(text, "United Nations", "The United Nations")], speakers=[un]))
    (summary,) = store.speakers()
    assert sorted(summary.aliases) == ["The United Nations", "UN", "the U.N."]


def test_kind_learned_later_replaces_unknown(store: Store) -> None:
    text1 = "Acme Mining said output fell."
    text2 = "Acme Mining said output rose."
    first = extraction(text1, [(text1, "Acme Mining", "Acme Mining")], path="1.txt")
    first.claims[0].speaker_kind = SpeakerKind.unknown
    store.add(first)
    assert store.speakers()[0].kind is SpeakerKind.unknown
    second = extraction(text2, [(text2, "Acme Mining", "Acme Mining")], path="2.txt")
    second.claims[0].speaker_kind = SpeakerKind.organization
    store.add(second)
    assert store.speakers()[0].kind is SpeakerKind.organization


def test_unattributed_claims_have_no_speaker_id(store: Store) -> None:
    text = "Prices rose sharply, the report said."
    store.add(extraction(text, [(text, None, "the report")]))
    (claim,) = store.claims()
    assert (claim.speaker, claim.speaker_id) == (None, None)
    assert store.speakers() == []


# --- queries ---


@pytest.mark.parametrize("query", ["Ana Ortiz", "ana ortiz", "ortiz", "Mayor Ana Ortiz", "ÓRTIZ"])
def test_claims_by_speaker(store: Store, query: str) -> None:
    store.add(article_a())
    store.add(article_b())
    found = store.claims(speaker=query)
    assert [c.speaker for c in found] == ["Ana Ortiz"] * 3


def test_claims_by_unknown_speaker_is_empty(store: Store) -> None:
    store.add(article_a())
    assert store.claims(speaker="Nobody Atall") == []
    assert store.claims(speaker="...") == []


def test_claims_by_article_and_id(store: Store) -> None:
    store.add(article_a())
    b = store.add(article_b())
    in_b = store.claims(article=b.article_id)
    assert [c.text for c in in_b] == [BUDGET, TEACHERS]
    assert store.claims(claim_id=in_b[1].id) == [in_b[1]]
    assert store.claims(claim_id=10_000) == []


def test_claims_search_is_case_insensitive_substring(store: Store) -> None:
    store.add(article_a())
    store.add(article_b())
    assert [c.text for c in store.claims(search="POLICE OFFICERS")] == [MINISTRY]
    assert store.claims(search="%") == []  # LIKE wildcards are matched literally
    assert store.claims(search="_") == []


def test_claims_search_folds_non_ascii(store: Store) -> None:
    text = "Élodie Martin said the ÉCOLE would close."
    store.add(extraction(text, [(text, "Élodie Martin", "Élodie Martin")]))
    assert len(store.claims(search="école")) == 1
    assert len(store.claims(search="élodie")) == 1


def test_filters_combine(store: Store) -> None:
    a = store.add(article_a())
    store.add(article_b())
    found = store.claims(speaker="Ortiz", article=a.article_id, search="back down")
    assert [c.text for c in found] == [ORTIZ]


def test_claims_ordered_by_article_then_position(store: Store) -> None:
    store.add(article_b())
    ex = article_a()
    ex.claims.reverse()
    store.add(ex)
    keys = [(c.article_id or 0, c.start) for c in store.claims()]
    assert keys == sorted(keys)


def test_claims_round_trip_json_fields(store: Store) -> None:
    store.add(article_a())
    store.add(article_b())
    by_text = {c.text: c for c in store.claims()}
    assert by_text[MINISTRY].figures[0].value == 2000
    assert by_text[MINISTRY].figures[0].approximate is True
    assert by_text[MINISTRY].hedges == ["about"]
    assert by_text[TEACHERS].via == ["the cabinet office"]
    assert by_text[TEACHERS].stance is Stance.deny


def test_articles_summary(store: Store) -> None:
    a = store.add(article_a())
    b = store.add(article_b())
    summaries = store.articles()
    assert [(s.id, s.outlet, s.path, s.claims) for s in summaries] == [
        (a.article_id, "Harbor City Herald", "a.txt", 3),
        (b.article_id, "Valley Courier", "b.txt", 2),
    ]
    assert summaries[0].published == "2024-05-06"


def test_missing_article_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no article with id 42"):
        store.article(42)


# --- concurrency and speed ---


def _variant(i: int) -> Extraction:
    text = f"{ORTIZ} Update number {i} was issued.\n"
    speaker = ["Ana Ortiz", "Interior Ministry", "Luis Gómez"][i % 3]
    return extraction(text, [(ORTIZ, speaker, speaker.split()[-1])], path=f"{i}.txt")


def test_concurrent_writers_store_each_article_once(db_url: str) -> None:
    articles = [_variant(i) for i in range(12)]

    def worker(offset: int) -> list[IngestStatus]:
        with open_store(db_url) as store:
            order = articles[offset:] + articles[:offset]
            return [store.add(ex).status for ex in order]

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = [s for batch in pool.map(worker, range(0, 12, 2)) for s in batch]
    assert statuses.count(IngestStatus.stored) == 12
    assert statuses.count(IngestStatus.skipped) == 12 * 5
    with open_store(db_url) as store:
        assert (count(store, "article"), count(store, "claim"), count(store, "speaker")) == (
            12,
            12,
            3,
        )
