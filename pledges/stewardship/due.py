"""When an indicator's next value falls due, and whether it is fresh, due soon or late: pure."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pledges import model

State = Literal["fresh", "due soon", "late", "never reported", "discontinued"]
# most urgent first; a discontinued series is never late (no value will come again)
STATES: tuple[State, ...] = ("late", "never reported", "due soon", "fresh", "discontinued")
_MONTHS_PER = {"year": 12, "quarter": 3, "month": 1}


@dataclass(frozen=True, slots=True)
class Due:
    """An indicator's reporting state on one day."""

    state: State
    due: dt.date
    days_late: int | None
    latest_period: dt.date | None
    period: str  # the period whose value is due: "2024", "2025 Q1", "2025-03"


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _day(year: int, month: int, day: int) -> dt.date:
    """The day in that month, clamped to its last day (02-29 in a common year is 28 February)."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def period_of(every: model.Every, day: dt.date) -> tuple[int, int]:
    """The (year, first month) of the year, quarter or month that contains a date."""
    size = _MONTHS_PER[every]
    return day.year, (day.month - 1) // size * size + 1


def due_date(cadence: model.Cadence, period: tuple[int, int]) -> dt.date:
    """The day the value for a period (year, first month) is due."""
    year, first = period
    month, day = cadence.due
    # the period ends in month first + size - 1; "MM" counts months from that end (1 = next)
    due_year, due_month = _add_months(year, first, _MONTHS_PER[cadence.every] - 1 + month)
    return _day(due_year, due_month, day)


def next_period(every: model.Every, period: tuple[int, int]) -> tuple[int, int]:
    """The period after this one."""
    return _add_months(period[0], period[1], _MONTHS_PER[every])


def _previous_period(every: model.Every, period: tuple[int, int]) -> tuple[int, int]:
    return _add_months(period[0], period[1], -_MONTHS_PER[every])


def label(every: model.Every, period: tuple[int, int]) -> str:
    """A period as people write it: 2024, 2024 Q4, 2024-12."""
    year, first = period
    if every == "year":
        return str(year)
    if every == "quarter":
        return f"{year} Q{(first - 1) // 3 + 1}"
    return f"{year}-{first:02d}"


def next_due(cadence: model.Cadence, latest: dt.date) -> dt.date:
    """When the value after the latest one reported is due."""
    return due_date(cadence, next_period(cadence.every, period_of(cadence.every, latest)))


def first_missing_due(cadence: model.Cadence, today: dt.date) -> dt.date:
    """For a series never reported: the due day of the last period that has ended by today."""
    return due_date(cadence, _previous_period(cadence.every, period_of(cadence.every, today)))


def _state(due: dt.date, today: dt.date, soon_days: int) -> tuple[State, int | None]:
    if today > due:
        return "late", (today - due).days
    if (due - today).days <= soon_days:
        return "due soon", None
    return "fresh", None


def assess(cadence: model.Cadence, latest: dt.date | None, today: dt.date, soon_days: int) -> Due:
    """The state on `today`: late after the due day, due soon within `soon_days` of it."""
    every = cadence.every
    if every == "discontinued":
        last = latest or today
        return Due("discontinued", last, None, latest, str(last.year) if latest else "none")
    if latest is None:
        missing = _previous_period(every, period_of(every, today))
        return Due("never reported", due_date(cadence, missing), None, None, label(every, missing))
    wanted = next_period(every, period_of(every, latest))
    due = due_date(cadence, wanted)
    state, days_late = _state(due, today, soon_days)
    return Due(state, due, days_late, latest, label(every, wanted))
