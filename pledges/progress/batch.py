"""Many indicators as one frame: the one engine's results, one row per indicator.

The input frame has columns `indicator` (the key in `indicators`), `period`, `value` and
optionally `method`; the result has one row per indicator with the trend and status fields.
"""

from __future__ import annotations

import datetime as dt
import operator
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


SHARED = [name for name in COLUMNS if not name.endswith("target_year")]
FLOATS = [
    name
    for name in COLUMNS
    if name not in YEARS
    and name not in ("status", "symbol", "stale", "evidence", "points")
    and name != "basis_method"
]


def assess_many(
    frame: pd.DataFrame,
    indicators: Mapping[str, model.Indicator] | Sequence[model.Indicator],
    today: dt.date,
    thresholds: thresholds_module.Thresholds = thresholds_module.DEFAULT,
) -> pd.DataFrame:
    """Trend and status of many indicators at once; rows follow `indicators`' order."""
    results = assessment.assess_all(frame, indicators, today, thresholds)
    found = list(results.values())
    # Column by column (one attrgetter a row), not a dict a row: the same frame, built faster.
    rows = list(map(operator.attrgetter(*SHARED), found))
    columns = {name: [row[i] for row in rows] for i, name in enumerate(SHARED)}
    columns["next_target_year"] = [r.next_target.year if r.next_target else None for r in found]
    columns["final_target_year"] = [r.final_target.year if r.final_target else None for r in found]
    table = pd.DataFrame({name: list(columns[name]) for name in COLUMNS}, columns=COLUMNS)
    table.index = pd.Index(list(results), name="indicator")
    for name in YEARS:
        table[name] = table[name].astype("Int64")
    for name in FLOATS:
        table[name] = table[name].astype("float64")
    return table
