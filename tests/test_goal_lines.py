"""One plain line per goal: the numbers in each line derived by hand from the values given."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd

from pledges import model, progress, service
from pledges.views.council import goal_lines

TODAY = dt.date(2026, 12, 5)


def _item(
    key: str,
    name: str,
    unit: str,
    direction: model.Direction,
    targets: tuple[tuple[int, float], ...],
    values: list[tuple[int, float, str | None]],
) -> SimpleNamespace:
    """An indicator assessed by the engine from (year, value, method) rows, as service gives it."""
    indicator = model.Indicator(
        key,
        name,
        unit,
        direction,
        targets=tuple(model.Target(y, "value", v, "test") for y, v in targets),
    )
    frame = pd.DataFrame(
        {
            "period": [dt.date(y, 1, 1) for y, _, _ in values],
            "value": [float(v) for _, v, _ in values],
            "method": [m for _, _, m in values],
        }
    )
    assessment = progress.assess(indicator, frame, TODAY)
    return SimpleNamespace(indicator=indicator, assessment=assessment, observations=frame)


def _goal(name: str, item: SimpleNamespace) -> SimpleNamespace:
    """A goal whose headline is its one indicator, rolled up by the engine's rule."""
    goal = model.Goal(name.lower(), name, (item.indicator,), headline=item.indicator.key)
    rollup = progress.goal_rollup(name, goal.headline, [item.assessment])
    return SimpleNamespace(goal=goal, rollup=rollup, items=[item])


def grid() -> SimpleNamespace:
    # Briefing Book series 2016-2020 and a newer value on another definition (2024).
    values = [(2016, 29, "BB"), (2017, 30, "BB"), (2018, 32, "BB"), (2019, 34, "BB")]
    values += [(2020, 37, "BB"), (2024, 40.7, "other")]
    share = _item("renewable", "Renewable share", "%", "higher", ((2025, 55), (2036, 80)), values)
    return _goal("Grid", share)


def test_a_goal_behind_names_its_newest_figure_the_due_milestone_distance_and_pace() -> None:
    # Least squares on 2016-2020: x - 2018 = -2..2, y - 32.4 = -3.4, -2.4, -0.4, 1.6, 4.6;
    # slope = (6.8 + 2.4 + 0 + 1.6 + 9.2) / 10 = 2.0; the line in 2026: 32.4 + 2 x 8 = 48.4.
    # Pace needed to 80 % by 2036: (80 - 48.4) / (2036 - 2026) = 3.16 -> "3.2".
    # The 55 % of 2025 is due: 55 - 40.7 = 14.3 points short (from the newest figure).
    line = goal_lines.goal_line(grid(), lambda item, year: 99)
    assert line.judged and line.status == "needs acceleration"
    assert line.text == (
        "Grid, needs acceleration: 40.7 % in 2024 (another definition) against 55 % due in"
        " 2025: 14.3 points short; for 80 % by 2036 the pace must rise to 3.2 points a year"
        " (it has been 2)."
    )


def test_a_goal_going_the_wrong_way_says_so_in_its_own_unit() -> None:
    # 108, 109, 110 in 2020-2022: slope +1 a year, the line in 2026 is 109 + 1 x 5 = 114.
    # To 98 by 2035: (98 - 114) / (2035 - 2026) = -1.78 -> "fall 1.8 ... a year".
    # The 100 due in 2025 is 110 - 100 = 10 above.
    use = _item(
        "gpcd",
        "Water use",
        "gal/person/day",
        "lower",
        ((2025, 100), (2035, 98)),
        [(2020, 108, None), (2021, 109, None), (2022, 110, None)],
    )
    line = goal_lines.goal_line(_goal("Water", use), lambda item, year: 99)
    assert line.text == (
        "Water, wrong direction: 110 gal/person/day in 2022 against 100 gal/person/day due in"
        " 2025: 10 gal/person/day above it; for 98 gal/person/day by 2035 it must fall"
        " 1.8 gal/person/day a year; it has been going the other way, 1 a year."
    )


def test_a_goal_on_pace_says_the_pace_is_enough() -> None:
    # 10, 20, 30 in 2020-2022: slope 10; the line in 2026 is 20 + 10 x 5 = 70;
    # to 100 by 2030: (100 - 70) / 4 = 7.5 a year. Nothing due yet: 100 - 30 = 70 short.
    share = _item(
        "s",
        "Share",
        "%",
        "higher",
        ((2030, 100),),
        [(2020, 10, None), (2021, 20, None), (2022, 30, None)],
    )
    line = goal_lines.goal_line(_goal("Fast", share), lambda item, year: 99)
    assert line.text == (
        "Fast, on track: 30 % in 2022 against 100 % due in 2030: 70 points short;"
        " the pace of 10 points a year is enough (7.5 points a year needed)."
    )


def landfill() -> SimpleNamespace:
    rate = _item(
        "landfill",
        "Landfill diversion rate",
        "%",
        "higher",
        ((2025, 90), (2050, 100)),
        [(2010, 65, None), (2012, 76.4, None)],
    )
    return _goal("Zero waste", rate)


def test_a_goal_too_old_to_judge_says_what_one_value_would_change() -> None:
    # 2026 - 2012 = 14 years old, past the 10-year limit; one 2025 value (2026 - 1) on the same
    # series makes 2010, 2012, 2025: a basis whose last value is 1 year old. The engine says so.
    goal = landfill()
    assert service.values_wanted(goal.items[0], 2025) == 1
    line = goal_lines.goal_line(goal)
    assert not line.judged and line.status == "insufficient data"
    assert line.text == (
        "Zero waste, insufficient data: the newest figure, 76.4 % in 2012, is 14 years old;"
        " one 2025 value of landfill diversion rate would give Zero waste a status."
    )


def test_a_goal_without_values_needs_two() -> None:
    none = _item("nz", "All buildings net zero", "%", "higher", ((2050, 100),), [])
    goal = _goal("Buildings", none)
    # No value and no baseline: the engine's fewest points for a line, 2.
    assert service.values_wanted(goal.items[0], 2025) == 2
    assert goal_lines.goal_line(goal).text == (
        "Buildings, insufficient data: no value yet; two values of all buildings net zero,"
        " the newer for 2025, would give Buildings a status."
    )


def test_judged_goals_come_first_worst_first() -> None:
    fast = _goal(
        "Fast",
        _item(
            "s",
            "Share",
            "%",
            "higher",
            ((2030, 100),),
            [(2020, 10, None), (2021, 20, None), (2022, 30, None)],
        ),
    )
    lines = goal_lines.goal_lines([landfill(), fast, grid()])
    assert [line.goal for line in lines] == ["Grid", "Fast", "Zero waste"]


def test_one_word_for_cannot_be_judged_at_every_level() -> None:
    assert goal_lines.status_word("too little evidence") == "insufficient data"
    assert goal_lines.status_word("insufficient data") == "insufficient data"
    assert not service.is_judged("too little evidence")
    assert service.is_judged("off track")


def test_a_goal_whose_targets_are_all_set_aside_promises_no_values() -> None:
    # A 99,990 t Transport target beside 3.9 Mt city-wide: no value would make it comparable,
    # so the line says so instead of asking for values.
    indicator = model.Indicator(
        "emissions",
        "Emissions",
        "t",
        "lower",
        targets=(model.Target(2030, "value", 99_990.0, "test", coverage="Transport"),),
    )
    frame = pd.DataFrame(
        {"period": [dt.date(2019, 1, 1), dt.date(2020, 1, 1)], "value": [3.9e6, 3.8e6]}
    )
    item = SimpleNamespace(
        indicator=indicator,
        assessment=progress.assess(indicator, frame.assign(method=None), TODAY),
        observations=frame.assign(method=None),
    )
    assert service.values_wanted(item, 2025) == 0
    line = goal_lines.goal_line(_goal("Climate", item))
    assert line.text == (
        "Climate, insufficient data: no target is comparable with the values; each is named on"
        " its page."
    )
