"""Observations reduced to one value a year, and the points the trend is fitted to."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pledges import model


def period_years(periods: pd.Series) -> np.ndarray:
    """The calendar year of each period (datetime64, python dates, ISO strings or int years)."""
    if pd.api.types.is_integer_dtype(periods.dtype):
        return periods.to_numpy(dtype=np.int64)
    if not pd.api.types.is_datetime64_any_dtype(periods.dtype):
        periods = pd.to_datetime(periods, errors="coerce")
    years = periods.dt.year
    return years.to_numpy(dtype=np.float64, na_value=np.nan)


def method_labels(methods: pd.Series) -> pd.Series:
    """Methods as strings, with None for missing (NaN, None, empty)."""
    labels = methods.astype(object).where(methods.notna(), None)
    return labels.map(lambda label: None if label is None or str(label) == "" else str(label))


def period_order(periods: pd.Series) -> np.ndarray:
    """A sortable number per period (nanoseconds, or the year for int years); NaN if unreadable."""
    if pd.api.types.is_integer_dtype(periods.dtype):
        return periods.to_numpy(dtype=np.float64)
    if not pd.api.types.is_datetime64_any_dtype(periods.dtype):
        periods = pd.to_datetime(periods, errors="coerce")
    stamps = periods.astype("datetime64[ns]")
    order = stamps.to_numpy(dtype="datetime64[ns]").astype(np.int64).astype(np.float64)
    order[stamps.isna().to_numpy()] = np.nan
    return order


def empty_annual() -> pd.DataFrame:
    """An annual frame with no rows and the documented columns."""
    return pd.DataFrame(
        {
            "year": pd.Series(dtype="int64"),
            "value": pd.Series(dtype="float64"),
            "method": pd.Series(dtype=object),
        }
    )


def annual_series(observations: pd.DataFrame, aggregation: model.Aggregation) -> pd.DataFrame:
    """One value a year: `last`, `mean` or `sum` of the year's values of its last method."""
    if observations.empty:
        return empty_annual()
    methods = (
        method_labels(observations["method"])
        if "method" in observations
        else pd.Series([None] * len(observations), index=observations.index, dtype=object)
    )
    frame = pd.DataFrame(
        {
            "order": period_order(observations["period"]),
            "year": period_years(observations["period"]),
            "value": pd.to_numeric(observations["value"], errors="coerce").astype("float64"),
            "method": methods.to_numpy(dtype=object),
        }
    )
    frame = frame.dropna(subset=["order", "year", "value"])
    frame = frame[np.isfinite(frame["value"])].sort_values("order", kind="stable")
    if frame.empty:
        return empty_annual()
    frame["year"] = frame["year"].astype("int64")
    # A restatement inside one year: only the values of the year's last method count.
    year_method = frame.drop_duplicates("year", keep="last").set_index("year")["method"]
    last_method = frame["year"].map(year_method)
    same = (frame["method"] == last_method) | (frame["method"].isna() & last_method.isna())
    frame = frame[same.to_numpy(dtype=bool)]
    values = getattr(frame.groupby("year", sort=True)["value"], aggregation)()
    return pd.DataFrame(
        {
            "year": values.index.to_numpy(dtype=np.int64),
            "value": values.to_numpy(dtype=np.float64),
            "method": [
                None if pd.isna(label) else label for label in year_method.reindex(values.index)
            ],
        }
    )


def trend_points(annual: pd.DataFrame, baseline_year: int, window: int) -> pd.DataFrame:
    """The last `window` annual values since the baseline, of the latest value's method only."""
    if annual.empty:
        return annual
    latest_method = annual["method"].iloc[-1]
    if pd.isna(latest_method):
        same = annual["method"].isna()
    else:
        same = annual["method"] == latest_method
    used = annual[same & (annual["year"] >= baseline_year)]
    return used.tail(window)
