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


def period_months(periods: pd.Series) -> np.ndarray:
    """The month (1-12) each period starts in; 1 for int years, 0 where unreadable."""
    if pd.api.types.is_integer_dtype(periods.dtype):
        return np.ones(len(periods), dtype=np.int64)
    if not pd.api.types.is_datetime64_any_dtype(periods.dtype):
        periods = pd.to_datetime(periods, errors="coerce")
    return periods.dt.month.to_numpy(dtype=np.float64, na_value=0.0).astype(np.int64)


def annual_flags(frame: pd.DataFrame) -> np.ndarray:
    """Whether each row's period is a whole year: its `annual` flag, or an int year."""
    if pd.api.types.is_integer_dtype(frame["period"].dtype):
        return np.ones(len(frame), dtype=bool)
    if "annual" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame["annual"].fillna(False).to_numpy(dtype=bool)


def whole_years(
    annual: np.ndarray, months: np.ndarray, starts: np.ndarray, sizes: np.ndarray
) -> np.ndarray:
    """Whether each group (one indicator, method and year, rows in period order) covers its year.

    A year is whole with an annual period, or with periods evenly spaced `step` months apart
    that run to December and number 12 / step (12 months, 4 quarters, 2 halves): revision 3,
    so quarterly values followed by an annual total never make that total a part year.
    """
    ends = starts + sizes
    has_annual = np.logical_or.reduceat(annual, starts) if len(starts) else np.zeros(0, bool)
    last = months[ends - 1]
    before = months[np.maximum(ends - 2, starts)]
    step = np.where(sizes >= 2, last - before, 0)
    covered = (sizes >= 2) & (step >= 1) & (last + step - 1 >= 12) & (sizes * step >= 12)
    return has_annual | covered


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


_NO_ANNUAL = pd.DataFrame(
    {
        "year": np.empty(0, dtype=np.int64),
        "value": np.empty(0, dtype=np.float64),
        "method": np.empty(0, dtype=object),
    }
)


def empty_annual() -> pd.DataFrame:
    """An annual frame with no rows and the documented columns (a copy of one made once)."""
    return _NO_ANNUAL.copy()


AGGREGATIONS = ("last", "mean", "sum")


def distinct(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each row's position among the column's distinct values (-1 for a missing one), and those.

    Each distinct string is then looked up or converted once, not once a row (factorising an
    Arrow-backed string column is also much cheaper than reading it out as Python objects).
    """
    positions, uniques = pd.factorize(column)
    return positions, np.asarray(uniques, dtype=object)


def indicator_codes(column: pd.Series, keys: pd.Index) -> np.ndarray:
    """Each row's position in `keys` (-1 for an indicator not among them, or missing)."""
    positions, uniques = distinct(column)
    return np.append(keys.get_indexer(uniques), -1)[positions].astype(np.int64)


def method_ranks(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each row's method as a string ("" for a missing one) and its rank in sorted order."""
    if "method" not in frame:
        return np.full(len(frame), "", dtype=object), np.zeros(len(frame), dtype=np.int64)
    positions, uniques = distinct(frame["method"])
    # The missing method ("") last, where position -1 finds it.
    strings = pd.Series([*uniques, None], dtype=object).astype("string").fillna("")
    names, ranks = np.unique(strings.to_numpy(dtype=str), return_inverse=True)
    return names.astype(object)[ranks][positions], ranks[positions]


def _aggregate(
    values: np.ndarray, starts: np.ndarray, sizes: np.ndarray, how: np.ndarray
) -> np.ndarray:
    """Each group's value by its aggregation, exactly as pandas' grouped last/mean/sum give it."""
    ends = starts + sizes
    result = values[ends - 1].copy()
    # pandas sums from +0.0 (compensated), so a lone -0.0 comes out +0.0; last keeps it.
    single = (sizes == 1) & (how != 0)
    result[single] = values[ends[single] - 1] + 0.0
    several = np.flatnonzero((sizes > 1) & (how != 0))
    if len(several):
        group = np.repeat(np.arange(len(several)), sizes[several])
        firsts = np.repeat(
            starts[several] - np.cumsum(sizes[several]) + sizes[several], sizes[several]
        )
        rows = firsts + np.arange(len(group))
        grouped = pd.Series(values[rows]).groupby(group, sort=True)
        means, sums = grouped.mean().to_numpy(), grouped.sum().to_numpy()
        result[several] = np.where(how[several] == 1, means, sums)
    return result


def annual_table(frame: pd.DataFrame, keys: pd.Index, aggregations: np.ndarray) -> pd.DataFrame:
    """One value per indicator, method and year, with how many periods made it.

    `frame` has columns indicator/period/value (and optionally method); `aggregations` gives
    each key's position in AGGREGATIONS. The result has columns code (position in `keys`),
    method ("" for an empty method), year, value, periods and whole (the periods cover the
    year: see `whole_years`), sorted by code, method, year.
    Series are per method (revision 2): two methods in one year are two values, never merged.
    """
    if not len(frame):
        return pd.DataFrame(
            {
                "code": np.zeros(0, np.int64),
                "method": np.zeros(0, dtype=object),
                "year": np.zeros(0, np.int64),
                "value": np.zeros(0),
                "periods": np.zeros(0, np.int64),
                "whole": np.zeros(0, dtype=bool),
            }
        )
    codes = indicator_codes(frame["indicator"], keys)
    methods, ranks = method_ranks(frame)
    periods = frame["period"]
    if not pd.api.types.is_integer_dtype(periods) and not pd.api.types.is_datetime64_any_dtype(
        periods
    ):
        periods = pd.to_datetime(periods, errors="coerce")  # once, for order, year and month
    order = period_order(periods)
    years = period_years(periods)
    values = pd.to_numeric(frame["value"], errors="coerce").to_numpy(dtype=np.float64)
    keep = np.flatnonzero(
        (codes >= 0) & np.isfinite(values) & np.isfinite(order) & np.isfinite(years)
    )
    # Grouped by code, method and year, each group in period order (ties keep their place,
    # so a group's last row is its latest); already sorted input is left as it is.
    span = int(years[keep].max() - years[keep].min()) + 1 if len(keep) else 1
    low = years[keep].min() if len(keep) else 0
    group_key = (codes[keep] * (int(ranks.max(initial=0)) + 1) + ranks[keep]) * span + (
        years[keep] - low
    ).astype(np.int64)
    step, tick = np.diff(group_key), np.diff(order[keep])
    if not np.all((step > 0) | ((step == 0) & (tick >= 0))):
        keep = keep[np.lexsort((order[keep], group_key))]
    code, rank, year = codes[keep], ranks[keep], years[keep].astype(np.int64)
    changed = np.ones(len(keep), dtype=bool)
    changed[1:] = (code[1:] != code[:-1]) | (rank[1:] != rank[:-1]) | (year[1:] != year[:-1])
    starts = np.flatnonzero(changed)
    sizes = np.diff(np.append(starts, len(keep)))
    how = np.asarray(aggregations, dtype=np.int64)[code[starts]]
    months = period_months(periods)[keep]
    return pd.DataFrame(
        {
            "code": code[starts],
            "method": methods[keep[starts]],
            "year": year[starts],
            "value": _aggregate(values[keep], starts, sizes, how),
            "periods": sizes.astype(np.int64),
            "whole": whole_years(annual_flags(frame)[keep], months, starts, sizes),
        }
    )


def grouped_points(table: pd.DataFrame, count: int) -> list[dict[str | None, list[tuple]]]:
    """The annual table as each of `count` indicators' (year, value, periods, whole) points by
    method.

    The table is sorted by code, method and year, so each indicator's methods are runs of rows,
    found in one pass; None stands for the empty method.
    """
    codes = table["code"].to_numpy(dtype=np.int64)
    methods = table["method"].to_numpy(dtype=object)
    changed = np.ones(len(codes), dtype=bool)
    changed[1:] = (codes[1:] != codes[:-1]) | (methods[1:] != methods[:-1])
    starts = np.flatnonzero(changed)
    bounds = np.searchsorted(codes[starts], np.arange(count + 1)).tolist()
    ends = np.append(starts[1:], len(codes)).tolist()
    labels = [label or None for label in methods[starts].tolist()]
    columns = (
        table["year"].tolist(),
        table["value"].tolist(),
        table["periods"].tolist(),
        table["whole"].tolist(),
    )
    points = list(zip(*columns, strict=True))
    firsts = starts.tolist()
    return [
        {labels[j]: points[firsts[j] : ends[j]] for j in range(bounds[i], bounds[i + 1])}
        for i in range(count)
    ]
