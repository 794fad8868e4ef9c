"""The store handle the interfaces hold, opened here, and the one clock it carries."""

from __future__ import annotations

import datetime as dt

from pledges import clock, store

Store = store.Store
ProgressCallback = store.ProgressCallback
as_moment = store.as_moment


def open_store(url: str, now: clock.Clock = clock.utc_now, migrate: bool = False) -> store.Store:
    """A handle on the database at `url` whose clock stamps every write (migrated if asked)."""
    db = store.Store.open(url, now)
    if migrate:
        db.migrate()
    return db


def today(db: store.Store) -> dt.date:
    """Today by the store's clock: the one clock an interface asks the date of."""
    return clock.today(db.clock)
