"""ledger history indexes, and the search index over questions, claims and articles

`log` lists the newest entries under a filter; an index on (action, seq) or (actor, seq) walks the matches in
order and stops at the limit, and one on `at` finds where --since starts. (action, seq) replaces the index on
action alone, which it covers.

`search_entry` holds each question's, claim's and article's searchable words, folded (lower case, no accents,
no punctuation): an FTS5 table on SQLite, a table with a GIN tsvector index on PostgreSQL. ledger.events keeps
it in step with every write; this revision fills it from the rows already there.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 18:00:00
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# A copy, frozen here, of the fields and folding in ledger/search.py as of this revision.
FIELDS = {
    "question": ("key", "text", "criteria"),
    "claim": ("quote", "hedge", "note"),
    "article": ("title", "url"),
}
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def _create_search_index() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_entry USING fts5(kind UNINDEXED, row_id UNINDEXED, body)"
        )
    else:
        op.create_table(
            "search_entry",
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("row_id", sa.String(32), nullable=False),
            sa.Column("body", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("kind", "row_id", name="pk_search_entry"),
        )
        op.execute(
            "CREATE INDEX ix_search_entry_body ON search_entry USING gin (to_tsvector('simple', body))"
        )
    insert = sa.text("INSERT INTO search_entry (kind, row_id, body) VALUES (:kind, :row_id, :body)")
    for kind, fields in FIELDS.items():
        rows = bind.execute(sa.text(f"SELECT id, {', '.join(fields)} FROM {kind}")).all()
        values = [
            {"kind": kind, "row_id": row[0], "body": _fold(" ".join(str(v or "") for v in row[1:]))}
            for row in rows
        ]
        if values:
            bind.execute(insert, values)


def upgrade() -> None:
    _create_search_index()
    op.drop_index("ix_ledger_entry_action", table_name="ledger_entry")
    op.create_index("ix_ledger_entry_action_seq", "ledger_entry", ["action", "seq"])
    op.create_index("ix_ledger_entry_actor_seq", "ledger_entry", ["actor", "seq"])
    op.create_index("ix_ledger_entry_at", "ledger_entry", ["at"])


def downgrade() -> None:
    op.execute("DROP TABLE search_entry")
    op.drop_index("ix_ledger_entry_at", table_name="ledger_entry")
    op.drop_index("ix_ledger_entry_actor_seq", table_name="ledger_entry")
    op.drop_index("ix_ledger_entry_action_seq", table_name="ledger_entry")
    op.create_index("ix_ledger_entry_action", "ledger_entry", ["action"])
