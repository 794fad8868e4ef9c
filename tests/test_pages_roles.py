"""Roles in the app (AppTest): viewers get no Upload page; signing in as an editor opens it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pledges import settings, store
from pledges.auth import passwords
from pledges.web import session

APP = settings.PROJECT_ROOT / "app.py"
PAGES = settings.PROJECT_ROOT / "pledges" / "web" / "pages"
UPLOAD = str(PAGES / "upload.py")
SIGNIN = str(PAGES / "signin.py")
PASSWORD = "correct horse battery"


@pytest.fixture
def creds(db: store.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app on a file database, password sign-in, and one editor, alice."""
    path = tmp_path / "credentials.json"
    assert passwords.add_user("alice", PASSWORD, path=path) is None
    monkeypatch.setenv("PLEDGES_DATABASE_URL", db.engine.url.render_as_string(False))
    monkeypatch.setenv("PLEDGES_CREDENTIALS", str(path))
    monkeypatch.setenv("PLEDGES_AUTH", "password")
    return path


def app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=30)


def has_upload(at: AppTest) -> bool:
    """True when the navigation offers the Upload page to this session."""
    try:
        at.switch_page(UPLOAD)
    except ValueError:
        return False
    at.switch_page(SIGNIN)
    return True


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.switch_page(SIGNIN).run()
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click()
    return at.run()


def test_a_viewer_session_has_no_upload_page(creds: Path) -> None:
    at = app().run()
    assert not at.exception
    assert not has_upload(at)
    at.switch_page(SIGNIN).run()
    assert [t.value for t in at.title] == ["Editor sign-in"]
    assert at.text_input(key="sign_in_password").proto.type == 1  # TextInput.PASSWORD


def test_signing_in_as_an_editor_shows_upload_and_signing_out_hides_it(creds: Path) -> None:
    at = sign_in(app().run(), "alice", PASSWORD)
    assert not at.exception and not at.error
    assert at.text[0].value == "Signed in as alice"
    leftover = (
        at.session_state["sign_in_password"] if "sign_in_password" in at.session_state else ""
    )
    assert leftover == ""
    assert has_upload(at)
    at.switch_page(UPLOAD).run()
    assert [t.value for t in at.title] == ["Upload data"]
    at.switch_page(SIGNIN).run()
    next(b for b in at.button if b.label == "Sign out").click()
    at.run()
    assert not has_upload(at)
    assert session.SIGNED_IN not in at.session_state


def test_a_wrong_password_gets_a_clear_message_and_no_session(creds: Path) -> None:
    at = sign_in(app().run(), "alice", "not the password")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The name or the password is wrong. 4 attempts left before this name is locked "
        "here for 15 minutes."
    ]
    assert session.SIGNED_IN not in at.session_state
    assert at.text_input(key="sign_in_password").value == ""
    assert not has_upload(at)


def test_the_sixth_attempt_in_the_app_is_locked(creds: Path) -> None:
    at = app().run()
    for i in range(5):
        sign_in(at, "alice", f"wrong {i}")
    sign_in(at, "alice", PASSWORD)
    assert at.error[0].value.startswith("Too many failed attempts")
    assert not has_upload(at)


def test_two_sessions_never_share_a_sign_in(creds: Path) -> None:
    signed = sign_in(app().run(), "alice", PASSWORD)
    other = app().run()
    assert has_upload(signed)
    assert not has_upload(other)


def test_removing_an_editor_ends_their_role_at_the_next_click(creds: Path) -> None:
    at = sign_in(app().run(), "alice", PASSWORD)
    assert has_upload(at)
    assert passwords.remove_user("alice", path=creds) is None
    at.run()
    assert not has_upload(at)


@pytest.mark.parametrize(
    ("email", "editor"),
    [("hana@city.example", True), ("someone@else.example", False)],
    ids=["listed-email", "unlisted-email"],
)
def test_oidc_mode_takes_editors_from_the_email_list(
    creds: Path, monkeypatch: pytest.MonkeyPatch, email: str, editor: bool
) -> None:
    monkeypatch.setenv("PLEDGES_AUTH", "oidc")
    monkeypatch.setenv("PLEDGES_EDITOR_EMAILS", "Hana@City.example")
    at = app()
    at.user = {"is_logged_in": True, "email": email, "email_verified": True}
    at.run()
    assert not at.exception
    assert has_upload(at) is editor
    at.switch_page(SIGNIN).run()
    assert at.text[0].value == f"Signed in as {email}"


def test_oidc_mode_offers_the_provider_instead_of_a_password(
    creds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLEDGES_AUTH", "oidc")
    at = app()
    at.user = {"is_logged_in": False}
    at.run()
    at.switch_page(SIGNIN).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in with your organisation account"]
    assert not at.text_input
    assert not has_upload(at)


CONFIG = settings.PROJECT_ROOT / ".streamlit" / "config.toml"


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("server", "enableXsrfProtection", True),
        ("server", "enableCORS", True),
        ("server", "maxUploadSize", 10),
        ("server", "enableStaticServing", False),
        ("browser", "gatherUsageStats", False),
        ("client", "toolbarMode", "minimal"),
        ("client", "showErrorDetails", "none"),
    ],
    ids=lambda v: str(v),
)
def test_hardened_streamlit_config(section: str, key: str, value: object) -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config[section][key] == value
    assert "cookieSecret" not in config["server"]


def test_upload_limit_matches_the_setting() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    megabytes = settings.load({}).max_upload_bytes // (1024 * 1024)
    assert config["server"]["maxUploadSize"] == megabytes
