"""The public ledger of a pledge's target changes: its JSON document, schema and page rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pledges import model, service, translation

VERSION = "v1"
SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_NAME = "target-changes"
# Which way a target changed (the engine's words, stored and in the JSON in English).
CHANGE_WORDS = (
    translation.N_("added"),
    translation.N_("withdrawn"),
    translation.N_("strengthened"),
    translation.N_("weakened"),
    translation.N_("moved earlier"),
    translation.N_("moved later"),
    translation.N_("restated"),
)


def document_path(city_slug: str, pledge: str) -> str:
    """The document's path below `api/v1/`."""
    return f"{city_slug}/{pledge}/{SCHEMA_NAME}.json"


def page_path(city_slug: str, pledge: str) -> str:
    """The ledger page's path from the site's root."""
    return f"{city_slug}/{pledge}/{SCHEMA_NAME}.html"


def _side(side: model.Target | model.Baseline | None) -> dict | None:
    """One side of a change as numbers: a target's kind and levels, or a baseline."""
    if side is None:
        return None
    if isinstance(side, model.Baseline):
        return {"year": side.year, "value": side.value, "method": side.method}
    return {
        "year": side.year,
        "kind": side.kind,
        "value": side.value,
        "low": side.low,
        "high": side.high,
        "change_pct": side.change_pct,
    }


def _change(e: service.LedgerEntry) -> dict:
    return {
        "date": None if e.date is None else e.date.isoformat(),
        "indicator": e.indicator,
        "indicator_name": e.indicator_name,
        "unit": e.unit,
        "subject": e.subject,
        "year": e.year,
        "old": e.old,
        "new": e.new,
        "old_value": _side(e.old_side),
        "new_value": _side(e.new_side),
        "carried_from": e.carried_from,
        "change": e.change,
        "source": e.source,
        "reason": e.reason,
        "proposed_by": e.proposed_by,
        "approved_by": list(e.approved_by),
        "approved_at": None
        if e.approved_at is None
        else e.approved_at.isoformat(timespec="seconds") + "Z",
        "recorded_from_history": e.historical,
    }


def document(
    city: str,
    city_slug: str,
    pledge: model.Pledge,
    entries: Sequence[service.LedgerEntry],
    as_of: dt.date,
) -> dict:
    """`<city>/<pledge>/target-changes.json`: every approved change, oldest first."""
    return {
        "version": VERSION,
        "as_of": as_of.isoformat(),
        "city": {"name": city, "slug": city_slug},
        "pledge": {"id": pledge.key, "name": pledge.name},
        "changes": [_change(e) for e in entries],
    }


@dataclass(frozen=True, slots=True)
class Row:
    """One change as the page lists it."""

    date: str
    change: str
    indicator: str
    old: str
    new: str
    reason: str
    source: str
    approved_by: str


def rows(
    entries: Sequence[service.LedgerEntry], t: translation.Translator = translation.ENGLISH
) -> tuple[Row, ...]:
    """The page's list, newest first (words in `t`'s language; `date` stays ISO)."""
    return tuple(
        Row(
            "" if e.date is None else e.date.isoformat(),
            t.gettext(e.change),
            t.gettext("{indicator} (baseline)", indicator=t.name(e.indicator_name))
            if e.subject == "baseline"
            else t.name(e.indicator_name),
            e.old_in(t),
            e.new_in(t),
            e.reason,
            e.source,
            ", ".join(e.approved_by),
        )
        for e in reversed(entries)
    )


_TEXT = {"type": "string"}
_MAYBE_TEXT = {"type": ["string", "null"]}
_NUM = {"type": ["number", "null"]}
_SIDE = {
    "oneOf": [
        {"type": "null"},
        {
            "type": "object",
            "properties": {
                "year": {"type": "integer"},
                "kind": {"enum": ["value", "range", "change_pct", "maintain"]},
                "value": {"type": "number"},
                "low": _NUM,
                "high": _NUM,
                "change_pct": _NUM,
                "method": _MAYBE_TEXT,
            },
            "required": ["year", "value"],
            "additionalProperties": False,
        },
    ]
}
_CHANGE = {
    "type": "object",
    "properties": {
        "date": {"type": ["string", "null"], "format": "date"},
        "indicator": _TEXT,
        "indicator_name": _TEXT,
        "unit": _TEXT,
        "subject": {"enum": ["target", "baseline"]},
        "year": {"type": ["integer", "null"]},
        "old": _TEXT,
        "new": _TEXT,
        "old_value": _SIDE,
        "new_value": _SIDE,
        "carried_from": _MAYBE_TEXT,
        "change": {"enum": list(service.CHANGE_WORDS)},
        "source": {"type": "string", "minLength": 1},
        "reason": {"type": "string", "minLength": 1},
        "proposed_by": _TEXT,
        "approved_by": {"type": "array", "items": _TEXT, "minItems": 1},
        "approved_at": {"type": ["string", "null"], "format": "date-time"},
        "recorded_from_history": {"type": "boolean"},
    },
    "additionalProperties": False,
}
_CHANGE["required"] = sorted(_CHANGE["properties"])  # type: ignore[index]

SCHEMA = {
    "$schema": SCHEMA_URI,
    "title": "Pledge Tracker: the target changes of one pledge",
    "description": "Every approved change of a target or baseline: when, old and new, which "
    "way (added, withdrawn, strengthened, weakened, moved earlier, moved later, restated), "
    "why, the source, and who approved it.",
    "type": "object",
    "properties": {
        "version": {"const": VERSION},
        "as_of": {"type": "string", "format": "date"},
        "city": {
            "type": "object",
            "properties": {"name": _TEXT, "slug": _TEXT},
            "required": ["name", "slug"],
            "additionalProperties": False,
        },
        "pledge": {
            "type": "object",
            "properties": {"id": _TEXT, "name": _TEXT},
            "required": ["id", "name"],
            "additionalProperties": False,
        },
        "changes": {"type": "array", "items": _CHANGE},
    },
    "required": ["as_of", "changes", "city", "pledge", "version"],
    "additionalProperties": False,
}


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One target change as an Atom entry wants it (the city feed adds these beside values)."""

    id: str
    title: str
    updated: str
    summary: str
    link: str


def feed_items(
    entries: Sequence[service.LedgerEntry],
    city_slug: str,
    pledge_names: dict[str, str],
    t: translation.Translator = translation.ENGLISH,
) -> tuple[FeedItem, ...]:
    """A city's approved target changes as feed entries, newest first; `link` is relative to
    the site's root. The id names the change by what it is, not a database number."""
    items = []
    for e in reversed(entries):
        if e.approved_at is None:
            continue
        stamp = e.approved_at.isoformat(timespec="seconds") + "Z"
        items.append(
            FeedItem(
                id=f"urn:pledge-tracker:target-change:{city_slug}:{e.pledge}:{e.indicator}:"
                f"{e.subject}:{e.year or ''}:{stamp}",
                title=t.gettext(
                    "{pledge}: {indicator} {change} ({old} → {new})",
                    pledge=pledge_names.get(e.pledge, e.pledge),
                    indicator=t.name(e.indicator_name),
                    change=t.gettext(e.change),
                    old=e.old_in(t),
                    new=e.new_in(t),
                ),
                updated=stamp,
                summary=t.gettext(
                    "{reason} Source: {source}. Approved by {people}.",
                    reason=e.reason,
                    source=e.source,
                    people=", ".join(e.approved_by),
                ),
                link=page_path(city_slug, e.pledge),
            )
        )
    return tuple(items)
