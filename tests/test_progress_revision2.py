"""The cases of issue 13, one per revision-2 rule, with the numbers worked by hand here."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from pledges import model, progress, translation
from tests.test_progress_status import SOURCE, annual, indicator, value, years


def mixed(*parts: pd.DataFrame) -> pd.DataFrame:
    """Several series in one frame."""
    return pd.concat(parts, ignore_index=True)


def test_a_fourteen_year_old_series_is_insufficient_data():
    # Last value 2012, today 2026: 14 > max_age 10, so no basis and no "on track ... 2030".
    result = progress.assess(
        indicator((value(2030, 50.0),), baseline=None),
        annual(years(2008, 10, 14, 18, 22, 26)),
        today=dt.date(2026, 12, 1),
    )
    assert (result.status, result.evidence, result.projected_year) == (
        "insufficient data",
        None,
        None,
    )


def test_a_milestone_past_due_gets_a_verdict_and_the_pace_runs_from_today():
    # Values 2016-2020 rising 2 a year (29, 31, 33, 35, 37: line 33 + 2 (y - 2018)).
    # In December 2026 the 2025 milestone (55) is due: the line gives 33 + 14 = 47 then,
    # no value for 2025, so "likely missed". Status against 2036 (80): line at 2026 is 49,
    # (80 - 49) / 10 = 3.1 a year needed, ratio 2 / 3.1.
    definition = indicator((value(2025, 55.0), value(2036, 80.0)), baseline=None)
    result = progress.assess(
        definition, annual(years(2016, 29, 31, 33, 35, 37)), today=dt.date(2026, 12, 1)
    )
    due, ahead = result.verdicts
    assert (due.outcome, due.line_value) == ("likely missed", pytest.approx(47.0))
    assert ahead.outcome == "ahead" and result.next_target.year == 2036
    assert result.required_pace == pytest.approx(3.1)
    assert result.pace_ratio == pytest.approx(2 / 3.1)
    assert result.status == "needs acceleration"
    assert "is likely missed" in result.sentence


def test_ten_ten_ten_ten_thirty_against_fifty_by_2029():
    # x 2020-2024 (mean 2022), y mean 14; sxy = (-2)(-4) + (-1)(-4) + 0 + (1)(-4) + (2)(16) = 40,
    # sxx = 10, slope 4. Line at 2025: 14 + 3 * 4 = 26; (50 - 26) / 4 = 6 a year; ratio 4 / 6.
    # Arrival 14 + 4 (y - 2022) = 50 at y = 2031: two years late, as the status says.
    result = progress.assess(
        indicator((value(2029, 50.0),), baseline=None),
        annual(years(2020, 10, 10, 10, 10, 30)),
        today=dt.date(2025, 6, 30),
    )
    assert (result.slope, result.required_pace) == (pytest.approx(4.0), pytest.approx(6.0))
    assert result.pace_ratio == pytest.approx(2 / 3)
    assert (result.status, result.projected_year) == ("needs acceleration", 2031)
    assert "2031, 2 years late; the pace must rise to 6 points a year from 2025" in result.sentence


def test_a_range_overshot_reads_outside_the_range():
    target = model.Target(2030, "range", 900, SOURCE, 900, 1500)
    result = progress.assess(
        indicator((target,), baseline=(2019, 500)),
        annual(years(2019, 1300, 1400, 1500, 1600, 3000)),
        today=dt.date(2024, 6, 30),
    )
    assert result.outside_range and result.progress_share is None
    assert result.share_note == "outside the range"
    assert result.share_why is not None
    assert result.share_why.say(translation.translator("es")) == "fuera del rango"
    assert "outside the 2030 range" in result.sentence
    assert "target met" not in result.sentence


def test_two_months_of_a_sum_indicator_are_an_incomplete_year():
    months = pd.date_range("2019-01-31", "2024-02-29", freq="ME")
    observations = pd.DataFrame({"period": months, "value": 1.0, "method": None})
    definition = indicator((value(2030, 0.0),), "lower", None, "t", aggregation="sum")
    result = progress.assess(definition, observations, today=dt.date(2024, 6, 30))
    # 2019-2023 are 12 each; 2024 has 2 of 12 periods: left out, flagged, never "2 t in 2024".
    assert result.incomplete_year == 2024
    assert (result.latest_year, result.latest_value, result.basis_to) == (2023, 12.0, 2023)
    assert "2024 is an incomplete year" in result.sentence


def test_a_newest_series_of_one_value_beside_an_older_one_of_six():
    older = annual(years(2018, 30, 31, 32, 33, 34, 35), "briefing book")
    newer = annual({2024: 40.7}, "annual report")
    result = progress.assess(
        indicator((value(2030, 80.0),), baseline=None),
        mixed(older, newer),
        today=dt.date(2025, 6, 30),
    )
    # The older series is the basis: 5 points, last 2023 (age 2) would be strong; lowered
    # one step because it is not the newest series.
    assert (result.basis_method, result.basis_to, result.points) == ("briefing book", 2023, 5)
    assert (result.evidence, result.basis_newest) == ("moderate", False)
    assert result.newer_unused == (2024, 40.7, "annual report")
    assert (result.latest_year, result.latest_value) == (2024, 40.7)
    assert "the 2024 value, 40.7 %, is on another definition" in result.sentence.lower()


def test_a_baseline_of_another_method_is_its_own_series():
    definition = model.Indicator(
        key="ghg",
        name="GHG",
        unit="kt",
        direction="lower",
        baseline=model.Baseline(1990, 100.0, SOURCE, method="sector inventory"),
        targets=(value(2030, 50.0),),
    )
    result = progress.assess(
        definition, annual(years(2019, 80, 78, 76, 74), "GPC BASIC"), today=dt.date(2024, 6, 30)
    )
    # The 1990 point is not joined to the GPC line: slope -2 from 4 points, no share.
    assert (result.basis_method, result.points, result.slope) == ("GPC BASIC", 4, -2.0)
    assert result.progress_share is None
    assert result.share_note == "the baseline is on another method than the values"
    methods = {one.method: [p[0] for p in one.points] for one in result.series}
    # Revision 3: a baseline with no measured value of its method is a reference only, never a
    # series of its own.
    assert methods == {"GPC BASIC": [2019, 2020, 2021, 2022]}


def test_in_the_baseline_year_the_observation_wins():
    result = progress.assess(
        indicator((value(2030, 50.0),), baseline=(2018, 5.0)),
        annual(years(2018, 10, 14, 18, 22, 26)),
        today=dt.date(2024, 6, 30),
    )
    # Share from the observed 10, not the definition's 5: (26 - 10) / (50 - 10).
    assert (result.baseline_value, result.progress_share) == (10.0, pytest.approx(0.4))


@pytest.mark.parametrize(
    ("points", "last", "newest", "grade"),
    [
        (4, 2021, True, "strong"),  # n 4, age 3
        (5, 2020, True, "moderate"),  # age 4 > 3
        (3, 2024, True, "moderate"),  # n 3
        (2, 2024, True, "weak"),  # n 2
        (5, 2018, True, "weak"),  # age 6 > 5
        (4, 2021, False, "moderate"),  # strong lowered
        (3, 2024, False, "weak"),  # moderate lowered
    ],
    ids=["strong", "age-4", "three-points", "two-points", "age-6", "lowered", "lowered-twice"],
)
def test_evidence_grade_table(points, last, newest, grade):
    assert progress.status.grade_of(points, 2024 - last, newest) == grade


@pytest.mark.parametrize(
    ("values", "verdict", "status"),
    [
        ({2020: 30.0, 2025: 55.0}, "met", "achieved"),
        ({2020: 30.0, 2025: 50.0}, "missed", "off track"),
        # No 2025 value: the line through (2020, 30), (2023, 51) gives 51 + 2 * 7 = 65 in 2025.
        ({2020: 30.0, 2023: 51.0}, "likely met", "on track"),
        # Line through (2020, 30), (2023, 33) gives 35 in 2025.
        ({2020: 30.0, 2023: 33.0}, "likely missed", "off track"),
    ],
    ids=["met", "missed", "likely-met", "likely-missed"],
)
def test_due_targets_get_a_verdict(values, verdict, status):
    definition = indicator((value(2025, 55.0),), baseline=None)
    result = progress.assess(definition, annual(values), today=dt.date(2026, 12, 1))
    assert result.verdicts[0].outcome == verdict
    assert result.verdicts[0].status == status


def test_statuses_are_str_enums_with_slugs_and_labels():
    assert progress.Status.ON_TRACK == "on track"
    assert progress.Status.ON_TRACK.slug == "on-track"
    assert progress.LABELS[progress.Grade.WEAK] == "weak evidence"
    assert progress.Outcome.LIKELY_MET.slug == "likely-met"
    assert [str(word) for word in progress.Status][:5] == [
        "wrong direction",
        "off track",
        "needs acceleration",
        "on track",
        "achieved",
    ]


def test_assess_many_is_a_frame_of_the_same_engine():
    definition = indicator((value(2030, 50.0),), baseline=None)
    frame = annual(years(2018, 10, 14, 18, 22, 26)).assign(indicator="test")
    many = progress.assess_many(frame, [definition], dt.date(2024, 6, 30))
    one = progress.assess(definition, frame, dt.date(2024, 6, 30))
    assert many.loc["test", "status"] == one.status == "on track"
    assert many.loc["test", "evidence"] == "strong"
    assert (many.loc["test", "basis_from"], many.loc["test", "basis_to"]) == (2018, 2022)
    assert np.isclose(many.loc["test", "required_pace"], 16 / 6)


def test_a_goal_headline_must_name_one_of_its_indicators():
    from pledges import catalog
    from tests.conftest import SMALL_PLEDGE

    good = SMALL_PLEDGE.replace(
        "    name: Clean grid\n", "    name: Clean grid\n    headline: emissions\n"
    )
    parsed, problems = catalog.parse_text(good, "a.yaml")
    assert problems == [] and catalog.to_pledge(parsed).goals[0].headline == "emissions"
    bad = good.replace("headline: emissions", "headline: nope")
    parsed, problems = catalog.parse_text(bad, "a.yaml")
    assert parsed is None
    assert problems == [
        "a.yaml: goals[0]: headline 'nope' is not an indicator of this goal"
        " (its indicators: renewable-share, emissions)"
    ]
