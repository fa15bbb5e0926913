"""Migrations on SQLite and PostgreSQL: one head, models == head, and every downgrade works."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel, col

import migrations
from ledger import db as dbmod
from ledger.events import change
from ledger.models import Claim, Question, Source
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


# --- 0004: rows written at 0002 survive the upgrade, verify, score, and go back down -------------------------


def _rows_at_0002() -> dict[str, list[dict[str, object]]]:
    import datetime as dt

    at = dt.datetime(2025, 1, 2, 3, 4, 5, 600000)
    return {
        "source": [{"id": "s" * 32, "kind": "author", "name": "Old Pundit", "created_at": at}],
        "question": [
            {
                "id": "q" * 32, "key": "old-q", "kind": "forecast", "text": "Will it?",
                "criteria": "If so.", "resolve_by": dt.date(2025, 6, 30), "watch": None,
                "status": "resolved", "outcome": "yes", "resolved_at": at, "version": 2,
                "created_at": at,
            }
        ],
        "claim": [
            {
                "id": "c" * 32, "question_id": "q" * 32, "article_id": None, "author_id": "s" * 32,
                "outlet_id": None, "quote": "It will.", "probability": 0.7, "basis": "stated",
                "hedge": None, "note": None, "made_at": dt.datetime(2024, 12, 1), "fingerprint": "f" * 64,
                "created_at": at,
            }
        ],
        "resolution": [
            {
                "id": "r" * 32, "question_id": "q" * 32, "outcome": "yes", "note": None,
                "evidence": [], "resolver": "old", "resolved_at": at,
            }
        ],
    }  # fmt: skip


def _write_at_0002(engine: sa.Engine) -> None:
    """Rows and the ledger entry recording them, as the 0002 code wrote them (naive UTC in the tables)."""
    import datetime as dt

    from ledger.events import GENESIS, canonical_json, entry_hash, isoformat

    meta = sa.MetaData()
    meta.reflect(engine)
    rows = _rows_at_0002()

    def plain(value: object) -> object:
        if isinstance(value, dt.datetime):
            return isoformat(value.replace(tzinfo=dt.UTC))
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    changes = [
        {"op": "insert", "table": t, "id": r["id"], "row": {k: plain(v) for k, v in r.items()}}
        for t in ("source", "question", "claim", "resolution")
        for r in rows[t]
    ]
    at = dt.datetime(2025, 1, 2, 3, 4, 6)
    entry = {
        "seq": 1,
        "at": isoformat(at.replace(tzinfo=dt.UTC)),
        "actor": "old",
        "action": "import.yaml",
        "subject": "file:old.yaml",
        "payload": canonical_json({"changes": changes, "data": {}}),
        "prev_hash": GENESIS,
    }
    digest = entry_hash(**entry)  # type: ignore[arg-type]
    with engine.begin() as conn:
        for t in ("source", "question", "claim", "resolution"):
            conn.execute(meta.tables[t].insert(), rows[t])
        conn.execute(meta.tables["ledger_entry"].insert(), [{**entry, "at": at, "hash": digest}])


def test_0004_from_0002_with_rows(db_url: str) -> None:
    from ledger.events import verify
    from ledger.reports import sources_report

    engine = dbmod.create_engine(db_url)
    dbmod.upgrade(db_url, engine, "0002")
    _write_at_0002(engine)
    dbmod.upgrade(db_url, engine, "head")  # 0004 and every revision after it
    database = dbmod.open_database(db_url, say=lambda _l: None)
    with database.session() as s:
        report = verify(s)
        assert report.ok, [str(p) for p in report.problems]
        claim = s.get(Claim, "c" * 32)
        question = s.get(Question, "q" * 32)
        assert claim is not None and question is not None
        assert claim.withdrawn is False and question.withdrawn is False
        assert question.known_at is None
        row = sources_report(s, n_boot=0).rows[0]
        assert row.score.n_resolved == 1 and row.score.brier == pytest.approx(0.09)
        assert row.score.n_late == 0 and row.n_withdrawn == 0
    # Rows the new schema allows and the old one does not stop the downgrade, which writes nothing.
    with database.write_session() as s, change(s, "claim.registered", "claim:x", actor="t"):
        s.add(
            Claim(
                question_id="q" * 32, author_id="s" * 32, quote="Certain.", probability=1.0,
                basis="stated", made_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), fingerprint="e" * 64,
            )
        )  # fmt: skip
    with pytest.raises(RuntimeError, match="probability exactly 0 or 1"):
        dbmod.downgrade(db_url, database.engine, "0002")
    with database.write_session() as s:
        s.execute(sa.delete(Claim).where(col(Claim.fingerprint) == "e" * 64))
        s.commit()
    dbmod.downgrade(db_url, database.engine, "0002")
    with database.engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("claim")}
        assert "withdrawn" not in columns
        assert conn.execute(sa.text("SELECT probability FROM claim")).scalar() == 0.7
    database.dispose()
    engine.dispose()


# --- 0006: a ledger holding packed bulk inserts does not go below it --------------------------------------------


def test_a_ledger_with_packed_bulk_inserts_is_not_downgraded_below_0006(
    db_url: str,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    from ledger.errors import Conflict

    database = dbmod.open_database(db_url, say=lambda _l: None)
    dbmod.downgrade(db_url, database.engine, "0005")  # nothing packed yet: it goes down and back up
    dbmod.upgrade(db_url, database.engine)
    source = Source(kind="author", name="A. Pundit").model_dump()
    with database.write_session() as s, change(s, "import", "file", actor="t") as ch:
        ch.insert_rows(s, Source, [source])
    with pytest.raises(Conflict, match="cannot be downgraded below 0006"):
        dbmod.downgrade(db_url, database.engine, "0005")
    current, head, _ = dbmod.revision_state(database.engine, db_url)
    assert current == head == "0006"
    database.dispose()
    refused = cli(["db", "downgrade", "0005"])
    assert refused.exit_code == 1 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "0006" in refused.stderr
