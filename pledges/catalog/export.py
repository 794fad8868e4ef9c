"""Definitions written back as YAML: the store's pledges in the shape `load_pledges` reads.

Loading what this writes gives the same frozen pledges, so a file exported after an edit made
in the app and loaded by the next `init` changes nothing. Comments of the original files are
not kept: write the export beside them and compare before replacing one.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from pledges import model

_UNSAFE = re.compile(r"[^a-z0-9]+")


def file_name(pledge: model.Pledge) -> str:
    """The definition's file name, as the catalog names them: "los-angeles--la100.yaml"."""
    city = _UNSAFE.sub("-", pledge.city.name.lower()).strip("-")
    return f"{city}--{pledge.key}.yaml"


def _target(target: model.Target) -> dict[str, Any]:
    """A target as written: the one key of its kind with the number as the file gave it."""
    out: dict[str, Any] = {"year": target.year}
    if target.kind == "range":
        out["range"] = [target.low, target.high]
    elif target.kind == "change_pct":
        out["change_pct"] = target.change_pct
    else:
        out[target.kind] = target.value
    out["source"] = target.source
    if target.coverage is not None:
        out["coverage"] = target.coverage
    if target.claimed_pct is not None:
        out["claimed_pct"] = target.claimed_pct
    return out


def _filled(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def _indicator(indicator: model.Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": indicator.key,
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "path": indicator.path,
        "aggregation": indicator.aggregation,
    }
    out.update(
        _filled(coverage=indicator.coverage, floor=indicator.floor, same_as=indicator.same_as)
    )
    if indicator.valid_range is not None:
        out["valid_range"] = list(indicator.valid_range)
    if indicator.note is not None:
        out["note"] = indicator.note
    if indicator.baseline is not None:
        b = indicator.baseline
        out["baseline"] = _filled(
            year=b.year,
            value=b.value,
            source=b.source,
            method=b.method,
            coverage=b.coverage,
            definitional=b.definitional or None,
        )
    if indicator.targets:
        out["targets"] = [_target(t) for t in indicator.targets]
    if indicator.owner is not None:
        o = indicator.owner
        out["owner"] = _filled(name=o.name, team=o.team, email=o.email)
    if indicator.cadence is not None:
        out["cadence"] = {"every": indicator.cadence.every, "due": indicator.cadence.due_text}
    if indicator.future_periods:
        out["future_periods"] = True
    return out


# Each block of a definition file: its keys, each with the attribute it is written from.
CITY_KEYS = {
    key: key
    for key in (
        "name",
        "country",
        "population",
        "population_year",
        "region",
        "latitude",
        "longitude",
        "cdp_account",
    )
}
PLEDGE_KEYS = {
    "id": "key",
    "name": "name",
    "adopted": "adopted",
    "source": "source",
    "status": "state",
    "status_date": "state_date",
    "status_source": "state_source",
    "superseded_by": "superseded_by",
    "note": "note",
}


def _block(item: object, keys: dict[str, str]) -> dict[str, Any]:
    """An object's attributes under the file's keys, those not set left out."""
    return _filled(**{key: getattr(item, name) for key, name in keys.items()})


def to_mapping(pledge: model.Pledge) -> dict[str, Any]:
    """One pledge as the mapping a definition file holds."""
    goals = [
        _filled(
            id=g.key,
            name=g.name,
            headline=g.headline,
            indicators=[_indicator(i) for i in g.indicators],
        )
        for g in pledge.goals
    ]
    return {
        "city": _block(pledge.city, CITY_KEYS),
        "pledge": _block(pledge, PLEDGE_KEYS),
        "goals": goals,
    }


def to_yaml(pledge: model.Pledge) -> str:
    """One pledge as a definition file's text."""
    return yaml.safe_dump(
        to_mapping(pledge), sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
