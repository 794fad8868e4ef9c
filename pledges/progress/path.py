"""The required path: from the baseline through every milestone to the final target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pledges import model, translation
from pledges.progress import said


@dataclass(frozen=True, slots=True)
class RequiredPath:
    """The path as one value a year, and a note where its shape had to change."""

    frame: pd.DataFrame = field(compare=False)
    shape: model.PathShape
    note: str | None = None


_NO_PATH = pd.DataFrame({"year": np.empty(0, dtype=np.int64), "value": np.empty(0)})


def empty_path() -> pd.DataFrame:
    """A path frame with no rows and the documented columns (year, value): a copy of one made
    once (most indicators have no path, and copying costs a sixth of building)."""
    return _NO_PATH.copy()


def knots(
    baseline_year: int, baseline_value: float, targets: Sequence[model.Target]
) -> list[tuple[int, float]]:
    """The points the path runs through: the baseline, then each target after it (last wins)."""
    points: dict[int, float] = {baseline_year: baseline_value}
    for target in sorted(targets, key=lambda target: target.year):
        if target.year > baseline_year:
            points[target.year] = target.value
    return sorted(points.items())


def segment(
    start: tuple[int, float], end: tuple[int, float], years: np.ndarray, constant_rate: bool
) -> np.ndarray:
    """Values of one stretch of the path, linear or the same percentage change each year."""
    (y0, v0), (y1, v1) = start, end
    fraction = (years - y0) / (y1 - y0)
    if constant_rate:
        return v0 * (v1 / v0) ** fraction
    return v0 + (v1 - v0) * fraction


def required_path(
    baseline_year: int,
    baseline_value: float,
    targets: Sequence[model.Target],
    shape: model.PathShape = "linear",
) -> RequiredPath:
    """The path a year at a time; constant-rate falls back to linear where an end is not > 0."""
    points = knots(baseline_year, baseline_value, targets)
    if len(points) < 2:
        return RequiredPath(empty_path(), shape)
    years_out: list[np.ndarray] = [np.array([points[0][0]], dtype=np.int64)]
    values_out: list[np.ndarray] = [np.array([points[0][1]], dtype=np.float64)]
    for start, end in zip(points, points[1:], strict=False):
        constant_rate = shape == "constant-rate" and start[1] > 0 and end[1] > 0
        years = np.arange(start[0] + 1, end[0] + 1, dtype=np.int64)
        years_out.append(years)
        values_out.append(segment(start, end, years.astype(np.float64), constant_rate))
    frame = pd.DataFrame({"year": np.concatenate(years_out), "value": np.concatenate(values_out)})
    return RequiredPath(frame, shape, fallback_note(points, shape))


def value_at(path: RequiredPath, year: int) -> float | None:
    """The required value in a year: None before the baseline, the final value after the end."""
    frame = path.frame
    if frame.empty or year < int(frame["year"].iloc[0]):
        return None
    if year >= int(frame["year"].iloc[-1]):
        return float(frame["value"].iloc[-1])
    row = frame.loc[frame["year"] == year, "value"]
    return float(row.iloc[0])


def fallback_why(points: Sequence[tuple[int, float]], shape: model.PathShape) -> said.Said | None:
    """Why a constant-rate path is linear where an end is not > 0, worded where it is shown."""
    if shape != "constant-rate":
        return None
    spans = [
        f"{start[0]}-{end[0]}"
        for start, end in zip(points, points[1:], strict=False)
        if not (start[1] > 0 and end[1] > 0)
    ]
    if not spans:
        return None
    return said.Said(
        translation.N_(
            "a constant rate cannot reach or start from zero or below, so the path is linear"
            " in {spans}"
        ),
        (("spans", ", ".join(spans)),),
    )


def fallback_note(points: Sequence[tuple[int, float]], shape: model.PathShape) -> str | None:
    """The note a constant-rate path needs where an end is not > 0, in English."""
    why = fallback_why(points, shape)
    return None if why is None else why.say()


def value_on(
    points: Sequence[tuple[int, float]], shape: model.PathShape, year: int
) -> float | None:
    """The required value in a year from the knots: None before the first, the last after."""
    if len(points) < 2 or year < points[0][0]:
        return None
    if year >= points[-1][0]:
        return float(points[-1][1])
    for start, end in zip(points, points[1:], strict=False):
        if start[0] <= year <= end[0]:
            # `segment` on one year, in plain floats (the same operations, without an array).
            (y0, v0), (y1, v1) = start, end
            fraction = (float(year) - y0) / (y1 - y0)
            if shape == "constant-rate" and v0 > 0 and v1 > 0:
                return float(v0 * (v1 / v0) ** fraction)
            return float(v0 + (v1 - v0) * fraction)
    return None
