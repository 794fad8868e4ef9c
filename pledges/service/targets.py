"""Targets kept in the app: an editor proposes, another approves, and the ledger says which way.

Every change of a target or a baseline is a proposal with a source and a reason; it takes
effect when enough other editors approve it (`settings.target_approvals`, default 1), from
the moment of the last approval, so history and `--as-of` read it as they read values.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import smtplib
from dataclasses import dataclass

import pydantic

from pledges import catalog, errors, model, progress, settings, store
from pledges.auth import oidc, passwords
from pledges.catalog.schema import TargetDef
from pledges.progress import target_change
from pledges.service.access import require_editor
from pledges.service.assessing import assess, assessment_day
from pledges.stewardship import reminders, review_mail

Side = model.Target | model.Baseline | None


@dataclass(frozen=True, slots=True)
class NewTarget:
    """A target as an editor writes it: a year and exactly one of the four kinds."""

    year: int
    value: float | None = None
    range: tuple[float, float] | None = None
    change_pct: float | None = None
    maintain: float | None = None


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One target change in words: when, old -> new, which way, why and who agreed."""

    id: int
    city: str
    pledge: str
    indicator: str
    indicator_name: str
    unit: str
    subject: str  # "target" or "baseline"
    year: int | None
    old: str
    new: str
    change: target_change.Change
    source: str
    reason: str
    proposed_by: str
    proposed_at: dt.datetime
    status: str  # pending, approved or rejected
    approved_by: tuple[str, ...]
    approved_at: dt.datetime | None
    carried_from: str | None
    historical: bool
    old_side: Side
    new_side: Side
    comments: tuple[str, ...] = ()

    @property
    def date(self) -> dt.date | None:
        """The day it took effect (None while pending or if rejected)."""
        return self.approved_at.date() if self.approved_at and self.status == "approved" else None

    def record(self) -> dict[str, object]:
        """The documented JSON keys of `target history` and `target list`."""
        return {
            "id": self.id,
            "city": self.city,
            "pledge": self.pledge,
            "indicator": self.indicator,
            "year": self.year,
            "old": self.old,
            "new": self.new,
            "change": self.change,
            "source": self.source,
            "reason": self.reason,
            "proposed_by": self.proposed_by,
            "approved_by": ", ".join(self.approved_by) or None,
            "approved_at": None
            if self.approved_at is None
            else self.approved_at.isoformat(timespec="seconds") + "Z",
            "status": self.status,
            "subject": self.subject,
            "carried_from": self.carried_from,
        }


@dataclass(frozen=True, slots=True)
class Effect:
    """What a proposal would do to its indicator's assessment today."""

    before: progress.Assessment
    after: progress.Assessment


def _words(side: Side, subject: str, unit: str, carried_from: str | None) -> str:
    if subject == "baseline":
        text = target_change.describe_baseline(side, unit)  # type: ignore[arg-type]
    else:
        text = target_change.describe(side, unit)  # type: ignore[arg-type]
    return f"{text} (in {carried_from})" if carried_from and side is not None else text


@dataclass(frozen=True, slots=True)
class _Context:
    """Each indicator's targets now (they judge a new baseline) and each pledge's name."""

    targets: dict[tuple[str, str, str], tuple[model.Target, ...]]
    names: dict[tuple[str, str], str]


def _targets(db: store.Store, city: str | None) -> _Context:
    pledges = db.pledges(city=city)
    return _Context(
        {(p.city.name, p.key, i.key): i.targets for p in pledges for _, i in p.indicators()},
        {(p.city.name, p.key): p.name for p in pledges},
    )


def _carried(change: store.StoredChange, context: _Context | None) -> str | None:
    """Where the old side was, in words: the pledge's name (and the indicator if another)."""
    if change.carried_from is None:
        return None
    pledge, _, indicator = change.carried_from.partition("/")
    name = (context.names if context else {}).get((change.ref.city, pledge), pledge)
    return name if indicator == change.ref.indicator else f"{name}, {indicator}"


def _entry(change: store.StoredChange, context: _Context | None = None) -> LedgerEntry:
    """A stored change with its classification and its sides in words."""
    if change.subject == "baseline":
        ref = change.ref
        word = target_change.classify_baseline(
            change.old,  # type: ignore[arg-type]
            change.new,  # type: ignore[arg-type]
            (context.targets if context else {}).get((ref.city, ref.pledge, ref.indicator), ()),
            change.direction,
        )
    else:
        word = target_change.classify(
            change.old,  # type: ignore[arg-type]
            change.new,  # type: ignore[arg-type]
            change.direction,
            change.baseline,
        )
    return LedgerEntry(
        id=change.id,
        city=change.ref.city,
        pledge=change.ref.pledge,
        indicator=change.ref.indicator,
        indicator_name=change.indicator_name,
        unit=change.unit,
        subject=change.subject,
        year=change.year,
        old=_words(change.old, change.subject, change.unit, _carried(change, context)),
        new=_words(change.new, change.subject, change.unit, None),
        change=word,
        source=change.source,
        reason=change.reason,
        proposed_by=change.proposed_by,
        proposed_at=change.proposed_at,
        status=change.status,
        approved_by=change.approvals,
        approved_at=change.decided_at if change.status == "approved" else None,
        carried_from=change.carried_from,
        historical=change.historical,
        old_side=change.old,
        new_side=change.new,
        comments=tuple(
            f"{r.reviewer} ({r.verdict}): {r.comment}" for r in change.reviews if r.comment
        ),
    )


def ledger(
    db: store.Store,
    city: str | None = None,
    pledge: str | None = None,
    as_of: dt.date | dt.datetime | None = None,
) -> tuple[LedgerEntry, ...]:
    """Every approved target change (of a city or pledge) in the order it took effect,
    as known by `as_of` (default: now); what the public ledger and the feed show."""
    until = store.as_moment(as_of)
    targets = _targets(db, city)
    return tuple(
        _entry(c, targets)
        for c in db.target_changes(city=city, status="approved")
        if (pledge is None or c.ref.pledge == pledge)
        and (until is None or (c.decided_at is not None and c.decided_at <= until))
    )


def proposals(
    db: store.Store, city: str | None = None, status: str | None = None
) -> tuple[LedgerEntry, ...]:
    """Target changes of any status (or one), with the change each makes or would make."""
    targets = _targets(db, city)
    return tuple(_entry(c, targets) for c in db.target_changes(city=city, status=status))


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


def _why(source: str, reason: str) -> tuple[str, str]:
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
    source, reason = _why(source, reason)
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
    source, reason = _why(baseline.source, reason)
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


def propose(db: store.Store, actor: model.Actor, proposal: store.Proposal) -> int:
    """Store an editor's proposal for review; returns its id."""
    require_editor(actor, "propose a target change")
    if proposal.proposed_by != actor.name:
        proposal = dataclasses.replace(proposal, proposed_by=actor.name)
    return db.propose_change(proposal)


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
        targets = tuple(target_change.rebased(t, base) if base else t for t in indicator.targets)
        changed = dataclasses.replace(indicator, baseline=base, targets=targets)
    else:
        kept = [t for t in indicator.targets if t != proposal.old]
        if isinstance(proposal.new, model.Target):
            kept.append(proposal.new)
        changed = dataclasses.replace(indicator, targets=tuple(sorted(kept, key=lambda t: t.year)))
    after = progress.assess(changed, item.observations, day)
    return Effect(item.assessment, after)


def approvals_needed() -> int:
    """How many other editors must approve a change (at least one)."""
    return max(1, settings.load().target_approvals)


def approve(
    db: store.Store, actor: model.Actor, change_id: int, comment: str | None = None
) -> LedgerEntry:
    """Another editor approves; with enough approvals the change takes effect now."""
    require_editor(actor, "approve a target change")
    changed = db.review_change(change_id, actor.name, True, comment or None, approvals_needed())
    return _entry(changed, _targets(db, changed.ref.city))


def reject(db: store.Store, actor: model.Actor, change_id: int, comment: str) -> LedgerEntry:
    """Another editor rejects, saying why; nothing changes."""
    require_editor(actor, "reject a target change")
    if not comment.strip():
        raise errors.CatalogError(["a reason is required to reject a target change"])
    changed = db.review_change(change_id, actor.name, False, comment.strip(), 1)
    return _entry(changed, _targets(db, changed.ref.city))


def undo(db: store.Store, actor: model.Actor, change_id: int, reason: str) -> int:
    """Propose the reverse of an approved change (reviewed like any other); its id."""
    require_editor(actor, "propose a target change")
    found = db.target_changes(change_id=change_id)
    if not found or found[0].status != "approved" or found[0].historical:
        raise errors.NotAllowed(f"target change {change_id} is not an approved change to undo")
    done = found[0]
    _, reason = _why(done.source, reason)
    back = store.Proposal(
        done.ref, done.subject, done.new, done.old, done.source, reason, actor.name
    )
    return db.propose_change(back)


def reviewers(proposed_by: str, config: settings.Settings) -> list[str]:
    """The other editors' e-mail addresses: under OpenID Connect the editors' list, and any
    password editor whose account name is an e-mail address; never the proposer's."""
    found = set(oidc.editor_emails(config))
    with contextlib.suppress(errors.CredentialsError, FileNotFoundError):
        found |= {
            u.name.casefold()
            for u in passwords.list_users(path=config.credentials_file)
            if "@" in u.name
        }
    return sorted(found - {proposed_by.casefold()})


def notify(
    db: store.Store,
    change_id: int,
    config: settings.Settings,
    send: reminders.Sender | None = None,
) -> tuple[list[str], str | None]:
    """E-mail the other editors that a change waits for them; who was mailed, and any failure
    (a failed mail never undoes the proposal: the Targets page lists it all the same)."""
    entry = proposals_by_id(db, change_id)
    to = reviewers(entry.proposed_by, config)
    if not to:
        return [], None
    what = f"{entry.city} / {entry.pledge} / {entry.indicator_name}: {entry.old} -> {entry.new}"
    msg = review_mail.message(
        to,
        entry.id,
        what,
        entry.change,
        entry.proposed_by,
        entry.source,
        entry.reason,
        config.public_url,
        config.mail_from,
    )
    try:
        (send or reminders.smtp_sender(config))(msg)
    except (smtplib.SMTPException, OSError) as exc:
        return [], f"{type(exc).__name__}: {exc}"
    return to, None


def proposals_by_id(db: store.Store, change_id: int) -> LedgerEntry:
    """One change, whatever its status."""
    found = db.target_changes(change_id=change_id)
    if not found:
        raise errors.NotAllowed(f"no target change has id {change_id}")
    return _entry(found[0], _targets(db, found[0].ref.city))
