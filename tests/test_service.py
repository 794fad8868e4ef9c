"""The service layer: assessment from the store as of a date, and editors-only changes."""

from __future__ import annotations

import datetime as dt

import pytest

from pledges import clock, errors, model, service, store
from tests.conftest import long_frame

HEADER = b"city,pledge,indicator,period,value,unit,source\n"


def statuses(db: store.Store, as_of: dt.datetime | None = None) -> dict[str, str]:
    return {
        item.indicator.key: item.assessment.status
        for item in service.assess(db, as_of=as_of, today=dt.date(2024, 1, 1))
    }


def test_as_of_before_a_revision_reproduces_the_earlier_status(db: store.Store) -> None:
    rising = [("renewable-share", y, 20 + 3 * (y - 2015)) for y in range(2015, 2021)]
    first = db.commit(long_frame(rising), "ana", "a.csv", "a")
    before = statuses(db)
    falling = [("renewable-share", y, 40 - 2 * (y - 2015)) for y in range(2015, 2021)]
    db.commit(long_frame(falling), "bo", "b.csv", "b")
    assert statuses(db)["renewable-share"] == "wrong direction"
    assert before["renewable-share"] == "on track"
    assert statuses(db, as_of=first.committed_at) == before


def test_as_of_before_any_data_is_insufficient(db: store.Store) -> None:
    loaded = clock.naive_utc(db.clock())
    db.commit(long_frame([("renewable-share", 2019, 34.0)]), "ana", "a.csv", "a")
    assert set(statuses(db, as_of=loaded).values()) == {"insufficient data"}


def test_as_of_before_the_definitions_has_no_targets(db: store.Store) -> None:
    assert set(statuses(db, as_of=dt.datetime(2000, 1, 1)).values()) == {"trend only"}


def test_viewer_cannot_import_or_undo(db: store.Store) -> None:
    data = HEADER + b"Testville,green-deal,emissions,2019,1,kt,x\n"
    with pytest.raises(errors.NotAllowed):
        service.import_file(db, model.VIEWER, data, "a.csv")
    batch = service.import_file(db, model.Actor("ana", "editor"), data, "a.csv").batch
    assert batch is not None and batch.user == "ana"
    with pytest.raises(errors.NotAllowed):
        service.undo(db, model.VIEWER, batch.id)
    assert db.history()[0].status == "committed"


def test_viewer_may_preview(db: store.Store) -> None:
    data = HEADER + b"Testville,green-deal,emissions,2019,1,kt,x\n"
    outcome = service.import_file(db, model.VIEWER, data, "a.csv", dry_run=True)
    assert outcome.batch is None and outcome.preview is not None and outcome.preview.added == 1
