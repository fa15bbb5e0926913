"""track-record rules: when outcomes became known, withdrawals, exact probabilities, analysts' own forecasts

- resolution.known_at and question.known_at (its mirror): forecasts made from then on are late, never scored.
- claim.withdrawn and question.withdrawn: analyst errors taken out of every score and count, rows kept.
- claim.probability may be exactly 0 or 1 (stored as given, no clipping).
- source.kind 'analyst': an analyst forecasting in their own name.

Rows written before this revision keep their ledger entries: `verify` reads a column missing from a recorded row
as the column's default (known_at None, withdrawn false), which is what this revision fills in.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_PROBABILITY = "probability IS NULL OR (probability > 0 AND probability < 1)"
CLOSED_PROBABILITY = "probability IS NULL OR (probability >= 0 AND probability <= 1)"
KINDS_BEFORE = "kind IN ('outlet', 'author')"
KINDS_AFTER = "kind IN ('outlet', 'author', 'analyst')"


def upgrade() -> None:
    with op.batch_alter_table("resolution", schema=None) as batch_op:
        batch_op.add_column(sa.Column("known_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(sa.Column("known_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("withdrawn", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("withdrawn", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.drop_constraint(batch_op.f("ck_claim_probability"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_claim_probability"), CLOSED_PROBABILITY)
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_source_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_source_kind"), KINDS_AFTER)


def downgrade() -> None:
    # Rows the older schema cannot hold are refused rather than silently changed.
    bind = op.get_bind()
    edge = bind.execute(
        sa.text("SELECT count(*) FROM claim WHERE probability = 0 OR probability = 1")
    ).scalar()
    analysts = bind.execute(sa.text("SELECT count(*) FROM source WHERE kind = 'analyst'")).scalar()
    if edge or analysts:
        raise RuntimeError(
            f"cannot downgrade below 0004: {edge} claim(s) with probability exactly 0 or 1 and "
            f"{analysts} analyst source(s) do not fit the older schema"
        )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_source_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_source_kind"), KINDS_BEFORE)
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_claim_probability"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_claim_probability"), OPEN_PROBABILITY)
        batch_op.drop_column("withdrawn")
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_column("withdrawn")
        batch_op.drop_column("known_at")
    with op.batch_alter_table("resolution", schema=None) as batch_op:
        batch_op.drop_column("known_at")
