"""The one clock: code that needs "now" takes a `Clock`, so tests hand in one they control."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time, aware, in UTC: the default clock everywhere."""
    return dt.datetime.now(dt.UTC)


def naive_utc(moment: dt.datetime) -> dt.datetime:
    """A moment as naive UTC, the form every timestamp is stored in."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


class Ticking:
    """A test clock that moves on by a fixed step each time it is read (no sleeps needed)."""

    def __init__(self, start: dt.datetime, step: dt.timedelta = dt.timedelta(seconds=1)) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> dt.datetime:
        moment = self.now
        self.now = moment + self.step
        return moment


def today(now: Clock = utc_now) -> dt.date:
    """Today's date in UTC by the given clock: the default "as of" of every page and command."""
    return now().astimezone(dt.UTC).date()


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier; 29 February becomes the 28th (the one rule everywhere)."""
    if day.month == 2 and day.day == 29:
        return day.replace(year=day.year - 1, day=28)
    return day.replace(year=day.year - 1)
