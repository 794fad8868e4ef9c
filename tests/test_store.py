"""The store: migrations, round trips, batches, revisions, undo and as-of reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from pledges import catalog, clock, errors, service, store
from pledges.store import schema
from tests.conftest import SMALL_PLEDGE, long_frame


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    db = store.Store.open(f"sqlite:///{tmp_path / 'm.db'}")
    db.migrate()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.Base.metadata)
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        foreign_keys = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
    assert diff == []
    assert journal == "wal"
    assert foreign_keys == 1


def test_round_trip(db: store.Store) -> None:
    frame = long_frame([("renewable-share", 2019, 34.0), ("emissions", 2019, 800.5)])
    batch = db.commit(frame, "ana", "a.csv", "sha-a")
    assert (batch.added, batch.changed, batch.unchanged, batch.user) == (2, 0, 0, "ana")
    stored = db.observations(city="Testville")
    assert list(stored["indicator"]) == ["emissions", "renewable-share"]
    assert list(stored["value"]) == [800.5, 34.0]
    assert stored["period"].iloc[0] == dt.date(2019, 1, 1)
    assert set(stored["batch_id"]) == {batch.id}


def test_same_file_twice_adds_nothing(db: store.Store) -> None:
    frame = long_frame([("renewable-share", 2019, 34.0)])
    first = db.commit(frame, "ana", "a.csv", "sha-a")
    second = db.commit(frame, "ana", "a.csv", "sha-a")
    assert second.status == "duplicate" and second.id == first.id
    assert len(db.history()) == 1


def test_changed_value_is_revised_and_as_of_reads_the_old_one(db: store.Store) -> None:
    first = db.commit(long_frame([("renewable-share", 2019, 34.0)]), "ana", "a.csv", "a")
    between = first.committed_at + dt.timedelta(microseconds=1)
    second = db.commit(
        long_frame([("renewable-share", 2019, 35.0), ("renewable-share", 2020, 37.0)]),
        "bo",
        "b.csv",
        "b",
    )
    assert (second.added, second.changed) == (1, 1)
    assert list(db.observations()["value"]) == [35.0, 37.0]
    assert list(db.observations(as_of=between)["value"]) == [34.0]
    revisions = db.revisions()
    assert list(zip(revisions["value"], revisions["new_value"], strict=True)) == [(34.0, 35.0)]
    assert list(revisions["replaced_by"]) == [second.id]


def test_unchanged_rows_are_counted(db: store.Store) -> None:
    db.commit(long_frame([("renewable-share", 2019, 34.0)]), "ana", "a.csv", "a")
    batch = db.commit(
        long_frame([("renewable-share", 2019, 34.0), ("renewable-share", 2020, 37.0)]),
        "ana",
        "b.csv",
        "b",
    )
    assert (batch.added, batch.changed, batch.unchanged) == (1, 0, 1)


def test_undo_restores_earlier_values_exactly(db: store.Store) -> None:
    db.commit(long_frame([("renewable-share", 2019, 34.0)]), "ana", "a.csv", "a")
    before = db.observations()
    later = db.commit(
        long_frame([("renewable-share", 2019, 99.0), ("emissions", 2020, 700.0)]),
        "bo",
        "b.csv",
        "b",
    )
    undo = db.undo(later.id, "cy")
    assert (undo.changed, undo.removed, undo.undoes, undo.user) == (1, 1, later.id, "cy")
    after = db.observations()
    cols = ["city", "pledge", "indicator", "period", "value", "method", "source", "note"]
    assert after[cols].equals(before[cols])
    statuses = {b.id: b.status for b in db.history()}
    assert statuses[later.id] == "undone"
    with pytest.raises(errors.UnknownBatch):
        db.undo(later.id, "cy")


def test_undo_refuses_when_a_later_batch_changed_the_values(db: store.Store) -> None:
    first = db.commit(long_frame([("renewable-share", 2019, 34.0)]), "ana", "a.csv", "a")
    db.commit(long_frame([("renewable-share", 2019, 35.0)]), "ana", "b.csv", "b")
    with pytest.raises(errors.UnknownBatch, match="undo 2 first"):
        db.undo(first.id, "ana")


def test_reimport_after_undo_is_allowed(db: store.Store) -> None:
    frame = long_frame([("renewable-share", 2019, 34.0)])
    first = db.commit(frame, "ana", "a.csv", "a")
    db.undo(first.id, "ana")
    again = db.commit(frame, "ana", "a.csv", "a")
    assert again.status == "committed" and again.added == 1


def test_unknown_indicator_stores_nothing(db: store.Store) -> None:
    frame = long_frame([("renewable-share", 2019, 34.0), ("nope", 2019, 1.0)])
    with pytest.raises(errors.PledgesError):
        db.commit(frame, "ana", "a.csv", "a")
    assert db.observations().empty and db.history() == []


def test_changed_target_keeps_the_old_one(db: store.Store, catalog_dir: Path) -> None:
    stamp = clock.naive_utc(db.clock())
    (catalog_dir / "testville--green-deal.yaml").write_text(
        SMALL_PLEDGE.replace("{year: 2030, value: 60", "{year: 2030, value: 65"), encoding="utf-8"
    )
    summary = db.sync_catalog(catalog.load_pledges(catalog_dir))
    assert (summary.targets_closed, summary.targets_opened) == (1, 1)
    now_target = db.pledges()[0].goals[0].indicators[0].targets[0]
    then_target = db.pledges(as_of=stamp)[0].goals[0].indicators[0].targets[0]
    assert (now_target.value, then_target.value) == (65.0, 60.0)
    history = db.target_history()
    assert len(history[history["year"] == 2030]) == 3  # 60 (closed), 65 (open), the -50 % one


def test_sync_twice_changes_nothing(db: store.Store, catalog_dir: Path) -> None:
    assert db.sync_catalog(catalog.load_pledges(catalog_dir)).nothing


def test_write_transactions_are_immediate(db: store.Store) -> None:
    with store.engine.write_transaction(db.engine) as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert conn.in_transaction()
    with db.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from import_batches")).scalar() == 0


def test_the_annual_flag_is_kept_so_a_first_of_january_day_stays_a_day(db: store.Store) -> None:
    """A year and the day 1 January share a date; the store keeps ingest's word for which."""
    year = long_frame([("renewable-share", 2019, 34.0)]).assign(annual=True)
    day = long_frame([("renewable-share", 2020, 35.0)]).assign(annual=False)
    db.commit(year, "ana", "a.csv", "a")
    db.commit(day, "ana", "b.csv", "b")
    stored = db.observations()
    assert list(stored["annual"]) == [True, False]
    lines = service.export_csv(db).decode("utf-8").splitlines()
    assert [line.split(",")[3] for line in lines[1:]] == ["2019", "2020-01-01"]


def test_undo_restores_the_annual_flag_of_the_value_it_brings_back(db: store.Store) -> None:
    db.commit(long_frame([("renewable-share", 2019, 34.0)]).assign(annual=True), "a", "a", "a")
    second = db.commit(
        long_frame([("renewable-share", 2019, 36.0)]).assign(annual=False), "b", "b", "b"
    )
    assert list(db.observations()["annual"]) == [False]
    db.undo(second.id, "c")
    assert list(db.observations()["annual"]) == [True]
