"""The CDP–ICLEI panel through the service: one batch a file, revisions, undo, as-of, seeds."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from pledges import catalog, errors, model, service, store
from tests import test_cdp_like_for_like as like
from tests import test_sources_cdp as files

EDITOR = model.Actor("ed", "editor")
LA = textwrap.dedent(
    """\
    city: {name: Los Angeles, country: US, population: 3900000}
    pledge: {id: green, name: Green, source: "synthetic"}
    goals:
      - id: g
        name: G
        indicators:
          - {id: e, name: E, unit: t, direction: lower}
    """
)
LA_2021 = (
    files.H2020 + "\n"
    '2021,10894,"City of Los Angeles, CA",Los Angeles,United States of America,North America,'
    "2018-01-01 - 2018-12-31,Same – covers entire city and nothing else,"
    f"{files.GPC},,,20,5,,4000000,2020,POINT (-118.244 34.0522)\n"
).encode()


@pytest.fixture
def panel_db(tmp_path: Path) -> store.Store:
    """A migrated database whose catalog defines Los Angeles (as the seed does)."""
    folder = tmp_path / "pledges"
    folder.mkdir()
    (folder / "la.yaml").write_text(LA, encoding="utf-8")
    handle = store.Store.open(f"sqlite:///{tmp_path / 'panel.db'}")
    handle.migrate()
    handle.sync_catalog(catalog.load_pledges(folder))
    return handle


PANEL = [("2020.csv", files.FILE_2020), ("2021.csv", files.FILE_2021)]


def test_restated_year_is_a_revision_and_twice_adds_nothing(panel_db: store.Store) -> None:
    first = service.import_panel(panel_db, EDITOR, PANEL)
    assert [(name, b.status, b.added, b.changed) for name, b in first.batches] == [
        ("2020.csv", "committed", 2, 0),  # Eta 2018 and the prefecture's fiscal 2018
        ("2021.csv", "committed", 0, 1),  # Eta 2018 restated: 100 -> 95
    ]
    eta = panel_db.observations(city="Eta")
    assert eta[["period", "value"]].values.tolist() == [[dt.date(2018, 1, 1), 95.0]]
    revisions = panel_db.revisions(city="Eta")
    assert revisions[["value", "new_value"]].values.tolist() == [[100.0, 95.0]]

    again = service.import_panel(panel_db, EDITOR, PANEL)
    assert again.sync.nothing
    assert [b.status for _, b in again.batches] == ["duplicate", "duplicate"]
    assert len(panel_db.observations()) == 2


def test_undo_of_a_cdp_batch_and_as_of(panel_db: store.Store) -> None:
    outcome = service.import_panel(panel_db, EDITOR, PANEL)
    first, second = (b for _, b in outcome.batches)
    service.undo(panel_db, EDITOR, second.id)
    assert panel_db.observations(city="Eta")["value"].tolist() == [100.0]
    assert panel_db.observations(city="Eta", as_of=second.committed_at)["value"].tolist() == [95.0]
    assert panel_db.observations(city="Eta", as_of=first.committed_at)["value"].tolist() == [100.0]


def test_seed_city_is_matched_not_duplicated(panel_db: store.Store) -> None:
    service.import_panel(panel_db, EDITOR, [("la.csv", LA_2021)])
    cities = [c for c in panel_db.cities() if "Los Angeles" in c.name]
    # The seed's own record (country US, its population) is kept.
    assert [(c.name, c.country, c.population) for c in cities] == [("Los Angeles", "US", 3900000)]
    assert [p.key for p in panel_db.pledges(city="Los Angeles")] == ["green", "cdp"]
    assert panel_db.observations(city="Los Angeles", pledge="cdp")["value"].tolist() == [25.0]


def test_viewer_may_dry_run_but_not_import(panel_db: store.Store) -> None:
    dry = service.import_panel(panel_db, model.VIEWER, PANEL, dry_run=True)
    assert dry.batches == () and dry.sync is None
    assert len(dry.panel.pledges) == 2
    with pytest.raises(errors.NotAllowed):
        service.import_panel(panel_db, model.VIEWER, PANEL)
    assert panel_db.history() == []


def test_unknown_file_stores_nothing(panel_db: store.Store) -> None:
    outcome = service.import_panel(panel_db, EDITOR, [*PANEL, ("x.csv", b"a,b\n1,2\n")])
    assert not outcome.panel.ok and outcome.batches == ()
    assert panel_db.history() == []


def test_city_facts_and_the_citys_claim_are_stored(panel_db: store.Store) -> None:
    service.import_panel(panel_db, EDITOR, [("t.csv", files.FILE_TARGETS), *PANEL])
    (eta,) = [c for c in panel_db.cities() if c.cdp_account == "107"]
    assert (eta.region, eta.population, eta.population_year) == ("Europe", 9500, 2020)
    assert (eta.latitude, eta.longitude) == (6.0, 5.0)
    (alpha,) = panel_db.pledges(city="Alpha")
    (_, indicator) = alpha.indicators()[0]
    assert [(t.year, t.claimed_pct) for t in indicator.targets] == [
        (2030, 20.0),
        (2045, 5.0),
        (2050, None),
    ]


def test_panel_status_agrees_with_assess_one_by_one(panel_db: store.Store) -> None:
    service.import_panel(panel_db, EDITOR, [("t.csv", files.FILE_TARGETS), *PANEL])
    today = dt.date(2026, 6, 30)
    table = service.panel_status(panel_db, today=today)
    assert list(table.columns) == service.PANEL_COLUMNS
    slow = {
        s.pledge.city.name: s.assessment
        for s in service.assess(panel_db, today=today)
        if s.pledge.key == "cdp"
    }
    assert sorted(table["city"]) == sorted(slow) == ["Alpha", "Eta", "Tokyo-ish Prefecture"]
    fast = {
        row["city"]: (row["status"], None if pd.isna(row["latest_year"]) else row["latest_year"])
        for row in table.to_dict("records")
    }
    assert fast == {city: (a.status, a.latest_year) for city, a in slow.items()}
    # Alpha has targets and no values; Eta one value (2018); the prefecture one (fiscal 2018).
    assert fast["Alpha"] == ("insufficient data", None)
    eta = table.set_index("city").loc["Eta"]
    assert (eta["region"], eta["population"], eta["population_year"]) == ("Europe", 9500, 2020)


def test_panel_status_keeps_to_the_main_series_and_names_its_construction(
    panel_db: store.Store,
) -> None:
    service.import_panel(panel_db, EDITOR, like.PANEL)
    table = service.panel_status(panel_db, today=dt.date(2024, 6, 30)).set_index("city")
    # A201: BASIC 2015 in the main series; the GPC parts (2015, 2018) are their own indicator.
    a201 = table.loc["A201"]
    assert (a201["values"], a201["construction"], a201["points"]) == (
        1,
        "GPC; city boundary; BASIC",
        0,
    )
    assert table.loc["A202", "values"] == 2
