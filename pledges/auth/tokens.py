"""The "stay signed in" cookie: an editor's name and a moment, signed with HMAC-SHA256.

The signature also covers a fingerprint of the editor's stored password hash, so a new password
or a removal ends every such cookie at once; the moment bounds it to the idle timeout.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import hmac
import os
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SEPARATOR = ":"  # never in a name (passwords.NAME_RULE), allowed in a cookie value


@dataclass(frozen=True, slots=True)
class Token:
    """What a valid cookie says: who, and when it was issued (the last sign of activity)."""

    name: str
    issued: dt.datetime


def _mac(secret: bytes, payload: str, binding: str) -> str:
    digest = hmac.new(secret, f"{payload}{SEPARATOR}{binding}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def binding_of(password_hash: str) -> str:
    """A short fingerprint of a stored hash: changes when the password does."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def issue(name: str, binding: str, now: dt.datetime, secret: bytes) -> str:
    """A cookie value for this editor, issued now."""
    payload = f"{name}{SEPARATOR}{int(now.timestamp())}"
    return f"{payload}{SEPARATOR}{_mac(secret, payload, binding)}"


def read(
    value: str | None,
    secret: bytes,
    binding: Callable[[str], str | None],
    now: dt.datetime,
    max_idle: dt.timedelta,
) -> Token | None:
    """The token a cookie value holds, or None if it is forged, stale, from the future, or
    for a name that is no longer an editor (`binding` gives None) or has a new password."""
    parts = (value or "").split(SEPARATOR)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    name, stamp, mac = parts
    fingerprint = binding(name)
    if fingerprint is None:
        return None
    if not hmac.compare_digest(mac, _mac(secret, f"{name}{SEPARATOR}{stamp}", fingerprint)):
        return None
    issued = dt.datetime.fromtimestamp(int(stamp), dt.UTC)
    if issued > now + dt.timedelta(minutes=1) or now - issued > max_idle:
        return None
    return Token(name, issued)


def secret(configured: str | None, folder: Path) -> bytes:
    """The signing secret: the setting, else a random one kept in `folder`/session-secret
    (mode 0600, made on first use and shared by every app process)."""
    if configured:
        return configured.encode()
    path = folder / "session-secret"
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".session-secret.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(secrets.token_urlsafe(32).encode())
        # A hard link appears whole or not at all, and fails if another process won the race.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
    return path.read_bytes().strip()
