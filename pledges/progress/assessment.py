"""One indicator assessed: how far it has come, and whether it gets there in time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pledges import model
from pledges.progress import path, sentence, series, status, trend
from pledges.progress import thresholds as thresholds_module


@dataclass(frozen=True, slots=True)
class Assessment:
    """Every measure of the methodology for one indicator, plus the frames a chart needs.

    `annual` has columns year/value/method, `required_path` year/value, `projection`
    year/value/low/high (the prediction band at `band`).
    """

    key: str
    name: str
    unit: str
    direction: int
    status: str
    symbol: str
    stale: bool
    reason: str
    sentence: str
    latest_year: int | None
    latest_value: float | None
    baseline_year: int | None
    baseline_value: float | None
    progress_share: float | None
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
    verdicts: tuple[status.Verdict, ...]
    method: str | None
    path_note: str | None
    band: float
    min_points: int
    today: dt.date
    annual: pd.DataFrame = field(compare=False, repr=False)
    required_path: pd.DataFrame = field(compare=False, repr=False)
    projection: pd.DataFrame = field(compare=False, repr=False)

    @property
    def has_targets(self) -> bool:
        """Whether the indicator has a numeric target (else its status is trend only)."""
        return self.final_target is not None


def optional(number: float) -> float | None:
    """A float, or None where it is NaN."""
    return None if number is None or not np.isfinite(number) else float(number)


def optional_year(number: float) -> int | None:
    """A year, or None where it is NaN."""
    return None if number is None or not np.isfinite(number) else int(number)


def target_arrays(targets: tuple[model.Target, ...]) -> dict[str, np.ndarray]:
    """The targets as parallel arrays for the vectorised rules."""
    return {
        "kind": np.array([status.KIND_CODES[target.kind] for target in targets], dtype=np.int64),
        "year": np.array([target.year for target in targets], dtype=np.float64),
        "value": np.array([target.value for target in targets], dtype=np.float64),
        "low": np.array([np.nan if t.low is None else t.low for t in targets], dtype=np.float64),
        "high": np.array([np.nan if t.high is None else t.high for t in targets], dtype=np.float64),
    }


def value_by(annual: pd.DataFrame, year: int) -> tuple[int, float] | None:
    """The last annual value in or before a year."""
    before = annual[annual["year"] <= year]
    if before.empty:
        return None
    return int(before["year"].iloc[-1]), float(before["value"].iloc[-1])


def held_since(
    annual: pd.DataFrame, target: model.Target, sign: int
) -> tuple[bool, tuple[int, float] | None]:
    """Whether every value since a level-to-hold target's year meets it, and the first slip."""
    since = annual[annual["year"] >= target.year]
    arrays = target_arrays((target,))
    ok = status.meets(
        np.repeat(arrays["kind"], len(since)),
        np.repeat(arrays["value"], len(since)),
        np.repeat(arrays["low"], len(since)),
        np.repeat(arrays["high"], len(since)),
        np.full(len(since), sign),
        since["value"].to_numpy(dtype=np.float64),
    )
    if ok.all():
        return True, None
    first = int(np.flatnonzero(~ok)[0])
    return False, (int(since["year"].iloc[first]), float(since["value"].iloc[first]))


def assess(
    indicator: model.Indicator,
    observations: pd.DataFrame,
    today: dt.date | None = None,
    thresholds: thresholds_module.Thresholds = thresholds_module.DEFAULT,
) -> Assessment:
    """Assess one indicator from its observations (period, value, method) as of `today`."""
    today = today or dt.date.today()
    sign = indicator.sign
    annual = series.annual_series(observations, indicator.aggregation)
    targets = tuple(sorted(indicator.targets, key=lambda target: target.year))
    final = targets[-1] if targets else None

    if indicator.baseline is not None:
        baseline_year, baseline_value = indicator.baseline.year, float(indicator.baseline.value)
    elif not annual.empty:
        baseline_year, baseline_value = int(annual["year"].iloc[0]), float(annual["value"].iloc[0])
    else:
        baseline_year, baseline_value = None, None

    latest_year = int(annual["year"].iloc[-1]) if not annual.empty else None
    latest_value = float(annual["value"].iloc[-1]) if not annual.empty else None
    has_recent = latest_year is not None and baseline_year is not None
    has_recent = has_recent and latest_year >= baseline_year

    points = (
        series.trend_points(annual, baseline_year, thresholds.window)
        if has_recent
        else series.empty_annual()
    )
    line = (
        trend.fit(points["year"].to_numpy(), points["value"].to_numpy())
        if len(points) >= max(thresholds.min_points, 2)
        else None
    )
    method = points["method"].iloc[-1] if not points.empty else None
    method = None if pd.isna(method) else str(method)

    # Every target through the same vectorised rules the batch uses.
    arrays = target_arrays(targets)
    count = len(targets)
    observed = np.full(count, np.nan if latest_value is None else latest_value)
    reference_year = latest_year if latest_year is not None else today.year
    due = arrays["year"] <= reference_year if latest_year is not None else np.zeros(count, bool)
    signs = np.full(count, sign)
    met = status.meets(
        arrays["kind"], arrays["value"], arrays["low"], arrays["high"], signs, observed
    ) & np.isfinite(observed)
    aims = status.aim(arrays["kind"], arrays["value"], arrays["low"], arrays["high"], observed)
    toward = np.sign(aims - observed)
    maintained = (arrays["kind"] == status.MAINTAIN) & due
    holding = np.zeros(count, dtype=bool)
    slips: list[tuple[int, float] | None] = [None] * count
    for index in np.flatnonzero(maintained):
        holding[index], slips[index] = held_since(annual, targets[index], sign)
    with np.errstate(invalid="ignore", divide="ignore"):
        required = np.where(
            due | met, np.nan, (aims - observed) / (arrays["year"] - reference_year)
        )
    slope = np.full(count, np.nan if line is None else line.slope)
    codes, ratios = status.classify(
        has_target=np.ones(count, dtype=bool),
        has_recent=np.full(count, has_recent),
        maintained=maintained,
        holding=holding,
        met=met,
        points=np.full(count, len(points)),
        due=due,
        slope=slope,
        toward=toward,
        required_pace=required,
        thresholds=thresholds,
    )
    arrivals = np.full(count, np.nan)
    if line is not None:
        arrivals = trend.arrival_years(
            slope,
            np.full(count, line.x_mean),
            np.full(count, line.y_mean),
            aims,
            toward,
            np.full(count, float(reference_year)),
            thresholds.decimals,
        )
    if latest_year is not None:
        arrivals = np.where(met & (~maintained | holding), float(latest_year), arrivals)

    # The next target not yet due and not already met (a met milestone must not hide a far-off
    # final target behind "achieved"); the final target when none is left.
    next_index = next(
        (i for i, t in enumerate(targets) if t.year > reference_year and not met[i]), count - 1
    )
    verdicts = tuple(
        verdict(
            targets[i],
            bool(due[i]),
            bool(maintained[i]),
            bool(holding[i]),
            slips[i],
            annual,
            sign,
            int(codes[i]),
            required[i],
            ratios[i],
            arrivals[i],
        )
        for i in range(count)
    )

    if count:
        code = int(codes[next_index])
        required_pace = optional(required[next_index])
        pace_ratio = optional(ratios[next_index])
        next_projected = optional_year(arrivals[next_index])
        projected = optional_year(arrivals[-1])
    else:
        code = status.TREND_ONLY
        required_pace = pace_ratio = None
        next_projected = projected = None
    if count and not has_recent:
        projected = next_projected = None

    share = None
    if final is not None and has_recent and final.value != baseline_value:
        share = (latest_value - baseline_value) / (final.value - baseline_value)

    required_path = (
        path.required_path(baseline_year, baseline_value, targets, indicator.path)
        if baseline_year is not None and targets
        else path.RequiredPath(path.empty_path(), indicator.path)
    )
    gap = None
    if has_recent and not required_path.frame.empty:
        on_path = path.value_at(required_path, latest_year)
        gap = None if on_path is None else sign * (latest_value - on_path)

    projection = trend.empty_projection()
    if line is not None:
        horizon = max(final.year, latest_year + 1) if final else latest_year + thresholds.window
        projection = trend.projection(line, latest_year, horizon, thresholds.band)

    draft = Assessment(
        key=indicator.key,
        name=indicator.name,
        unit=indicator.unit,
        direction=sign,
        status=status.WORDS[code],
        symbol=status.SYMBOLS[code],
        stale=latest_year is not None and today.year - latest_year > thresholds.stale_after,
        reason="",
        sentence="",
        latest_year=latest_year,
        latest_value=latest_value,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        progress_share=share,
        gap_to_path=gap,
        slope=None if line is None else line.slope,
        slope_se=None if line is None else line.slope_se,
        points=len(points),
        required_pace=required_pace,
        pace_ratio=pace_ratio,
        projected_year=projected,
        next_projected_year=next_projected,
        next_target=targets[next_index] if count else None,
        final_target=final,
        verdicts=verdicts,
        method=method,
        path_note=required_path.note,
        band=thresholds.band,
        min_points=thresholds.min_points,
        today=today,
        annual=annual,
        required_path=required_path.frame,
        projection=projection,
    )
    return dataclasses.replace(
        draft, reason=sentence.reason(draft), sentence=sentence.compose(draft)
    )


def verdict(
    target: model.Target,
    due: bool,
    maintained: bool,
    holding: bool,
    slip: tuple[int, float] | None,
    annual: pd.DataFrame,
    sign: int,
    code: int,
    required: float,
    ratio: float,
    arrival: float,
) -> status.Verdict:
    """One target's verdict: holding or slipped, met or missed in its year, or its status."""
    if maintained:
        if holding:
            word = status.WORDS[status.ACHIEVED]
            return status.Verdict(
                target, "holding", word, status.SYMBOL_OF[word], since=target.year
            )
        word = status.WORDS[status.OFF_TRACK]
        year, value = slip if slip else (None, None)
        return status.Verdict(target, "slipped", word, status.SYMBOL_OF[word], value, year)
    if due:
        found = value_by(annual, target.year)
        if found is None:
            word = status.WORDS[status.INSUFFICIENT_DATA]
            return status.Verdict(target, "no data", word, status.SYMBOL_OF[word])
        year, value = found
        arrays = target_arrays((target,))
        met = bool(
            status.meets(
                arrays["kind"],
                arrays["value"],
                arrays["low"],
                arrays["high"],
                np.array([sign]),
                np.array([value]),
            )[0]
        )
        word = status.WORDS[status.ACHIEVED if met else status.OFF_TRACK]
        return status.Verdict(
            target, "met" if met else "missed", word, status.SYMBOL_OF[word], value, year
        )
    word = status.WORDS[code]
    return status.Verdict(
        target,
        "ahead",
        word,
        status.SYMBOL_OF[word],
        required_pace=optional(required),
        pace_ratio=optional(ratio),
        projected_year=optional_year(arrival),
    )
