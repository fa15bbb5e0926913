"""Fixtures: a real SQLite file per test, and the real PostgreSQL server (one schema per test) when
FORECAST_LEDGER_TEST_PG holds a URL; the CLI driven in-process or as the installed command."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, settings

from ledger.db import Database, open_database, resolve_url

# Timing is no property of ours: on a loaded machine (CI shares its two cores) hypothesis's time limits fail
# tests whose examples are correct, so neither the per-example deadline nor the slow-generation check applies.
settings.register_profile(
    "shared-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("shared-machine")

PG_URL = os.environ.get("FORECAST_LEDGER_TEST_PG")
ROOT = Path(__file__).resolve().parent.parent


def _pg_url_with_schema(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{resolve_url(base)}{sep}options={quote(f'-csearch_path={schema}')}"


@contextlib.contextmanager
def pg_schema(prefix: str = "fl_test_") -> Iterator[str]:
    """A fresh, empty schema on the real PostgreSQL server (a URL whose search_path points at it), dropped
    afterwards."""
    assert PG_URL, "FORECAST_LEDGER_TEST_PG is not set"
    schema = prefix + secrets.token_hex(6)
    admin = sa.create_engine(resolve_url(PG_URL))
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield _pg_url_with_schema(PG_URL, schema)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema on the real server, dropped afterwards."""
    if not PG_URL:
        pytest.skip("FORECAST_LEDGER_TEST_PG is not set")
    with pg_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every database test runs on a real SQLite file and, when configured, on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    db = open_database(db_url, say=lambda _line: None)
    try:
        yield db
    finally:
        db.dispose()


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Runs the CLI in-process against the test database: cli(["questions", "list"]) -> Result."""
    import cli as cli_module

    monkeypatch.setenv("FORECAST_LEDGER_DB", db_url)
    monkeypatch.setenv("FORECAST_LEDGER_ACTOR", "tester")
    monkeypatch.setenv("NO_COLOR", "1")

    def run(args: list[str], input: str | None = None) -> Result:
        capsys.readouterr()
        if input is not None:
            import io

            monkeypatch.setattr(sys, "stdin", io.StringIO(input))
        try:
            cli_module.main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


def installed_cli() -> str:
    """The console script as a user runs it (from the project's virtualenv)."""
    exe = Path(sys.executable).parent / "forecast-ledger"
    found = str(exe) if exe.exists() else shutil.which("forecast-ledger")
    if not found:
        pytest.fail("the forecast-ledger command is not installed; run `make test`")
    return found


def run_installed(
    args: list[str], *, env: dict[str, str] | None = None, timeout: float = 120
) -> Result:
    # The developer's own ledger never leaks into a test: only what the test passes.
    inherited = {k: v for k, v in os.environ.items() if k != "FORECAST_LEDGER_DB"}
    full_env = {**inherited, "NO_COLOR": "1", "FORECAST_LEDGER_ACTOR": "tester", **(env or {})}
    proc = subprocess.run(
        [installed_cli(), *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)
