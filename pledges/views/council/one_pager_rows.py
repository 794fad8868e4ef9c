"""The one-pager's rows: one a goal, its milestones and the gaps, from the gathered sections."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from pledges import numbers, translation
from pledges.service import vocabulary
from pledges.views import formatting, pace_phrases

NO_GRADE = translation.N_("none: nothing to assess yet")
T = translation.Translator
EN = translation.ENGLISH


class GoalLike(Protocol):
    """A goal, its roll-up and its indicators (briefing.content.GoalSection)."""

    goal: Any
    rollup: Any
    items: Sequence[Any]
    chart: Any


class PledgeLike(Protocol):
    """A pledge, its roll-up and its goals (briefing.content.PledgeSection)."""

    pledge: Any
    rollup: Any
    goals: Sequence[Any]


@dataclass(frozen=True, slots=True)
class GoalRow:
    """One goal as page 1 shows it."""

    goal: str
    status: str
    symbol: str
    evidence: str
    indicator: str
    latest: str
    pace: str
    pace_words: str
    years: tuple[int, ...] = ()
    values: tuple[float, ...] = ()
    path_years: tuple[int, ...] = ()
    path_values: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Milestone:
    """A goal's next or last due milestone and its verdict."""

    goal: str
    which: str  # "next" or "last due"
    year: int
    target: str
    verdict: str


@dataclass(frozen=True, slots=True)
class GapGroup:
    """Unassessed indicators sharing one reason, each with its owner and due state."""

    reason: str
    indicators: tuple[str, ...]


def grade_text(grade: object, t: T = EN) -> str:
    """An evidence grade in words ("weak evidence"), or what having none means."""
    if not grade:
        return t.gettext(NO_GRADE)
    return t.gettext(vocabulary.LABELS.get(grade, f"{grade} evidence"))


def _signed(value: float, t: T = EN) -> str:
    return ("+" if value > 0 else "") + numbers.number(value, t.lang)


def pace_text(a: Any, t: T = EN) -> str:
    """ "+1.9 points a year; needs +4.5" from an assessment's slope and required pace."""
    if a.slope is None:
        return t.gettext("no trend yet")
    text = pace_phrases.pace_text(a.slope, a.unit, t)
    if a.required_pace is not None and math.isfinite(a.required_pace):
        return t.gettext("{pace}; needs {needed}", pace=text, needed=_signed(a.required_pace, t))
    return text


def headline_item(g: GoalLike) -> Any:
    """The goal's headline indicator, else the one it charts, else its first."""
    key = getattr(g.goal, "headline", None)
    for item in g.items:
        if key is not None and item.indicator.key == key:
            return item
    return g.chart or (g.items[0] if g.items else None)


def goal_row(g: GoalLike, t: T = EN) -> GoalRow:
    """One goal's row: status (its English word, the style's key), grade, headline value, pace
    and sparkline data, in `t`'s language."""
    r = g.rollup
    style = formatting.style_of(None if r.status is None else str(r.status))
    word = style.word if r.status is not None else "no indicators"
    symbol = style.symbol if r.status is not None else "–"
    item = headline_item(g)
    if item is None:
        none = t.gettext("no indicators")
        return GoalRow(t.name(g.goal.name), word, symbol, t.gettext(NO_GRADE), "–", none, "–", "")
    a = item.assessment
    latest = formatting.latest_text(a, a.unit, t)
    annual = a.annual
    path = a.required_path if a.has_targets and not annual.empty else None
    if path is not None:
        # The sparkline starts where the measured values do.
        path = path[path["year"] >= int(annual["year"].min())]
    return GoalRow(
        goal=t.name(g.goal.name),
        status=word,
        symbol=symbol,
        evidence=grade_text(getattr(r, "evidence", None) or a.evidence, t),
        indicator=t.name(item.indicator.name),
        latest=latest,
        pace=pace_text(a, t),
        pace_words=pace_phrases.pace_words(a.pace_ratio, t),
        years=tuple(int(y) for y in annual["year"]),
        values=tuple(float(v) for v in annual["value"]),
        path_years=tuple(int(y) for y in path["year"]) if path is not None else (),
        path_values=tuple(float(v) for v in path["value"]) if path is not None else (),
    )


def milestones(g: GoalLike, today: dt.date, t: T = EN) -> list[Milestone]:
    """The headline indicator's last due and next milestone, with their verdicts."""
    item = headline_item(g)
    if item is None:
        return []
    a = item.assessment
    due = [v for v in a.verdicts if v.target.year <= today.year]
    ahead = [v for v in a.verdicts if v.target.year > today.year]
    out = []
    last_due, upcoming = t.gettext("last due"), t.gettext("next")
    for which, v in ((last_due, due[-1] if due else None), (upcoming, ahead[0] if ahead else None)):
        if v is not None:
            verdict = formatting.verdict_text(str(v.outcome), v.value, v.value_year, a.unit, t)
            if v.outcome == vocabulary.Outcome.AHEAD:
                # "ahead" is the engine's word for not yet due; a reader hears "ahead of plan".
                word = formatting.status_word(str(v.status), t)
                verdict = t.gettext("not yet due; {status} against it", status=word)
            out.append(
                Milestone(
                    t.name(g.goal.name),
                    which,
                    v.target.year,
                    formatting.target_text(v.target, a.unit, t),
                    verdict,
                )
            )
    return out


def gap_reason(a: Any) -> str | None:
    """Why an indicator cannot be assessed: no value ever, too old, too few (or None)."""
    if a.status != vocabulary.Status.INSUFFICIENT_DATA:
        return None
    if a.latest_year is None:
        return "no value ever"
    if a.today.year - a.latest_year > a.max_age:
        return "too old"
    return "too few values"


@dataclass(frozen=True, slots=True)
class OwnerGap:
    """The indicators one owner has not given enough values for to judge, each with why."""

    owner: str
    indicators: tuple[str, ...]


def gap_why(a: Any, t: T = EN) -> str:
    """Why one indicator cannot be judged, in a few words ("no value yet", "latest 2012")."""
    reason = gap_reason(a)
    if reason == "no value ever":
        return t.gettext("no value yet")
    if reason == "too old":
        return t.gettext("latest {year}", year=a.latest_year)
    kinds = [sum(1 for point in one.points if point[2] is not None) for one in a.series]
    return t.ngettext(
        "{have} of {count} value on one definition",
        "{have} of {count} values on one definition",
        a.min_points,
        have=max(kinds, default=0),
    )


def owner_gaps(
    sections: Sequence[PledgeLike], owners: Mapping[str, str], t: T = EN
) -> tuple[OwnerGap, ...]:
    """Indicators with a target that cannot be judged, grouped by owner, most gaps first.

    `owners` maps an indicator to "owner, due state" ("LADOT, never reported").
    """
    groups: dict[str, list[str]] = {}
    for p in sections:
        for g in p.goals:
            for item in g.items:
                if gap_reason(item.assessment) is None or not item.assessment.has_targets:
                    continue
                named = owners.get(item.indicator.key, t.gettext("no owner named"))
                who = named.rsplit(", ", 1)[0]
                entry = f"{t.name(item.indicator.name)} ({gap_why(item.assessment, t)})"
                groups.setdefault(who, []).append(entry)
    ranked = sorted(groups.items(), key=lambda pair: (-len(pair[1]), pair[0]))
    return tuple(OwnerGap(who, tuple(entries)) for who, entries in ranked)


def gap_groups(sections: Sequence[PledgeLike], owners: Mapping[str, str]) -> tuple[GapGroup, ...]:
    """Unassessed indicators grouped by reason, with owner and due state where known."""
    groups: dict[str, list[str]] = {}
    for p in sections:
        for g in p.goals:
            for item in g.items:
                reason = gap_reason(item.assessment)
                if reason is None:
                    continue
                name = item.indicator.name
                a = item.assessment
                if reason == "too old":
                    name += f" (latest {a.latest_year})"
                elif reason == "too few values":
                    name += f" ({len(a.annual)} of {a.min_points} values needed)"
                who = owners.get(item.indicator.key)
                groups.setdefault(reason, []).append(f"{name}: {who}" if who else name)
    order = ("no value ever", "too old", "too few values")
    return tuple(GapGroup(reason, tuple(groups[reason])) for reason in order if reason in groups)
