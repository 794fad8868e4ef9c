"""The Overview's decisions as values: the goals' bars, the indicator links, the goal's line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pledges.service import vocabulary
from pledges.views import formatting, share_bars


def goal_bars(pledged: Sequence[Any]) -> list[share_bars.ShareBar]:
    """One bar per goal of the active pledges."""
    return [
        share_bars.ShareBar(
            goal.goal.name, goal.rollup.progress_share, goal.rollup.status, goal.rollup.counts_text
        )
        for summary in pledged
        if summary.active
        for goal in summary.goals
    ]


def goal_facts(goal: Any) -> str:
    """The grade (when there is one) and the counts after a goal's status, as plain text."""
    grade = goal.rollup.evidence
    return (f"{vocabulary.LABELS[grade]} · " if grade else "") + goal.rollup.counts_text


def share_line(goal: Any) -> str | None:
    """A goal's progress share in words, for its bar (None without a share)."""
    if goal.rollup.progress_share is None:
        return None
    return (
        f"{formatting.share(goal.rollup.progress_share)} of the way from baseline to target"
        " (mean of its indicators)"
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
