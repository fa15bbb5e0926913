"""drop indexes a unique constraint already provides

A unique constraint is backed by an index, and an index serves every query on its leading column; a second
index on that column alone only costs every insert (a poll writes thousands of flags and items).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 12:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column) whose own index is the leading column of the table's unique constraint.
REDUNDANT = (
    ("flag", "item_id"),
    ("news_item", "feed_id"),
    ("question_tag", "question_id"),
    ("article_author", "article_id"),
)


def upgrade() -> None:
    for table, column in REDUNDANT:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))


def downgrade() -> None:
    for table, column in reversed(REDUNDANT):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)
