"""Many indicators assessed at once: the same rules as `assess`, vectorised over groups.

The input frame has columns `indicator` (the key in `indicators`), `period`, `value` and
optionally `method`; the result has one row per indicator with the trend and status fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from pledges import model
from pledges.progress import series, status, trend
from pledges.progress import thresholds as thresholds_module

AGGREGATIONS = {"last": 0, "mean": 1, "sum": 2}
COLUMNS = [
    "status",
    "symbol",
    "stale",
    "latest_year",
    "latest_value",
    "baseline_year",
    "baseline_value",
    "progress_share",
    "slope",
    "slope_se",
    "points",
    "required_pace",
    "pace_ratio",
    "projected_year",
    "next_projected_year",
    "next_target_year",
    "final_target_year",
]


def group_ends(groups: np.ndarray) -> np.ndarray:
    """Positions of the last row of each run of equal values in a sorted array."""
    if len(groups) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[groups[1:] != groups[:-1], True])


def group_starts(groups: np.ndarray) -> np.ndarray:
    """Positions of the first row of each run of equal values in a sorted array."""
    if len(groups) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])


def per_indicator(
    count: int, codes: np.ndarray, values: np.ndarray, fill: float = np.nan
) -> np.ndarray:
    """Scatter one value per present indicator into an array over all indicators."""
    out = np.full(count, fill, dtype=np.float64)
    out[codes] = values
    return out


def annual_arrays(
    frame: pd.DataFrame, keys: pd.Index, aggregation: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One value per indicator and year (code, year, value, method code), sorted by both."""
    codes = keys.get_indexer(frame["indicator"])
    years = series.period_years(frame["period"])
    order = series.period_order(frame["period"])
    values = pd.to_numeric(frame["value"], errors="coerce").to_numpy(dtype=np.float64)
    if "method" in frame:
        methods = pd.factorize(series.method_labels(frame["method"]), use_na_sentinel=True)[0]
    else:
        methods = np.full(len(frame), -1, dtype=np.int64)
    keep = (codes >= 0) & np.isfinite(values) & np.isfinite(order) & np.isfinite(years)
    codes, years, order, values, methods = (
        codes[keep],
        years[keep].astype(np.int64),
        order[keep],
        values[keep],
        methods[keep],
    )
    sort = np.lexsort((order, codes))
    codes, years, values, methods = codes[sort], years[sort], values[sort], methods[sort]
    # A restatement inside one year: only the values of the year's last method count.
    cell = codes.astype(np.int64) * 100_000 + years
    starts = np.cumsum(np.r_[True, cell[1:] != cell[:-1]]) - 1 if len(cell) else cell
    year_method = methods[group_ends(cell)][starts]
    same = methods == year_method
    codes, years, values, methods, cell = (
        codes[same],
        years[same],
        values[same],
        methods[same],
        cell[same],
    )
    ends = group_ends(cell)
    group = np.cumsum(np.r_[True, cell[1:] != cell[:-1]]) - 1 if len(cell) else cell
    sums = np.bincount(group, values, minlength=len(ends))
    counts = np.bincount(group, minlength=len(ends))
    annual_code = codes[ends]
    how = aggregation[annual_code]
    annual_value = np.select(
        [how == 0, how == 1], [values[ends], sums / np.maximum(counts, 1)], sums
    )
    return annual_code, years[ends], annual_value, methods[ends]


def target_table(definitions: Sequence[model.Indicator]) -> dict[str, np.ndarray]:
    """Every target of every indicator as flat arrays, sorted by indicator then year."""
    rows = [
        (code, target.year, status.KIND_CODES[target.kind], target.value, target.low, target.high)
        for code, indicator in enumerate(definitions)
        for target in sorted(indicator.targets, key=lambda target: target.year)
    ]
    columns = list(zip(*rows, strict=True)) if rows else [()] * 6
    as_float = [
        np.array([np.nan if x is None else x for x in col], dtype=np.float64) for col in columns[3:]
    ]
    return {
        "code": np.array(columns[0], dtype=np.int64),
        "year": np.array(columns[1], dtype=np.float64),
        "kind": np.array(columns[2], dtype=np.int64),
        "value": as_float[0],
        "low": as_float[1],
        "high": as_float[2],
    }


def assess_many(
    frame: pd.DataFrame,
    indicators: Mapping[str, model.Indicator] | Sequence[model.Indicator],
    today: dt.date | None = None,
    thresholds: thresholds_module.Thresholds = thresholds_module.DEFAULT,
) -> pd.DataFrame:
    """Trend and status of many indicators at once; rows follow `indicators`' order."""
    today = today or dt.date.today()
    if isinstance(indicators, Mapping):
        keys = pd.Index(list(indicators.keys()))
        definitions = list(indicators.values())
    else:
        definitions = list(indicators)
        keys = pd.Index([indicator.key for indicator in definitions])
    count = len(definitions)
    aggregation = np.array([AGGREGATIONS[i.aggregation] for i in definitions], dtype=np.int64)
    sign = np.array([i.sign for i in definitions], dtype=np.float64)

    a_code, a_year, a_value, a_method = annual_arrays(frame, keys, aggregation)
    last, first = group_ends(a_code), group_starts(a_code)
    present = a_code[last]
    latest_year = per_indicator(count, present, a_year[last])
    latest_value = per_indicator(count, present, a_value[last])
    latest_method = per_indicator(count, present, a_method[last], fill=-2)

    baseline_year = np.array(
        [np.nan if i.baseline is None else i.baseline.year for i in definitions], dtype=np.float64
    )
    baseline_value = np.array(
        [np.nan if i.baseline is None else i.baseline.value for i in definitions],
        dtype=np.float64,
    )
    missing = np.isnan(baseline_year)
    baseline_year = np.where(missing, per_indicator(count, present, a_year[first]), baseline_year)
    baseline_value = np.where(
        missing, per_indicator(count, present, a_value[first]), baseline_value
    )
    has_latest = np.isfinite(latest_year)
    with np.errstate(invalid="ignore"):
        has_recent = has_latest & (latest_year >= baseline_year)

    # Trend points: since the baseline, the latest method only, the last `window` of them.
    usable = (a_year >= baseline_year[a_code]) & (a_method == latest_method[a_code])
    chosen = np.flatnonzero(usable)
    chosen_code = a_code[chosen]
    per_code = np.bincount(chosen_code, minlength=count)
    starts = np.cumsum(per_code) - per_code
    rank = np.arange(len(chosen)) - starts[chosen_code]
    chosen = chosen[per_code[chosen_code] - 1 - rank < thresholds.window]
    t_code = a_code[chosen]
    points = np.bincount(t_code, minlength=count)
    fits = trend.fit_groups(t_code, a_year[chosen].astype(np.float64), a_value[chosen], count)
    fitted = points >= max(thresholds.min_points, 2)
    slope = np.where(fitted, fits.slope, np.nan)
    slope_se = np.where(fitted, fits.slope_se, np.nan)

    # The target each status is assessed against: the first not yet due, else the final one.
    targets = target_table(definitions)
    reference = np.where(has_latest, latest_year, float(today.year))
    n_targets = np.bincount(targets["code"], minlength=count)
    has_target = n_targets > 0
    final_index = np.full(count, -1, dtype=np.int64)
    final_index[targets["code"][group_ends(targets["code"])]] = group_ends(targets["code"])
    t_code = targets["code"]
    t_met = (
        status.meets(
            targets["kind"],
            targets["value"],
            targets["low"],
            targets["high"],
            sign[t_code],
            latest_value[t_code],
        )
        & has_latest[t_code]
    )
    ahead = np.flatnonzero((targets["year"] > reference[t_code]) & ~t_met)
    next_index = final_index.copy()
    ahead_codes, first_ahead = np.unique(targets["code"][ahead], return_index=True)
    next_index[ahead_codes] = ahead[first_ahead]

    def pick(column: str, index: np.ndarray) -> np.ndarray:
        values = targets[column][np.maximum(index, 0)] if len(targets[column]) else index * 0
        return np.where(index >= 0, values, np.nan if column != "kind" else -1)

    kind, year = pick("kind", next_index), pick("year", next_index)
    value, low, high = pick("value", next_index), pick("low", next_index), pick("high", next_index)
    met = status.meets(kind, value, low, high, sign, latest_value) & has_latest
    aims = status.aim(kind, value, low, high, latest_value)
    toward = np.sign(aims - latest_value)
    due = (year <= reference) & has_latest
    maintained = (kind == status.MAINTAIN) & due
    held = maintained[a_code] & (a_year >= year[a_code])
    ok = status.meets(kind[a_code], value[a_code], low[a_code], high[a_code], sign[a_code], a_value)
    holding = np.bincount(a_code[held & ~ok], minlength=count) == 0
    with np.errstate(invalid="ignore", divide="ignore"):
        required = np.where(due | met, np.nan, (aims - latest_value) / (year - reference))
    codes, ratios = status.classify(
        has_target=has_target,
        has_recent=has_recent,
        maintained=maintained,
        holding=holding,
        met=met,
        points=points,
        due=due,
        slope=slope,
        toward=toward,
        required_pace=required,
        thresholds=thresholds,
    )
    next_arrival = trend.arrival_years(
        slope, fits.x_mean, fits.y_mean, aims, toward, reference, thresholds.decimals
    )
    next_arrival = np.where(met & (~maintained | holding), latest_year, next_arrival)

    f_kind, f_year = pick("kind", final_index), pick("year", final_index)
    f_value, f_low, f_high = (
        pick("value", final_index),
        pick("low", final_index),
        pick("high", final_index),
    )
    f_met = status.meets(f_kind, f_value, f_low, f_high, sign, latest_value) & has_latest
    f_aims = status.aim(f_kind, f_value, f_low, f_high, latest_value)
    f_toward = np.sign(f_aims - latest_value)
    f_maintained = (f_kind == status.MAINTAIN) & (f_year <= reference) & has_latest
    f_holding = np.where(next_index == final_index, holding, True)
    arrival = trend.arrival_years(
        slope, fits.x_mean, fits.y_mean, f_aims, f_toward, reference, thresholds.decimals
    )
    arrival = np.where(f_met & (~f_maintained | f_holding), latest_year, arrival)
    arrival = np.where(has_target & has_recent, arrival, np.nan)
    next_arrival = np.where(has_target & has_recent, next_arrival, np.nan)

    with np.errstate(invalid="ignore", divide="ignore"):
        distance = f_value - baseline_value
        share = np.where(
            has_target & has_recent & (distance != 0),
            (latest_value - baseline_value) / distance,
            np.nan,
        )
    stale = has_latest & (today.year - np.nan_to_num(latest_year) > thresholds.stale_after)
    words = np.array(status.WORDS, dtype=object)
    symbols = np.array(status.SYMBOLS, dtype=object)

    def years(values: np.ndarray) -> pd.Series:
        return pd.Series(pd.array(np.where(np.isfinite(values), values, np.nan)).astype("Int64"))

    result = pd.DataFrame(
        {
            "status": words[codes],
            "symbol": symbols[codes],
            "stale": stale,
            "latest_year": years(latest_year).array,
            "latest_value": latest_value,
            "baseline_year": years(baseline_year).array,
            "baseline_value": baseline_value,
            "progress_share": share,
            "slope": slope,
            "slope_se": slope_se,
            "points": points,
            "required_pace": np.where(has_target, required, np.nan),
            "pace_ratio": ratios,
            "projected_year": years(arrival).array,
            "next_projected_year": years(next_arrival).array,
            "next_target_year": years(year).array,
            "final_target_year": years(f_year).array,
        },
        index=keys,
    )
    result.index.name = "indicator"
    return result
