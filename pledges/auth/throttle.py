"""Sign-in throttling: a run of failures of one name from one client address earns a lock.

Keyed by (address, name): a spray over many names, or a brute force from elsewhere, never locks
an editor out of their own browser. Also which address a request came from, and when a proxy
in front of the app may be believed about it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pledges import translation
from pledges.store import attempts

# The address recorded when the app is opened on the machine itself (no peer address).
LOCAL = "local"


# However many locks in a row, one never lasts longer than a day.
LONGEST_LOCK = dt.timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Lockout:
    """How many failed attempts from one address lock a name there, and for how long."""

    attempts: int = 5
    minutes: int = 15

    @property
    def window(self) -> dt.timedelta:
        """The first lock's length, and how long a quiet spell must last to start afresh."""
        return dt.timedelta(minutes=self.minutes)

    def lock_length(self, level: int) -> dt.timedelta:
        """The `level`-th lock in a row (1, 2, ...): each twice the last, at most a day."""
        return min(self.window * 2 ** min(level - 1, 16), LONGEST_LOCK)


def current(run: attempts.Run | None, now: dt.datetime, rules: Lockout) -> attempts.Run | None:
    """The run as it stands now: after a quiet `window` (past any lock) it starts afresh."""
    if run is None:
        return None
    end = max(run.last_failure, run.locked_until or run.last_failure)
    return run if now - end < rules.window else None


def locked_until(run: attempts.Run | None, now: dt.datetime) -> dt.datetime | None:
    """When the run's lock ends, if one is in force now."""
    if run is None or run.locked_until is None or now >= run.locked_until:
        return None
    return run.locked_until


def after_failure(run: attempts.Run | None, now: dt.datetime, rules: Lockout) -> attempts.Run:
    """The run once one more failure is counted: every `attempts`-th failure starts a lock,
    each twice as long as the one before (a growing delay for a patient guesser)."""
    failures = (run.failures if run is not None else 0) + 1
    if failures % rules.attempts == 0:
        return attempts.Run(failures, now, now + rules.lock_length(failures // rules.attempts))
    return attempts.Run(failures, now)


def attempts_left(run: attempts.Run, rules: Lockout) -> tuple[int, dt.timedelta]:
    """Failures still allowed before the next lock, and how long that lock will be."""
    return (
        rules.attempts - run.failures % rules.attempts,
        rules.lock_length(run.failures // rules.attempts + 1),
    )


LOCKED = translation.NP_(
    "Too many failed attempts from this address: this name is locked here until {until} UTC"
    " (about {count} minute). Try again then, or ask an administrator to run `python -m pledges"
    " user unlock NAME`.",
    "Too many failed attempts from this address: this name is locked here until {until} UTC"
    " (about {count} minutes). Try again then, or ask an administrator to run `python -m pledges"
    " user unlock NAME`.",
)
WRONG_AND_LOCKED = translation.NP_(
    "The name or the password is wrong. Too many failed attempts from this address: this name is"
    " locked here until {until} UTC (about {count} minute). Try again then, or ask an"
    " administrator to run `python -m pledges user unlock NAME`.",
    "The name or the password is wrong. Too many failed attempts from this address: this name is"
    " locked here until {until} UTC (about {count} minutes). Try again then, or ask an"
    " administrator to run `python -m pledges user unlock NAME`.",
)


def minutes_left(until: dt.datetime, now: dt.datetime) -> int:
    """Whole minutes until a lock ends (rounded up, at least one)."""
    return max(1, -(-int((until - now).total_seconds()) // 60))


def locked_message(until: dt.datetime, now: dt.datetime) -> str:
    """When to try again, in words (to the minute, rounded up), in English."""
    count = minutes_left(until, now)
    return translation.ENGLISH.ngettext(*LOCKED, count, until=f"{until:%H:%M}")


def client_address(peer: str | None, forwarded_for: Sequence[str], proxy_hops: int) -> str:
    """The address to throttle: the connection's peer, or with `proxy_hops` trusted proxies in
    front, the X-Forwarded-For entry the outermost of them appended (a client can prepend
    anything, but not what our own proxies append)."""
    if proxy_hops > 0:
        entries = [e.strip() for header in forwarded_for for e in header.split(",") if e.strip()]
        if len(entries) >= proxy_hops:
            return entries[-proxy_hops][:64]
    return (peer or LOCAL)[:64]
