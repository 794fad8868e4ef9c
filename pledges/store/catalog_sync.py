"""Writing definitions level by level (cities, pledges, goals, indicators, targets) in bulk.

Each level reads its table once, inserts the new rows with one executemany, updates only
changed rows (each changed field logged) and reads the ids back once: a panel of a thousand
cities syncs in a few dozen statements instead of several thousand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from pledges import model
from pledges.store import definition_changes, schema, target_codec

CITY = schema.CityRow.__table__
PLEDGE = schema.PledgeRow.__table__
GOAL = schema.GoalRow.__table__
INDICATOR = schema.IndicatorRow.__table__
TARGET = schema.TargetRow.__table__
CHANGE = schema.DefinitionChangeRow.__table__

# How a cadence is written in its column (10 characters): "discontinued" as "ended".
STORED_EVERY = {"discontinued": "ended"}
CITY_FACTS = ("population", "population_year", "region", "latitude", "longitude", "cdp_account")


@dataclass(frozen=True, slots=True)
class Item:
    """One definition row to write: its natural key, its other values, its label in the log."""

    keys: tuple[object, ...]
    values: dict[str, object]
    label: str


def sync_level(
    conn: sa.Connection,
    table: sa.Table,
    key_columns: Sequence[str],
    items: Sequence[Item],
    now: dt.datetime,
    counts: dict[str, int],
) -> dict[tuple[object, ...], int]:
    """Insert or update the rows of one table; return the id of every item's key."""
    keys = [table.c[k] for k in key_columns]
    existing = {
        tuple(row[k] for k in key_columns): row for row in conn.execute(sa.select(table)).mappings()
    }
    fresh: dict[tuple[object, ...], Item] = {}
    changes: list[dict[str, object]] = []
    for item in items:
        row = existing.get(item.keys)
        if row is None:
            fresh.setdefault(item.keys, item)
            continue
        changed = {k: v for k, v in item.values.items() if row[k] != v}
        if not changed:
            continue
        counts["changed"] += 1
        conn.execute(sa.update(table).where(table.c.id == row["id"]).values(**changed))
        changes += [
            {
                "changed_at": now,
                "entity": table.name,
                "entity_key": item.label,
                "field": k,
                "old": None if row[k] is None else str(row[k]),
                "new": None if v is None else str(v),
            }
            for k, v in changed.items()
        ]
        existing[item.keys] = {**row, **changed}  # a key given twice is compared once more
    if changes:
        conn.execute(sa.insert(CHANGE), changes)
    if fresh:
        counts["added"] += len(fresh)
        conn.execute(
            sa.insert(table),
            [dict(zip(key_columns, i.keys, strict=True)) | i.values for i in fresh.values()],
        )
    ids = conn.execute(sa.select(*keys, table.c.id)).all()
    return {tuple(row[:-1]): row[-1] for row in ids}


def sync_targets(
    conn: sa.Connection,
    wanted: dict[int, tuple[model.Target, ...]],
    now: dt.datetime,
    counts: dict[str, int],
) -> None:
    """Close targets no longer in a definition and open new ones; unchanged ones stay."""
    open_rows = conn.execute(
        sa.select(
            TARGET.c.id, TARGET.c.indicator_id, *(TARGET.c[f] for f in target_codec.TARGET_FIELDS)
        ).where(TARGET.c.valid_to.is_(None))
    ).all()
    current: dict[int, dict[tuple[object, ...], int]] = {}
    for row in open_rows:
        current.setdefault(row[1], {})[tuple(row[2:])] = row[0]
    stale: list[int] = []
    fresh: list[dict[str, object]] = []
    for indicator_id, targets in wanted.items():
        stored = current.get(indicator_id, {})
        tuples = {tuple(getattr(t, f) for f in target_codec.TARGET_FIELDS): t for t in targets}
        stale += [rid for key, rid in stored.items() if key not in tuples]
        fresh += [
            target_codec.to_row(target, indicator_id, now)
            for key, target in tuples.items()
            if key not in stored
        ]
    for start in range(0, len(stale), 500):
        chunk = stale[start : start + 500]
        conn.execute(sa.update(TARGET).where(TARGET.c.id.in_(chunk)).values(valid_to=now))
    if fresh:
        conn.execute(sa.insert(TARGET), fresh)
    counts["targets_closed"] += len(stale)
    counts["targets_opened"] += len(fresh)


def stewardship_columns(
    owner: model.Owner | None, cadence: model.Cadence | None
) -> dict[str, object]:
    """The owner and cadence as stored (changes are traced like any definition field)."""
    return {
        "owner_name": owner.name if owner else None,
        "owner_team": owner.team if owner else None,
        "owner_email": owner.email if owner else None,
        "cadence_every": STORED_EVERY.get(cadence.every, cadence.every) if cadence else None,
        "cadence_due": cadence.due_text if cadence else None,
    }


def every_of(stored: str) -> model.Every:
    """A cadence's `every` as its column holds it, back in the definitions' words."""
    words = {column: word for word, column in STORED_EVERY.items()}
    return words.get(stored, stored)  # type: ignore[return-value]


def sync(
    conn: sa.Connection, pledges: Sequence[model.Pledge], now: dt.datetime, first_position: int
) -> tuple[dict[str, int], tuple[str, ...], tuple[str, ...]]:
    """Write the definitions; the counts of what changed, the editor's edits kept, and what
    touched stored values (units converted, indicators no longer defined)."""
    counts = {"added": 0, "changed": 0, "targets_closed": 0, "targets_opened": 0}
    city_ids = sync_level(
        conn,
        CITY,
        ["name"],
        [
            Item(
                (p.city.name,),
                {"country": p.city.country, **{k: getattr(p.city, k) for k in CITY_FACTS}},
                p.city.name,
            )
            for p in pledges
        ],
        now,
        counts,
    )
    pledge_ids = sync_level(
        conn,
        PLEDGE,
        ["city_id", "key"],
        [
            Item(
                (city_ids[(p.city.name,)], p.key),
                {
                    "name": p.name,
                    "adopted": p.adopted,
                    "source": p.source,
                    "state": p.state,
                    "state_date": p.state_date,
                    "state_source": p.state_source,
                    "superseded_by": p.superseded_by,
                    "note": p.note,
                    "position": position,
                },
                f"{p.city.name}/{p.key}",
            )
            for position, p in enumerate(pledges, start=first_position)
        ],
        now,
        counts,
    )

    def pledge_id(p: model.Pledge) -> int:
        return pledge_ids[(city_ids[(p.city.name,)], p.key)]

    goal_ids = sync_level(
        conn,
        GOAL,
        ["pledge_id", "key"],
        [
            Item(
                (pledge_id(p), g.key),
                {"name": g.name, "position": pos, "headline": g.headline},
                f"{p.city.name}/{p.key}/{g.key}",
            )
            for p in pledges
            for pos, g in enumerate(p.goals)
        ],
        now,
        counts,
    )
    # An owner or cadence an editor set in the app stays; a catalog that differs is reported.
    set_in_app = {
        (row["pledge_id"], row["key"]): row
        for row in conn.execute(
            sa.select(INDICATOR).where(INDICATOR.c.stewardship_set_by.is_not(None))
        ).mappings()
    }
    kept: list[str] = []
    indicators: list[Item] = []
    for p in pledges:
        for g in p.goals:
            for pos, ind in enumerate(g.indicators):
                base = ind.baseline
                values = {
                    "goal_id": goal_ids[(pledge_id(p), g.key)],
                    "name": ind.name,
                    "unit": ind.unit,
                    "direction": ind.direction,
                    "path": ind.path,
                    "aggregation": ind.aggregation,
                    "future_periods": ind.future_periods,
                    "coverage": ind.coverage,
                    "floor": ind.floor,
                    "same_as": ind.same_as,
                    "valid_low": ind.valid_range[0] if ind.valid_range else None,
                    "valid_high": ind.valid_range[1] if ind.valid_range else None,
                    "note": ind.note,
                    "baseline_year": base.year if base else None,
                    "baseline_value": base.value if base else None,
                    "baseline_source": base.source if base else None,
                    "baseline_method": base.method if base else None,
                    "baseline_coverage": base.coverage if base else None,
                    "baseline_definitional": base.definitional if base else False,
                    "position": pos,
                }
                label = f"{p.city.name}/{p.key}/{ind.key}"
                wanted = stewardship_columns(ind.owner, ind.cadence)
                row = set_in_app.get((pledge_id(p), ind.key))
                if row is None:
                    values.update(wanted)
                elif differs := [k for k, v in wanted.items() if row[k] != v]:
                    kept.append(
                        f"{label}: kept the owner and cadence {row['stewardship_set_by']} set in"
                        f" the app; the definition file says otherwise ({', '.join(differs)})"
                    )
                indicators.append(Item((pledge_id(p), ind.key), values, label))
    wanted = {item.keys: (item.label, str(item.values["unit"])) for item in indicators}
    units_changed = definition_changes.unit_changes(conn, wanted)  # type: ignore[arg-type]
    indicator_ids = sync_level(conn, INDICATOR, ["pledge_id", "key"], indicators, now, counts)
    said = definition_changes.convert(conn, units_changed, now)
    said += definition_changes.orphans(
        conn,
        {pledge_id(p): f"{p.city.name}/{p.key}" for p in pledges},
        set(wanted),  # type: ignore[arg-type]
        {item.keys: str(item.values["name"]) for item in indicators},  # type: ignore[misc]
    )
    sync_targets(
        conn,
        {
            indicator_ids[(pledge_id(p), ind.key)]: ind.targets
            for p in pledges
            for _, ind in p.indicators()
        },
        now,
        counts,
    )
    return counts, tuple(kept), tuple(said)
