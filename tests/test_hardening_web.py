"""Shared state and secrets: a viewer's briefing records nothing; no password in a cache key."""

from __future__ import annotations

import datetime as dt
import inspect

from pledges import model, service, store
from pledges.web import widgets

DAY = dt.date(2026, 6, 30)


def test_a_viewers_briefing_records_nothing(db: store.Store) -> None:
    service.record_briefing(db, model.VIEWER, "Testville", None, DAY, "b.pdf (app)")
    assert db.previous_briefing("Testville", None, DAY + dt.timedelta(days=1)) is None
    service.record_briefing(db, model.Actor("ana", "editor"), "Testville", None, DAY, "b.pdf")
    assert db.previous_briefing("Testville", None, DAY + dt.timedelta(days=1)) == DAY


def test_no_cache_key_holds_the_database_password() -> None:
    db = store.Store.open("postgresql+psycopg://pledges:s3cret-pw@db.example/pledges")
    assert "s3cret-pw" not in widgets.cache_key(db)
    assert widgets.cache_key(db) == widgets.cache_key(db)
    cached = [
        value for value in vars(widgets).values() if callable(value) and hasattr(value, "clear")
    ]
    assert cached  # the st.cache_data functions
    for function in cached:
        assert "url" not in inspect.signature(function).parameters
