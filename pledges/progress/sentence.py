"""The one generated sentence per indicator, and the one-line reason for its status.

Every sentence is a whole template of the catalog with named placeholders, in the language of
the translator it is given (English when none is); numbers are written in the same language.
"""

from __future__ import annotations

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


def named(a: Assessment, target: model.Target, t: Translator = EN) -> str:
    """The target as a noun ("the 55 % milestone", "the 100 % target")."""
    level = target_label(target, a.unit, t)
    if role(a, target) == "target":
        return t.gettext("the {level} target", level=level)
    return t.gettext("the {level} milestone", level=level)


def capital(text: str) -> str:
    """The text with its first letter made capital (a clause opening a sentence)."""
    return text[:1].upper() + text[1:]


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


def evidence_text(a: Assessment, t: Translator = EN) -> str:
    """The grade and the basis in words ("weak evidence: 2 values, 2010 and 2020")."""
    if a.evidence is None or a.basis_from is None or a.basis_to is None:
        return ""
    grade = t.gettext(status.LABELS[a.evidence])
    values = {"grade": grade, "first": a.basis_from, "last": a.basis_to, "count": a.points}
    if a.basis_method:
        values["method"] = a.basis_method
        if a.points == 2:
            return t.gettext("{grade}: {count} values ({method}), {first} and {last}", **values)
        return t.gettext("{grade}: {count} values ({method}), {first}-{last}", **values)
    if a.points == 2:
        return t.gettext("{grade}: {count} values, {first} and {last}", **values)
    return t.gettext("{grade}: {count} values, {first}-{last}", **values)


def status_line(a: Assessment, t: Translator = EN) -> str:
    """The status with its grade and basis ("off track · weak evidence: 2 values, ...")."""
    text = evidence_text(a, t)
    word = t.gettext(status.LABELS.get(a.status, str(a.status)))
    return f"{word} · {text}" if text else word


def verdict_clauses(a: Assessment, t: Translator = EN) -> list[str]:
    """Clauses for targets already due (not the status target): met, missed or likely so."""
    clauses = []
    for verdict in a.verdicts:
        target = verdict.target
        if target == a.next_target:
            continue
        values = {"target": named(a, target, t), "year": target.year, "when": verdict.value_year}
        if verdict.outcome == status.Outcome.MISSED:
            value = numbers.quantity(verdict.value, a.unit, t.lang)
            clauses.append(
                t.gettext(
                    "{target} for {year} was missed ({value} in {when})", value=value, **values
                )
            )
        elif verdict.outcome == status.Outcome.SLIPPED:
            clauses.append(t.gettext("{target} held from {year} slipped in {when}", **values))
        elif verdict.outcome in (status.Outcome.LIKELY_MET, status.Outcome.LIKELY_MISSED):
            line = numbers.quantity(verdict.line_value, a.unit, t.lang)
            if verdict.outcome == status.Outcome.LIKELY_MET:
                template = translation.N_(
                    "{target} for {year} is likely met (the trend gives {line} then; no value for "
                    "{year})"
                )
            else:
                template = translation.N_(
                    "{target} for {year} is likely missed (the trend gives {line} then; no value "
                    "for {year})"
                )
            clauses.append(t.gettext(template, line=line, **values))
    return clauses


def reason(assessment: Assessment, t: Translator = EN) -> str:
    """Why this status, in one line a reader can check against the numbers."""
    a = assessment
    target = a.next_target
    if target is None:
        return t.gettext("no numeric target: the trend is shown, and no status")
    if a.latest_year is None:
        return t.gettext("no values yet")
    if a.status == status.Status.INSUFFICIENT_DATA:
        return t.gettext(
            "no series has {count} values with the last at most {age} years old (latest {latest})",
            count=a.min_points,
            age=a.max_age,
            latest=a.latest_year,
        )
    level = target_label(target, a.unit, t)
    values = {"level": level, "year": target.year, "now": a.now_year, "last_year": a.basis_to}
    verdict = next(v for v in a.verdicts if v.target == target)
    if verdict.outcome == status.Outcome.HOLDING:
        return t.gettext("every value since {year} meets the {level} level", **values)
    if verdict.outcome == status.Outcome.SLIPPED:
        slipped = numbers.quantity(verdict.value, a.unit, t.lang)
        return t.gettext(
            "the level to hold from {year} slipped in {when} ({value})",
            when=verdict.value_year,
            value=slipped,
            **values,
        )
    if a.status == status.Status.ACHIEVED:
        last = numbers.quantity(a.basis_value, a.unit, t.lang)
        return t.gettext(
            "the last value, {last} in {last_year}, meets {level} by {year}", last=last, **values
        )
    trend_text = movement(a, t) or t.gettext("no trend")
    if target.year <= a.now_year:
        if verdict.outcome == status.Outcome.LIKELY_MET:
            return t.gettext(
                "the trend meets {level} by {year}, but no value for {year} confirms it", **values
            )
        if a.status == status.Status.OFF_TRACK:
            return t.gettext(
                "{year} has passed without reaching {level} by {year}; the trend is toward it",
                **values,
            )
        return t.gettext(
            "{year} has passed without reaching {level} by {year}; the trend is away from it, or "
            "flat",
            **values,
        )
    if a.unconfirmed_year is not None:
        return t.gettext(
            "the trend reaches {level} by {year} in {reached}; no value since {last_year} "
            "confirms it",
            reached=a.unconfirmed_year,
            **values,
        )
    if a.required_pace is None:
        # The line is past the target already (see `clause`): no pace is needed.
        return t.gettext(
            "the trend gives {line} in {now}, at or past {level} by {year}; no measured value "
            "confirms it",
            line=numbers.quantity(a.line_now, a.unit, t.lang),
            **values,
        )
    if a.status == status.Status.WRONG_DIRECTION:
        return t.gettext(
            "the trend ({trend}) moves away from {level} by {year}, which needs {change} a year "
            "from {now}",
            trend=trend_text,
            change=change(a, t),
            **values,
        )
    return t.gettext(
        "today's pace ({trend}) is {ratio} % of the {needed} a year needed from {now} for {level} "
        "by {year}",
        trend=trend_text,
        ratio=f"{a.pace_ratio * 100:.0f}",
        needed=per_year(a.required_pace, a.unit, t),
        **values,
    )


def compose(assessment: Assessment, t: Translator = EN) -> str:
    """The indicator's one sentence, built from its measures."""
    a = assessment
    if a.latest_year is None:
        return t.gettext("{name}: no values yet.", name=a.name)
    year, value = (
        (a.basis_to, a.basis_value) if a.basis_to is not None else (a.latest_year, a.latest_value)
    )
    values = {"name": a.name, "value": numbers.quantity(value, a.unit, t.lang), "year": year}
    moving = movement(a, t)
    if moving:
        opening = t.gettext("{name}: {value} in {year}, {moving}.", moving=moving, **values)
    else:
        opening = t.gettext("{name}: {value} in {year}.", **values)
    extra = verdict_clauses(a, t)
    if a.newer_unused is not None:
        newer_year, newer_value, _ = a.newer_unused
        newer = numbers.quantity(newer_value, a.unit, t.lang)
        extra.append(
            t.gettext(
                "the {year} value, {value}, is on another definition", year=newer_year, value=newer
            )
        )
    if a.incomplete_year is not None:
        extra.append(
            t.gettext("{year} is an incomplete year and is left out", year=a.incomplete_year)
        )
    if a.stale:
        extra.append(
            t.ngettext(
                "the last value used is {count} year old",
                "the last value used is {count} years old",
                a.today.year - year,
            )
        )
    parts = [opening]
    body = clause(a, a.next_target, t)
    if body:
        parts.append(body)
    grade = evidence_text(a, t)
    if grade:
        parts.append(f"{capital(grade)}.")
    if extra:
        parts.append(f"{capital('; '.join(extra))}.")
    return " ".join(parts)


def clause(a: Assessment, target: model.Target | None, t: Translator = EN) -> str:
    """The part of the sentence that depends on the status."""
    if target is None:
        return t.gettext("No numeric target: the trend is shown, without a status.")
    values = {"target": capital(named(a, target, t)), "year": target.year, "now": a.now_year}
    verdict = next(v for v in a.verdicts if v.target == target)
    if a.status == status.Status.INSUFFICIENT_DATA:
        return t.gettext(
            "Too little for a trend: no series has {count} values with the last at most {age} "
            "years old.",
            count=a.min_points,
            age=a.max_age,
        )
    if verdict.outcome == status.Outcome.HOLDING:
        return t.gettext("{target} has held since {year}.", **values)
    if verdict.outcome == status.Outcome.SLIPPED:
        return t.gettext(
            "{target} to hold from {year} slipped in {when}.", when=verdict.value_year, **values
        )
    if a.status == status.Status.ACHIEVED:
        return t.gettext("{target} for {year} is already met.", **values)
    if a.outside_range:
        level = target_label(target, a.unit, t)
        if a.status == status.Status.WRONG_DIRECTION:
            return t.gettext(
                "This is outside the {year} range ({level}), moving further from it.",
                level=level,
                **values,
            )
        return t.gettext(
            "This is outside the {year} range ({level}), moving back toward it.",
            level=level,
            **values,
        )
    if target.year <= a.now_year:
        if verdict.outcome == status.Outcome.LIKELY_MET:
            return t.gettext(
                "{target} for {year} is likely met: the trend gives {line} then, but no value for "
                "{year} confirms it.",
                line=numbers.quantity(verdict.line_value, a.unit, t.lang),
                **values,
            )
        if a.next_projected_year is not None:
            return t.gettext(
                "{target} for {year} was missed; at this pace it is reached in {reached}.",
                reached=a.next_projected_year,
                **values,
            )
        return t.gettext(
            "{target} for {year} was missed, and the trend does not reach it.", **values
        )
    values["target"] = named(a, target, t)
    if a.unconfirmed_year is not None:
        return t.gettext(
            "The trend reaches {target} in {reached}; no value since {last_year} confirms it.",
            reached=a.unconfirmed_year,
            last_year=a.basis_to,
            **values,
        )
    if a.required_pace is None:
        # The line is past the target already without crossing it on its way (it moves away
        # from the last value): no pace is needed, and only a measured value is "achieved".
        return t.gettext(
            "The trend gives {line} in {now}, at or past {target}; no measured value confirms it.",
            line=numbers.quantity(a.line_now, a.unit, t.lang),
            **values,
        )
    values["needed"] = per_year(a.required_pace, a.unit, t)
    if a.status == status.Status.WRONG_DIRECTION:
        return t.gettext(
            "This is away from {target} for {year}, which needs {change} a year from {now}.",
            change=change(a, t),
            **values,
        )
    if a.next_projected_year is None:
        if a.status == status.Status.ON_TRACK:
            return t.gettext("At this pace {target} for {year} is not reached.", **values)
        return t.gettext(
            "At this pace {target} for {year} is not reached; the pace must rise to {needed} a "
            "year from {now}.",
            **values,
        )
    values["reached"] = a.next_projected_year
    if a.status == status.Status.ON_TRACK and a.next_projected_year > target.year:
        return t.gettext(
            "At this pace {target} is reached in {reached}, within the on-track margin ({ratio} % "
            "of the pace needed).",
            ratio=f"{a.pace_ratio * 100:.0f}",
            **values,
        )
    values["timing"] = timing(a.next_projected_year, target.year, t)
    if a.status == status.Status.ON_TRACK:
        return t.gettext("At this pace {target} is reached in {reached}, {timing}.", **values)
    return t.gettext(
        "At this pace {target} is reached in {reached}, {timing}; the pace must rise to {needed} "
        "a year from {now}.",
        **values,
    )
