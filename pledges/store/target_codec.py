"""Targets and baselines as the JSON text a target change keeps of its old and new sides."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from pledges import model

_TARGET_FIELDS = (
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
    return json.dumps({f: getattr(target, f) for f in _TARGET_FIELDS}, sort_keys=True)


def decode_target(text: str | None) -> model.Target | None:
    """The target `encode_target` wrote."""
    if text is None:
        return None
    return model.Target(**_known(json.loads(text), _TARGET_FIELDS))


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
    return model.Target(
        row["year"],
        row["kind"],
        row["value"],
        row["source"],
        row["low"],
        row["high"],
        row["change_pct"],
        row["claimed_pct"],
        row["coverage"],
    )


def to_row(target: model.Target, indicator_id: int, now: dt.datetime) -> dict[str, object]:
    """A target as a row of the targets table, in force from `now`."""
    return {
        "indicator_id": indicator_id,
        "year": target.year,
        "kind": target.kind,
        "value": target.value,
        "low": target.low,
        "high": target.high,
        "change_pct": target.change_pct,
        "claimed_pct": target.claimed_pct,
        "source": target.source,
        "coverage": target.coverage,
        "valid_from": now,
        "valid_to": None,
    }
