"""Briefing prints shared by every session of the process, made off the script thread.

A print is keyed by what it shows (city, pledge, as-of, since, paper) and the store's state
(database, newest batch, catalog fingerprint), so it runs at most once until the data change,
and a second reader gets the finished file at once. Viewers have an hourly allowance of new
prints per session; editors and files already printed do not count against it.
"""

from __future__ import annotations

import collections
import datetime as dt
import threading
from collections.abc import Callable, Sequence
from concurrent import futures
from dataclasses import dataclass

# One print at a time: headless chromium is the heaviest thing this server runs.
WORKERS = 1
MAX_ENTRIES = 32


@dataclass(frozen=True, slots=True)
class Key:
    """What a briefing print shows, and the state of the store it was made from."""

    city: str
    pledge: str | None
    as_of: dt.date
    since: dt.date
    paper: str
    state: tuple[str, ...]
    summary_only: bool = False  # page 1 alone (the one-pager)


@dataclass(frozen=True, slots=True)
class Printed:
    """A finished briefing: the HTML, and the PDF or why it could not be printed."""

    html: bytes
    pdf: bytes | None
    problem: str | None


class PrintCache:
    """Futures of prints by key: the newest `max_entries`, failed ones dropped for a retry."""

    def __init__(self, workers: int = WORKERS, max_entries: int = MAX_ENTRIES) -> None:
        self._pool = futures.ThreadPoolExecutor(workers, thread_name_prefix="briefing-print")
        self._entries: collections.OrderedDict[Key, futures.Future[Printed]] = (
            collections.OrderedDict()
        )
        self._lock = threading.Lock()
        self._max = max_entries

    def find(self, key: Key) -> futures.Future[Printed] | None:
        """The print of this key, finished or under way, if there is one."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None and found.done() and found.exception() is not None:
                del self._entries[key]
                return None
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def start(self, key: Key, job: Callable[[], Printed]) -> tuple[futures.Future[Printed], bool]:
        """The print of this key, started now unless one exists; True when this call started it."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None and not (found.done() and found.exception() is not None):
                self._entries.move_to_end(key)
                return found, False
            started = self._pool.submit(job)
            self._entries[key] = started
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)
            return started, True


SHARED = PrintCache()


@dataclass(frozen=True, slots=True)
class Allowance:
    """How many new prints one viewer's session may start within an hour."""

    per_hour: int

    def next_free(self, started: Sequence[dt.datetime], now: dt.datetime) -> dt.datetime | None:
        """None when a print may start now, else the moment the oldest counted one ages out."""
        recent = sorted(t for t in started if now - t < dt.timedelta(hours=1))
        if len(recent) < self.per_hour:
            return None
        return recent[-self.per_hour] + dt.timedelta(hours=1)

    def refusal(self, free_at: dt.datetime, now: dt.datetime) -> str:
        """The limit in words, and when the next print can start."""
        minutes = max(1, -(-int((free_at - now).total_seconds()) // 60))
        return (
            f"This session has prepared {self.per_hour} new briefings in the last hour, the "
            f"limit for readers who are not signed in. You can prepare another at "
            f"{free_at:%H:%M} UTC (in about {minutes} minute{'s' if minutes != 1 else ''}); "
            "briefings already prepared by anyone open at once."
        )
