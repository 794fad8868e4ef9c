"""Which situation a status is worded in: one name per situation, read by the sentence and by
the one-line reason alike, so that the two never tell two stories (revision 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pledges.progress import status

if TYPE_CHECKING:
    from pledges.progress.assessment import Assessment

Situation = Literal[
    "no target",
    "not comparable",
    "no values",
    "insufficient",
    "no line",
    "holding",
    "slipped",
    "met ahead",
    "met when due",
    "reached late",
    "outside range",
    "due likely met",
    "due toward",
    "due flat",
    "due away",
    "unconfirmed",
    "line past",
    "flat",
    "away",
    "pace",
]
OUTCOME = status.Outcome
STATUS = status.Status


def situation(a: Assessment) -> Situation:
    """Which of the situations the methodology words the status in."""
    target = a.next_target
    if target is None:
        return "not comparable" if a.set_aside else "no target"
    if a.latest_year is None:
        return "no values"
    verdict = status_verdict(a)
    if a.status == STATUS.INSUFFICIENT_DATA:
        return "insufficient" if a.basis_to is None else "no line"
    if verdict.outcome == OUTCOME.HOLDING:
        return "holding"
    if verdict.outcome == OUTCOME.SLIPPED:
        return "slipped"
    if a.status == STATUS.ACHIEVED:
        if target.year > a.now_year:
            return "met ahead"
        return "met when due" if verdict.outcome == OUTCOME.MET else "reached late"
    if a.outside_range:
        return "outside range"
    if target.year <= a.now_year:
        if verdict.outcome == OUTCOME.LIKELY_MET:
            return "due likely met"
        if a.status == STATUS.OFF_TRACK:
            return "due toward"
        return "due flat" if a.slope == 0 else "due away"
    if a.unconfirmed_year is not None:
        return "unconfirmed"
    if a.required_pace is None:
        return "line past"
    if a.status == STATUS.WRONG_DIRECTION:
        return "flat" if a.slope == 0 else "away"
    return "pace"


def status_verdict(a: Assessment) -> status.Verdict:
    """The verdict of the target the status is assessed against."""
    return next(v for v in a.verdicts if v.target == a.next_target)
