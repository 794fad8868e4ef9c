"""Definition changes that touch stored values: a unit changed, an indicator renamed or removed.

A unit change converts every stored value of the indicator (pint, through the importer's unit
rules) in one batch of its own, or is refused when the units do not convert; an indicator that
left its pledge's definition is reported with what it holds, never dropped or hidden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from pledges import errors
from pledges.ingest.checking import units
from pledges.store import batches, schema

INDICATOR = schema.IndicatorRow.__table__
OBS = batches.OBS
BATCH = batches.BATCH
STATUS = "unit change"


@dataclass(frozen=True, slots=True)
class UnitChange:
    """One indicator whose definition now gives another unit."""

    indicator_id: int
    label: str
    old: str
    new: str


def convert(conn: sa.Connection, changes: Sequence[UnitChange], now: dt.datetime) -> list[str]:
    """Convert the stored values of each indicator whose unit changed; the lines that say so.

    Refused (errors.CatalogError, so the whole sync rolls back) when values are stored and the
    old unit does not convert to the new one: 577 MW never silently becomes 577 GW.
    """
    said = []
    for change in changes:
        stored = pd.DataFrame(
            batches.observation_rows(conn, OBS.c.indicator_id == change.indicator_id),
            columns=batches.OBS_COLUMNS,
        )
        if stored.empty:
            continue
        conversion = units.conversion(change.old, change.new)
        if conversion.code:
            raise errors.CatalogError(
                [
                    f"{change.label}: the definition changes the unit from '{change.old}' to "
                    f"'{change.new}', and its {len(stored)} stored values cannot be converted "
                    f"({conversion.reason}). Keep the unit, or undo the batches that stored the "
                    "values first; nothing was changed."
                ]
            )
        said.append(_converted(conn, change, stored, conversion, now))
    return said


def _converted(
    conn: sa.Connection,
    change: UnitChange,
    stored: pd.DataFrame,
    conversion: units.Conversion,
    now: dt.datetime,
) -> str:
    """Write the converted values as one batch (each old value kept as a revision)."""
    now = batches.now_after(conn, now)
    text = f"{change.label}: unit '{change.old}' -> '{change.new}'"
    batch_id = conn.execute(
        sa.insert(BATCH).values(
            user="init",
            file_name=f"unit change of {text}"[:500],
            sha256="",
            committed_at=now,
            added=0,
            changed=len(stored),
            unchanged=0,
            removed=0,
            status=STATUS,
        )
    ).inserted_primary_key[0]
    old = stored.rename(columns={name: f"{name}_old" for name in stored.columns})
    changed = pd.concat([stored, old], axis=1).assign(
        value=[conversion.apply(float(v)) for v in stored["value"]]
    )
    batches.revise(conn, changed, batch_id, "new")
    return f"{text}: {len(stored)} stored values converted (batch {batch_id})"


def unit_changes(
    conn: sa.Connection, wanted: dict[tuple[int, str], tuple[str, str]]
) -> list[UnitChange]:
    """The stored indicators whose unit differs from their definition's: (pledge id, key) ->
    (label, unit wanted)."""
    found = []
    for row in conn.execute(
        sa.select(INDICATOR.c.id, INDICATOR.c.pledge_id, INDICATOR.c.key, INDICATOR.c.unit)
    ).all():
        given = wanted.get((row[1], row[2]))
        if given is not None and given[1] != row[3]:
            found.append(UnitChange(row[0], given[0], row[3], given[1]))
    return found


def orphans(
    conn: sa.Connection,
    pledge_ids: dict[int, str],
    defined: set[tuple[int, str]],
    names: dict[tuple[int, str], str],
) -> list[str]:
    """Lines for stored indicators of these pledges that their definition no longer has: what
    they hold, and the indicator of the same name they were probably renamed to."""
    lines = []
    rows = conn.execute(
        sa.select(INDICATOR.c.id, INDICATOR.c.pledge_id, INDICATOR.c.key, INDICATOR.c.name).where(
            INDICATOR.c.pledge_id.in_(list(pledge_ids))
        )
    ).all()
    for indicator_id, pledge_id, key, name in rows:
        if (pledge_id, key) in defined:
            continue
        count, first, last = conn.execute(
            sa.select(sa.func.count(), sa.func.min(OBS.c.period), sa.func.max(OBS.c.period)).where(
                OBS.c.indicator_id == indicator_id
            )
        ).one()
        held = (
            f"holds {count} values ({_year(first)}-{_year(last)}), kept"
            if count
            else "holds no values"
        )
        twin = next(
            (k for (p, k), n in names.items() if p == pledge_id and n == name and k != key), None
        )
        hint = (
            f"; renamed to '{twin}'? Its values stay under '{key}' until they are imported "
            f"under '{twin}'"
            if twin
            else "; put it back in the definition, or undo the batches that stored its values"
        )
        lines.append(f"{pledge_ids[pledge_id]}/{key}: no longer in the definition; {held}{hint}")
    return lines


def _year(period: object) -> str:
    """A stored period's year (SQLite hands back ISO text, other engines a date)."""
    return str(period)[:4]
