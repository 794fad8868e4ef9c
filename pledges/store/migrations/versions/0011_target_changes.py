"""target changes: proposals, reviews, and the definition file's last word on each indicator

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 16:40:00

Targets are kept in the store after `init`: an editor proposes a change, another approves it.
`indicators.catalog_spec` remembers what the definition file said at the last load, so a file
that changed becomes a proposal and an edit made in the app survives the next `init`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy would drop `indicators`, which the rows that reference
    # it forbid (an existing store with values could not upgrade).
    op.add_column("indicators", sa.Column("catalog_spec", sa.Text(), nullable=True))
    op.create_table(
        "target_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=10), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.Column("carried_from", sa.String(length=200), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposed_by", sa.String(length=200), nullable=False),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("historical", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicators.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_target_changes_indicator_id", "target_changes", ["indicator_id"])
    op.create_index("ix_target_changes_status", "target_changes", ["status", "decided_at"])
    op.create_table(
        "target_change_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["change_id"], ["target_changes.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("change_id", "reviewer", name="uq_target_review"),
    )
    op.create_index("ix_target_change_reviews_change_id", "target_change_reviews", ["change_id"])


def downgrade() -> None:
    op.drop_index("ix_target_change_reviews_change_id", table_name="target_change_reviews")
    op.drop_table("target_change_reviews")
    op.drop_index("ix_target_changes_status", table_name="target_changes")
    op.drop_index("ix_target_changes_indicator_id", table_name="target_changes")
    op.drop_table("target_changes")
    # Native DROP COLUMN (SQLite 3.35 and later): a batch copy would drop `indicators`, which
    # the rows that reference it forbid.
    op.drop_column("indicators", "catalog_spec")
