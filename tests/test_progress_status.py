"""Table tests: one case per status and per edge case of the methodology, sentences pinned."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from pledges import model, progress, translation
from pledges.views.pages import indicator_page

TODAY = dt.date(2024, 6, 30)
SOURCE = "test"


def indicator(
    targets: tuple[model.Target, ...] = (),
    direction: model.Direction = "higher",
    baseline: tuple[int, float] | None = (2015, 10.0),
    unit: str = "%",
    path: model.PathShape = "linear",
    aggregation: model.Aggregation = "last",
) -> model.Indicator:
    """A test indicator with the given targets."""
    return model.Indicator(
        key="test",
        name="Share",
        unit=unit,
        direction=direction,
        path=path,
        aggregation=aggregation,
        baseline=None if baseline is None else model.Baseline(*baseline, source=SOURCE),
        targets=targets,
    )


def value(year: int, level: float) -> model.Target:
    """A value-to-reach target."""
    return model.Target(year, "value", level, SOURCE)


def annual(values: dict[int, float], method: str | None = None) -> pd.DataFrame:
    """Observations one a year, dated 31 December."""
    return pd.DataFrame(
        {
            "period": [dt.date(year, 12, 31) for year in values],
            "value": list(values.values()),
            "method": [method] * len(values),
        }
    )


def years(first: int, *levels: float) -> dict[int, float]:
    """Consecutive annual values from `first`."""
    return {first + offset: level for offset, level in enumerate(levels)}


TO_50 = (value(2030, 50.0),)

# (id, indicator, observations, expected fields)
CASES = [
    (
        "achieved",
        indicator(TO_50),
        annual(years(2018, 20, 30, 40, 50, 55)),
        {"status": "achieved", "symbol": "✔", "projected_year": 2022, "pace_ratio": None},
    ),
    (
        "on-track",
        indicator(TO_50),
        annual(years(2018, 10, 14, 18, 22, 26)),
        # Revision 2: the line carried to 2024 is 26 + 2 * 4 = 34, so (50 - 34) / 6 a year.
        {"status": "on track", "symbol": "▲", "slope": 4.0, "required_pace": 16 / 6},
    ),
    (
        # Revision 2 changes this one: from 2024 (line 18 + 2 * 2 = 22) the pace needed is
        # (50 - 22) / 6, so the ratio is 2 / (28 / 6) = 3 / 7, off track; revision 1 said 0.5.
        "carried-to-today-lowers-the-ratio",
        indicator(TO_50),
        annual(years(2018, 10, 12, 14, 16, 18)),
        {"status": "off track", "symbol": "▼", "pace_ratio": 3 / 7, "projected_year": 2038},
    ),
    (
        "off-track",
        indicator(TO_50),
        annual(years(2018, 10, 11, 12, 13, 14)),
        # Line at 2024: 14 + 2 = 16; (50 - 16) / 6 a year.
        {"status": "off track", "symbol": "▼", "required_pace": 34 / 6, "projected_year": 2058},
    ),
    (
        "wrong-direction",
        indicator(TO_50),
        annual(years(2018, 14, 13, 12, 11, 10)),
        {"status": "wrong direction", "symbol": "✖", "slope": -1.0, "projected_year": None},
    ),
    (
        "zero-variance-trend-is-flat",
        indicator(TO_50),
        annual(years(2018, 0.1, 0.1, 0.1, 0.1, 0.1)),
        {"status": "wrong direction", "slope": 0.0, "slope_se": 0.0, "projected_year": None},
    ),
    (
        "single-observation-without-baseline",
        indicator(TO_50, baseline=None),
        annual({2022: 14.0}),
        {"status": "insufficient data", "symbol": "?", "points": 0, "slope": None},
    ),
    (
        # The baseline is a point of its own series: (2015, 10) and (2022, 14) make a line
        # of slope 4 / 7 and no band; two points two years old are weak evidence.
        "single-observation-with-baseline-is-a-line",
        indicator(TO_50),
        annual({2022: 14.0}),
        # Revision 3: the line runs through the 2015 baseline (10 %) and the value, but the
        # count is of measured values: 1, with the baseline named apart.
        {
            "status": "off track",
            "points": 1,
            "baseline_in_line": True,
            "slope": 4 / 7,
            "evidence": "weak",
            "slope_se": None,
        },
    ),
    (
        "no-observations",
        indicator(TO_50),
        annual({}),
        {"status": "insufficient data", "latest_year": None, "progress_share": None},
    ),
    (
        "trend-only",
        indicator(()),
        annual(years(2018, 10, 11, 12, 13, 14)),
        {"status": "trend only", "symbol": "–", "slope": 1.0, "progress_share": None},
    ),
    (
        "target-equal-to-baseline-met",
        indicator((value(2030, 100.0),), "lower", (2015, 100.0)),
        annual(years(2018, 100, 99, 98, 97, 96)),
        {"status": "achieved", "progress_share": None, "gap_to_path": 4.0},
    ),
    (
        "target-equal-to-baseline-missed",
        indicator((value(2030, 100.0),), "lower", (2015, 100.0)),
        annual(years(2018, 101, 102, 103, 104, 105)),
        # Line at 2024: 105 + 2 = 107; (100 - 107) / 6 a year.
        {"status": "wrong direction", "progress_share": None, "required_pace": -7 / 6},
    ),
    (
        # Revision 2: values before the baseline count for the trend. The last 5 points,
        # x 2012 2016 2020 2021 2022 (mean 2018.2), y 80 70 20 21 22 (mean 42.6):
        # sxy = -6.2*37.4 - 2.2*27.4 - 1.8*22.6 - 2.8*21.6 - 3.8*20.6 = -471.6,
        # sxx = 6.2^2 + 2.2^2 + 1.8^2 + 2.8^2 + 3.8^2 = 68.8.
        "values-before-baseline-count-for-the-trend",
        indicator(TO_50, baseline=(2020, 20.0)),
        annual({2010: 90.0, 2012: 80.0, 2016: 70.0, 2020: 20.0, 2021: 21.0, 2022: 22.0}),
        {"status": "wrong direction", "points": 5, "slope": -471.6 / 68.8, "baseline_value": 20.0},
    ),
    (
        # Revision 2: no baseline means no progress share, never one against the first value.
        "no-baseline-no-share",
        indicator(TO_50, baseline=None),
        annual(years(2018, 10, 14, 18, 22, 26)),
        {"baseline_year": None, "progress_share": None, "share_note": "no baseline"},
    ),
    (
        "overshoot-share-unclipped",
        indicator(TO_50),
        annual(years(2018, 40, 50, 60, 70, 70)),
        {"status": "achieved", "progress_share": 1.5},
    ),
    (
        "negative-values-lower-achieved",
        # A baseline of 20 (not 100: ten times the 2018 value would be an implausible level).
        indicator((value(2040, -20.0),), "lower", (2015, 20.0), unit="kt"),
        annual(years(2018, 10, 0, -10, -20, -30)),
        # (-30 - 20) / (-20 - 20) = -50 / -40
        {"status": "achieved", "progress_share": 50 / 40},
    ),
    (
        "negative-values-lower-on-track",
        indicator((value(2040, -50.0),), "lower", (2015, 100.0), unit="kt"),
        annual(years(2018, 10, 0, -10, -20, -30)),
        # The line at 2024 is -30 - 2 * 10 = -50: there, but unmeasured, so on track (never
        # achieved) and the year the trend reached it named.
        {"status": "on track", "required_pace": None, "unconfirmed_year": 2024},
    ),
    (
        # -30 - 10 (y - 2022) = -40 in 2023, before today: no arrival before 2024.
        "trend-arrived-before-today-is-not-achieved",
        indicator((value(2040, -40.0),), "lower", (2015, 100.0), unit="kt"),
        annual(years(2018, 10, 0, -10, -20, -30)),
        {"status": "on track", "unconfirmed_year": 2023, "projected_year": 2024},
    ),
    (
        "all-targets-passed-final-missed",
        indicator((value(2020, 50.0),)),
        annual(years(2018, 10, 11, 12, 13, 14)),
        {"status": "off track", "pace_ratio": None, "required_pace": None},
    ),
    (
        "stale",
        indicator(TO_50),
        annual(years(2014, 10, 14, 18, 22, 26)),
        # Last value 2018, six years old: weak; the line reaches 50 in 2024 (26 + 6 * 4).
        {"status": "on track", "stale": True, "evidence": "weak", "unconfirmed_year": 2024},
    ),
    (
        # B is the newest series with 2+ points: slope 2, line at 2024 14 + 3 * 2 = 20,
        # (50 - 20) / 6 = 5 a year needed, ratio 0.4; 3 points 3 years old are moderate.
        # The baseline has no method, B does: no share across methods.
        "method-break-uses-the-newest-series",
        indicator(TO_50),
        pd.concat([annual(years(2015, 90, 80, 70, 60), "A"), annual(years(2019, 10, 12, 14), "B")]),
        {
            "basis_method": "B",
            "points": 3,
            "slope": 2.0,
            "status": "off track",
            "pace_ratio": 0.4,
            "evidence": "moderate",
            "progress_share": None,
        },
    ),
    (
        "maintain-holding",
        indicator((model.Target(2019, "maintain", 100.0, SOURCE),), baseline=(2019, 100.0)),
        annual(years(2019, 100, 101, 100, 102)),
        {"status": "achieved", "projected_year": 2022},
    ),
    (
        "maintain-slipped-then-held-again",
        indicator((model.Target(2019, "maintain", 100.0, SOURCE),), baseline=(2019, 100.0)),
        annual(years(2019, 100, 99, 101, 102)),
        # Revision 3: judged on the latest value (102), the 2020 slip named.
        {"status": "achieved", "symbol": "✔"},
    ),
    (
        "maintain-slipped-in-the-latest-value",
        indicator((model.Target(2019, "maintain", 100.0, SOURCE),), baseline=(2019, 100.0)),
        annual(years(2019, 100, 101, 102, 99)),
        {"status": "off track", "symbol": "▼"},
    ),
    (
        "range-inside",
        indicator((model.Target(2030, "range", 900, SOURCE, 900, 1500),), "higher", (2019, 500)),
        annual(years(2019, 500, 600, 700, 800, 1000)),
        {"status": "achieved", "progress_share": 1.25},
    ),
    (
        "range-below-runs-to-near-edge",
        indicator((model.Target(2030, "range", 900, SOURCE, 900, 1500),), "higher", (2019, 500)),
        annual(years(2019, 500, 550, 600, 650, 700)),
        # 2019-2023, line at 2024: 750; (900 - 750) / 6 a year; 700 + 50 (y - 2023) = 900 in 2027.
        {"status": "on track", "required_pace": 25.0, "projected_year": 2027},
    ),
    (
        # Overshot: "outside the range", no share. Line at 2024: 1800; (1500 - 1800) / 6.
        "range-overshot-is-outside-the-range",
        indicator((model.Target(2030, "range", 900, SOURCE, 900, 1500),), "higher", (2019, 500)),
        annual(years(2019, 1300, 1400, 1500, 1600, 1700)),
        {
            "status": "wrong direction",
            "required_pace": -50.0,
            "outside_range": True,
            "progress_share": None,
        },
    ),
    (
        "change-pct-target",
        indicator(
            (model.Target(2030, "change_pct", 50.0, SOURCE, change_pct=-50.0),),
            "lower",
            (1990, 100.0),
            unit="kt",
        ),
        annual(years(2018, 80, 78, 76, 74, 72)),
        # Line at 2024: 72 - 4 = 68; (50 - 68) / 6 = -3 a year; ratio -2 / -3.
        {"status": "needs acceleration", "progress_share": 0.56, "pace_ratio": 2 / 3},
    ),
]


@pytest.mark.parametrize(
    ("case", "definition", "observations", "expected"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_assess_table(case, definition, observations, expected):
    result = progress.assess(definition, observations, today=TODAY)
    for name, wanted in expected.items():
        got = getattr(result, name)
        if isinstance(wanted, float) and got is not None:
            assert got == pytest.approx(wanted), name
        else:
            assert got == wanted, name
    assert result.symbol == progress.SYMBOLS[result.status]


def test_milestone_past_and_missed_is_reported_and_next_assessed():
    definition = indicator((value(2020, 30.0), value(2030, 50.0)))
    result = progress.assess(definition, annual(years(2016, 10, 11, 12, 13, 14, 15, 16)), TODAY)
    missed, ahead = result.verdicts
    assert (missed.outcome, missed.value, missed.value_year) == ("missed", 14.0, 2020)
    assert (ahead.outcome, ahead.status) == ("ahead", result.status)
    assert result.next_target == value(2030, 50.0)
    assert "The 30 % milestone for 2020 was missed (14 % in 2020)." in result.sentence


def test_maintain_sentences_say_holding_or_slipped():
    definition = indicator((model.Target(2019, "maintain", 100.0, SOURCE),), baseline=(2019, 100))
    holding = progress.assess(definition, annual(years(2019, 100, 101, 100, 102)), TODAY)
    again = progress.assess(definition, annual(years(2019, 100, 101, 99, 102)), TODAY)
    slipped = progress.assess(definition, annual(years(2019, 100, 99, 102, 98)), TODAY)
    assert (holding.verdicts[0].outcome, holding.verdicts[0].since) == ("holding", 2019)
    assert "held since 2019" in holding.sentence
    assert (again.verdicts[0].outcome, again.verdicts[0].since) == ("holding", 2022)
    assert again.verdicts[0].slips == (2021,)
    assert "is held again since 2022; it slipped in 2021." in again.sentence
    assert (slipped.verdicts[0].outcome, slipped.verdicts[0].value_year) == ("slipped", 2022)
    assert slipped.verdicts[0].slips == (2020,)
    assert "slipped in 2022 (98 %); it slipped before in 2020." in slipped.sentence


def test_zero_target_with_constant_rate_falls_back_to_linear_and_says_so():
    definition = indicator(
        (value(2025, 50.0), value(2040, 0.0)), "lower", (2015, 100.0), "kt", "constant-rate"
    )
    result = progress.assess(definition, annual(years(2018, 90, 85, 80, 75, 70)), TODAY)
    path = result.required_path.set_index("year")["value"]
    assert path[2020] == pytest.approx(100 * 0.5**0.5)
    assert path[2030] == pytest.approx(50 - 50 * 5 / 15)
    assert path[2040] == 0.0
    assert result.path_note is not None and "2025-2040" in result.path_note
    # The 2040 end is zero: only the 2025-2040 stretch is linear, said in the reader's language.
    spanish = (
        "una tasa constante no puede llegar a cero o menos ni partir de ahí, así que la"
        " trayectoria es lineal en 2025-2040"
    )
    es = translation.translator("es")
    assert result.path_why is not None and result.path_why.say(es) == spanish
    assert indicator_page.facts(result, "kt", t=es)["trayectoria necesaria"] == spanish
    assert result.path_note == (
        "a constant rate cannot reach or start from zero or below, so the path is linear"
        " in 2025-2040"
    )


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [("last", 12.0), ("mean", 6.5), ("sum", 78.0)],
    ids=["last", "mean", "sum"],
)
def test_monthly_values_reduce_to_one_a_year(aggregation, expected):
    months = pd.date_range("2018-01-31", "2022-12-31", freq="ME")
    observations = pd.DataFrame(
        {"period": months, "value": np.tile(np.arange(1.0, 13.0), 5), "method": None}
    )
    definition = indicator((value(2030, 100.0),), baseline=None, aggregation=aggregation)
    result = progress.assess(definition, observations, TODAY)
    assert result.annual["year"].tolist() == [2018, 2019, 2020, 2021, 2022]
    assert result.annual["value"].tolist() == [expected] * 5
    assert (result.latest_value, result.slope, result.status) == (expected, 0.0, "wrong direction")


def test_restated_year_is_two_series():
    observations = pd.DataFrame(
        {
            "period": ["2020-03-31", "2020-06-30", "2020-12-31"],
            "value": [5.0, 7.0, 9.0],
            "method": ["old", "new", "new"],
        }
    )
    definition = indicator(TO_50, baseline=None, aggregation="sum")
    result = progress.assess(definition, observations, TODAY)
    # Revision 2: series per method, so the restatement is a second series, never merged.
    assert result.annual.to_dict("records") == [
        {"year": 2020, "value": 16.0, "method": "new"},
        {"year": 2020, "value": 5.0, "method": "old"},
    ]


def test_projection_band_is_the_80_percent_student_t_interval():
    result = progress.assess(indicator(TO_50), annual(years(2016, 29, 30, 32, 34, 37)), TODAY)
    first = result.projection.iloc[0]
    # s^2 = 1.2 / 3; at 2020: sqrt(s^2 (1 + 1/5 + 4/10)) = 0.8; t(0.90, 3) = 1.637744
    assert first["year"] == 2020
    assert first["value"] == pytest.approx(36.4)
    assert first["high"] - first["value"] == pytest.approx(0.8 * 1.637744, abs=1e-5)
    assert result.slope_se == pytest.approx(0.2)


SENTENCES = [
    (
        "achieved",
        indicator(TO_50),
        annual(years(2018, 20, 30, 40, 50, 55)),
        "Share: 55 % in 2022, up 9 points a year. The 50 % target for 2030 is already met."
        " Strong evidence: 5 values, 2018-2022.",
    ),
    (
        "on-track",
        indicator(TO_50),
        annual(years(2018, 10, 14, 18, 22, 26)),
        "Share: 26 % in 2022, up 4 points a year. At this pace the 50 % target is reached in"
        " 2028, 2 years early. Strong evidence: 5 values, 2018-2022.",
    ),
    (
        # Line 32.4 + 2 (y - 2018): 44.4 in 2024, so 55 - 44.4 = 10.6 in the one year left.
        "milestone-next-year-from-today",
        indicator((value(2025, 55.0), value(2036, 80.0), value(2045, 100.0)), baseline=None),
        annual({2013: 23, 2014: 20, 2016: 29, 2017: 30, 2018: 32, 2019: 34, 2020: 37}),
        "Share: 37 % in 2020, up 2 points a year. At this pace the 55 % milestone is reached in"
        " 2030, 5 years late; the pace must rise to 10.6 points a year from 2024. Moderate"
        " evidence: 5 values, 2016-2020. The last value used is 4 years old.",
    ),
    (
        "off-track",
        indicator(TO_50),
        annual(years(2018, 10, 11, 12, 13, 14)),
        "Share: 14 % in 2022, up 1 point a year. At this pace the 50 % target is reached in"
        " 2058, 28 years late; the pace must rise to 5.7 points a year from 2024. Strong evidence:"
        " 5 values, 2018-2022.",
    ),
    (
        "wrong-direction",
        indicator((value(2040, 0.0),), "lower", (2015, 100.0), unit="kt"),
        annual(years(2018, 90, 92, 94, 96, 98)),
        # Line at 2024: 98 + 4 = 102; 102 / 16 = 6.375 kt a year.
        "Share: 98 kt in 2022, up 2 kt a year. This is away from the 0 kt target for 2040, which"
        " needs a fall of 6.4 kt a year from 2024. Strong evidence: 5 values, 2018-2022.",
    ),
    (
        "insufficient-data",
        indicator(TO_50, baseline=None),
        annual({2010: 12.0, 2012: 14.0}),
        "Share: 14 % in 2012. Too little for a trend: no series has 2 values with the last at"
        " most 10 years old. The 2012 value is 12 years old.",
    ),
    (
        "trend-only",
        indicator(()),
        annual(years(2018, 10, 11, 12, 13, 14)),
        "Share: 14 % in 2022, up 1 point a year. No numeric target: the trend is shown, without"
        " a status.",
    ),
]


@pytest.mark.parametrize(
    ("case", "definition", "observations", "expected"),
    SENTENCES,
    ids=[case[0] for case in SENTENCES],
)
def test_sentence_pinned(case, definition, observations, expected):
    assert progress.assess(definition, observations, today=TODAY).sentence == expected


@pytest.mark.parametrize(
    ("observations", "expected"),
    [
        (annual({2010: 10.0, 2020: 12.0}), "off track · weak evidence: 2 values, 2010 and 2020"),
        (annual(years(2019, 10, 14, 18, 22)), "on track · strong evidence: 4 values, 2019-2022"),
        (annual({2012: 14.0}), "insufficient data"),
    ],
    ids=["two-values", "four-recent", "none"],
)
def test_status_line_names_grade_and_basis(observations, expected):
    definition = indicator(TO_50, baseline=None)
    result = progress.assess(definition, observations, today=TODAY)
    assert progress.sentence.status_line(result) == expected
