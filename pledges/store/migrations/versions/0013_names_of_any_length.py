"""names of any length on PostgreSQL

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 16:40:00

A city, pledge, goal or indicator name (and a unit, an owner, a file name, a user) is stored
whatever its length and script, up to the catalog's bound of 400 characters for names. SQLite
never enforced a VARCHAR's length, so nothing changes there; PostgreSQL did (`init` crashed on
a 300-character city name), so there these columns become TEXT.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# (table, column, declared length before this revision)
COLUMNS = (
    ("cities", "name", 200),
    ("cities", "country", 100),
    ("cities", "region", 100),
    ("pledges", "name", 300),
    ("goals", "name", 300),
    ("indicators", "name", 300),
    ("indicators", "unit", 60),
    ("indicators", "owner_name", 200),
    ("indicators", "owner_team", 200),
    ("indicators", "stewardship_set_by", 200),
    ("definition_changes", "entity_key", 300),
    ("definition_changes", "changed_by", 200),
    ("import_batches", "user", 200),
    ("import_batches", "file_name", 500),
    ("briefings", "city", 200),
    ("reminders", "city", 200),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, length in COLUMNS:
        op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(length))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, length in COLUMNS:
        op.alter_column(table, column, type_=sa.String(length), existing_type=sa.Text())
