"""The small pieces every generated sentence is built from: paces, targets, grades, in words."""

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


def label(assessment: Assessment, target: model.Target) -> str:
    """ "the 55 % milestone", "the 0 t target"."""
    return f"the {target_label(target, assessment.unit)} {role(assessment, target)}"


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


def values_text(count: int) -> str:
    """ "1 value", "4 values"."""
    return f"{count} {'value' if count == 1 else 'values'}"


def evidence_text(a: Assessment) -> str:
    """The grade and the basis in words ("weak evidence: 2 values, 2010 and 2020"); a measured
    baseline on the line is named apart from the values ("3 values, 2013-2017, and the 1990
    baseline")."""
    if a.evidence is None or a.basis_from is None or a.basis_to is None:
        return ""
    if a.basis_from == a.basis_to:
        years = str(a.basis_to)
    elif a.points == 2:
        years = f"{a.basis_from} and {a.basis_to}"
    else:
        years = f"{a.basis_from}-{a.basis_to}"
    method = f" ({a.basis_method})" if a.basis_method else ""
    text = f"{status.LABELS[a.evidence]}: {values_text(a.points)}{method}, {years}"
    if a.baseline_in_line and a.baseline_year is not None:
        text += f", and the {a.baseline_year} baseline"
    return text


def status_line(a: Assessment) -> str:
    """The status with its grade and basis ("off track · weak evidence: 2 values, ...")."""
    text = evidence_text(a)
    return f"{a.status} · {text}" if text else str(a.status)


def capital(text: str) -> str:
    """The text with its first letter upper-case."""
    return text[:1].upper() + text[1:]


def quantity(a: Assessment, value: float | None) -> str:
    """A value with the indicator's unit."""
    return numbers.quantity(value, a.unit)


def share_of_pace(a: Assessment) -> str:
    """Today's pace against the pace needed ("54 % of"), or "many times" past what floats hold."""
    if a.pace_ratio is None:
        return "many times"
    return f"{a.pace_ratio * 100:.0f} % of"
