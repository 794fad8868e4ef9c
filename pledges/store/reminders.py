"""The record of reminder e-mails: claim a (day, city, e-mail) before sending, mark it after."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from pledges.store import schema

REMINDER = schema.ReminderRow.__table__
STALE_CLAIM = dt.timedelta(minutes=30)  # a claim this old belongs to a run that died mid-send


def claim(
    conn: sa.Connection,
    day: dt.date,
    city: str,
    email: str,
    indicators: str,
    token: str,
    now: dt.datetime,
) -> bool:
    """Take the reminder for sending; False when it was sent or another run is sending it.

    Runs inside the store's write transaction, so two processes claim one after the other.
    """
    key = sa.and_(REMINDER.c.day == day, REMINDER.c.city == city, REMINDER.c.email == email)
    row = conn.execute(sa.select(REMINDER).where(key)).mappings().first()
    if row is None:
        conn.execute(
            sa.insert(REMINDER).values(
                day=day,
                city=city,
                email=email,
                indicators=indicators,
                status="claimed",
                token=token,
                claimed_at=now,
                sent_at=None,
            )
        )
        return True
    if row["status"] == "sent" or now - row["claimed_at"] < STALE_CLAIM:
        return False
    conn.execute(
        sa.update(REMINDER)
        .where(REMINDER.c.id == row["id"])
        .values(indicators=indicators, token=token, claimed_at=now)
    )
    return True


def mark_sent(conn: sa.Connection, token: str, now: dt.datetime) -> None:
    """The server took the message: the reminder is sent."""
    conn.execute(
        sa.update(REMINDER).where(REMINDER.c.token == token).values(status="sent", sent_at=now)
    )


def release(conn: sa.Connection, token: str) -> None:
    """The send failed: forget the claim so the next run tries again."""
    conn.execute(
        sa.delete(REMINDER).where(REMINDER.c.token == token, REMINDER.c.status == "claimed")
    )


def sent(conn: sa.Connection, day: dt.date | None = None) -> list[dict[str, object]]:
    """Reminders marked sent (of one day, or all), oldest first."""
    q = sa.select(REMINDER).where(REMINDER.c.status == "sent").order_by(REMINDER.c.id)
    if day is not None:
        q = q.where(REMINDER.c.day == day)
    return [dict(r) for r in conn.execute(q).mappings()]
