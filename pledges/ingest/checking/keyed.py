"""Upload and stored rows as natural keys (city, pledge, indicator, date) in numpy arrays."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

Keys = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def keys(frame: pd.DataFrame) -> Keys:
    """Each row's natural key as object arrays: city, pledge and indicator as text, a date."""
    city, pledge, indicator = (texts(frame[name]) for name in ("city", "pledge", "indicator"))
    return (city, pledge, indicator, dates(frame["period"]))


def texts(column: pd.Series) -> np.ndarray:
    """A name column as text (str() of anything else, as the key has it)."""
    values = column.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(values, skipna=False) in ("string", "empty"):
        return values
    return per_distinct(values, str)


def dates(column: pd.Series) -> np.ndarray:
    """A period column as dates (timestamps and ISO text converted, as the key has it)."""
    return per_distinct(column.to_numpy(dtype=object), date)


def per_distinct(values: np.ndarray, convert: object) -> np.ndarray:
    """`convert` applied once per distinct cell, then spread over the rows."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    converted = np.empty(len(uniques), dtype=object)
    converted[:] = [convert(item) for item in uniques]  # type: ignore[operator]
    return converted[codes]


def matches(new: Keys, stored: Keys) -> np.ndarray:
    """For each new row, the position of the stored row with its key (the last one), or -1."""
    if not len(new[0]) or not len(stored[0]):
        return np.full(len(new[0]), -1, dtype=np.int64)
    count = len(new[0])
    key = codes([np.concatenate(parts) for parts in zip(new, stored, strict=True)])
    new_key, stored_key = key[:count], key[count:]
    last = ~pd.Series(stored_key).duplicated(keep="last").to_numpy()
    positions = np.flatnonzero(last)
    found = pd.Index(stored_key[last]).get_indexer(new_key)
    return np.where(found >= 0, positions[found], -1)


def codes(columns: list[np.ndarray]) -> np.ndarray:
    """One integer per distinct combination of the columns' cells."""
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(column)
        key = key * (len(uniques) + 1) + codes
        key, _ = pd.factorize(key)
    return key


def days(dates: np.ndarray) -> np.ndarray:
    """Dates as day numbers (once per distinct date)."""
    return per_distinct(dates, dt.date.toordinal).astype(np.int64)


def date(period: object) -> object:
    """A period as a date (timestamps, datetimes, years and ISO text converted)."""
    if isinstance(period, pd.Timestamp | dt.datetime):
        return period.date()
    if isinstance(period, str):
        return dt.date(int(period), 1, 1) if len(period) == 4 else dt.date.fromisoformat(period)
    return period
