"""The small pieces every generated sentence is built from: paces, targets, grades, in words.

Each piece is a whole phrase of the catalog in the language of the translator it is given
(English when none is), with its numbers written as that language writes them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from pledges import model, numbers, translation
from pledges.progress import status

if TYPE_CHECKING:
    from pledges.progress.assessment import Assessment

Translator = translation.Translator
EN = translation.ENGLISH


def per_year(value: float, unit: str, t: Translator = EN) -> str:
    """A change a year, as points for shares ("3.2 points", "4.1 kt")."""
    text = numbers.number(abs(value), t.lang)
    if unit.startswith("%"):
        return t.ngettext("{amount} point", "{amount} points", 1 if text == "1" else 2, amount=text)
    return f"{text} {unit}".strip()


def target_label(target: model.Target, unit: str, t: Translator = EN) -> str:
    """A target's level as written ("55 %", "900-1,500 MW")."""
    if target.kind == "range" and target.low is not None and target.high is not None:
        low = numbers.number(target.low, t.lang)
        return f"{low}-{numbers.quantity(target.high, unit, t.lang)}"
    return numbers.quantity(target.value, unit, t.lang)


def role(assessment: Assessment, target: model.Target) -> str:
    """ "milestone" for an interim target, "target" for the final one."""
    return "target" if target == assessment.final_target else "milestone"


def label(assessment: Assessment, target: model.Target, t: Translator = EN) -> str:
    """ "the 55 % milestone", "the 0 t target"."""
    level = target_label(target, assessment.unit, t)
    if role(assessment, target) == "target":
        return t.gettext("the {level} target", level=level)
    return t.gettext("the {level} milestone", level=level)


def movement(assessment: Assessment, t: Translator = EN) -> str:
    """The trend in words ("up 3.2 points a year", "flat"), or empty without a trend."""
    if assessment.slope is None:
        return ""
    if assessment.slope == 0:
        return t.gettext("flat")
    amount = per_year(assessment.slope, assessment.unit, t)
    if assessment.slope > 0:
        return t.gettext("up {amount} a year", amount=amount)
    return t.gettext("down {amount} a year", amount=amount)


def change(a: Assessment, t: Translator = EN) -> str:
    """The required pace with its direction ("a rise of 5 points", "a fall of 2 kt")."""
    amount = per_year(a.required_pace, a.unit, t)
    if a.required_pace > 0:
        return t.gettext("a rise of {amount}", amount=amount)
    return t.gettext("a fall of {amount}", amount=amount)


def timing(arrival: int, year: int, t: Translator = EN) -> str:
    """Early, on time or late, in years."""
    if arrival == year:
        return t.gettext("on time")
    years = abs(arrival - year)
    if arrival < year:
        return t.ngettext("{count} year early", "{count} years early", years)
    return t.ngettext("{count} year late", "{count} years late", years)


def values_text(count: int, t: Translator = EN) -> str:
    """ "1 value", "4 values"."""
    return t.ngettext("{count} value", "{count} values", count)


def years_text(a: Assessment, t: Translator = EN) -> str:
    """The years of the basis: "2020", "2010 and 2020", "2013-2017"."""
    if a.basis_from == a.basis_to:
        return str(a.basis_to)
    if a.points == 2:
        return t.gettext("{first} and {last}", first=a.basis_from, last=a.basis_to)
    return f"{a.basis_from}-{a.basis_to}"


def evidence_text(a: Assessment, t: Translator = EN) -> str:
    """The grade and the basis in words ("weak evidence: 2 values, 2010 and 2020"); a measured
    baseline on the line is named apart from the values ("3 values, 2013-2017, and the 1990
    baseline")."""
    if a.evidence is None or a.basis_from is None or a.basis_to is None:
        return ""
    values = {
        "grade": t.gettext(status.LABELS[a.evidence]),
        "values": values_text(a.points, t),
        "years": years_text(a, t),
        "method": a.basis_method,
        "baseline": a.baseline_year,
    }
    with_baseline = a.baseline_in_line and a.baseline_year is not None
    if a.basis_method and with_baseline:
        return t.gettext(
            "{grade}: {values} ({method}), {years}, and the {baseline} baseline", **values
        )
    if a.basis_method:
        return t.gettext("{grade}: {values} ({method}), {years}", **values)
    if with_baseline:
        return t.gettext("{grade}: {values}, {years}, and the {baseline} baseline", **values)
    return t.gettext("{grade}: {values}, {years}", **values)


def status_line(a: Assessment, t: Translator = EN) -> str:
    """The status with its grade and basis ("off track · weak evidence: 2 values, ...")."""
    text = evidence_text(a, t)
    word = t.gettext(status.LABELS.get(a.status, str(a.status)))
    return f"{word} · {text}" if text else word


def capital(text: str) -> str:
    """The text with its first letter upper-case."""
    return text[:1].upper() + text[1:]


def quantity(a: Assessment, value: float | None) -> str:
    """A value with the indicator's unit."""
    return numbers.quantity(value, a.unit)


def pace_share(a: Assessment, t: translation.Translator) -> str:
    """Today's pace as a share of the pace needed ("54 %"); a ratio past what floats hold (an
    absurd value, found by the invariant test) as "more than 1,000,000 %", which is true."""
    if a.pace_ratio is None or not math.isfinite(a.pace_ratio):
        return f"> {numbers.number(1_000_000, t.lang)} %"
    return f"{numbers.number(round(a.pace_ratio * 100), t.lang)} %"
