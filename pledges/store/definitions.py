"""Pledge definitions in the database: written from the catalog with a trace, read as of a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from pledges import model
from pledges.store import schema

CITY = schema.CityRow.__table__
PLEDGE = schema.PledgeRow.__table__
GOAL = schema.GoalRow.__table__
INDICATOR = schema.IndicatorRow.__table__
TARGET = schema.TargetRow.__table__
CHANGE = schema.DefinitionChangeRow.__table__


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What loading the catalog changed in the store."""

    added: int
    changed: int
    targets_closed: int
    targets_opened: int

    @property
    def nothing(self) -> bool:
        """True when the store already matched the catalog."""
        return not (self.added or self.changed or self.targets_closed or self.targets_opened)


def _upsert(
    conn: sa.Connection,
    table: sa.Table,
    keys: dict[str, object],
    values: dict[str, object],
    label: str,
    now: dt.datetime,
    counts: dict[str, int],
) -> int:
    """Insert or update one definition row, logging every changed field."""
    where = sa.and_(*(table.c[k] == v for k, v in keys.items()))
    row = conn.execute(sa.select(table).where(where)).mappings().first()
    if row is None:
        counts["added"] += 1
        return conn.execute(sa.insert(table).values(**keys, **values)).inserted_primary_key[0]
    changed = {k: v for k, v in values.items() if row[k] != v}
    if changed:
        counts["changed"] += 1
        conn.execute(sa.update(table).where(where).values(**changed))
        conn.execute(
            sa.insert(CHANGE),
            [
                {
                    "changed_at": now,
                    "entity": table.name,
                    "entity_key": label,
                    "field": k,
                    "old": None if row[k] is None else str(row[k]),
                    "new": None if v is None else str(v),
                }
                for k, v in changed.items()
            ],
        )
    return row["id"]


_CITY_FACTS = ("population", "population_year", "region", "latitude", "longitude", "cdp_account")


def _city(row: sa.RowMapping) -> model.City:
    return model.City(row["name"], row["country"], **{k: row[k] for k in _CITY_FACTS})


def _target_tuple(t: model.Target) -> tuple[object, ...]:
    return (t.year, t.kind, t.value, t.low, t.high, t.change_pct, t.claimed_pct, t.source)


def _sync_targets(
    conn: sa.Connection,
    indicator_id: int,
    targets: tuple[model.Target, ...],
    now: dt.datetime,
    counts: dict[str, int],
) -> None:
    """Close targets no longer in the definition and open new ones; unchanged ones stay."""
    open_rows = (
        conn.execute(
            sa.select(TARGET).where(
                TARGET.c.indicator_id == indicator_id, TARGET.c.valid_to.is_(None)
            )
        )
        .mappings()
        .all()
    )
    fields = ("year", "kind", "value", "low", "high", "change_pct", "claimed_pct", "source")
    current = {tuple(r[f] for f in fields): r["id"] for r in open_rows}
    wanted = {_target_tuple(t) for t in targets}
    stale = [rid for key, rid in current.items() if key not in wanted]
    if stale:
        conn.execute(sa.update(TARGET).where(TARGET.c.id.in_(stale)).values(valid_to=now))
        counts["targets_closed"] += len(stale)
    fresh = [t for t in targets if _target_tuple(t) not in current]
    if fresh:
        conn.execute(
            sa.insert(TARGET),
            [
                {
                    "indicator_id": indicator_id,
                    "year": t.year,
                    "kind": t.kind,
                    "value": t.value,
                    "low": t.low,
                    "high": t.high,
                    "change_pct": t.change_pct,
                    "claimed_pct": t.claimed_pct,
                    "source": t.source,
                    "valid_from": now,
                    "valid_to": None,
                }
                for t in fresh
            ],
        )
        counts["targets_opened"] += len(fresh)


def sync(
    conn: sa.Connection, pledges: Iterable[model.Pledge], now: dt.datetime, first_position: int = 0
) -> SyncSummary:
    """Write the catalog into the store; nothing changes when it already matches."""
    counts = {"added": 0, "changed": 0, "targets_closed": 0, "targets_opened": 0}
    for position, pledge in enumerate(pledges, start=first_position):
        city = pledge.city
        city_id = _upsert(
            conn,
            CITY,
            {"name": city.name},
            {"country": city.country, **{k: getattr(city, k) for k in _CITY_FACTS}},
            city.name,
            now,
            counts,
        )
        pledge_id = _upsert(
            conn,
            PLEDGE,
            {"city_id": city_id, "key": pledge.key},
            {
                "name": pledge.name,
                "adopted": pledge.adopted,
                "source": pledge.source,
                "state": pledge.state,
                "state_date": pledge.state_date,
                "state_source": pledge.state_source,
                "superseded_by": pledge.superseded_by,
                "note": pledge.note,
                "position": position,
            },
            f"{city.name}/{pledge.key}",
            now,
            counts,
        )
        for goal_pos, goal in enumerate(pledge.goals):
            goal_id = _upsert(
                conn,
                GOAL,
                {"pledge_id": pledge_id, "key": goal.key},
                {"name": goal.name, "position": goal_pos},
                f"{city.name}/{pledge.key}/{goal.key}",
                now,
                counts,
            )
            for ind_pos, ind in enumerate(goal.indicators):
                base = ind.baseline
                indicator_id = _upsert(
                    conn,
                    INDICATOR,
                    {"pledge_id": pledge_id, "key": ind.key},
                    {
                        "goal_id": goal_id,
                        "name": ind.name,
                        "unit": ind.unit,
                        "direction": ind.direction,
                        "path": ind.path,
                        "aggregation": ind.aggregation,
                        "note": ind.note,
                        "baseline_year": base.year if base else None,
                        "baseline_value": base.value if base else None,
                        "baseline_source": base.source if base else None,
                        "baseline_method": base.method if base else None,
                        "position": ind_pos,
                    },
                    f"{city.name}/{pledge.key}/{ind.key}",
                    now,
                    counts,
                )
                _sync_targets(conn, indicator_id, ind.targets, now, counts)
    return SyncSummary(**counts)


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
            )
        )
    indicators: dict[int, list[model.Indicator]] = {}
    for i in ind_rows:
        baseline = None
        if i["baseline_year"] is not None:
            baseline = model.Baseline(
                i["baseline_year"], i["baseline_value"], i["baseline_source"], i["baseline_method"]
            )
        indicators.setdefault(i["goal_id"], []).append(
            model.Indicator(
                key=i["key"],
                name=i["name"],
                unit=i["unit"],
                direction=i["direction"],
                path=i["path"],
                aggregation=i["aggregation"],
                baseline=baseline,
                targets=tuple(targets.get(i["id"], ())),
                note=i["note"],
            )
        )
    goals: dict[int, list[model.Goal]] = {}
    for g in goal_rows:
        goals.setdefault(g["pledge_id"], []).append(
            model.Goal(g["key"], g["name"], tuple(indicators.get(g["id"], ())))
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
