"""Inputs at the edges of `claimtrack ingest`: stdin in any encoding, named pipes and
other non-files, deep HTML, and odd paths; each ends in a stored article or one
`Error:` line, never a traceback or a hang."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from claimtrack.cli.main import app
from claimtrack.errors import InputError
from claimtrack.ingest.readers import iter_articles, read_file
from claimtrack.models import Article
from claimtrack.store.database import open_store

ROOT = Path(__file__).resolve().parent.parent

FRENCH = (
    "Le maire de Lyon a déclaré mardi que 12 écoles étaient fermées à cause des crues, "
    "et que la préfecture « suivait la situation de très près ».\n"
)
# Windows-1252 has the curly quotes and the euro sign that Latin-1 lacks.
WINDOWS = (
    "The finance minister said on Friday that the levy had raised \u20ac4.2 million, "
    "calling it \u201ca fair share\u201d.\n"
)
ENGLISH = (
    "The harbour authority said on Monday that 14 ferries were back in service.\n\n"
    "The city council said on Tuesday that about 2,400 books had been restored.\n"
)

ENCODINGS = [
    pytest.param(FRENCH, "latin-1", id="latin-1"),
    pytest.param(WINDOWS, "cp1252", id="windows-1252"),
    pytest.param(FRENCH, "utf-16", id="utf-16-native-bom"),
    pytest.param(FRENCH, "utf-16-le", id="utf-16-le-bom"),
    pytest.param(FRENCH, "utf-16-be", id="utf-16-be-bom"),
]


def encoded(text: str, codec: str) -> bytes:
    """`text` in `codec`, with a byte order mark for the explicit-order UTF-16s."""
    data = text.encode(codec)
    if codec == "utf-16-le":
        data = b"\xff\xfe" + data
    elif codec == "utf-16-be":
        data = b"\xfe\xff" + data
    return data


def ingest(runner: CliRunner, db_url: str, *args: str, **kwargs: object) -> Result:
    return runner.invoke(app, ["--db", db_url, "ingest", *args], **kwargs)  # type: ignore[arg-type]


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def stored_texts(db_url: str) -> dict[str, str]:
    with open_store(db_url) as store:
        summaries = store.articles()
        return {str(a.path): store.article(a.id).text for a in summaries}


def run_claimtrack(
    *args: str, data: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`python -m claimtrack ARGS` in a real process; killed, and so failed, if it hangs."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        input=data,
        capture_output=True,
        env=full_env,
        timeout=120,
        check=False,
    )


def described(results: object) -> list[tuple[str, str]]:
    """(path, cause) of each InputError, (path, "article") of each Article."""
    assert isinstance(results, list)
    return [
        (r.path, r.cause) if isinstance(r, InputError) else (str(r.path), "article")
        for r in results
    ]


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


# ---------------------------------------------------------------------------
# stdin: its bytes decoded as a file's are
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "codec"), ENCODINGS)
def test_stdin_in_any_encoding_reads_as_the_same_file_does(
    runner: CliRunner, db_url: str, tmp_path: Path, text: str, codec: str
) -> None:
    data = encoded(text, codec)
    piped = ingest(runner, db_url, "-", input=data)
    no_traceback(piped)
    assert piped.exit_code == 0, piped.output
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert ingest(runner, db_url, str(path)).exit_code == 0
    texts = stored_texts(db_url)
    assert texts["-"] == text.rstrip()
    # The same text from a pipe and from a file: one article, the second skipped.
    assert list(texts) == ["-"]


@pytest.mark.parametrize(("text", "codec"), ENCODINGS)
def test_stdin_bytes_through_the_library(text: str, codec: str) -> None:
    for stream in (
        io.BytesIO(encoded(text, codec)),
        io.TextIOWrapper(io.BytesIO(encoded(text, codec))),
    ):
        (article,) = iter_articles(["-"], stdin=stream)
        assert isinstance(article, Article)
        assert article.text == text.rstrip()


def test_surrogate_escaped_text_is_decoded_from_the_bytes_it_stands_for() -> None:
    # What sys.stdin gives for Latin-1 bytes under a C or POSIX locale.
    escaped = FRENCH.encode("latin-1").decode("utf-8", "surrogateescape")
    (article,) = iter_articles(["-"], stdin=io.StringIO(escaped))
    assert isinstance(article, Article)
    assert article.text == FRENCH.rstrip()


def test_latin1_stdin_in_a_real_process_under_the_c_locale(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    c_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    done = run_claimtrack("--db", db, "ingest", "-", data=FRENCH.encode("latin-1"), env=c_locale)
    stderr = done.stderr.decode(errors="replace")
    assert "Traceback" not in stderr, stderr
    assert done.returncode == 0, stderr
    assert stored_texts(db) == {"-": FRENCH.rstrip()}


def test_empty_and_blank_stdin_are_one_error_each(runner: CliRunner, db_url: str) -> None:
    for data, cause in (
        (b"", "stdin is empty"),
        (b" \n\t\n", "no text"),
        (b"\x00\x01", "binary file, not text"),
    ):
        result = ingest(runner, db_url, "-", input=data)
        no_traceback(result)
        assert errors(result) == [f"Error: -: {cause}"]
        assert result.exit_code == 1


def test_a_closed_stdin_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python gives when fd 0 is closed
    assert described(list(iter_articles(["-"]))) == [("-", "no stdin to read")]


# ---------------------------------------------------------------------------
# Named pipes, sockets and devices: refused, never opened
# ---------------------------------------------------------------------------


def within(seconds: float, work: Callable[[], object]) -> object:
    """work()'s result, or a failure (not a hung test run) if it takes longer."""
    box: list[object] = []
    thread = threading.Thread(target=lambda: box.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"still running after {seconds} s: blocked on a named pipe?")
    return box[0]


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


@needs_fifo
def test_a_named_pipe_in_a_folder_is_skipped_and_the_rest_stored(
    runner: CliRunner, db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ENGLISH.split("\n\n")[0], encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    (folder / "c.txt").write_text(ENGLISH.split("\n\n")[1], encoding="utf-8")
    # A regression blocks on open(): in a process of its own, that fails rather than hangs.
    done = run_claimtrack("--db", db_url, "ingest", str(folder))
    stderr = done.stderr.decode()
    lines = stderr.splitlines()
    assert f"Error: {folder / 'b.txt'}: not a regular file (a named pipe)" in lines
    assert lines[-1] == "2 stored, 0 skipped, 1 failed"
    assert "Traceback" not in stderr
    assert done.returncode == 1
    assert sorted(stored_texts(db_url)) == [str(folder / "a.txt"), str(folder / "c.txt")]


@needs_fifo
def test_a_named_pipe_given_by_name_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    results = within(10, lambda: list(iter_articles([str(fifo)])))
    assert described(results) == [(str(fifo), "not a regular file (a named pipe)")]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_refused(runner: CliRunner, db_url: str) -> None:
    result = ingest(runner, db_url, "/dev/null")
    assert errors(result) == ["Error: /dev/null: not a regular file (a device)"]
    assert result.exit_code == 1


@pytest.mark.skipif(sys.platform == "win32", reason="needs Unix sockets")
def test_a_socket_in_a_folder_is_refused(tmp_path: Path) -> None:
    import socket

    folder = tmp_path / "s"
    folder.mkdir()
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "feed.txt"))
        results = within(10, lambda: list(iter_articles([str(folder)])))
    assert described(results) == [(str(folder / "feed.txt"), "not a regular file (a socket)")]


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text(ENGLISH, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    (article,) = read_file(str(link))
    assert isinstance(article, Article)


# ---------------------------------------------------------------------------
# Odd paths: one error line each, never a traceback
# ---------------------------------------------------------------------------


def test_odd_paths_are_one_error_line_each(runner: CliRunner, db_url: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    looped = tmp_path / "looped"
    looped.mkdir()
    (looped / "again").symlink_to(looped)  # a folder that contains itself
    (looped / "story.txt").write_text(ENGLISH, encoding="utf-8")
    self_link = tmp_path / "self.txt"
    self_link.symlink_to(self_link)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    result = ingest(runner, db_url, str(empty), str(looped), str(self_link), str(dangling))
    no_traceback(result)
    assert errors(result) == [
        f"Error: {empty}: no article files in directory",
        f"Error: {self_link}: too many levels of symbolic links",
        f"Error: {dangling}: no such file or directory",
    ]
    assert list(stored_texts(db_url)) == [str(looped / "story.txt")]


def test_an_unreadable_file_is_one_error(
    runner: CliRunner, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(ENGLISH, encoding="utf-8")
    locked.chmod(0)
    real_open = os.open

    def denied(path: str, *args: object, **kwargs: object) -> int:
        # root reads any file: refuse this one as the kernel would refuse anyone else.
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    result = ingest(runner, db_url, str(locked))
    no_traceback(result)
    assert errors(result) == [f"Error: {locked}: permission denied"]


def test_a_file_that_vanishes_after_the_listing_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(ENGLISH, encoding="utf-8")
    from claimtrack.ingest import readers

    real_walk = readers._walk

    def walk_then_delete(directory: str) -> object:
        for item in real_walk(directory):
            if isinstance(item, str) and item.endswith("b.txt"):
                os.remove(item)
            yield item

    monkeypatch.setattr(readers, "_walk", walk_then_delete)
    assert described(list(iter_articles([str(folder)]))) == [
        (str(folder / "a.txt"), "article"),
        (str(folder / "b.txt"), "no such file or directory"),
    ]


def test_a_nul_byte_in_a_path_is_an_input_error() -> None:
    assert described(read_file("bad\x00name.txt")) == [("bad\x00name.txt", "invalid file name")]


# ---------------------------------------------------------------------------
# Deeply nested HTML: libxml2 stops its tree 256 levels down
# ---------------------------------------------------------------------------

DEEP_BODY = (
    "<p>The harbour authority said on Monday that 14 ferries were back in service after "
    "the storm, and that the port would reopen fully by Friday.</p>\n"
    "<p>The city council said on Tuesday that about 2,400 books had been restored.</p>"
)


def deep_page(depth: int) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Ferries back in service</title>"
        '<meta property="og:site_name" content="Harbour Gazette"></head><body>'
        "<nav><p>Home</p><p>News</p></nav>"
        + "<div>" * depth
        + "<article>"
        + DEEP_BODY
        + "</article>"
        + "</div>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 3000])
def test_text_nested_deeper_than_the_parser_limit_is_found(tmp_path: Path, depth: int) -> None:
    page = tmp_path / "deep.html"
    page.write_text(deep_page(depth), encoding="utf-8")
    (article,) = read_file(str(page))
    assert isinstance(article, Article), article
    assert article.text == (
        "The harbour authority said on Monday that 14 ferries were back in service after "
        "the storm, and that the port would reopen fully by Friday.\n\n"
        "The city council said on Tuesday that about 2,400 books had been restored."
    )
    assert (article.title, article.outlet) == ("Ferries back in service", "Harbour Gazette")


def test_a_deep_page_over_the_heuristics_size_takes_the_linear_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtrack.ingest import webpages

    monkeypatch.setattr(webpages, "_HTML_HEURISTICS_MAX_CHARS", 100)
    for depth in (300, 3000):
        page = tmp_path / f"deep{depth}.html"
        page.write_text(deep_page(depth), encoding="utf-8")
        (article,) = read_file(str(page))
        assert isinstance(article, Article), article
        assert article.text.startswith("The harbour authority said on Monday")
        assert article.text.endswith("about 2,400 books had been restored.")


# ---------------------------------------------------------------------------
# The ceiling on one article: what cannot be extracted in bounded memory is refused
# ---------------------------------------------------------------------------


def test_a_limit_above_the_ceiling_still_refuses_what_does_not_fit(
    runner: CliRunner, db_url: str, tmp_path: Path
) -> None:
    from claimtrack.ingest.articles import ARTICLE_BYTES_CEILING

    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: refused on its size, never read
        handle.truncate(ARTICLE_BYTES_CEILING + 1_000_000)
    result = ingest(runner, db_url, "--max-size", "60", str(huge))
    no_traceback(result)
    assert errors(result) == [
        f"Error: {huge}: file is 11 MB, over the 10 MB that one article can be at most "
        "(it is extracted in memory whole)"
    ]
    assert result.exit_code == 1
    piped = ingest(
        runner, db_url, "--max-size", "60", "-", input=b"x" * (ARTICLE_BYTES_CEILING + 1)
    )
    assert errors(piped) == [
        "Error: -: stdin is larger, over the 10 MB that one article can be at most "
        "(it is extracted in memory whole)"
    ]


def test_the_ceiling_holds_for_json_records_and_below_it_the_limit_is_as_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtrack.ingest import articles

    monkeypatch.setattr(articles, "ARTICLE_BYTES_CEILING", 1000)
    text = "The council said on Tuesday that the bridge would reopen. " * 20  # ~1.2 kB
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(text, encoding="utf-8")
    cause = (
        "is 0.00116 MB, over the 0.001 MB that one article can be at most "
        "(it is extracted in memory whole)"
    )
    assert described(read_file(str(records), 10_000)) == [
        (f"{records}:1", f"record 1 text {cause}")
    ]
    assert described(read_file(str(plain), 10_000)) == [(str(plain), f"file {cause}")]
    # A limit under the ceiling is the limit in force, and says so as before.
    assert described(read_file(str(plain), 500)) == [
        (str(plain), "file is 0.00116 MB, over the 0.0005 MB limit for one article")
    ]
