"""Roll-ups, the status order, and the Student t quantile behind the band."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pledges import progress
from pledges.progress import trend


@dataclass(frozen=True)
class Part:
    """A stand-in with just what a roll-up reads."""

    status: str
    progress_share: float | None


@pytest.mark.parametrize(
    ("parts", "status", "share", "text"),
    [
        (
            [("on track", 0.5), ("achieved", 1.4), ("off track", -0.2)],
            "off track",
            0.5,
            "2 of 3 on track (1 achieved), 1 off track",
        ),
        (
            [("on track", 0.2), ("on track", 0.4), ("needs acceleration", 0.3)],
            "needs acceleration",
            0.3,
            "2 of 3 on track, 1 needs acceleration",
        ),
        (
            [("wrong direction", None), ("insufficient data", 0.1), ("achieved", 1.0)],
            "wrong direction",
            0.55,
            "1 of 2 on track (1 achieved), 1 wrong direction, 1 insufficient data",
        ),
        (
            [("insufficient data", None), ("trend only", None)],
            "insufficient data",
            None,
            "1 insufficient data, 1 trend only",
        ),
        ([("trend only", None)], "trend only", None, "1 trend only"),
        ([], None, None, "nothing to assess"),
    ],
    ids=[
        "worst-is-off-track",
        "counts",
        "unrated-do-not-rank",
        "only-unrated",
        "trend-only",
        "empty",
    ],
)
def test_rollup(parts, status, share, text):
    result = progress.rollup([(f"p{i}", Part(*part)) for i, part in enumerate(parts)], "Goal")
    assert result.status == status
    assert result.symbol == (None if status is None else progress.SYMBOLS[status])
    assert result.progress_share == (None if share is None else pytest.approx(share))
    assert result.counts_text == text
    assert sum(result.counts.values()) == len(parts)


def test_rollups_nest_goal_pledge_city():
    goal_a = progress.rollup([("a", Part("on track", 0.5)), ("b", Part("achieved", 1.0))])
    goal_b = progress.rollup([("c", Part("off track", 0.1))])
    pledge = progress.rollup([("A", goal_a), ("B", goal_b)], "Pledge")
    assert (pledge.status, pledge.progress_share) == ("off track", pytest.approx(0.425))


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    [(0.90, 1, 3.077684), (0.90, 3, 1.637744), (0.90, 10, 1.372184), (0.975, 30, 2.042272)],
    ids=["df1", "df3", "df10", "df30-95"],
)
def test_student_t_quantile_matches_tables(p, df, expected):
    assert trend.student_t_quantile(p, float(df)) == pytest.approx(expected, abs=1e-6)
