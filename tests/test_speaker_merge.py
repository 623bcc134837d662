"""One speaker record per real-world speaker across articles, and people's corrections.

A small corpus of its own, in wire style: a minister whose name three outlets
transliterate three ways, two officials who share a surname, an agency that one
article describes and another names with its acronym, and a presidential office
of the same country that must stay apart from the agency.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from claimtrack.cli import main as cli
from claimtrack.cli.speakers import speakers_app
from claimtrack.errors import ClaimtrackError, InputError, NotFoundError
from claimtrack.ingest.pipeline import ingest
from claimtrack.models import IngestStatus, SpeakerSummary
from claimtrack.store.database import Store, open_store

CORPUS = {
    "a.txt": """Ukraine presses allies for air defence before spring

KYIV, March 4 — Ukrainian Foreign Minister Andriy Kovalskiy said on Monday that the country \
needed at least seven more air defence systems before the spring.

"Every week without them costs lives," Kovalskiy told reporters after meeting European envoys.

Chile's spy agency said on Monday that it had tracked shipments of drone parts through two \
Pacific ports. The agency did not say where the shipments were headed.

South Korean Trade Minister Park Min-jun said Seoul would review its export rules for \
dual-use parts.
""",
    "b.txt": """Drone parts traced through Pacific ports

SANTIAGO, March 6 — Foreign Minister Andriy Kovalskyy said on Wednesday that Ukraine had \
shared serial numbers of drone parts recovered after recent attacks.

Chile's National Intelligence Agency (ANI) said it had identified three companies that \
shipped the parts. The ANI said the companies had been registered in the past year.

Chile's presidential office said the government would not comment on intelligence matters.

South Korean Vice Defence Minister Park Ji-hoon said the parts had not been made in South Korea.
""",
    "c.txt": """Chile widens inquiry into drone parts exports

SANTIAGO, March 8 — The ANI said on Friday that it had asked customs officials to inspect \
two more cargo ships.

Kovalsky said Ukraine would send investigators to Santiago next week.

Park said South Korean firms had not been contacted by investigators.
""",
}

LATER = {
    "d.txt": """Customs checks delayed at Chilean port

VALPARAISO, March 11 — Chile's spy agency said on Monday that one of the ships had left port \
before inspectors arrived.

The ANI said it would share its findings with prosecutors.

Park said investigators had not asked for South Korean customs records.
""",
}

AGENCY = "National Intelligence Agency"


def write(folder: Path, files: dict[str, str]) -> list[str]:
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    return write(tmp_path, CORPUS)


@pytest.fixture
def later(tmp_path: Path) -> list[str]:
    return write(tmp_path, LATER)


def store_all(store: Store, paths: list[str]) -> None:
    results = ingest(store, paths, link=False)
    assert [r.status for r in results] == [IngestStatus.stored] * len(paths), results


def by_name(store: Store) -> dict[str, SpeakerSummary]:
    return {s.name: s for s in store.speakers()}


def speaker_of(store: Store, text: str) -> int | None:
    """The speaker record of the one claim whose sentence contains ``text``."""
    (claim,) = [c for c in store.claims() if text in c.sentence]
    return claim.speaker_id


# --- resolution across articles ------------------------------------------------------


def test_spellings_and_descriptions_become_one_speaker(store: Store, corpus: list[str]) -> None:
    store_all(store, corpus)
    speakers = by_name(store)
    minister = speakers["Andriy Kovalskiy"]
    assert (minister.claims, minister.articles) == (4, 3)
    assert {"Andriy Kovalskyy", "Kovalsky"} <= set(minister.aliases)
    agency = speakers[AGENCY]  # the proper name replaced the description
    assert (agency.claims, agency.articles) == (4, 3)
    assert {"Chile's spy agency", "ANI"} <= set(agency.aliases)


def test_namesakes_and_other_bodies_stay_apart(store: Store, corpus: list[str]) -> None:
    store_all(store, corpus)
    speakers = by_name(store)
    assert {"Park Min-jun", "Park Ji-hoon", "Park"} <= set(speakers)
    # "Park" alone could be either official, so it joins neither.
    assert all(s.claims == 1 for n, s in speakers.items() if n.startswith("Park"))
    office = speakers["Chile's presidential office"]
    assert office.id != speakers[AGENCY].id and office.claims == 1


def test_a_new_namesake_does_not_join_a_lone_name_others_share(
    store: Store, corpus: list[str], tmp_path: Path
) -> None:
    # "Park" alone could be two officials on record; a third Park is none of them.
    # Her own blocking keys do not find the other two: the store must read them
    # as namesakes of the lone "Park" before it can say she is not "Park".
    store_all(store, corpus)
    newcomer = """Seoul says no request for customs records

SEOUL, March 12 — South Korean Deputy Trade Minister Park Seo-yeon said Seoul had received no \
request for customs records.
"""
    (tmp_path / "later").mkdir()
    store_all(store, write(tmp_path / "later", {"e.txt": newcomer}))
    speakers = by_name(store)
    assert speakers["Park Seo-yeon"].claims == 1
    assert speakers["Park"].claims == 1


def test_order_of_ingest_does_not_change_the_groups(store: Store, corpus: list[str]) -> None:
    store_all(store, corpus[::-1])
    minister = store.speaker("Andriy Kovalskiy")  # by name or by alias: the first full name won
    assert minister.name in ("Andriy Kovalskiy", "Andriy Kovalskyy")
    assert (minister.claims, minister.articles) == (4, 3)
    assert store.speaker("ANI") == store.speaker(AGENCY)
    assert (store.speaker(AGENCY).claims, store.speaker(AGENCY).articles) == (4, 3)
    assert store.speaker("Chile's presidential office").claims == 1


def test_country_and_acronym_are_stored(db_url: str, corpus: list[str]) -> None:
    from sqlalchemy import create_engine, text

    with open_store(db_url) as store:
        store_all(store, corpus)
        agency_id = store.speaker(AGENCY).id
        engine = create_engine(store.url)
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT country, acronym FROM speaker WHERE id = :id"), {"id": agency_id}
            ).one()
        engine.dispose()
    assert tuple(row) == ("Chile", "ANI")


# --- corrections ---------------------------------------------------------------------


def test_split_survives_reingest_and_new_articles(
    store: Store, corpus: list[str], later: list[str]
) -> None:
    store_all(store, corpus)
    agency = store.speaker(AGENCY)
    spy = store.split_speaker(AGENCY, "Chile's spy agency")
    assert (spy.name, spy.claims, spy.articles) == ("Chile's spy agency", 1, 1)
    assert store.speaker(AGENCY).claims == agency.claims - 1
    assert "Chile's spy agency" not in store.speaker(AGENCY).aliases
    before = store.speakers()

    results = ingest(store, corpus, link=False)
    assert {r.status for r in results} == {IngestStatus.skipped}
    assert store.speakers() == before

    store_all(store, later)
    assert speaker_of(store, "one of the ships had left port") == spy.id
    assert speaker_of(store, "share its findings with prosecutors") == agency.id


def test_merge_survives_reingest_and_new_articles(
    store: Store, corpus: list[str], later: list[str]
) -> None:
    store_all(store, corpus)
    lone = store.speaker("Park")
    merged = store.merge_speakers("Park Ji-hoon", lone.id)
    assert (merged.name, merged.claims, merged.articles) == ("Park Ji-hoon", 2, 2)
    assert "Park" in merged.aliases
    assert store.speaker("Park").id == merged.id  # the alias now finds the kept record
    with pytest.raises(NotFoundError):
        store.speaker(lone.id)

    ingest(store, corpus, link=False)
    store_all(store, later)
    # "Park" alone would be ambiguous between the two officials; the correction decides.
    assert speaker_of(store, "South Korean customs records") == merged.id
    assert store.speaker("Park Min-jun").claims == 1


def test_merge_then_split_restores_two_speakers(store: Store, corpus: list[str]) -> None:
    store_all(store, corpus)
    store.merge_speakers("Park Min-jun", "Park Ji-hoon")
    split = store.split_speaker("Park Min-jun", "Park Ji-hoon")
    assert (split.name, split.claims) == ("Park Ji-hoon", 1)
    assert store.speaker("Park Min-jun").claims == 1


def test_correction_errors(store: Store, corpus: list[str]) -> None:
    store_all(store, corpus)
    with pytest.raises(NotFoundError, match="no speaker named 'Nobody'"):
        store.merge_speakers("Nobody", "Park")
    with pytest.raises(NotFoundError, match="no speaker with id 9999"):
        store.speaker(9999)
    with pytest.raises(ClaimtrackError, match="already speaker"):
        store.merge_speakers(AGENCY, "ANI")
    with pytest.raises(ClaimtrackError, match="is the name of speaker"):
        store.split_speaker(AGENCY, AGENCY)
    with pytest.raises(NotFoundError, match="has no alias 'Kovalsky'"):
        store.split_speaker(AGENCY, "Kovalsky")


# --- alias files ---------------------------------------------------------------------

ALIAS_FILE = """# Corrections for the drone-parts story
National Intelligence Agency = Chile's spy agency; ANI
Park Ji-hoon = Park

Andriy Kovalskiy != Andriy Kovalskyy
"""


def test_alias_file_applies_to_articles_ingested_later(
    store: Store, corpus: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "speakers.txt"
    path.write_text(ALIAS_FILE, encoding="utf-8")
    assert store.apply_alias_file(path) == []  # nothing stored yet: rules only
    store_all(store, corpus)
    speakers = by_name(store)
    assert speakers[AGENCY].claims == 4
    assert speakers["Park Ji-hoon"].claims == 2 and "Park" not in speakers
    assert speakers["Andriy Kovalskiy"].id != speakers["Andriy Kovalskyy"].id


def test_alias_file_corrects_stored_speakers(
    store: Store, corpus: list[str], tmp_path: Path
) -> None:
    store_all(store, corpus)
    path = tmp_path / "speakers.txt"
    path.write_text(
        "Park Ji-hoon = Park\nNational Intelligence Agency != Chile's spy agency\n",
        encoding="utf-8",
    )
    touched = store.apply_alias_file(path)
    assert [(s.name, s.claims) for s in touched] == [
        ("Park Ji-hoon", 2),
        (AGENCY, 3),
        ("Chile's spy agency", 1),
    ]
    assert store.apply_alias_file(path) == [
        store.speaker("Park Ji-hoon"),
        store.speaker(AGENCY),
        store.speaker("Chile's spy agency"),
    ]  # applying it again changes nothing


def test_alias_file_canonical_name_renames(store: Store, corpus: list[str], tmp_path: Path) -> None:
    store_all(store, corpus)
    path = tmp_path / "speakers.txt"
    path.write_text("Andriy Kovalskyy = Andriy Kovalskiy\n", encoding="utf-8")
    (renamed,) = store.apply_alias_file(path)
    assert (renamed.name, renamed.claims) == ("Andriy Kovalskyy", 4)
    assert "Andriy Kovalskiy" in renamed.aliases


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Park Ji-hoon = Park\nnot a rule\n", "line 2: expected 'NAME = ALIAS; ALIAS' or"),
        ("A != B != C\n", "line 1: expected"),
        ("= Park\n", "line 1: expected"),
        ("Park = park\n", "line 1: 'Park' and 'park' are the same name"),
    ],
)
def test_bad_alias_file_changes_nothing(
    store: Store, corpus: list[str], tmp_path: Path, content: str, message: str
) -> None:
    store_all(store, corpus)
    before = store.speakers()
    path = tmp_path / "speakers.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        store.apply_alias_file(path)
    assert str(caught.value).startswith(str(path))
    assert store.speakers() == before


def test_missing_alias_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.txt: No such file"):
        store.apply_alias_file(tmp_path / "missing.txt")


# --- the command line ----------------------------------------------------------------


def _app() -> typer.Typer:
    """claimtrack's own app once it mounts the speakers group; until then the same parts."""
    group = getattr(cli.app, "registered_groups", [])
    if any(g.typer_instance is speakers_app for g in group):
        return cli.app
    app = typer.Typer()
    app.callback()(cli.main)
    app.add_typer(speakers_app, name="speakers")
    return app


def run(runner: CliRunner, db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(_app(), ["--db", db, *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def ingested(db_url: str, corpus: list[str]) -> str:
    with open_store(db_url) as store:
        store_all(store, corpus)
    return db_url


def test_cli_lists_speakers_without_a_subcommand(runner: CliRunner, ingested: str) -> None:
    code, out, _ = run(runner, ingested, "speakers", "--format", "json")
    assert code == 0
    with open_store(ingested) as store:
        assert json.loads(out) == [s.model_dump(mode="json") for s in store.speakers()]


def test_cli_merge_prints_the_speaker(runner: CliRunner, ingested: str) -> None:
    code, out, err = run(
        runner, ingested, "speakers", "merge", "Park Ji-hoon", "Park", "--format", "json"
    )
    assert code == 0, err
    (row,) = json.loads(out)
    assert (row["name"], row["claims"]) == ("Park Ji-hoon", 2)
    assert err.startswith("merged Park into speaker ")


def test_cli_split_prints_both_speakers(runner: CliRunner, ingested: str) -> None:
    code, out, err = run(runner, ingested, "speakers", "split", AGENCY, "Chile's spy agency")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["id", "name"]
    assert AGENCY in lines[2] and "Chile's spy agency" in lines[3]


def test_cli_aliases_applies_a_file(runner: CliRunner, ingested: str, tmp_path: Path) -> None:
    path = tmp_path / "speakers.txt"
    path.write_text("Park Ji-hoon = Park\n", encoding="utf-8")
    code, out, err = run(runner, ingested, "speakers", "aliases", str(path), "-f", "csv")
    assert code == 0, err
    assert out.splitlines()[0] == "id,name,kind,aliases,claims,articles"
    assert f"applied {path} to 1 speaker" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["merge", "Nobody", "Park"], "Error: no speaker named 'Nobody'\n"),
        (["split", AGENCY, "Kovalsky"], "has no alias 'Kovalsky'\n"),
        (["aliases", "missing.txt"], "Error: missing.txt: No such file or directory\n"),
    ],
)
def test_cli_errors_are_one_line_and_exit_1(
    runner: CliRunner, ingested: str, args: list[str], message: str
) -> None:
    code, out, err = run(runner, ingested, "speakers", *args)
    assert (code, out) == (1, "")
    assert err.startswith("Error: ") and err.endswith(message) and err.count("\n") == 1


def test_cli_commands_have_examples(runner: CliRunner) -> None:
    for command in ("merge", "split", "aliases"):
        result = runner.invoke(_app(), ["speakers", command, "--help"])
        assert result.exit_code == 0 and "Example: claimtrack speakers" in result.output
