"""The ledger: every target change in words, with which way it went and who agreed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pledges import errors, model, store, translation
from pledges.progress import target_change

Side = model.Target | model.Baseline | None
# Where an old side was: the pledge's name as its definition gives it, and the indicator's key
# where it was another indicator's.
Place = tuple[str, str | None]
EN = translation.ENGLISH
CHANGE_WORDS = target_change.CHANGES  # the ledger's words, in the order they are defined


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
    carried_place: Place | None = None

    def old_in(self, t: translation.Translator = EN) -> str:
        """The old side in words in `t`'s language (`old` is the English, an interface)."""
        return _words(self.old_side, self.subject, self.unit, self.carried_place, t)

    def new_in(self, t: translation.Translator = EN) -> str:
        """The new side in words in `t`'s language (`new` is the English, an interface)."""
        return _words(self.new_side, self.subject, self.unit, None, t)

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


def _words(
    side: Side, subject: str, unit: str, place: Place | None, t: translation.Translator = EN
) -> str:
    if subject == "baseline":
        text = target_change.describe_baseline(side, unit, t)  # type: ignore[arg-type]
    else:
        text = target_change.describe(side, unit, t)  # type: ignore[arg-type]
    if place is None or side is None:
        return text
    name, indicator = place
    where = t.name(name) if indicator is None else f"{t.name(name)}, {indicator}"
    return t.gettext("{side} (in {place})", side=text, place=where)


@dataclass(frozen=True, slots=True)
class _Context:
    """Each indicator's targets now (they judge a new baseline) and each pledge's name."""

    targets: dict[tuple[str, str, str], tuple[model.Target, ...]]
    names: dict[tuple[str, str], str]


def context(db: store.Store, city: str | None) -> _Context:
    pledges = db.pledges(city=city)
    return _Context(
        {(p.city.name, p.key, i.key): i.targets for p in pledges for _, i in p.indicators()},
        {(p.city.name, p.key): p.name for p in pledges},
    )


def _carried(change: store.StoredChange, context: _Context | None) -> Place | None:
    """Where the old side was: the pledge's name (and the indicator if another)."""
    if change.carried_from is None:
        return None
    pledge, _, indicator = change.carried_from.partition("/")
    name = (context.names if context else {}).get((change.ref.city, pledge), pledge)
    return name, None if indicator == change.ref.indicator else indicator


def entry(change: store.StoredChange, context: _Context | None = None) -> LedgerEntry:
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
    place = _carried(change, context)
    return LedgerEntry(
        id=change.id,
        city=change.ref.city,
        pledge=change.ref.pledge,
        indicator=change.ref.indicator,
        indicator_name=change.indicator_name,
        unit=change.unit,
        subject=change.subject,
        year=change.year,
        old=_words(change.old, change.subject, change.unit, place),
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
        carried_place=place,
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
    found = [
        c
        for c in db.target_changes(city=city, status="approved")
        if (pledge is None or c.ref.pledge == pledge)
        and (until is None or (c.decided_at is not None and c.decided_at <= until))
    ]
    if not found:  # most cities: no definitions to read (a publish asks for all 828)
        return ()
    targets = context(db, city)
    return tuple(entry(c, targets) for c in found)


def ledgers(
    db: store.Store, cities: Iterable[str], as_of: dt.date | dt.datetime | None = None
) -> dict[str, tuple[LedgerEntry, ...]]:
    """`ledger` of each city (empty for most), from one read of the approved changes: a publish
    asks for every city, and a read per city costs more than the few ledgers there are."""
    until = store.as_moment(as_of)
    by_city: dict[str, list[store.StoredChange]] = {city: [] for city in cities}
    for change in db.target_changes(status="approved"):
        if change.ref.city in by_city and (
            until is None or (change.decided_at is not None and change.decided_at <= until)
        ):
            by_city[change.ref.city].append(change)
    out: dict[str, tuple[LedgerEntry, ...]] = {}
    for city, found in by_city.items():
        targets = context(db, city) if found else None
        out[city] = tuple(entry(c, targets) for c in found)
    return out


def proposals(
    db: store.Store, city: str | None = None, status: str | None = None
) -> tuple[LedgerEntry, ...]:
    """Target changes of any status (or one), with the change each makes or would make."""
    targets = context(db, city)
    return tuple(entry(c, targets) for c in db.target_changes(city=city, status=status))


def proposal(db: store.Store, change_id: int) -> LedgerEntry:
    """One change, whatever its status."""
    found = db.target_changes(change_id=change_id)
    if not found:
        raise errors.NotAllowed(f"no target change has id {change_id}")
    return entry(found[0], context(db, found[0].ref.city))
