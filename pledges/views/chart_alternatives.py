"""The indicator chart's text alternatives: the table of every number it draws and the
summary a sighted reader takes from it (WCAG 1.1.1), in the reader's language."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from pledges import model, numbers, translation
from pledges.service import vocabulary
from pledges.views import charts, formatting

EN = translation.ENGLISH


def chart_table(assessment: vocabulary.Assessment, t: translation.Translator = EN) -> pd.DataFrame:
    """Every number the indicator chart draws, one row a year, for the table under it (its
    headers in `t`'s words)."""
    frames = []  # each drawn frame with the table's name for each of its columns, year first
    year = t.gettext("year")
    annual = assessment.annual
    if not annual.empty:
        # Two methods may each have a value for one year: a row each (never one joined line).
        names = {"year": year, "value": t.gettext("actual"), "method": t.gettext("method")}
        frames.append((annual, names))
    required, projection = assessment.required_path, assessment.projection  # each built once
    if not required.empty:
        frames.append((required, {"year": year, "value": t.gettext("required path")}))
    if not projection.empty:
        band = numbers.percent(assessment.band, t.lang)
        frames.append(
            (
                projection,
                {
                    "year": year,
                    "value": t.gettext("projection"),
                    "low": t.gettext("band low ({share})", share=band),
                    "high": t.gettext("band high ({share})", share=band),
                },
            )
        )
    if not frames:
        return pd.DataFrame({year: pd.Series(dtype="int64")})
    if not annual.empty and annual["year"].duplicated().any():
        named = [f[list(names)].set_axis(list(names.values()), axis=1) for f, names in frames]
        table = named[0].astype({year: int})
        for frame in named[1:]:
            table = table.merge(frame.astype({year: int}), on=year, how="outer")
        return table.sort_values(year, kind="stable").reset_index(drop=True)
    # One value a year (nearly always): the frames side by side by year, in one step.
    return _side_by_side(frames)


def _side_by_side(frames: list[tuple[pd.DataFrame, dict[str, str]]]) -> pd.DataFrame:
    """Frames of one row a year joined on every year any of them has, in order, a year one
    lacks as NaN, each column named as given (the year first). From plain lists, as renaming
    and joining frames in pandas costs more than the page they feed."""
    rows_of = []
    for frame, names in frames:
        year = next(iter(names))
        rows_of.append({int(y): row for row, y in enumerate(frame[year].tolist())})
    years = sorted({y for rows in rows_of for y in rows})
    columns: dict[str, object] = {
        next(iter(frames[0][1].values())): np.array(years, dtype=np.int64)
    }
    for (frame, names), row_of in zip(frames, rows_of, strict=True):
        for source, name in list(names.items())[1:]:
            column = frame[source]
            values = column.tolist()
            filled = [values[row_of[y]] if y in row_of else math.nan for y in years]
            # As pandas joins: a column keeps its type unless a gap makes integers floats.
            gaps = len(row_of) < len(years) and column.dtype.kind in "iub"
            columns[name] = pd.array(filled, dtype=np.float64 if gaps else column.dtype)
    return pd.DataFrame(columns)


def indicator_summary(
    indicator: model.Indicator, assessment: vocabulary.Assessment, t: translation.Translator = EN
) -> str:
    """A text alternative to the indicator chart: what a sighted reader takes from it."""
    unit = indicator.unit
    annual = assessment.annual
    parts: list[str] = []

    if annual.empty:
        parts.append(t.gettext("The chart has no values yet."))
    else:
        first, last = annual.iloc[0], annual.iloc[-1]
        if len(annual) == 1:
            parts.append(
                t.gettext(
                    "One value is stored: {value} in {year}.",
                    value=formatting.quantity(float(last["value"]), unit, t),
                    year=int(last["year"]),
                )
            )
        else:
            parts.append(
                t.ngettext(
                    "{count} annual value from {first} ({first_value}) to {last} ({last_value}).",
                    "{count} annual values from {first} ({first_value}) to {last} ({last_value}).",
                    len(annual),
                    first=int(first["year"]),
                    first_value=formatting.quantity(float(first["value"]), unit, t),
                    last=int(last["year"]),
                    last_value=formatting.quantity(float(last["value"]), unit, t),
                )
            )
        runs = len(charts.method_runs(annual))
        if runs > 1:
            parts.append(
                t.gettext(
                    "The line is broken into {runs} parts where the method changes.", runs=runs
                )
            )
    if assessment.baseline_year is not None and assessment.baseline_value is not None:
        parts.append(
            t.gettext(
                "Baseline {year}: {value}.",
                year=assessment.baseline_year,
                value=formatting.quantity(assessment.baseline_value, unit, t),
            )
        )
    used = charts.drawn(indicator, assessment).targets
    if used:
        listed = "; ".join(
            f"{target.year}: {formatting.target_text(target, unit, t)}" for target in used
        )
        parts.append(t.gettext("Targets: {targets}.", targets=listed))
    if len(used) < len(indicator.targets):
        listed = "; ".join(
            f"{one.target.year}: {formatting.target_text(one.target, unit, t)}"
            for one in assessment.set_aside
        )
        parts.append(
            t.gettext(
                "Not drawn (set aside, each with its reason under the chart): {targets}.",
                targets=listed,
            )
        )
    if indicator.targets:
        if not assessment.required_path.empty:
            parts.append(t.gettext("A dashed line shows the required path through the milestones."))
    else:
        parts.append(t.gettext("No numeric target: the trend is shown without a status."))
    projection = assessment.projection
    if not projection.empty:
        end = projection.iloc[-1]
        parts.append(
            t.gettext(
                "At the current trend the value would be {value} in {year} ({share} band {low} "
                "to {high}).",
                value=formatting.quantity(float(end["value"]), unit, t),
                year=int(end["year"]),
                share=numbers.percent(assessment.band, t.lang),
                low=numbers.number(float(end["low"]), t.lang),
                high=numbers.number(float(end["high"]), t.lang),
            )
        )
    return " ".join(parts)
