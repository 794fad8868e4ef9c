"""A validated definition turned into the frozen domain objects, targets made absolute."""

from __future__ import annotations

from pledges import model
from pledges.catalog import fields
from pledges.catalog.schema import IndicatorDef, PledgeFile, TargetDef
from pledges.catalog.stewardship import to_cadence, to_owner


def resolve_target(
    target: TargetDef, direction: model.Direction, baseline: model.Baseline | None
) -> model.Target:
    """Turn a target as written into absolute numbers, once, on load (or on a proposal)."""
    kind = target.kind
    low = high = None
    if kind == "range":
        low, high = target.range  # type: ignore[misc]
        value = low if direction == "higher" else high
    elif kind == "change_pct":
        if baseline is None:
            raise ValueError("a change_pct target needs a baseline to be relative to")
        value = model.changed_level(baseline.value, target.change_pct)  # type: ignore[arg-type]
    elif kind == "maintain":
        value = target.maintain  # type: ignore[assignment]
    else:
        value = target.value  # type: ignore[assignment]
    return model.Target(
        year=target.year,
        kind=kind,
        value=float(value),
        source=target.source,
        low=low,
        high=high,
        change_pct=target.change_pct,
        claimed_pct=target.claimed_pct,
        coverage=target.coverage,
    )


def _resolve_target(target: TargetDef, indicator: IndicatorDef) -> model.Target:
    """A target of a definition file resolved against its indicator's baseline."""
    base = indicator.baseline
    baseline = model.Baseline(base.year, base.value, base.source, base.method) if base else None
    return resolve_target(target, indicator.direction, baseline)


def to_pledge(parsed: PledgeFile) -> model.Pledge:
    """Convert a validated definition into the frozen domain objects."""
    city = model.City(**parsed.city.model_dump())
    default_owner, default_cadence = parsed.pledge.owner, parsed.pledge.cadence
    goals = []
    for goal in parsed.goals:
        indicators = []
        for ind in goal.indicators:
            baseline = (
                model.Baseline(
                    ind.baseline.year,
                    ind.baseline.value,
                    ind.baseline.source,
                    ind.baseline.method,
                    ind.baseline.coverage,
                    ind.baseline.definitional,
                )
                if ind.baseline
                else None
            )
            targets = tuple(
                sorted((_resolve_target(t, ind) for t in ind.targets), key=lambda t: t.year)
            )
            indicators.append(
                model.Indicator(
                    key=ind.id,
                    name=fields.english(ind.name),
                    unit=ind.unit,
                    direction=ind.direction,
                    path=ind.path,
                    aggregation=ind.aggregation,
                    baseline=baseline,
                    targets=targets,
                    note=ind.note,
                    owner=to_owner(ind.owner or default_owner),
                    cadence=to_cadence(ind.cadence or default_cadence),
                    future_periods=ind.future_periods,
                    coverage=ind.coverage,
                    floor=ind.floor,
                    same_as=ind.same_as,
                    valid_range=ind.valid_range,
                )
            )
        goals.append(
            model.Goal(goal.id, fields.english(goal.name), tuple(indicators), goal.headline)
        )
    p = parsed.pledge
    return model.Pledge(
        key=p.id,
        name=fields.english(p.name),
        adopted=p.adopted,
        source=p.source,
        city=city,
        goals=tuple(goals),
        state=p.status,
        state_date=p.status_date,
        state_source=p.status_source,
        superseded_by=p.superseded_by,
        note=p.note,
    )
