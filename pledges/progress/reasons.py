"""Why an indicator has its status, in one line a reader can check against the numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pledges.progress import references
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
from pledges.progress.wording import change, movement, pace_share, per_year, target_label

if TYPE_CHECKING:
    from pledges.progress.assessment import Assessment


def reason(assessment: Assessment, t: T = EN) -> str:
    """Why this status, in one line a reader can check against the numbers."""
    a = assessment
    case = situation(a)
    target = a.next_target
    if case == "no target":
        return t.gettext("no numeric target: the trend is shown, and no status")
    if case == "not comparable":
        return t.gettext(
            "no target is comparable with the values: {reasons}",
            reasons="; ".join(one.why.say(t) for one in a.set_aside),
        )
    if case == "no values":
        return t.gettext("no values yet")
    if case == "insufficient" and a.comparable_construction is not None:
        built = a.comparable_construction
        own = [
            p[0]
            for one in a.series
            if references.construction(one.method) == built
            for p in one.points
            if p[2] is not None
        ]
        return t.gettext(
            "no {construction} series has {count} values with the last at most {age} years old"
            " (latest {latest})",
            construction=built,
            count=a.min_points,
            age=a.max_age,
            latest=max(own, default=a.latest_year),
        )
    if case == "insufficient":
        return t.gettext(
            "no series has {count} values with the last at most {age} years old (latest {latest})",
            count=a.min_points,
            age=a.max_age,
            latest=a.latest_year,
        )
    if case == "no line":
        return t.gettext("no line can be fitted: the values are too large for the arithmetic")
    assert target is not None
    verdict = status_verdict(a)
    level = target_label(target, a.unit, t)
    values: dict[str, object] = {
        "level": level,
        "by": t.gettext("{level} by {year}", level=level, year=target.year),
        "year": target.year,
        "when": verdict.value_year,
        "now": a.now_year,
        "last": quantity(a, a.basis_value, t),
        "last_year": a.basis_to,
        "trend": movement(a, t) or t.gettext("no trend"),
    }
    if case == "holding":
        if verdict.slips:
            return t.gettext(
                "the last value meets the {level} level again (held since {since}); it slipped "
                "in {slips}",
                since=verdict.since,
                slips=years(verdict.slips),
                **values,
            )
        return t.gettext("every value since {year} meets the {level} level", **values)
    if case == "slipped":
        value = quantity(a, verdict.value, t)
        return t.gettext(
            "the level to hold from {year} slipped in {when} ({value})", value=value, **values
        )
    if case == "met ahead":
        return t.gettext("the last value, {last} in {last_year}, meets {by}", **values)
    if case == "met when due":
        value = quantity(a, verdict.value, t)
        return t.gettext("the {year} value, {value}, meets {level}", value=value, **values)
    if case == "reached late":
        values["reached"] = verdict.reached
        if verdict.outcome == OUTCOME.MISSED:
            return t.gettext(
                "{by} was missed ({value} in {when}); it was reached in {reached}: the last "
                "value, {last}, meets it",
                value=quantity(a, verdict.value, t),
                **values,
            )
        return t.gettext(
            "{by} had no value for its year; it was reached in {reached}: the last value, "
            "{last}, meets it",
            **values,
        )
    if case == "outside range":
        if a.status == STATUS.WRONG_DIRECTION:
            return t.gettext(
                "the last value, {last} in {last_year}, is outside {by}, moving further from it",
                **values,
            )
        return t.gettext(
            "the last value, {last} in {last_year}, is outside {by}, moving back toward it",
            **values,
        )
    if case == "due likely met":
        return t.gettext("the trend meets {by}, but no value for {year} confirms it", **values)
    if case in ("due toward", "due flat", "due away"):
        if verdict.outcome == OUTCOME.MISSED:
            head = t.gettext(
                "{by} was missed ({value} in {year})",
                value=quantity(a, verdict.value, t),
                **values,
            )
        elif verdict.outcome == OUTCOME.LIKELY_MISSED:
            head = t.gettext("{by} is likely missed (no value for {year})", **values)
        elif verdict.outcome == OUTCOME.MET:
            head = t.gettext("{by} was met in {when} but the last value no longer is", **values)
        else:
            head = t.gettext("{by} has passed without a value for its year", **values)
        if case == "due toward":
            return t.gettext("{head}; the trend is toward it", head=head)
        if case == "due flat":
            return t.gettext("{head}; the trend is flat", head=head)
        return t.gettext("{head}; the trend moves away from it", head=head)
    if case == "unconfirmed":
        return t.gettext(
            "the trend reaches {by} in {reached}; no value since {last_year} confirms it",
            reached=a.unconfirmed_year,
            **values,
        )
    if case == "line past":
        return t.gettext(
            "the trend gives {line} in {now}, at or past {by}; no measured value confirms it",
            line=quantity(a, a.line_now, t),
            **values,
        )
    values["change"] = change(a, t) if a.required_pace is not None else ""
    if case == "flat":
        return t.gettext(
            "the trend is flat: {change} a year is needed from {now} for {by}", **values
        )
    if case == "away":
        return t.gettext(
            "the trend ({trend}) moves away from {by}, which needs {change} a year from {now}",
            **values,
        )
    return t.gettext(
        "today's pace ({trend}) is {ratio} of the {needed} a year needed from {now} for {by}",
        ratio=pace_share(a, t),
        needed=per_year(a.required_pace, a.unit, t),
        **values,
    )
