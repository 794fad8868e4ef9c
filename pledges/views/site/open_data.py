"""The open-data API's documents and their JSON Schemas, as plain dicts (pure, no I/O).

Every number is a JSON number or null (never NaN); names are text as written in the
definitions. `VERSION` names the folder (`api/v1/`); a new shape means a new version.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from pledges import model
from pledges.views import formatting
from pledges.views.site import site_pages

VERSION = "v1"
SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def _number(value: float | None) -> float | None:
    """A JSON-safe number: None for missing or non-finite values."""
    if value is None:
        return None
    value = float(value)
    return value + 0.0 if math.isfinite(value) else None  # + 0.0: never -0.0


def pledge_url(view: site_pages.PledgeView) -> str:
    """The pledge document's path below `api/v1/`."""
    return f"{view.path[0]}/{view.path[1]}.json"


def csv_url(view: site_pages.IndicatorView) -> str:
    """The indicator's values' path below `api/v1/`."""
    return "/".join(view.path) + ".csv"


def cities_document(cities: Sequence[site_pages.CityView], as_of: dt.date) -> dict:
    """`cities.json`: every city with its pledges and where their documents are."""
    return {
        "version": VERSION,
        "as_of": as_of.isoformat(),
        "cities": [
            {
                "name": city.name,
                "slug": city.slug,
                "country": city.country,
                "status": city.status.word,
                "pledges": [
                    {
                        "id": p.key,
                        "name": p.name,
                        "state": p.pledge.state,
                        "status": p.status.word,
                        "url": pledge_url(p),
                    }
                    for p in city.pledges
                ],
            }
            for city in cities
        ],
    }


def _target(target: model.Target) -> dict:
    return {
        "year": target.year,
        "kind": target.kind,
        "value": _number(target.value),
        "low": _number(target.low),
        "high": _number(target.high),
        "change_pct": _number(target.change_pct),
        "source": target.source,
    }


def _indicator(view: site_pages.IndicatorView) -> dict:
    indicator, a = view.item.indicator, view.item.assessment
    baseline = indicator.baseline
    latest = formatting.latest_point(a)
    return {
        "id": indicator.key,
        "slug": view.path[2],
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline": None
        if baseline is None
        else {"year": baseline.year, "value": _number(baseline.value), "source": baseline.source},
        "targets": [_target(t) for t in indicator.targets],
        "assessment": {
            "status": a.status,
            "symbol": a.symbol,
            "stale": bool(a.stale),
            "sentence": a.sentence,
            "latest_year": latest[0],
            "latest_value": _number(latest[1]),
            "latest_method": latest[2],
            "progress_share": _number(a.progress_share),
            "points": int(a.points),
            "verdicts": [
                {
                    "year": v.target.year,
                    "outcome": v.outcome,
                    "status": v.status,
                    "value": _number(v.value),
                    "value_year": v.value_year,
                }
                for v in a.verdicts
            ],
        },
        "values_csv": csv_url(view),
    }


def pledge_document(view: site_pages.PledgeView, as_of: dt.date) -> dict:
    """`<city>/<pledge>.json`: the pledge's goals, indicators, targets and assessments."""
    p = view.pledge
    return {
        "version": VERSION,
        "as_of": as_of.isoformat(),
        "city": {"name": p.city.name, "slug": view.path[0], "country": p.city.country},
        "pledge": {
            "id": p.key,
            "name": p.name,
            "adopted": p.adopted,
            "state": p.state,
            "source": p.source,
            "status": view.status.word,
        },
        "goals": [
            {
                "name": goal.name,
                "status": goal.status.word,
                "indicators": [_indicator(i) for i in goal.indicators],
            }
            for goal in view.goals
        ],
    }


_TEXT = {"type": "string"}
_NUM = {"type": ["number", "null"]}
_YEAR = {"type": ["integer", "null"]}
_SLUG = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _object(properties: dict, required: Sequence[str] | None = None) -> dict:
    """A closed object schema: every listed property required, nothing else allowed."""
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(required if required is not None else properties),
        "additionalProperties": False,
    }


CITIES_SCHEMA = {
    "$schema": SCHEMA_URI,
    "title": "Pledge Tracker cities",
    **_object(
        {
            "version": {"const": VERSION},
            "as_of": _DATE,
            "cities": {
                "type": "array",
                "items": _object(
                    {
                        "name": _TEXT,
                        "slug": _SLUG,
                        "country": _TEXT,
                        "status": _TEXT,
                        "pledges": {
                            "type": "array",
                            "items": _object(
                                {
                                    "id": _TEXT,
                                    "name": _TEXT,
                                    "state": {"enum": ["active", "abandoned", "superseded"]},
                                    "status": _TEXT,
                                    "url": {"type": "string", "pattern": r"^[a-z0-9/-]+\.json$"},
                                }
                            ),
                        },
                    }
                ),
            },
        }
    ),
}

_TARGET = _object(
    {
        "year": {"type": "integer"},
        "kind": {"enum": ["value", "range", "change_pct", "maintain"]},
        "value": _NUM,
        "low": _NUM,
        "high": _NUM,
        "change_pct": _NUM,
        "source": _TEXT,
    }
)

_INDICATOR = _object(
    {
        "id": _TEXT,
        "slug": _SLUG,
        "name": _TEXT,
        "unit": _TEXT,
        "direction": {"enum": ["higher", "lower"]},
        "baseline": {
            "oneOf": [
                {"type": "null"},
                _object({"year": {"type": "integer"}, "value": _NUM, "source": _TEXT}),
            ]
        },
        "targets": {"type": "array", "items": _TARGET},
        "assessment": _object(
            {
                "status": _TEXT,
                "symbol": _TEXT,
                "stale": {"type": "boolean"},
                "sentence": _TEXT,
                "latest_year": _YEAR,
                "latest_value": _NUM,
                "latest_method": {"type": ["string", "null"]},
                "progress_share": _NUM,
                "points": {"type": "integer", "minimum": 0},
                "verdicts": {
                    "type": "array",
                    "items": _object(
                        {
                            "year": {"type": "integer"},
                            "outcome": _TEXT,
                            "status": _TEXT,
                            "value": _NUM,
                            "value_year": _YEAR,
                        }
                    ),
                },
            }
        ),
        "values_csv": {"type": "string", "pattern": r"^[a-z0-9/-]+\.csv$"},
    }
)

PLEDGE_SCHEMA = {
    "$schema": SCHEMA_URI,
    "title": "Pledge Tracker pledge",
    **_object(
        {
            "version": {"const": VERSION},
            "as_of": _DATE,
            "city": _object({"name": _TEXT, "slug": _SLUG, "country": _TEXT}),
            "pledge": _object(
                {
                    "id": _TEXT,
                    "name": _TEXT,
                    "adopted": _YEAR,
                    "state": {"enum": ["active", "abandoned", "superseded"]},
                    "source": _TEXT,
                    "status": _TEXT,
                }
            ),
            "goals": {
                "type": "array",
                "items": _object(
                    {
                        "name": _TEXT,
                        "status": _TEXT,
                        "indicators": {"type": "array", "items": _INDICATOR},
                    }
                ),
            },
        }
    ),
}

# The CSV's shape (the upload format) as a table schema for the columns' names and types.
VALUES_SCHEMA = {
    "$schema": SCHEMA_URI,
    "title": "Pledge Tracker indicator values (CSV columns, the upload format)",
    "description": "One object describes one CSV row; cells starting with = + - @ are "
    "prefixed with an apostrophe so a spreadsheet shows them as text.",
    **_object(
        {
            "city": _TEXT,
            "pledge": _TEXT,
            "indicator": _TEXT,
            "period": {"type": "string", "pattern": r"^\d{4}(-\d{2}-\d{2})?$"},
            "value": {"type": "string", "pattern": r"^-?\d+(\.\d+)?([eE][+-]?\d+)?$"},
            "unit": _TEXT,
            "source": _TEXT,
            "note": _TEXT,
            "method": _TEXT,
        },
        required=("city", "pledge", "indicator", "period", "value", "unit", "source", "note"),
    ),
}

SCHEMAS = {"cities": CITIES_SCHEMA, "pledge": PLEDGE_SCHEMA, "values": VALUES_SCHEMA}
