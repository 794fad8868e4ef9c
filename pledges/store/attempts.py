"""Failed sign-ins kept in the store: one row per (client address, name), changed in one step.

Every app process shares the database, so a lock made by one holds in all; a failure writes
one small row in a short transaction instead of rewriting a shared file under one lock. A
sign-in never waits on an import: on PostgreSQL its writes take their own advisory lock, and
on SQLite, where a write locks the whole file, they go to a file of their own beside the
database (`<database>-sign-in`), so an editor signs in while a long import holds the store.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from pledges import clock
from pledges.store import engine, schema

ATTEMPTS = schema.SignInAttemptRow.__table__


@dataclass(frozen=True, slots=True)
class Run:
    """A run of failed sign-ins of one name from one address, and the lock it earned."""

    failures: int
    last_failure: dt.datetime
    locked_until: dt.datetime | None = None


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return None if moment is None else moment.replace(tzinfo=dt.UTC)


def _naive(moment: dt.datetime | None) -> dt.datetime | None:
    return None if moment is None else clock.naive_utc(moment)


def _key(address: str, name: str) -> sa.ColumnElement[bool]:
    return sa.and_(ATTEMPTS.c.address == address, ATTEMPTS.c.name == name)


def _read(conn: sa.Connection, address: str, name: str) -> Run | None:
    row = conn.execute(
        sa.select(ATTEMPTS.c.failures, ATTEMPTS.c.last_failure, ATTEMPTS.c.locked_until).where(
            _key(address, name)
        )
    ).first()
    if row is None:
        return None
    return Run(int(row.failures), _aware(row.last_failure), _aware(row.locked_until))  # type: ignore[arg-type]


def _prune(conn: sa.Connection, before: dt.datetime) -> int:
    over = sa.or_(ATTEMPTS.c.locked_until.is_(None), ATTEMPTS.c.locked_until <= _naive(before))
    stale = sa.and_(ATTEMPTS.c.last_failure <= _naive(before), over)
    return int(conn.execute(sa.delete(ATTEMPTS).where(stale)).rowcount or 0)


SIDE_SUFFIX = "-sign-in"


@functools.cache
def _side_engine(path: str) -> sa.Engine:
    """The SQLite file of sign-in counters beside a database file, its table made once."""
    side = engine.create(f"sqlite:///{path}{SIDE_SUFFIX}")
    ATTEMPTS.create(side, checkfirst=True)
    return side


class AttemptLog:
    """The failed sign-ins of one database (cheap: it holds only the engine)."""

    def __init__(self, db_engine: sa.Engine) -> None:
        self.engine = db_engine

    @classmethod
    def of_store(cls, db_engine: sa.Engine) -> AttemptLog:
        """The log a store's sign-ins use: its own file beside an SQLite database file (so an
        import's write lock never holds up a sign-in), else the store's own table."""
        database = db_engine.url.database
        if engine.is_sqlite(db_engine) and database and database != ":memory:":
            return cls(_side_engine(str(Path(database).resolve())))
        return cls(db_engine)

    def run(self, address: str, name: str) -> Run | None:
        """The stored run of failures of this name from this address, if any."""
        with self.engine.connect() as conn:
            return _read(conn, address, name)

    def change(
        self,
        address: str,
        name: str,
        step: Callable[[Run | None], Run | None],
        prune: dt.datetime | None = None,
    ) -> Run | None:
        """Replace the run by `step(stored run)` in one write (None deletes it); the new run.
        `prune` also drops the runs stale at that moment in the same transaction."""
        with engine.write_transaction(self.engine, engine.SIGN_IN_LOCK_KEY) as conn:
            if prune is not None:
                _prune(conn, prune)
            new = step(_read(conn, address, name))
            conn.execute(sa.delete(ATTEMPTS).where(_key(address, name)))
            if new is not None:
                conn.execute(
                    sa.insert(ATTEMPTS).values(
                        address=address,
                        name=name,
                        failures=new.failures,
                        last_failure=_naive(new.last_failure),
                        locked_until=_naive(new.locked_until),
                    )
                )
            return new

    def prune(self, before: dt.datetime) -> int:
        """Drop runs whose last failure and lock (if any) both ended at or before `before`."""
        with engine.write_transaction(self.engine, engine.SIGN_IN_LOCK_KEY) as conn:
            return _prune(conn, before)

    def clear_name(self, name: str) -> int:
        """Forget every run of this name, from every address (an administrator's unlock)."""
        with engine.write_transaction(self.engine, engine.SIGN_IN_LOCK_KEY) as conn:
            return int(conn.execute(sa.delete(ATTEMPTS).where(ATTEMPTS.c.name == name)).rowcount)

    def locks(self, now: dt.datetime) -> dict[str, dt.datetime]:
        """Each name locked from some address now, with the latest moment a lock ends."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(ATTEMPTS.c.name, sa.func.max(ATTEMPTS.c.locked_until))
                .where(ATTEMPTS.c.locked_until > _naive(now))
                .group_by(ATTEMPTS.c.name)
            ).all()
        return {str(name): _aware(until) for name, until in rows}  # type: ignore[misc]
