"""Bad input through `claimtrack ingest`: one `Error:` line naming the file and the
cause for each, the rest of the batch stored, and exit status 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from claimtrack.cli.main import MAX_ARTICLE_MB, app
from claimtrack.ingest.readers import MAX_ARTICLE_BYTES
from claimtrack.store.database import open_store

GOOD = (
    "Ferry service resumes after storm\n\n"
    "The harbour authority said on Monday that 14 ferries were back in service.\n"
)
OTHER = (
    "Library reopens after repairs\n\n"
    "The city council said on Tuesday that about 2,400 books had been restored.\n"
)
JSON_GOOD = "The water board said on Friday that 37 pumps had been replaced."
PAGE_WITHOUT_ARTICLE = (
    "<html><head><title>Menu</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<footer>Copyright</footer></body></html>"
)


def ingest(runner: CliRunner, db_url: str, *args: str, **kwargs: object) -> Result:
    return runner.invoke(app, ["--db", db_url, "ingest", *args], **kwargs)  # type: ignore[arg-type]


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def stored_paths(db_url: str) -> list[str]:
    with open_store(db_url) as store:
        return sorted(str(a.path) for a in store.articles())


@pytest.fixture
def batch(tmp_path: Path) -> dict[str, Path]:
    """Two good articles and one of every kind of bad input."""
    folder = tmp_path / "batch"
    folder.mkdir()
    files: dict[str, tuple[str, bytes]] = {
        "good": ("good.txt", GOOD.encode()),
        "empty": ("empty.txt", b""),
        "binary": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        "undecodable": ("junk.txt", bytes(range(0x80, 0x100)) * 8),
        "latin1": (
            "latin1.txt",
            "Le maire a déclaré mardi que 12 écoles étaient fermées.".encode("latin-1"),
        ),
        "json": ("broken.json", b'{"text": "The ministry said'),
        "jsonl": (
            "records.jsonl",
            (
                json.dumps({"text": JSON_GOOD, "outlet": "Valley Courier"})
                + "\n{not json}\n"
                + json.dumps({"title": "no body"})
                + "\n"
            ).encode(),
        ),
        "html": ("menu.html", PAGE_WITHOUT_ARTICLE.encode()),
        "other": ("other.md", OTHER.encode()),
    }
    paths = {}
    for key, (name, data) in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[key] = path
    paths["missing"] = folder / "not-there.txt"
    return paths


def test_every_bad_input_fails_alone_with_its_cause(
    runner: CliRunner, db_url: str, batch: dict[str, Path]
) -> None:
    p = {key: str(path) for key, path in batch.items()}
    result = ingest(runner, db_url, *p.values())
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert errors(result) == [
        f"Error: {p['empty']}: file is empty",
        f"Error: {p['binary']}: binary file, not text",
        f"Error: {p['undecodable']}: cannot decode text (not UTF-8 and no other encoding detected)",
        f"Error: {p['json']}: invalid JSON: Unterminated string starting at (line 1, column 10)",
        f"Error: {p['jsonl']}:2: invalid JSON: Expecting property name enclosed in double quotes"
        " (column 2)",
        f"Error: {p['jsonl']}:3: record 3 has no text field",
        f"Error: {p['html']}: no article text found in HTML",
        f"Error: {p['missing']}: no such file or directory",
    ]
    assert result.stderr.splitlines()[-1] == "4 stored, 0 skipped, 8 failed"
    assert stored_paths(db_url) == sorted([p["good"], p["latin1"], p["jsonl"], p["other"]])
    with open_store(db_url) as store:
        texts = {a.path: store.article(a.id).text for a in store.articles()}
    assert texts[p["latin1"]] == "Le maire a déclaré mardi que 12 écoles étaient fermées."
    assert texts[p["jsonl"]] == JSON_GOOD


def test_a_folder_with_bad_files_stores_the_good_ones(
    runner: CliRunner, db_url: str, batch: dict[str, Path]
) -> None:
    folder = batch["good"].parent
    result = ingest(runner, db_url, str(folder))
    assert result.exit_code == 1
    assert len(errors(result)) == 7  # every bad file above but the missing one
    assert all(line.startswith(f"Error: {folder}/") for line in errors(result))
    assert len(stored_paths(db_url)) == 4


def test_a_50_mb_text_file_is_refused_quickly_and_the_rest_stored(
    runner: CliRunner, db_url: str, tmp_path: Path
) -> None:
    huge = tmp_path / "dump.txt"
    line = b"The harbour authority said that 14 ferries were back in service.\n"
    with huge.open("wb") as handle:
        handle.write(line * (50_000_000 // len(line) + 1))
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = ingest(runner, db_url, str(huge), str(good))
    assert result.exit_code == 1
    assert errors(result) == [f"Error: {huge}: file is 50 MB, over the 5 MB limit for one article"]
    assert stored_paths(db_url) == [str(good)]


def test_the_size_limit_is_an_option_and_an_environment_variable(
    runner: CliRunner, db_url: str, tmp_path: Path
) -> None:
    article = tmp_path / "long.txt"
    article.write_text(GOOD + "\nThe ferries ran on time all week.\n" * 40, encoding="utf-8")
    size = article.stat().st_size
    assert 1_000 < size < 10_000
    result = ingest(runner, db_url, "--max-size", "0.001", str(article))
    assert errors(result) == [
        f"Error: {article}: file is {size / 1e6:.3g} MB, over the 0.001 MB limit for one article"
    ]
    result = ingest(runner, db_url, str(article), env={"CLAIMTRACK_MAX_SIZE": "0.001"})
    assert result.exit_code == 1
    assert stored_paths(db_url) == []
    result = ingest(runner, db_url, "--max-size", "0.01", str(article))
    assert result.exit_code == 0, result.output
    assert stored_paths(db_url) == [str(article)]


def test_the_size_limit_applies_to_each_json_record_and_to_stdin(
    runner: CliRunner, db_url: str, tmp_path: Path
) -> None:
    records = tmp_path / "records.jsonl"
    long_text = JSON_GOOD + " More." * 200  # about 1.3 kB
    records.write_text(
        json.dumps({"text": JSON_GOOD}) + "\n" + json.dumps({"text": long_text}) + "\n",
        encoding="utf-8",
    )
    result = ingest(runner, db_url, "--max-size", "0.001", str(records))
    assert errors(result) == [
        f"Error: {records}:2: record 2 text is 0.00126 MB, over the 0.001 MB limit for one article"
    ]
    assert result.stderr.splitlines()[-1] == "1 stored, 0 skipped, 1 failed"
    result = ingest(runner, db_url, "--max-size", "0.001", "-", input=long_text)
    assert errors(result) == ["Error: -: stdin is larger, over the 0.001 MB limit for one article"]
    assert result.exit_code == 1


def test_cli_default_matches_the_library() -> None:
    assert round(MAX_ARTICLE_MB * 1_000_000) == MAX_ARTICLE_BYTES


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_unread(runner: CliRunner, db_url: str) -> None:
    result = ingest(runner, db_url, "--max-size", "0.01", "/dev/zero")
    assert errors(result) == ["Error: /dev/zero: not a regular file (a device)"]
    assert result.exit_code == 1
