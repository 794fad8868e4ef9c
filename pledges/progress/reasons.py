"""The one-line reason for a status, read off the same situation as the sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pledges.progress import situations
from pledges.progress.wording import (
    change,
    movement,
    per_year,
    quantity,
    share_of_pace,
    target_label,
)

if TYPE_CHECKING:
    from pledges.progress.assessment import Assessment

OUTCOME = situations.OUTCOME
STATUS = situations.STATUS


def reason(assessment: Assessment) -> str:
    """Why this status, in one line a reader can check against the numbers."""
    a = assessment
    case = situations.situation(a)
    target = a.next_target
    if case == "no target":
        return "no numeric target: the trend is shown, and no status"
    if case == "not comparable":
        return "no target is comparable with the values: " + "; ".join(
            one.reason for one in a.set_aside
        )
    if case == "no values":
        return "no values yet"
    if case == "insufficient":
        return (
            f"no series has {a.min_points} values with the last at most {a.max_age} years old"
            f" (latest {a.latest_year})"
        )
    if case == "no line":
        return "no line can be fitted: the values are too large for the arithmetic"
    assert target is not None
    verdict = situations.status_verdict(a)
    level = target_label(target, a.unit)
    by = f"{level} by {target.year}"
    last = quantity(a, a.basis_value)
    trend_text = movement(a) or "no trend"
    if case == "holding":
        if verdict.slips:
            return (
                f"the last value meets the {level} level again (held since {verdict.since});"
                f" it slipped in {', '.join(str(year) for year in verdict.slips)}"
            )
        return f"every value since {target.year} meets the {level} level"
    if case == "slipped":
        value = quantity(a, verdict.value)
        return f"the level to hold from {target.year} slipped in {verdict.value_year} ({value})"
    if case == "met ahead":
        return f"the last value, {last} in {a.basis_to}, meets {by}"
    if case == "met when due":
        return f"the {target.year} value, {quantity(a, verdict.value)}, meets {level}"
    if case == "reached late":
        head = (
            f"{by} was missed ({quantity(a, verdict.value)} in {verdict.value_year})"
            if verdict.outcome == OUTCOME.MISSED
            else f"{by} had no value for its year"
        )
        return f"{head}; it was reached in {verdict.reached}: the last value, {last}, meets it"
    if case == "outside range":
        way = "further from" if a.status == STATUS.WRONG_DIRECTION else "back toward"
        return f"the last value, {last} in {a.basis_to}, is outside {by}, moving {way} it"
    if case == "due likely met":
        return f"the trend meets {by}, but no value for {target.year} confirms it"
    if case in ("due toward", "due flat", "due away"):
        head = {
            OUTCOME.MISSED: f"{by} was missed ({quantity(a, verdict.value)} in {target.year})",
            OUTCOME.LIKELY_MISSED: f"{by} is likely missed (no value for {target.year})",
            OUTCOME.MET: f"{by} was met in {verdict.value_year} but the last value no longer is",
        }.get(verdict.outcome, f"{by} has passed without a value for its year")
        tail = {
            "due toward": "the trend is toward it",
            "due flat": "the trend is flat",
            "due away": "the trend moves away from it",
        }[case]
        return f"{head}; {tail}"
    if case == "unconfirmed":
        return (
            f"the trend reaches {by} in {a.unconfirmed_year}; no value since {a.basis_to}"
            " confirms it"
        )
    if case == "line past":
        return (
            f"the trend gives {quantity(a, a.line_now)} in {a.now_year}, at or past {by};"
            " no measured value confirms it"
        )
    needed = per_year(a.required_pace, a.unit)
    if case == "flat":
        return f"the trend is flat: {change(a)} a year is needed from {a.now_year} for {by}"
    if case == "away":
        return (
            f"the trend ({trend_text}) moves away from {by}, which needs {change(a)} a year"
            f" from {a.now_year}"
        )
    return (
        f"today's pace ({trend_text}) is {share_of_pace(a)} the {needed} a year"
        f" needed from {a.now_year} for {by}"
    )
