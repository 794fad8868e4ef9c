"""A milestone met early must not hide a final target that is still far away."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pledges import model, progress

INDICATOR = model.Indicator(
    key="share",
    name="Share",
    unit="%",
    direction="higher",
    baseline=model.Baseline(2010, 10, "synthetic"),
    targets=(
        model.Target(2025, "value", 30, "synthetic"),
        model.Target(2050, "value", 100, "synthetic"),
    ),
)
VALUES = pd.DataFrame(
    {
        "period": [dt.date(y, 1, 1) for y in range(2016, 2021)],
        "value": [30.0, 31.0, 32.0, 33.0, 34.0],
        "method": [None] * 5,
    }
)
TODAY = dt.date(2021, 1, 1)


def test_met_milestone_is_skipped_for_the_status() -> None:
    result = progress.assess(INDICATOR, VALUES, today=TODAY)
    assert result.next_target is not None and result.next_target.year == 2050
    assert result.status == "off track"
    milestone = result.verdicts[0]
    assert milestone.status == "achieved"


def test_batch_agrees() -> None:
    many = progress.assess_many(VALUES.assign(indicator="share"), [INDICATOR], today=TODAY)
    assert many.loc["share", "status"] == "off track"
    assert many.loc["share", "next_target_year"] == 2050
