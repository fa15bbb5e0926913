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
