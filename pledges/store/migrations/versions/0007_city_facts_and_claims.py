"""city facts (region, population year, coordinates, CDP account) and targets' claimed share

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("population_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("region", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("cdp_account", sa.String(length=20), nullable=True))
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_pct", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.drop_column("claimed_pct")
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.drop_column("cdp_account")
        batch_op.drop_column("longitude")
        batch_op.drop_column("latitude")
        batch_op.drop_column("region")
        batch_op.drop_column("population_year")
