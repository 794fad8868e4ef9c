"""The app's side of staying signed in (AppTest): activity keeps a sign-in, idleness ends it,
and the command line clears a lock kept in the store."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pledges import cli, clock, model, settings, store
from pledges.auth import passwords
from pledges.store import attempts
from pledges.web import session

APP = settings.PROJECT_ROOT / "app.py"
UPLOAD = str(settings.PROJECT_ROOT / "pledges" / "web" / "pages" / "upload.py")
PASSWORD = "correct horse battery"


@pytest.fixture
def creds(db: store.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "credentials.json"
    assert passwords.add_user("alice", PASSWORD, path=path) is None
    monkeypatch.setenv("PLEDGES_DATABASE_URL", db.engine.url.render_as_string(False))
    monkeypatch.setenv("PLEDGES_CREDENTIALS", str(path))
    monkeypatch.setenv("PLEDGES_AUTH", "password")
    monkeypatch.setenv("PLEDGES_SESSION_HOURS", "2")
    return path


def has_upload(at: AppTest) -> bool:
    try:
        at.switch_page(UPLOAD)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("idle_minutes", "editor"),
    [(119, True), (121, False)],
    ids=["active-within-two-hours", "idle-past-two-hours"],
)
def test_a_sign_in_ends_after_the_idle_hours(creds: Path, idle_minutes: int, editor: bool) -> None:
    at = AppTest.from_file(str(APP), default_timeout=30)
    last_seen = clock.utc_now() - dt.timedelta(minutes=idle_minutes)
    at.session_state[session.SIGNED_IN] = session.SignedIn("alice", last_seen, last_seen)
    at.run()
    assert not at.exception
    assert has_upload(at) is editor
    signed = at.session_state[session.SIGNED_IN] if editor else None
    if editor:
        # The click counts as activity, and the cookie (written 119 minutes ago, more than
        # 2 h / 24 = 5 minutes) is renewed on this run.
        assert clock.utc_now() - signed.at < dt.timedelta(minutes=1)
        assert clock.utc_now() - signed.cookie_at < dt.timedelta(minutes=1)
    else:
        assert session.SIGNED_IN not in at.session_state
        assert at.session_state[session.SIGNED_OUT] is True


def test_the_command_line_lists_and_clears_a_lock_from_the_store(
    db: store.Store, creds: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    log = attempts.AttemptLog.of_store(db.engine)
    for i in range(5):
        passwords.verify("alice", f"guess {i}", log=log, address="198.51.100.7", path=creds)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli.main(["user", "list"]) == 0
    assert "locked until" in capsys.readouterr().out
    assert cli.main(["user", "unlock", "alice"]) == 0
    assert "failed attempts cleared" in capsys.readouterr().out
    assert cli.main(["user", "unlock", "alice"]) == 0
    assert "was not locked" in capsys.readouterr().out
    signed = passwords.verify("alice", PASSWORD, log=log, address="198.51.100.7", path=creds)
    assert signed == model.Actor("alice", "editor")
