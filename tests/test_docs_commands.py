"""Every command the docs show runs as written (as sqlite-utils tests its docs).

The examples come from README.md's code blocks, docs/CLI.md's `$ claimtrack`
lines and every command's `Example:` line; each runs through CliRunner in a
folder holding a copy of seeds/, against a database made by ingesting them (one
per backend, shared by the module, so later examples see what earlier ones did,
as a reader following the docs would). An example exits 0, or with the code
CLI.md shows for it, and no traceback reaches the user.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from claimtrack.cli.main import app
from tests.conftest import BACKENDS, PG_ENV, _postgres_schema

ROOT = Path(__file__).resolve().parent.parent
# Files an example reads, written into its folder first.
FILES = {"newsroom-speakers.txt": "Volodymyr Zelenskiy = Zelensky; Zelenskyy\n"}


def _readme_examples() -> list[tuple[str, int]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|console|bash)?\n(.*?)```", text, re.S)
    return [
        (line.strip(), 0)
        for block in blocks
        for line in block.splitlines()
        if line.startswith("claimtrack ")
    ]


def _cli_md_examples() -> list[tuple[str, int]]:
    """`$ claimtrack` lines of docs/CLI.md with the exit code the block shows (0 if none)."""
    text = (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        code = re.search(r"^# exit code (\d+)$", block, re.M)
        for line in block.splitlines():
            if line.startswith("$ claimtrack "):
                found.append((line[2:], int(code.group(1)) if code else 0))
    return found


def _docstring_examples() -> list[tuple[str, int]]:
    found = []

    def walk(command: object) -> None:
        for line in (getattr(command, "help", None) or "").splitlines():
            if line.strip().startswith("Example: claimtrack "):
                found.append((line.strip().removeprefix("Example: "), 0))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(get_command(app))
    return found


EXAMPLES = list(dict.fromkeys([*_readme_examples(), *_cli_md_examples(), *_docstring_examples()]))


@pytest.fixture(scope="module", params=BACKENDS)
def docs_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database holding the seed articles, shared by every example on one backend."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('docs') / 'docs.db'}"])
    else:
        urls = _postgres_schema(os.environ[PG_ENV])
    url = next(urls)
    result = CliRunner().invoke(app, ["--db", url, "ingest", str(ROOT / "seeds")])
    assert result.exit_code == 0, result.output
    yield url
    for _ in urls:  # drops the PostgreSQL schema
        pass


def _args(line: str, folder: Path) -> tuple[list[str], str | None]:
    """The words after `claimtrack`, globs expanded, and a `> FILE` redirect if any."""
    words = shlex.split(line.replace("$TMP", str(folder)), comments=True)[1:]
    target = None
    if ">" in words:
        at = words.index(">")
        target, words = words[at + 1], words[:at]
    expanded: list[str] = []
    for word in words:
        matches = sorted(glob.glob(word)) if any(c in word for c in "*?[") else []
        expanded.extend(matches or [word])
    return expanded, target


@pytest.mark.parametrize(("line", "code"), EXAMPLES, ids=[line for line, _ in EXAMPLES])
def test_documented_command_runs(
    request: pytest.FixtureRequest,
    docs_db: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    line: str,
    code: int,
) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "docs").mkdir()
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args, target = _args(line, tmp_path)
    result = CliRunner(env={"CLAIMTRACK_DB": docs_db}).invoke(app, args)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == code, result.output
    if target is not None:
        Path(target).write_text(result.stdout, encoding="utf-8")
        assert Path(target).stat().st_size > 0


def test_every_source_gave_examples() -> None:
    assert len(_readme_examples()) >= 15
    assert len(_cli_md_examples()) >= 25
    assert len(_docstring_examples()) == len([p for p in _walk_names(get_command(app))]), (
        "a command without an Example: line"
    )


def _walk_names(command: object) -> Iterator[str]:
    yield getattr(command, "name", "") or ""
    for sub in getattr(command, "commands", {}).values():
        yield from _walk_names(sub)
