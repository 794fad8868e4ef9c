"""One target's verdict: met or missed when due (likely so from the line), else its status."""

from __future__ import annotations

import datetime as dt
import math

from pledges import model
from pledges.progress import status as st
from pledges.progress import thresholds as thresholds_module
from pledges.progress import trend
from pledges.progress.basis import Series


def moves_toward(slope: float, distance: float) -> bool:
    """Whether a line with this slope moves toward a level this far away (by signs: the
    product of two tiny numbers underflows to zero, and would read as "flat")."""
    return slope != 0 and distance != 0 and (slope > 0) == (distance > 0)


def measured_points(basis: Series | None) -> list[tuple[int, float]]:
    """The basis' measured values (never the baseline, which is a reference: revision 3)."""
    if basis is None:
        return []
    return [(point[0], point[1]) for point in basis.points if point[2] is not None]


def at_floor(value: float, floor: float | None) -> float:
    """A value the line gives, held at the floor where the quantity cannot go lower."""
    return value if floor is None or value >= floor else floor


def _reached_after(
    target: model.Target, sign: int, measured: list[tuple[int, float]]
) -> int | None:
    """The first year after the target's own in which a measured value meets it."""
    return next((y for y, v in measured if y > target.year and st.meets(target, sign, v)), None)


def due_verdict(
    target: model.Target,
    sign: int,
    basis: Series | None,
    line: trend.Fit | None,
    floor: float | None = None,
) -> st.Verdict:
    """A target whose year has come, judged by its own year's value (revision 3).

    With no value for its year, the last value before it decides where it meets the target;
    otherwise the line at its year makes it likely met or likely missed, never a bare "missed".
    """
    measured = measured_points(basis)
    before = [(y, v) for y, v in measured if y <= target.year]
    reached = _reached_after(target, sign, measured)
    if before and (before[-1][0] == target.year or st.meets(target, sign, before[-1][1])):
        year, value = before[-1]
        if st.meets(target, sign, value):
            code = st.STATUS.ACHIEVED
            return st.Verdict(target, st.OUTCOME.MET, code, st.SYMBOL_OF[code], value, year)
        code = st.STATUS.OFF_TRACK
        return st.Verdict(
            target, st.OUTCOME.MISSED, code, st.SYMBOL_OF[code], value, year, reached=reached
        )
    if line is None:
        code = st.STATUS.INSUFFICIENT_DATA
        return st.Verdict(target, st.OUTCOME.NO_DATA, code, st.SYMBOL_OF[code], reached=reached)
    at_year = at_floor(line.at(target.year), floor)
    if st.meets(target, sign, at_year):
        outcome, code = st.OUTCOME.LIKELY_MET, st.STATUS.ON_TRACK
    else:
        outcome, code = st.OUTCOME.LIKELY_MISSED, st.STATUS.OFF_TRACK
    return st.Verdict(
        target, outcome, code, st.SYMBOL_OF[code], line_value=at_year, reached=reached
    )


def held_verdict(
    target: model.Target,
    sign: int,
    basis: Series,
    line: trend.Fit | None,
    floor: float | None = None,
) -> st.Verdict:
    """A level to hold, in force: judged on the latest value, earlier slips named (revision 3)."""
    since = [(y, v) for y, v in measured_points(basis) if y >= target.year]
    if not since:
        return due_verdict(target, sign, basis, line, floor)
    slips = tuple(y for y, v in since if not st.meets(target, sign, v))
    year, value = since[-1]
    if st.meets(target, sign, value):
        # Held again since the first value after the last slip (or since its year).
        again = next((y for y, _ in since if slips and y > slips[-1]), target.year)
        code = st.STATUS.ACHIEVED
        return st.Verdict(
            target, st.OUTCOME.HOLDING, code, st.SYMBOL_OF[code], since=again, slips=slips
        )
    code = st.STATUS.OFF_TRACK
    return st.Verdict(
        target, st.OUTCOME.SLIPPED, code, st.SYMBOL_OF[code], value, year, slips=slips[:-1]
    )


def ahead_verdict(
    target: model.Target,
    sign: int,
    basis: Series,
    line: trend.Fit | None,
    now: int,
    today: dt.date,
    thresholds: thresholds_module.Thresholds,
    floor: float | None = None,
) -> tuple[st.Verdict, int | None]:
    """A target still ahead: its status from the one line, carried to now; and an unconfirmed year.

    The second value is the year the line reached the target before today, where no measured
    value confirms it (else None).
    """
    last_year, last_value = basis.points[-1][:2]
    if st.meets(target, sign, last_value):
        code = st.STATUS.ACHIEVED
        verdict = st.Verdict(
            target, st.OUTCOME.AHEAD, code, st.SYMBOL_OF[code], projected_year=last_year
        )
        return verdict, None
    if line is None:
        code = st.STATUS.INSUFFICIENT_DATA
        return st.Verdict(target, st.OUTCOME.AHEAD, code, st.SYMBOL_OF[code]), None
    level = at_floor(line.at(now), floor)
    if st.meets(target, sign, level):
        # The line is past the target already, but only a measured value is "achieved".
        toward = math.copysign(1.0, st.aim(target, last_value) - last_value)
        reached = trend.crossing_year(line, st.aim(target, last_value), toward, thresholds.decimals)
        if reached is not None and reached <= last_year:
            reached = None  # the fit passes it before a measured value that does not
        code = st.STATUS.ON_TRACK
        verdict = st.Verdict(
            target, st.OUTCOME.AHEAD, code, st.SYMBOL_OF[code], projected_year=today.year
        )
        return verdict, reached
    goal = st.aim(target, level)
    required = (goal - level) / (target.year - now)
    ratio = line.slope / required if required and math.isfinite(required) else math.nan
    rounded = round(ratio, thresholds.decimals)
    if rounded >= thresholds.on_track:
        code = st.STATUS.ON_TRACK
    elif rounded >= thresholds.needs_acceleration:
        code = st.STATUS.NEEDS_ACCELERATION
    elif moves_toward(line.slope, goal - level):
        code = st.STATUS.OFF_TRACK
    else:
        code = st.STATUS.WRONG_DIRECTION
    arrival = trend.crossing_year(line, goal, math.copysign(1.0, goal - level), thresholds.decimals)
    if arrival is not None:
        arrival = max(arrival, today.year)
    verdict = st.Verdict(
        target,
        st.OUTCOME.AHEAD,
        code,
        st.SYMBOL_OF[code],
        required_pace=required if math.isfinite(required) else None,
        pace_ratio=ratio if math.isfinite(ratio) else None,
        projected_year=arrival,
    )
    return verdict, None


def toward_due(verdict: st.Verdict, basis: Series, line: trend.Fit | None) -> float:
    """How far the basis' last value is from a due target's level (signed), for the line."""
    last_value = basis.points[-1][1]
    return st.aim(verdict.target, last_value) - last_value


def status_of_due(
    verdict: st.Verdict, sign: int, basis: Series, line: trend.Fit | None
) -> st.Status:
    """The status against a final target whose year has passed and that is not met now."""
    if verdict.outcome == st.OUTCOME.LIKELY_MET:
        return st.STATUS.ON_TRACK
    if line is None:
        return st.STATUS.INSUFFICIENT_DATA
    toward = toward_due(verdict, basis, line)
    return st.STATUS.OFF_TRACK if moves_toward(line.slope, toward) else st.STATUS.WRONG_DIRECTION


def due_arrival(
    verdict: st.Verdict,
    basis: Series,
    line: trend.Fit | None,
    today: dt.date,
    thresholds: thresholds_module.Thresholds,
) -> int | None:
    """The year the line reaches a due target not met now (never before today); None if it
    moves away or is flat."""
    if line is None:
        return None
    toward = toward_due(verdict, basis, line)
    last_value = basis.points[-1][1]
    arrival = trend.crossing_year(
        line, st.aim(verdict.target, last_value), math.copysign(1.0, toward), thresholds.decimals
    )
    return None if arrival is None else max(arrival, today.year)


def verdicts_of(
    targets: tuple[model.Target, ...],
    sign: int,
    basis: Series | None,
    line: trend.Fit | None,
    now: int,
    today: dt.date,
    thresholds: thresholds_module.Thresholds,
    floor: float | None,
) -> tuple[list[st.Verdict], list[int | None]]:
    """Each target's verdict, and the year the line reached it unconfirmed (ahead ones)."""
    verdicts: list[st.Verdict] = []
    reached: list[int | None] = []
    for target in targets:
        if basis is None:
            code = st.STATUS.INSUFFICIENT_DATA
            verdict, year = st.Verdict(target, st.OUTCOME.NO_DATA, code, st.SYMBOL_OF[code]), None
        elif target.kind == "maintain" and target.year <= now:
            verdict, year = held_verdict(target, sign, basis, line, floor), None
        elif target.year <= now:
            verdict, year = due_verdict(target, sign, basis, line, floor), None
        else:
            verdict, year = ahead_verdict(target, sign, basis, line, now, today, thresholds, floor)
        verdicts.append(verdict)
        reached.append(year)
    return verdicts, reached
