"""Migrations on SQLite and PostgreSQL: one head, models == head, and every downgrade works."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import migrations
from ledger import db as dbmod
from ledger.events import change
from ledger.models import Question, Source
from ledger.search import is_index_table

VERSIONS = Path(migrations.__file__).parent / "versions"


def _script(url: str) -> ScriptDirectory:
    return ScriptDirectory.from_config(dbmod.alembic_config(url))


def _tables(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
    return {n for n in names if not is_index_table(n)}


def test_single_head(tmp_path: Path) -> None:
    heads = _script(f"sqlite:///{tmp_path / 'x.db'}").get_heads()
    assert len(heads) == 1, heads


def test_every_revision_has_a_real_downgrade() -> None:
    for path in VERSIONS.glob("*.py"):
        if path.name == "__init__.py":
            continue
        source = path.read_text()
        body = source.split("def downgrade()", 1)[1]
        assert "op." in body, f"{path.name} has no downgrade operations"


def test_empty_database_to_head_matches_models(db_url: str) -> None:
    engine = dbmod.create_engine(db_url)
    dbmod.upgrade(db_url, engine)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, type_, _parent: (
                        not (type_ == "table" and is_index_table(name))
                    ),
                },
            ),
            SQLModel.metadata,
        )
    engine.dispose()
    assert diff == []


def test_upgrade_downgrade_upgrade(db_url: str) -> None:
    engine = dbmod.create_engine(db_url)
    dbmod.upgrade(db_url, engine)
    expected = {t.name for t in SQLModel.metadata.sorted_tables}
    assert _tables(engine) == expected
    dbmod.downgrade(db_url, engine, "base")
    assert _tables(engine) == set()
    dbmod.upgrade(db_url, engine)
    assert _tables(engine) == expected
    current, head, known = dbmod.revision_state(engine, db_url)
    assert current == head and known
    engine.dispose()


def test_downgrade_with_rows_in_it(db_url: str) -> None:
    database = dbmod.open_database(db_url, say=lambda _l: None)
    with database.write_session() as s, change(s, "question.added", "question:x", actor="t"):
        s.add(Source(kind="author", name="A. Pundit"))
        s.add(Question(text="Will it rain?", criteria="Met office says so."))
    dbmod.downgrade(db_url, database.engine, "base")
    assert _tables(database.engine) == set()
    database.dispose()
