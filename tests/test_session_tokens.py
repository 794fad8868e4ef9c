"""The "stay signed in" cookie: a round trip, and every way a cookie must stop working."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from pledges.auth import passwords, tokens

SECRET = b"a test secret, not used anywhere else"
NOW = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
IDLE = dt.timedelta(hours=12)


def editors(**bindings: str):
    return lambda name: bindings.get(name)


def test_a_fresh_cookie_names_its_editor_and_when_it_was_issued() -> None:
    value = tokens.issue("alice", "b1", NOW, SECRET)
    token = tokens.read(value, SECRET, editors(alice="b1"), NOW + dt.timedelta(hours=1), IDLE)
    assert token == tokens.Token("alice", NOW)


def forged(value: str) -> str:
    name, stamp, mac = value.split(":")
    return f"bob:{stamp}:{mac}"


CASES = {
    # (how the cookie was changed, the binding the editor has now, minutes after issue)
    "forged-name": (forged, "b1", 1),
    "other-secret": (lambda v: tokens.issue("alice", "b1", NOW, b"another secret"), "b1", 1),
    "new-password": (lambda v: v, "b2", 1),
    "removed-editor": (lambda v: v, None, 1),
    "idle-past-the-limit": (lambda v: v, "b1", 12 * 60 + 1),
    "from-the-future": (lambda v: v, "b1", -10),
    "garbage": (lambda v: "not a cookie", "b1", 1),
    "empty": (lambda v: "", "b1", 1),
}


@pytest.mark.parametrize(("change", "binding", "minutes"), CASES.values(), ids=CASES.keys())
def test_a_cookie_is_refused(change, binding: str | None, minutes: int) -> None:
    value = change(tokens.issue("alice", "b1", NOW, SECRET))
    lookup = editors(alice=binding, bob="b1") if binding else editors(bob="b1")
    later = NOW + dt.timedelta(minutes=minutes)
    assert tokens.read(value, SECRET, lookup, later, IDLE) is None


def test_exactly_the_idle_limit_is_still_signed_in() -> None:
    value = tokens.issue("alice", "b1", NOW, SECRET)
    assert tokens.read(value, SECRET, editors(alice="b1"), NOW + IDLE, IDLE) is not None


def test_the_binding_follows_the_stored_hash(tmp_path: Path) -> None:
    path = tmp_path / "credentials.json"
    assert passwords.add_user("alice", "a first long password", path=path) is None
    first = passwords.session_binding("alice", path=path)
    assert passwords.add_user("alice", "a second long password", path=path, replace=True) is None
    second = passwords.session_binding("alice", path=path)
    assert first and second and first != second
    assert passwords.session_binding("nobody", path=path) is None


def test_the_secret_comes_from_the_setting_else_one_private_file(tmp_path: Path) -> None:
    assert tokens.secret("from the environment", tmp_path) == b"from the environment"
    made = tokens.secret(None, tmp_path / "data")
    again = tokens.secret(None, tmp_path / "data")
    assert made == again and len(made) >= 32
    path = tmp_path / "data" / "session-secret"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["session-secret"]
