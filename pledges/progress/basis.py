"""An indicator's annual rows as one series a method, and the basis a status rests on."""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from dataclasses import dataclass

from pledges import model
from pledges.progress import references
from pledges.progress import thresholds as thresholds_module

# year, value, periods (None for the baseline), whole (the periods cover the year)
Point = references.Point
YEAR = operator.itemgetter(0)
PERIODS = operator.itemgetter(2)


@dataclass(frozen=True, slots=True)
class Series:
    """One method's annual values, oldest first."""

    method: str | None
    points: tuple[Point, ...]

    @property
    def last_year(self) -> int:
        """The year of the series' last point."""
        return self.points[-1][0]


# One indicator's annual points by method (None for the empty method), each oldest first.
Grouped = dict[str | None, list[Point]]


def split_series(
    grouped: Grouped, baseline: model.Baseline | None, as_point: bool = True
) -> list[Series]:
    """The points as one series a method, in the order given.

    A measured baseline within its series' data (`as_point`) is a point of that series; an
    observation in its year wins. A definitional one, or one dated after the data, is not.
    """
    if baseline is not None and as_point:
        own = grouped.setdefault(baseline.method or None, [])
        # The points are in year order, one a year: find the baseline's place by bisection.
        at = bisect.bisect_left(own, baseline.year, key=YEAR)
        if at == len(own) or own[at][0] != baseline.year:
            own.insert(at, (baseline.year, float(baseline.value), None, True))
    return [Series(method, tuple(points)) for method, points in grouped.items()]


def drop_part_years(all_series: list[Series]) -> tuple[list[Series], int | None]:
    """Leave out a last year with fewer periods than the year before it (or a part of a year
    after a whole one), and name the latest year so left out.

    A year whose periods cover it (an annual value, 12 months, 4 quarters) is never a part year.
    A part year is dropped from its own series only: where another method keeps a value of that
    year, the year is not left out and is not named (the sentence may cite it).
    """
    kept, dropped = [], []
    for one in all_series:
        points = one.points
        if len(points) >= 2 and points[-1][2] is not None and points[-2][2] is not None:
            # Fewer periods than the year before, or a part of a year after a whole one.
            fewer = points[-1][2] < points[-2][2] or points[-2][3]
            if fewer and not points[-1][3]:
                dropped.append(points[-1][0])
                one = Series(one.method, points[:-1])
        kept.append(one)
    if not dropped:
        return kept, None
    used = {point[0] for one in kept for point in one.points}
    left_out = [year for year in dropped if year not in used]
    return kept, max(left_out, default=None)


def choose_basis(
    all_series: list[Series],
    today: dt.date,
    thresholds: thresholds_module.Thresholds,
    comparable: tuple[str | None, ...] | None = None,
) -> tuple[Series | None, Series | None]:
    """The basis (newest qualifying series, of the `comparable` methods where the targets name
    a construction) and the newest series of all."""
    present = [one for one in all_series if one.points]
    if not present:
        return None, None
    if comparable is not None:
        newest = max(present, key=lambda one: (one.last_year, len(one.points)))
        basis, _ = choose_basis([s for s in present if s.method in comparable], today, thresholds)
        return basis, newest
    if len(present) == 1:  # the usual case: one method
        (one,) = present
        fits = len(one.points) >= max(thresholds.min_points, 2)
        return (one if fits and today.year - one.last_year <= thresholds.max_age else None), one
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


@dataclass(frozen=True, slots=True)
class Chosen:
    """One indicator's series, its basis and the points the line is fitted to (before the fit).

    `measured` counts the measured values among `used` (the baseline, where it is a point of
    the line, is named apart: revision 3); `baseline` is how the baseline may be used;
    `comparable` the methods a status may rest on where the targets name a construction.
    """

    all_series: list[Series]
    incomplete: int | None
    basis: Series | None
    newest: Series | None
    used: tuple[Point, ...]
    baseline: references.BaselineUse
    measured: int = 0
    comparable: tuple[str | None, ...] | None = None

    @property
    def baseline_in_line(self) -> bool:
        """Whether the measured baseline is one of the points the line is fitted to."""
        return self.measured < len(self.used)


def choose(
    indicator: model.Indicator,
    grouped: Grouped,
    today: dt.date,
    thresholds: thresholds_module.Thresholds,
) -> Chosen:
    """The series a method, the part year left out, the basis and its trend window."""
    baseline = indicator.baseline
    own = grouped.get(baseline.method or None, []) if baseline is not None else []
    every = every_point(grouped) if baseline is not None and not baseline.definitional else []
    use = references.baseline_use(indicator, own, thresholds, every)
    comparable = references.comparable_methods(indicator, list(grouped))
    all_series, incomplete = drop_part_years(split_series(grouped, baseline, use.point))
    basis, newest = choose_basis(all_series, today, thresholds, comparable)
    used = basis.points[-thresholds.window :] if basis is not None else ()
    measured = len(used) - list(map(PERIODS, used)).count(None)
    return Chosen(all_series, incomplete, basis, newest, used, use, measured, comparable)


def every_point(grouped: Grouped) -> list[Point]:
    """Every method's measured points in one list, oldest first."""
    return sorted((p for points in grouped.values() for p in points if p[2] is not None), key=YEAR)


def latest_measured(all_series: list[Series]) -> tuple[int, float, str | None] | None:
    """The newest measured value of any series (the baseline point has no periods)."""
    latest = None
    for one in all_series:
        for point in reversed(one.points):
            if point[2] is not None:
                if latest is None or point[0] > latest[0]:
                    latest = (point[0], point[1], one.method)
                break
    return latest


def latest_point(
    basis: Series | None, all_series: list[Series], own: str | None
) -> tuple[int, float, str | None] | None:
    """The one "latest" value, the one the status rests on or would (revision 3: a newer value
    on another definition is never the latest alone): the basis' last value; without a basis,
    the newest measured value of the definition's own series (`own`: its method), else the
    newest stored."""
    if basis is not None:
        return basis.last_year, basis.points[-1][1], basis.method
    for one in all_series:
        measured = [p for p in one.points if p[2] is not None]
        if one.method == own and measured:
            return measured[-1][0], measured[-1][1], one.method
    return latest_measured(all_series)


def measured_points(all_series: list[Series]) -> list[Point]:
    """Every series' measured points in one list, oldest first."""
    return sorted((p for one in all_series for p in one.points if p[2] is not None), key=YEAR)


def status_method(
    basis_method: str | None,
    construction: str | None,
    all_series: tuple[Series, ...],
    latest_method: str | None,
) -> str | None:
    """The method a status rests on or would: the basis', else the newest series of the
    targets' construction, else the latest value's."""
    if basis_method is not None or construction is None:
        return basis_method or latest_method
    built = [
        (one.last_year, one.method)
        for one in all_series
        if one.points and references.construction(one.method) == construction
    ]
    return max(built)[1] if built else latest_method
