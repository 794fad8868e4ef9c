"""Definition changes never misread stored values: units convert or refuse, orphans are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from pledges import catalog, errors, service, store
from tests.conftest import SMALL_PLEDGE, long_frame
from tests.test_service_cdp import EDITOR, PANEL

FILE = "testville--green-deal.yaml"


def _resync(db: store.Store, catalog_dir: Path, text: str) -> store.SyncSummary:
    (catalog_dir / FILE).write_text(text, encoding="utf-8")
    return db.sync_catalog(catalog.load_pledges(catalog_dir))


def _emissions(db: store.Store) -> list[float]:
    return db.observations(indicator="emissions")["value"].tolist()


def test_a_unit_change_converts_the_stored_values(db: store.Store, catalog_dir: Path) -> None:
    db.commit(long_frame([("emissions", 2019, 577.0)]), "ana", "a.csv", "a")
    assert "unit: kt" in SMALL_PLEDGE  # the first 'kt' is the emissions indicator's unit
    summary = _resync(db, catalog_dir, SMALL_PLEDGE.replace("kt", "Mt", 1))
    # 577 kt = 577 / 1000 Mt = 0.577 Mt
    assert _emissions(db) == [pytest.approx(0.577)]
    assert any("unit 'kt' -> 'Mt': 1 stored values converted" in line for line in summary.notes)
    newest = db.history()[0]
    assert (newest.status, newest.changed) == ("unit change", 1)
    assert db.revisions()["value"].tolist() == [577.0]  # the old value kept as a revision


def test_a_unit_that_does_not_convert_is_refused_and_nothing_changes(
    db: store.Store, catalog_dir: Path
) -> None:
    db.commit(long_frame([("emissions", 2019, 577.0)]), "ana", "a.csv", "a")
    with pytest.raises(errors.CatalogError, match="cannot be converted"):
        _resync(db, catalog_dir, SMALL_PLEDGE.replace("kt", "km", 1))
    assert _emissions(db) == [577.0]
    units = {ind.key: ind.unit for _, ind in db.pledges()[0].indicators()}
    assert units["emissions"] == "kt"


def test_a_unit_change_with_nothing_stored_just_changes(db: store.Store, catalog_dir: Path) -> None:
    summary = _resync(db, catalog_dir, SMALL_PLEDGE.replace("kt", "km", 1))
    assert summary.changed == 1 and summary.notes == ()


def test_a_renamed_indicator_is_reported_with_what_it_holds(
    db: store.Store, catalog_dir: Path
) -> None:
    db.commit(long_frame([("emissions", 2018, 800.0), ("emissions", 2019, 790.0)]), "ana", "a", "a")
    summary = _resync(db, catalog_dir, SMALL_PLEDGE.replace("id: emissions", "id: ghg-total"))
    [line] = [line for line in summary.notes if "/emissions:" in line]
    assert "no longer in the definition; holds 2 values (2018-2019), kept" in line
    assert "renamed to 'ghg-total'?" in line
    assert _emissions(db) == [800.0, 790.0]  # nothing orphaned silently, nothing lost


def test_an_office_city_keeps_its_facts_whatever_the_panel_says(tmp_path: Path) -> None:
    folder = tmp_path / "pledges"
    folder.mkdir()
    # Eta is a panel city (population 9,500 there); the office defines it with 9,000
    (folder / "eta.yaml").write_text(
        "city: {name: Eta, country: HL, population: 9000}\n"
        'pledge: {id: own, name: Own, source: "an office"}\n'
        "goals:\n  - id: g\n    name: G\n    indicators:\n"
        "      - {id: e, name: E, unit: t, direction: lower}\n",
        encoding="utf-8",
    )
    db = store.Store.open(f"sqlite:///{tmp_path / 'eta.db'}")
    db.migrate()
    for _ in range(2):  # init twice: the catalog, then the panel, each time
        synced = db.sync_catalog(catalog.load_pledges(folder))
        service.import_panel(db, EDITOR, PANEL)
        (eta,) = [c for c in db.cities() if c.name == "Eta"]
        assert eta.population == 9000
    assert synced.nothing


def test_a_discontinued_cadence_is_stored_and_read_back(db: store.Store, catalog_dir: Path) -> None:
    line = next(line for line in SMALL_PLEDGE.splitlines() if line.strip() == "name: Emissions")
    indent = line[: len(line) - len(line.lstrip())]
    text = SMALL_PLEDGE.replace(
        f"{line}\n", f'{line}\n{indent}cadence: {{every: discontinued, due: "03-31"}}\n'
    )
    assert text != SMALL_PLEDGE
    _resync(db, catalog_dir, text)
    cadences = {ind.key: ind.cadence for _, ind in db.pledges()[0].indicators()}
    assert cadences["emissions"] is not None and cadences["emissions"].every == "discontinued"
    with db.engine.connect() as conn:  # ten characters fit the column on every engine
        stored = conn.exec_driver_sql(
            "SELECT cadence_every FROM indicators WHERE key = 'emissions'"
        ).scalar()
    assert stored == "ended"


def test_a_database_with_values_migrates_down_to_0009_and_up_again(db: store.Store) -> None:
    from alembic import command

    from pledges.store import engine

    db.commit(long_frame([("emissions", 2019, 577.0)]), "ana", "a.csv", "a")
    # rows reference `indicators`: neither way may copy and drop the table
    command.downgrade(engine.alembic_config(db.engine), "0009")
    db.migrate()
    assert _emissions(db) == [577.0]
    assert all(ind.valid_range is None for _, ind in db.pledges()[0].indicators())
