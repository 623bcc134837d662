"""Shared fixtures: a fresh database per test, on SQLite and optionally PostgreSQL.

Set CLAIMTRACK_TEST_POSTGRES=postgresql://USER@HOST/DB to run every database test
on PostgreSQL as well; each test then gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

# The checkout is not installed into the test virtualenv: make it importable.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from claimtrack.store.database import Store

PG_ENV = "CLAIMTRACK_TEST_POSTGRES"
BACKENDS = ["sqlite", *(["postgresql"] if os.environ.get(PG_ENV) else [])]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may see the developer's CLAIMTRACK_DB or write claimtrack.db into the checkout."""
    monkeypatch.delenv("CLAIMTRACK_DB", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of an empty database that no other test uses."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'claimtrack-test.db'}"
    else:
        yield from _postgres_schema(os.environ[PG_ENV])


@pytest.fixture
def second_db_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """Another empty database on db_url's backend, for tests that compare two runs."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'claimtrack-test-2.db'}"
    else:
        yield from _postgres_schema(os.environ[PG_ENV])


def _postgres_schema(base: str) -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base)
    schema = f"claimtrack_test_{uuid.uuid4().hex[:12]}"
    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield scoped.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    from claimtrack.store.database import open_store

    with open_store(db_url) as opened:
        yield opened


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
