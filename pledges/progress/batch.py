"""Many indicators as one frame: the one engine's results, one row per indicator.

The input frame has columns `indicator` (the key in `indicators`), `period`, `value` and
optionally `method`; the result has one row per indicator with the trend and status fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from pledges import model
from pledges.progress import assessment
from pledges.progress import thresholds as thresholds_module

COLUMNS = [
    "status",
    "symbol",
    "stale",
    "evidence",
    "latest_year",
    "latest_value",
    "baseline_year",
    "baseline_value",
    "progress_share",
    "slope",
    "slope_se",
    "points",
    "basis_method",
    "basis_from",
    "basis_to",
    "required_pace",
    "pace_ratio",
    "projected_year",
    "next_projected_year",
    "next_target_year",
    "final_target_year",
]
YEARS = {
    "latest_year",
    "baseline_year",
    "basis_from",
    "basis_to",
    "projected_year",
    "next_projected_year",
    "next_target_year",
    "final_target_year",
}


def row(result: assessment.Assessment) -> dict[str, object]:
    """The frame's columns for one assessment."""
    values = {name: getattr(result, name) for name in COLUMNS if not name.endswith("target_year")}
    values["next_target_year"] = result.next_target.year if result.next_target else None
    values["final_target_year"] = result.final_target.year if result.final_target else None
    return values


def assess_many(
    frame: pd.DataFrame,
    indicators: Mapping[str, model.Indicator] | Sequence[model.Indicator],
    today: dt.date,
    thresholds: thresholds_module.Thresholds = thresholds_module.DEFAULT,
) -> pd.DataFrame:
    """Trend and status of many indicators at once; rows follow `indicators`' order."""
    results = assessment.assess_all(frame, indicators, today, thresholds)
    table = pd.DataFrame([row(result) for result in results.values()], columns=COLUMNS)
    table.index = pd.Index(list(results), name="indicator")
    for name in YEARS:
        table[name] = table[name].astype("Int64")
    for name in COLUMNS:
        if name not in YEARS and name not in ("status", "symbol", "stale", "evidence", "points"):
            if name != "basis_method":
                table[name] = table[name].astype("float64")
    return table
