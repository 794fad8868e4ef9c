"""One target's verdict: met or missed when due (likely so from the line), else its status."""

from __future__ import annotations

import datetime as dt
import math

from pledges import model
from pledges.progress import status as st
from pledges.progress import thresholds as thresholds_module
from pledges.progress import trend
from pledges.progress.basis import Series


def due_verdict(
    target: model.Target, sign: int, basis: Series | None, line: trend.Fit | None
) -> st.Verdict:
    """A target whose year has come: met or missed by its year's value, else likely so."""
    measured = [] if basis is None else [(y, v) for y, v, _ in basis.points if y <= target.year]
    if measured and measured[-1][0] == target.year:
        year, value = measured[-1]
        met = st.meets(target, sign, value)
        outcome, code = (
            (st.OUTCOME.MET, st.STATUS.ACHIEVED)
            if met
            else (
                st.OUTCOME.MISSED,
                st.STATUS.OFF_TRACK,
            )
        )
        return st.Verdict(target, outcome, code, st.SYMBOL_OF[code], value, year)
    early = next(((y, v) for y, v in measured if st.meets(target, sign, v)), None)
    if early is not None:
        code = st.STATUS.ACHIEVED
        return st.Verdict(target, st.OUTCOME.MET, code, st.SYMBOL_OF[code], early[1], early[0])
    if line is None:
        code = st.STATUS.INSUFFICIENT_DATA
        return st.Verdict(target, st.OUTCOME.NO_DATA, code, st.SYMBOL_OF[code])
    at_year = line.at(target.year)
    if st.meets(target, sign, at_year):
        outcome, code = st.OUTCOME.LIKELY_MET, st.STATUS.ON_TRACK
    else:
        outcome, code = st.OUTCOME.LIKELY_MISSED, st.STATUS.OFF_TRACK
    return st.Verdict(target, outcome, code, st.SYMBOL_OF[code], line_value=at_year)


def held_verdict(target: model.Target, sign: int, basis: Series) -> st.Verdict:
    """A level to hold in force: holding while every value since its year meets it."""
    since = [(y, v) for y, v, _ in basis.points if y >= target.year]
    slip = next(((y, v) for y, v in since if not st.meets(target, sign, v)), None)
    if slip is None:
        code = st.STATUS.ACHIEVED
        return st.Verdict(target, st.OUTCOME.HOLDING, code, st.SYMBOL_OF[code], since=target.year)
    code = st.STATUS.OFF_TRACK
    return st.Verdict(target, st.OUTCOME.SLIPPED, code, st.SYMBOL_OF[code], slip[1], slip[0])


def ahead_verdict(
    target: model.Target,
    sign: int,
    basis: Series,
    line: trend.Fit | None,
    now: int,
    today: dt.date,
    thresholds: thresholds_module.Thresholds,
) -> tuple[st.Verdict, int | None]:
    """A target still ahead: its status from the one line, carried to now; and an unconfirmed year.

    The second value is the year the line reached the target before today, where no measured
    value confirms it (else None).
    """
    last_year, last_value, _ = basis.points[-1]
    if st.meets(target, sign, last_value):
        code = st.STATUS.ACHIEVED
        verdict = st.Verdict(
            target, st.OUTCOME.AHEAD, code, st.SYMBOL_OF[code], projected_year=last_year
        )
        return verdict, None
    if line is None:
        code = st.STATUS.INSUFFICIENT_DATA
        return st.Verdict(target, st.OUTCOME.AHEAD, code, st.SYMBOL_OF[code]), None
    level = line.at(now)
    if st.meets(target, sign, level):
        # The line is past the target already, but only a measured value is "achieved".
        toward = math.copysign(1.0, st.aim(target, last_value) - last_value)
        reached = trend.crossing_year(line, st.aim(target, last_value), toward, thresholds.decimals)
        code = st.STATUS.ON_TRACK
        verdict = st.Verdict(
            target, st.OUTCOME.AHEAD, code, st.SYMBOL_OF[code], projected_year=today.year
        )
        return verdict, reached
    goal = st.aim(target, level)
    required = (goal - level) / (target.year - now)
    ratio = line.slope / required if required else math.nan
    rounded = round(ratio, thresholds.decimals)
    if rounded >= thresholds.on_track:
        code = st.STATUS.ON_TRACK
    elif rounded >= thresholds.needs_acceleration:
        code = st.STATUS.NEEDS_ACCELERATION
    elif ratio > 0:
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
        required_pace=required,
        pace_ratio=ratio if math.isfinite(ratio) else None,
        projected_year=arrival,
    )
    return verdict, None


def status_of_due(
    verdict: st.Verdict, sign: int, basis: Series, line: trend.Fit | None
) -> st.Status:
    """The status against a final target whose year has passed and that is not met now."""
    if verdict.outcome == st.OUTCOME.LIKELY_MET:
        return st.STATUS.ON_TRACK
    if line is None:
        return st.STATUS.INSUFFICIENT_DATA
    last_value = basis.points[-1][1]
    toward = st.aim(verdict.target, last_value) - last_value
    return st.STATUS.OFF_TRACK if line.slope * toward > 0 else st.STATUS.WRONG_DIRECTION
