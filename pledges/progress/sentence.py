"""The one generated sentence per indicator; the one-line reason is `reasons.reason`.

Both are read off one `situations.situation`, so that they can never tell two stories
(revision 3: the sentence says only what the values show, one wording per situation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pledges import model
from pledges.progress import reasons, situations, status
from pledges.progress.wording import (
    capital,
    change,
    evidence_text,
    label,
    movement,
    per_year,
    quantity,
    role,
    share_of_pace,
    status_line,
    target_label,
    timing,
)

if TYPE_CHECKING:
    from pledges.progress.assessment import Assessment

__all__ = [
    "change",
    "clause",
    "compose",
    "evidence_text",
    "movement",
    "per_year",
    "reason",
    "role",
    "situation",
    "status_line",
    "target_label",
    "timing",
]

OUTCOME = situations.OUTCOME
STATUS = situations.STATUS
situation = situations.situation
status_verdict = situations.status_verdict
reason = reasons.reason


def due_head(a: Assessment, verdict: status.Verdict) -> str:
    """What became of a due target, by its own year's value or, without one, by the line."""
    target = verdict.target
    title = capital(label(a, target))
    if verdict.outcome == OUTCOME.MISSED:
        value = quantity(a, verdict.value)
        return f"{title} for {target.year} was missed ({value} in {verdict.value_year})"
    if verdict.outcome == OUTCOME.MET:
        value = quantity(a, verdict.value)
        return (
            f"{title} for {target.year} was met ({value} in {verdict.value_year}), but the last"
            f" value, {quantity(a, a.basis_value)} in {a.basis_to}, no longer meets it"
        )
    if verdict.outcome in (OUTCOME.LIKELY_MISSED, OUTCOME.LIKELY_MET):
        return (
            f"{title} for {target.year} is {verdict.outcome} (the trend gives"
            f" {quantity(a, verdict.line_value)} then; no value for {target.year})"
        )
    return f"{title} for {target.year} has no value for its year"


def clause(a: Assessment, target: model.Target | None) -> str:
    """The part of the sentence that depends on the status."""
    case = situation(a)
    if case == "no target":
        return "No numeric target: the trend is shown, without a status."
    if case == "not comparable":
        return "No target is comparable with these values, so there is no status."
    if case == "no values":
        return ""
    if case == "insufficient":
        return (
            f"Too little for a trend: no series has {a.min_points} values with the last at most"
            f" {a.max_age} years old."
        )
    if case == "no line":
        return "No line can be fitted to these values: they are too large for the arithmetic."
    assert target is not None
    verdict = status_verdict(a)
    title = capital(label(a, target))
    if case == "holding":
        if verdict.slips:
            slips = ", ".join(str(year) for year in verdict.slips)
            return f"{title} is held again since {verdict.since}; it slipped in {slips}."
        return f"{title} has held since {target.year}."
    if case == "slipped":
        earlier = ", ".join(str(year) for year in verdict.slips)
        also = f"; it slipped before in {earlier}" if earlier else ""
        value = quantity(a, verdict.value)
        return (
            f"{title} to hold from {target.year} slipped in {verdict.value_year} ({value}){also}."
        )
    if case == "met ahead":
        return f"{title} for {target.year} is already met."
    if case == "met when due":
        value = quantity(a, verdict.value)
        return f"{title} for {target.year} was met ({value} in {verdict.value_year})."
    if case == "reached late":
        if verdict.outcome == OUTCOME.MISSED:
            return f"{due_head(a, verdict)}; it was reached in {verdict.reached}."
        return (
            f"{title} for {target.year} had no value for its year; it was reached in"
            f" {verdict.reached}."
        )
    if case == "outside range":
        edge = f"{target.year} range ({target_label(target, a.unit)})"
        way = "further from" if a.status == STATUS.WRONG_DIRECTION else "back toward"
        return f"This is outside the {edge}, moving {way} it."
    if case == "due likely met":
        return (
            f"{title} for {target.year} is likely met: the trend gives"
            f" {quantity(a, verdict.line_value)} then, but no value for {target.year}"
            " confirms it."
        )
    if case == "due toward":
        if a.next_projected_year is None:
            return f"{due_head(a, verdict)}; the trend moves toward it, too slowly to say when."
        return f"{due_head(a, verdict)}; at this pace it is reached in {a.next_projected_year}."
    if case == "due flat":
        return f"{due_head(a, verdict)}; the trend is flat, so it does not reach it."
    if case == "due away":
        return f"{due_head(a, verdict)}; the trend moves away from it."
    if case == "unconfirmed":
        return (
            f"The trend reaches {label(a, target)} in {a.unconfirmed_year}; no value since"
            f" {a.basis_to} confirms it."
        )
    if case == "line past":
        # The line is past the target already without crossing it on its way (it moves away
        # from the last value): no pace is needed, and only a measured value is "achieved".
        return (
            f"The trend gives {quantity(a, a.line_now)} in {a.now_year}, at or past"
            f" {label(a, target)}; no measured value confirms it."
        )
    if case == "flat":
        return (
            f"The trend is flat: {change(a)} a year is needed from {a.now_year} to reach"
            f" {label(a, target)} for {target.year}."
        )
    if case == "away":
        return (
            f"This is away from {label(a, target)} for {target.year}, which needs {change(a)}"
            f" a year from {a.now_year}."
        )
    return pace_clause(a, target)


def pace_clause(a: Assessment, target: model.Target) -> str:
    """On track, needs acceleration or off track toward a target ahead, with the pace needed."""
    name = label(a, target)
    needed = per_year(a.required_pace, a.unit)
    if a.next_projected_year is None:
        reach = f"At this pace {name} for {target.year} is not reached"
    elif a.status == STATUS.ON_TRACK and a.next_projected_year > target.year:
        reach = (
            f"At this pace {name} is reached in {a.next_projected_year}, within the on-track"
            f" margin ({share_of_pace(a)} the pace needed)"
        )
    else:
        reach = (
            f"At this pace {name} is reached in {a.next_projected_year}, "
            f"{timing(a.next_projected_year, target.year)}"
        )
    if a.status == STATUS.ON_TRACK:
        return f"{reach}."
    return f"{reach}; the pace must rise to {needed} a year from {a.now_year}."


def verdict_clauses(a: Assessment) -> list[str]:
    """Clauses for the targets other than the status': missed, slipped or likely so."""
    clauses = []
    for verdict in a.verdicts:
        target = verdict.target
        if target == a.next_target:
            continue
        name = label(a, target)
        if verdict.outcome == OUTCOME.MISSED:
            value = quantity(a, verdict.value)
            later = f"; it was reached in {verdict.reached}" if verdict.reached else ""
            clauses.append(
                f"{name} for {target.year} was missed ({value} in {verdict.value_year}){later}"
            )
        elif verdict.outcome == OUTCOME.SLIPPED:
            clauses.append(f"{name} held from {target.year} slipped in {verdict.value_year}")
        elif verdict.outcome == OUTCOME.HOLDING and verdict.slips:
            slips = ", ".join(str(year) for year in verdict.slips)
            clauses.append(f"{name} is held again since {verdict.since}; it slipped in {slips}")
        elif verdict.outcome in (OUTCOME.LIKELY_MET, OUTCOME.LIKELY_MISSED):
            line = quantity(a, verdict.line_value)
            clauses.append(
                f"{name} for {target.year} is {verdict.outcome} (the trend gives {line} then;"
                f" no value for {target.year})"
            )
    return clauses


def reference_clauses(a: Assessment) -> list[str]:
    """What the sentence must say about references: set aside, after the data, the floor."""
    clauses = [one.reason for one in a.set_aside]
    if a.baseline_note:
        clauses.append(a.baseline_note)
    elif a.baseline_after_data and a.baseline_year is not None:
        clauses.append(
            f"the {a.baseline_year} baseline is dated after the last value of its series:"
            " a reference only"
        )
    if a.floor_year is not None and a.floor is not None:
        clauses.append(
            f"the trend line reaches {quantity(a, a.floor)} in {a.floor_year}, and the amount"
            " cannot go below it"
        )
    return clauses


def compose(assessment: Assessment) -> str:
    """The indicator's one sentence, built from its measures; it opens on a measured value."""
    a = assessment
    if a.latest_year is None:
        return f"{a.name}: no values yet."
    year, value = (
        (a.basis_to, a.basis_value) if a.basis_to is not None else (a.latest_year, a.latest_value)
    )
    opening = f"{a.name}: {quantity(a, value)} in {year}"
    moving = movement(a)
    if moving:
        opening += f", {moving}"
    extra = verdict_clauses(a) + reference_clauses(a)
    if a.newer_unused is not None:
        newer_year, newer_value, _ = a.newer_unused
        newer = quantity(a, newer_value)
        extra.append(f"the {newer_year} value, {newer}, is on another definition")
    if a.incomplete_year is not None:
        extra.append(f"{a.incomplete_year} is an incomplete year and is left out")
    if a.stale:
        extra.append(f"the last value used is {a.today.year - year} years old")
    body = clause(a, a.next_target)
    text = f"{opening}. {body}" if body else f"{opening}."
    grade = evidence_text(a)
    if grade:
        text += f" {capital(grade)}."
    if extra:
        text += f" {capital('; '.join(extra))}."
    return text
