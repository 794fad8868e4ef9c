"""The indicator chart and its text alternatives, and the shared palette: pure plotly, no Streamlit.

Colours are Okabe-Ito (safe for the common colour-vision deficiencies); every mark is also
told apart by its line style or marker shape, and every chart has a text summary and a table.
Names from definitions are HTML-escaped because plotly renders a subset of HTML in labels.
"""

from __future__ import annotations

import dataclasses
import html
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from pledges import model, numbers, translation
from pledges.service import vocabulary
from pledges.views import formatting

BLACK = "#000000"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
DARK_GREEN = "#007A5A"
GREY = "#595959"
TEXT = "#1F1F1F"
BAND = "rgba(213, 94, 0, 0.16)"
RANGE_BAND = "rgba(0, 158, 115, 0.30)"
METHOD_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross")
FONT = {"color": TEXT, "size": 13}
EN = translation.ENGLISH


def escaped(text: object) -> str:
    """Definition text made literal for plotly labels (which render a subset of HTML)."""
    return html.escape(str(text), quote=False)


def wrapped(text: str, width: int = 26) -> str:
    """Escaped text broken into lines of about `width` characters for a plotly label."""
    return "<br>".join(textwrap.wrap(escaped(text), width)) or " "


def _base_layout(
    unit: str, height: int, x_axis: dict[str, object], t: translation.Translator = EN
) -> dict[str, object]:
    """The chart's layout as plain data."""
    return dict(
        height=height,
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        font=FONT,
        hovermode="closest",
        separators=numbers.separators(t.lang),
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.07,
            "xanchor": "left",
            "x": 0,
            "font": {"size": 12, "color": TEXT},
        },
        plot_bgcolor="white",
        paper_bgcolor="white",
        xaxis={
            "gridcolor": "#E5E5E5",
            "linecolor": GREY,
            "tickformat": "d",
            "automargin": True,
            **x_axis,
        },
        yaxis={
            "title": {"text": escaped(unit)},
            "gridcolor": "#E5E5E5",
            "linecolor": GREY,
            "automargin": True,
            **({"visible": False} if x_axis.get("visible") is False else {}),
        },
    )


def _x_axis(years: list[int]) -> dict[str, object]:
    """The year axis: hidden with no years; else room either side, and every year when short."""
    if not years:
        return {"visible": False}
    first, last = int(min(years)), int(max(years))
    # Room either side, so a range target's band or a marker in the last year is not cut.
    axis: dict[str, object] = {"range": [first - 0.6, last + 0.9]}
    if last - first < 8:
        axis["dtick"] = 1  # no repeated year labels on a short axis
    return axis


def method_runs(annual: pd.DataFrame) -> list[pd.DataFrame]:
    """The annual values split where the method changes, so no line joins two methods."""
    if annual.empty:
        return []
    labels = ["" if m is None or pd.isna(m) else m for m in annual["method"].tolist()]
    cuts = [i for i in range(1, len(labels)) if labels[i] != labels[i - 1]]
    edges = [0, *cuts, len(labels)]
    return [annual.iloc[start:end] for start, end in zip(edges, edges[1:], strict=False)]


def revised_years(revisions: pd.DataFrame | None, t: translation.Translator = EN) -> dict[int, str]:
    """Hover text per year for values that were revised: what they were and when they changed.

    `revisions` has the store's revision columns (period, value, new_value, replaced_at).
    """
    if revisions is None or revisions.empty:
        return {}
    notes: dict[int, list[str]] = {}
    for period, old, when in zip(
        revisions["period"], revisions["value"], revisions["replaced_at"], strict=True
    ):
        year = pd.Timestamp(period).year
        old_text = numbers.exact(float(old), t.lang)
        if when is None or pd.isna(when):
            note = t.gettext("was {value}", value=old_text)
        else:
            day = numbers.short_day(pd.Timestamp(when).date(), t.lang)
            note = t.gettext("was {value} until {day}", value=old_text, day=day)
        notes.setdefault(year, []).append(note)
    return {year: "; ".join(texts) for year, texts in notes.items()}


def _actual_traces(
    traces: list[dict[str, object]],
    annual: pd.DataFrame,
    unit: str,
    revised: dict[int, str],
    t: translation.Translator = EN,
) -> None:
    runs = method_runs(annual)
    for index, run in enumerate(runs):
        method = run["method"].iloc[0]
        named = method is not None and not pd.isna(method) and str(method) != ""
        short = textwrap.shorten(str(method), 34, placeholder="…") if named else ""
        label = (
            t.gettext("Actual ({method})", method=escaped(short))
            if named and len(runs) > 1
            else t.gettext("Actual")
        )
        traces.append(
            _scatter(
                x=run["year"],
                y=run["value"],
                mode="lines+markers",
                name=label,
                line={"color": BLACK, "width": 2.5},
                marker={
                    "color": BLACK,
                    "size": 8,
                    "symbol": METHOD_SYMBOLS[index % len(METHOD_SYMBOLS)],
                },
                hovertemplate=f"%{{x}}: %{{y:,.4~g}} {escaped(unit)}"
                + ("<br>" + t.gettext("method: {method}", method=escaped(method)) if named else "")
                + "<extra></extra>",
            )
        )
    if revised and not annual.empty:
        shown = annual[annual["year"].isin(list(revised))]
        if not shown.empty:
            traces.append(
                _scatter(
                    x=shown["year"],
                    y=shown["value"],
                    mode="markers",
                    name=t.gettext("Revised value (hover for the old one)"),
                    marker={
                        "symbol": "circle-open",
                        "size": 16,
                        "color": VERMILLION,
                        "line": {"width": 2.5},
                    },
                    customdata=[escaped(revised[int(y)]) for y in shown["year"]],
                    hovertemplate=t.gettext(
                        "{year}: {value} {unit}, revised",
                        year="%{x}",
                        value="%{y:,.4~g}",
                        unit=escaped(unit),
                    )
                    + "<br>%{customdata}<extra></extra>",
                )
            )


def _target_traces(
    traces: list[dict[str, object]],
    indicator: model.Indicator,
    x_end: int,
    t: translation.Translator = EN,
) -> None:
    unit = escaped(indicator.unit)
    points = [p for p in indicator.targets if p.kind in ("value", "change_pct")]
    if points:
        final = max(target.year for target in indicator.targets)
        traces.append(
            _scatter(
                x=[p.year for p in points],
                y=[p.value for p in points],
                mode="markers",
                name=t.gettext("Target")
                if len(points) == 1
                else t.gettext("Targets and milestones"),
                marker={
                    "symbol": "star",
                    "size": [18 if p.year == final else 14 for p in points],
                    "color": GREEN,
                    "line": {"color": DARK_GREEN, "width": 1},
                },
                customdata=[escaped(formatting.target_text(p, indicator.unit, t)) for p in points],
                hovertemplate=t.gettext(
                    "target {year}: {target}", year="%{x}", target="%{customdata}"
                )
                + "<extra></extra>",
            )
        )
    for target in indicator.targets:
        if target.kind == "range" and target.low is not None and target.high is not None:
            traces.append(
                _scatter(
                    x=[target.year, target.year],
                    y=[target.low, target.high],
                    mode="lines",
                    name=t.gettext("Target range {year}", year=target.year),
                    line={"color": RANGE_BAND, "width": 14},
                    hovertemplate=t.gettext(
                        "target {year}: {target}",
                        year=target.year,
                        target=f"{numbers.exact(target.low, t.lang)}–"
                        f"{numbers.exact(target.high, t.lang)} {unit}",
                    )
                    + "<extra></extra>",
                )
            )
        elif target.kind == "maintain":
            traces.append(
                _scatter(
                    x=[target.year, max(x_end, target.year + 1)],
                    y=[target.value, target.value],
                    mode="lines",
                    name=t.gettext("Level to hold from {year}", year=target.year),
                    line={"color": GREEN, "width": 3},
                    hovertemplate=t.gettext(
                        "hold {value} from {year}",
                        value=f"{numbers.exact(target.value, t.lang)} {unit}",
                        year=target.year,
                    )
                    + "<extra></extra>",
                )
            )


def drawn(indicator: model.Indicator, assessment: vocabulary.Assessment) -> model.Indicator:
    """The indicator with only the targets its values are judged against: a target set aside
    (another coverage, a unit slip) is named in words, never drawn as one to reach."""
    aside = {one.target for one in assessment.set_aside}
    if not aside:
        return indicator
    return dataclasses.replace(
        indicator, targets=tuple(t for t in indicator.targets if t not in aside)
    )


def _scatter(**props: object) -> dict[str, object]:
    """A scatter trace as plain data: columns as lists, a missing number as None (a gap)."""
    trace: dict[str, object] = {"type": "scatter"}
    for key, value in props.items():
        if isinstance(value, pd.Series):
            value = [None if isinstance(v, float) and math.isnan(v) else v for v in value.tolist()]
        trace[key] = value
    return trace


def indicator_figure(
    indicator: model.Indicator,
    assessment: vocabulary.Assessment,
    revisions: pd.DataFrame | None = None,
    height: int = 460,
    t: translation.Translator = EN,
) -> go.Figure:
    """Actual values, required path, projection with its band, targets and the baseline."""
    return go.Figure(indicator_spec(indicator, assessment, revisions, height, t))


def indicator_spec(
    indicator: model.Indicator,
    assessment: vocabulary.Assessment,
    revisions: pd.DataFrame | None = None,
    height: int = 460,
    t: translation.Translator = EN,
) -> dict[str, object]:
    """The indicator chart as plain data and layout (plotly's JSON without its template): the
    app wraps it in a figure; the static site writes it as it is, skipping plotly's checks."""
    unit = indicator.unit
    annual = assessment.annual
    years = list(annual["year"]) + [target.year for target in drawn(indicator, assessment).targets]
    if assessment.baseline_year is not None:
        years.append(assessment.baseline_year)
    projection = assessment.projection
    if not projection.empty:
        years += list(projection["year"])
    layout = _base_layout(unit, height, _x_axis(years), t)
    traces: list[dict[str, object]] = []
    x_end = int(max(years)) if years else 0

    if not projection.empty:
        traces.append(
            _scatter(
                x=projection["year"],
                y=projection["high"],
                mode="lines",
                line={"width": 0, "color": BAND},
                hoverinfo="skip",
                showlegend=False,
                name=t.gettext("band high"),
            )
        )
        traces.append(
            _scatter(
                x=projection["year"],
                y=projection["low"],
                mode="lines",
                line={"width": 0, "color": BAND},
                fill="tonexty",
                fillcolor=BAND,
                name=t.gettext("{share} band", share=numbers.percent(assessment.band, t.lang)),
                hoverinfo="skip",
            )
        )
        traces.append(
            _scatter(
                x=projection["year"],
                y=projection["value"],
                mode="lines",
                name=t.gettext("Projection at today's pace"),
                line={"color": VERMILLION, "width": 2, "dash": "dot"},
                customdata=[
                    [low, high]
                    for low, high in zip(
                        projection["low"].tolist(), projection["high"].tolist(), strict=True
                    )
                ],
                hovertemplate=t.gettext(
                    "{year} projected: {value} {unit}",
                    year="%{x}",
                    value="%{y:,.4~g}",
                    unit=escaped(unit),
                )
                + "<br>"
                + t.gettext(
                    "{share} band {low}–{high}",
                    share=numbers.percent(assessment.band, t.lang),
                    low="%{customdata[0]:,.4~g}",
                    high="%{customdata[1]:,.4~g}",
                )
                + "<extra></extra>",
            )
        )
    required = assessment.required_path
    if not required.empty:
        traces.append(
            _scatter(
                x=required["year"],
                y=required["value"],
                mode="lines",
                name=t.gettext("Required path"),
                line={"color": BLUE, "width": 2, "dash": "dash"},
                hovertemplate=t.gettext(
                    "{year} required: {value} {unit}",
                    year="%{x}",
                    value="%{y:,.4~g}",
                    unit=escaped(unit),
                )
                + "<extra></extra>",
            )
        )
    _target_traces(traces, drawn(indicator, assessment), x_end, t)
    if assessment.baseline_year is not None and assessment.baseline_value is not None:
        traces.append(
            _scatter(
                x=[assessment.baseline_year],
                y=[assessment.baseline_value],
                mode="markers",
                name=t.gettext("Baseline"),
                marker={
                    "symbol": "square-open",
                    "size": 13,
                    "color": GREY,
                    "line": {"width": 2.5},
                },
                hovertemplate=t.gettext(
                    "baseline {year}: {value} {unit}",
                    year="%{x}",
                    value="%{y:,.4~g}",
                    unit=escaped(unit),
                )
                + "<extra></extra>",
            )
        )
    _actual_traces(traces, annual, unit, revised_years(revisions, t), t)
    levels = {y for trace in traces for y in trace.get("y") or () if isinstance(y, int | float)}
    if len(levels) == 1 and min(levels) > 0:
        # One level drawn (one value, no target to reach): the axis from zero gives it a scale.
        layout["yaxis"]["rangemode"] = "tozero"  # type: ignore[index]
    if annual.empty:
        layout["annotations"] = [
            {
                "text": t.gettext("No values stored yet"),
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.95,
                "showarrow": False,
                "font": {"size": 16, "color": GREY},
            }
        ]
    return {"data": traces, "layout": layout}
