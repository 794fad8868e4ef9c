"""The downloadable files: every indicator of a city (and of all cities) with its status, the
evidence behind it and its sources, as rows for CSV and records for JSON (pure).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pledges import translation
from pledges.views.site import site_pages

COLUMNS = (
    "city",
    "country",
    "region",
    "pledge",
    "pledge_name",
    "goal",
    "indicator",
    "indicator_name",
    "unit",
    "status",
    "stale",
    "evidence",
    "latest_year",
    "latest_value",
    "progress_share",
    "sentence",
    "reason",
    "sources",
    "page",
)
# What each column holds: in English in the JSON (an interface), in the reader's words on the
# data page.
DESCRIPTIONS = {
    "city": translation.N_("the city's name as stored"),
    "country": translation.N_("its country"),
    "region": translation.N_("its region (as the CDP–ICLEI panel names them)"),
    "pledge": translation.N_("the pledge's id"),
    "pledge_name": translation.N_("the pledge's name"),
    "goal": translation.N_("the goal the indicator measures"),
    "indicator": translation.N_("the indicator's id"),
    "indicator_name": translation.N_("the indicator's name"),
    "unit": translation.N_("the unit of its values"),
    "status": translation.N_("on track, off track, ... (see the methodology)"),
    "stale": translation.N_("yes when the newest value is old"),
    "evidence": translation.N_("strong, moderate or weak (empty when not assessed)"),
    "latest_year": translation.N_("the year of the newest value"),
    "latest_value": translation.N_("the newest value, in the unit"),
    "progress_share": translation.N_("the share of the way from baseline to target (0 to 1)"),
    "sentence": translation.N_("the status in one sentence"),
    "reason": translation.N_("why the status is what it is"),
    "sources": translation.N_("every source of the values and baseline, separated by ' | '"),
    "page": translation.N_("the indicator's page, relative to the site's root"),
}


def _number(value: float | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def rows(city: site_pages.CityView) -> list[dict[str, object]]:
    """One record per indicator of the city, pledge by pledge."""
    out: list[dict[str, object]] = []
    for pledge in city.pledges:
        for view in pledge.indicators:
            a = view.item.assessment
            out.append(
                {
                    "city": city.name,
                    "country": city.country,
                    "region": city.region,
                    "pledge": pledge.key,
                    "pledge_name": pledge.name,
                    "goal": view.goal,
                    "indicator": view.item.indicator.key,
                    "indicator_name": view.name,
                    "unit": view.item.indicator.unit,
                    "status": view.status.word,
                    "stale": "yes" if view.stale else "no",
                    "evidence": None if a.evidence is None else str(a.evidence),
                    "latest_year": a.latest_year,
                    "latest_value": _number(a.latest_value),
                    "progress_share": _number(a.progress_share),
                    "sentence": view.sentence,
                    "reason": a.reason,
                    "sources": " | ".join(view.sources),
                    "page": "/".join(view.path) + ".html",
                }
            )
    return out


def table(records: Sequence[dict[str, object]]) -> list[list[object]]:
    """Records as rows in the columns' order."""
    return [[record[c] for c in COLUMNS] for record in records]


SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Indicators of a city (or of every city)",
    "type": "object",
    "required": ["as_of", "columns", "indicators"],
    "properties": {
        "as_of": {"type": "string", "format": "date"},
        "columns": {"type": "object", "additionalProperties": {"type": "string"}},
        "indicators": {
            "type": "array",
            "items": {
                "type": "object",
                "required": list(COLUMNS),
                "properties": {
                    **{c: {"type": ["string", "null"]} for c in COLUMNS},
                    "latest_year": {"type": ["integer", "null"]},
                    "latest_value": {"type": ["number", "null"]},
                    "progress_share": {"type": ["number", "null"]},
                },
                "additionalProperties": False,
            },
        },
    },
}


def document(records: Sequence[dict[str, object]], as_of: str) -> dict[str, object]:
    """The JSON file: the as-of date, what each column means, and the records."""
    return {"as_of": as_of, "columns": DESCRIPTIONS, "indicators": list(records)}
