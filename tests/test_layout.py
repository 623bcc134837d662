"""The tree stays one a newcomer can enter: small modules, short functions, one database seam."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "claimtrack"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
STAGES = ("extraction", "speakers", "store", "link", "query", "ingest", "report", "cli")


def _relative(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def test_every_stage_is_a_subpackage() -> None:
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


@pytest.mark.parametrize("path", MODULES, ids=_relative)
def test_modules_are_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_relative(path)} has {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=_relative)
def test_functions_are_short(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{_relative(path)}: {', '.join(long)}"


@pytest.mark.parametrize(
    "path", [p for p in MODULES if "store" not in p.relative_to(PACKAGE).parts], ids=_relative
)
def test_only_the_store_knows_sql_dialects_and_driver_errors(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert "dialect" not in source, f"{_relative(path)} branches on the SQL dialect"
    assert "sqlalchemy.exc" not in source, f"{_relative(path)} handles driver errors itself"
