"""What would give a "too little evidence" roll-up a status: counts derived by hand."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from pledges import progress, service
from pledges.progress import rollups

ON, NONE = progress.Status.ON_TRACK, progress.Status.INSUFFICIENT_DATA


@dataclass(frozen=True)
class Part:
    """An indicator's assessment as the roll-up reads it."""

    key: str
    status: progress.Status
    progress_share: float | None = None
    evidence: progress.Grade | None = None


def goal(name: str, statuses: list[progress.Status], headline: str | None = None):
    parts = [Part(f"{name}-{i}", word) for i, word in enumerate(statuses)]
    return progress.goal_rollup(name, headline, parts)


def test_goal_needs_half_of_its_indicators_with_targets() -> None:
    # 4 with targets, none assessed: half is 2, so 2 of the 4.
    assert rollups.goal_need(goal("a", [NONE] * 4)) == rollups.Need(2, 4)
    # 5 with targets, 1 assessed: ceil(5 / 2) = 3, so 2 more of the 4 unassessed.
    assert rollups.goal_need(goal("b", [ON] + [NONE] * 4)) == rollups.Need(2, 4)
    # 4 with targets, 2 assessed: it has a status; nothing is needed (2 stay unassessed).
    assert rollups.goal_need(goal("c", [ON, ON, NONE, NONE])) == rollups.Need(0, 2)
    # A headline indicator without a status: that one indicator, whatever the others do.
    assert rollups.goal_need(goal("d", [NONE, ON, ON], headline="d-0")) == rollups.Need(1, 1)


def test_pledge_takes_the_cheapest_goals_it_needs() -> None:
    goals = [goal("a", [NONE] * 4), goal("b", [NONE] * 3), goal("c", [NONE])]
    pledge = progress.pledge_rollup("Five Zeroes", goals)
    # 3 goals with targets, none assessed: it needs ceil(3 / 2) = 2 of them. Goal a needs 2
    # of 4, b 2 of 3, c 1 of 1: the cheapest two are c and a (or b), 1 + 2 = 3 indicators,
    # of 4 + 3 + 1 = 8 unassessed.
    assert pledge.status == progress.Status.TOO_LITTLE_EVIDENCE
    need = rollups.combined_need(pledge, [rollups.goal_need(g) for g in goals])
    assert need == rollups.Need(3, 8)
    assert rollups.would_change(need, 2016, "Five Zeroes") == (
        "values since 2016 for 3 of the 8 unassessed indicators would give Five Zeroes a status"
    )


def test_nothing_to_say_once_a_status_is_given() -> None:
    goals = [goal("a", [ON, NONE]), goal("b", [NONE] * 3)]
    pledge = progress.pledge_rollup("P", goals)
    # 1 of 2 goals assessed is half: the worst status speaks (on track).
    assert pledge.status == progress.Status.ON_TRACK
    need = rollups.combined_need(pledge, [rollups.goal_need(g) for g in goals])
    assert need == rollups.Need(0, 4)
    assert rollups.would_change(need, 2016, "P") == ""


def summary(name: str, goals, state: str = "active") -> service.PledgeSummary:
    pledge = SimpleNamespace(name=name, state=state, key=name)
    wrapped = tuple(service.GoalSummary(pledge, None, g, ()) for g in goals)
    return service.PledgeSummary(pledge, progress.pledge_rollup(name, goals), wrapped)


def test_city_sentence_over_its_active_pledges() -> None:
    # Pledge X: one goal, 2 of 2 unassessed, needs 1. Pledge Y: two goals of 3 and 1
    # unassessed, needs ceil(2 / 2) = 1 goal, the cheaper: 1 of the 1. The city needs
    # 1 of its 2 active pledges: the cheaper, 1 indicator, of 2 + 3 + 1 = 6 unassessed.
    # The abandoned pledge Z (1 unassessed) stays out.
    x = summary("X", [goal("x", [NONE, NONE])])
    y = summary("Y", [goal("y1", [NONE] * 3), goal("y2", [NONE])])
    z = summary("Z", [goal("z", [NONE])], state="abandoned")
    assert service.would_change([x, y, z], "Testville", 2016) == (
        "Values since 2016 for 1 of the 6 unassessed indicators would give Testville a status."
    )
    # One active pledge: the sentence names the pledge (4 unassessed in Y, 1 needed).
    assert service.would_change([y, z], "Testville", 2016) == (
        "Values since 2016 for 1 of the 4 unassessed indicators would give Y a status."
    )
    # The city speaks (X assessed): only the pledge still without a status is named.
    x_on = summary("X", [goal("x", [ON, NONE])])
    assert service.would_change([x_on, y], "Testville", 2016) == (
        "Values since 2016 for 1 of the 4 unassessed indicators would give Y a status."
    )
