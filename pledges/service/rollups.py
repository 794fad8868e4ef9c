"""Assessed indicators rolled up by goal, pledge and city: each city's own, never pooled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pledges import model, progress, translation
from pledges.progress import rollups
from pledges.progress import status as statuses
from pledges.service import panel
from pledges.service.assessing import IndicatorStatus


@dataclass(frozen=True, slots=True)
class GoalSummary:
    """One goal with its indicators' assessments and their roll-up."""

    pledge: model.Pledge
    goal: model.Goal
    rollup: progress.Rollup
    items: tuple[IndicatorStatus, ...]


@dataclass(frozen=True, slots=True)
class PledgeSummary:
    """One pledge with its goals (worst first) and their roll-up."""

    pledge: model.Pledge
    rollup: progress.Rollup
    goals: tuple[GoalSummary, ...]
    beside_own: bool = False  # a panel pledge shown "as reported to CDP" beside the city's own

    @property
    def active(self) -> bool:
        """Abandoned and superseded pledges are shown but not rolled into the city."""
        return self.pledge.state == "active"

    @property
    def counted(self) -> bool:
        """Rolled into the city: active, and not the panel's copy beside the city's own."""
        return self.active and not self.beside_own


def _goal_order(goal: GoalSummary) -> tuple[int, float]:
    share = goal.rollup.progress_share
    return statuses.rank(goal.rollup.status), 2.0 if share is None else share


def summarise(
    pledges: Sequence[model.Pledge], items: Sequence[IndicatorStatus]
) -> list[PledgeSummary]:
    """Every pledge with every goal rolled up; goals worst first, active pledges first.

    Indicators are grouped by city, pledge and goal, so two cities with a pledge of the same
    key each get their own roll-up.
    """
    by_goal: dict[tuple[str, str, str], list[IndicatorStatus]] = {}
    for item in items:
        key = (item.pledge.city.name, item.pledge.key, item.goal.key)
        by_goal.setdefault(key, []).append(item)
    out = []
    for pledge in pledges:
        goals = []
        for goal in pledge.goals:
            parts = tuple(by_goal.get((pledge.city.name, pledge.key, goal.key), ()))
            rollup = progress.goal_rollup(goal.name, goal.headline, [i.assessment for i in parts])
            goals.append(GoalSummary(pledge, goal, rollup, parts))
        goals.sort(key=_goal_order)
        rollup = progress.pledge_rollup(pledge.name, [g.rollup for g in goals])
        beside = panel.beside_own(pledge, pledges)
        out.append(PledgeSummary(pledge, rollup, tuple(goals), beside))
    out.sort(key=lambda summary: (not summary.active, summary.beside_own))
    return out


def pledges_of(items: Sequence[IndicatorStatus]) -> list[model.Pledge]:
    """The pledges the assessed indicators belong to, each once, in their order."""
    found: dict[tuple[str, str], model.Pledge] = {}
    for item in items:
        found.setdefault((item.pledge.city.name, item.pledge.key), item.pledge)
    return list(found.values())


def city_rollup(summaries: Sequence[PledgeSummary], name: str) -> progress.Rollup:
    """A city's roll-up over its counted pledges' roll-ups (the one rule, as the briefing)."""
    return progress.city_rollup(name, [summary.rollup for summary in summaries if summary.counted])


def pledge_need(summary: PledgeSummary) -> rollups.Need:
    """How few of a pledge's unassessed indicators would give it a status, of how many."""
    goals = [rollups.goal_need(goal.rollup) for goal in summary.goals]
    return rollups.combined_need(summary.rollup, goals)


def pledge_would_change(
    summary: PledgeSummary, since_year: int, t: translation.Translator = translation.ENGLISH
) -> str:
    """What would give one pledge a status, as a clause (empty when it has one)."""
    return rollups.would_change(pledge_need(summary), since_year, summary.pledge.name, t)


def would_change(
    summaries: Sequence[PledgeSummary],
    name: str,
    since_year: int,
    t: translation.Translator = translation.ENGLISH,
) -> str:
    """What would give a status where there is "too little evidence", as a sentence (or "").

    The city's over its active pledges when it has several and no status; else each active
    pledge's that has no status ("... would give Five Zeroes a status.").
    """
    active = [summary for summary in summaries if summary.counted]
    city = city_rollup(summaries, name)
    if len(active) > 1 and city.status == progress.Status.TOO_LITTLE_EVIDENCE:
        need = rollups.combined_need(city, [pledge_need(s) for s in active])
        parts = [rollups.would_change(need, since_year, name, t)]
    else:
        parts = [pledge_would_change(s, since_year, t) for s in active]
    text = "; ".join(part for part in parts if part)
    return f"{text[0].upper()}{text[1:]}." if text else ""
