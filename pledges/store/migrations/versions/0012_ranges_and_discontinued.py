"""indicators declare the range of their values

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 16:50:00

An import refuses a value outside the indicator's range: the declared `valid_range`, else
0-100 for a share in %. Existing indicators declare none. (A "discontinued" cadence needs no
column: it is stored as "ended" in `cadence_every`, see catalog_sync.STORED_EVERY.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: SQLite would otherwise copy and drop `indicators`, which the rows that
    # reference it forbid.
    op.add_column("indicators", sa.Column("valid_low", sa.Float(), nullable=True))
    op.add_column("indicators", sa.Column("valid_high", sa.Float(), nullable=True))


def downgrade() -> None:
    # Native DROP COLUMN (SQLite 3.35 and later), for the same reason as above.
    op.drop_column("indicators", "valid_high")
    op.drop_column("indicators", "valid_low")
