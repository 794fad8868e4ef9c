"""The CDP–ICLEI connector over small files made here (synthetic rows, real header spellings)."""

from __future__ import annotations

import datetime as dt

import pytest

from pledges.sources import cdp, cdp_inventories, cdp_layouts, cdp_targets

H2016 = (
    "Account Number,City Name,Country,City Short Name,Reporting Year,Measurement Year,Boundary,"
    "Primary Methodology,Methodology Details,Total City-wide Emissions (metric tonnes CO2e),"
    "Total Scope 1 Emissions (metric tonnes CO2e),Total Scope 2 Emissions (metric tonnes CO2e),"
    "Current Population Year,Current Population,City Location"
)
H2017 = (
    "Account number,Organization,City,Country,Region,Reporting year,Accounting year,Boundary,"
    "Protocol,Total emissions (metric tonnes CO2e),Total Scope 1 Emissions (metric tonnes CO2e),"
    "Total Scope 2 Emissions (metric tonnes CO2e),Reason for increase/decrease in emissions,"
    "Population,Population year,City Location"
)
H2018 = (
    "Year Reported to CDP,Account Number,Organization,City,Country,CDP Region,Accounting Year,"
    "Inventory Boundary,Primary Protocol,"
    "Direct emissions/ Scope 1 (metric tonnes CO2e) for Total emissions (excluding generation "
    "of grid-supplied energy) ,"
    "Indirect emissions from use of grid supplied energy/Scope 2 (metric tonnes CO2e) for Total "
    "emissions (excluding generation of grid-supplied energy),"
    "Total Scope 1 Emissions (metric tonnes CO2e),Total Scope 2 Emissions (metric tonnes CO2e),"
    "Total BASIC Emissions (GPC),Population,Population Year,City Location"
)
H2020 = (
    "Year Reported to CDP,Account Number,Organization,City,Country,CDP Region,Accounting year,"
    "Inventory boundary (compared to Administrative city boundary),Primary Protocol,"
    "Direct emissions (metric tonnes CO2e) for Total emissions (excluding generation of "
    "grid-supplied energy),"
    "Indirect emissions from use of grid supplied energy (metric tonnes CO2e) for Total "
    "Emissions (excluding generation of grid-supplied energy),"
    "TOTAL Scope 1 Emissions (metric tonnes CO2e),TOTAL Scope 2 emissions (metric tonnes CO2e),"
    "TOTAL BASIC Emissions (GPC),Population,Population Year,City Location"
)
# The mirror's R "clean names" copy: dots for spaces and brackets.
HTARGETS = (
    '"Year.Reported.to.CDP","Account.Number","Organization","City","Country","CDP.Region",'
    '"Type.of.target","Sector","Base.year","Base.year.emissions..metric.tonnes.CO2e.",'
    '"Percentage.reduction.target","Target.year",'
    '"Target.year.absolute.emissions..metric.tonnes.CO2e.","Intensity.unit..Emissions.per.",'
    '"Estimated.business.as.usual.absolute.emissions.in.target.year..metric.tonnes.CO2e.",'
    '"Percentage.of.target.achieved.so.far","Population","Population.Year","City.Location"'
)

GPC16 = '"Global Protocol for Community-Scale Greenhouse Gas Emissions Inventories (GPC), (WRI)"'
FILE_2016 = (
    H2016 + "\n"
    f"101,City of Alpha,Aland,Alpha,2016,12/31/2013 12:00:00 AM,"
    f'Administrative boundary of a local government,{GPC16},"first line\nsecond line",'
    '1000,600,400,2015,50000,"(10.5, 20.25)"\n'
    "102,Beta Town,Bland,Beta,2016,06/30/2015 12:00:00 AM,A metropolitan area,"
    "2006 IPCC Guidelines for National Greenhouse Gas Inventories,,2000,,,,,\n"
).encode()
FILE_2017 = (
    H2017 + "\n"
    "101,City of Alpha,Alpha,Aland,Europe,2017,2013-01-01 - 2013-12-31,"
    f"Administrative boundary of a local government,{GPC16},"
    '1100,,,"restated:\nnew factors",51000,2016,"(10.5, 20.25)"\n'
    "103,Gamma,Gamma,Cland,Africa,2017,2013-07-01 - 2014-06-30,Other,Other,0,,,,,,\n"
).encode()
FILE_2018 = (
    H2018 + "\n"
    "2018,101,City of Alpha,Alpha,Aland,Europe,2015-01-01 - 2015-12-31,"
    "Administrative boundary of a local government,"
    "Global Protocol for Community Greenhouse Gas Emissions Inventories (GPC),"
    ",,700,300,Not Applicable,52000,2017,POINT (20.25 10.5)\n"
    "2018,104,City of Delta,Delta,Dland,Asia,,,,,,,,,60000,2017,\n"
    "2018,105,City of Epsilon,Epsilon,Eland,Asia,- 2016-12-31,,,,,,,1234,,,\n"
    "2018,106,City of Zeta,Zeta,Zland,Asia,2016-01-01 - 2016-12-31,,,,,500,,,,,\n"
).encode()
GPC = "Global Protocol for Community Greenhouse Gas Emissions Inventories (GPC)"
FILE_2020 = (
    H2020 + "\n"
    f"2020,107,City of Eta,Eta,Hland,Europe,2018-01-01 - 2018-12-31,"
    f"Same – covers entire city and nothing else,{GPC},80,20,,,,9000,2019,POINT (5 6)\n"
    f"2020,107,City of Eta,Eta,Hland,Europe,2018-01-01 - 2018-12-31,"
    f"Same – covers entire city and nothing else,{GPC},1,1,,,,9000,2019,POINT (5 6)\n"
    f"2020,108,Tokyo-ish Prefecture,,Jland,East Asia,2017-04-01 - 2018-03-31,"
    f"Larger – covers the whole city and adjoining areas,{GPC},,,,,5000,,,\n"
).encode()
# 2021: the same layout as 2020; account 107 renamed and its 2018 inventory restated.
FILE_2021 = (
    H2020 + "\n"
    f'2021,107,"City of Eta, HL",Eta,Hland,Europe,2018-01-01 - 2018-12-31,'
    f"Same – covers entire city and nothing else,{GPC},70,25,,,,9500,2020,POINT (5 6)\n"
).encode()


def _target(account: str, kind: str, *cells: str, row_city: str = "Alpha") -> str:
    sector, base_year, base, pct, year, level, unit, bau, achieved = cells
    return (
        f'2021,{account},"City of {row_city}","{row_city}","Aland","Europe","{kind}","{sector}",'
        f"{base_year},{base},{pct},{year},{level},{unit},{bau},{achieved},50000,2020,NA\n"
    )


ALL = "All emissions sources included in city inventory"
FILE_TARGETS = (
    HTARGETS
    + "\n"
    + _target(
        "101",
        "Base year emissions (absolute) target",
        ALL,
        "2010",
        "1000",
        "50",
        "2030",
        "NA",
        "NA",
        "NA",
        "20",
    )
    + _target(
        "101",
        "Base year emissions (absolute) target",
        ALL,
        "2010",
        "1000",
        "80",
        "2050",
        "NA",
        "NA",
        "NA",
        "NA",
    )
    + _target(
        "101",
        "Base year emissions (absolute) target",
        "Transport",
        "2015",
        "300",
        "30",
        "2030",
        "NA",
        "NA",
        "NA",
        "NA",
    )
    + _target("101", "Fixed level target", ALL, "NA", "NA", "NA", "2045", "0", "NA", "NA", "5")
    + _target(
        "101",
        "Base year intensity target",
        ALL,
        "2015",
        "NA",
        "40",
        "2030",
        "NA",
        "capita",
        "NA",
        "NA",
    )
    + _target(
        "101",
        "Baseline scenario (business as usual) target",
        ALL,
        "2017",
        "NA",
        "15",
        "2024",
        "NA",
        "NA",
        "1500",
        "NA",
    )
    + _target(
        "101",
        "Base year emissions (absolute) target",
        ALL,
        "2010",
        "1000",
        "45",
        "2030",
        "NA",
        "NA",
        "NA",
        "NA",
    )
    + _target("109", "No target", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA")
    + _target(
        "110",
        "Base year emissions (absolute) target",
        ALL,
        "NA",
        "NA",
        "50",
        "2030",
        "NA",
        "NA",
        "NA",
        "NA",
    )
).encode()


@pytest.mark.parametrize(
    ("data", "layout"),
    [
        (FILE_2016, "cdp-inventory-2016"),
        (FILE_2017, "cdp-inventory-2017"),
        (FILE_2018, "cdp-inventory-2018"),
        (FILE_2020, "cdp-inventory-2020"),
        (FILE_2021, "cdp-inventory-2020"),
        (FILE_TARGETS, "cdp-targets-2021"),
        (FILE_TARGETS.replace(b".", b" "), "cdp-targets-2021"),
        (b"city,pledge,indicator,period,value\n", None),
    ],
    ids=["2016", "2017", "2018", "2020", "2021", "targets-dots", "targets-spaces", "other"],
)
def test_layout_is_recognised_by_header(data: bytes, layout: str | None) -> None:
    table = cdp_layouts.read(data)
    assert (table.layout.name if table else None) == layout


def _rows(data: bytes) -> list[tuple[object, ...]]:
    panel = cdp.read([("f.csv", data)])
    frame = panel.files[0].frame
    return [
        (r.city, r.period.year, r.value, r.method, r.note, r.row)
        for r in frame.itertuples(index=False)
    ]


def _refused(data: bytes) -> list[tuple[int | None, str | None, str]]:
    return cdp.read([("f.csv", data)]).files[0].report.positions()


def test_2016_multiline_field_and_fiscal_end_date() -> None:
    # Alpha's record spans two lines (a quoted field): Beta is still record (row) 3.
    assert _rows(FILE_2016) == [
        ("Alpha", 2013, 1000.0, "GPC; city boundary; reported total", None, 2),
        (
            "Beta",
            2015,
            2000.0,
            "IPCC 2006; larger than the city; reported total",
            "accounting period ending 2015-06-30, stored as 2015",
            3,
        ),
    ]
    assert _refused(FILE_2016) == []


def test_2017_fiscal_year_by_its_end_and_zero_total_refused() -> None:
    assert _rows(FILE_2017) == [
        ("Alpha", 2013, 1100.0, "GPC; city boundary; reported total", None, 2)
    ]
    assert _refused(FILE_2017) == [(3, "total", "total-not-positive")]


def test_2018_blank_basic_falls_back_to_scope_totals() -> None:
    assert _rows(FILE_2018) == [
        (
            "Alpha",
            2015,
            1000.0,
            "GPC; city boundary; scope 1 + 2 from the Total Scope columns",
            None,
            2,
        )
    ]
    assert _refused(FILE_2018) == [
        (3, None, "no-inventory"),
        (4, "period", "period-unreadable"),
        (5, "scope2", "scope-incomplete"),  # scope 1 given, scope 2 blank
    ]


def test_2020_scope_parts_fiscal_year_and_duplicate_in_file() -> None:
    assert _rows(FILE_2020) == [
        ("Eta", 2018, 100.0, "GPC; city boundary; scope 1 + 2 from the GPC table's parts", None, 2),
        (
            "Tokyo-ish Prefecture",
            2018,
            5000.0,
            "GPC; larger than the city; BASIC",
            "accounting year 2017-04-01 - 2018-03-31, stored as 2018 (the year it ends)",
            4,
        ),
    ]
    assert _refused(FILE_2020) == [(3, "period", "duplicate-in-file")]


def test_renamed_organisation_is_one_city_and_restated_year_is_in_each_edition() -> None:
    panel = cdp.read([("2021.csv", FILE_2021), ("2020.csv", FILE_2020)])
    etas = [p for p in panel.pledges if p.city.cdp_account == "107"]
    assert len(etas) == 1
    # The newest edition's facts win: population 9,500 of 2020.
    assert (etas[0].city.name, etas[0].city.population, etas[0].city.population_year) == (
        "Eta",
        9500,
        2020,
    )
    assert (etas[0].city.latitude, etas[0].city.longitude) == (6.0, 5.0)
    files = panel.inventory_files()
    assert [f.edition for f in files] == [2020, 2021]
    # 2021 restates 2018: 70 + 25 = 95 where 2020 said 80 + 20 = 100.
    assert [(r.city, r.value) for r in files[1].frame.itertuples()] == [("Eta", 95.0)]


def test_targets_of_each_type() -> None:
    panel = cdp.read([("targets.csv", FILE_TARGETS)])
    (alpha,) = [p for p in panel.pledges if p.city.cdp_account == "101"]
    ((_, indicator),) = alpha.indicators()
    assert alpha.name == "Emissions reduction targets reported to CDP, 2021"
    assert (indicator.baseline.year, indicator.baseline.value) == (2010, 1000.0)
    got = [
        (t.year, t.kind, round(t.value, 6), t.change_pct, t.claimed_pct) for t in indicator.targets
    ]
    assert got == [
        (2030, "change_pct", 500.0, -50.0, 20.0),  # 1000 x (1 - 50 %)
        (2045, "value", 0.0, None, 5.0),
        (2050, "change_pct", 200.0, -80.0, None),  # 1000 x (1 - 80 %)
    ]
    assert "Intensity target: 40 % reduction from base year 2015 per capita by 2030" in alpha.note
    assert "Business-as-usual target: 15 % reduction" in alpha.note
    assert "Absolute target from another baseline: 30 % reduction from base year 2015" in (
        alpha.note
    )
    assert panel.files[0].report.positions() == [
        (4, None, "target-other-baseline"),
        (6, None, "target-intensity"),
        (7, None, "target-bau"),
        (8, "target_year", "target-duplicate-year"),
        (9, None, "no-target"),
        (10, None, "target-incomplete"),
    ]
    # Accounts with nothing usable (109: no target; 110: incomplete) are not cities.
    assert {p.city.cdp_account for p in panel.pledges} == {"101"}


def test_target_plan_prefers_the_all_sources_baseline() -> None:
    table = cdp_layouts.read(FILE_TARGETS)
    rows = [r for r in table.records if r.text("account") == "101"]
    plan = cdp_targets.plan("101", rows)
    assert (plan.baseline.year, plan.baseline.value, plan.baseline.row) == (2010, 1000.0, 2)


@pytest.mark.parametrize(
    ("organisations", "seed"),
    [
        (["City of Los Angeles"], "Los Angeles"),
        (["Los Angeles city council", "City of Los Angeles, CA"], "Los Angeles"),
        (["New York City, NY"], "New York City"),
        (["Greater London Authority"], "London"),
        (["City of London, ON"], None),
        (["City of San Francisco, CA"], "San Francisco"),
        (["City of Copenhagen"], "Copenhagen"),
        (["City of Richmond, BC"], None),
    ],
    ids=["la", "la-renamed", "nyc", "london", "london-ontario", "sf", "cph", "other"],
)
def test_seed_name_map(organisations: list[str], seed: str | None) -> None:
    assert cdp.seed_name(organisations) == seed


def test_clashing_names_say_country_and_account() -> None:
    accounts = {
        "1": {"city": "Richmond", "country": "Canada"},
        "2": {"city": "Richmond", "country": "United States of America"},
        "3": {"city": "London", "country": "Canada"},
        "4": {"organisation": "Greater London Authority", "city": "London"},
    }
    assert cdp.city_names(accounts, {"4": "London"}) == {
        "1": "Richmond (Canada, CDP 1)",
        "2": "Richmond (United States of America, CDP 2)",
        "3": "London (Canada, CDP 3)",
        "4": "London",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/31/2013 12:00:00 AM", (2013, None)),
        ("2013-01-01 - 2013-12-31", (2013, None)),
        (
            "2013-04-01 - 2014-03-31",
            (2014, "accounting year 2013-04-01 - 2014-03-31, stored as 2014 (the year it ends)"),
        ),
        ("- 2017-12-31", None),
        ("2016-01-01 -", None),
    ],
    ids=["us-date", "calendar", "fiscal", "no-start", "no-end"],
)
def test_accounting_year_by_its_end(text: str, expected: tuple[int, str | None] | None) -> None:
    assert cdp_inventories.accounting_year(text) == expected


def test_location_both_spellings() -> None:
    assert cdp.location("POINT (-118.244 34.0522)") == (34.0522, -118.244)
    assert cdp.location("(-10.249091, -48.324286)") == (-10.249091, -48.324286)
    assert cdp.location("") is None


def test_periods_are_annual_dates() -> None:
    frame = cdp.read([("f.csv", FILE_2016)]).files[0].frame
    assert frame["period"].tolist() == [dt.date(2013, 1, 1), dt.date(2015, 1, 1)]
    assert frame["annual"].all()
