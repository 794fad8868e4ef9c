"""Observations reduced to one value a year, and the points the trend is fitted to."""

from __future__ import annotations

import numpy as np
import pandas as pd


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


AGGREGATIONS = ("last", "mean", "sum")


def annual_table(frame: pd.DataFrame, keys: pd.Index, aggregations: np.ndarray) -> pd.DataFrame:
    """One value per indicator, method and year, with how many periods made it.

    `frame` has columns indicator/period/value (and optionally method); `aggregations` gives
    each key's position in AGGREGATIONS. The result has columns code (position in `keys`),
    method ("" for an empty method), year, value and periods, sorted by code, method, year.
    Series are per method (revision 2): two methods in one year are two values, never merged.
    """
    codes = keys.get_indexer(frame["indicator"]) if len(frame) else np.zeros(0, np.int64)
    methods = (
        frame["method"].astype("string").fillna("").to_numpy(dtype=object)
        if "method" in frame and len(frame)
        else np.full(len(frame), "", dtype=object)
    )
    table = pd.DataFrame(
        {
            "code": codes,
            "method": methods,
            "order": period_order(frame["period"]) if len(frame) else np.zeros(0),
            "year": period_years(frame["period"]) if len(frame) else np.zeros(0),
            "value": pd.to_numeric(frame["value"], errors="coerce").to_numpy(dtype=np.float64)
            if len(frame)
            else np.zeros(0),
        }
    )
    keep = (
        (table["code"] >= 0)
        & np.isfinite(table["value"])
        & np.isfinite(table["order"])
        & np.isfinite(table["year"])
    )
    table = table[keep.to_numpy(dtype=bool)].sort_values("order", kind="stable")
    table["year"] = table["year"].astype(np.int64)
    groups = table.groupby(["code", "method", "year"], sort=True)["value"]
    reduced = pd.DataFrame(
        {
            "last": groups.last(),
            "mean": groups.mean(),
            "sum": groups.sum(),
            "periods": groups.size(),
        }
    ).reset_index()
    how = aggregations[reduced["code"].to_numpy(dtype=np.int64)] if len(reduced) else []
    reduced["value"] = np.select(
        [np.equal(how, 0), np.equal(how, 1)],
        [reduced["last"].to_numpy(), reduced["mean"].to_numpy()],
        reduced["sum"].to_numpy(),
    )
    return reduced[["code", "method", "year", "value", "periods"]]
