"""Reading the stored values: current, or as they stood at any past moment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd
import sqlalchemy as sa

from pledges.store import schema

CITY = schema.CityRow.__table__
PLEDGE = schema.PledgeRow.__table__
INDICATOR = schema.IndicatorRow.__table__
OBS = schema.ObservationRow.__table__
REV = schema.RevisionRow.__table__
BATCH = schema.BatchRow.__table__

COLUMNS = [
    "city",
    "pledge",
    "indicator",
    "period",
    "annual",
    "value",
    "unit",
    "method",
    "source",
    "note",
    "batch_id",
]
"""Columns of every observations frame; `period` holds python dates, `annual` says it is a year."""
_SLICE = 500  # indicator ids per query, well under SQLite's limit on bound parameters


def _keyed(table: sa.Table) -> tuple[sa.FromClause, list[sa.ColumnElement[object]]]:
    joined = (
        table.join(INDICATOR, table.c.indicator_id == INDICATOR.c.id)
        .join(PLEDGE, INDICATOR.c.pledge_id == PLEDGE.c.id)
        .join(CITY, PLEDGE.c.city_id == CITY.c.id)
    )
    cols = [
        CITY.c.name.label("city"),
        PLEDGE.c.key.label("pledge"),
        INDICATOR.c.key.label("indicator"),
        table.c.period,
        table.c.annual,
        table.c.value,
        INDICATOR.c.unit,
        table.c.method,
        table.c.source,
        table.c.note,
        table.c.batch_id,
    ]
    return joined, cols


def _filters(
    city: str | None, pledge: str | None, indicator: str | None
) -> list[sa.ColumnElement[bool]]:
    where = []
    if city is not None:
        where.append(CITY.c.name == city)
    if pledge is not None:
        where.append(PLEDGE.c.key == pledge)
    if indicator is not None:
        where.append(INDICATOR.c.key == indicator)
    return where


def read(
    conn: sa.Connection,
    city: str | None = None,
    pledge: str | None = None,
    indicator: str | None = None,
    as_of: dt.datetime | None = None,
    keys: Iterable[tuple[str, str, str]] | None = None,
) -> pd.DataFrame:
    """The values in force now, or at `as_of` (only what had been stored by then).

    `keys` limits the answer to those (city, pledge, indicator) series, as an upload's preview
    needs: read in slices of indicator ids, so a store of many series is not read whole.
    """
    if keys is None:
        return _read(conn, _filters(city, pledge, indicator), as_of)
    ids = _indicator_ids(conn, set(keys))
    parts = [
        _read(conn, _filters(city, pledge, indicator), as_of, ids[start : start + _SLICE])
        for start in range(0, len(ids), _SLICE)
    ]
    if not parts:
        return _read(conn, [sa.false()], as_of)
    frame = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    return frame.sort_values(["city", "pledge", "indicator", "period"], kind="stable").reset_index(
        drop=True
    )


def _indicator_ids(conn: sa.Connection, keys: set[tuple[str, str, str]]) -> list[int]:
    """The ids of the indicators named by (city, pledge, indicator) keys, in id order."""
    query = (
        sa.select(CITY.c.name, PLEDGE.c.key, INDICATOR.c.key, INDICATOR.c.id)
        .select_from(INDICATOR.join(PLEDGE, INDICATOR.c.pledge_id == PLEDGE.c.id))
        .join(CITY, PLEDGE.c.city_id == CITY.c.id)
        .order_by(INDICATOR.c.id)
    )
    return [row[3] for row in conn.execute(query) if (row[0], row[1], row[2]) in keys]


def _read(
    conn: sa.Connection,
    where: list[sa.ColumnElement[bool]],
    as_of: dt.datetime | None,
    ids: list[int] | None = None,
) -> pd.DataFrame:
    """`read` with its filters built, limited to some indicator ids if given."""
    joined, cols = _keyed(OBS)
    current = sa.select(*cols).select_from(joined).where(*where)
    if ids is not None:
        current = current.where(OBS.c.indicator_id.in_(ids))
    if as_of is None:
        query: sa.Select[tuple[object, ...]] | sa.CompoundSelect = current
    else:
        stored = BATCH.alias("stored")
        replaced = BATCH.alias("replaced")
        current = current.join_from(OBS, stored, OBS.c.batch_id == stored.c.id).where(
            stored.c.committed_at <= as_of
        )
        rev_joined, rev_cols = _keyed(REV)
        earlier = (
            sa.select(*rev_cols)
            .select_from(rev_joined)
            .join_from(REV, stored, REV.c.batch_id == stored.c.id)
            .join_from(REV, replaced, REV.c.replaced_by == replaced.c.id)
            .where(*where, stored.c.committed_at <= as_of, replaced.c.committed_at > as_of)
        )
        if ids is not None:
            earlier = earlier.where(REV.c.indicator_id.in_(ids))
        query = sa.union_all(current, earlier)
    rows = conn.execute(query).all()
    frame = _with_nulls(pd.DataFrame(rows, columns=COLUMNS))
    frame["value"] = frame["value"].astype(float)
    frame["annual"] = frame["annual"].astype(bool)
    return frame.sort_values(["city", "pledge", "indicator", "period"], kind="stable").reset_index(
        drop=True
    )


def _with_nulls(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as objects with None for NULL (pandas would otherwise turn them into NaN)."""
    for column in ("method", "source", "note"):
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    return frame


def revisions(
    conn: sa.Connection, city: str | None = None, since: dt.datetime | None = None
) -> pd.DataFrame:
    """Every replaced or removed value: old and new value, the batches, and when it changed."""
    joined, cols = _keyed(REV)
    replaced = BATCH.alias("replaced")
    query = (
        sa.select(
            *cols,
            REV.c.new_value,
            REV.c.replaced_by,
            replaced.c.committed_at.label("replaced_at"),
            replaced.c.file_name.label("replaced_file"),
            replaced.c.user.label("replaced_user"),
        )
        .select_from(joined)
        .join_from(REV, replaced, REV.c.replaced_by == replaced.c.id)
        .where(*_filters(city, None, None))
        .order_by(replaced.c.committed_at, REV.c.id)
    )
    if since is not None:
        query = query.where(replaced.c.committed_at > since)
    rows = conn.execute(query).all()
    return pd.DataFrame(
        rows,
        columns=[
            *COLUMNS,
            "new_value",
            "replaced_by",
            "replaced_at",
            "replaced_file",
            "replaced_user",
        ],
    )


def latest_change(conn: sa.Connection) -> dt.datetime | None:
    """When the newest batch was committed: a cheap key for caches of computed pages."""
    return conn.execute(sa.select(sa.func.max(BATCH.c.committed_at))).scalar()
