"""Pledge definitions in the database: written from the catalog with a trace, read as of a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from pledges import model
from pledges.store import catalog_sync, schema, target_codec

CITY = schema.CityRow.__table__
PLEDGE = schema.PledgeRow.__table__
GOAL = schema.GoalRow.__table__
INDICATOR = schema.IndicatorRow.__table__
TARGET = schema.TargetRow.__table__
CHANGE = schema.DefinitionChangeRow.__table__
TARGET_CHANGE = schema.TargetChangeRow.__table__


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What loading the catalog changed in the store (and what an editor's edit kept)."""

    added: int
    changed: int
    targets_closed: int
    targets_opened: int
    kept: tuple[str, ...] = ()  # "Los Angeles/la100/renewable-share: owner set by ana ..."
    # stored values a definition change touched: units converted, indicators no longer defined
    notes: tuple[str, ...] = ()

    @property
    def nothing(self) -> bool:
        """True when the store already matched the catalog."""
        return not (self.added or self.changed or self.targets_closed or self.targets_opened)


_CITY_FACTS = catalog_sync.CITY_FACTS


def _city(row: sa.RowMapping) -> model.City:
    return model.City(row["name"], row["country"], **{k: row[k] for k in _CITY_FACTS})


def set_stewardship(
    conn: sa.Connection,
    ref: model.IndicatorRef,
    owner: model.Owner | None,
    cadence: model.Cadence | None,
    user: str,
    now: dt.datetime,
) -> int:
    """An editor's owner and cadence for one indicator, each changed field traced with who."""
    ids = indicator_ids(conn)
    if ref not in ids:
        raise KeyError(ref)
    where = INDICATOR.c.id == ids[ref]
    row = conn.execute(sa.select(INDICATOR).where(where)).mappings().one()
    wanted = catalog_sync.stewardship_columns(owner, cadence)
    changed = {k: v for k, v in wanted.items() if row[k] != v}
    conn.execute(sa.update(INDICATOR).where(where).values(**wanted, stewardship_set_by=user))
    if changed:
        conn.execute(
            sa.insert(CHANGE),
            [
                {
                    "changed_at": now,
                    "entity": INDICATOR.name,
                    "entity_key": f"{ref.city}/{ref.pledge}/{ref.indicator}",
                    "field": k,
                    "old": None if row[k] is None else str(row[k]),
                    "new": None if v is None else str(v),
                    "changed_by": user,
                }
                for k, v in changed.items()
            ],
        )
    return len(changed)


def _stewardship(row: sa.RowMapping) -> dict[str, object]:
    """Owner and cadence back from their columns."""
    owner = None
    if row["owner_name"] or row["owner_team"] or row["owner_email"]:
        owner = model.Owner(row["owner_name"], row["owner_team"], row["owner_email"])
    cadence = None
    if row["cadence_every"]:
        due = row["cadence_due"]
        every = catalog_sync.every_of(row["cadence_every"])
        cadence = model.Cadence(every, (int(due[:2]), int(due[3:])))
    return {"owner": owner, "cadence": cadence}


def sync(
    conn: sa.Connection, pledges: Iterable[model.Pledge], now: dt.datetime, first_position: int = 0
) -> SyncSummary:
    """Write the catalog into the store; nothing changes when it already matches."""
    counts, kept, notes = catalog_sync.sync(conn, list(pledges), now, first_position)
    return SyncSummary(**counts, kept=kept, notes=notes)


def _in_force(as_of: dt.datetime | None) -> sa.ColumnElement[bool]:
    if as_of is None:
        return TARGET.c.valid_to.is_(None)
    return sa.and_(
        TARGET.c.valid_from <= as_of,
        sa.or_(TARGET.c.valid_to.is_(None), TARGET.c.valid_to > as_of),
    )


def read(
    conn: sa.Connection, city: str | None = None, as_of: dt.datetime | None = None
) -> list[model.Pledge]:
    """Every pledge (of one city, or all) with the targets in force at `as_of`."""
    city_q = sa.select(CITY).order_by(CITY.c.name)
    if city is not None:
        city_q = city_q.where(CITY.c.name == city)
    cities = {r["id"]: r for r in conn.execute(city_q).mappings()}
    if not cities:
        return []
    pledge_rows = (
        conn.execute(
            sa.select(PLEDGE).where(PLEDGE.c.city_id.in_(cities)).order_by(PLEDGE.c.position)
        )
        .mappings()
        .all()
    )
    pledge_ids = [p["id"] for p in pledge_rows]
    goal_rows = (
        conn.execute(
            sa.select(GOAL).where(GOAL.c.pledge_id.in_(pledge_ids)).order_by(GOAL.c.position)
        )
        .mappings()
        .all()
    )
    ind_rows = (
        conn.execute(
            sa.select(INDICATOR)
            .where(INDICATOR.c.pledge_id.in_(pledge_ids))
            .order_by(INDICATOR.c.position)
        )
        .mappings()
        .all()
    )
    target_rows = (
        conn.execute(
            sa.select(TARGET)
            .where(TARGET.c.indicator_id.in_([i["id"] for i in ind_rows]), _in_force(as_of))
            .order_by(TARGET.c.year, TARGET.c.id)
        )
        .mappings()
        .all()
    )
    earlier = _baselines_before(conn, as_of) if as_of is not None else {}
    targets: dict[int, list[model.Target]] = {}
    for t in target_rows:
        targets.setdefault(t["indicator_id"], []).append(
            model.Target(
                year=t["year"],
                kind=t["kind"],
                value=t["value"],
                source=t["source"],
                low=t["low"],
                high=t["high"],
                change_pct=t["change_pct"],
                claimed_pct=t["claimed_pct"],
                coverage=t["coverage"],
            )
        )
    indicators: dict[int, list[model.Indicator]] = {}
    for i in ind_rows:
        baseline = None
        if i["baseline_year"] is not None:
            baseline = model.Baseline(
                i["baseline_year"],
                i["baseline_value"],
                i["baseline_source"],
                i["baseline_method"],
                i["baseline_coverage"],
                bool(i["baseline_definitional"]),
            )
        if i["id"] in earlier:
            baseline = earlier[i["id"]]
        indicators.setdefault(i["goal_id"], []).append(
            model.Indicator(
                key=i["key"],
                name=i["name"],
                unit=i["unit"],
                direction=i["direction"],
                path=i["path"],
                aggregation=i["aggregation"],
                future_periods=bool(i["future_periods"]),
                coverage=i["coverage"],
                floor=i["floor"],
                same_as=i["same_as"],
                valid_range=None
                if i["valid_low"] is None
                else (float(i["valid_low"]), float(i["valid_high"])),
                baseline=baseline,
                targets=tuple(targets.get(i["id"], ())),
                note=i["note"],
                **_stewardship(i),
            )
        )
    goals: dict[int, list[model.Goal]] = {}
    for g in goal_rows:
        goals.setdefault(g["pledge_id"], []).append(
            model.Goal(g["key"], g["name"], tuple(indicators.get(g["id"], ())), g["headline"])
        )
    result = []
    for p in pledge_rows:
        c = cities[p["city_id"]]
        result.append(
            model.Pledge(
                key=p["key"],
                name=p["name"],
                adopted=p["adopted"],
                source=p["source"],
                city=_city(c),
                goals=tuple(goals.get(p["id"], ())),
                state=p["state"],
                state_date=p["state_date"],
                state_source=p["state_source"],
                superseded_by=p["superseded_by"],
                note=p["note"],
            )
        )
    return result


def _baselines_before(conn: sa.Connection, as_of: dt.datetime) -> dict[int, model.Baseline | None]:
    """The baseline each indicator had at `as_of`, where an approved change replaced it since
    (the old side of the first change after that moment), by indicator id."""
    q = (
        sa.select(TARGET_CHANGE.c.indicator_id, TARGET_CHANGE.c.old)
        .where(
            TARGET_CHANGE.c.subject == "baseline",
            TARGET_CHANGE.c.status == "approved",
            TARGET_CHANGE.c.historical == sa.false(),
            TARGET_CHANGE.c.decided_at > as_of,
        )
        .order_by(TARGET_CHANGE.c.decided_at.desc(), TARGET_CHANGE.c.id.desc())
    )
    # Newest first, so the earliest change after `as_of` writes last and wins.
    return {iid: target_codec.decode_baseline(old) for iid, old in conn.execute(q)}


def moments(conn: sa.Connection) -> list[dt.datetime]:
    """Every moment at which `read` as of a time can change, in order: a target coming into or
    out of force, a target change decided (a baseline's old side is read from those)."""
    found: set[dt.datetime] = set()
    for column in (TARGET.c.valid_from, TARGET.c.valid_to, TARGET_CHANGE.c.decided_at):
        found.update(m for (m,) in conn.execute(sa.select(column).distinct()) if m is not None)
    return sorted(found)


def cities(conn: sa.Connection) -> list[model.City]:
    """Every city in the store, by name."""
    rows = conn.execute(sa.select(CITY).order_by(CITY.c.name)).mappings()
    return [_city(r) for r in rows]


def indicator_ids(conn: sa.Connection) -> dict[model.IndicatorRef, int]:
    """The database id of every indicator, keyed as the upload format names it."""
    q = sa.select(CITY.c.name, PLEDGE.c.key, INDICATOR.c.key, INDICATOR.c.id).select_from(
        INDICATOR.join(PLEDGE, INDICATOR.c.pledge_id == PLEDGE.c.id).join(
            CITY, PLEDGE.c.city_id == CITY.c.id
        )
    )
    return {model.IndicatorRef(c, p, i): iid for c, p, i, iid in conn.execute(q)}


def target_history(conn: sa.Connection, city: str | None = None) -> list[dict[str, object]]:
    """Every target version (open and closed) with its indicator, for the targets page."""
    q = (
        sa.select(
            CITY.c.name.label("city"),
            PLEDGE.c.key.label("pledge"),
            INDICATOR.c.key.label("indicator"),
            TARGET.c.year,
            TARGET.c.kind,
            TARGET.c.value,
            TARGET.c.low,
            TARGET.c.high,
            TARGET.c.change_pct,
            TARGET.c.claimed_pct,
            TARGET.c.coverage,
            TARGET.c.source,
            TARGET.c.valid_from,
            TARGET.c.valid_to,
        )
        .select_from(
            TARGET.join(INDICATOR, TARGET.c.indicator_id == INDICATOR.c.id)
            .join(PLEDGE, INDICATOR.c.pledge_id == PLEDGE.c.id)
            .join(CITY, PLEDGE.c.city_id == CITY.c.id)
        )
        .order_by(CITY.c.name, PLEDGE.c.key, INDICATOR.c.key, TARGET.c.year, TARGET.c.valid_from)
    )
    if city is not None:
        q = q.where(CITY.c.name == city)
    return [dict(r) for r in conn.execute(q).mappings()]
