"""The record of council briefings made: kept in the store so every app process sees it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from pledges.store import schema

BRIEFING = schema.BriefingRow.__table__


def record(
    conn: sa.Connection,
    city: str,
    pledge: str | None,
    as_of: dt.date,
    output: str,
    now: dt.datetime,
) -> None:
    """Add one briefing to the record."""
    conn.execute(
        sa.insert(BRIEFING).values(
            city=city, pledge=pledge, as_of=as_of, made_at=now, output=output
        )
    )


def previous(conn: sa.Connection, city: str, pledge: str | None, before: dt.date) -> dt.date | None:
    """The as-of date of the latest briefing of the same scope before `before`."""
    scope = BRIEFING.c.pledge.is_(None) if pledge is None else BRIEFING.c.pledge == pledge
    return conn.execute(
        sa.select(sa.func.max(BRIEFING.c.as_of)).where(
            BRIEFING.c.city == city, scope, BRIEFING.c.as_of < before
        )
    ).scalar()
