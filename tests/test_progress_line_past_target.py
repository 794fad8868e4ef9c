"""A line already past a target it never crosses toward: a sentence, not a crash."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pledges import model, progress


def test_line_past_the_target_without_a_pace_says_so() -> None:
    indicator = model.Indicator(
        key="x",
        name="Share",
        unit="%",
        direction="higher",
        targets=(model.Target(2028, "value", 143.0, "t"),),
    )
    values = pd.DataFrame(
        {
            "period": [dt.date(y, 12, 31) for y in (2020, 2021, 2022, 2023)],
            "value": [150.0, 150.0, 150.0, 140.0],
        }
    )
    a = progress.assess(indicator, values, dt.date(2023, 6, 30))
    # Mean (2021.5, 147.5); dy 2.5, 2.5, 2.5, -7.5 against dx -1.5, -0.5, 0.5, 1.5: sxy -15,
    # sxx 5, slope -3; the line gives 147.5 - 3 x 1.5 = 143 in 2023, the target's level, while
    # the last value (140) is short of it and the line falls: no crossing, no pace.
    assert (a.status, a.required_pace, a.line_now) == (progress.Status.ON_TRACK, None, 143.0)
    assert "gives 143 % in 2023, at or past" in a.sentence
    assert "no measured value confirms it." in a.sentence
    assert a.reason == (
        "the trend gives 143 % in 2023, at or past 143 % by 2028; no measured value confirms it"
    )
