"""Chart builders and their text alternatives: what is drawn, how it is told apart, and
that definition text can never become markup."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from pledges import model, progress
from pledges.views import chart_alternatives, charts, formatting
from pledges.views.pages import share_bars

TODAY = dt.date(2026, 1, 1)


def indicator(
    targets: tuple[model.Target, ...] = (),
    baseline: model.Baseline | None = None,
    name: str = "Renewable share",
    unit: str = "%",
    direction: model.Direction = "higher",
) -> model.Indicator:
    """A synthetic indicator."""
    return model.Indicator("share", name, unit, direction, baseline=baseline, targets=targets)


def observations(rows: list[tuple[int, float, str | None]]) -> pd.DataFrame:
    """Observations (year, value, method) as the store hands them out."""
    return pd.DataFrame(
        {
            "period": [dt.date(year, 1, 1) for year, _, _ in rows],
            "value": [float(value) for _, value, _ in rows],
            "method": [method for _, _, method in rows],
            "source": "synthetic",
        }
    )


BASELINE = model.Baseline(2015, 20.0, "synthetic")
TARGETS = (
    model.Target(2030, "value", 60.0, "synthetic"),
    model.Target(2045, "value", 100.0, "synthetic"),
)
SERIES = [(2015, 20, "a"), (2016, 23, "a"), (2017, 25, "b"), (2018, 28, "b"), (2019, 30, "b")]


def figure_for(
    ind: model.Indicator, rows: list[tuple[int, float, str | None]], revisions=None
) -> tuple[go.Figure, progress.Assessment]:
    assessment = progress.assess(ind, observations(rows), today=TODAY)
    return charts.indicator_figure(ind, assessment, revisions), assessment


def names(fig: go.Figure) -> list[str]:
    return [trace.name for trace in fig.data]


@pytest.mark.parametrize(
    ("methods", "runs"),
    [
        ([None, None, None], 1),
        (["a", "a", "b", "b"], 2),
        (["a", "b", "a"], 3),
        ([None, "a", "a"], 2),
        ([], 0),
    ],
    ids=["no-method", "one-break", "back-and-forth", "method-appears", "empty"],
)
def test_the_actual_line_breaks_where_the_method_changes(
    methods: list[str | None], runs: int
) -> None:
    annual = pd.DataFrame(
        {"year": range(2000, 2000 + len(methods)), "value": 1.0, "method": methods}
    )
    assert len(charts.method_runs(annual)) == runs


def test_indicator_figure_draws_every_layer() -> None:
    fig, assessment = figure_for(indicator(TARGETS, BASELINE), SERIES)
    drawn = names(fig)
    assert "Required path" in drawn
    assert "Projection at today's pace" in drawn
    assert "80% band" in drawn
    assert "Baseline" in drawn
    assert "Targets and milestones" in drawn
    actual = [trace for trace in fig.data if trace.name.startswith("Actual")]
    assert [list(trace.x) for trace in actual] == [[2015, 2016], [2017, 2018, 2019]]
    assert {trace.marker.symbol for trace in actual} == {"circle", "square"}
    required = next(trace for trace in fig.data if trace.name == "Required path")
    assert required.line.dash == "dash"
    band = next(trace for trace in fig.data if trace.name == "80% band")
    assert band.fill == "tonexty"
    assert list(band.x) == list(assessment.projection["year"])


def test_revised_values_are_hollow_with_the_old_value_on_hover() -> None:
    revisions = pd.DataFrame(
        {
            "period": [dt.date(2018, 1, 1)],
            "value": [26.0],
            "new_value": [28.0],
            "replaced_at": [dt.datetime(2025, 3, 1)],
        }
    )
    fig, _ = figure_for(indicator(TARGETS, BASELINE), SERIES, revisions)
    revised = next(trace for trace in fig.data if trace.name.startswith("Revised"))
    assert revised.marker.symbol == "circle-open"
    assert list(revised.x) == [2018]
    assert list(revised.y) == [28.0]
    assert revised.customdata[0] == "was 26 until 01 Mar 2025"


def test_a_range_target_is_a_band_and_a_level_to_hold_is_a_line() -> None:
    targets = (
        model.Target(2030, "range", 400.0, "synthetic", low=300.0, high=400.0),
        model.Target(2020, "maintain", 140.0, "synthetic"),
    )
    fig, _ = figure_for(indicator(targets, BASELINE, unit="kg", direction="lower"), SERIES)
    band = next(trace for trace in fig.data if trace.name == "Target range 2030")
    assert list(band.x) == [2030, 2030]
    assert list(band.y) == [300.0, 400.0]
    hold = next(trace for trace in fig.data if trace.name == "Level to hold from 2020")
    assert hold.x[0] == 2020
    assert hold.y[0] == hold.y[1] == 140.0


@pytest.mark.parametrize(
    ("rows", "targets", "phrase"),
    [
        ([], TARGETS, "The chart has no values yet."),
        ([(2020, 33, None)], TARGETS, "One value is stored: 33 % in 2020."),
        (SERIES, (), "No numeric target: the trend is shown without a status."),
        (SERIES, TARGETS, "The line is broken into 2 parts where the method changes."),
    ],
    ids=["no-data", "one-value", "no-target", "method-break"],
)
def test_every_chart_has_a_text_summary(
    rows: list[tuple[int, float, str | None]], targets: tuple[model.Target, ...], phrase: str
) -> None:
    ind = indicator(targets, BASELINE if targets else None)
    fig, assessment = figure_for(ind, rows)
    assert phrase in chart_alternatives.indicator_summary(ind, assessment)
    if not rows:
        assert [a.text for a in fig.layout.annotations] == ["No values stored yet"]


def test_the_chart_table_holds_every_number_drawn() -> None:
    _, assessment = figure_for(indicator(TARGETS, BASELINE), SERIES)
    table = chart_alternatives.chart_table(assessment)
    assert list(table.columns[:4]) == ["year", "actual", "method", "required path"]
    assert "projection" in table.columns
    assert table.loc[table["year"] == 2019, "actual"].item() == 30.0
    assert table["year"].is_monotonic_increasing


# Baseline 20 in 2020, target 40 in 2030: the required path rises (40 - 20) / 10 = 2 a year.
ON_THE_PATH = indicator(
    (model.Target(2030, "value", 40.0, "synthetic"),), model.Baseline(2020, 20.0, "synthetic")
)
PATH_YEARS = list(range(2020, 2031))
NAN = float("nan")


def test_the_chart_table_joins_values_path_and_projection_year_by_year() -> None:
    # 26, 28, 30 for 2023-2025 lie on the path: the line's slope is 2 with no residual, so the
    # projection runs from 2025 (30) to the target's year 2030 (40) and its band has no width.
    _, assessment = figure_for(ON_THE_PATH, [(2023, 26, None), (2024, 28, None), (2025, 30, None)])
    projected = [NAN] * 5 + [30.0 + 2 * (year - 2025) for year in range(2025, 2031)]
    expected = pd.DataFrame(
        {
            "year": PATH_YEARS,
            "actual": [NAN] * 3 + [26.0, 28.0, 30.0] + [NAN] * 5,
            "method": pd.array([NAN] * 3 + [None] * 3 + [NAN] * 5, dtype=object),
            "required path": [20.0 + 2 * (year - 2020) for year in PATH_YEARS],
            "projection": projected,
            "band low (80%)": projected,
            "band high (80%)": projected,
        }
    )
    pd.testing.assert_frame_equal(chart_alternatives.chart_table(assessment), expected)


def test_the_chart_table_has_a_row_for_each_methods_value_in_one_year() -> None:
    # Method a: 26, 28, 30 for 2023-2025 as above (its projection too); method b: 29 in 2024.
    rows = [(2023, 26, "a"), (2024, 28, "a"), (2024, 29, "b"), (2025, 30, "a")]
    _, assessment = figure_for(ON_THE_PATH, rows)
    years = [2020, 2021, 2022, 2023, 2024, 2024, 2025, 2026, 2027, 2028, 2029, 2030]
    projected = [NAN] * 6 + [30.0 + 2 * (year - 2025) for year in range(2025, 2031)]
    expected = pd.DataFrame(
        {
            "year": years,
            "actual": [NAN] * 3 + [26.0, 28.0, 29.0, 30.0] + [NAN] * 5,
            "method": pd.array([NAN] * 3 + ["a", "a", "b", "a"] + [NAN] * 5, dtype="str"),
            "required path": [20.0 + 2 * (year - 2020) for year in years],
            "projection": projected,
            "band low (80%)": projected,
            "band high (80%)": projected,
        }
    )
    pd.testing.assert_frame_equal(chart_alternatives.chart_table(assessment), expected)


def test_definition_text_is_escaped_in_figures() -> None:
    hostile = '<img src=x onerror="alert(1)">'
    ind = indicator(TARGETS, BASELINE, name=hostile, unit="<b>%</b>")
    fig, _ = figure_for(ind, [(2015, 20, hostile), (2016, 23, "ok"), (2017, 25, "ok")])
    bars = share_bars.figure([share_bars.ShareBar(hostile, 0.5, "on track", hostile)])
    for built in (fig, bars):
        text = repr(built.to_dict())  # to_json would hide "<" as \\u003c
        assert "&lt;img" in text
        assert "<img" not in text
        assert "<b>%</b>" not in text


def test_share_bars_say_status_in_words_and_clip_to_the_axis() -> None:
    bars = [
        share_bars.ShareBar("Grid", 1.4, "achieved"),
        share_bars.ShareBar("Waste", -0.2, "wrong direction"),
        share_bars.ShareBar("Water", None, "insufficient data"),
    ]
    fig = share_bars.figure(bars)
    assert list(fig.data[0].x) == [0.0, 0.0, 100.0]  # drawn bottom-up
    texts = [annotation.text for annotation in fig.layout.annotations]
    assert any("✔ achieved · 140%" in text for text in texts)
    assert any("✖ wrong direction · -20%" in text for text in texts)
    assert any("? insufficient data · no share" in text for text in texts)
    summary = share_bars.summary(bars, "goal")
    assert "Grid: ✔ achieved, 140% (target met)" in summary


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize(
    "colour",
    [style.text for style in formatting.STATUS_STYLES.values()] + [charts.TEXT, charts.GREY],
)
def test_text_colours_have_at_least_4_5_to_1_contrast_on_white(colour: str) -> None:
    assert (1.05) / (_luminance(colour) + 0.05) >= 4.5


def test_every_status_has_its_own_symbol_and_fill() -> None:
    # One word for "cannot be judged" at every level: the roll-up's "too little evidence" is
    # shown as an indicator's "insufficient data"; every other status keeps its own symbol.
    shown = [w for w in progress.STATUSES if w != progress.Status.TOO_LITTLE_EVIDENCE]
    styles = [formatting.STATUS_STYLES[word] for word in shown]
    assert len({style.symbol for style in styles}) == len(styles)
    assert formatting.STATUS_STYLES["too little evidence"].word == "insufficient data"
    assert formatting.status_label("too little evidence") == "? insufficient data"
    rated = [style for style in styles if style.word in progress.status.RANKED]
    assert len({style.fill for style in rated}) == len(rated)
