"""Who is using this browser session: an editor signed in by password or OIDC, else a viewer.

The sign-in lives in `st.session_state`, which Streamlit keeps per browser session on the
server: two browsers (or two private windows) never share it, and a reload starts as a viewer.
Every rerun checks the editor is still in the credentials file and the sign-in is not too old.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from pledges import clock, model, settings
from pledges.auth import oidc, passwords

SIGNED_IN = "pledges_signed_in"
LAST_REFUSAL = "pledges_sign_in_refusal"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A password sign-in of this browser session."""

    name: str
    at: dt.datetime


def _auth_section() -> dict[str, object]:
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        section = st.secrets.get("auth")
    except (FileNotFoundError, KeyError, AttributeError):
        return {}
    return dict(section) if section else {}


def mode() -> oidc.Mode:
    """Password sign-in, or OpenID Connect when the secrets configure it (or PLEDGES_AUTH says)."""
    return oidc.mode(settings.load().auth_mode, bool(_auth_section()))


def current_actor() -> model.Actor:
    """This browser session's actor; a viewer unless an editor signed in here."""
    config = settings.load()
    if mode() == "oidc":
        return oidc.oidc_actor(
            st.user.to_dict(), oidc.editor_emails(config), config.oidc_trust_missing_verified
        )
    signed = st.session_state.get(SIGNED_IN)
    if not isinstance(signed, SignedIn):
        return model.VIEWER
    too_old = clock.utc_now() - signed.at > dt.timedelta(hours=config.session_hours)
    if too_old or not passwords.is_editor(signed.name, path=config.credentials_file):
        del st.session_state[SIGNED_IN]
        return model.VIEWER
    return model.Actor(signed.name, "editor")


def sign_out() -> None:
    """Forget this session's sign-in (under OIDC, also the provider's cookie)."""
    st.session_state.pop(SIGNED_IN, None)
    if mode() == "oidc":
        st.logout()


def _submit_password() -> None:
    """Form callback: runs before the page, so the navigation already reflects the result."""
    name = str(st.session_state.get("sign_in_name") or "")
    password = str(st.session_state.get("sign_in_password") or "")
    # The password never outlives this callback in session state.
    st.session_state["sign_in_password"] = ""
    result = passwords.verify(name, password, path=settings.load().credentials_file)
    if isinstance(result, passwords.Refusal):
        st.session_state[LAST_REFUSAL] = result.message
        return
    st.session_state.pop(LAST_REFUSAL, None)
    st.session_state[SIGNED_IN] = SignedIn(result.name, clock.utc_now())


def password_form() -> None:
    """Name and password; a refusal is shown as plain text and leaves the session a viewer."""
    with st.form("sign-in", enter_to_submit=True):
        st.text_input("Name", key="sign_in_name", autocomplete="username", max_chars=64)
        st.text_input(
            "Password",
            key="sign_in_password",
            type="password",
            autocomplete="current-password",
            max_chars=passwords.MAX_PASSWORD,
        )
        st.form_submit_button("Sign in", type="primary", on_click=_submit_password)
    refusal = st.session_state.pop(LAST_REFUSAL, None)
    if refusal:
        st.error(refusal, icon=":material/lock:")


def oidc_button() -> None:
    """Send the browser to the organisation's identity provider."""
    providers = [k for k, v in _auth_section().items() if hasattr(v, "keys")]
    provider = providers[0] if len(providers) == 1 else None
    if st.button("Sign in with your organisation account", type="primary"):
        if provider is None:
            st.login()
        else:
            st.login(provider)


def account(actor: model.Actor) -> None:
    """Who is signed in here, what that allows, and the way out."""
    st.text(f"Signed in as {actor.name}")
    if actor.can_edit:
        st.success("You are an editor: Upload and the undo controls are open to you.")
    else:
        st.info(
            "This account is not on the editors' list, so you can read every page but not "
            "change data. Ask an administrator to add your e-mail address."
        )
    if st.button("Sign out"):
        sign_out()
        st.rerun()
