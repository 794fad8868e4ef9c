"""Proposed target and baseline changes, their reviews, and an approved change made real.

A change is stored with both sides (what it replaces, what it proposes) as they were when it
was proposed; approving it checks the store still holds the old side, so two changes of one
target can never silently overwrite each other. Nothing here decides who may do what: that is
`service.targets`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import sqlalchemy as sa

from pledges import errors, model
from pledges.store import definitions, schema, target_codec

CHANGE = schema.TargetChangeRow.__table__
REVIEW = schema.TargetReviewRow.__table__
TARGET = schema.TargetRow.__table__
INDICATOR = schema.IndicatorRow.__table__
PLEDGE = schema.PledgeRow.__table__
CITY = schema.CityRow.__table__
DEFINITION_CHANGE = schema.DefinitionChangeRow.__table__

Subject = Literal["target", "baseline"]
Side = model.Target | model.Baseline | None


@dataclass(frozen=True, slots=True)
class Proposal:
    """A change to store: one target (or the baseline) of one indicator, old side and new."""

    ref: model.IndicatorRef
    subject: Subject
    old: Side
    new: Side
    source: str
    reason: str
    proposed_by: str
    carried_from: str | None = None  # "pledge/indicator" when the old side is another pledge's
    historical_date: dt.datetime | None = None  # a change made before the store: recorded only
    decided_by: str | None = None  # who made a historical change (a council, a mayor)


@dataclass(frozen=True, slots=True)
class Review:
    """One editor's word on a proposal."""

    reviewer: str
    verdict: Literal["approve", "reject"]
    comment: str | None
    reviewed_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StoredChange:
    """A proposal as stored, with its indicator's name, unit, direction and baseline now."""

    id: int
    ref: model.IndicatorRef
    indicator_name: str
    unit: str
    direction: model.Direction
    baseline: model.Baseline | None
    subject: Subject
    old: Side
    new: Side
    carried_from: str | None
    source: str
    reason: str
    proposed_by: str
    proposed_at: dt.datetime
    status: Literal["pending", "approved", "rejected"]
    decided_at: dt.datetime | None
    historical: bool
    reviews: tuple[Review, ...] = ()

    @property
    def approvals(self) -> tuple[str, ...]:
        """Who approved it, in the order they did."""
        return tuple(r.reviewer for r in self.reviews if r.verdict == "approve")

    @property
    def year(self) -> int | None:
        """The target year it is about: the new side's, else the old's (None: a baseline)."""
        if self.subject == "baseline":
            return None
        side = self.new or self.old
        return side.year if side is not None else None


def _encode(subject: Subject, side: Side) -> str | None:
    if subject == "baseline":
        return target_codec.encode_baseline(side)  # type: ignore[arg-type]
    return target_codec.encode_target(side)  # type: ignore[arg-type]


def _decode(subject: str, text: str | None) -> Side:
    if subject == "baseline":
        return target_codec.decode_baseline(text)
    return target_codec.decode_target(text)


def propose(
    conn: sa.Connection, proposal: Proposal, ids: dict[model.IndicatorRef, int], now: dt.datetime
) -> int:
    """Store a proposal (pending), or a historical change (approved on its own date)."""
    historical = proposal.historical_date is not None
    result = conn.execute(
        sa.insert(CHANGE).values(
            indicator_id=ids[proposal.ref],
            subject=proposal.subject,
            old=_encode(proposal.subject, proposal.old),
            new=_encode(proposal.subject, proposal.new),
            carried_from=proposal.carried_from,
            source=proposal.source,
            reason=proposal.reason,
            proposed_by=proposal.proposed_by,
            proposed_at=proposal.historical_date if historical else now,
            status="approved" if historical else "pending",
            decided_at=proposal.historical_date,
            historical=historical,
        )
    )
    change_id = int(result.inserted_primary_key[0])
    if historical:
        conn.execute(
            sa.insert(REVIEW).values(
                change_id=change_id,
                reviewer=proposal.decided_by or proposal.proposed_by,
                verdict="approve",
                comment=None,
                reviewed_at=proposal.historical_date,
            )
        )
    return change_id


def read(
    conn: sa.Connection,
    city: str | None = None,
    status: str | None = None,
    change_id: int | None = None,
) -> list[StoredChange]:
    """Stored changes (of a city, in a status, or one), oldest decision first, pending last."""
    q = sa.select(
        CHANGE,
        CITY.c.name.label("city_name"),
        PLEDGE.c.key.label("pledge_key"),
        INDICATOR.c.key.label("indicator_key"),
        INDICATOR.c.name.label("indicator_name"),
        INDICATOR.c.unit,
        INDICATOR.c.direction,
        INDICATOR.c.baseline_year,
        INDICATOR.c.baseline_value,
        INDICATOR.c.baseline_source,
        INDICATOR.c.baseline_method,
        INDICATOR.c.baseline_coverage,
        INDICATOR.c.baseline_definitional,
    ).select_from(
        CHANGE.join(INDICATOR, CHANGE.c.indicator_id == INDICATOR.c.id)
        .join(PLEDGE, INDICATOR.c.pledge_id == PLEDGE.c.id)
        .join(CITY, PLEDGE.c.city_id == CITY.c.id)
    )
    if city is not None:
        q = q.where(CITY.c.name == city)
    if status is not None:
        q = q.where(CHANGE.c.status == status)
    if change_id is not None:
        q = q.where(CHANGE.c.id == change_id)
    rows = conn.execute(q).mappings().all()
    reviews: dict[int, list[Review]] = {}
    if rows:
        found = conn.execute(
            sa.select(REVIEW)
            .where(REVIEW.c.change_id.in_([r["id"] for r in rows]))
            .order_by(REVIEW.c.reviewed_at, REVIEW.c.id)
        ).mappings()
        for r in found:
            reviews.setdefault(r["change_id"], []).append(
                Review(r["reviewer"], r["verdict"], r["comment"], r["reviewed_at"])
            )
    out = [
        StoredChange(
            id=r["id"],
            ref=model.IndicatorRef(r["city_name"], r["pledge_key"], r["indicator_key"]),
            indicator_name=r["indicator_name"],
            unit=r["unit"],
            direction=r["direction"],
            baseline=None
            if r["baseline_year"] is None
            else model.Baseline(
                r["baseline_year"],
                r["baseline_value"],
                r["baseline_source"],
                r["baseline_method"],
                r["baseline_coverage"],
                bool(r["baseline_definitional"]),
            ),
            subject=r["subject"],
            old=_decode(r["subject"], r["old"]),
            new=_decode(r["subject"], r["new"]),
            carried_from=r["carried_from"],
            source=r["source"],
            reason=r["reason"],
            proposed_by=r["proposed_by"],
            proposed_at=r["proposed_at"],
            status=r["status"],
            decided_at=r["decided_at"],
            historical=bool(r["historical"]),
            reviews=tuple(reviews.get(r["id"], ())),
        )
        for r in rows
    ]
    far = dt.datetime.max
    return sorted(out, key=lambda c: (c.decided_at or far, c.proposed_at, c.id))


def review(
    conn: sa.Connection,
    change_id: int,
    reviewer: str,
    verdict: Literal["approve", "reject"],
    comment: str | None,
    needed: int,
    now: dt.datetime,
) -> StoredChange:
    """Record one review; a rejection decides at once, enough approvals apply the change."""
    found = read(conn, change_id=change_id)
    if not found:
        raise errors.NotAllowed(f"no target change has id {change_id}")
    change = found[0]
    if change.status != "pending":
        raise errors.NotAllowed(f"target change {change_id} is already {change.status}")
    if reviewer == change.proposed_by:
        raise errors.NotAllowed(
            f"{reviewer} proposed target change {change_id} and may not review it;"
            " another editor must"
        )
    if any(r.reviewer == reviewer for r in change.reviews):
        raise errors.NotAllowed(f"{reviewer} has already reviewed target change {change_id}")
    conn.execute(
        sa.insert(REVIEW).values(
            change_id=change_id,
            reviewer=reviewer,
            verdict=verdict,
            comment=comment,
            reviewed_at=now,
        )
    )
    decided = None
    if verdict == "reject":
        decided = "rejected"
    elif len(change.approvals) + 1 >= needed:
        _apply(conn, change, reviewer, now)
        decided = "approved"
    if decided is not None:
        conn.execute(
            sa.update(CHANGE).where(CHANGE.c.id == change_id).values(status=decided, decided_at=now)
        )
    return read(conn, change_id=change_id)[0]


def _open_targets(conn: sa.Connection, indicator_id: int) -> list[sa.RowMapping]:
    return list(
        conn.execute(
            sa.select(TARGET).where(
                TARGET.c.indicator_id == indicator_id, TARGET.c.valid_to.is_(None)
            )
        ).mappings()
    )


def _apply(conn: sa.Connection, change: StoredChange, user: str, now: dt.datetime) -> None:
    """Make an approved change real from `now`, if the store still holds its old side."""
    indicator_id = definitions.indicator_ids(conn)[change.ref]
    stale = errors.NotAllowed(
        f"target change {change.id}: the {change.subject} it replaces has changed since it was"
        " proposed; reject it and propose again"
    )
    rows = _open_targets(conn, indicator_id)
    if change.subject == "target":
        old, new = change.old, change.new
        assert isinstance(old, model.Target | None) and isinstance(new, model.Target | None)
        closing = [r for r in rows if old is not None and r["year"] == old.year]
        if old is not None and [target_codec.from_row(r) for r in closing] != [old]:
            raise stale
        if new is not None and any(
            r["year"] == new.year and r["id"] not in {c["id"] for c in closing} for r in rows
        ):
            raise stale
        if closing:
            ids = [r["id"] for r in closing]
            conn.execute(sa.update(TARGET).where(TARGET.c.id.in_(ids)).values(valid_to=now))
        if new is not None:
            conn.execute(sa.insert(TARGET).values(**target_codec.to_row(new, indicator_id, now)))
        return
    if change.baseline != change.old:
        raise stale
    new_base = change.new
    assert isinstance(new_base, model.Baseline | None)
    wanted = {
        "baseline_year": new_base.year if new_base else None,
        "baseline_value": new_base.value if new_base else None,
        "baseline_source": new_base.source if new_base else None,
        "baseline_method": new_base.method if new_base else None,
        "baseline_coverage": new_base.coverage if new_base else None,
        "baseline_definitional": new_base.definitional if new_base else False,
    }
    current = conn.execute(sa.select(INDICATOR).where(INDICATOR.c.id == indicator_id)).mappings()
    before = current.one()
    conn.execute(sa.update(INDICATOR).where(INDICATOR.c.id == indicator_id).values(**wanted))
    label = f"{change.ref.city}/{change.ref.pledge}/{change.ref.indicator}"
    traced = [
        {
            "changed_at": now,
            "entity": INDICATOR.name,
            "entity_key": label,
            "field": k,
            "old": None if before[k] is None else str(before[k]),
            "new": None if v is None else str(v),
            "changed_by": user,
        }
        for k, v in wanted.items()
        if before[k] != v
    ]
    if traced:
        conn.execute(sa.insert(DEFINITION_CHANGE), traced)
    if new_base is None:
        return
    relative = [r for r in rows if r["kind"] == "change_pct" and r["change_pct"] is not None]
    for r in relative:
        conn.execute(sa.update(TARGET).where(TARGET.c.id == r["id"]).values(valid_to=now))
        rebased = target_codec.from_row(r).rebased(new_base)
        conn.execute(sa.insert(TARGET).values(**target_codec.to_row(rebased, indicator_id, now)))


def _years(subject: str, old: str | None, new: str | None) -> tuple[int | None, int | None]:
    sides = (_decode(subject, old), _decode(subject, new))
    return tuple(side.year if side is not None else None for side in sides)  # type: ignore[return-value]


def has_twin(conn: sa.Connection, proposal: Proposal, ids: dict[model.IndicatorRef, int]) -> bool:
    """Whether the same change (same sides, same indicator) is already stored and not rejected:
    a second `init` or seed must not propose or record it twice. A historical change is the
    same when it has the same day and years, whatever the levels say now."""
    if proposal.historical_date is not None:
        rows = conn.execute(
            sa.select(CHANGE.c.subject, CHANGE.c.old, CHANGE.c.new).where(
                CHANGE.c.indicator_id == ids[proposal.ref],
                CHANGE.c.historical == sa.true(),
                CHANGE.c.decided_at == proposal.historical_date,
            )
        ).all()
        wanted = (
            proposal.old.year if proposal.old is not None else None,
            proposal.new.year if proposal.new is not None else None,
        )
        return any(_years(subject, old, new) == wanted for subject, old, new in rows)
    q = sa.select(CHANGE.c.id).where(
        CHANGE.c.indicator_id == ids[proposal.ref],
        CHANGE.c.subject == proposal.subject,
        CHANGE.c.status != "rejected",
        _same(CHANGE.c.old, _encode(proposal.subject, proposal.old)),
        _same(CHANGE.c.new, _encode(proposal.subject, proposal.new)),
    )
    return conn.execute(q.limit(1)).first() is not None


def _same(column: sa.ColumnElement[str | None], text: str | None) -> sa.ColumnElement[bool]:
    return column.is_(None) if text is None else column == text
