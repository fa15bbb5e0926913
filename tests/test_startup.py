"""Start-up: the schema head is read without alembic, and a command on an up-to-date ledger never loads it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ledger.db import alembic_config, open_database, resolve_url, schema_head


def test_schema_head_read_from_the_files_is_alembics_head(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    url = resolve_url(str(tmp_path / "x.db"))
    assert schema_head() == ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def test_reading_an_up_to_date_ledger_loads_neither_alembic_nor_rich_when_piped(
    tmp_path: Path,
) -> None:
    ledger = tmp_path / "ledger.db"
    open_database(str(ledger), say=lambda _line: None).dispose()
    code = (
        "import sys, cli\n"
        "try:\n    cli.main(['--db', sys.argv[1], 'questions', 'list'])\nexcept SystemExit:\n    pass\n"
        "print('LOADED', sorted(m for m in ('alembic', 'rich') if m in sys.modules), file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ledger)], capture_output=True, text=True, check=True
    )
    assert "LOADED []" in out.stderr
    assert out.stdout.startswith("id  ")  # the plain table's header


def test_an_old_ledger_is_still_upgraded(tmp_path: Path) -> None:
    from ledger.db import downgrade, revision_state

    ledger = tmp_path / "old.db"
    database = open_database(str(ledger), say=lambda _line: None)
    downgrade(database.url, database.engine, "0001")
    database.dispose()
    said: list[str] = []
    database = open_database(str(ledger), read_only=True, say=said.append)
    current, head, _ = revision_state(database.engine, database.url)
    database.dispose()
    assert current == head == schema_head()
    assert said and "upgraded" in said[0]


def test_the_command_words_skip_the_root_options_and_stop_at_the_commands_options() -> None:
    from cli import _command_path

    assert _command_path(["questions", "list"]) == ["questions", "list"]
    assert _command_path(["--db", "x.db", "--as=alice", "claims", "add", "-h"]) == ["claims", "add"]
    assert _command_path(["log", "--since", "2025-01-01"]) == ["log"]
    assert _command_path(["questions", "--help", "list"]) == ["questions"]
    assert _command_path(["--help"]) == []
    assert _command_path([]) == []


def test_only_the_named_command_is_built_and_anything_unmatched_keeps_the_whole_app() -> None:
    import typer.main

    from cli import _only, app

    one = typer.main.get_command(_only(app, ["questions", "list"]))
    assert list(one.commands) == ["questions"]  # type: ignore[attr-defined]
    assert list(one.commands["questions"].commands) == ["list"]  # type: ignore[attr-defined]
    whole = typer.main.get_command(app)
    assert set(typer.main.get_command(_only(app, ["questionz"])).commands) == set(whole.commands)  # type: ignore[attr-defined]
    group = typer.main.get_command(_only(app, ["questions", "lst"]))
    assert set(group.commands["questions"].commands) == set(  # type: ignore[attr-defined]
        whole.commands["questions"].commands  # type: ignore[attr-defined]
    )
    assert _only(app, []) is app


def test_a_mistyped_command_is_still_told_apart_and_suggested(tmp_path: Path) -> None:
    run = [sys.executable, "-c", "import cli; cli.main()", "--db", str(tmp_path / "l.db")]
    top = subprocess.run([*run, "questionz", "list"], capture_output=True, text=True)
    assert top.returncode == 1 and "questionz" in top.stderr and "questions" in top.stderr
    sub = subprocess.run([*run, "questions", "lst"], capture_output=True, text=True)
    assert sub.returncode == 1 and "lst" in sub.stderr and "list" in sub.stderr
    assert not (tmp_path / "l.db").exists()
