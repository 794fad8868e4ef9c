"""The one generated sentence per indicator, and the one-line reason for its status.

Both are read off one `situation`, so that they can never tell two stories (revision 3: the
sentence says only what the values show, one wording per situation). Every wording is a whole
template of the catalog with named placeholders, in the language of the translator given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pledges import model
from pledges.progress import status
from pledges.progress.reasons import reason
from pledges.progress.situations import (
    EN,
    OUTCOME,
    STATUS,
    T,
    quantity,
    situation,
    status_verdict,
    years,
)
from pledges.progress.wording import (
    capital,
    change,
    evidence_text,
    label,
    movement,
    pace_share,
    per_year,
    role,
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


def due_head(a: Assessment, verdict: status.Verdict, t: T = EN) -> str:
    """What became of a due target, by its own year's value or, without one, by the line."""
    target = verdict.target
    values = {"target": capital(label(a, target, t)), "year": target.year}
    values["when"] = verdict.value_year
    if verdict.outcome == OUTCOME.MISSED:
        value = quantity(a, verdict.value, t)
        return t.gettext(
            "{target} for {year} was missed ({value} in {when})", value=value, **values
        )
    if verdict.outcome == OUTCOME.MET:
        return t.gettext(
            "{target} for {year} was met ({value} in {when}), but the last value, {last} in "
            "{last_year}, no longer meets it",
            value=quantity(a, verdict.value, t),
            last=quantity(a, a.basis_value, t),
            last_year=a.basis_to,
            **values,
        )
    line = quantity(a, verdict.line_value, t)
    if verdict.outcome == OUTCOME.LIKELY_MISSED:
        return t.gettext(
            "{target} for {year} is likely missed (the trend gives {line} then; no value for "
            "{year})",
            line=line,
            **values,
        )
    if verdict.outcome == OUTCOME.LIKELY_MET:
        return t.gettext(
            "{target} for {year} is likely met (the trend gives {line} then; no value for {year})",
            line=line,
            **values,
        )
    return t.gettext("{target} for {year} has no value for its year", **values)


def clause(a: Assessment, target: model.Target | None, t: T = EN) -> str:
    """The part of the sentence that depends on the status."""
    case = situation(a)
    if case == "no target":
        return t.gettext("No numeric target: the trend is shown, without a status.")
    if case == "not comparable":
        return t.gettext("No target is comparable with these values, so there is no status.")
    if case == "no values":
        return ""
    if case == "insufficient" and a.comparable_construction is not None:
        return t.gettext(
            "Too little for a trend: no {construction} series has {count} values with the last"
            " at most {age} years old.",
            construction=a.comparable_construction,
            count=a.min_points,
            age=a.max_age,
        )
    if case == "insufficient":
        return t.gettext(
            "Too little for a trend: no series has {count} values with the last at most {age} "
            "years old.",
            count=a.min_points,
            age=a.max_age,
        )
    if case == "no line":
        return t.gettext(
            "No line can be fitted to these values: they are too large for the arithmetic."
        )
    assert target is not None
    verdict = status_verdict(a)
    values: dict[str, object] = {
        "target": capital(label(a, target, t)),
        "year": target.year,
        "when": verdict.value_year,
        "now": a.now_year,
    }
    if case == "holding":
        if verdict.slips:
            return t.gettext(
                "{target} is held again since {since}; it slipped in {slips}.",
                since=verdict.since,
                slips=years(verdict.slips),
                **values,
            )
        return t.gettext("{target} has held since {year}.", **values)
    if case == "slipped":
        values["value"] = quantity(a, verdict.value, t)
        if verdict.slips:
            return t.gettext(
                "{target} to hold from {year} slipped in {when} ({value}); it slipped before "
                "in {slips}.",
                slips=years(verdict.slips),
                **values,
            )
        return t.gettext("{target} to hold from {year} slipped in {when} ({value}).", **values)
    if case == "met ahead":
        return t.gettext("{target} for {year} is already met.", **values)
    if case == "met when due":
        value = quantity(a, verdict.value, t)
        return t.gettext("{target} for {year} was met ({value} in {when}).", value=value, **values)
    if case == "reached late":
        values["reached"] = verdict.reached
        if verdict.outcome == OUTCOME.MISSED:
            head = due_head(a, verdict, t)
            return t.gettext("{head}; it was reached in {reached}.", head=head, **values)
        return t.gettext(
            "{target} for {year} had no value for its year; it was reached in {reached}.",
            **values,
        )
    if case == "outside range":
        values["level"] = target_label(target, a.unit, t)
        if a.status == STATUS.WRONG_DIRECTION:
            return t.gettext(
                "This is outside the {year} range ({level}), moving further from it.", **values
            )
        return t.gettext(
            "This is outside the {year} range ({level}), moving back toward it.", **values
        )
    if case == "due likely met":
        return t.gettext(
            "{target} for {year} is likely met: the trend gives {line} then, but no value for "
            "{year} confirms it.",
            line=quantity(a, verdict.line_value, t),
            **values,
        )
    if case in ("due toward", "due flat", "due away"):
        head = due_head(a, verdict, t)
        if case == "due flat":
            return t.gettext("{head}; the trend is flat, so it does not reach it.", head=head)
        if case == "due away":
            return t.gettext("{head}; the trend moves away from it.", head=head)
        if a.next_projected_year is None:
            return t.gettext(
                "{head}; the trend moves toward it, too slowly to say when.", head=head
            )
        return t.gettext(
            "{head}; at this pace it is reached in {reached}.",
            head=head,
            reached=a.next_projected_year,
        )
    values["target"] = label(a, target, t)
    if case == "unconfirmed":
        return t.gettext(
            "The trend reaches {target} in {reached}; no value since {last_year} confirms it.",
            reached=a.unconfirmed_year,
            last_year=a.basis_to,
            **values,
        )
    if case == "line past":
        # The line is past the target already without crossing it on its way (it moves away
        # from the last value): no pace is needed, and only a measured value is "achieved".
        return t.gettext(
            "The trend gives {line} in {now}, at or past {target}; no measured value confirms it.",
            line=quantity(a, a.line_now, t),
            **values,
        )
    if case == "flat":
        return t.gettext(
            "The trend is flat: {change} a year is needed from {now} to reach {target} for {year}.",
            change=change(a, t),
            **values,
        )
    if case == "away":
        return t.gettext(
            "This is away from {target} for {year}, which needs {change} a year from {now}.",
            change=change(a, t),
            **values,
        )
    return pace_clause(a, target, t)


def pace_clause(a: Assessment, target: model.Target, t: T = EN) -> str:
    """On track, needs acceleration or off track toward a target ahead, with the pace needed."""
    values: dict[str, object] = {
        "target": label(a, target, t),
        "year": target.year,
        "now": a.now_year,
        "needed": per_year(a.required_pace, a.unit, t),
        "reached": a.next_projected_year,
    }
    on_track = a.status == STATUS.ON_TRACK
    if a.next_projected_year is None:
        if on_track:
            return t.gettext("At this pace {target} for {year} is not reached.", **values)
        return t.gettext(
            "At this pace {target} for {year} is not reached; the pace must rise to {needed} a "
            "year from {now}.",
            **values,
        )
    if on_track and a.next_projected_year > target.year:
        return t.gettext(
            "At this pace {target} is reached in {reached}, within the on-track margin ({ratio} of "
            "the pace needed).",
            ratio=pace_share(a, t),
            **values,
        )
    values["timing"] = timing(a.next_projected_year, target.year, t)
    if on_track:
        return t.gettext("At this pace {target} is reached in {reached}, {timing}.", **values)
    return t.gettext(
        "At this pace {target} is reached in {reached}, {timing}; the pace must rise to "
        "{needed} a year from {now}.",
        **values,
    )


def verdict_clauses(a: Assessment, t: T = EN) -> list[str]:
    """Clauses for the targets other than the status': missed, slipped or likely so."""
    clauses = []
    for verdict in a.verdicts:
        target = verdict.target
        if target == a.next_target:
            continue
        values: dict[str, object] = {
            "target": label(a, target, t),
            "year": target.year,
            "when": verdict.value_year,
        }
        if verdict.outcome == OUTCOME.MISSED:
            values["value"] = quantity(a, verdict.value, t)
            if verdict.reached:
                clauses.append(
                    t.gettext(
                        "{target} for {year} was missed ({value} in {when}); it was reached in "
                        "{reached}",
                        reached=verdict.reached,
                        **values,
                    )
                )
            else:
                clauses.append(
                    t.gettext("{target} for {year} was missed ({value} in {when})", **values)
                )
        elif verdict.outcome == OUTCOME.SLIPPED:
            clauses.append(t.gettext("{target} held from {year} slipped in {when}", **values))
        elif verdict.outcome == OUTCOME.HOLDING and verdict.slips:
            clauses.append(
                t.gettext(
                    "{target} is held again since {since}; it slipped in {slips}",
                    since=verdict.since,
                    slips=years(verdict.slips),
                    **values,
                )
            )
        elif verdict.outcome in (OUTCOME.LIKELY_MET, OUTCOME.LIKELY_MISSED):
            clauses.append(due_head(a, verdict, t))
    return clauses


def reference_clauses(a: Assessment, t: T = EN) -> list[str]:
    """What the sentence must say about references: set aside, after the data, the floor."""
    clauses = [one.why.say(t) for one in a.set_aside]
    if a.comparable_construction is not None:
        clauses.append(
            t.gettext(
                "the targets cover {construction} only: values of other constructions do not"
                " count for the status",
                construction=a.comparable_construction,
            )
        )
    if a.baseline_why is not None:
        clauses.append(a.baseline_why.say(t))
    elif a.baseline_other_method and a.baseline_year is not None:
        clauses.append(
            t.gettext(
                "the {year} baseline is on a method none of these values is on: a reference"
                " only, with no progress share",
                year=a.baseline_year,
            )
        )
    elif a.baseline_after_data and a.baseline_year is not None:
        clauses.append(
            t.gettext(
                "the {year} baseline is dated after the last value of its series: a reference only",
                year=a.baseline_year,
            )
        )
    if a.floor_year is not None and a.floor is not None:
        clauses.append(
            t.gettext(
                "the trend line reaches {value} in {year}, and the amount cannot go below it",
                value=quantity(a, a.floor, t),
                year=a.floor_year,
            )
        )
    return clauses


def compose(assessment: Assessment, t: T = EN) -> str:
    """The indicator's one sentence, built from its measures; it opens on a measured value."""
    a = assessment
    if a.shown is None:
        return t.gettext("{name}: no values yet.", name=t.name(a.name))
    year, value, _ = a.shown  # the one "latest", as every page's Latest names it
    values = {"name": t.name(a.name), "value": quantity(a, value, t), "year": year}
    moving = movement(a, t)
    if moving:
        parts = [t.gettext("{name}: {value} in {year}, {moving}.", moving=moving, **values)]
    else:
        parts = [t.gettext("{name}: {value} in {year}.", **values)]
    extra = verdict_clauses(a, t) + reference_clauses(a, t)
    if a.newer_other is not None:
        newer_year, newer_value, _ = a.newer_other
        extra.append(
            t.gettext(
                "the {year} value, {value}, is on another definition",
                year=newer_year,
                value=quantity(a, newer_value, t),
            )
        )
    if a.incomplete_year is not None:
        extra.append(
            t.gettext("{year} is an incomplete year and is left out", year=a.incomplete_year)
        )
    if a.stale and a.basis_to is not None:
        extra.append(
            t.ngettext(
                "the last value used is {count} year old",
                "the last value used is {count} years old",
                a.today.year - year,
            )
        )
    elif a.stale:
        # No value is used (no basis): the age is the latest value's, not a used one's.
        extra.append(
            t.ngettext(
                "the {year} value is {count} year old",
                "the {year} value is {count} years old",
                a.today.year - year,
                year=year,
            )
        )
    body = clause(a, a.next_target, t)
    if body:
        parts.append(body)
    grade = evidence_text(a, t)
    if grade:
        parts.append(f"{capital(grade)}.")
    if extra:
        parts.append(f"{capital('; '.join(extra))}.")
    return " ".join(parts)
