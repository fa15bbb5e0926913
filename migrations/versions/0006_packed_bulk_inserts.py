"""ledger entries may record a bulk insert as one packed change

From this revision a bulk insert (a poll's flags, an import's rows) is recorded in its ledger entry as one
change of op "insert-rows" holding the rows column by column, instead of one change per row. No table changes;
the revision exists so that a version of forecast-ledger that cannot read such entries refuses the database
(and its exports) instead of reporting its chain broken.

Downgrading is refused while the ledger holds such an entry: hashed entries cannot be rewritten, and the version
before would take them for a broken chain.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ledger.errors import Conflict

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# How canonical JSON writes the op of a packed change (ledger.events.BULK_OP), frozen here.
PACKED = '%"op":"insert-rows"%'


def upgrade() -> None:
    pass


def downgrade() -> None:
    packed = op.get_bind().execute(
        sa.text("SELECT count(*) FROM ledger_entry WHERE payload LIKE :packed"), {"packed": PACKED}
    )
    if packed.scalar_one():
        raise Conflict(
            "the ledger records bulk inserts as packed changes, which schema revision 0005 cannot read; "
            "it cannot be downgraded below 0006"
        )
