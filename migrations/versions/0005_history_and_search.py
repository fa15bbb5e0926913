"""ledger history indexes: entries by action, actor and time, newest first

`log` lists the newest entries under a filter; an index on (action, seq) or (actor, seq) walks the matches in
order and stops at the limit, and one on `at` finds where --since starts. (action, seq) replaces the index on
action alone, which it covers.

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-30 18:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_ledger_entry_action", table_name="ledger_entry")
    op.create_index("ix_ledger_entry_action_seq", "ledger_entry", ["action", "seq"])
    op.create_index("ix_ledger_entry_actor_seq", "ledger_entry", ["actor", "seq"])
    op.create_index("ix_ledger_entry_at", "ledger_entry", ["at"])


def downgrade() -> None:
    op.drop_index("ix_ledger_entry_at", table_name="ledger_entry")
    op.drop_index("ix_ledger_entry_actor_seq", table_name="ledger_entry")
    op.drop_index("ix_ledger_entry_action_seq", table_name="ledger_entry")
    op.create_index("ix_ledger_entry_action", "ledger_entry", ["action"])
