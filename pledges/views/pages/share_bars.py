"""Progress-share bar charts (goals on the overview, cities on compare) and their text
alternatives: pure plotly, no Streamlit, no database."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from pledges import numbers, translation
from pledges.views import charts, formatting


@dataclass(frozen=True, slots=True)
class ShareBar:
    """One bar of a progress-share chart: a goal, a pledge or a city."""

    label: str
    progress_share: float | None
    status: str | None
    note: str = ""


def figure(
    bars: Sequence[ShareBar], height_per_bar: int = 76, t: formatting.Translator = formatting.EN
) -> go.Figure:
    """Progress share bars (0-100 %) coloured by status; each bar's name, symbol and word are
    written above it, so the chart reads the same at phone width and without colour."""
    fig = go.Figure()
    rows = list(reversed(bars))  # plotly draws the first category at the bottom
    styles = [formatting.style_of(bar.status) for bar in rows]
    keys = [str(index) for index in range(len(rows))]
    fig.add_trace(
        go.Bar(
            x=[formatting.bar_fraction(bar.progress_share) * 100 for bar in rows],
            y=keys,
            orientation="h",
            width=0.42,
            marker={
                "color": [style.fill for style in styles],
                "line": {"color": [style.text for style in styles], "width": 1.5},
            },
            customdata=[
                [
                    charts.escaped(bar.label),
                    formatting.status_label(bar.status, t),
                    charts.escaped(bar.note),
                ]
                for bar in rows
            ],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]} · %{x:.0f} %"
            "<br>%{customdata[2]}<extra></extra>",
            showlegend=False,
        )
    )
    for key, bar, style in zip(keys, rows, styles, strict=True):
        share = (
            t.gettext("no share")
            if bar.progress_share is None or not math.isfinite(bar.progress_share)
            else numbers.percent(bar.progress_share, t.lang)
        )
        status = f"{formatting.status_label(bar.status, t)} · {share}"
        # One line where name and status fit a phone's width, else two.
        gap = "  " if len(bar.label) + len(status) <= 40 else "<br>"
        fig.add_annotation(
            x=0,
            y=key,
            xref="x",
            yref="y",
            xanchor="left",
            yanchor="bottom",
            yshift=12,
            showarrow=False,
            align="left",
            text=f"<b>{charts.wrapped(t.name(bar.label), 44)}</b>{gap}"
            f'<span style="color:{style.text}">{status}</span>',
            font={"size": 13, "color": charts.TEXT},
        )
    fig.update_layout(
        height=max(140, 50 + height_per_bar * len(rows)),
        margin={"l": 4, "r": 12, "t": 26, "b": 4},
        font=charts.FONT,
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
    fig.update_xaxes(
        range=[-2, 104],
        tickvals=[0, 25, 50, 75, 100],
        ticktext=["0 %", "25 %", "50 %", "75 %", "100 %"],
        title_text=t.gettext("share of the way from baseline to target"),
        title_font={"size": 12, "color": charts.TEXT},
        gridcolor="#E5E5E5",
        automargin=True,
        fixedrange=True,
    )
    fig.update_yaxes(visible=False, range=[-0.5, len(rows) - 0.2], fixedrange=True)
    return fig


def table(bars: Sequence[ShareBar], t: formatting.Translator = formatting.EN) -> pd.DataFrame:
    """The numbers of a progress-share chart, for the table under it."""
    return pd.DataFrame(
        {
            t.gettext("name"): [bar.label for bar in bars],
            t.gettext("status"): [formatting.status_label(bar.status, t) for bar in bars],
            t.gettext("progress share"): [formatting.share(bar.progress_share, t) for bar in bars],
            t.gettext("detail"): [bar.note for bar in bars],
        }
    )


SUMMARIES = {
    "goal": translation.N_(
        "Progress share of each goal ({start} at the baseline, {end} at the target): {bars}."
    ),
    "city": translation.N_(
        "Progress share of each city ({start} at the baseline, {end} at the target): {bars}."
    ),
}


def summary(bars: Sequence[ShareBar], what: str, t: formatting.Translator = formatting.EN) -> str:
    """A text alternative to a progress-share chart of goals or cities (`what`)."""
    if not bars:
        return f"No {what} to show."
    parts = [
        f"{t.name(bar.label)}: {formatting.status_label(bar.status, t)}, "
        f"{formatting.share(bar.progress_share, t)}"
        for bar in bars
    ]
    # The ends of the scale as placeholders: a "%" before a word reads to gettext as a format.
    start, end = f"{numbers.number(0, t.lang)} %", f"{numbers.number(100, t.lang)} %"
    return t.gettext(SUMMARIES[what], bars="; ".join(parts), start=start, end=end)
