"""A target change as an editor writes it, checked against the store, and what it would do."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pydantic

from pledges import catalog, errors, model, progress, store
from pledges.catalog.schema import TargetDef
from pledges.service.assessing import assess, assessment_day


@dataclass(frozen=True, slots=True)
class NewTarget:
    """A target as an editor writes it: a year and exactly one of the four kinds."""

    year: int
    value: float | None = None
    range: tuple[float, float] | None = None
    change_pct: float | None = None
    maintain: float | None = None


@dataclass(frozen=True, slots=True)
class Effect:
    """What a proposal would do to its indicator's assessment today."""

    before: progress.Assessment
    after: progress.Assessment


def _indicator(db: store.Store, ref: model.IndicatorRef) -> model.Indicator:
    """The indicator as stored now, or a message naming the indicators there are."""
    pledges = db.pledges(city=ref.city)
    for p in pledges:
        if p.key == ref.pledge:
            for _, indicator in p.indicators():
                if indicator.key == ref.indicator:
                    return indicator
            known = ", ".join(i.key for _, i in p.indicators()) or "none"
            raise errors.CatalogError(
                [f"unknown indicator {ref.indicator!r} of {ref.city}/{ref.pledge}; known: {known}"]
            )
    known = ", ".join(p.key for p in pledges) or "none"
    raise errors.CatalogError([f"unknown pledge {ref.pledge!r} of {ref.city!r}; known: {known}"])


def why(source: str, reason: str) -> tuple[str, str]:
    """The source and reason, stripped; a message for each that is missing."""
    problems = []
    if not source.strip():
        problems.append("a source is required: a URL or the title of the document that sets it")
    if not reason.strip():
        problems.append("a reason is required: why the target changes")
    if problems:
        raise errors.CatalogError(problems)
    return source.strip(), reason.strip()


def _at_year(indicator: model.Indicator, year: int) -> model.Target | None:
    """The one target of a year, if any (two of one year must be withdrawn one by one)."""
    found = [t for t in indicator.targets if t.year == year]
    if len(found) > 1:
        raise errors.CatalogError(
            [f"{indicator.key}: {len(found)} targets for {year}; withdraw one first"]
        )
    return found[0] if found else None


def resolve(
    indicator: model.Indicator, wanted: NewTarget, source: str, claimed: float | None = None
) -> model.Target:
    """A written target checked by the definition files' rules and made absolute."""
    raw = {
        k: v
        for k, v in dataclasses.asdict(wanted).items()
        if v is not None and not (k == "range" and v is None)
    }
    raw["source"] = source
    if claimed is not None:
        raw["claimed_pct"] = claimed
    try:
        parsed = TargetDef.model_validate(raw)
    except pydantic.ValidationError as exc:
        raise errors.CatalogError(
            [
                f"{indicator.key}: {catalog.format_path(e['loc']) or 'target'}: "
                + e["msg"].removeprefix("Value error, ")
                for e in exc.errors()
            ]
        ) from None
    if indicator.baseline is not None and parsed.year < indicator.baseline.year:
        raise errors.CatalogError(
            [
                f"{indicator.key}: target year {parsed.year} is before the baseline year "
                f"{indicator.baseline.year}"
            ]
        )
    try:
        return catalog.resolve_target(parsed, indicator.direction, indicator.baseline)
    except ValueError as exc:
        raise errors.CatalogError([f"{indicator.key}: {exc}"]) from None


def draft(
    db: store.Store,
    ref: model.IndicatorRef,
    source: str,
    reason: str,
    proposed_by: str,
    new: NewTarget | None = None,
    withdraw_year: int | None = None,
    moves_from: int | None = None,
) -> store.Proposal:
    """The proposal an edit makes, checked against the store (nothing is stored)."""
    source, reason = why(source, reason)
    indicator = _indicator(db, ref)
    if (new is None) == (withdraw_year is None):
        raise errors.CatalogError(
            ["give a new target (a year and its level) or a year to withdraw"]
        )
    if new is None:
        assert withdraw_year is not None
        old = _at_year(indicator, withdraw_year)
        if old is None:
            years = ", ".join(str(t.year) for t in indicator.targets) or "none"
            raise errors.CatalogError(
                [
                    f"{ref.indicator} has no target for {withdraw_year} to withdraw;"
                    f" its years: {years}"
                ]
            )
        return store.Proposal(ref, "target", old, None, source, reason, proposed_by)
    target = resolve(indicator, new, source)
    old = _at_year(indicator, moves_from if moves_from is not None else new.year)
    if moves_from is not None:
        if old is None:
            raise errors.CatalogError([f"{ref.indicator} has no target for {moves_from} to move"])
        if new.year != moves_from and _at_year(indicator, new.year) is not None:
            raise errors.CatalogError(
                [f"{ref.indicator} already has a target for {new.year}; change that one instead"]
            )
    if old == target:
        raise errors.CatalogError([f"{ref.indicator}: the target for {new.year} is already that"])
    return store.Proposal(ref, "target", old, target, source, reason, proposed_by)


def draft_baseline(
    db: store.Store,
    ref: model.IndicatorRef,
    baseline: model.Baseline,
    reason: str,
    proposed_by: str,
) -> store.Proposal:
    """A proposed new baseline (its own source is the change's), checked against the store."""
    source, reason = why(baseline.source, reason)
    indicator = _indicator(db, ref)
    early = [t.year for t in indicator.targets if t.year < baseline.year]
    if early:
        raise errors.CatalogError(
            [f"{ref.indicator}: baseline year {baseline.year} is after targets of {early}"]
        )
    if indicator.baseline == baseline:
        raise errors.CatalogError([f"{ref.indicator}: the baseline is already that"])
    return store.Proposal(
        ref, "baseline", indicator.baseline, baseline, source, reason, proposed_by
    )


def effect(db: store.Store, proposal: store.Proposal, today: dt.date | None = None) -> Effect:
    """The indicator's assessment now and as it would be with the change (nothing stored)."""
    day = assessment_day(None, today, db.clock)
    ref = proposal.ref
    item = next(
        i
        for i in assess(db, city=ref.city, today=day)
        if (i.pledge.key, i.indicator.key) == (ref.pledge, ref.indicator)
    )
    indicator = item.indicator
    if proposal.subject == "baseline":
        base = proposal.new
        assert isinstance(base, model.Baseline | None)
        targets = tuple(t.rebased(base) if base else t for t in indicator.targets)
        changed = dataclasses.replace(indicator, baseline=base, targets=targets)
    else:
        kept = [t for t in indicator.targets if t != proposal.old]
        if isinstance(proposal.new, model.Target):
            kept.append(proposal.new)
        changed = dataclasses.replace(indicator, targets=tuple(sorted(kept, key=lambda t: t.year)))
    after = progress.assess(changed, item.observations, day)
    return Effect(item.assessment, after)
