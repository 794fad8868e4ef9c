"""Plausibility: rows that read fine but are probably not observations (future, target, unit).

One home for these rules: the general reader asks them row by row, and `suspicious` lets the
canonical fast path hand a file to the general reader whenever one of them would speak.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from pledges import model, translation
from pledges.ingest import report
from pledges.ingest.checking import units
from pledges.ingest.reading import periods

# Words that mark a target row: German Ziel (Zielwert, Zielpfad, Klimaschutzziel; not the
# place name Zielona Góra), English target and goal.
TARGET = re.compile(r"ziel(?:werte?|pfad|jahr|e)?\b|\btargets?\b|\bgoals?\b", re.IGNORECASE)


def future(
    period: periods.Period, indicator: model.Indicator | None, today: dt.date | None
) -> bool:
    """True when a period lies after today and the indicator does not allow that."""
    if today is None or period.date <= today:
        return False
    return indicator is None or not indicator.future_periods


def future_issue(
    row: int, label: str | None, shown: str, period: periods.Period, today: dt.date
) -> report.Issue:
    """The error for an observation dated after today."""
    written = periods.write(period.date, period.annual)
    return report.said(
        "future-period",
        translation.N_(
            "Period {period} is after today ({today}): observations are measured values; targets"
            " belong in the definition. Correct the period, or delete the row."
        ),
        {"period": written, "today": today.isoformat()},
        row,
        label,
        shown,
        report.phrase(translation.N_("a period up to {today}"), {"today": today.isoformat()}),
    )


def target_text(texts: Iterable[str]) -> str | None:
    """The first text of a row that says target (Ziel, target, goal), if any."""
    for text in texts:
        if text and TARGET.search(text):
            return text
    return None


def target_issue(row: int, label: str | None, text: str) -> report.Issue:
    """The warning for a row whose text says it is a target, not an observation."""
    return report.said(
        "target-row",
        translation.N_(
            "This row says '{text}': a target, not an observation? Targets belong in the pledge"
            " definition; filter the row out or map it to be skipped if it is one."
        ),
        {"text": text[:60]},
        row,
        label,
        text[:60],
        report.phrase(translation.N_("a measured value")),
        "warning",
    )


def unit_kind(given: str, wanted: str) -> report.Phrase | None:
    """Why a unit the converter accepts still differs in kind from the indicator's, if it does
    (the whole warning): the indicator weighs a named gas (CO2e), the row's unit nothing named."""
    if not given or given == wanted or units.conversion(given, wanted).code:
        return None
    if units.gas_label(wanted) and not units.gas_label(given):
        return report.phrase(
            translation.N_(
                "'{given}' weighs no named gas; the indicator is measured in '{wanted}'. Check"
                " that the row measures what the indicator measures; this does not block the"
                " import."
            ),
            {"given": given, "wanted": wanted},
        )
    return None


def unit_issue(row: int, label: str | None, given: str, reason: report.Phrase) -> report.Issue:
    """The warning for a unit of another kind than the indicator's."""
    return report.said(
        "unit-kind", reason.template, dict(reason.values), row, label, given, None, "warning"
    )


def out_of_bounds(
    out: Mapping[str, Sequence[object]], indicators: Mapping[model.IndicatorRef | None, object]
) -> list[report.Issue]:
    """Errors for values outside their indicator's range (a share outside 0-100 %), by row."""
    issues: list[report.Issue] = []
    keys = zip(out["city"], out["pledge"], out["indicator"], out["value"], out["row"], strict=True)
    for city, pledge, name, value, row in keys:
        indicator = indicators.get(model.IndicatorRef(str(city), str(pledge), str(name)))
        bounds = indicator.bounds if isinstance(indicator, model.Indicator) else None
        if bounds is None or bounds[0] <= float(value) <= bounds[1]:  # type: ignore[arg-type]
            continue
        issues.append(bounds_issue(int(row), float(value), indicator, bounds))  # type: ignore[arg-type]
    return issues


def bounds_issue(
    row: int | None, value: float, indicator: model.Indicator, bounds: tuple[float, float]
) -> report.Issue:
    """The error for a value no careful person would store: outside the indicator's range."""
    low, high = (f"{bound:g}" for bound in bounds)
    if indicator.valid_range is None:
        template = translation.N_(
            "{name}: {value} {unit} is outside {low}-{high} {unit}, which a share of this indicator"
            " must lie within. Check the value, its unit and the decimal mark (a fraction 0-1"
            " needs the unit 'fraction', not %)."
        )
    else:
        template = translation.N_(
            "{name}: {value} {unit} is outside {low}-{high} {unit}, which a value of this"
            " indicator must lie within. Check the value, its unit and the decimal mark (a"
            " fraction 0-1 needs the unit 'fraction', not %)."
        )
    return report.said(
        "out-of-range",
        template,
        {
            "name": indicator.name,
            "value": f"{value:g}",
            "unit": indicator.unit,
            "low": low,
            "high": high,
        },
        row,
        "value",
        f"{value:g}",
        report.phrase(translation.N_("{low} to {high}"), {"low": low, "high": high}),
    )


def suspicious(
    frame: pd.DataFrame,
    catalog: Mapping[model.IndicatorRef, model.Indicator],
    today: dt.date | None,
) -> bool:
    """True when a frame read by the fast path has a value or period these rules refuse (its
    names are the catalog's own keys and the rest are fields, so no label there says target)."""
    if frame.empty:
        return False
    for (city, pledge, indicator), values in frame.groupby(
        ["city", "pledge", "indicator"], sort=False
    )["value"]:
        found = catalog.get(model.IndicatorRef(city, pledge, indicator))
        bounds = found.bounds if found is not None else None
        if bounds is not None and ((values < bounds[0]) | (values > bounds[1])).any():
            return True
    if today is None:
        return False
    later = frame[frame["period"] > today]
    for city, pledge, indicator in later[["city", "pledge", "indicator"]].itertuples(
        index=False, name=None
    ):
        found = catalog.get(model.IndicatorRef(city, pledge, indicator))
        if found is None or not found.future_periods:
            return True
    return False
