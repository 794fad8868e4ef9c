"""The panel's view: bands, filters, the table as read, peers and the pace chart's points."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pledges.views.pages import panel

NAN = math.nan


def _table() -> pd.DataFrame:
    """Four synthetic cities (made here, labelled synthetic)."""
    return panel.with_bands(
        pd.DataFrame(
            {
                "city": ["Aton", "Beton", "Ceton", "Deton"],
                "country": ["X", "X", "Y", "Y"],
                "region": ["Europe", "Europe", "Europe", "Africa"],
                "population": pd.array([50_000, 80_000, 60_000, None], dtype="Int64"),
                "population_year": pd.array([2020, 2020, 2020, None], dtype="Int64"),
                "status": ["on track", "off track", "insufficient data", "trend only"],
                "symbol": ["", "", "", ""],
                "evidence": ["strong", "weak", None, None],
                "progress_share": [0.5, 0.1, NAN, NAN],
                "pace_ratio": [1.2, 0.41, NAN, NAN],
                "latest_year": [2020.0, 2019.0, 2018.0, NAN],
                "points": [4, 3, 1, 0],
                "slope": [-30.0, -5.0, NAN, NAN],
                "required_pace": [-25.0, -12.0, NAN, NAN],
                "baseline_value": [1000.0, 500.0, 800.0, NAN],
                "next_target_year": [2030.0, 2030.0, NAN, NAN],
                "baseline_year": [2010.0, 2015.0, 2005.0, NAN],
                "final_target_year": [2050.0, 2030.0, NAN, NAN],
                "values": pd.array([4, 3, 1, 0], dtype="Int64"),
                "construction": ["GPC; city boundary; BASIC", "B", None, None],
                "claims": ["48 % of the 2025 target", None, None, None],
            }
        )
    )


@pytest.mark.parametrize(
    ("population", "band"),
    [
        (99_999, "under 100,000"),
        (100_000, "100,000 to 1 million"),
        (8e6, "5 million and more"),
        (None, "population not stated"),
    ],
    ids=["small", "edge", "large", "unknown"],
)
def test_population_band(population: float | None, band: str) -> None:
    assert panel.population_band(population) == band


def test_filters_and_search() -> None:
    table = _table()
    assert list(panel.choose(table, panel.Filters(regions=("Europe",)))["city"]) == [
        "Aton",
        "Beton",
        "Ceton",
    ]
    assert list(panel.choose(table, panel.Filters(countries=("Y",), search="det"))["city"]) == [
        "Deton"
    ]
    assert list(panel.choose(table, panel.Filters(statuses=("off track",)))["city"]) == ["Beton"]


def test_display_never_shows_raw_values() -> None:
    shown = panel.display(_table())
    assert list(shown.columns) == [
        "city",
        "country",
        "region",
        "population",
        "status",
        "grade",
        "progress share",
        "pace ratio",
        "latest year",
        "base year",
        "target year",
        "values",
        "construction",
        "city's own claim",
    ]
    assert shown["pace ratio"].tolist() == ["1.20", "0.41", "–", "–"]
    assert shown["base year"].tolist() == [2010, 2015, 2005, pd.NA]
    assert shown["target year"].tolist() == [2050, 2030, pd.NA, pd.NA]
    assert shown["values"].tolist() == [4, 3, 1, 0]
    assert shown["construction"].tolist() == ["GPC; city boundary; BASIC", "B", "–", "–"]
    assert shown["city's own claim"].tolist() == ["48 % of the 2025 target", "–", "–", "–"]
    assert shown["grade"].tolist() == ["strong", "weak", "no grade", "no grade"]


def test_grade_filter() -> None:
    table = _table()
    assert list(panel.choose(table, panel.Filters(grades=("weak",)))["city"]) == ["Beton"]
    assert list(panel.choose(table, panel.Filters(grades=("no grade",)))["city"]) == [
        "Ceton",
        "Deton",
    ]


def test_peer_sentence_ranks_within_region_and_band() -> None:
    # Aton (1.2) and Beton (0.41) are the European cities under 100,000 with a pace ratio.
    assert panel.peer_sentence(_table(), "Beton") == (
        "pace ratio 0.41: 2nd of 2 cities in Europe of under 100,000 people with a 2030 target "
        "(self-reported to CDP)"
    )
    assert panel.peer_sentence(_table(), "Ceton") is None


def test_peers_share_the_target_year() -> None:
    # Aton's next target moves to 2025: Beton is then alone among 2030 targets, 1st of 1.
    table = _table()
    table.loc[table["city"] == "Aton", "next_target_year"] = 2025.0
    assert panel.peer_sentence(table, "Beton") == (
        "pace ratio 0.41: the only city in Europe of under 100,000 people with a 2030 target "
        "and a pace ratio (self-reported to CDP)"
    )
    assert panel.peer_sentence(table, "Aton").startswith("pace ratio 1.20: the only city ")


def test_pace_points_as_share_of_baseline() -> None:
    points = panel.pace_points(_table())
    # Aton: -30 / 1000 = -3 % a year against -25 / 1000 = -2.5 %; Beton: -1 % against -2.4 %.
    assert points[["city", "actual", "needed"]].values.tolist() == [
        ["Aton", -3.0, -2.5],
        ["Beton", -1.0, -2.4],
    ]
    assert panel.pace_summary(points, "Aton").startswith(
        "2 cities have a pace; 1 fall at least as fast as their target needs"
    )
    fig = panel.pace_figure(points, "Aton")
    assert [t.name for t in fig.data] == ["on track (pace = pace needed)", "cities", "Aton"]


def test_an_unreadable_pace_is_left_out_of_the_chart_and_the_ranks_and_named() -> None:
    # Ceton: a baseline of 8 t (a unit slip) against a fall of 400 t a year: -5,000 % a year,
    # needed -300 / 8 = -3,750 %. Aton and Beton stay as they were.
    table = _table()
    ceton = table["city"] == "Ceton"
    table.loc[ceton, ["baseline_value", "slope", "required_pace", "pace_ratio"]] = [
        8.0,
        -400.0,
        -300.0,
        1.33,
    ]
    table.loc[ceton, "next_target_year"] = 2030.0
    assert panel.pace_points(table)["city"].tolist() == ["Aton", "Beton"]
    assert panel.unreadable_note(table) == (
        "Left out of the chart and of peer ranks (1): a pace beyond 100 % of the baseline a "
        "year says the baseline or a value is off (a unit slip, a year typed as a value): "
        "Ceton (-5,000 % a year, needed -3,750 %)."
    )
    # Beton is still 2nd of 2 (Ceton's 1.33 is not ranked), and Ceton's sentence says why.
    assert panel.peer_sentence(table, "Beton").startswith("pace ratio 0.41: 2nd of 2 cities")
    assert panel.peer_sentence(table, "Ceton") == (
        "no pace to rank: Ceton's pace is beyond 100 % of its baseline a year, a data problem "
        "(self-reported to CDP)"
    )
    assert panel.unreadable_note(_table()) == ""
