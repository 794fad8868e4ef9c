"""coverage, floor and definitional baselines (progress revision 3, like for like)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 16:30:00

An indicator names its coverage (None: the whole quantity as named) and the level its
quantity cannot go below (None: no floor); a baseline and a target name theirs (None: the
indicator's); a baseline may be true by definition (0 % below 1990 in 1990), a reference
and never a measured value. Existing rows keep their meaning: no coverage, no floor, measured.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy would drop `indicators`, which the rows that reference
    # it forbid (an existing store with values could not upgrade).
    op.add_column("indicators", sa.Column("baseline_coverage", sa.Text(), nullable=True))
    op.add_column(
        "indicators",
        sa.Column("baseline_definitional", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("indicators", sa.Column("coverage", sa.Text(), nullable=True))
    op.add_column("indicators", sa.Column("floor", sa.Float(), nullable=True))
    op.add_column("targets", sa.Column("coverage", sa.Text(), nullable=True))


def downgrade() -> None:
    # Native DROP COLUMN (SQLite 3.35 and later): a batch copy would drop `indicators`, which
    # the rows that reference it forbid.
    op.drop_column("targets", "coverage")
    for column in ("floor", "coverage", "baseline_definitional", "baseline_coverage"):
        op.drop_column("indicators", column)
