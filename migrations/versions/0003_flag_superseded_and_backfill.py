"""flags of resolved questions can be superseded; which questions the stored news was matched against

A question's remaining new flags are closed as "superseded" when it is resolved (kept, out of the review queue).
question_backfill records, per question, the fingerprint of the watch terms and window the stored news was last
matched with, so that a poll matches a new question, or one whose terms changed, against the news already stored.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "status IN ('new', 'dismissed', 'evidence')"
NEW = "status IN ('new', 'dismissed', 'evidence', 'superseded')"


def upgrade() -> None:
    with op.batch_alter_table("flag", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_flag_status"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_flag_status"), sa.text(NEW))
    op.create_table(
        "question_backfill",
        sa.Column("question_id", sa.String(length=32), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("matched_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["question.id"],
            name=op.f("fk_question_backfill_question_id_question"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("question_id", name=op.f("pk_question_backfill")),
    )


def downgrade() -> None:
    op.drop_table("question_backfill")
    # Superseded flags go back to new: the closest state the old schema has (they were new when closed).
    op.execute("UPDATE flag SET status = 'new' WHERE status = 'superseded'")
    with op.batch_alter_table("flag", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_flag_status"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_flag_status"), sa.text(OLD))
