"""Moved statuses: derived by assessing the store as of `since` (no status history is kept)."""

from __future__ import annotations

from types import SimpleNamespace as NS

from pledges.briefing import changes
from pledges.views import pace_phrases
from pledges.views.council import one_pager


def section(goal_status: str, indicators: dict[str, str], goal: str = "g") -> NS:
    items = [
        NS(indicator=NS(key=k, name=k.title()), assessment=NS(status=s))
        for k, s in indicators.items()
    ]
    g = NS(goal=NS(key=goal, name=goal.upper()), rollup=NS(status=goal_status), items=items)
    return NS(pledge=NS(key="p", name="Plan"), goals=[g])


def test_a_status_that_differs_then_and_now_moved() -> None:
    then = [section("insufficient data", {"a": "insufficient data", "b": "trend only"})]
    now = [section("off track", {"a": "off track", "b": "on track", "c": "on track"})]
    moves = changes.status_moves(then, now)
    # The goal and "a" moved; "b" gained a target (trend only then); "c" did not exist then.
    assert [(m.level, m.name, m.before, m.after) for m in moves] == [
        ("goal", "G", "insufficient data", "off track"),
        ("indicator", "A", "insufficient data", "off track"),
    ]


def test_page_one_takes_one_change_of_each_kind_first() -> None:
    move = changes.StatusMove("Plan", "goal", "G", "on track", "off track")
    target = NS(indicator="Share", year=2030, kind="changed", old="60 %", new="65 %")
    c = NS(pledge_states=(), moves=(move, move), targets=(target,), revisions=(), new_count=0)
    assert one_pager.change_lines(c) == (
        "G: status moved from on track to off track",
        "Share: 2030 target changed (60 % → 65 %)",
        "G: status moved from on track to off track",
    )


def test_pace_ratios_on_pages_are_words() -> None:
    # 1 / 0.43 = 2.33, said to one decimal; 0.43 is nearest "half" among the fractions.
    assert pace_phrases.ratio_text(0.43) == (
        "needs 2.3 times the pace it has (at this pace, half of what is needed)"
    )
    assert pace_phrases.ratio_text(-0.52) == "moving away from the target"
    assert pace_phrases.ratio_text(1.0) == "at this pace, about what is needed"
    assert "%" not in pace_phrases.ratio_text(0.2)
