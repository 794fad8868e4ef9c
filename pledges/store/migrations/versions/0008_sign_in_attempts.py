"""sign-in attempts: failed sign-ins per client address and name, kept in the store

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 01:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_attempts",
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("address", "name"),
    )
    op.create_index(
        "ix_sign_in_attempts_last_failure", "sign_in_attempts", ["last_failure"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_sign_in_attempts_last_failure", table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")
