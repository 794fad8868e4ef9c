"""The one engine: every indicator assessed by the methodology (revision 3), one or a thousand."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import operator
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pledges import model
from pledges.progress import basis as basis_module
from pledges.progress import floors, path, references, said, sentence, series, trend
from pledges.progress import share as share_module
from pledges.progress import status as st
from pledges.progress import thresholds as thresholds_module
from pledges.progress import verdicts as verdict_rules

Series = basis_module.Series
TARGET_YEAR = operator.attrgetter("year")


@dataclass(frozen=True, slots=True)
class Assessment:
    """Every measure of the methodology for one indicator; chart frames built on demand.

    `annual` has columns year/value/method, `required_path` year/value, `projection`
    year/value/low/high (the prediction band at `band`).
    """

    key: str
    name: str
    unit: str
    direction: int
    status: st.Status
    symbol: str
    stale: bool
    latest_year: int | None
    latest_value: float | None
    latest_method: str | None
    baseline_year: int | None
    baseline_value: float | None
    progress_share: float | None
    share_why: said.Said | None
    gap_to_path: float | None
    slope: float | None
    slope_se: float | None
    points: int
    required_pace: float | None
    pace_ratio: float | None
    projected_year: int | None
    next_projected_year: int | None
    next_target: model.Target | None
    final_target: model.Target | None
    verdicts: tuple[st.Verdict, ...]
    evidence: st.Grade | None
    basis_method: str | None
    basis_from: int | None
    basis_to: int | None
    basis_value: float | None
    basis_newest: bool
    newer_unused: tuple[int, float, str | None] | None
    incomplete_year: int | None
    outside_range: bool
    unconfirmed_year: int | None
    now_year: int
    line_now: float | None
    path_why: said.Said | None
    band: float
    min_points: int
    max_age: int
    today: dt.date
    series: tuple[Series, ...] = dataclasses.field(compare=False, repr=False)
    line: trend.Fit | None = dataclasses.field(compare=False, repr=False)
    knots: tuple[tuple[int, float], ...] = dataclasses.field(compare=False, repr=False)
    path_shape: model.PathShape = "linear"
    # Revision 3: the baseline as a point of the line (measured), by definition, or after the
    # data; why it is not used; targets set aside; the floor and the year the line reaches it.
    baseline_in_line: bool = False
    baseline_definitional: bool = False
    baseline_after_data: bool = False
    baseline_why: said.Said | None = None
    baseline_other_method: bool = False
    # Where the targets name a construction ("BASIC"): the status rests on its series only.
    comparable_construction: str | None = None
    set_aside: tuple[references.SetAside, ...] = ()
    floor: float | None = None
    floor_year: int | None = None
    defined_targets: int = 0
    # The one "latest" (year, value, method): the value the status rests on or would.
    shown: tuple[int, float, str | None] | None = None

    @property
    def has_targets(self) -> bool:
        """Whether the definition has a numeric target (else its status is trend only)."""
        return self.defined_targets > 0 or self.final_target is not None

    @property
    def newer_other(self) -> tuple[int, float, str | None] | None:
        """The newest stored value where it is newer than "latest" and on another definition
        or construction (named as such, never as the latest)."""
        if self.newer_unused is not None:
            return self.newer_unused
        if self.shown is None or self.latest_year is None or self.latest_value is None:
            return None
        if self.latest_year > self.shown[0] and self.latest_method != self.shown[2]:
            return self.latest_year, self.latest_value, self.latest_method
        return None

    @property
    def sentence(self) -> str:
        """The indicator's one generated sentence (built when read: most rows never show it)."""
        return sentence.compose(self)

    @property
    def reason(self) -> str:
        """Why this status, in one line."""
        return sentence.reason(self)

    @property
    def status_method(self) -> str | None:
        """The method a status rests on or would (what "this construction" names on a page)."""
        return basis_module.status_method(
            self.basis_method, self.comparable_construction, self.series, self.latest_method
        )

    @property
    def share_note(self) -> str | None:
        """Why there is no progress share, in English (`share_why.say(t)` in another)."""
        return None if self.share_why is None else self.share_why.say()

    @property
    def path_note(self) -> str | None:
        """Why the path is linear somewhere, in English (`path_why.say(t)` in another)."""
        return None if self.path_why is None else self.path_why.say()

    @property
    def baseline_note(self) -> str | None:
        """Why the baseline is not used, in English (`baseline_why.say(t)` in another)."""
        return None if self.baseline_why is None else self.baseline_why.say()

    @property
    def method(self) -> str | None:
        """The method of the basis series (the name revision 1 used)."""
        return self.basis_method

    @property
    def basis_points(self) -> int:
        """How many points the trend uses."""
        return self.points

    @property
    def annual(self) -> pd.DataFrame:
        """Every series' measured annual values (the baseline is drawn on its own)."""
        rows = [(p[0], p[1], s.method) for s in self.series for p in s.points if p[2] is not None]
        if not rows:
            return series.empty_annual()
        rows.sort(key=lambda row: (row[0], row[2] or ""))
        years, values, methods = zip(*rows, strict=True)
        return pd.DataFrame(
            {
                "year": np.array(years, dtype=np.int64),
                "value": np.array(values, dtype=np.float64),
                "method": list(methods),
            }
        )

    @property
    def required_path(self) -> pd.DataFrame:
        """The required path a year at a time (empty without a start or a target)."""
        if len(self.knots) < 2 or self.final_target is None:
            return path.empty_path()
        start = self.knots[0]
        return path.required_path(start[0], start[1], self.milestones(), self.path_shape).frame

    def milestones(self) -> tuple[model.Target, ...]:
        """Every target (the required path runs through them all)."""
        return tuple(verdict.target for verdict in self.verdicts)

    @property
    def projection(self) -> pd.DataFrame:
        """The fitted line carried from the basis' last year to the final target's year."""
        if self.line is None or self.basis_to is None:
            return trend.empty_projection()
        final = self.final_target
        horizon = max(final.year, self.now_year + 1) if final else self.now_year + 5
        # Never a projected amount below what the quantity can be (revision 3).
        return trend.projection(self.line, self.basis_to, horizon, self.band, self.floor)


def assess_rows(
    indicator: model.Indicator,
    chosen: basis_module.Chosen,
    line: trend.Fit | None,
    today: dt.date,
    thresholds: thresholds_module.Thresholds = thresholds_module.DEFAULT,
) -> Assessment:
    """Assess one indicator from its chosen basis and the line fitted to it, as of `today`."""
    sign = indicator.sign
    baseline = indicator.baseline
    use = chosen.baseline
    all_series, incomplete = chosen.all_series, chosen.incomplete
    basis, newest, used = chosen.basis, chosen.newest, chosen.used
    basis_points = basis.points if basis is not None else ()
    # The unit-slip rule's nearest value, where there is no basis: any series'.
    every = basis_module.measured_points(all_series) if basis is None else []
    methods = [one.method for one in all_series if one.points]
    targets, set_aside = references.usable_targets(
        indicator, use, basis_points, sign, thresholds, methods, every
    )
    final = targets[-1] if targets else None
    latest = basis_module.latest_measured(all_series)
    shown = basis_module.latest_point(
        basis, all_series, baseline.method if baseline is not None else None
    )
    floor = None
    if indicator.floor is not None:
        measured = [p[1] for one in all_series for p in one.points if p[2] is not None]
        floor = floors.effective_floor(indicator, measured)

    baseline_year = baseline_value = None
    if baseline is not None and use.reference:
        baseline_year, baseline_value = baseline.year, float(baseline.value)
        own = next((one for one in all_series if one.method == (baseline.method or None)), None)
        for point in own.points if own is not None else ():
            if point[0] == baseline.year and point[2] is not None:
                baseline_value = point[1]
                break

    basis_to = basis.last_year if basis is not None else None
    basis_value = basis.points[-1][1] if basis is not None else None
    now = max(today.year, basis_to or today.year)
    newer = None
    if basis is not None and newest is not None and newest is not basis:
        if newest.last_year > basis.last_year:
            newer = (newest.last_year, newest.points[-1][1], newest.method)
    grade = None
    if basis is not None and final is not None:
        grade = st.grade_of(chosen.measured, today.year - basis_to, basis is newest)

    verdicts, reached = verdict_rules.verdicts_of(
        targets, sign, basis, line, now, today, thresholds, floor
    )
    next_index = None
    if targets:
        next_index = next(
            (
                i
                for i, t in enumerate(targets)
                if t.year > now and verdicts[i].status != st.STATUS.ACHIEVED
            ),
            len(targets) - 1,
        )
    if final is None:
        code = st.STATUS.INSUFFICIENT_DATA if set_aside else st.STATUS.TREND_ONLY
    elif basis is None:
        code = st.STATUS.INSUFFICIENT_DATA
    else:
        chosen_verdict = verdicts[next_index]
        if chosen_verdict.outcome in (st.OUTCOME.AHEAD, st.OUTCOME.HOLDING, st.OUTCOME.SLIPPED):
            code = chosen_verdict.status
        elif st.meets(chosen_verdict.target, sign, basis_value):
            code = st.STATUS.ACHIEVED
        else:
            code = verdict_rules.status_of_due(chosen_verdict, sign, basis, line)
    status_verdict = verdicts[next_index] if next_index is not None else None
    unconfirmed = reached[next_index] if next_index is not None else None

    due_arrival = None
    if status_verdict is not None and basis is not None and status_verdict.target.year <= now:
        if code in (st.STATUS.OFF_TRACK, st.STATUS.WRONG_DIRECTION):
            due_arrival = verdict_rules.due_arrival(status_verdict, basis, line, today, thresholds)
    projected = None
    if final is not None and basis is not None:
        last = verdicts[-1]
        if last.outcome == st.OUTCOME.AHEAD:
            projected = last.projected_year
        elif st.meets(final, sign, basis_value):
            projected = basis_to
        elif last is status_verdict:
            projected = due_arrival
    next_projected = None
    if status_verdict is not None and basis is not None:
        next_projected = status_verdict.projected_year or due_arrival

    share, share_why = None, None
    if final is not None and basis is not None:
        share, share_why = share_module.progress_share(
            final,
            sign,
            baseline,
            use,
            baseline_value,
            basis.method,
            basis_to,
            basis_value,
            code == st.STATUS.ACHIEVED,
            indicator.unit,
        )
    elif final is not None and baseline is None:
        share_why = share_module.NO_BASELINE

    start = None
    if baseline_year is not None:
        start = (baseline_year, baseline_value)
    elif basis is not None:
        start = basis.points[0][:2]
    knots = tuple(path.knots(*start, targets)) if start is not None and targets else ()
    gap = None
    if basis is not None and knots:
        on_path = path.value_on(knots, indicator.path, basis_to)
        gap = None if on_path is None else sign * (basis_value - on_path)
    reference_year = shown[0] if shown is not None else None
    horizon = max(now, final.year) if final is not None else now
    reaches_floor = floors.floor_year(line, floor, thresholds.decimals)
    measured_used = [point[0] for point in used if point[2] is not None]

    return Assessment(
        key=indicator.key,
        name=indicator.name,
        unit=indicator.unit,
        direction=sign,
        status=code,
        symbol=st.SYMBOL_OF[code],
        stale=reference_year is not None and today.year - reference_year > thresholds.stale_after,
        latest_year=latest[0] if latest else None,
        latest_value=latest[1] if latest else None,
        latest_method=latest[2] if latest else None,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        progress_share=share,
        share_why=share_why,
        gap_to_path=gap,
        slope=None if line is None else line.slope,
        slope_se=None if line is None else line.slope_se,
        points=chosen.measured,
        required_pace=status_verdict.required_pace if status_verdict is not None else None,
        pace_ratio=status_verdict.pace_ratio if status_verdict is not None else None,
        projected_year=projected,
        next_projected_year=next_projected,
        next_target=status_verdict.target if status_verdict is not None else None,
        final_target=final,
        verdicts=tuple(verdicts),
        evidence=grade if code not in st.UNASSESSED else None,
        basis_method=basis.method if basis is not None else None,
        basis_from=measured_used[0] if measured_used else None,
        basis_to=basis_to,
        basis_value=basis_value,
        basis_newest=basis is not None and newer is None,
        newer_unused=newer,
        incomplete_year=incomplete,
        outside_range=final is not None
        and basis_value is not None
        and st.outside_range(final, sign, basis_value),
        unconfirmed_year=unconfirmed,
        now_year=now,
        line_now=None if line is None else verdict_rules.at_floor(line.at(now), floor),
        path_why=path.fallback_why(knots, indicator.path),
        band=thresholds.band,
        min_points=thresholds.min_points,
        max_age=thresholds.max_age,
        today=today,
        series=tuple(all_series),
        line=line,
        knots=knots,
        path_shape=indicator.path,
        baseline_in_line=chosen.baseline_in_line,
        baseline_definitional=baseline is not None and baseline.definitional,
        baseline_after_data=use.after_data,
        baseline_why=use.why,
        baseline_other_method=use.other_method,
        comparable_construction=references.construction(chosen.comparable[0])
        if chosen.comparable
        else None,
        set_aside=set_aside,
        floor=floor,
        floor_year=None if reaches_floor is None or reaches_floor > horizon else reaches_floor,
        defined_targets=len(indicator.targets),
        shown=shown,
    )


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause the cycle collector while building many small objects (reference counting still
    frees them): its passes over a large heap would otherwise take a fifth of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def assess_all(
    frame: pd.DataFrame,
    indicators: Mapping[str, model.Indicator] | Sequence[model.Indicator],
    today: dt.date,
    thresholds: thresholds_module.Thresholds = thresholds_module.DEFAULT,
) -> dict[str, Assessment]:
    """Every indicator assessed from one frame (indicator, period, value, method), in order."""
    if isinstance(indicators, Mapping):
        keys, definitions = list(indicators.keys()), list(indicators.values())
    else:
        definitions = list(indicators)
        keys = [indicator.key for indicator in definitions]
    index = pd.Index(keys)
    how = np.array([series.AGGREGATIONS.index(d.aggregation) for d in definitions], dtype=np.int64)
    table = series.annual_table(frame, index, how)
    with cycle_collector_paused():
        grouped = series.grouped_points(table, len(keys))
        chosen = [
            basis_module.choose(definition, points, today, thresholds)
            for definition, points in zip(definitions, grouped, strict=True)
        ]
        # Every basis' line in one pass (a line only where there is a basis).
        lines = trend.fit_many([one.used if one.basis is not None else () for one in chosen])
        return {
            key: assess_rows(definition, one, line, today, thresholds)
            for key, definition, one, line in zip(keys, definitions, chosen, lines, strict=True)
        }


def assess(
    indicator: model.Indicator,
    observations: pd.DataFrame,
    today: dt.date,
    thresholds: thresholds_module.Thresholds = thresholds_module.DEFAULT,
) -> Assessment:
    """Assess one indicator from its observations (period, value, method) as of `today`."""
    frame = observations.assign(indicator=indicator.key)
    return assess_all(frame, [indicator], today, thresholds)[indicator.key]
