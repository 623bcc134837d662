"""Name keys fold spellings as readers do, and never fold two different names into one."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.ingest.pipeline import ingest
from claimtrack.speakers.names import name_key
from claimtrack.store.database import Store


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("Aleksandr Łukaszenka", "Aleksandr Lukaszenka"),
        ("Søren Dahl", "Soren Dahl"),
        ("Binali Yıldırım", "Binali Yildirim"),
        ("Đorđe Marić", "Dorde Maric"),
        ("Æthelred Moss", "Aethelred Moss"),
        ("Grete Weiß", "Grete Weiss"),
        ("Þóra Jónsdóttir", "Thora Jonsdottir"),
        ("José Peña", "Jose Pena"),
        ("U.N.", "UN"),
        ("Anne-Marie O’Brien", "Annemarie OBrien"),
    ],
)
def test_spellings_of_one_name_share_a_key(written: str, plain: str) -> None:
    assert name_key(written) == name_key(plain)
    assert name_key(written).isascii()


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Kim Hong-kyun", "Kim You-geun"),
        ("Łukasz Nowak", "Lucas Nowak"),
        ("Владимир Орлов", "Vladimir Orlov"),  # another script is not guessed into Latin
    ],
)
def test_different_names_keep_different_keys(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


@given(st.text(max_size=40))
def test_a_key_is_its_own_key(name: str) -> None:
    key = name_key(name)
    assert name_key(key) == key
    assert key == key.strip()


LATIN_LETTERS = st.characters(whitelist_categories=["Lu", "Ll"], max_codepoint=0x24F).filter(
    lambda ch: unicodedata.name(ch, "").startswith("LATIN ")
)


@given(st.text(alphabet=LATIN_LETTERS))
def test_latin_letters_always_fold_to_ascii(name: str) -> None:
    assert name_key(name).isascii()


def _article(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_one_speaker_across_spellings_and_namesakes_apart(store: Store, tmp_path: Path) -> None:
    paths = [
        _article(
            tmp_path,
            "a.txt",
            "Opposition leader Aleksandr Łukaszenka said on Monday that 40 delegates "
            "had walked out of the assembly in protest.\n\n"
            "Deputy minister Kim Hong-kyun said the talks would resume next week.",
        ),
        _article(
            tmp_path,
            "b.txt",
            "Opposition leader Aleksandr Lukaszenka told reporters that the walkout "
            "would continue until the vote.\n\n"
            "Ambassador Kim You-geun said the delegation had not been informed.",
        ),
    ]
    results = ingest(store, paths)
    assert [r.claims for r in results] == [2, 2]
    names = {s.name: s for s in store.speakers()}
    folded = [n for n in names if name_key(n) == "aleksandr lukaszenka"]
    assert len(folded) == 1, names
    assert names[folded[0]].claims == 2
    assert {"Kim Hong-kyun", "Kim You-geun"} <= set(names)
    assert names["Kim Hong-kyun"].id != names["Kim You-geun"].id
