"""Cell columns compared as the store keeps them: every missing spelling alike, floats exactly."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from pledges.ingest.checking.keyed import per_distinct


def raw_cells(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A column's cells as the records have them (None for a missing column)."""
    if name not in frame.columns:
        return np.full(len(frame), None, dtype=object)
    column = frame[name]
    if column.dtype.kind in "biuf":
        return column.to_numpy()
    if column.dtype == object:
        return column.to_numpy()
    values = np.empty(len(column), dtype=object)
    values[:] = column.tolist()
    return values


def cells(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A compared column: floats when numeric, else cells with every missing spelling as None."""
    if name in frame.columns and frame[name].dtype.kind == "f":
        return frame[name].to_numpy()
    return cleaned(frame, name)


def cleaned(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A column's cells with None, NaN and blank text all as None."""
    values = raw_cells(frame, name)
    if values.dtype != object:
        values = values.astype(object)
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind in ("string", "empty"):
        return per_distinct(values, clean)
    cleaned = np.empty(len(values), dtype=object)
    cleaned[:] = [clean(value) for value in values]
    return cleaned


def same_cells(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Pairwise `same`: floats exactly (NaN is missing, so equal to NaN), text as is."""
    if old.dtype.kind == "f" and new.dtype.kind == "f":
        return (old == new) | (np.isnan(old) & np.isnan(new))
    if old.dtype.kind == "f" or new.dtype.kind == "f":
        old = boxed(old)
        new = boxed(new)
    if is_text(old) and is_text(new):
        return np.asarray(old == new, dtype=bool)
    return np.array([same(left, right) for left, right in zip(old, new, strict=True)], dtype=bool)


def boxed(values: np.ndarray) -> np.ndarray:
    """Floats as objects, NaN as None."""
    if values.dtype.kind != "f":
        return values
    boxed = np.empty(len(values), dtype=object)
    boxed[:] = values.tolist()
    boxed[np.isnan(values)] = None
    return boxed


def is_text(values: np.ndarray) -> bool:
    """True when every cell is text or None (plain equality is then `same`)."""
    return pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty")


def as_records(values: np.ndarray) -> np.ndarray | list[object]:
    """Cells the frame infers as it infers records: arrays of numbers or text as they are."""
    if values.dtype != object or is_text(values):
        return values
    return values.tolist()


def old(values: np.ndarray, before: np.ndarray, found: np.ndarray) -> np.ndarray | list[object]:
    """The stored cells of the matched rows, None for added rows (a list, typed as records are)."""
    out = np.full(len(before), None, dtype=object)
    if not found.any():
        return out
    out[found] = values[before[found]].tolist()
    return out.tolist()


def clean(value: object) -> object:
    """Missing values (None, NaN, "") as None, so they compare equal."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def same(left: object, right: object) -> bool:
    """Equal after treating every kind of missing alike (floats compared exactly)."""
    left, right = clean(left), clean(right)
    if isinstance(left, int | float) and isinstance(right, int | float):
        return float(left) == float(right)
    return left == right
