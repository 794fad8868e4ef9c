"""Editors by password: argon2 hashes in a private file; failed attempts throttled in the store.

The credentials file is JSON, written atomically with mode 0600, and changes only when an account
does. Failed attempts are kept in the store per (client address, name) (`throttle`), so a lock
holds across app processes and a spray never queues behind one file lock. Unknown names are
counted and locked like known ones and checked against a dummy hash, so neither the answer nor
its timing says whether a name exists.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import functools
import json
import logging
import os
import re
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import argon2

from pledges import clock as clocks
from pledges import errors, model, settings, translation
from pledges.auth import throttle, tokens
from pledges.store import attempts

FORMAT = "pledges-credentials/1"
NAME_RULE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a sign-in or an account change was refused, in words for the person at the keyboard:
    `message` the English (logs, tests); `template` (with `plural` for a count) and `values`
    word it where it is shown, on the Sign-in page or by `user --lang` (docs/translating.md)."""

    code: Literal["mismatch", "locked", "empty", "bad-name", "weak-password", "exists", "unknown"]
    message: str
    locked_until: dt.datetime | None = None
    template: str = field(default="", compare=False)
    values: tuple[tuple[str, str | int], ...] = field(default=(), compare=False)
    plural: str | None = field(default=None, compare=False)
    count: int = field(default=1, compare=False)

    def said_in(self, t: translation.Translator = translation.ENGLISH) -> str:
        """The refusal in `t`'s language."""
        if not self.template:
            return self.message
        if self.plural is not None:
            return t.ngettext(self.template, self.plural, self.count, **dict(self.values))
        return t.gettext(self.template, **dict(self.values))


def refused(
    code: Literal["mismatch", "locked", "empty", "bad-name", "weak-password", "exists", "unknown"],
    template: str | tuple[str, str],
    values: dict[str, str | int] | None = None,
    count: int = 1,
    locked_until: dt.datetime | None = None,
) -> Refusal:
    """A refusal from a catalog template (marked `translation.N_`, or an `NP_` pair chosen by
    `count`) and its values: the English kept in `message`."""
    singular, plural = (template, None) if isinstance(template, str) else template
    filled = tuple((values or {}).items())
    refusal = Refusal(code, "", locked_until, singular, filled, plural, count)
    return dataclasses.replace(refusal, message=refusal.said_in())


@dataclass(frozen=True, slots=True)
class User:
    """One editor in the credentials file (the hash never leaves this module)."""

    name: str
    added_at: dt.datetime
    locked_until: dt.datetime | None


Lockout = throttle.Lockout
WRONG = translation.N_("The name or the password is wrong.")
ATTEMPTS_LEFT = translation.NP_(
    "The name or the password is wrong. {count} attempt left before this name is locked here for"
    " {minutes} minutes.",
    "The name or the password is wrong. {count} attempts left before this name is locked here"
    " for {minutes} minutes.",
)


@dataclass(slots=True)
class _File:
    users: dict[str, dict[str, str]] = field(default_factory=dict)


@functools.cache
def _hasher() -> argon2.PasswordHasher:
    return argon2.PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A hash nobody knows the password of, checked for unknown names to even out the timing."""
    return _hasher().hash(secrets.token_urlsafe(32))


def _resolve(path: Path | None) -> Path:
    return path if path is not None else settings.load().credentials_file


def _lockout(lockout: Lockout | None) -> Lockout:
    if lockout is not None:
        return lockout
    config = settings.load()
    return Lockout(config.lockout_attempts, config.lockout_minutes)


def _stamp(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _moment(text: object) -> dt.datetime | None:
    if text is None:
        return None
    value = dt.datetime.fromisoformat(str(text))
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """Serialise every read-modify-write of the file across threads and processes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _read(path: Path) -> _File:
    if not path.exists():
        return _File()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            raise ValueError(f"format is not {FORMAT}")
        # Files written before the store kept attempts have an "attempts" key: ignored.
        users = {str(k): {"hash": str(v["hash"]), **v} for k, v in raw["users"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise errors.CredentialsError(f"{path}: cannot read the credentials file: {exc}") from exc
    return _File(users)


def _write(path: Path, data: _File) -> None:
    """Replace the file in one step (a reader sees the old or the new file), readable by owner."""
    body: dict[str, Any] = {"format": FORMAT, "users": data.users}
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)
            json.dump(body, handle, indent=2, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    os.chmod(path, 0o600)


def verify(
    name: str,
    password: str,
    *,
    log: attempts.AttemptLog,
    address: str = throttle.LOCAL,
    path: Path | None = None,
    clock: clocks.Clock | None = None,
    lockout: Lockout | None = None,
) -> model.Actor | Refusal:
    """Check a name and password from a client address; an editor on success, else a refusal
    that never says which of the two was wrong."""
    path, rules = _resolve(path), _lockout(lockout)
    _dummy_hash()  # made before any answer, so the first unknown name is not the slow one
    name = name.strip()
    if not name or not password:
        return refused("empty", translation.N_("Enter your name and your password."))
    if not NAME_RULE.fullmatch(name) or len(password) > MAX_PASSWORD:
        # No account can have this name; nothing is stored for it.
        _check(_dummy_hash(), password[:MAX_PASSWORD])
        return refused("mismatch", WRONG)
    now = (clock or clocks.utc_now)()
    earlier: list[attempts.Run | None] = []

    def count(stored: attempts.Run | None) -> attempts.Run | None:
        # Counted before the hash is checked, so parallel guesses cannot overtake the lock.
        run = throttle.current(stored, now, rules)
        earlier.append(run)
        if throttle.locked_until(run, now) is not None:
            return run
        return throttle.after_failure(run, now, rules)

    run = log.change(address, name, count, prune=now - rules.window)
    until = throttle.locked_until(earlier[-1], now)
    if until is not None:
        minutes = throttle.minutes_left(until, now)
        return refused("locked", throttle.LOCKED, {"until": f"{until:%H:%M}"}, minutes, until)
    record = _read(path).users.get(name)
    # An unknown name costs one hash check too, against a hash nobody knows the password of.
    matches = _check(record["hash"] if record is not None else _dummy_hash(), password)
    if record is not None and matches:
        log.change(address, name, lambda _: None)
        if _hasher().check_needs_rehash(record["hash"]):
            _rehash(path, name, password)
        _log.info("editor %s signed in", name)
        return model.Actor(name, "editor")
    assert run is not None
    if throttle.locked_until(run, now) is not None:
        assert run.locked_until is not None
        _log.warning("sign-in name %s locked at %s after %d failures", name, address, run.failures)
        minutes = throttle.minutes_left(run.locked_until, now)
        until = run.locked_until
        stamp = {"until": f"{until:%H:%M}"}
        return refused("mismatch", throttle.WRONG_AND_LOCKED, stamp, minutes, until)
    left, length = throttle.attempts_left(run, rules)
    minutes = int(length.total_seconds() // 60)
    return refused("mismatch", ATTEMPTS_LEFT, {"minutes": minutes}, left)


def _rehash(path: Path, name: str, password: str) -> None:
    """Store a fresh hash after argon2's parameters changed (only if the hash is unchanged)."""
    with _exclusive(path):
        data = _read(path)
        record = data.users.get(name)
        if record is not None and _hasher().check_needs_rehash(record["hash"]):
            record["hash"] = _hasher().hash(password)
            _write(path, data)


def _check(hashed: str, password: str) -> bool:
    try:
        return _hasher().verify(hashed, password)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False


def check_new_user(name: str, password: str) -> Refusal | None:
    """The rules a new editor's name and password must meet, or why they do not."""
    if not NAME_RULE.fullmatch(name):
        return refused(
            "bad-name",
            translation.N_(
                "A name is 1 to 64 letters, digits or . _ @ - and starts with a letter or digit."
            ),
        )
    if len(password) < MIN_PASSWORD:
        return refused(
            "weak-password",
            translation.N_("A password needs at least {count} characters."),
            {"count": MIN_PASSWORD},
        )
    if len(password) > MAX_PASSWORD:
        return refused(
            "weak-password",
            translation.N_("A password has at most {count} characters."),
            {"count": MAX_PASSWORD},
        )
    if password.strip() != password:
        return refused(
            "weak-password", translation.N_("A password may not begin or end with a space.")
        )
    return None


def add_user(
    name: str,
    password: str,
    *,
    path: Path | None = None,
    replace: bool = False,
    clock: clocks.Clock | None = None,
) -> Refusal | None:
    """Store an editor's password hash (a new name, or a new password with `replace`)."""
    path = _resolve(path)
    problem = check_new_user(name, password)
    if problem is not None:
        return problem
    hashed = _hasher().hash(password)
    with _exclusive(path):
        data = _read(path)
        if name in data.users and not replace:
            return refused(
                "exists",
                translation.N_("{name} is already an editor; use --replace to reset it."),
                {"name": name},
            )
        data.users[name] = {"hash": hashed, "added_at": _stamp((clock or clocks.utc_now)()) or ""}
        _write(path, data)
    return None


def remove_user(name: str, *, path: Path | None = None) -> Refusal | None:
    """Delete an editor; their signed-in sessions lose the editor role on their next click."""
    path = _resolve(path)
    with _exclusive(path):
        data = _read(path)
        if name not in data.users:
            return refused("unknown", translation.N_("{name} is not an editor."), {"name": name})
        del data.users[name]
        _write(path, data)
    return None


def unlock_user(name: str, *, log: attempts.AttemptLog) -> bool:
    """Clear a name's failed attempts and locks from every address; True when there were some."""
    return log.clear_name(name) > 0


def list_users(
    *,
    path: Path | None = None,
    clock: clocks.Clock | None = None,
    log: attempts.AttemptLog | None = None,
) -> list[User]:
    """Every editor with the moment they were added and, given the log, any lock in force
    (from some address), by name."""
    path = _resolve(path)
    now = (clock or clocks.utc_now)()
    locks = log.locks(now) if log is not None else {}
    return [
        User(name, _moment(record.get("added_at")) or now, locks.get(name))
        for name, record in sorted(_read(path).users.items())
    ]


def session_binding(name: str, *, path: Path | None = None) -> str | None:
    """A fingerprint of the editor's stored hash for the sign-in cookie; None if not an editor."""
    record = _read(_resolve(path)).users.get(name)
    return None if record is None else tokens.binding_of(record["hash"])


def is_editor(name: str, *, path: Path | None = None) -> bool:
    """True while the name is still in the credentials file (a removal takes effect at once)."""
    return name in _read(_resolve(path)).users
