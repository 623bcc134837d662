"""The text index holds claimtrack's own terms exactly, on both backends."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimtrack.store import textindex
from claimtrack.store.database import Store

PLAIN = st.from_regex(r"[a-z][a-z0-9]{0,12}", fullmatch=True)


@given(st.text(min_size=1, max_size=30))
def test_any_term_becomes_one_ascii_word_and_back(term: str) -> None:
    word = textindex.token(term)
    assert word.isascii() and word.isalnum()
    assert textindex.term_of(word) == term


@given(PLAIN, st.text(min_size=1, max_size=20))
def test_a_plain_term_never_equals_an_encoded_one(plain: str, other: str) -> None:
    if other != plain:
        assert textindex.token(plain) != textindex.token(other)


TERMS = {
    1: {"dam", "#people", "orla"},
    2: {"dam", "#people", "zürich"},
    3: {"#troops", "hong-kyun", "o'neill"},
    4: {"dam", "flood"},
}


def test_postings_newest_first_bounded_and_exact(store: Store) -> None:
    with store._write() as conn:
        # Claims must exist on PostgreSQL (foreign key); the index itself is what is tested.
        conn.exec_driver_sql("INSERT INTO article (id, content_hash, text) VALUES (1, 'h', 'text')")
        for claim_id in TERMS:
            conn.exec_driver_sql(
                "INSERT INTO claim (id, article_id, speaker_mention, speaker_kind, cue, text, "
                'sentence, start, "end", quote, stance, via, hedges, figures) VALUES '
                f"({claim_id}, 1, 'x', 'person', 'said', 't', 't', 0, 1, 'none', 'assert', "
                "'[]', '[]', '[]')"
            )
        textindex.add(conn, TERMS)
        found = textindex.postings(conn, ["dam", "zürich", "hong-kyun", "o'neill", "nil"], 2)
        assert found == {"dam": [4, 2], "zürich": [2], "hong-kyun": [3], "o'neill": [3], "nil": []}
        # A term is never read as query syntax, nor split by a tokenizer.
        assert textindex.postings(conn, ["hong", "kyun", "neill"], None) == {
            "hong": [],
            "kyun": [],
            "neill": [],
        }
        assert textindex.having(conn, ["#people"], ["orla", "zürich"]) == [1, 2]
        assert textindex.having(conn, ["#people", "#troops"]) == [1, 2, 3]
        assert textindex.having(conn, ["#troops"], ["orla"]) == []
        assert {k: set(v) for k, v in textindex.indexed(conn, [3, 4, 9]).items()} == {
            3: TERMS[3],
            4: TERMS[4],
        }
        textindex.remove(conn, [2])
        assert textindex.postings(conn, ["dam"], None) == {"dam": [4, 1]}
