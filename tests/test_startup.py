"""The command line starts fast: what `--help` and `--version` import, and `--version` itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

import claimtrack
from claimtrack.cli import app

SEED = Path(__file__).resolve().parent.parent / "seeds" / "001_07c2a53a13bdc222.txt"
HEAVY = ("sqlalchemy", "sqlmodel", "numpy", "rapidfuzz", "trafilatura", "claimtrack.models")


def _loaded_after(code: str) -> list[str]:
    """Which heavy modules a fresh interpreter holds after running `code`."""
    probe = f"{code}\nimport sys\nprint('LOADED:', *(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1].split()[1:]


def test_importing_the_cli_loads_no_database_numpy_or_models() -> None:
    assert _loaded_after("import claimtrack.cli") == []


def test_help_loads_no_database_or_numpy() -> None:
    code = (
        "from claimtrack.cli import app\n"
        "try:\n    app(['--help'], prog_name='claimtrack')\n"
        "except SystemExit as done:\n    assert done.code == 0, done.code"
    )
    assert _loaded_after(code) == []


def test_extract_loads_no_database_or_numpy() -> None:
    code = (
        "from claimtrack.cli import app\n"
        f"try:\n    app(['extract', {str(SEED)!r}, '-f', 'json'])\n"
        "except SystemExit as done:\n    assert done.code == 0, done.code"
    )
    loaded = _loaded_after(code)
    assert "claimtrack.models" in loaded  # it did extract
    assert not {"sqlalchemy", "sqlmodel", "numpy"} & set(loaded)


def test_the_library_loads_names_on_first_use() -> None:
    assert _loaded_after("import claimtrack") == []
    code = "from claimtrack import extract, Article\nassert extract(Article(text='x')).claims == []"
    assert "sqlalchemy" not in _loaded_after(code)


def test_version_prints_the_package_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"claimtrack {claimtrack.__version__}\n"
    assert claimtrack.__version__.count(".") == 2


def test_extract_is_the_function_and_every_stage_imports_by_path() -> None:
    # The stage package is `extraction`, so `claimtrack.extract` stays the function,
    # and `import claimtrack.extraction.mentions as m` works in any order.
    code = (
        "import claimtrack.extraction.numbers as numbers\n"
        "import claimtrack.extraction.mentions as mentions\n"
        "from claimtrack import extract, open_store\n"
        "import claimtrack.store.database\n"
        "assert callable(extract) and extract.__module__ == 'claimtrack', extract\n"
        "assert numbers.find_figures and mentions.ArticleSpeakers"
    )
    _loaded_after(code)
