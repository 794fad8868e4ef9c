"""What an upload would change: rows added, changed and unchanged, and values worth a look."""

from __future__ import annotations

import datetime as dt
import math
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


@dataclass(frozen=True)
class Preview:
    """Each uploaded row's status against the store, counts per indicator, and warnings."""

    rows: pd.DataFrame
    counts: pd.DataFrame
    warnings: tuple[report.Issue, ...]

    @property
    def added(self) -> int:
        """Rows whose key is not stored yet."""
        return int((self.rows["status"] == "added").sum())

    @property
    def changed(self) -> int:
        """Rows whose stored value, method, source or note differs."""
        return int((self.rows["status"] == "changed").sum())

    @property
    def unchanged(self) -> int:
        """Rows identical to what is stored."""
        return int((self.rows["status"] == "unchanged").sum())


def compare(new: pd.DataFrame, stored: pd.DataFrame) -> Preview:
    """Compare a validated upload with the stored observations of the same columns."""
    old = {_key(record): record for record in stored.to_dict("records")}
    out: list[dict[str, object]] = []
    for record in new.to_dict("records"):
        key = _key(record)
        before = old.get(key)
        status = (
            "added"
            if before is None
            else (
                "unchanged"
                if all(_same(before.get(name), record.get(name)) for name in COMPARED)
                else "changed"
            )
        )
        out.append(
            {
                "city": key[0],
                "pledge": key[1],
                "indicator": key[2],
                "period": key[3],
                "status": status,
                "old_value": None if before is None else before.get("value"),
                "new_value": record.get("value"),
                "old_method": None if before is None else _clean(before.get("method")),
                "new_method": _clean(record.get("method")),
                "old_source": None if before is None else _clean(before.get("source")),
                "new_source": _clean(record.get("source")),
                "old_note": None if before is None else _clean(before.get("note")),
                "new_note": _clean(record.get("note")),
                "row": record.get("row"),
            }
        )
    rows = pd.DataFrame(out, columns=ROW_COLUMNS)
    counts = _counts(rows)
    return Preview(rows, counts, tuple(_suspicious(new, stored)))


def _key(record: dict[str, object]) -> tuple[str, str, str, dt.date]:
    """The natural key of a record, its period as a date."""
    period = record["period"]
    if isinstance(period, pd.Timestamp | dt.datetime):
        period = period.date()
    elif isinstance(period, str):
        period = dt.date(int(period), 1, 1) if len(period) == 4 else dt.date.fromisoformat(period)
    return (str(record["city"]), str(record["pledge"]), str(record["indicator"]), period)  # type: ignore[return-value]


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


def _suspicious(new: pd.DataFrame, stored: pd.DataFrame) -> list[report.Issue]:
    """Warnings for values far outside the stored series' scale, or far off its usual steps."""
    issues: list[report.Issue] = []
    if stored.empty or new.empty:
        return issues
    series = {
        key: group.assign(_date=[_key(r)[3] for r in group.to_dict("records")]).sort_values("_date")
        for key, group in stored.groupby(["city", "pledge", "indicator"])
    }
    for record in new.to_dict("records"):
        key = _key(record)
        group = series.get(key[:3])
        if group is None or group.empty:
            continue
        values = group["value"].astype(float).to_numpy()
        value = float(record["value"])  # type: ignore[arg-type]
        reason = _out_of_scale(values, value) or _jump(group, key[3], value)
        if reason:
            issues.append(
                report.Issue(
                    "suspicious-value",
                    f"{key[2]} {key[3].isoformat()}: {value:g} {reason}. "
                    "Check the unit and the decimal mark; this does not block the import.",
                    _row(record),
                    "value",
                    f"{value:g}",
                    None,
                    "warning",
                )
            )
    return issues


def _row(record: dict[str, object]) -> int | None:
    """The record's spreadsheet row, if it has one."""
    row = record.get("row")
    return int(row) if isinstance(row, int | np.integer) else None  # type: ignore[arg-type]


def _out_of_scale(values: np.ndarray, value: float) -> str | None:
    """Why a value is outside ten times the stored range, if it is."""
    low, high = float(values.min()), float(values.max())
    biggest = max(abs(low), abs(high))
    if biggest > 0 and abs(value) > _RANGE_FACTOR * biggest:
        return f"is more than ten times the stored series' range ({low:g} to {high:g})"
    smallest = min(abs(low), abs(high))
    same_sign = low > 0 or high < 0
    if same_sign and abs(value) < smallest / _RANGE_FACTOR:
        return f"is less than a tenth of the stored series' range ({low:g} to {high:g})"
    return None


def _jump(group: pd.DataFrame, date: dt.date, value: float) -> str | None:
    """Why the step from the previous stored value is unusual, if it is (> 5 std of steps)."""
    values = group["value"].astype(float).to_numpy()
    if len(values) < _MIN_JUMPS + 1:
        return None
    steps = np.diff(values)
    spread = float(steps.std())
    earlier = group[group["_date"] < date]
    if spread == 0 or earlier.empty:
        return None
    step = value - float(earlier["value"].iloc[-1])
    if abs(step - float(steps.mean())) > _JUMP_SIGMAS * spread:
        return (
            f"jumps by {step:g} from the previous value (usual steps {steps.mean():g} ± {spread:g})"
        )
    return None
