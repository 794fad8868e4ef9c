"""Editors set an indicator's owner and cadence in the app; `init` keeps them and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from pledges import catalog, cli, errors, model, service, store
from tests.conftest import ticking_clock
from tests.test_stewardship_remind import STEWARDED

REF = model.IndicatorRef("Testville", "green-deal", "renewable-share")
EDITOR = model.Actor("ana", "editor")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    defs = tmp_path / "defs"
    defs.mkdir()
    (defs / "testville--green-deal.yaml").write_text(STEWARDED, encoding="utf-8")
    return defs


@pytest.fixture
def db(tmp_path: Path, folder: Path) -> store.Store:
    handle = store.Store.open(f"sqlite:///{tmp_path / 'e.db'}", now=ticking_clock())
    handle.migrate()
    handle.sync_catalog(catalog.load_pledges(folder))
    return handle


def _changes(db: store.Store) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT entity_key, field, old, new, changed_by FROM definition_changes ORDER BY id"
            )
        )
        return [tuple(r) for r in rows]


def test_viewer_may_not_and_bad_email_stores_nothing(db: store.Store) -> None:
    with pytest.raises(errors.NotAllowed):
        service.set_stewardship(db, model.VIEWER, REF, {"team": "X"}, None)
    with pytest.raises(errors.CatalogError) as caught:
        service.set_stewardship(
            db,
            EDITOR,
            REF,
            {"team": "Energy", "email": "energy at city"},
            {"every": "year", "due": "13-01"},
        )
    assert caught.value.problems == [
        "green-deal/renewable-share: owner.email: 'energy at city' is not an e-mail address "
        "like data-team@example.org",
        "green-deal/renewable-share: cadence.due: '13-01' is not a day of the year written "
        'MM-DD, like "03-31"',
    ]
    assert _changes(db) == []


def test_an_edit_is_traced_with_who_and_init_keeps_it_saying_so(
    db: store.Store, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = service.set_stewardship(
        db,
        EDITOR,
        REF,
        {"name": "Ana Energy", "team": "Energy", "email": "ana.energy@example.org"},
        {"every": "quarter", "due": "01-31"},
    )
    assert changed == 3  # email, every, due (name and team were the same)
    assert _changes(db) == [
        (
            "Testville/green-deal/renewable-share",
            "owner_email",
            "a@example.org",
            "ana.energy@example.org",
            "ana",
        ),
        ("Testville/green-deal/renewable-share", "cadence_every", "year", "quarter", "ana"),
        ("Testville/green-deal/renewable-share", "cadence_due", "03-31", "01-31", "ana"),
    ]
    indicator = db.pledges()[0].goals[0].indicators[0]
    assert indicator.owner == model.Owner("Ana Energy", "Energy", "ana.energy@example.org")
    assert indicator.cadence == model.Cadence("quarter", (1, 31))

    url = db.engine.url.render_as_string(False)
    assert cli.main(["--database", url, "--catalog", str(folder), "init", "--no-seed"]) == 0
    out = capsys.readouterr().out
    assert (
        "Testville/green-deal/renewable-share: kept the owner and cadence ana set in the app; "
        "the definition file says otherwise (owner_email, cadence_every, cadence_due)"
    ) in out
    again = db.pledges()[0].goals[0].indicators[0]
    assert again.owner == indicator.owner and again.cadence == indicator.cadence
    assert len(_changes(db)) == 3  # init wrote nothing over the edit
