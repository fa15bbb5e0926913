"""The CLI's shape: fast --help, user mistakes as one Error line with exit 1, verify through the command."""

from __future__ import annotations

import subprocess
import sys

import sqlalchemy as sa

from ledger.db import Database
from ledger.events import change
from ledger.models import Question
from tests.conftest import run_installed


def test_help_does_not_import_the_database_layer() -> None:
    code = (
        "import sys, cli\n"
        "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'alembic', 'feedparser', 'httpx', 'numpy')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY []" in out


def test_usage_errors_exit_1_with_an_error_line() -> None:
    result = run_installed(["no-such-command"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: No such command")
    assert "Traceback" not in result.stderr


def test_verify_command_catches_a_hand_edited_row(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    with database.write_session() as s, change(s, "question.added", "question", actor="a"):
        q = Question(text="Will Moscow negotiate by 2026?", criteria="Talks at ministerial level.")
        s.add(q)
    ok = cli(["verify"])
    assert ok.exit_code == 0 and ok.stdout.startswith("ok: 1 ledger entries, 1 rows match")
    with database.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE question SET text = 'Something else' WHERE id = :id"), {"id": q.id}
        )
    bad = cli(["verify"])
    assert bad.exit_code == 1
    assert f"question {q.id}: changed outside the ledger: text is 'Something else'" in bad.stdout
    assert bad.stderr.startswith("Error: the ledger does not match the database: 1 problem")
    as_json = cli(["verify", "--json"])
    assert as_json.exit_code == 1 and '"table": "question"' in as_json.stdout


def test_actor_comes_from_as_option(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["--as", "carol", "db", "current"])
    assert result.exit_code == 0 and "up to date" in result.stdout
