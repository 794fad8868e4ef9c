"""Alembic environment: the engine handed over by pledges.store, the configured URL, or else
PLEDGES_DATABASE_URL through pledges.settings (so a bare `alembic upgrade head` works)."""

from __future__ import annotations

from alembic import context

from pledges import settings
from pledges.store import engine as store_engine
from pledges.store import schema

config = context.config
target_metadata = schema.Base.metadata


def run_migrations_online() -> None:
    """Run migrations on a live connection (SQLite batch mode for ALTERs)."""
    handed_over = config.attributes.get("engine")
    url = config.get_main_option("sqlalchemy.url") or settings.load().database_url
    engine = handed_over or store_engine.create(url)
    try:
        with engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=sqlite,
                # SQLite's DDL is transactional, but Alembic assumes not and commits after each
                # migration, letting go of the write lock between them: two processes starting
                # together then interleaved and ran one migration twice ("duplicate column").
                # One transaction for the whole upgrade: a second process waits for all of it.
                transactional_ddl=True if sqlite else None,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
    finally:
        if handed_over is None:
            engine.dispose()


run_migrations_online()
