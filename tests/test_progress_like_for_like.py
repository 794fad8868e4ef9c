"""Revision 3, rule by rule: each worked example of docs/methodology.md, its numbers by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pledges import model, progress, translation
from pledges.views import formatting
from pledges.views.pages import indicator_page

TODAY = dt.date(2026, 6, 30)
ES = translation.translator("es")
SOURCE = "test"


def indicator(
    targets: tuple[model.Target, ...],
    direction: model.Direction = "higher",
    baseline: model.Baseline | None = None,
    unit: str = "%",
    **more: object,
) -> model.Indicator:
    return model.Indicator(
        key="x",
        name="X",
        unit=unit,
        direction=direction,
        baseline=baseline,
        targets=targets,
        **more,
    )


def annual(values: dict[int, float]) -> pd.DataFrame:
    """One annual value a year (stored as a whole year, as an upload of "2024" is)."""
    return pd.DataFrame(
        {
            "period": [dt.date(year, 1, 1) for year in values],
            "annual": [True] * len(values),
            "value": list(values.values()),
        }
    )


def value(year: int, level: float, coverage: str | None = None) -> model.Target:
    return model.Target(year, "value", level, SOURCE, coverage=coverage)


def test_a_definitional_baseline_is_a_reference_never_a_value() -> None:
    # L.A.'s "% below 1990": 0 % in 1990 is true by definition; 20 % in 2013, 36 % in 2022.
    reduction = indicator(
        (value(2035, 73.0),), baseline=model.Baseline(1990, 0.0, SOURCE, definitional=True)
    )
    a = progress.assess(reduction, annual({2013: 20.0, 2022: 36.0}), TODAY)
    # The line through the two values only: 16 points in 9 years.
    assert a.slope == pytest.approx(16 / 9)
    assert (a.points, a.baseline_in_line, a.basis_from, a.evidence) == (2, False, 2013, "weak")
    # Share from the reference: (36 - 0) / (73 - 0).
    assert a.progress_share == pytest.approx(36 / 73)
    # Line at 2026: 36 + 16/9 * 4 = 43.11; needed (73 - 43.11) / 9 = 3.32 a year; 1.78 / 3.32.
    line_now = 36 + 16 / 9 * 4
    assert a.pace_ratio == pytest.approx((16 / 9) / ((73 - line_now) / 9))
    assert a.status == "needs acceleration"
    assert a.sentence.startswith("X: 36 % in 2022, up 1.8 points a year.")
    assert "Weak evidence: 2 values, 2013 and 2022." in a.sentence


def test_a_measured_baseline_on_the_line_is_named_apart_from_the_values() -> None:
    measured = indicator((value(2035, 73.0),), baseline=model.Baseline(2010, 10.0, SOURCE))
    a = progress.assess(measured, annual({2013: 20.0, 2022: 36.0}), TODAY)
    assert (a.points, a.baseline_in_line) == (2, True)
    assert "Weak evidence: 2 values, 2013 and 2022, and the 2010 baseline." in a.sentence


def test_a_baseline_dated_after_the_data_is_a_reference_only() -> None:
    # A plan's estimate for 2019 (2,100) beside values of 2015 and 2016.
    chargers = indicator(
        (value(2028, 28000.0),),
        baseline=model.Baseline(2019, 2100.0, SOURCE),
        unit="chargers",
    )
    a = progress.assess(chargers, annual({2015: 800.0, 2016: 1000.0}), TODAY)
    assert (a.basis_to, a.basis_value, a.points, a.baseline_in_line) == (2016, 1000.0, 2, False)
    assert a.sentence.startswith("X: 1,000 chargers in 2016, up 200 chargers a year.")
    assert a.progress_share is None
    assert a.share_note.startswith("the baseline (2019) is dated after the last value used (2016)")
    assert "The 2019 baseline is dated after the last value of its series: a reference only" in (
        a.sentence
    )


@pytest.mark.parametrize(
    ("values", "status"),
    [
        # 110 ... 135: past the 120 cap and rising; revision 2 said "175 % (target met)".
        ({2018: 110.0, 2019: 115.0, 2020: 125.0, 2021: 130.0, 2022: 135.0}, "wrong direction"),
        # 90 and 95 under the cap; revision 2 said "-25 % (moved away)" beside "achieved".
        ({2021: 90.0, 2022: 95.0}, "achieved"),
    ],
    ids=["past-the-cap", "under-the-cap"],
)
def test_a_cap_above_the_baseline_has_no_share(values: dict[int, float], status: str) -> None:
    cap = indicator((value(2030, 120.0),), "lower", model.Baseline(2015, 100.0, SOURCE), unit="kt")
    a = progress.assess(cap, annual(values), TODAY)
    assert (a.status, a.progress_share) == (status, None)
    assert a.share_note == (
        "the 2030 target (120 kt) is already met by the baseline (100 kt): no distance to cover"
    )
    assert formatting.share(a.progress_share) == "no progress share"


def test_a_flat_trend_says_flat_and_what_is_needed_never_away() -> None:
    a = progress.assess(
        indicator((value(2030, 60.0),)), annual(dict.fromkeys(range(2019, 2023), 40.0)), TODAY
    )
    # (60 - 40) / (2030 - 2026) = 5 points a year needed.
    assert (a.status, a.slope, a.required_pace) == ("wrong direction", 0.0, 5.0)
    assert (
        "The trend is flat: a rise of 5 points a year is needed from 2026 to reach the 60 % target"
        " for 2030." in a.sentence
    )
    assert "away" not in a.sentence
    assert (
        a.reason
        == "the trend is flat: a rise of 5 points a year is needed from 2026 for 60 % by 2030"
    )


def test_a_due_target_without_a_value_is_likely_missed_and_a_line_toward_it_says_when() -> None:
    emissions = indicator((value(2025, 600.0),), "lower", unit="t")
    a = progress.assess(
        emissions, annual({2019: 1000.0, 2020: 950.0, 2021: 900.0, 2022: 850.0}), TODAY
    )
    # Slope -50 about (2020.5, 925): 700 in 2025; 600 at 2020.5 + 325 / 50 = 2027.
    assert (a.status, a.next_projected_year) == ("off track", 2027)
    assert (
        "The 600 t target for 2025 is likely missed (the trend gives 700 t then; no value for"
        " 2025); at this pace it is reached in 2027." in a.sentence
    )
    assert a.reason == "600 t by 2025 is likely missed (no value for 2025); the trend is toward it"
    assert "was missed" not in a.sentence and "does not reach" not in a.sentence


def test_a_target_is_judged_by_its_own_year_and_said_reached_later() -> None:
    a = progress.assess(
        indicator((value(2022, 50.0),)),
        annual({2020: 44.0, 2021: 46.0, 2022: 48.0, 2023: 49.0, 2024: 52.0}),
        TODAY,
    )
    (verdict,) = a.verdicts
    assert (verdict.outcome, verdict.value, verdict.value_year, verdict.reached) == (
        "missed",
        48.0,
        2022,
        2024,
    )
    assert a.status == "achieved"
    assert "The 50 % target for 2022 was missed (48 % in 2022); it was reached in 2024." in (
        a.sentence
    )
    assert "already met" not in a.sentence


def test_with_no_value_for_its_year_the_last_value_before_it_decides() -> None:
    # Met in 2020 (48), not in 2023 (60): revision 2 said "met" from 2020; 2023 decides.
    cap = indicator((value(2025, 50.0), value(2040, 10.0)), "lower", unit="t")
    a = progress.assess(cap, annual({2020: 48.0, 2023: 60.0}), TODAY)
    first = a.verdicts[0]
    assert first.outcome != "met"
    # The line through (2020, 48) and (2023, 60) gives 48 + 4 * 5 = 68 in 2025.
    assert (first.outcome, first.line_value) == ("likely missed", pytest.approx(68.0))


def test_quarters_followed_by_an_annual_total_are_whole_years() -> None:
    quarters = [dt.date(year, month, 1) for year in (2019, 2020) for month in (1, 4, 7, 10)]
    frame = pd.DataFrame(
        {
            "period": [*quarters, dt.date(2021, 1, 1)],
            "annual": [False] * 8 + [True],
            "value": [25.0] * 8 + [96.0],
        }
    )
    sums = indicator((value(2030, 50.0),), "lower", unit="t", aggregation="sum")
    a = progress.assess(sums, frame, TODAY)
    # 2019 and 2020 sum to 100; 2021's annual total (96) is a whole year, never "incomplete".
    assert (a.incomplete_year, a.basis_to, a.basis_value, a.points) == (None, 2021, 96.0, 3)
    one_quarter = pd.concat(
        [frame, pd.DataFrame({"period": [dt.date(2022, 1, 1)], "annual": [False], "value": [30.0]})]
    )
    part = progress.assess(sums, one_quarter, TODAY)
    assert (part.incomplete_year, part.basis_to) == (2022, 2021)


def test_a_part_year_of_another_method_never_hides_a_whole_year_the_sentence_cites() -> None:
    # L.A.'s local solar: the City's 420 MW (2018) and 577 MW (2022), both whole years, and
    # another count's 349.3 MW (2017, whole) and 649.9 MW as of April 2022 (a part year).
    frame = pd.DataFrame(
        {
            "period": [
                dt.date(2018, 1, 1),
                dt.date(2022, 1, 1),
                dt.date(2017, 1, 1),
                dt.date(2022, 4, 30),
            ],
            "annual": [True, True, True, False],
            "value": [420.0, 577.0, 349.3, 649.9],
            "method": [None, None, "Shining Cities", "Shining Cities"],
        }
    )
    solar = indicator((value(2035, 1500.0),), unit="MW")
    a = progress.assess(solar, frame, TODAY)
    # The April value is left out of its own series; 2022 itself is not left out: the City's
    # line runs (2018, 420) to (2022, 577), 157 MW in 4 years.
    assert (a.incomplete_year, a.basis_to, a.basis_value) == (None, 2022, 577.0)
    assert a.slope == pytest.approx(157 / 4)
    assert "incomplete" not in a.sentence
    # Without the City's 2022 value, 2022 is left out and named; the sentence cites 2018.
    alone = progress.assess(solar, frame.drop(index=1), TODAY)
    assert (alone.incomplete_year, alone.latest_year, alone.latest_value) == (2022, 2018, 420.0)
    assert alone.sentence.startswith("X: 420 MW in 2018")
    assert "2022 is an incomplete year and is left out" in alone.sentence


def test_a_floor_stops_the_projection_at_zero_and_on_track_says_so() -> None:
    gross = indicator((value(2030, 0.0),), "lower", unit="t", floor=0.0)
    a = progress.assess(gross, annual({2019: 300.0, 2020: 200.0}), TODAY)
    # 200 - 100 (2026 - 2020) = -400 is held at 0; the line reaches 0 in 2022.
    assert (a.line_now, a.floor_year, a.status, a.unconfirmed_year) == (0.0, 2022, "on track", 2022)
    assert "The trend line reaches 0 t in 2022, and the amount cannot go below it" in a.sentence
    assert (a.projection[["value", "low", "high"]].dropna() >= 0).all().all()
    due = progress.assess(
        indicator((value(2025, 50.0),), "lower", unit="t", floor=0.0),
        annual({2019: 300.0, 2020: 200.0}),
        TODAY,
    )
    # The line gives -300 in 2025: "0 t then", never a negative amount.
    assert "the trend gives 0 t then" in due.sentence and "-" not in due.sentence.split("2020.")[1]


def test_a_value_below_the_floor_means_there_is_no_floor() -> None:
    net = indicator((value(2030, -10.0),), "lower", unit="t", floor=0.0)
    a = progress.assess(net, annual({2019: 30.0, 2020: 20.0}), TODAY)
    assert a.floor is None and a.line_now == pytest.approx(20.0 - 10.0 * 6)


def test_a_target_of_another_coverage_is_set_aside_and_the_indicator_not_assessed() -> None:
    city_wide = indicator((value(2030, 99990.0, coverage="Transport"),), "lower", unit="t")
    a = progress.assess(city_wide, annual({2019: 3.9e6, 2020: 3.8e6}), TODAY)
    assert (a.status, a.has_targets, a.verdicts, a.progress_share) == (
        "insufficient data",
        True,
        (),
        None,
    )
    assert a.reason == (
        "no target is comparable with the values: the 2030 target covers Transport only; no"
        " series of that coverage, so it is not used"
    )
    assert progress.goal_rollup("g", None, [a]).counts_text == "0 of 1 indicators assessed"


def test_an_implausible_baseline_is_named_and_its_relative_targets_set_aside() -> None:
    # A baseline typed in kt (65) beside values in t (52 million): 800,000 times apart.
    typo = indicator(
        (model.Target(2030, "change_pct", 65.0 * 0.5, SOURCE, change_pct=-50.0),),
        "lower",
        model.Baseline(2015, 65.0, SOURCE),
        unit="t",
    )
    a = progress.assess(typo, annual({2016: 52e6, 2018: 50e6}), TODAY)
    assert a.status == "insufficient data" and a.baseline_year is None
    assert a.baseline_note == (
        "the 2015 baseline, 65 t, is 10 times or more from the 2016 value of the same method"
        " (52,000,000 t): a data problem for its steward, not used"
    )
    # Its -50 % target, 32.5 t, is 50,000,000 / 32.5 = 1,538,462 times below the 2018 value: a
    # cut short of net zero that far below the values is a unit slip, and says so.
    assert (
        "The 2030 target, 32.5 t (a change of -50 %), is 1,000 times or more below the 2018 value"
        " (50,000,000 t): a unit slip, not ambition" in a.sentence
    )


def test_an_implausible_target_on_the_met_side_is_a_data_problem_an_ambitious_one_is_not() -> None:
    # Guimaraes: a 553,106,994 t cap beside 553,962 t (a thousand times: met by a typo).
    cap = indicator((value(2030, 553_106_994.0),), "lower", unit="t")
    a = progress.assess(cap, annual({2015: 401_868.0, 2018: 553_962.0}), TODAY)
    assert a.status == "insufficient data" and a.set_aside[0].problem
    # L.A.'s chargers: 2,100 toward 28,000 (13 times) is a plan, and is judged.
    chargers = indicator((value(2028, 28000.0),), unit="chargers")
    b = progress.assess(chargers, annual({2016: 1000.0, 2019: 2100.0}), TODAY)
    assert b.set_aside == () and b.status == "off track"


@pytest.mark.parametrize("extreme", [1e200, -1e200, 1e-300, 1e308, 5e-324])
def test_one_extreme_value_never_takes_down_a_city(extreme: float) -> None:
    ordinary = indicator((value(2030, 60.0),))
    broken = model.Indicator("broken", "Broken", "t", "lower", targets=(value(2030, 50.0),))
    frame = pd.concat(
        [
            annual({2019: 40.0, 2020: 42.0, 2021: 44.0}).assign(indicator="x"),
            annual({2019: 100.0, 2020: extreme, 2021: 90.0}).assign(indicator="broken"),
        ]
    )
    results = progress.assess_all(frame, [ordinary, broken], TODAY)
    alone = progress.assess(ordinary, annual({2019: 40.0, 2020: 42.0, 2021: 44.0}), TODAY)
    assert (results["x"].status, results["x"].sentence) == (alone.status, alone.sentence)
    weird = results["broken"]
    assert weird.sentence and weird.reason and weird.status in progress.STATUSES
    weird.projection, weird.required_path  # noqa: B018 (built for their errors)


def test_the_indicator_page_names_a_definition_and_a_measured_baseline_apart() -> None:
    reduction = indicator(
        (value(2035, 73.0),), baseline=model.Baseline(1990, 0.0, SOURCE, definitional=True)
    )
    a = progress.assess(reduction, annual({2013: 20.0, 2022: 36.0}), TODAY)
    facts = indicator_page.facts(a, "%")
    assert facts["baseline"] == "0 % in 1990 (by definition: a reference, not a value)"
    assert facts["trend"].endswith(", from 2 values")
    measured = indicator((value(2035, 73.0),), baseline=model.Baseline(2010, 10.0, SOURCE))
    b = progress.assess(measured, annual({2013: 20.0, 2022: 36.0}), TODAY)
    assert indicator_page.facts(b, "%")["trend"].endswith(", from 2 values and the 2010 baseline")


def test_the_share_notes_in_spanish_keep_the_english_for_the_json() -> None:
    # The plan's estimate of 2019 beside values of 2015 and 2016 (as above): no share, and why.
    chargers = indicator(
        (value(2028, 28000.0),),
        baseline=model.Baseline(2019, 2100.0, SOURCE),
        unit="chargers",
    )
    after = progress.assess(chargers, annual({2015: 800.0, 2016: 1000.0}), TODAY)
    spanish = (
        "la línea de base (2019) es posterior al último valor usado (2016): una referencia,"
        " no un punto de partida"
    )
    assert after.share_why is not None and after.share_why.say(ES) == spanish
    assert indicator_page.facts(after, "chargers", t=ES)["avance"] == spanish
    assert after.share_note == after.share_why.say()  # the English, as before
    # A 15,000 kt cap above a 12,000 kt baseline: Spanish groups thousands with a point.
    cap = indicator(
        (value(2030, 15000.0),), "lower", model.Baseline(2015, 12000.0, SOURCE), unit="kt"
    )
    met = progress.assess(cap, annual({2021: 9000.0, 2022: 9500.0}), TODAY)
    assert met.share_why is not None
    assert met.share_why.say(ES) == (
        "la línea de base (12.000 kt) ya cumple el objetivo de 2030 (15.000 kt):"
        " no hay distancia que recorrer"
    )
    assert met.share_note == (
        "the 2030 target (15,000 kt) is already met by the baseline (12,000 kt):"
        " no distance to cover"
    )
