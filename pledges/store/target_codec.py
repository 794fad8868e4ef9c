"""Targets and baselines as the JSON text a target change keeps of its old and new sides, and
targets as rows of the targets table: the one list of a target's fields."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from pledges import model

# A target's fields, each a column of the targets table of the same name.
TARGET_FIELDS = (
    "year",
    "kind",
    "value",
    "low",
    "high",
    "change_pct",
    "claimed_pct",
    "source",
    "coverage",
)
_BASELINE_FIELDS = ("year", "value", "source", "method", "coverage", "definitional")


def encode_target(target: model.Target | None) -> str | None:
    """A target as JSON text (None stays None: nothing on that side)."""
    if target is None:
        return None
    return json.dumps({f: getattr(target, f) for f in TARGET_FIELDS}, sort_keys=True)


def decode_target(text: str | None) -> model.Target | None:
    """The target `encode_target` wrote."""
    if text is None:
        return None
    return model.Target(**_known(json.loads(text), TARGET_FIELDS))


def _known(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The fields a text holds: one written before a field existed takes its default."""
    return {f: data[f] for f in fields if f in data}


def encode_baseline(baseline: model.Baseline | None) -> str | None:
    """A baseline as JSON text (None stays None)."""
    if baseline is None:
        return None
    return json.dumps({f: getattr(baseline, f) for f in _BASELINE_FIELDS}, sort_keys=True)


def decode_baseline(text: str | None) -> model.Baseline | None:
    """The baseline `encode_baseline` wrote."""
    if text is None:
        return None
    return model.Baseline(**_known(json.loads(text), _BASELINE_FIELDS))


def encode_spec(baseline: model.Baseline | None, targets: tuple[model.Target, ...]) -> str:
    """An indicator's baseline and targets as one text, equal whenever they are equal."""
    return json.dumps(
        {
            "baseline": encode_baseline(baseline),
            "targets": sorted(encode_target(t) or "" for t in targets),
        },
        sort_keys=True,
    )


def from_row(row: Mapping[str, Any]) -> model.Target:
    """A stored target row as a target."""
    return model.Target(**{f: row[f] for f in TARGET_FIELDS})


def to_row(target: model.Target, indicator_id: int, now: dt.datetime) -> dict[str, object]:
    """A target as a row of the targets table, in force from `now`."""
    fields = {f: getattr(target, f) for f in TARGET_FIELDS}
    return {"indicator_id": indicator_id, **fields, "valid_from": now, "valid_to": None}
