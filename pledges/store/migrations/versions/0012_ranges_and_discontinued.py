"""indicators declare the range of their values; a cadence may be "discontinued"

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-05 16:50:00

An import refuses a value outside the indicator's range: the declared `valid_range`, else
0-100 for a share in %. Existing indicators declare none. A series that will never come again
has the cadence "discontinued" (12 characters), so the cadence column widens to 20.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_low", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("valid_high", sa.Float(), nullable=True))
        batch_op.alter_column(
            "cadence_every", existing_type=sa.String(length=10), type_=sa.String(length=20)
        )


def downgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.alter_column(
            "cadence_every", existing_type=sa.String(length=20), type_=sa.String(length=10)
        )
        batch_op.drop_column("valid_high")
        batch_op.drop_column("valid_low")
