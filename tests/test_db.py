"""Where the data lives: --db, FORECAST_LEDGER_DB, the default file, SQLite settings, schema revisions."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from ledger import db as dbmod
from ledger.errors import DatabaseError, UserInputError
from tests.conftest import run_installed


def test_resolve_url_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FORECAST_LEDGER_DB", str(tmp_path / "env.db"))
    assert dbmod.resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert dbmod.resolve_url(str(tmp_path / "opt.db")) == f"sqlite:///{tmp_path / 'opt.db'}"
    assert dbmod.resolve_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert dbmod.resolve_url("sqlite:///x.db") == "sqlite:///x.db"
    monkeypatch.delenv("FORECAST_LEDGER_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert (
        dbmod.resolve_url(None)
        == f"sqlite:///{tmp_path / 'data' / 'forecast-ledger' / 'ledger.db'}"
    )


def test_bad_url_is_a_user_error() -> None:
    with pytest.raises(UserInputError, match="neither a file path nor a database URL"):
        dbmod.resolve_url("nonsense://")


def test_sqlite_runs_with_foreign_keys_wal_and_busy_timeout(tmp_path: Path) -> None:
    database = dbmod.open_database(str(tmp_path / "l.db"), say=lambda _l: None)
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == dbmod.SQLITE_BUSY_TIMEOUT_MS
    database.dispose()


def test_first_use_upgrades_and_says_so_once(db_url: str) -> None:
    said: list[str] = []
    dbmod.open_database(db_url, say=said.append).dispose()
    assert len(said) == 1 and "created a new ledger" in said[0]
    dbmod.open_database(db_url, say=said.append).dispose()
    assert len(said) == 1


def test_unknown_revision_is_refused(db_url: str) -> None:
    database = dbmod.open_database(db_url, say=lambda _l: None)
    with database.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    database.dispose()
    with pytest.raises(DatabaseError, match=r"ffff9999.*does not know"):
        dbmod.open_database(db_url, say=lambda _l: None)


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'other.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE stuff (x INTEGER)")
    engine.dispose()
    with pytest.raises(DatabaseError, match="no forecast-ledger schema"):
        dbmod.open_database(str(tmp_path / "other.db"), say=lambda _l: None)


def test_installed_cli_reports_database_problems_without_traceback(tmp_path: Path) -> None:
    unreachable = run_installed(["--db", "postgresql://postgres@127.0.0.1:1/none", "verify"])
    assert unreachable.exit_code == 1
    assert unreachable.stderr.startswith("Error: cannot use the database at")
    assert "Traceback" not in unreachable.stderr

    path = tmp_path / "l.db"
    created = run_installed(["--db", str(path), "db", "current"])
    assert created.exit_code == 0 and "revision: (empty)" in created.stdout
    first = run_installed(["--db", str(path), "verify"])
    assert first.exit_code == 0
    from alembic.script import ScriptDirectory

    from ledger.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config(f"sqlite:///{path}")).get_current_head()
    assert first.stderr.strip().splitlines() == [
        f"forecast-ledger: created a new ledger at {path} (schema {head})"
    ]
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'zz'")
    engine.dispose()
    unknown = run_installed(["--db", str(path), "verify"])
    assert (
        unknown.exit_code == 1
        and "revision zz" in unknown.stderr
        and "Traceback" not in unknown.stderr
    )
