"""The CDP mapping, like for like: constructions apart, 1 January periods, repeated totals,
coverage of targets and baselines, and the baseline's construction (methodology revision 3)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pledges import model, progress
from pledges.sources import cdp, cdp_inventories, cdp_layouts, cdp_series, cdp_targets
from tests import test_sources_cdp as files

H2017 = files.H2017.replace(
    "Total emissions (metric tonnes CO2e),",
    "Total emissions (metric tonnes CO2e),Scopes Included ,",
)
BASIC_SCOPES = '"Total Scope 1, Scope 2 and Waste Scope 3 (Total BASIC emissions)"'
CITY = "Administrative boundary of a local government"
GPC = files.GPC16
PARTS = "GPC; city boundary; scope 1 + 2 from the GPC table's parts"


def _row_2017(account: str, period: str, total: str, scopes: str) -> str:
    return (
        f"{account},City of A{account},A{account},Aland,Europe,2017,{period},{CITY},{GPC},"
        f"{total},{scopes},,,,50000,2016,\n"
    )


def _row_2020(account: str, period: str, parts: tuple[str, str], basic: str = "") -> str:
    return (
        f"2020,{account},City of A{account},A{account},Aland,Europe,{period},"
        f"Same – covers entire city and nothing else,{files.GPC},{parts[0]},{parts[1]},,,"
        f"{basic},50000,2019,\n"
    )


# Account 201: BASIC for 2015 in 2017; the 2020 edition gives 2015 again from the GPC parts
# (another construction: never a revision) and 2018 from the parts. Account 202: one total
# under 2016 and again under 2018 (repeated), its 2016 period ending on 1 January 2017.
FILE_2017 = (
    H2017
    + "\n"
    + _row_2017("201", "2015-01-01 - 2015-12-31", "1000", BASIC_SCOPES)
    + _row_2017("202", "2016-01-01 - 2017-01-01", "500", '"Total Scope 1 and Scope 2"')
).encode()
FILE_2020 = (
    files.H2020
    + "\n"
    + _row_2020("201", "2015-01-01 - 2015-12-31", ("600", "300"))
    + _row_2020("201", "2018-01-01 - 2018-12-31", ("550", "250"))
    + _row_2020("202", "2018-01-01 - 2018-12-31", ("", ""), basic="500")
).encode()
PANEL = [("2017.csv", FILE_2017), ("2020.csv", FILE_2020)]


def _values(panel: cdp.Panel) -> list[tuple[str, str, int, float, str]]:
    return [
        (r.city, r.indicator, r.period.year, r.value, r.method)
        for f in panel.inventory_files()
        for r in f.frame.itertuples(index=False)
    ]


def test_2017_scopes_included_name_the_construction() -> None:
    panel = cdp.read([("2017.csv", FILE_2017)])
    assert [(v[0], v[4]) for v in _values(panel)] == [
        ("A201", "GPC; city boundary; BASIC"),
        ("A202", "GPC; city boundary; scope 1 + 2 as one reported total"),
    ]


def test_a_later_edition_on_another_construction_is_another_series() -> None:
    panel = cdp.read(PANEL)
    a201 = [v for v in _values(panel) if v[0] == "A201"]
    assert a201 == [
        ("A201", "community-emissions", 2015, 1000.0, "GPC; city boundary; BASIC"),
        # 600 + 300 and 550 + 250: the GPC parts hold 2015 too, so they are their own indicator.
        (
            "A201",
            "community-emissions-2",
            2015,
            900.0,
            "GPC; city boundary; scope 1 + 2 from the GPC table's parts",
        ),
        (
            "A201",
            "community-emissions-2",
            2018,
            800.0,
            "GPC; city boundary; scope 1 + 2 from the GPC table's parts",
        ),
    ]
    (pledge,) = [p for p in panel.pledges if p.city.cdp_account == "201"]
    (goal,) = pledge.goals
    assert [i.key for i in goal.indicators] == ["community-emissions", "community-emissions-2"]
    assert goal.headline == "community-emissions"
    assert [i.floor for i in goal.indicators] == [0, 0]
    assert not goal.indicators[1].targets


def test_constructions_with_disjoint_years_share_the_main_indicator() -> None:
    keys = cdp_series.indicator_keys(
        [("1", "BASIC", 2015), ("1", "parts", 2018), ("1", "columns", 2018), ("1", "BASIC", 2016)],
        "main",
    )
    # BASIC holds 2015-2016, the parts 2018; the columns' 2018 is taken: their own.
    assert keys == {("1", "BASIC"): "main", ("1", "parts"): "main", ("1", "columns"): "main-2"}


def test_a_period_ending_on_1_january_is_the_year_before() -> None:
    assert cdp_inventories.accounting_year("2016-01-01 - 2017-01-01") == (
        2016,
        "accounting year 2016-01-01 - 2017-01-01, stored as 2016 (it ends on 1 January, so "
        "it is the year before's)",
    )
    assert cdp_inventories.accounting_year("1/1/2017 12:00:00 AM") == (
        2016,
        "accounting period ending 2017-01-01, stored as 2016",
    )
    a202 = [v for v in _values(cdp.read(PANEL)) if v[0] == "A202"]
    assert [v[2] for v in a202] == [2016, 2018]


def test_a_total_repeated_under_another_year_is_flagged_not_refused() -> None:
    panel = cdp.read(PANEL)
    later = panel.files[1]
    assert later.flagged() == {"repeated-total": 1}
    assert "repeated-total" not in later.counts()
    (issue,) = [i for i in later.report.issues if i.code == "repeated-total"]
    # 2020.csv row 4 is A202's 2018, the 500 first given for 2016 in 2017.csv row 3.
    assert (issue.row, issue.severity) == (4, "warning")
    assert issue.message == (
        "account 202 gives the same total, 500 t CO2e, as for 2016 (2017.csv row 3): "
        "perhaps that inventory again, not a new one"
    )
    notes = dict(zip(later.frame["row"], later.frame["note"], strict=True))
    assert notes[4] == (
        "repeated total: the same total, 500 t CO2e, as for 2016 (2017.csv row 3): "
        "perhaps that inventory again, not a new one"
    )
    assert panel.flagged() == {"repeated-total": 1}


def test_repeated_totals_only_across_years() -> None:
    points = [(2015, 10.0, "a"), (2015, 10.0, "b"), (2017, 10.0, "c"), (2018, 11.0, "d")]
    # b restates 2015 unchanged (not a repeat); c gives 2015's 10 under 2017.
    assert cdp_series.repeated_totals(points) == [cdp_series.Repeat(10.0, 2015, "a", 2017, "c")]


def _targets(*rows: str) -> bytes:
    return (files.HTARGETS + "\n" + "".join(rows)).encode()


ABSOLUTE = "Base year emissions (absolute) target"
FIXED = "Fixed level target"


def test_targets_and_baseline_carry_their_coverage() -> None:
    data = _targets(
        # A Transport target first in the file, for the same year as the city-wide one.
        files._target("301", ABSOLUTE, "Transport", "2010", "1000", "30", "2030", *["NA"] * 4),
        files._target("301", ABSOLUTE, files.ALL, "2010", "1000", "50", "2030", *["NA"] * 4),
        files._target(
            "301",
            FIXED,
            "Other, please specify: Energy, Transport, and Waste",
            *["NA"] * 3,
            "2040",
            "100",
            *["NA"] * 3,
        ),
    )
    table = cdp_layouts.read(data)
    plan = cdp_targets.plan("301", list(table.records))
    assert plan.baseline == cdp_targets.Baseline(3, 2010, 1000.0, None)
    got = [(t.row, t.year, t.change_pct, t.value, t.coverage) for t in plan.targets]
    # The city-wide 2030 target wins its year; the Transport one is refused as a duplicate.
    assert got == [
        (3, 2030, -50.0, None, None),
        (4, 2040, None, 100.0, "Energy, Transport, and Waste"),
    ]
    assert [(r.row, r.code) for r in plan.refused] == [(2, "target-duplicate-year")]


def test_coverage_of_a_sector() -> None:
    assert cdp_targets.coverage_of("All emissions sources included in city inventory") is None
    assert cdp_targets.coverage_of("Transport") == "Transport"
    assert cdp_targets.coverage_of("Other, please specify:  Buildings") == "Buildings"
    assert cdp_targets.coverage_of("Other, please specify: ") == cdp_targets.NOT_STATED
    # L.A.'s rows name a construction: BASIC, compared with the BASIC series (issue 25 (c)).
    la = "Other, please specify:  Target covers BASIC emissions only, although BASIC+ emissions"
    assert cdp_targets.coverage_of(la) == "BASIC"
    assert cdp_targets.coverage_of("Other, please specify: BASIC+ emissions") == "BASIC+"
    # 67 characters: cut at the last word within 60.
    long = (
        "Other, please specify: "
        + "Sewer Utility, Buildings & Facilities, Vehicle Fleet, Water Utility"
    )
    assert (
        cdp_targets.coverage_of(long)
        == "Sewer Utility, Buildings & Facilities, Vehicle Fleet, Water…"
    )


def test_a_sector_baseline_has_its_coverage_and_no_construction() -> None:
    data = _targets(
        files._target("302", ABSOLUTE, "Waste", "2010", "80", "40", "2030", *["NA"] * 4),
    )
    panel = cdp.read([("2020.csv", FILE_2020), ("targets.csv", data)])
    indicator = [p for p in panel.pledges if p.city.cdp_account == "302"][0].goals[0].indicators[0]
    assert (indicator.baseline.coverage, indicator.baseline.method) == ("Waste", None)
    assert [t.coverage for t in indicator.targets] == ["Waste"]


def _a201(target_rows: str) -> tuple[model.Indicator, list[tuple[str, str, int, float, str]]]:
    panel = cdp.read([*PANEL, ("targets.csv", _targets(target_rows))])
    (pledge,) = [p for p in panel.pledges if p.city.cdp_account == "201"]
    return pledge.goals[0].indicators[0], [v for v in _values(panel) if v[0] == pledge.city.name]


def test_a_baseline_of_a_year_without_an_inventory_is_on_no_construction() -> None:
    # Account 201 reports 2015 and 2018, never 2010: the 2010 baseline's construction is not
    # known, so it is a reference only (issue 25 (d)), never joined to the 2018 line.
    row = files._target("201", ABSOLUTE, files.ALL, "2010", "1200", "50", "2030", *["NA"] * 4)
    indicator, _ = _a201(row)
    assert (indicator.baseline.year, indicator.baseline.value) == (2010, 1200.0)
    assert (indicator.baseline.coverage, indicator.baseline.method) == (None, None)


def test_a_baseline_is_on_its_own_years_construction_nearest_its_value() -> None:
    # 2015 holds BASIC 1,000 t and the GPC parts 600 + 300 = 900 t; a 910 t baseline is 10 from
    # 900 and 90 from 1,000: it is on the GPC parts, which take the main indicator first.
    row = files._target("201", ABSOLUTE, files.ALL, "2015", "910", "50", "2030", *["NA"] * 4)
    indicator, values = _a201(row)
    assert indicator.baseline.method == PARTS
    assert [(v[1], v[2], v[3]) for v in values if v[4] == PARTS] == [
        ("community-emissions", 2015, 900.0),
        ("community-emissions", 2018, 800.0),
    ]
    assert [(v[1], v[2]) for v in values if v[4] == "GPC; city boundary; BASIC"] == [
        ("community-emissions-2", 2015)
    ]
    # Judged on one construction: 900 t (2015, the value wins over the baseline in its year)
    # to 800 t (2018) toward 910 x 0.5 = 455 t: (800 - 900) / (455 - 900) = 22.5 %.
    main = [v for v in values if v[1] == "community-emissions"]
    frame = pd.DataFrame(
        {
            "period": [dt.date(v[2], 1, 1) for v in main],
            "value": [v[3] for v in main],
            "method": [v[4] for v in main],
        }
    )
    a = progress.assess(indicator, frame, dt.date(2026, 6, 30))
    assert a.basis_method == PARTS
    assert a.progress_share == pytest.approx(100 / 445)


def test_a_coverage_naming_basic_puts_the_baseline_on_the_accounts_basic_series() -> None:
    sector = "Other, please specify: Target covers BASIC emissions only, although BASIC+ is"
    row = files._target("201", ABSOLUTE, sector, "1990", "1500", "50", "2030", *["NA"] * 4)
    indicator, values = _a201(row)
    assert indicator.baseline.coverage == "BASIC"
    assert indicator.baseline.method == "GPC; city boundary; BASIC"
    assert [t.coverage for t in indicator.targets] == ["BASIC"]
    assert ("community-emissions", 2015, 1000.0) in [(v[1], v[2], v[3]) for v in values]
