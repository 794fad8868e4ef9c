"""Sign-in throttling: a run of failures of one name from one client address earns a lock.

Keyed by (address, name): a spray over many names, or a brute force from elsewhere, never locks
an editor out of their own browser. Also which address a request came from, and when a proxy
in front of the app may be believed about it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pledges.store import attempts

# The address recorded when the app is opened on the machine itself (no peer address).
LOCAL = "local"


@dataclass(frozen=True, slots=True)
class Lockout:
    """How many failed attempts from one address lock a name there, and for how long."""

    attempts: int = 5
    minutes: int = 15

    @property
    def window(self) -> dt.timedelta:
        """The lock's length, and how long a failure counts towards one."""
        return dt.timedelta(minutes=self.minutes)


def current(run: attempts.Run | None, now: dt.datetime, rules: Lockout) -> attempts.Run | None:
    """The run as it stands now: an expired lock or an old run of failures starts afresh."""
    if run is None:
        return None
    if run.locked_until is not None:
        return run if now < run.locked_until else None
    return run if now - run.last_failure < rules.window else None


def after_failure(run: attempts.Run | None, now: dt.datetime, rules: Lockout) -> attempts.Run:
    """The run once one more failure is counted; the last allowed failure starts a lock."""
    failures = (run.failures if run is not None else 0) + 1
    if failures >= rules.attempts:
        return attempts.Run(failures, now, now + rules.window)
    return attempts.Run(failures, now)


def locked_message(until: dt.datetime, now: dt.datetime) -> str:
    """When to try again, in words (to the minute, rounded up)."""
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    return (
        f"Too many failed attempts from this address: this name is locked here until "
        f"{until:%H:%M} UTC (about {minutes} minute{'s' if minutes != 1 else ''}). Try again "
        "then, or ask an administrator to run `python -m pledges user unlock NAME`."
    )


def client_address(peer: str | None, forwarded_for: Sequence[str], proxy_hops: int) -> str:
    """The address to throttle: the connection's peer, or with `proxy_hops` trusted proxies in
    front, the X-Forwarded-For entry the outermost of them appended (a client can prepend
    anything, but not what our own proxies append)."""
    if proxy_hops > 0:
        entries = [e.strip() for header in forwarded_for for e in header.split(",") if e.strip()]
        if len(entries) >= proxy_hops:
            return entries[-proxy_hops][:64]
    return (peer or LOCAL)[:64]
