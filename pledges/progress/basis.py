"""An indicator's annual rows as one series a method, and the basis a status rests on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pledges import model
from pledges.progress import thresholds as thresholds_module

Point = tuple[int, float, int | None]  # year, value, periods (None for the baseline)


@dataclass(frozen=True, slots=True)
class Series:
    """One method's annual values, oldest first."""

    method: str | None
    points: tuple[Point, ...]

    @property
    def last_year(self) -> int:
        """The year of the series' last point."""
        return self.points[-1][0]


@dataclass(frozen=True, slots=True)
class Columns:
    """One indicator's annual rows as parallel lists, sorted by method then year."""

    methods: Sequence[str]
    years: Sequence[int]
    values: Sequence[float]
    periods: Sequence[int]


def split_series(rows: Columns, baseline: model.Baseline | None) -> list[Series]:
    """The rows as one series a method ("" is the empty method).

    The baseline is a point of its own method's series; an observation in its year wins.
    """
    grouped: dict[str | None, list[Point]] = {}
    methods, count, start = rows.methods, len(rows.methods), 0
    while start < count:
        end = start + 1
        while end < count and methods[end] == methods[start]:
            end += 1
        years, values = rows.years[start:end], rows.values[start:end]
        grouped[methods[start] or None] = list(
            zip(years, values, rows.periods[start:end], strict=True)
        )
        start = end
    if baseline is not None:
        own = grouped.setdefault(baseline.method or None, [])
        if all(year != baseline.year for year, _, _ in own):
            own.append((baseline.year, float(baseline.value), None))
            own.sort(key=lambda point: point[0])
    return [Series(method, tuple(points)) for method, points in grouped.items()]


def drop_part_years(all_series: list[Series]) -> tuple[list[Series], int | None]:
    """Leave out a last year with fewer periods than the year before it, and name it."""
    kept, incomplete = [], None
    for one in all_series:
        points = one.points
        if len(points) >= 2 and points[-1][2] is not None and points[-2][2] is not None:
            if points[-1][2] < points[-2][2]:
                incomplete = max(incomplete or points[-1][0], points[-1][0])
                points = points[:-1]
        kept.append(Series(one.method, points))
    return kept, incomplete


def choose_basis(
    all_series: list[Series], today: dt.date, thresholds: thresholds_module.Thresholds
) -> tuple[Series | None, Series | None]:
    """The basis (newest qualifying series) and the newest series of all."""
    present = [one for one in all_series if one.points]
    if not present:
        return None, None
    newest = max(present, key=lambda one: (one.last_year, len(one.points)))
    qualifying = [
        one
        for one in present
        if len(one.points) >= max(thresholds.min_points, 2)
        and today.year - one.last_year <= thresholds.max_age
    ]
    if not qualifying:
        return None, newest
    return max(qualifying, key=lambda one: (one.last_year, len(one.points))), newest
