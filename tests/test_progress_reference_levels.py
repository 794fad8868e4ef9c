"""Issue 25's last rules, by hand: implausible baselines at any distance, a cut's unit slip,
a target naming a construction, and a baseline on a method no value is on (revision 3)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pledges import model, progress
from pledges.progress import thresholds
from pledges.views import chart_alternatives, charts

TODAY = dt.date(2026, 6, 30)
SOURCE = "test"
BASIC = "GPC; city boundary; BASIC"
PARTS = "GPC; city boundary; scope 1 + 2 from the GPC table's parts"


def emissions(
    targets: tuple[model.Target, ...], baseline: model.Baseline | None = None
) -> model.Indicator:
    return model.Indicator("x", "X", "t", "lower", baseline=baseline, targets=targets)


def values(*rows: tuple[int, float, str | None]) -> pd.DataFrame:
    """Annual values (year, value, method)."""
    return pd.DataFrame(
        {
            "period": [dt.date(year, 1, 1) for year, _, _ in rows],
            "annual": [True] * len(rows),
            "value": [value for _, value, _ in rows],
            "method": [method for _, _, method in rows],
        }
    )


def cut(year: int, pct: float, base: float, coverage: str | None = None) -> model.Target:
    return model.Target(
        year, "change_pct", base * (1 + pct / 100), SOURCE, change_pct=pct, coverage=coverage
    )


def test_a_baseline_far_from_its_methods_values_is_set_aside_whatever_the_distance() -> None:
    # Columbia, SC: 76,300 t in 2006 beside 1,848,635 t in 2015, 9 years later (beyond the
    # 5-year window): 1,848,635 / 76,300 = 24.2 times, at least the 20 asked farther apart.
    base = model.Baseline(2006, 76_300.0, SOURCE, method=BASIC)
    a = progress.assess(
        emissions((cut(2030, -50.0, 76_300.0),), base),
        values((2015, 1_848_635.0, BASIC), (2018, 1_800_000.0, BASIC)),
        TODAY,
    )
    assert a.baseline_note == (
        "the 2006 baseline, 76,300 t, is 20 times or more from the 2015 value of the same method"
        " (1,848,635 t): a data problem for its steward, not used"
    )
    assert a.status == "insufficient data" and a.progress_share is None


def test_a_real_change_of_thirteen_times_over_fifteen_years_is_kept() -> None:
    # A coal share of 40 % in 2005 and 3.0 %, 3.1 % in 2020-2021: 40 / 3.0 = 13.3 times, fewer
    # than 20 fifteen years apart, so the baseline is used. Toward 1 % by 2030 the share is
    # (3.1 - 40) / (1 - 40) = 36.9 / 39 = 94.6 %.
    coal = model.Indicator(
        "coal",
        "Coal",
        "%",
        "lower",
        baseline=model.Baseline(2005, 40.0, SOURCE, method="grid mix"),
        targets=(model.Target(2030, "value", 1.0, SOURCE),),
    )
    a = progress.assess(coal, values((2020, 3.0, "grid mix"), (2021, 3.1, "grid mix")), TODAY)
    assert a.baseline_note is None
    assert a.progress_share == pytest.approx(36.9 / 39)


def test_a_baseline_on_no_values_method_is_a_reference_only_and_one_slip_never_refuses_it() -> None:
    # Birmingham: 6,874,000 t in 1990 on no method the values are on; 5,199.7 t in 2013 (a value
    # typed in kt) is 1,322 times off, but 4,570,574 t (2017) and 4,663,101 t (2018) are 1.5
    # times off: the baseline is plausible, a reference for the path, with no share.
    base = model.Baseline(1990, 6_874_000.0, SOURCE)
    a = progress.assess(
        emissions((model.Target(2030, "value", 0.0, SOURCE),), base),
        values((2013, 5_199.7, "other"), (2017, 4_570_573.56, PARTS), (2018, 4_663_101.1, PARTS)),
        TODAY,
    )
    assert (a.baseline_note, a.baseline_other_method, a.baseline_in_line) == (None, True, False)
    assert a.progress_share is None
    assert a.share_note == "the baseline is on another method than the values"
    assert (
        "The 1990 baseline is on a method none of these values is on: a reference only, with no"
        " progress share" in a.sentence
    )
    # The path still starts from it: 6,874,000 t in 1990 to 0 t in 2030.
    assert a.knots[0] == (1990, 6_874_000.0)


def test_with_no_value_on_its_method_a_baseline_far_from_every_value_is_set_aside() -> None:
    # Singapore: a 65 t baseline "in 2030" beside 48,094,650 t in 2012: 739,918 times.
    base = model.Baseline(2030, 65.0, SOURCE)
    a = progress.assess(
        emissions((cut(2050, -50.0, 65.0),), base), values((2012, 48_094_650.0, "nation")), TODAY
    )
    assert a.baseline_note == (
        "the 2030 baseline, 65 t, is 20 times or more from the 2012 value (48,094,650 t): a data"
        " problem for its steward, not used"
    )
    # Its -50 % target, 65 x 0.5 = 32.5 t, is 48,094,650 / 32.5 = 1,479,835 times below the
    # value: a cut short of net zero cannot be that far: a unit slip, named.
    (aside,) = a.set_aside
    assert aside.problem and aside.reason == (
        "the 2050 target, 32.5 t (a change of -50 %), is 1,000 times or more below the 2012 value"
        " (48,094,650 t): a unit slip, not ambition; a data problem for its steward, not used"
    )
    assert a.status == "insufficient data"


def test_zero_net_zero_and_levels_are_never_refused_for_their_size() -> None:
    # Sunderland's -99.2 % of 1,437,870 t (11,503 t, 125 times below) is net zero; Arlington's
    # level of 1 t by 2050 ("carbon neutral") is 2,260,001 times below, and zero is zero.
    base = model.Baseline(2018, 1_437_870.0, SOURCE)
    sunderland = progress.assess(
        emissions((cut(2050, -99.2, 1_437_870.0),), base),
        values((2017, 1_500_000.0, None), (2018, 1_437_870.0, None)),
        TODAY,
    )
    assert sunderland.set_aside == () and sunderland.final_target.year == 2050
    for level in (1.0, 0.0):
        arlington = progress.assess(
            emissions((model.Target(2050, "value", level, SOURCE),)),
            values((2016, 2_260_001.0, None), (2018, 2_200_000.0, None)),
            TODAY,
        )
        assert arlington.set_aside == () and arlington.status != "insufficient data"
    assert thresholds.DEFAULT.net_zero_cut == 99.0


def la_panel(today: dt.date) -> progress.Assessment:
    """L.A.'s panel copy: targets covering BASIC; BASIC in 2013, the GPC parts in 2017-2018."""
    base = model.Baseline(1990, 33_248_711.0, SOURCE, method=BASIC, coverage="BASIC")
    targets = (
        cut(2025, -50.0, 33_248_711.0, "BASIC"),
        cut(2035, -73.0, 33_248_711.0, "BASIC"),
        model.Target(2050, "value", 0.0, SOURCE, coverage="BASIC"),
    )
    frame = values(
        (2013, 28_922_796.0, BASIC), (2017, 25_440_027.0, PARTS), (2018, 26_319_691.0, PARTS)
    )
    return progress.assess(emissions(targets, base), frame, today)


def test_a_target_naming_a_construction_is_judged_on_that_construction_only() -> None:
    # In 2020 the BASIC series (the 1990 baseline and 2013) is 7 years old: the basis. The
    # newer GPC parts (up from 25,440,027 to 26,319,691 t) never judge a BASIC target.
    a = la_panel(dt.date(2020, 6, 30))
    assert (a.basis_method, a.set_aside, a.comparable_construction) == (BASIC, (), "BASIC")
    # Share toward 0 t by 2050: (28,922,796 - 33,248,711) / (0 - 33,248,711) = 13.0 %.
    assert a.progress_share == pytest.approx(4_325_915 / 33_248_711)
    # Slope (28,922,796 - 33,248,711) / 23 = -188,083 t a year: a fall, not "wrong direction".
    assert a.slope == pytest.approx(-4_325_915 / 23)
    assert a.newer_unused == (2018, 26_319_691.0, PARTS)


def test_a_construction_too_old_to_judge_says_so_and_is_not_set_aside() -> None:
    # By 2026 the BASIC series' last value (2013) is 13 years old, more than 10.
    a = la_panel(TODAY)
    assert (a.status, a.set_aside, a.basis_method) == ("insufficient data", (), None)
    assert "Too little for a trend: no BASIC series has 2 values" in a.sentence
    assert a.reason.endswith("at most 10 years old (latest 2013)")
    # The construction the page names as the panel's: BASIC, not the newer GPC parts.
    assert (a.status_method, a.latest_method) == (BASIC, PARTS)
    assert "The targets cover BASIC only: values of other constructions do not count" in a.sentence


def test_a_basic_plus_target_has_no_series_of_its_construction() -> None:
    target = model.Target(2030, "value", 100.0, SOURCE, coverage="BASIC+")
    a = progress.assess(
        emissions((target,)), values((2017, 900.0, BASIC), (2018, 800.0, BASIC)), TODAY
    )
    assert a.status == "insufficient data"
    assert a.set_aside[0].reason == (
        "the 2030 target covers BASIC+ only; no series of that coverage, so it is not used"
    )


def test_a_target_set_aside_is_named_under_the_chart_never_drawn() -> None:
    base = model.Baseline(2030, 65.0, SOURCE)
    indicator = emissions((cut(2050, -50.0, 65.0),), base)
    a = progress.assess(indicator, values((2012, 48_094_650.0, "nation")), TODAY)
    spec = charts.indicator_spec(indicator, a)
    names = [str(t.get("name", "")) for t in spec["data"]]
    assert "Actual" in names and not [n for n in names if n.startswith("Target")]
    # One level left to draw: the axis starts at zero, so 48 million is not drawn to 7 digits.
    assert spec["layout"]["yaxis"]["rangemode"] == "tozero"
    assert (
        "Not drawn (set aside, each with its reason under the chart): 2050: -50 % from baseline"
        in chart_alternatives.indicator_summary(indicator, a)
    )


def test_a_unit_slip_on_a_rise_is_said_to_be_above_the_values() -> None:
    # Higher is better: +50 % on a 100,000 baseline typed for 100 is 150,000; the value nearest
    # 2030 is 2021's 110, and 150,000 / 110 = 1,364 times above it: a rise of 50 % cannot be.
    rising = model.Indicator(
        "x",
        "X",
        "t",
        "higher",
        baseline=model.Baseline(2019, 100_000.0, SOURCE),
        targets=(cut(2030, 50.0, 100_000.0),),
    )
    a = progress.assess(rising, values((2020, 100.0, None), (2021, 110.0, None)), TODAY)
    reasons = [one.reason for one in a.set_aside]
    assert reasons == [
        "the 2030 target, 150,000 t (a change of 50 %), is 1,000 times or more above the 2021"
        " value (110 t): a unit slip, not ambition; a data problem for its steward, not used"
    ]
