"""Values far outside a stored series' range, or far off its usual steps: warnings with rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pledges import translation
from pledges.ingest import report
from pledges.ingest.checking.keyed import Keys, codes, days

_RANGE_FACTOR = 10.0
_JUMP_SIGMAS = 5.0
_MIN_JUMPS = 3
# Within a file, with nothing stored to compare, only gross slips (t for kt, 1.234 for 1,234):
# real early values sit a hundred times below later ones (an EV share of 0.01 % in 2010).
_FILE_FACTOR = 500.0
_MIN_FILE_VALUES = 4
_DAYS = 1 << 22  # more than the day number of 9999-12-31


def suspicious(
    new: pd.DataFrame, stored: pd.DataFrame, new_keys: Keys, stored_keys: Keys
) -> list[report.Issue]:
    """Warnings for values far outside the stored series' scale, or far off its usual steps;
    for a series with nothing stored yet, far off its own typical value in the file."""
    if new.empty:
        return []
    return _against_stored(new, stored, new_keys, stored_keys) + _within_file(
        new, new_keys, _unstored(new_keys, stored_keys)
    )


def _unstored(new_keys: Keys, stored_keys: Keys) -> np.ndarray:
    """Which new rows belong to a series the store holds no value of."""
    count = len(new_keys[0])
    if not len(stored_keys[0]):
        return np.ones(count, dtype=bool)
    series = codes(
        [np.concatenate(parts) for parts in zip(new_keys[:3], stored_keys[:3], strict=True)]
    )
    return ~np.isin(series[:count], series[count:])


def _within_file(new: pd.DataFrame, new_keys: Keys, lonely: np.ndarray) -> list[report.Issue]:
    """A value 500 times above or below the median of its new series (at least
    `_MIN_FILE_VALUES` values, zeros never flagged): a unit or decimal-mark slip, probably."""
    issues: list[report.Issue] = []
    positions = np.flatnonzero(lonely)
    if len(positions) < _MIN_FILE_VALUES:
        return issues
    values = new["value"].to_numpy(dtype=float)
    series = codes([part[positions] for part in new_keys[:3]])
    for code in np.unique(series).tolist():
        members = positions[series == code]
        sizes = np.abs(values[members])
        if len(members) < _MIN_FILE_VALUES or not np.isfinite(sizes).all():
            continue
        typical = float(np.median(sizes))
        if typical <= 0:
            continue
        far = (sizes > _FILE_FACTOR * typical) | ((sizes > 0) & (sizes < typical / _FILE_FACTOR))
        for position in members[far].tolist():
            value = float(values[position])
            off = report.phrase(_HUNDREDFOLD, {"typical": typical})
            issues.append(_warning(new, new_keys, position, value, off))
    return issues


def _against_stored(
    new: pd.DataFrame, stored: pd.DataFrame, new_keys: Keys, stored_keys: Keys
) -> list[report.Issue]:
    """Warnings for values far outside the stored series' scale, or far off its usual steps."""
    issues: list[report.Issue] = []
    if stored.empty or new.empty:
        return issues
    count = len(new)
    series = codes(
        [np.concatenate(parts) for parts in zip(new_keys[:3], stored_keys[:3], strict=True)]
    )
    new_series, stored_series = series[:count], series[count:]
    order = np.lexsort((days(stored_keys[3]), stored_series))
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
    moments = stored_series[order] * _DAYS + days(stored_keys[3])[order]
    new_moments = new_series[candidates] * _DAYS + days(new_keys[3][candidates])
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
            issues.append(_warning(new, new_keys, position, value, reason))
    return issues


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

    def out_of_scale(self, value: float) -> report.Phrase | None:
        """Why a value is outside ten times the stored range, if it is (a whole sentence)."""
        low, high = self.low, self.high
        biggest = max(abs(low), abs(high))
        figures: dict[str, report.Value] = {"low": low, "high": high}
        if biggest > 0 and abs(value) > _RANGE_FACTOR * biggest:
            return report.phrase(_MORE_THAN_TENFOLD, figures)
        smallest = min(abs(low), abs(high))
        same_sign = low > 0 or high < 0
        if same_sign and abs(value) < smallest / _RANGE_FACTOR:
            return report.phrase(_LESS_THAN_A_TENTH, figures)
        return None

    def jump(self, value: float, previous: float | None) -> report.Phrase | None:
        """Why the step from the previous stored value is unusual, if it is (> 5 std of steps)."""
        if self.count < _MIN_JUMPS + 1 or self.spread == 0 or previous is None:
            return None
        step = value - previous
        if abs(step - self.mean_step) > _JUMP_SIGMAS * self.spread:
            figures: dict[str, report.Value] = {
                "step": step,
                "mean": self.mean_step,
                "spread": self.spread,
            }
            return report.phrase(_UNUSUAL_STEP, figures)
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


# Why a value is suspicious: each whole sentence, after the indicator, period and value.
_HUNDREDFOLD = translation.N_(
    "{indicator} {period}: {value} is hundreds of times off the series' typical value in this"
    " file ({typical}). Check the unit and the decimal mark; this does not block the import."
)
_MORE_THAN_TENFOLD = translation.N_(
    "{indicator} {period}: {value} is more than ten times the stored series' range ({low} to"
    " {high}). Check the unit and the decimal mark; this does not block the import."
)
_LESS_THAN_A_TENTH = translation.N_(
    "{indicator} {period}: {value} is less than a tenth of the stored series' range ({low} to"
    " {high}). Check the unit and the decimal mark; this does not block the import."
)
_UNUSUAL_STEP = translation.N_(
    "{indicator} {period}: {value} jumps by {step} from the previous value (usual steps {mean}"
    " ± {spread}). Check the unit and the decimal mark; this does not block the import."
)


def _warning(
    new: pd.DataFrame, new_keys: Keys, position: int, value: float, reason: report.Phrase
) -> report.Issue:
    """The one wording of a suspicious value: where, what, why, and that it does not block."""
    where: dict[str, report.Value] = {
        "indicator": str(new_keys[2][position]),
        "period": new_keys[3][position].isoformat(),
        "value": value,
    }
    return report.said(
        "suspicious-value",
        reason.template,
        {**where, **dict(reason.values)},
        _row(new, position),
        "value",
        f"{value:g}",
        None,
        "warning",
    )
