"""Alembic environment: uses the engine handed over by pledges.store, or the configured URL."""

from __future__ import annotations

from alembic import context

from pledges.store import engine as store_engine
from pledges.store import schema

config = context.config
target_metadata = schema.Base.metadata


def run_migrations_online() -> None:
    """Run migrations on a live connection (SQLite batch mode for ALTERs)."""
    engine = config.attributes.get("engine") or store_engine.create(
        config.get_main_option("sqlalchemy.url")
    )
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
