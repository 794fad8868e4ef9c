"""Revision 3's definition fields (coverage, floor, definitional baselines) from file to store."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from pledges import catalog, clock, store
from pledges.store import schema
from tests.conftest import SMALL_PLEDGE

# The emissions indicator of the small pledge, given every new field.
LIKE_FOR_LIKE = (
    SMALL_PLEDGE.replace(
        "        unit: kt\n        direction: lower\n",
        "        unit: kt\n        direction: lower\n"
        "        floor: 0\n        coverage: city-wide\n",
    )
    .replace(
        '{year: 1990, value: 1000, source: "synthetic"}',
        '{year: 1990, value: 1000, source: "synthetic", definitional: true, coverage: BASIC}',
    )
    .replace(
        '{year: 2030, change_pct: -50, source: "synthetic"}',
        '{year: 2030, change_pct: -50, source: "synthetic", coverage: Transport}',
    )
)


def write(catalog_dir: Path, text: str) -> list:
    (catalog_dir / "testville--green-deal.yaml").write_text(text, encoding="utf-8")
    return catalog.load_pledges(catalog_dir)


def emissions_of(pledges: list) -> object:
    return pledges[0].goals[0].indicators[1]


def test_the_catalog_reads_every_new_field(catalog_dir: Path) -> None:
    emissions = emissions_of(write(catalog_dir, LIKE_FOR_LIKE))
    assert (emissions.coverage, emissions.floor) == ("city-wide", 0.0)
    assert (emissions.baseline.coverage, emissions.baseline.definitional) == ("BASIC", True)
    assert [(t.year, t.coverage) for t in emissions.targets] == [(2030, "Transport"), (2050, None)]


def test_left_out_they_mean_the_series_own_coverage_no_floor_and_a_measured_baseline(
    catalog_dir: Path,
) -> None:
    emissions = emissions_of(catalog.load_pledges(catalog_dir))
    assert (emissions.coverage, emissions.floor) == (None, None)
    assert (emissions.baseline.coverage, emissions.baseline.definitional) == (None, False)
    assert {t.coverage for t in emissions.targets} == {None}


def test_the_store_keeps_them_and_traces_a_change(db: store.Store, catalog_dir: Path) -> None:
    before = clock.naive_utc(db.clock())
    summary = db.sync_catalog(write(catalog_dir, LIKE_FOR_LIKE))
    # the emissions row changed; its 2030 target's coverage changed, so it is closed and reopened
    assert (summary.changed, summary.targets_closed, summary.targets_opened) == (1, 1, 1)
    stored = emissions_of(db.pledges())
    assert (stored.coverage, stored.floor) == ("city-wide", 0.0)
    assert (stored.baseline.coverage, stored.baseline.definitional) == ("BASIC", True)
    assert [t.coverage for t in stored.targets] == ["Transport", None]
    then = emissions_of(db.pledges(as_of=before))
    assert [t.coverage for t in then.targets] == [None, None]
    history = db.target_history()
    assert sorted(history[history["year"] == 2030]["coverage"].fillna("-")) == [
        "-",
        "-",
        "Transport",
    ]
    with db.engine.connect() as conn:
        fields = {
            row.field
            for row in conn.execute(
                sa.select(schema.DefinitionChangeRow.__table__.c.field).where(
                    schema.DefinitionChangeRow.__table__.c.entity_key
                    == "Testville/green-deal/emissions"
                )
            )
        }
    assert fields == {"coverage", "floor", "baseline_coverage", "baseline_definitional"}
    assert db.sync_catalog(write(catalog_dir, LIKE_FOR_LIKE)).nothing


def test_a_0009_store_upgrades_with_its_rows_meaning_what_they_meant(
    tmp_path: Path, catalog_dir: Path
) -> None:
    db = store.Store.open(f"sqlite:///{tmp_path / 'old.db'}")
    store.engine.migrate(db.engine, "0009")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO cities (id, name, country) VALUES (1, 'Testville', 'XX')")
        conn.exec_driver_sql(
            "INSERT INTO pledges (id, city_id, key, name, source, state, position)"
            " VALUES (1, 1, 'green-deal', 'Testville Green Deal', 's', 'active', 0)"
        )
        conn.exec_driver_sql(
            "INSERT INTO goals (id, pledge_id, key, name, position) VALUES (1, 1, 'g', 'G', 0)"
        )
        conn.exec_driver_sql(
            "INSERT INTO indicators (id, pledge_id, goal_id, key, name, unit, direction, path,"
            " aggregation, baseline_year, baseline_value, baseline_source, position)"
            " VALUES (1, 1, 1, 'emissions', 'Emissions', 'kt', 'lower', 'linear', 'last',"
            " 1990, 1000, 's', 0)"
        )
    store.engine.migrate(db.engine)  # through 0010 to the head: later columns too
    emissions = db.pledges()[0].goals[0].indicators[0]
    assert (emissions.coverage, emissions.floor) == (None, None)
    assert (emissions.baseline.coverage, emissions.baseline.definitional) == (None, False)
