"""Engines and transactions: SQLite in WAL mode with BEGIN IMMEDIATE writes; PostgreSQL locks."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy import event

from pledges import errors

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# How long an SQLite writer retries a database another writer holds, before it gives up
# with `errors.StoreBusy` (the sqlite3 busy handler retries with short waits up to this bound).
BUSY_TIMEOUT_MS = 30_000
BUSY_MESSAGE = (
    "Another import is running; try again in a minute. (The database stayed busy for "
    "{seconds} seconds; nothing was written.)"
)
WRITE_LOCK_KEY = 727_1990  # PostgreSQL advisory lock id that serialises imports and undos
SIGN_IN_LOCK_KEY = 727_1992  # ...and the one that serialises sign-in counters, never an import
MIGRATION_LOCK_KEY = 727_1991  # ...and the one that serialises app processes migrating at start
_MIGRATING = threading.Lock()  # Alembic keeps its context in module globals: one at a time


def create(url: str) -> sa.Engine:
    """An engine with the pragmas and transaction handling this project relies on."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def _configure_sqlite(engine: sa.Engine) -> None:
    """WAL, foreign keys, busy timeout; we emit BEGIN ourselves so writes can be IMMEDIATE."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get("pledges_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def is_sqlite(engine: sa.Engine) -> bool:
    """Whether the engine speaks SQLite (otherwise PostgreSQL)."""
    return engine.dialect.name == "sqlite"


@contextlib.contextmanager
def write_transaction(engine: sa.Engine, lock: int = WRITE_LOCK_KEY) -> Iterator[sa.Connection]:
    """One all-or-nothing write; writers queue behind each other (on PostgreSQL those of the
    same `lock`), and an SQLite writer still waiting after BUSY_TIMEOUT_MS is refused in words."""
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(pledges_write=True)
            with conn.begin():
                if not is_sqlite(engine):
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})
                yield conn
    except sa.exc.OperationalError as exc:
        if is_sqlite(engine) and _is_busy(exc):
            raise errors.StoreBusy(BUSY_MESSAGE.format(seconds=BUSY_TIMEOUT_MS // 1000)) from exc
        raise


def _is_busy(exc: sa.exc.OperationalError) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text


def alembic_config(engine: sa.Engine) -> Config:
    """An Alembic configuration bound to this engine (no alembic.ini needed)."""
    from alembic.config import Config  # here, not at the top: commands that never migrate

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    # Writes from the start (BEGIN IMMEDIATE on SQLite): two processes never interleave DDL.
    config.attributes["engine"] = engine.execution_options(pledges_write=True)
    return config


@contextlib.contextmanager
def _migration_lock(engine: sa.Engine) -> Iterator[None]:
    """On PostgreSQL, app processes that start together migrate one after the other."""
    if is_sqlite(engine):
        yield
        return
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
            conn.commit()


def migrate(engine: sa.Engine, revision: str = "head") -> None:
    """Create or upgrade the schema to `revision` with Alembic."""
    if is_sqlite(engine) and engine.url.database:
        Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
    from alembic import command

    with _MIGRATING, _migration_lock(engine):
        command.upgrade(alembic_config(engine), revision)


def head_revision() -> str:
    """The newest migration's revision id."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()
