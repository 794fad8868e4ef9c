"""an indicator may be the same quantity as another pledge's indicator (revision 3)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 16:40:00

`same_as` names "pledge/indicator" of the same city: the values are stored there once and
judged against each pledge's own targets. Existing rows keep their own values (None).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy would drop `indicators`, which the rows that reference
    # it forbid (an existing store with values could not upgrade).
    op.add_column("indicators", sa.Column("same_as", sa.Text(), nullable=True))


def downgrade() -> None:
    # Native DROP COLUMN (SQLite 3.35 and later): a batch copy would drop `indicators`, which
    # the rows that reference it forbid.
    op.drop_column("indicators", "same_as")
