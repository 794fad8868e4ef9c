"""indicators may allow future periods

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 01:10:00

An upload's period after today is refused ("observations are measured values") unless the
indicator's definition says `future_periods: true` (a projection). Existing indicators allow
none, which is what their definitions meant.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("future_periods", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_column("future_periods")
