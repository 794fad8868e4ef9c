"""A city's headline is its own: the panel's copy beside the city's own pledges is shown "as
reported to CDP", never counted, and says in one line where its construction differs."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from pledges import catalog, model, service, store
from pledges.views import formatting, summaries
from pledges.views.pages import overview as ov
from tests import test_cdp_like_for_like as like
from tests import test_service_cdp as panel_files
from tests import test_sources_cdp as files

EDITOR = model.Actor("ed", "editor")
# L.A.'s own pledge: community-wide tonnes on the GPC BASIC construction, 2 values falling.
OWN = textwrap.dedent(
    """\
    city: {name: Los Angeles, country: US, population: 3900000}
    pledge: {id: green, name: Green, source: "synthetic"}
    goals:
      - id: g
        name: G
        indicators:
          - id: ghg
            name: Community-wide GHG emissions
            unit: t
            direction: lower
            baseline: {year: 2010, value: 40, source: "synthetic", method: GPC BASIC}
            targets: [{year: 2030, value: 10, source: "synthetic"}]
    """
)
OWN_VALUES = (
    "city,pledge,indicator,period,value,unit,source,method\n"
    "Los Angeles,green,ghg,2020,30,t,synthetic,GPC BASIC\n"
    "Los Angeles,green,ghg,2022,28,t,synthetic,GPC BASIC\n"
)
# The panel: 2017 from the GPC table's parts (20 + 5); 2018 from the Total Scope columns
# (LA_2021: 20 + 5), the newest construction, which the all-sources baseline is on.
LA_2020 = (
    files.H2020 + "\n"
    "2020,10894,City of Los Angeles,Los Angeles,United States of America,North America,"
    "2017-01-01 - 2017-12-31,Same – covers entire city and nothing else,"
    f"{files.GPC},20,5,,,,4000000,2019,\n"
).encode()
TARGETS = (
    files.HTARGETS
    + "\n"
    + files._target(
        "10894",
        "Base year emissions (absolute) target",
        files.ALL,
        "2010",
        "40",
        "50",
        "2030",
        "NA",
        "NA",
        "NA",
        "NA",
        row_city="Los Angeles",
    )
).encode()
TODAY = dt.date(2024, 6, 30)


@pytest.fixture
def la(tmp_path: Path) -> store.Store:
    folder = tmp_path / "pledges"
    folder.mkdir()
    (folder / "la.yaml").write_text(OWN, encoding="utf-8")
    db = store.Store.open(f"sqlite:///{tmp_path / 'la.db'}")
    db.migrate()
    db.sync_catalog(catalog.load_pledges(folder))
    values = tmp_path / "la.csv"
    values.write_text(OWN_VALUES, encoding="utf-8")
    service.import_path(db, EDITOR, values)
    service.import_panel(
        db,
        EDITOR,
        [("t.csv", TARGETS), ("2020.csv", LA_2020), ("2021.csv", panel_files.LA_2021)],
    )
    return db


def _summaries(db: store.Store) -> list[summaries.PledgeSummary]:
    items = service.assess(db, "Los Angeles", today=TODAY)
    return service.summarise(db.pledges(city="Los Angeles"), items)


def test_the_panel_copy_is_not_counted_in_the_city(la: store.Store) -> None:
    pledged = _summaries(la)
    assert [(s.pledge.key, s.active, s.counted) for s in pledged] == [
        ("green", True, True),
        ("cdp", True, False),
    ]
    # Both pledges have a status of their own; the city counts only its own one.
    assert pledged[0].rollup.status is not None and pledged[1].rollup.status is not None
    city = service.city_rollup(pledged, "Los Angeles")
    assert city.status == pledged[0].rollup.status
    assert city.counts_text.startswith("1 of 1 pledges assessed")
    assert summaries.active_count(pledged) == 1


def test_a_city_without_pledges_of_its_own_counts_its_panel_pledge(la: store.Store) -> None:
    panel_only = [p for p in la.pledges(city="Los Angeles") if p.key == "cdp"]
    assert not service.beside_own(panel_only[0], panel_only)
    items = [i for i in service.assess(la, "Los Angeles", today=TODAY) if i.pledge.key == "cdp"]
    (summary,) = service.summarise(panel_only, items)
    assert summary.counted


def test_the_page_says_as_reported_and_the_construction_in_one_line(la: store.Store) -> None:
    pledged = _summaries(la)
    assert ov.as_reported_lines(pledged[0], pledged) == []
    assert ov.as_reported_lines(pledged[1], pledged) == [
        formatting.AS_REPORTED_NOTE,
        "Another construction than the city's own series: GPC; city boundary; scope 1 + 2 from "
        "the Total Scope columns here; GPC BASIC in Community-wide GHG emissions.",
    ]


def test_the_city_page_names_a_repeated_total(la: store.Store) -> None:
    pledged = _summaries(la)
    # The panel: 20 + 5 = 25 for 2017 (GPC parts), 20 + 5 = 25 again for 2018 (Total Scope).
    assert ov.repeat_lines(pledged[1]) == [
        "Repeated total: 25 t CO2e is given for 2017 and again for 2018; the 2018 figure may be "
        "the 2017 inventory reported again, not a new one."
    ]
    assert ov.repeat_lines(pledged[0]) == []


def test_other_constructions_are_not_shared_indicators(tmp_path: Path) -> None:
    db = store.Store.open(f"sqlite:///{tmp_path / 'two.db'}")
    db.migrate()
    service.import_panel(db, EDITOR, like.PANEL)
    # A201's GPC parts hold 2015 as BASIC does: community-emissions-2, A201's alone.
    a201 = service.assess(db, "A201", today=TODAY)
    a202 = service.assess(db, "A202", today=TODAY)
    assert {i.indicator.key for i in a201} == {"community-emissions", "community-emissions-2"}
    shared = summaries.shared_indicators([("A201", a201), ("Twin", a201), ("A202", a202)])
    assert set(shared["indicator"]) == {"community-emissions"}
