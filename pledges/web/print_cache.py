"""Briefing prints shared by every session of the process, made off the script thread.

A print is keyed by what it shows (city, pledge, as-of, since, paper) and the store's state
(database, newest batch, catalog fingerprint), so it runs at most once until the data change,
and a second reader gets the finished file at once, free. New prints are the one thing a
visitor can make the server work hard for, so they are bounded for everyone together, not per
session (a reload would reset that): readers who are not signed in may start `per_address` new
prints an hour from one client address and `viewers_total` an hour all together, at most
`waiting` of theirs wait for the printer at once, and an editor's print goes ahead of every
reader's. The bounds hold per app process, as the printer (headless chromium) is per process.
"""

from __future__ import annotations

import collections
import datetime as dt
import heapq
import itertools
import threading
from collections.abc import Callable
from concurrent import futures
from dataclasses import dataclass

from pledges import settings

# One print at a time: headless chromium is the heaviest thing this server runs.
WORKERS = 1
MAX_ENTRIES = 32
# However many readers wait, editors' prints are bounded too (they are signed in, so few).
EDITOR_WAITING = 16
HOUR = dt.timedelta(hours=1)
_EDITOR, _VIEWER = 0, 1  # queue priorities: lower runs first


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


@dataclass(frozen=True, slots=True)
class Limits:
    """How much new printing readers who are not signed in may cause (see the module)."""

    per_address: int = 5
    viewers_total: int = 30
    waiting: int = 4


@dataclass(frozen=True, slots=True)
class Requester:
    """Who asks for a print: an editor or not, and from which client address."""

    editor: bool
    address: str


@dataclass(frozen=True, slots=True)
class Refused:
    """A new print not started, and why, in words for the reader."""

    message: str


@dataclass(frozen=True, slots=True)
class Started:
    """A print to wait for, and whether this request started it (False: shared, free)."""

    future: futures.Future[Printed]
    new: bool


class PrintCache:
    """Futures of prints by key (the newest `max_entries`, failed ones dropped for a retry),
    a bounded queue run by `workers` threads, editors' prints first."""

    def __init__(
        self,
        workers: int = WORKERS,
        max_entries: int = MAX_ENTRIES,
        limits: Limits | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self._entries: collections.OrderedDict[Key, futures.Future[Printed]] = (
            collections.OrderedDict()
        )
        self._max = max_entries
        self._lock = threading.Condition()
        self._queue: list[tuple[int, int, futures.Future[Printed], Callable[[], Printed]]] = []
        self._order = itertools.count()
        self._started: collections.deque[tuple[dt.datetime, str]] = collections.deque()
        for number in range(workers):
            threading.Thread(
                target=self._work, name=f"briefing-print-{number}", daemon=True
            ).start()

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

    def start(
        self, key: Key, job: Callable[[], Printed], who: Requester, now: dt.datetime
    ) -> Started | Refused:
        """The print of this key: the existing one (free; an editor's request moves it ahead),
        else a new one queued if the limits allow it, else why not."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None and not (found.done() and found.exception() is not None):
                self._entries.move_to_end(key)
                if who.editor and not (found.running() or found.done()):
                    self._push(_EDITOR, found, job)
                return Started(found, False)
            refusal = self._refusal(who, now)
            if refusal is not None:
                return refusal
            future: futures.Future[Printed] = futures.Future()
            self._push(_EDITOR if who.editor else _VIEWER, future, job)
            if not who.editor:
                self._started.append((now, who.address))
            self._entries[key] = future
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)
            return Started(future, True)

    def waiting(self, editor: bool) -> int:
        """How many prints of editors (or of readers) wait for the printer now."""
        with self._lock:
            return self._waiting(_EDITOR if editor else _VIEWER)

    def _waiting(self, priority: int) -> int:
        pending = {id(f) for p, _, f, _ in self._queue if p == priority and not f.running()}
        if priority == _VIEWER:  # a reader's print an editor moved ahead counts as theirs
            pending -= {id(f) for p, _, f, _ in self._queue if p == _EDITOR}
        return len(pending)

    def _push(self, priority: int, future: futures.Future[Printed], job: Callable[[], Printed]):
        heapq.heappush(self._queue, (priority, next(self._order), future, job))
        self._lock.notify()

    def _refusal(self, who: Requester, now: dt.datetime) -> Refused | None:
        """Why a new print may not start now for this requester, if it may not."""
        if who.editor:
            if self._waiting(_EDITOR) >= EDITOR_WAITING:
                return Refused(_queue_full(EDITOR_WAITING))
            return None
        if min(self.limits.per_address, self.limits.viewers_total) <= 0:
            return Refused(
                "On this server only signed-in editors prepare new briefings; " + _OPEN_AT_ONCE
            )
        while self._started and now - self._started[0][0] >= HOUR:
            self._started.popleft()
        mine = [at for at, address in self._started if address == who.address]
        if len(mine) >= self.limits.per_address:
            free_at = mine[-self.limits.per_address] + HOUR
            return Refused(_address_refusal(self.limits.per_address, free_at, now))
        if len(self._started) >= self.limits.viewers_total:
            free_at = self._started[-self.limits.viewers_total][0] + HOUR
            return Refused(_total_refusal(self.limits.viewers_total, free_at, now))
        if self._waiting(_VIEWER) >= self.limits.waiting:
            return Refused(_queue_full(self.limits.waiting))
        return None

    def _work(self) -> None:
        """Run queued prints, editors' first, each once (a moved-ahead one is queued twice)."""
        while True:
            with self._lock:
                while not self._queue:
                    self._lock.wait()
                _, _, future, job = heapq.heappop(self._queue)
                if future.running() or future.done() or not future.set_running_or_notify_cancel():
                    continue
            try:
                future.set_result(job())
            except BaseException as exc:  # noqa: BLE001 - the reader sees it; the worker lives
                future.set_exception(exc)


def _minutes(free_at: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, -(-int((free_at - now).total_seconds()) // 60))
    return f"{free_at:%H:%M} UTC (in about {minutes} minute{'s' if minutes != 1 else ''})"


_OPEN_AT_ONCE = "briefings already prepared by anyone open at once."


def _address_refusal(limit: int, free_at: dt.datetime, now: dt.datetime) -> str:
    return (
        f"Readers at your address have prepared {limit} new briefings in the last hour, the "
        f"limit for readers who are not signed in. You can prepare another at "
        f"{_minutes(free_at, now)}; {_OPEN_AT_ONCE}"
    )


def _total_refusal(limit: int, free_at: dt.datetime, now: dt.datetime) -> str:
    return (
        f"Readers who are not signed in have prepared {limit} new briefings on this server in "
        f"the last hour, the limit for all of them together. You can prepare another at "
        f"{_minutes(free_at, now)}; {_OPEN_AT_ONCE}"
    )


def _queue_full(limit: int) -> str:
    return (
        f"{limit} briefings are already waiting to be printed, as many as may wait at once, so "
        f"this one was not added. Try again in a minute; {_OPEN_AT_ONCE}"
    )


SHARED = PrintCache()


def configured(limits: Limits) -> PrintCache:
    """The shared cache, with the limits the settings give now."""
    SHARED.limits = limits
    return SHARED


def from_settings(config: settings.Settings) -> PrintCache:
    """The shared cache with the settings' limits: every page that prints asks through this."""
    return configured(
        Limits(
            config.viewer_prints_per_hour, config.viewer_prints_total_per_hour, config.print_queue
        )
    )
