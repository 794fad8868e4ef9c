"""The one generated sentence per indicator, and the one-line reason for its status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pledges import model, numbers
from pledges.progress import status

if TYPE_CHECKING:
    from pledges.progress.assessment import Assessment


def per_year(value: float, unit: str) -> str:
    """A change a year, as points for shares ("3.2 points", "4.1 kt")."""
    text = numbers.number(abs(value))
    if unit.startswith("%"):
        return f"{text} {'point' if text == '1' else 'points'}"
    return f"{text} {unit}".strip()


def target_label(target: model.Target, unit: str) -> str:
    """A target's level as written ("55 %", "900-1,500 MW")."""
    if target.kind == "range" and target.low is not None and target.high is not None:
        return f"{numbers.number(target.low)}-{numbers.quantity(target.high, unit)}"
    return numbers.quantity(target.value, unit)


def role(assessment: Assessment, target: model.Target) -> str:
    """ "milestone" for an interim target, "target" for the final one."""
    return "target" if target == assessment.final_target else "milestone"


def movement(assessment: Assessment) -> str:
    """The trend in words ("up 3.2 points a year", "flat"), or empty without a trend."""
    if assessment.slope is None:
        return ""
    if assessment.slope == 0:
        return "flat"
    word = "up" if assessment.slope > 0 else "down"
    return f"{word} {per_year(assessment.slope, assessment.unit)} a year"


def change(a: Assessment) -> str:
    """The required pace with its direction ("a rise of 5 points", "a fall of 2 kt")."""
    word = "rise" if a.required_pace > 0 else "fall"
    return f"a {word} of {per_year(a.required_pace, a.unit)}"


def timing(arrival: int, year: int) -> str:
    """Early, on time or late, in years."""
    if arrival == year:
        return "on time"
    years = abs(arrival - year)
    plural = "year" if years == 1 else "years"
    return f"{years} {plural} {'early' if arrival < year else 'late'}"


def evidence_text(a: Assessment) -> str:
    """The grade and the basis in words ("weak evidence: 2 values, 2010 and 2020")."""
    if a.evidence is None or a.basis_from is None or a.basis_to is None:
        return ""
    years = f"{a.basis_from} and {a.basis_to}" if a.points == 2 else f"{a.basis_from}-{a.basis_to}"
    method = f" ({a.basis_method})" if a.basis_method else ""
    return f"{status.LABELS[a.evidence]}: {a.points} values{method}, {years}"


def status_line(a: Assessment) -> str:
    """The status with its grade and basis ("off track · weak evidence: 2 values, ...")."""
    text = evidence_text(a)
    return f"{a.status} · {text}" if text else str(a.status)


def verdict_clauses(a: Assessment) -> list[str]:
    """Clauses for targets already due (not the status target): met, missed or likely so."""
    clauses = []
    for verdict in a.verdicts:
        target = verdict.target
        if target == a.next_target:
            continue
        label = f"the {target_label(target, a.unit)} {role(a, target)}"
        if verdict.outcome == status.Outcome.MISSED:
            value = numbers.quantity(verdict.value, a.unit)
            clauses.append(
                f"{label} for {target.year} was missed ({value} in {verdict.value_year})"
            )
        elif verdict.outcome == status.Outcome.SLIPPED:
            clauses.append(f"{label} held from {target.year} slipped in {verdict.value_year}")
        elif verdict.outcome in (status.Outcome.LIKELY_MET, status.Outcome.LIKELY_MISSED):
            line = numbers.quantity(verdict.line_value, a.unit)
            clauses.append(
                f"{label} for {target.year} is {verdict.outcome} (the trend gives {line} then;"
                f" no value for {target.year})"
            )
    return clauses


def reason(assessment: Assessment) -> str:
    """Why this status, in one line a reader can check against the numbers."""
    a = assessment
    target = a.next_target
    if target is None:
        return "no numeric target: the trend is shown, and no status"
    if a.latest_year is None:
        return "no values yet"
    if a.status == status.Status.INSUFFICIENT_DATA:
        return (
            f"no series has {a.min_points} values with the last at most {a.max_age} years old"
            f" (latest {a.latest_year})"
        )
    label = f"{target_label(target, a.unit)} by {target.year}"
    verdict = next(v for v in a.verdicts if v.target == target)
    last = numbers.quantity(a.basis_value, a.unit)
    if verdict.outcome == status.Outcome.HOLDING:
        return f"every value since {target.year} meets the {target_label(target, a.unit)} level"
    if verdict.outcome == status.Outcome.SLIPPED:
        slipped = numbers.quantity(verdict.value, a.unit)
        return f"the level to hold from {target.year} slipped in {verdict.value_year} ({slipped})"
    if a.status == status.Status.ACHIEVED:
        return f"the last value, {last} in {a.basis_to}, meets {label}"
    trend_text = movement(a) or "no trend"
    if target.year <= a.now_year:
        if verdict.outcome == status.Outcome.LIKELY_MET:
            return f"the trend meets {label}, but no value for {target.year} confirms it"
        way = "toward it" if a.status == status.Status.OFF_TRACK else "away from it, or flat"
        return f"{target.year} has passed without reaching {label}; the trend is {way}"
    if a.unconfirmed_year is not None:
        return (
            f"the trend reaches {label} in {a.unconfirmed_year}; no value since {a.basis_to}"
            " confirms it"
        )
    if a.required_pace is None:
        # The line is past the target already (see `clause`): no pace is needed.
        return (
            f"the trend gives {numbers.quantity(a.line_now, a.unit)} in {a.now_year}, at or past"
            f" {label}; no measured value confirms it"
        )
    needed = per_year(a.required_pace, a.unit)
    if a.status == status.Status.WRONG_DIRECTION:
        return (
            f"the trend ({trend_text}) moves away from {label}, which needs {change(a)} a year"
            f" from {a.now_year}"
        )
    return (
        f"today's pace ({trend_text}) is {a.pace_ratio * 100:.0f} % of the {needed} a year"
        f" needed from {a.now_year} for {label}"
    )


def compose(assessment: Assessment) -> str:
    """The indicator's one sentence, built from its measures."""
    a = assessment
    if a.latest_year is None:
        return f"{a.name}: no values yet."
    year, value = (
        (a.basis_to, a.basis_value) if a.basis_to is not None else (a.latest_year, a.latest_value)
    )
    opening = f"{a.name}: {numbers.quantity(value, a.unit)} in {year}"
    moving = movement(a)
    if moving:
        opening += f", {moving}"
    extra = verdict_clauses(a)
    if a.newer_unused is not None:
        newer_year, newer_value, _ = a.newer_unused
        newer = numbers.quantity(newer_value, a.unit)
        extra.append(f"the {newer_year} value, {newer}, is on another definition")
    if a.incomplete_year is not None:
        extra.append(f"{a.incomplete_year} is an incomplete year and is left out")
    if a.stale:
        extra.append(f"the last value used is {a.today.year - year} years old")
    body = clause(a, a.next_target)
    text = f"{opening}. {body}" if body else f"{opening}."
    grade = evidence_text(a)
    if grade:
        text += f" {grade[0].upper()}{grade[1:]}."
    if extra:
        joined = "; ".join(extra)
        text += f" {joined[0].upper()}{joined[1:]}."
    return text


def clause(a: Assessment, target: model.Target | None) -> str:
    """The part of the sentence that depends on the status."""
    if target is None:
        return "No numeric target: the trend is shown, without a status."
    label = f"the {target_label(target, a.unit)} {role(a, target)}"
    title = label[0].upper() + label[1:]
    verdict = next(v for v in a.verdicts if v.target == target)
    if a.status == status.Status.INSUFFICIENT_DATA:
        return (
            f"Too little for a trend: no series has {a.min_points} values with the last at most"
            f" {a.max_age} years old."
        )
    if verdict.outcome == status.Outcome.HOLDING:
        return f"{title} has held since {target.year}."
    if verdict.outcome == status.Outcome.SLIPPED:
        return f"{title} to hold from {target.year} slipped in {verdict.value_year}."
    if a.status == status.Status.ACHIEVED:
        return f"{title} for {target.year} is already met."
    if a.outside_range:
        edge = f"{target.year} range ({target_label(target, a.unit)})"
        way = "further from" if a.status == status.Status.WRONG_DIRECTION else "back toward"
        return f"This is outside the {edge}, moving {way} it."
    if target.year <= a.now_year:
        if verdict.outcome == status.Outcome.LIKELY_MET:
            return (
                f"{title} for {target.year} is likely met: the trend gives"
                f" {numbers.quantity(verdict.line_value, a.unit)} then, but no value for"
                f" {target.year} confirms it."
            )
        if a.next_projected_year is not None:
            return (
                f"{title} for {target.year} was missed; "
                f"at this pace it is reached in {a.next_projected_year}."
            )
        return f"{title} for {target.year} was missed, and the trend does not reach it."
    if a.unconfirmed_year is not None:
        return (
            f"The trend reaches {label} in {a.unconfirmed_year}; no value since {a.basis_to}"
            " confirms it."
        )
    if a.required_pace is None:
        # The line is past the target already without crossing it on its way (it moves away
        # from the last value): no pace is needed, and only a measured value is "achieved".
        return (
            f"The trend gives {numbers.quantity(a.line_now, a.unit)} in {a.now_year}, at or past"
            f" {label}; no measured value confirms it."
        )
    needed = per_year(a.required_pace, a.unit)
    if a.status == status.Status.WRONG_DIRECTION:
        return (
            f"This is away from {label} for {target.year}, which needs {change(a)} a year"
            f" from {a.now_year}."
        )
    if a.next_projected_year is None:
        reach = f"At this pace {label} for {target.year} is not reached"
    elif a.status == status.Status.ON_TRACK and a.next_projected_year > target.year:
        reach = (
            f"At this pace {label} is reached in {a.next_projected_year}, within the on-track"
            f" margin ({a.pace_ratio * 100:.0f} % of the pace needed)"
        )
    else:
        reach = (
            f"At this pace {label} is reached in {a.next_projected_year}, "
            f"{timing(a.next_projected_year, target.year)}"
        )
    if a.status == status.Status.ON_TRACK:
        return f"{reach}."
    return f"{reach}; the pace must rise to {needed} a year from {a.now_year}."
