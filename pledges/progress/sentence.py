"""The one generated sentence per indicator, and the one-line reason for its status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pledges import model, numbers

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


def missed_milestones(assessment: Assessment) -> list[str]:
    """Clauses for past milestones that were missed or slipped (not the status target)."""
    clauses = []
    for verdict in assessment.verdicts:
        target = verdict.target
        if target == assessment.next_target or verdict.value is None:
            continue
        label = f"the {target_label(target, assessment.unit)} {role(assessment, target)}"
        value = numbers.quantity(verdict.value, assessment.unit)
        if verdict.outcome == "missed":
            clauses.append(
                f"{label} for {target.year} was missed ({value} in {verdict.value_year})"
            )
        elif verdict.outcome == "slipped":
            clauses.append(f"{label} held from {target.year} slipped in {verdict.value_year}")
    return clauses


def reason(assessment: Assessment) -> str:
    """Why this status, in one line a reader can check against the numbers."""
    a = assessment
    target = a.next_target
    if target is None:
        return "no numeric target: the trend is shown, and no status"
    if a.latest_year is None:
        return "no values yet"
    if a.baseline_year is not None and a.latest_year < a.baseline_year:
        return f"no values since the {a.baseline_year} baseline"
    label = f"{target_label(target, a.unit)} by {target.year}"
    verdict = next(v for v in a.verdicts if v.target == target)
    latest = numbers.quantity(a.latest_value, a.unit)
    if verdict.outcome == "holding":
        return f"every value since {target.year} meets the {target_label(target, a.unit)} level"
    if verdict.outcome == "slipped":
        slipped = numbers.quantity(verdict.value, a.unit)
        return f"the level to hold from {target.year} slipped in {verdict.value_year} ({slipped})"
    if a.status == "achieved":
        return f"the latest value, {latest} in {a.latest_year}, meets {label}"
    if a.status == "insufficient data":
        return (
            f"{a.points} annual value{'s' if a.points != 1 else ''} since {a.baseline_year}"
            f" of the latest method; a trend needs {a.min_points}"
        )
    trend_text = movement(a) or "no trend"
    if target.year <= a.latest_year:
        way = "toward it" if a.status == "off track" else "away from it, or flat"
        reached = target_label(target, a.unit)
        return f"{target.year} has passed without reaching {reached}; the trend is {way}"
    needed = per_year(a.required_pace, a.unit)
    if a.status == "wrong direction":
        return f"the trend ({trend_text}) moves away from {label}, which needs {change(a)} a year"
    return (
        f"today's pace ({trend_text}) is {a.pace_ratio * 100:.0f} % of the {needed} a year needed"
        f" for {label}"
    )


def compose(assessment: Assessment) -> str:
    """The indicator's one sentence, built from its measures."""
    a = assessment
    if a.latest_year is None:
        return f"{a.name}: no values yet."
    opening = f"{a.name}: {numbers.quantity(a.latest_value, a.unit)} in {a.latest_year}"
    moving = movement(a)
    if moving:
        opening += f", {moving}"
    target = a.next_target
    extra = missed_milestones(a)
    if a.stale:
        extra.append(f"the latest value is {a.today.year - a.latest_year} years old")
    body = clause(a, target)
    text = f"{opening}. {body}" if body else f"{opening}."
    if extra:
        text += " " + "; ".join(extra)[0].upper() + "; ".join(extra)[1:] + "."
    return text


def clause(a: Assessment, target: model.Target | None) -> str:
    """The part of the sentence that depends on the status."""
    if target is None:
        return "No numeric target: the trend is shown, without a status."
    label = f"the {target_label(target, a.unit)} {role(a, target)}"
    title = label[0].upper() + label[1:]
    verdict = next(v for v in a.verdicts if v.target == target)
    if a.baseline_year is not None and a.latest_year < a.baseline_year:
        return f"No values since the {a.baseline_year} baseline."
    if verdict.outcome == "holding":
        return f"{title} has held since {target.year}."
    if verdict.outcome == "slipped":
        return f"{title} to hold from {target.year} slipped in {verdict.value_year}."
    if a.status == "achieved":
        return f"{title} for {target.year} is already met."
    if a.status == "insufficient data":
        return (
            f"Too few values for a trend: {a.points} since {a.baseline_year}, "
            f"{a.min_points} needed."
        )
    if target.year <= a.latest_year:
        if a.next_projected_year is not None:
            return (
                f"{title} for {target.year} was missed; "
                f"at this pace it is reached in {a.next_projected_year}."
            )
        return f"{title} for {target.year} was missed, and the trend does not reach it."
    needed = per_year(a.required_pace, a.unit)
    if a.status == "wrong direction":
        return f"This is away from {label} for {target.year}, which needs {change(a)} a year."
    if a.next_projected_year is None:
        reach = f"At this pace {label} for {target.year} is not reached"
    else:
        reach = (
            f"At this pace {label} is reached in {a.next_projected_year}, "
            f"{timing(a.next_projected_year, target.year)}"
        )
    if a.status == "on track":
        return f"{reach}."
    return f"{reach}; the pace must rise to {needed} a year."
