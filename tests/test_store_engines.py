"""The store's promises on both engines: SQLite and a throwaway PostgreSQL cluster."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

from pledges import errors, model, service, settings, store
from pledges.store import schema
from tests.conftest import long_frame
from tests.conftest_engines import StoreMaker

EDITOR = model.Actor("ana", "editor")
HEADER = "city,pledge,indicator,period,value,unit,source,note\n"


def csv_bytes(rows: list[tuple[str, int, float]]) -> bytes:
    """An upload in the canonical long format for Testville."""
    lines = [
        f"Testville,green-deal,{name},{year},{value},{'%' if name == 'renewable-share' else 'kt'},"
        "synthetic test row,\n"
        for name, year, value in rows
    ]
    return (HEADER + "".join(lines)).encode("utf-8")


def test_migrations_build_exactly_the_models(make_store: StoreMaker) -> None:
    db = make_store()
    db.migrate()
    db.migrate()  # a second upgrade is a no-op
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.Base.metadata)
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    assert diff == []
    assert version == store.engine.head_revision()


def test_round_trip_keeps_dates_floats_and_nulls(any_db: store.Store) -> None:
    frame = long_frame([("renewable-share", 2019, 34.25), ("emissions", 2019, 800.5)])
    frame.loc[0, "note"] = "first, with a comma"
    batch = any_db.commit(frame, "ana", "a.csv", "sha-a")
    assert (batch.added, batch.changed, batch.unchanged, batch.status) == (2, 0, 0, "committed")
    stored = any_db.observations(city="Testville")
    assert list(stored["indicator"]) == ["emissions", "renewable-share"]
    assert list(stored["value"]) == [800.5, 34.25]
    assert list(stored["period"]) == [dt.date(2019, 1, 1)] * 2
    assert list(stored["note"].isna()) == [True, False]
    assert stored["note"].iloc[1] == "first, with a comma"
    assert list(stored["unit"]) == ["kt", "%"]
    assert set(stored["batch_id"]) == {batch.id}


def test_same_file_twice_makes_one_batch(any_db: store.Store) -> None:
    frame = long_frame([("renewable-share", 2019, 34.0)])
    first = any_db.commit(frame, "ana", "a.csv", "sha-a")
    second = any_db.commit(frame, "bo", "a.csv", "sha-a")
    assert (second.status, second.id) == ("duplicate", first.id)
    assert [b.id for b in any_db.history()] == [first.id]
    assert len(any_db.observations()) == 1


def test_revision_and_as_of(any_db: store.Store) -> None:
    first = any_db.commit(long_frame([("renewable-share", 2019, 34.0)]), "ana", "a.csv", "a")
    between = first.committed_at + dt.timedelta(microseconds=1)
    second = any_db.commit(
        long_frame([("renewable-share", 2019, 35.0), ("renewable-share", 2020, 37.0)]),
        "bo",
        "b.csv",
        "b",
    )
    assert (second.added, second.changed, second.unchanged) == (1, 1, 0)
    assert list(any_db.observations()["value"]) == [35.0, 37.0]
    assert list(any_db.observations(as_of=between)["value"]) == [34.0]
    assert any_db.observations(as_of=first.committed_at - dt.timedelta(seconds=1)).empty
    revisions = any_db.revisions()
    assert list(zip(revisions["value"], revisions["new_value"], strict=True)) == [(34.0, 35.0)]
    assert list(revisions["replaced_by"]) == [second.id]
    assert any_db.latest_change() == second.committed_at


def test_undo_restores_the_export_byte_for_byte(any_db: store.Store) -> None:
    service.import_file(any_db, EDITOR, csv_bytes([("renewable-share", 2019, 34.0)]), "a.csv")
    before = service.export_csv(any_db)
    later = service.import_file(
        any_db,
        EDITOR,
        csv_bytes([("renewable-share", 2019, 99.5), ("emissions", 2020, 700.0)]),
        "b.csv",
    ).batch
    assert later is not None and (later.added, later.changed) == (1, 1)
    assert service.export_csv(any_db) != before
    undo = service.undo(any_db, EDITOR, later.id)
    assert (undo.changed, undo.removed, undo.undoes) == (1, 1, later.id)
    assert service.export_csv(any_db) == before
    assert {b.id: b.status for b in any_db.history()}[later.id] == "undone"
    with pytest.raises(errors.UnknownBatch):
        any_db.undo(later.id, "ana")


def test_a_failed_commit_stores_nothing(any_db: store.Store) -> None:
    frame = long_frame([("renewable-share", 2019, 34.0), ("nope", 2019, 1.0)])
    with pytest.raises(errors.PledgesError):
        any_db.commit(frame, "ana", "a.csv", "a")
    assert any_db.observations().empty and any_db.history() == []


def test_import_and_status_as_of_before_a_revision(any_db: store.Store) -> None:
    rising = [("renewable-share", year, 20.0 + 4.0 * (year - 2015)) for year in range(2015, 2025)]
    first = service.import_file(any_db, EDITOR, csv_bytes(rising), "on-track.csv").batch
    assert first is not None and first.added == 10
    flat = [("renewable-share", year, 20.0) for year in range(2016, 2025)]
    second = service.import_file(any_db, EDITOR, csv_bytes(flat), "restated.csv").batch
    assert second is not None and second.changed == 9

    def share(statuses: list[service.IndicatorStatus]) -> float | None:
        found = [s for s in statuses if s.indicator.key == "renewable-share"]
        return found[0].assessment.progress_share

    now = service.assess(any_db, "Testville")
    then = service.assess(any_db, "Testville", as_of=first.committed_at)
    assert share(now) == pytest.approx(0.0)
    assert share(then) == pytest.approx((56.0 - 20.0) / (100.0 - 20.0))  # toward the final target
    assert then[0].assessment.status != now[0].assessment.status


def test_alembic_ini_migrates_the_database_named_in_the_environment(
    engine_url: str, make_store: StoreMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLEDGES_DATABASE_URL", engine_url)
    command.upgrade(Config(str(settings.PROJECT_ROOT / "alembic.ini")), "head")
    with make_store().engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.Base.metadata)
        tables = set(sa.inspect(conn).get_table_names())
    assert diff == []
    assert {"observations", "import_batches", "value_revisions"} <= tables


def test_a_file_with_a_bad_row_stores_nothing(any_db: store.Store) -> None:
    service.import_file(any_db, EDITOR, csv_bytes([("renewable-share", 2019, 34.0)]), "a.csv")
    before = service.export_csv(any_db)
    bad = (
        csv_bytes([("renewable-share", 2020, 36.0)])
        + b"Testville,green-deal,emissions,2020,lots,kt,x,\n"
    )
    outcome = service.import_file(any_db, EDITOR, bad, "bad.csv")
    assert not outcome.ok and outcome.batch is None
    assert [(i.row, i.column) for i in outcome.result.report.issues] == [(3, "value")]
    assert service.export_csv(any_db) == before
    assert len(any_db.history()) == 1


def test_export_reimports_to_the_same_state(any_db: store.Store) -> None:
    rows = [
        ("renewable-share", 2019, 34.125),
        ("emissions", 2018, 812.0),
        ("emissions", 2019, 1e-3),
    ]
    service.import_file(any_db, EDITOR, csv_bytes(rows), "a.csv")
    exported = service.export_csv(any_db)
    again = service.import_file(any_db, EDITOR, exported, "export.csv").batch
    assert again is not None and (again.added, again.changed, again.unchanged) == (0, 0, 3)
    assert service.export_csv(any_db) == exported
