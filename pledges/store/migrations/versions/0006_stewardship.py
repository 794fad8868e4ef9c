"""stewardship: indicator owner, cadence and who set them in the app; reminders sent

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("owner_name", 200),
    ("owner_team", 200),
    ("owner_email", 254),
    ("cadence_every", 10),
    ("cadence_due", 5),
    ("stewardship_set_by", 200),
)


def upgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        for name, length in _COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
    with op.batch_alter_table("definition_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("changed_by", sa.String(length=200), nullable=True))
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("indicators", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("day", "city", "email", name="uq_reminder_key"),
    )


def downgrade() -> None:
    op.drop_table("reminders")
    with op.batch_alter_table("definition_changes", schema=None) as batch_op:
        batch_op.drop_column("changed_by")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        for name, _ in reversed(_COLUMNS):
            batch_op.drop_column(name)
