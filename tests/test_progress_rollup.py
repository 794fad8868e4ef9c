"""The one roll-up rule (revision 2), the status order, and the Student t quantile."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pledges import progress
from pledges.progress import rollups, trend


@dataclass(frozen=True)
class Part:
    """A stand-in with just what a roll-up reads."""

    status: str
    progress_share: float | None
    evidence: str | None = None
    key: str = ""


def parts(*rows: tuple) -> list[tuple[str, Part]]:
    """Named parts p0, p1, ... from (status, share[, evidence]) rows."""
    return [(f"p{i}", Part(*row, key=f"p{i}")) for i, row in enumerate(rows)]


@pytest.mark.parametrize(
    ("items", "status", "share", "text"),
    [
        # 2 of 3 assessed >= half: the worst of the two; share mean of clipped 1.0 and 0.
        (
            parts(("on track", 1.4), ("off track", -0.2), ("insufficient data", None)),
            "off track",
            0.5,
            "2 of 3 indicators assessed: 1 on track, 1 off track",
        ),
        # 1 of 4 assessed < half (2 needed): too little evidence.
        (
            parts(
                ("on track", 0.4),
                ("insufficient data", None),
                ("insufficient data", None),
                ("insufficient data", None),
            ),
            "too little evidence",
            0.4,
            "1 of 4 indicators assessed: 1 on track",
        ),
        # 2 of 4 is exactly half: the worst speaks.
        (
            parts(
                ("on track", 0.2),
                ("wrong direction", 0.0),
                ("insufficient data", None),
                ("insufficient data", None),
            ),
            "wrong direction",
            0.1,
            "2 of 4 indicators assessed: 1 on track, 1 wrong direction",
        ),
        # Trend-only parts have no target and are not counted among those with targets.
        (
            parts(("achieved", 1.0), ("trend only", None), ("trend only", None)),
            "achieved",
            1.0,
            "1 of 1 indicators assessed: 1 achieved",
        ),
        (
            parts(("trend only", None)),
            "trend only",
            None,
            "no indicators with a target (1 trend only)",
        ),
        ([], None, None, "no indicators with a target"),
    ],
    ids=[
        "half-or-more",
        "one-of-four",
        "exactly-half",
        "trend-only-not-counted",
        "only-trend",
        "empty",
    ],
)
def test_rollup_rule(items, status, share, text):
    result = progress.rollup(items, "Goal")
    assert result.status == status
    assert result.symbol == (None if status is None else progress.SYMBOLS[status])
    assert result.progress_share == (None if share is None else pytest.approx(share))
    assert result.counts_text == text
    assert sum(result.counts.values()) == len(items)


def test_one_of_four_says_what_would_change_it():
    items = parts(
        ("on track", 0.4),
        ("insufficient data", None),
        ("insufficient data", None),
        ("insufficient data", None),
    )
    result = progress.rollup(items, "Goal")
    # Half of 4 is 2; 1 is assessed, so 1 more of the 3 unassessed.
    assert (result.assessed, result.with_targets, result.needed) == (1, 4, 1)
    assert rollups.what_would_change(result, 2016) == (
        "values since 2016 for 1 of the 3 unassessed indicators"
    )


def test_headline_goal_takes_its_indicators_status_and_grade():
    items = parts(
        ("on track", 0.6, "moderate"),
        ("wrong direction", 0.0, "strong"),
        ("insufficient data", None),
    )
    result = progress.rollup(items, "Goal", headline="p0")
    assert (result.status, result.evidence, result.headline) == ("on track", "moderate", "p0")
    assert result.counts == {"wrong direction": 1, "on track": 1, "insufficient data": 1}


def test_grade_of_a_rollup_is_the_weakest_assessed():
    items = parts(("on track", 0.5, "strong"), ("off track", 0.1, "weak"))
    assert progress.rollup(items).evidence == "weak"


def test_pledge_rolls_up_goals_by_the_same_rule():
    assessed = progress.rollup(parts(("on track", 0.5), ("achieved", 1.0)), "A")
    thin = progress.rollup(parts(("off track", 0.1), *[("insufficient data", None)] * 3), "B")
    third = progress.rollup(parts(("insufficient data", None)), "C")
    pledge = progress.rollup([("A", assessed), ("B", thin), ("C", third)], "Pledge")
    # Only A is assessed (B and C are too little evidence): 1 of 3 goals < half.
    assert (pledge.status, pledge.assessed, pledge.with_targets) == ("too little evidence", 1, 3)
    assert pledge.counts_text == "1 of 3 goals assessed: 1 on track"
    both = progress.rollup([("A", assessed), ("C", third)], "Pledge")
    assert (both.status, both.progress_share) == ("on track", pytest.approx(0.75))


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    [(0.90, 1, 3.077684), (0.90, 3, 1.637744), (0.90, 10, 1.372184), (0.975, 30, 2.042272)],
    ids=["df1", "df3", "df10", "df30-95"],
)
def test_student_t_quantile_matches_tables(p, df, expected):
    assert trend.student_t_quantile(p, float(df)) == pytest.approx(expected, abs=1e-6)
