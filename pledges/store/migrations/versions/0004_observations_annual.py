"""observations annual flag

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:30:00

The store used to drop ingest's `annual` flag, and every reader guessed "1 January is a year".
The flag is kept now; rows stored before this migration get the old guess, which is what every
page showed for them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("observations", "value_revisions")


def upgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("annual", sa.Boolean(), server_default=sa.false(), nullable=False)
            )
        table = sa.table(name, sa.column("period", sa.Date()), sa.column("annual", sa.Boolean()))
        first_of_january = sa.and_(
            sa.extract("month", table.c.period) == 1, sa.extract("day", table.c.period) == 1
        )
        op.execute(table.update().where(first_of_january).values(annual=True))


def downgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("annual")
