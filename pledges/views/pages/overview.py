"""The Overview's decisions as values: the goals' bars, the indicator links, the goal's line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pledges import service
from pledges.service import vocabulary
from pledges.views import formatting, rollup_counts
from pledges.views.pages import share_bars


def goal_bars(
    pledged: Sequence[Any], t: formatting.Translator = formatting.EN
) -> list[share_bars.ShareBar]:
    """One bar per goal of the active pledges, named and counted in the reader's language."""
    return [
        share_bars.ShareBar(
            t.name(goal.goal.name),
            goal.rollup.progress_share,
            goal.rollup.status,
            rollup_counts.counts_text(goal.rollup, t),
        )
        for summary in pledged
        if summary.counted
        for goal in summary.goals
    ]


_MASS = ("t", "kt", "mt")


def _whole_city_tonnes(item: Any) -> bool:
    unit = item.indicator.unit.lower().replace("co2e", "").replace("co2", "").strip()
    name = item.indicator.name.lower()
    return (
        unit in _MASS
        and item.indicator.coverage is None
        and ("community" in name or "city" in name)
    )


def _methods(item: Any) -> list[str]:
    frame = item.observations
    if frame.empty or "method" not in frame:
        return []
    return [m for m in dict.fromkeys(frame["method"]) if isinstance(m, str) and m]


def repeat_lines(summary: Any, t: formatting.Translator = formatting.EN) -> list[str]:
    """A panel pledge's totals given again under a later year, one line each (the flag)."""
    if summary.pledge.key != service.PANEL_PLEDGE:
        return []
    return [
        t.gettext(
            "Repeated total: {value} is given for {first_year} and again for {year}; the {year}"
            " figure may be the {first_year} inventory reported again, not a new one.",
            value=formatting.quantity(r.value, item.indicator.unit, t),
            first_year=r.first_year,
            year=r.year,
        )
        for goal in summary.goals
        for item in goal.items
        for r in service.repeated_totals(item.observations)
    ]


def as_reported_lines(
    summary: Any, pledged: Sequence[Any], t: formatting.Translator = formatting.EN
) -> list[str]:
    """What a panel pledge beside the city's own says: that it is the city's report to CDP,
    not counted, and (in one line) where its construction differs from the city's own."""
    if not summary.beside_own:
        return []
    lines = [
        t.gettext(
            "As reported to CDP: shown beside the city's own pledges, not counted in its status."
        )
    ]
    panel = [i for g in summary.goals for i in g.items if i.assessment.latest_year is not None]
    own = [
        i
        for other in pledged
        if other.counted
        for g in other.goals
        for i in g.items
        if _whole_city_tonnes(i) and _methods(i)
    ]
    mine = panel[0].assessment.status_method if panel else None
    theirs = list(dict.fromkeys(m for i in own for m in _methods(i)))
    if mine and theirs and mine not in theirs:
        names = ", ".join(dict.fromkeys(t.name(i.indicator.name) for i in own))
        lines.append(
            t.gettext(
                "Another construction than the city's own series: {here} here; {theirs} in"
                " {names}.",
                here=mine,
                theirs="; ".join(theirs),
                names=names,
            )
        )
    return lines


def goal_facts(goal: Any, t: formatting.Translator = formatting.EN) -> str:
    """The grade (when there is one) and the counts after a goal's status, as plain text."""
    grade = goal.rollup.evidence
    counts = rollup_counts.counts_text(goal.rollup, t)
    return (f"{t.gettext(vocabulary.LABELS[grade])} · " if grade else "") + counts


def share_line(goal: Any, t: formatting.Translator = formatting.EN) -> str | None:
    """A goal's progress share in words, for its bar (None without a share)."""
    if goal.rollup.progress_share is None:
        return None
    return t.gettext(
        "{share} of the way from baseline to target (mean of its indicators)",
        share=formatting.share(goal.rollup.progress_share, t),
    )


def link_params(city: str, pledge_key: str, item: Any, as_of: dt.date | None) -> dict[str, str]:
    """The indicator page's query parameters for one indicator, as a shared link holds them."""
    return {
        "city": city,
        "pledge": pledge_key,
        "indicator": item.indicator.key,
        **({"as_of": as_of.isoformat()} if as_of else {}),
    }


def split_by_values(goal: Any) -> tuple[list[Any], list[str]]:
    """A goal's indicators with values (shown), and the names of those with none yet."""
    shown = [item for item in goal.items if item.assessment.latest_year is not None]
    return shown, [item.indicator.name for item in goal.items if item not in shown]
