"""What an upload would change: rows added, changed and unchanged, and values worth a look."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pledges.ingest import report

KEY = ["city", "pledge", "indicator", "period"]
COMPARED = ("value", "method", "source", "note")
COUNT_COLUMNS = ["city", "pledge", "indicator", "added", "changed", "unchanged"]
ROW_COLUMNS = [
    *KEY,
    "status",
    "old_value",
    "new_value",
    "old_method",
    "new_method",
    "old_source",
    "new_source",
    "old_note",
    "new_note",
    "row",
]
_RANGE_FACTOR = 10.0
_JUMP_SIGMAS = 5.0
_MIN_JUMPS = 3
_DAYS = 1 << 22  # more than the day number of 9999-12-31


@dataclass(frozen=True)
class Preview:
    """Each uploaded row's status against the store, counts per indicator, and warnings."""

    rows: pd.DataFrame
    counts: pd.DataFrame
    warnings: tuple[report.Issue, ...]

    @property
    def added(self) -> int:
        """Rows whose key is not stored yet."""
        return int(self.counts["added"].sum()) if len(self.counts) else 0

    @property
    def changed(self) -> int:
        """Rows whose stored value, method, source or note differs."""
        return int(self.counts["changed"].sum()) if len(self.counts) else 0

    @property
    def unchanged(self) -> int:
        """Rows identical to what is stored."""
        return int(self.counts["unchanged"].sum()) if len(self.counts) else 0


def compare(new: pd.DataFrame, stored: pd.DataFrame, kept: Sequence[str] = ()) -> Preview:
    """Compare a validated upload with the stored observations of the same columns; `kept`
    columns (absent from the file) show, and keep, the stored cells."""
    new_keys, stored_keys = _keys(new), _keys(stored)
    before = _matches(new_keys, stored_keys)
    found = before >= 0
    if kept and found.any():
        new = new.copy()
        for name in kept:
            cells = new[name].to_numpy(dtype=object).copy()
            cells[found] = _raw_cells(stored, name)[before[found]]
            new[name] = cells
    same = np.ones(len(new), dtype=bool)
    for name in COMPARED:
        if found.any():
            same[found] &= _same_cells(
                _cells(stored, name)[before[found]], _cells(new, name)[found]
            )
    status = np.where(found, np.where(same, "unchanged", "changed"), "added")
    columns: dict[str, object] = {
        "city": new_keys[0].tolist(),
        "pledge": new_keys[1].tolist(),
        "indicator": new_keys[2].tolist(),
        "period": new_keys[3].tolist(),
        "status": status.astype(object),
        "old_value": _old(_raw_cells(stored, "value"), before, found),
        "new_value": _as_records(_raw_cells(new, "value")),
    }
    for name in ("method", "source", "note"):
        columns[f"old_{name}"] = _old(_cleaned(stored, name), before, found)
        columns[f"new_{name}"] = _as_records(_cleaned(new, name))
    columns["row"] = _as_records(_raw_cells(new, "row"))
    rows = pd.DataFrame(columns if len(new) else [], columns=ROW_COLUMNS)
    counts = _counts(rows)
    warnings = _suspicious(new, stored, new_keys, stored_keys)
    if kept and found.any():  # only rows already stored have cells to keep
        warnings.insert(0, kept_columns(kept))
    return Preview(rows, counts, tuple(warnings))


def kept_columns(kept: Sequence[str]) -> report.Issue:
    """The warning that columns the file lacks keep their stored cells."""
    names = " and ".join(f"'{name}'" for name in kept)
    return report.Issue(
        "kept-columns",
        f"The file has no {names} column: stored {' and '.join(kept)} cells are kept, not "
        "cleared. To clear one, add the column and leave its cell empty.",
        None,
        None,
        ", ".join(kept),
        None,
        "warning",
    )


def totals(parts: list[Preview]) -> Preview:
    """The counts and warnings of a file previewed chunk by chunk (no per-row table)."""
    counts = [part.counts for part in parts if len(part.counts)]
    if not counts:
        table = pd.DataFrame(columns=COUNT_COLUMNS)
    else:
        names = ["city", "pledge", "indicator"]
        table = pd.concat(counts).groupby(names, sort=False).sum().reset_index()[COUNT_COLUMNS]
    warnings = tuple(dict.fromkeys(issue for part in parts for issue in part.warnings))
    return Preview(pd.DataFrame(columns=ROW_COLUMNS), table, warnings)


Keys = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _keys(frame: pd.DataFrame) -> Keys:
    """Each row's natural key as object arrays: city, pledge and indicator as text, a date."""
    city, pledge, indicator = (_texts(frame[name]) for name in ("city", "pledge", "indicator"))
    return (city, pledge, indicator, _dates(frame["period"]))


def _texts(column: pd.Series) -> np.ndarray:
    """A name column as text (str() of anything else, as the key has it)."""
    values = column.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(values, skipna=False) in ("string", "empty"):
        return values
    return _per_distinct(values, str)


def _dates(column: pd.Series) -> np.ndarray:
    """A period column as dates (timestamps and ISO text converted, as the key has it)."""
    return _per_distinct(column.to_numpy(dtype=object), _date)


def _per_distinct(values: np.ndarray, convert: object) -> np.ndarray:
    """`convert` applied once per distinct cell, then spread over the rows."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    converted = np.empty(len(uniques), dtype=object)
    converted[:] = [convert(item) for item in uniques]  # type: ignore[operator]
    return converted[codes]


def _matches(new: Keys, stored: Keys) -> np.ndarray:
    """For each new row, the position of the stored row with its key (the last one), or -1."""
    if not len(new[0]) or not len(stored[0]):
        return np.full(len(new[0]), -1, dtype=np.int64)
    count = len(new[0])
    key = _codes([np.concatenate(parts) for parts in zip(new, stored, strict=True)])
    new_key, stored_key = key[:count], key[count:]
    last = ~pd.Series(stored_key).duplicated(keep="last").to_numpy()
    positions = np.flatnonzero(last)
    found = pd.Index(stored_key[last]).get_indexer(new_key)
    return np.where(found >= 0, positions[found], -1)


def _raw_cells(frame: pd.DataFrame, name: str) -> np.ndarray:
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


def _cells(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A compared column: floats when numeric, else cells with every missing spelling as None."""
    if name in frame.columns and frame[name].dtype.kind == "f":
        return frame[name].to_numpy()
    return _cleaned(frame, name)


def _cleaned(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A column's cells with None, NaN and blank text all as None."""
    values = _raw_cells(frame, name)
    if values.dtype != object:
        values = values.astype(object)
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind in ("string", "empty"):
        return _per_distinct(values, _clean)
    cleaned = np.empty(len(values), dtype=object)
    cleaned[:] = [_clean(value) for value in values]
    return cleaned


def _same_cells(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Pairwise `_same`: floats exactly (NaN is missing, so equal to NaN), text as is."""
    if old.dtype.kind == "f" and new.dtype.kind == "f":
        return (old == new) | (np.isnan(old) & np.isnan(new))
    if old.dtype.kind == "f" or new.dtype.kind == "f":
        old = _boxed(old)
        new = _boxed(new)
    if _is_text(old) and _is_text(new):
        return np.asarray(old == new, dtype=bool)
    return np.array([_same(left, right) for left, right in zip(old, new, strict=True)], dtype=bool)


def _boxed(values: np.ndarray) -> np.ndarray:
    """Floats as objects, NaN as None."""
    if values.dtype.kind != "f":
        return values
    boxed = np.empty(len(values), dtype=object)
    boxed[:] = values.tolist()
    boxed[np.isnan(values)] = None
    return boxed


def _is_text(values: np.ndarray) -> bool:
    """True when every cell is text or None (plain equality is then `_same`)."""
    return pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty")


def _as_records(values: np.ndarray) -> np.ndarray | list[object]:
    """Cells the frame infers as it infers records: arrays of numbers or text as they are."""
    if values.dtype != object or _is_text(values):
        return values
    return values.tolist()


def _old(values: np.ndarray, before: np.ndarray, found: np.ndarray) -> np.ndarray | list[object]:
    """The stored cells of the matched rows, None for added rows (a list, typed as records are)."""
    out = np.full(len(before), None, dtype=object)
    if not found.any():
        return out
    out[found] = values[before[found]].tolist()
    return out.tolist()


def _date(period: object) -> object:
    """A period as a date (timestamps, datetimes, years and ISO text converted)."""
    if isinstance(period, pd.Timestamp | dt.datetime):
        return period.date()
    if isinstance(period, str):
        return dt.date(int(period), 1, 1) if len(period) == 4 else dt.date.fromisoformat(period)
    return period


def _clean(value: object) -> object:
    """Missing values (None, NaN, "") as None, so they compare equal."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _same(left: object, right: object) -> bool:
    """Equal after treating every kind of missing alike (floats compared exactly)."""
    left, right = _clean(left), _clean(right)
    if isinstance(left, int | float) and isinstance(right, int | float):
        return float(left) == float(right)
    return left == right


def _counts(rows: pd.DataFrame) -> pd.DataFrame:
    """Added, changed and unchanged per indicator."""
    if rows.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    table = (
        rows.groupby(["city", "pledge", "indicator", "status"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=["added", "changed", "unchanged"], fill_value=0)
        .reset_index()
    )
    table.columns.name = None
    return table[COUNT_COLUMNS]


def _suspicious(
    new: pd.DataFrame, stored: pd.DataFrame, new_keys: Keys, stored_keys: Keys
) -> list[report.Issue]:
    """Warnings for values far outside the stored series' scale, or far off its usual steps."""
    issues: list[report.Issue] = []
    if stored.empty or new.empty:
        return issues
    count = len(new)
    series = _codes(
        [np.concatenate(parts) for parts in zip(new_keys[:3], stored_keys[:3], strict=True)]
    )
    new_series, stored_series = series[:count], series[count:]
    order = np.lexsort((_days(stored_keys[3]), stored_series))
    sorted_series = stored_series[order]
    sorted_values = stored["value"].astype(float).to_numpy()[order]
    starts = np.searchsorted(sorted_series, new_series, "left")
    ends = np.searchsorted(sorted_series, new_series, "right")
    candidates = np.flatnonzero(ends > starts)
    if not len(candidates):
        return issues
    scales = {
        code: _Scale.of(sorted_values[start:end])
        for code, start, end in zip(
            new_series[candidates].tolist(),
            starts[candidates].tolist(),
            ends[candidates].tolist(),
            strict=True,
        )
    }
    # Series and day in one sortable number: the stored value just before each new period.
    moments = stored_series[order] * _DAYS + _days(stored_keys[3])[order]
    new_moments = new_series[candidates] * _DAYS + _days(new_keys[3][candidates])
    earlier = np.searchsorted(moments, new_moments, "left") - 1
    has_earlier = earlier >= starts[candidates]
    previous = np.where(has_earlier, sorted_values[np.maximum(earlier, 0)], np.nan)
    values = new["value"].to_numpy(dtype=float)
    flagged = _flagged(candidates, values, new_series, scales, previous)
    lookup = dict(zip(candidates.tolist(), previous.tolist(), strict=True))
    for position in flagged.tolist():
        value = float(values[position])
        scale = scales[int(new_series[position])]
        before = lookup[position]
        reason = scale.out_of_scale(value) or scale.jump(
            value, None if np.isnan(before) else before
        )
        if reason:
            date = new_keys[3][position]
            issues.append(
                report.Issue(
                    "suspicious-value",
                    f"{new_keys[2][position]} {date.isoformat()}: {value:g} {reason}. "
                    "Check the unit and the decimal mark; this does not block the import.",
                    _row(new, position),
                    "value",
                    f"{value:g}",
                    None,
                    "warning",
                )
            )
    return issues


def _codes(columns: list[np.ndarray]) -> np.ndarray:
    """One integer per distinct combination of the columns' cells."""
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(column)
        key = key * (len(uniques) + 1) + codes
        key, _ = pd.factorize(key)
    return key


def _days(dates: np.ndarray) -> np.ndarray:
    """Dates as day numbers (once per distinct date)."""
    return _per_distinct(dates, dt.date.toordinal).astype(np.int64)


@dataclass(frozen=True, slots=True)
class _Scale:
    """A stored series' range and usual step, against which a new value is judged."""

    low: float
    high: float
    count: int
    mean_step: float
    spread: float

    @classmethod
    def of(cls, values: np.ndarray) -> _Scale:
        """The scale of one stored series (its values in period order)."""
        steps = np.diff(values)
        jumps = len(values) >= _MIN_JUMPS + 1
        return cls(
            float(values.min()),
            float(values.max()),
            len(values),
            float(steps.mean()) if jumps else 0.0,
            float(steps.std()) if jumps else 0.0,
        )

    def out_of_scale(self, value: float) -> str | None:
        """Why a value is outside ten times the stored range, if it is."""
        low, high = self.low, self.high
        biggest = max(abs(low), abs(high))
        if biggest > 0 and abs(value) > _RANGE_FACTOR * biggest:
            return f"is more than ten times the stored series' range ({low:g} to {high:g})"
        smallest = min(abs(low), abs(high))
        same_sign = low > 0 or high < 0
        if same_sign and abs(value) < smallest / _RANGE_FACTOR:
            return f"is less than a tenth of the stored series' range ({low:g} to {high:g})"
        return None

    def jump(self, value: float, previous: float | None) -> str | None:
        """Why the step from the previous stored value is unusual, if it is (> 5 std of steps)."""
        if self.count < _MIN_JUMPS + 1 or self.spread == 0 or previous is None:
            return None
        step = value - previous
        if abs(step - self.mean_step) > _JUMP_SIGMAS * self.spread:
            return (
                f"jumps by {step:g} from the previous value "
                f"(usual steps {self.mean_step:g} ± {self.spread:g})"
            )
        return None


def _flagged(
    candidates: np.ndarray,
    values: np.ndarray,
    series: np.ndarray,
    scales: dict[int, _Scale],
    previous: np.ndarray,
) -> np.ndarray:
    """New rows that may be suspicious (a superset, each then judged by `_Scale` itself)."""
    table = [scales[int(code)] for code in series[candidates].tolist()]
    low = np.array([scale.low for scale in table], dtype=float)
    high = np.array([scale.high for scale in table], dtype=float)
    mean = np.array([scale.mean_step for scale in table], dtype=float)
    spread = np.array([scale.spread for scale in table], dtype=float)
    varying = np.array(
        [scale.count >= _MIN_JUMPS + 1 and scale.spread != 0 for scale in table], dtype=bool
    )
    value = values[candidates]
    biggest = np.maximum(np.abs(low), np.abs(high))
    smallest = np.minimum(np.abs(low), np.abs(high))
    with np.errstate(invalid="ignore"):
        calm = (np.abs(value) <= _RANGE_FACTOR * biggest) & (
            np.abs(value) >= smallest / _RANGE_FACTOR
        )
        jumps = varying & (np.abs(value - previous - mean) > _JUMP_SIGMAS * spread)
    return candidates[~calm | jumps]


def _row(frame: pd.DataFrame, position: int) -> int | None:
    """A new row's spreadsheet row, if it has one."""
    if "row" not in frame.columns:
        return None
    row = frame["row"].iloc[position]
    return int(row) if isinstance(row, int | np.integer) else None
