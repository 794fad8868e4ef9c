"""Editors' sign-in: argon2 round trip, refusals, lockout, the user command, the service guard."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pledges import cli, errors, model, service, settings, store
from pledges.auth import oidc, passwords
from pledges.store import attempts

PASSWORD = "correct horse battery"
START = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
GOOD_CSV = (
    b"city,pledge,indicator,period,value,unit,source,note\n"
    b"Testville,green-deal,renewable-share,2019,34,%,synthetic test row,\n"
    b"Testville,green-deal,emissions,2019,800,kt,synthetic test row,\n"
)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def creds(tmp_path: Path) -> Path:
    """A credentials file holding one editor, alice."""
    path = tmp_path / "secrets" / "credentials.json"
    assert passwords.add_user("alice", PASSWORD, path=path) is None
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def log(db: store.Store) -> attempts.AttemptLog:
    """The failed sign-ins kept in a migrated test store."""
    return attempts.AttemptLog(db.engine)


RULES = passwords.Lockout(attempts=5, minutes=15)
ADDRESS = "203.0.113.5"  # documentation range (RFC 5737)


def attempt(
    log: attempts.AttemptLog, creds: Path, clock: Clock, name: str, password: str
) -> model.Actor | passwords.Refusal:
    return passwords.verify(
        name, password, log=log, address=ADDRESS, path=creds, clock=clock, lockout=RULES
    )


def test_round_trip_gives_an_editor_and_keeps_only_a_private_argon2_hash(
    log: attempts.AttemptLog, creds: Path
) -> None:
    assert passwords.verify("alice", PASSWORD, log=log, path=creds) == model.Actor(
        "alice", "editor"
    )
    assert stat.S_IMODE(os.stat(creds).st_mode) == 0o600
    text = creds.read_text(encoding="utf-8")
    assert PASSWORD not in text
    assert json.loads(text)["users"]["alice"]["hash"].startswith("$argon2id$")
    assert [u.name for u in passwords.list_users(path=creds)] == ["alice"]


def test_wrong_password_is_a_clear_refusal_identical_for_an_unknown_name(
    log: attempts.AttemptLog, creds: Path, clock: Clock
) -> None:
    wrong = attempt(log, creds, clock, "alice", "not the password")
    ghost = attempt(log, creds, clock, "nobody-here", "not the password")
    assert isinstance(wrong, passwords.Refusal) and isinstance(ghost, passwords.Refusal)
    assert wrong.code == ghost.code == "mismatch"
    assert wrong.message == ghost.message
    assert wrong.message.startswith("The name or the password is wrong.")
    assert "4 attempts left" in wrong.message


@pytest.mark.parametrize("name", ["alice", "ghost"], ids=["known-name", "unknown-name"])
def test_the_sixth_attempt_is_locked_even_with_the_right_password(
    log: attempts.AttemptLog, creds: Path, clock: Clock, name: str
) -> None:
    results = [attempt(log, creds, clock, name, f"wrong {i}") for i in range(5)]
    assert [r.code for r in results if isinstance(r, passwords.Refusal)] == ["mismatch"] * 5
    assert "locked" in results[-1].message
    sixth = attempt(log, creds, clock, name, PASSWORD)
    assert isinstance(sixth, passwords.Refusal) and sixth.code == "locked"
    assert sixth.locked_until == START + dt.timedelta(minutes=15)


def test_the_lock_expires_after_fifteen_minutes(
    log: attempts.AttemptLog, creds: Path, clock: Clock
) -> None:
    for i in range(5):
        attempt(log, creds, clock, "alice", f"wrong {i}")
    clock.advance(minutes=14, seconds=59)
    assert attempt(log, creds, clock, "alice", PASSWORD).code == "locked"
    clock.advance(seconds=1)
    assert attempt(log, creds, clock, "alice", PASSWORD) == model.Actor("alice", "editor")
    # A success clears the count: five fresh attempts before the next lock.
    assert "4 attempts left" in attempt(log, creds, clock, "alice", "wrong").message


def test_failures_spread_over_more_than_the_window_do_not_lock(
    log: attempts.AttemptLog, creds: Path, clock: Clock
) -> None:
    for i in range(4):
        attempt(log, creds, clock, "alice", f"wrong {i}")
    clock.advance(minutes=16)
    assert "4 attempts left" in attempt(log, creds, clock, "alice", "wrong").message


def test_the_lock_holds_in_another_process(
    db: store.Store, log: attempts.AttemptLog, creds: Path
) -> None:
    for i in range(5):
        passwords.verify("alice", f"wrong {i}", log=log, path=creds)
    code = (
        "import sys; from pathlib import Path; from pledges import store;"
        "from pledges.auth import passwords; from pledges.store import attempts;"
        "log = attempts.AttemptLog(store.Store.open(sys.argv[2]).engine);"
        f"r = passwords.verify('alice', {PASSWORD!r}, log=log, path=Path(sys.argv[1]));"
        "print(getattr(r, 'code', 'signed-in'))"
    )
    url = db.engine.url.render_as_string(hide_password=False)
    out = subprocess.run(
        [sys.executable, "-c", code, str(creds), url],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.PROJECT_ROOT,
    )
    assert out.stdout.strip() == "locked"


def test_parallel_guesses_get_no_more_than_five_tries(
    log: attempts.AttemptLog, creds: Path
) -> None:
    codes: list[str] = []

    def guess(i: int) -> None:
        result = passwords.verify("alice", f"guess {i}", log=log, path=creds, lockout=RULES)
        codes.append(result.code)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == ["locked"] * 4 + ["mismatch"] * 5


def test_unlock_clears_a_lock(log: attempts.AttemptLog, creds: Path, clock: Clock) -> None:
    for i in range(5):
        attempt(log, creds, clock, "alice", f"wrong {i}")
    assert passwords.unlock_user("alice", log=log) is True
    assert passwords.unlock_user("alice", log=log) is False
    assert attempt(log, creds, clock, "alice", PASSWORD) == model.Actor("alice", "editor")


def test_a_removed_editor_can_no_longer_sign_in(log: attempts.AttemptLog, creds: Path) -> None:
    assert passwords.is_editor("alice", path=creds)
    assert passwords.remove_user("alice", path=creds) is None
    assert not passwords.is_editor("alice", path=creds)
    assert passwords.verify("alice", PASSWORD, log=log, path=creds).code == "mismatch"
    assert passwords.remove_user("alice", path=creds).code == "unknown"


@pytest.mark.parametrize(
    ("name", "password", "code"),
    [
        ("alice", "a new long password", "exists"),
        ("", PASSWORD, "bad-name"),
        ("bob smith", PASSWORD, "bad-name"),
        ("<img src=x>", PASSWORD, "bad-name"),
        ("bob", "short", "weak-password"),
        ("bob", " padded password ", "weak-password"),
    ],
    ids=["exists", "empty-name", "space-in-name", "html-name", "short", "padded"],
)
def test_add_user_refusals(creds: Path, name: str, password: str, code: str) -> None:
    refusal = passwords.add_user(name, password, path=creds)
    assert refusal is not None and refusal.code == code


def test_an_empty_form_is_refused_without_counting(
    log: attempts.AttemptLog, creds: Path, clock: Clock
) -> None:
    assert attempt(log, creds, clock, "alice", "").code == "empty"
    assert "4 attempts left" in attempt(log, creds, clock, "alice", "wrong").message


def test_a_corrupt_credentials_file_is_a_broken_environment(
    log: attempts.AttemptLog, tmp_path: Path
) -> None:
    path = tmp_path / "credentials.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(errors.CredentialsError, match="cannot read"):
        passwords.verify("alice", PASSWORD, log=log, path=path)


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def user_cmd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, db: store.Store):
    """Run `python -m pledges user ...` in-process with text on a non-terminal stdin."""
    path = tmp_path / "cli-credentials.json"
    monkeypatch.setenv("PLEDGES_CREDENTIALS", str(path))
    monkeypatch.setenv("PLEDGES_DATABASE_URL", db.engine.url.render_as_string(False))

    def invoke(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = cli.main(["user", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    invoke.path = path  # type: ignore[attr-defined]
    invoke.log = attempts.AttemptLog(db.engine)  # type: ignore[attr-defined]
    return invoke


def test_cli_add_list_remove(user_cmd) -> None:
    code, out, _ = user_cmd("add", "carol", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert code == 0 and "added editor carol" in out
    assert PASSWORD not in out
    assert passwords.verify("carol", PASSWORD, log=user_cmd.log, path=user_cmd.path) == model.Actor(
        "carol", "editor"
    )
    code, out, _ = user_cmd("list")
    assert code == 0 and out.startswith("carol  added ")
    code, out, _ = user_cmd("remove", "carol")
    assert code == 0 and "removed editor carol" in out
    code, out, _ = user_cmd("list")
    assert code == 0 and "no editors yet" in out


def test_cli_user_in_spanish(user_cmd) -> None:
    code, out, _ = user_cmd("--lang", "es", "add", "carol", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert code == 0 and out.startswith("editor carol añadido (")
    code, out, _ = user_cmd("--lang", "es", "list")
    assert code == 0 and out.startswith("carol  añadido el ") and out.rstrip().endswith(" UTC")
    code, out, _ = user_cmd("--lang", "es", "remove", "carol")
    assert code == 0 and out == "editor carol eliminado\n"
    code, _, err = user_cmd("--lang", "es", "add", "dave", stdin=f"{PASSWORD}\nsomething else\n")
    assert code == 1 and "las dos contraseñas no coinciden" in err


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("add", "dave"), f"{PASSWORD}\nsomething else\n", "the two passwords differ"),
        (("add", "dave"), "short\n", "at least 10 characters"),
        (("add", "dave smith"), f"{PASSWORD}\n", "A name is 1 to 64"),
        (("remove", "nobody"), "", "nobody is not an editor"),
    ],
    ids=["mismatch", "short", "bad-name", "remove-unknown"],
)
def test_cli_refusals_exit_1_and_store_nothing(user_cmd, args, stdin: str, message: str) -> None:
    code, _, err = user_cmd(*args, stdin=stdin)
    assert code == 1 and message in err
    assert passwords.list_users(path=user_cmd.path) == []


def test_cli_add_twice_needs_replace(user_cmd) -> None:
    assert user_cmd("add", "erin", stdin=f"{PASSWORD}\n")[0] == 0
    code, _, err = user_cmd("add", "erin", stdin="another password\n")
    assert code == 1 and "already an editor" in err
    assert user_cmd("add", "--replace", "erin", stdin="another password\n")[0] == 0
    assert (
        passwords.verify("erin", "another password", log=user_cmd.log, path=user_cmd.path).name
        == "erin"
    )


def test_cli_never_takes_the_password_as_an_argument(user_cmd) -> None:
    with pytest.raises(SystemExit) as exit_info:
        user_cmd("add", "frank", PASSWORD)
    assert exit_info.value.code == 2


def test_cli_add_through_a_pipe_in_a_real_process(log: attempts.AttemptLog, tmp_path: Path) -> None:
    path = tmp_path / "piped.json"
    done = subprocess.run(
        [sys.executable, "-m", "pledges", "user", "--credentials", str(path), "add", "gina"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
        capture_output=True,
        text=True,
        cwd=settings.PROJECT_ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert passwords.verify("gina", PASSWORD, log=log, path=path) == model.Actor("gina", "editor")


# --- OpenID Connect switch --------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "has_auth", "expected"),
    [
        ("auto", False, "password"),
        ("auto", True, "oidc"),
        ("", True, "oidc"),
        ("password", True, "password"),
        ("oidc", False, "oidc"),
    ],
    ids=["default", "secrets-auth", "empty-setting", "forced-password", "forced-oidc"],
)
def test_mode_switch(setting: str, has_auth: bool, expected: str) -> None:
    assert oidc.mode(setting, has_auth) == expected


def test_an_unknown_mode_is_a_broken_environment() -> None:
    with pytest.raises(errors.CredentialsError, match="PLEDGES_AUTH"):
        oidc.mode("ldap", False)


def test_secrets_file_with_an_auth_section_switches_to_oidc(tmp_path: Path) -> None:
    secrets_file = tmp_path / "secrets.toml"
    assert oidc.secrets_have_auth(secrets_file) is False
    secrets_file.write_text('[other]\nkey = "x"\n', encoding="utf-8")
    assert oidc.secrets_have_auth(secrets_file) is False
    secrets_file.write_text(
        '[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\n', encoding="utf-8"
    )
    assert oidc.secrets_have_auth(secrets_file) is True


def test_editor_emails_come_from_the_setting_and_the_file(tmp_path: Path) -> None:
    listed = tmp_path / "editors.txt"
    listed.write_text("# the office\nHana@City.example  # lead\n\n", encoding="utf-8")
    config = settings.load(
        {"PLEDGES_EDITOR_EMAILS": "ian@city.example, ", "PLEDGES_EDITOR_EMAILS_FILE": str(listed)}
    )
    assert oidc.editor_emails(config) == {"ian@city.example", "hana@city.example"}


EDITORS = frozenset({"hana@city.example"})


@pytest.mark.parametrize(
    ("user_info", "expected"),
    [
        ({}, model.VIEWER),
        ({"is_logged_in": False}, model.VIEWER),
        (
            {"is_logged_in": True, "email": "Hana@City.example", "email_verified": True},
            model.Actor("Hana@City.example", "editor"),
        ),
        (
            {"is_logged_in": True, "email": "hana@city.example"},
            model.Actor("hana@city.example", "viewer"),
        ),
        (
            {"is_logged_in": True, "email": "hana@city.example", "email_verified": False},
            model.Actor("hana@city.example", "viewer"),
        ),
        (
            {"is_logged_in": True, "email": "someone@else.example"},
            model.Actor("someone@else.example", "viewer"),
        ),
        ({"is_logged_in": True}, model.VIEWER),
    ],
    ids=["anonymous", "logged-out", "listed", "no-claim", "unverified", "unlisted", "no-email"],
)
def test_oidc_identity_to_actor(user_info: dict[str, object], expected: model.Actor) -> None:
    assert oidc.oidc_actor(user_info, EDITORS) == expected


def test_a_setting_may_trust_a_provider_that_omits_email_verified() -> None:
    user_info = {"is_logged_in": True, "email": "hana@city.example"}
    assert oidc.oidc_actor(user_info, EDITORS, trust_missing_verified=True).can_edit
    unverified = {**user_info, "email_verified": False}
    assert not oidc.oidc_actor(unverified, EDITORS, trust_missing_verified=True).can_edit
    config = settings.load({"PLEDGES_OIDC_TRUST_MISSING_VERIFIED": "1"})
    assert config.oidc_trust_missing_verified
    assert not settings.load({}).oidc_trust_missing_verified


# --- the service refuses viewers and records editors ------------------------------------


def test_the_service_refuses_a_viewers_import_and_undo(db: store.Store) -> None:
    with pytest.raises(errors.NotAllowed, match="viewer"):
        service.import_file(db, model.VIEWER, GOOD_CSV, "good.csv")
    assert db.history() == []
    assert service.export_csv(db).count(b"\n") == 1
    editor = model.Actor("alice", "editor")
    batch = service.import_file(db, editor, GOOD_CSV, "good.csv").batch
    assert batch is not None
    with pytest.raises(errors.NotAllowed):
        service.undo(db, model.VIEWER, batch.id)
    with pytest.raises(errors.NotAllowed):
        service.undo(db, model.Actor("alice", "viewer"), batch.id)
    assert len(db.history()) == 1


def test_every_batch_and_undo_records_the_editor(db: store.Store) -> None:
    batch = service.import_file(db, model.Actor("alice", "editor"), GOOD_CSV, "good.csv").batch
    assert batch is not None and batch.user == "alice"
    undone = service.undo(db, model.Actor("bob", "editor"), batch.id)
    assert undone.user == "bob" and undone.undoes == batch.id
    assert [(b.user, b.id) for b in db.history()] == [("bob", undone.id), ("alice", batch.id)]
