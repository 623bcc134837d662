"""Docs that cannot drift: CLI.md is generated, and every command has an example."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from claimtrack.cli.main import app
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent


def test_cli_md_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMTRACK_DB", raising=False)
    committed = (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8")
    generator = load_script("docs/make_cli_md.py", "make_cli_md")
    assert committed == generator.build(), "docs/CLI.md is stale: run `make docs`"


def _command_paths() -> list[list[str]]:
    """Every command and sub-command, as the words a user types."""
    paths: list[list[str]] = []

    def walk(command: object, prefix: list[str]) -> None:
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            paths.append([*prefix, name])
            walk(sub, [*prefix, name])

    walk(get_command(app), [])
    return paths


@pytest.mark.parametrize("words", _command_paths(), ids=" ".join)
def test_every_command_has_help_with_an_example(words: list[str]) -> None:
    result = CliRunner().invoke(app, [*words, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"`claimtrack {' '.join(words)} --help` shows no example"


def test_main_help_has_an_example() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert "Example" in result.output


def test_readme_quickstart_has_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("## Quickstart", 1)[1].split("##", 1)[0]
    commands = [line for line in blocks.splitlines() if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    assert "claimtrack ingest seeds/" in commands[0]
    assert commands[1].endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci, ".ci/run must run the README's test command verbatim"
