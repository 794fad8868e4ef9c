"""The CDP–ICLEI panel for Compare: filters, the table a reader sorts, peers, the pace chart.

Pure: `service.panel_status` frames in, frames, sentences and plotly figures out. Paces are
shown as a share of the city's baseline a year, so a city of 50,000 and one of 8 million sit
on one chart. A pace beyond `UNREADABLE` % of the baseline a year is no pace (a reference
level or a value is off: a unit slip, a year typed as a value): such a city is left out of the
chart and of its peers' ranks, and listed under the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pledges import numbers, translation
from pledges.service import vocabulary
from pledges.views import formatting

EN = translation.ENGLISH
N_ = translation.N_
CITATION = N_(
    "Self-reported to CDP. This data was collected in partnership by CDP and ICLEI - Local "
    "Governments for Sustainability. The inventory data is based on non-verified self-reported "
    "city inputs and may not include all emission sources within the city boundary."
)
# Population bands by their English name (the filter's value); shown in the reader's words.
BANDS = (
    (100_000, N_("under 100,000")),
    (1_000_000, N_("100,000 to 1 million")),
    (5_000_000, N_("1 to 5 million")),
)
LARGEST = N_("5 million and more")
UNKNOWN = N_("population not stated")
UNREADABLE = 100.0
"""% of the baseline a year beyond which a pace, needed or actual, says a data problem."""


def population_band(population: float | None) -> str:
    """The population band a city's peers share."""
    if population is None or pd.isna(population):
        return UNKNOWN
    return next((name for limit, name in BANDS if population < limit), LARGEST)


@dataclass(frozen=True, slots=True)
class Filters:
    """What the reader chose; empty means every value."""

    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    bands: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    search: str = ""
    grades: tuple[str, ...] = ()


GRADES = tuple(grade.value for grade in vocabulary.Grade)
NO_GRADE = "no grade"
"""The grade column's word for a city the engine gave no evidence grade (no status to back)."""


GRADE_WORDS = {
    "strong": translation.N_("strong"),
    "moderate": translation.N_("moderate"),
    "weak": translation.N_("weak"),
    NO_GRADE: translation.N_("no grade"),
}


def grade_text(grade: object, t: translation.Translator = translation.ENGLISH) -> str:
    """An evidence grade as its own word ("strong", "moderate", "weak"), or `NO_GRADE`."""
    word = str(grade) if isinstance(grade, str) and grade else NO_GRADE
    return t.gettext(GRADE_WORDS[word]) if word in GRADE_WORDS else word


def with_bands(table: pd.DataFrame) -> pd.DataFrame:
    """The panel table with each city's population band."""
    return table.assign(band=[population_band(p) for p in table["population"]])


def choose(table: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows the filters and the search box keep (search: any part of the name)."""
    keep = np.ones(len(table), dtype=bool)
    for column, chosen in (
        ("region", filters.regions),
        ("country", filters.countries),
        ("band", filters.bands),
        ("status", filters.statuses),
    ):
        if chosen:
            keep &= table[column].isin(chosen).to_numpy()
    if filters.grades:
        keep &= np.array([grade_text(g) in filters.grades for g in table["evidence"]], dtype=bool)
    if filters.search.strip():
        keep &= (
            table["city"].str.contains(filters.search.strip(), case=False, regex=False).to_numpy()
        )
    return table[keep]


def _ratio(value: float) -> str:
    return "–" if value is None or not math.isfinite(value) else f"{value:.2f}"


def display(table: pd.DataFrame, t: translation.Translator = translation.ENGLISH) -> pd.DataFrame:
    """The table as read: status as symbol and word, shares as percentages, no raw tonnes."""
    return pd.DataFrame(
        {
            "city": table["city"],
            "country": table["country"].fillna(""),
            "region": table["region"].fillna(""),
            "population": [t.gettext(band) for band in table["band"]],
            "status": [formatting.status_label(s, t) for s in table["status"]],
            "grade": [grade_text(g, t) for g in table["evidence"]],
            "progress share": [
                formatting.share(v if v == v else None, t) for v in table["progress_share"]
            ],
            "pace ratio": [_ratio(v) for v in table["pace_ratio"]],
            "latest year": table["latest_year"].astype("Int64"),
            "base year": _years(table, "baseline_year"),
            "target year": _years(table, "final_target_year"),
            "values": _years(table, "values"),
            "construction": table["construction"].fillna("–") if "construction" in table else "–",
            "city's own claim": table["claims"].fillna("–") if "claims" in table else "–",
        }
    )


def _years(table: pd.DataFrame, column: str) -> pd.Series:
    if column not in table:
        return pd.Series([pd.NA] * len(table), index=table.index, dtype="Int64")
    return table[column].astype("Float64").round().astype("Int64")


def peer_sentence(table: pd.DataFrame, city: str, t: translation.Translator = EN) -> str | None:
    """Where a city's pace ratio ranks among its region and population band, counting only
    cities whose next target has the same year (a pace ratio is against that target), or None."""
    rows = table[table["city"] == city]
    if rows.empty:
        return None
    me = rows.iloc[0]
    year = me["next_target_year"]
    if not math.isfinite(me["pace_ratio"]) or pd.isna(year) or not isinstance(me["region"], str):
        return None
    readable = set(pace_points(table)["city"])
    if city not in readable:
        return t.gettext(
            "no pace to rank: {city}'s pace is beyond {limit} % of its baseline a year, a data "
            "problem (self-reported to CDP)",
            city=city,
            limit=numbers.number(UNREADABLE, t.lang),
        )
    peers = table[
        (table["region"] == me["region"])
        & (table["band"] == me["band"])
        & (table["next_target_year"] == year)
        & table["city"].isin(readable)
    ]
    peers = peers[np.isfinite(peers["pace_ratio"].astype(float))]
    rank = int((peers["pace_ratio"] > me["pace_ratio"]).sum()) + 1
    band = str(me["band"])
    where = {"region": me["region"], "band": t.gettext(band), "year": int(year)}
    ratio = numbers.fixed(float(me["pace_ratio"]), 2, t.lang)
    if len(peers) == 1:
        return t.gettext(
            "pace ratio {ratio}: the only city in {region} of {band} people with a {year} "
            "target and a pace ratio (self-reported to CDP)",
            ratio=ratio,
            **where,
        )
    return t.gettext(
        "pace ratio {ratio}: {rank} of {count} cities in {region} of {band} people with a "
        "{year} target (self-reported to CDP)",
        ratio=ratio,
        rank=_ordinal(rank, t),
        count=len(peers),
        **where,
    )


def _ordinal(n: int, t: translation.Translator = EN) -> str:
    if t.lang != translation.DEFAULT:
        return t.gettext("{n}th", n=n)  # "3.º": one form in Spanish
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _paces(table: pd.DataFrame) -> pd.DataFrame:
    base = table["baseline_value"].astype(float)
    frame = pd.DataFrame(
        {
            "city": table["city"],
            "needed": table["required_pace"].astype(float) / base * 100,
            "actual": table["slope"].astype(float) / base * 100,
            "status": table["status"],
        }
    )
    return frame[np.isfinite(frame["needed"]) & np.isfinite(frame["actual"])]


def _readable(frame: pd.DataFrame) -> pd.Series:
    return (frame["needed"].abs() <= UNREADABLE) & (frame["actual"].abs() <= UNREADABLE)


def pace_points(table: pd.DataFrame) -> pd.DataFrame:
    """Actual and needed pace in % of the baseline a year (negative: falling), where known
    and readable."""
    frame = _paces(table)
    return frame[_readable(frame)]


def unreadable_paces(table: pd.DataFrame) -> pd.DataFrame:
    """The cities left out of the chart: a pace beyond `UNREADABLE` % of the baseline a year."""
    frame = _paces(table)
    return frame[~_readable(frame)]


def unreadable_note(table: pd.DataFrame, t: translation.Translator = EN) -> str:
    """The cities left out of the chart, named under it with their paces ("" when none)."""
    out = unreadable_paces(table)
    if out.empty:
        return ""
    named = "; ".join(
        t.gettext(
            "{city} ({actual} % a year, needed {needed} %)",
            city=row.city,
            actual=numbers.number(round(row.actual), t.lang),
            needed=numbers.number(round(row.needed), t.lang),
        )
        for row in out.itertuples(index=False)
    )
    return t.gettext(
        "Left out of the chart and of peer ranks ({count}): a pace beyond {limit} % of the "
        "baseline a year says the baseline or a value is off (a unit slip, a year typed as a "
        "value): {named}.",
        count=len(out),
        limit=numbers.number(UNREADABLE, t.lang),
        named=named,
    )


def pace_figure(
    points: pd.DataFrame, chosen: str | None, t: translation.Translator = EN
) -> go.Figure:
    """One mark per city, actual pace against pace needed; the diagonal is "on track"."""
    fig = go.Figure()
    if len(points):
        low = float(min(points["needed"].min(), points["actual"].min(), 0))
        high = float(max(points["needed"].max(), points["actual"].max(), 0))
        fig.add_trace(
            go.Scatter(
                x=[low, high],
                y=[low, high],
                mode="lines",
                name=t.gettext("on track (pace = pace needed)"),
                line={"color": "#555555", "dash": "dash"},
                hoverinfo="skip",
            )
        )
    others = points[points["city"] != chosen]
    fig.add_trace(
        go.Scatter(
            x=others["needed"],
            y=others["actual"],
            mode="markers",
            name=t.gettext("cities"),
            marker={"color": "#7f8c9a", "size": 7},
            text=others["city"],
            hovertemplate=t.gettext(
                "{city}: {actual} % a year, needed {needed} %",
                city="%{text}",
                actual="%{y:.1f}",
                needed="%{x:.1f}",
            )
            + "<extra></extra>",
        )
    )
    mine = points[points["city"] == chosen]
    if len(mine):
        # The label grows away from the nearer side, so a phone-width chart does not clip it.
        middle = (points["needed"].min() + points["needed"].max()) / 2
        side = "right" if float(mine["needed"].iloc[0]) <= middle else "left"
        fig.add_trace(
            go.Scatter(
                x=mine["needed"],
                y=mine["actual"],
                mode="markers+text",
                name=str(chosen),
                marker={"color": "#b03a2e", "size": 13, "symbol": "diamond"},
                text=mine["city"],
                textposition=f"top {side}",
                cliponaxis=False,
            )
        )
    fig.update_layout(
        xaxis_title=t.gettext("pace needed (% of baseline a year)"),
        yaxis_title=t.gettext("actual pace (% of baseline a year)"),
        separators=numbers.separators(t.lang),
        margin={"l": 60, "r": 20, "t": 30, "b": 50},
        height=420,
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def pace_summary(points: pd.DataFrame, chosen: str | None, t: translation.Translator = EN) -> str:
    """The chart in one sentence, for readers who do not see it."""
    if points.empty:
        return t.gettext("No city has enough values for a pace yet (self-reported to CDP).")
    faster = int((points["actual"] <= points["needed"]).sum())
    text = t.gettext(
        "{count} cities have a pace; {faster} fall at least as fast as their target needs "
        "(self-reported to CDP).",
        count=len(points),
        faster=faster,
    )
    mine = points[points["city"] == chosen]
    if len(mine):
        row = mine.iloc[0]
        text += " " + t.gettext(
            "{city}: {actual} % of its baseline a year, needed {needed} %.",
            city=chosen,
            actual=numbers.fixed(float(row["actual"]), 1, t.lang),
            needed=numbers.fixed(float(row["needed"]), 1, t.lang),
        )
    return text
