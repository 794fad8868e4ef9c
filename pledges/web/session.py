"""Who is using this browser session: an editor signed in by password or OIDC, else a viewer.

The sign-in lives in `st.session_state`, which Streamlit keeps per browser session on the
server: two browsers (or two private windows) never share it. A signed cookie (`auth.tokens`)
carries it across a reload, renewed while the editor is active; after PLEDGES_SESSION_HOURS
without a click it is void. Every rerun checks the editor is still in the credentials file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass

import streamlit as st

from pledges import clock, model, service, settings, translation
from pledges.service import accounts

SIGNED_IN = "pledges_signed_in"
SIGNED_OUT = "pledges_signed_out"
LAST_REFUSAL = "pledges_sign_in_refusal"
COOKIE = "pledges_session"
# The cookie value to write on this run ("" deletes it), set where the sign-in changes.
COOKIE_PENDING = "pledges_cookie_pending"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A password sign-in of this browser session: last seen `at`, cookie written `cookie_at`."""

    name: str
    at: dt.datetime
    cookie_at: dt.datetime | None = None


def _idle_limit(config: settings.Settings) -> dt.timedelta:
    return dt.timedelta(hours=config.session_hours)


def _secret(config: settings.Settings) -> bytes:
    return accounts.token_secret(config.session_secret, config.credentials_file.parent)


def client_address() -> str:
    """The address this session's failures are counted against (see `throttle`)."""
    peer, forwarded = st.context.ip_address, st.context.headers.get_all("X-Forwarded-For")
    # Under AppTest there is no connection: no peer, no headers (the context holds mocks).
    peer = peer if isinstance(peer, str) else None
    forwarded = [h for h in forwarded if isinstance(h, str)] if isinstance(forwarded, list) else []
    return accounts.proxied_address(peer, forwarded, settings.load().proxy_hops)


def _from_cookie(config: settings.Settings, now: dt.datetime) -> SignedIn | None:
    """The sign-in a valid cookie of this browser carries, unless signed out here since."""
    if st.session_state.get(SIGNED_OUT):
        return None
    value = st.context.cookies.get(COOKIE)
    token = accounts.read_token(
        value if isinstance(value, str) else None,
        _secret(config),
        lambda name: accounts.session_binding(name, path=config.credentials_file),
        now,
        _idle_limit(config),
    )
    return None if token is None else SignedIn(token.name, now, token.issued)


def _remember(config: settings.Settings, signed: SignedIn, now: dt.datetime) -> SignedIn:
    """Renew the cookie now and then (every 1/24 of the idle limit), so activity keeps it."""
    if signed.cookie_at is not None and now - signed.cookie_at < _idle_limit(config) / 24:
        return signed
    binding = accounts.session_binding(signed.name, path=config.credentials_file)
    if binding is None:
        return signed
    st.session_state[COOKIE_PENDING] = accounts.issue_token(
        signed.name, binding, now, _secret(config)
    )
    return dataclasses.replace(signed, cookie_at=now)


def _auth_section() -> dict[str, object]:
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        section = st.secrets.get("auth")
    except (FileNotFoundError, KeyError, AttributeError):
        return {}
    return dict(section) if section else {}


def mode() -> accounts.AuthMode:
    """Password sign-in, or OpenID Connect when the secrets configure it (or PLEDGES_AUTH says)."""
    return accounts.auth_mode(settings.load().auth_mode, bool(_auth_section()))


def current_actor() -> model.Actor:
    """This browser session's actor; a viewer unless an editor signed in here."""
    config = settings.load()
    if mode() == "oidc":
        return accounts.oidc_actor(
            st.user.to_dict(), accounts.editor_emails(config), config.oidc_trust_missing_verified
        )
    now = clock.utc_now()
    signed = st.session_state.get(SIGNED_IN)
    if not isinstance(signed, SignedIn):
        signed = _from_cookie(config, now)
        if signed is None:
            return model.VIEWER
    idle = now - signed.at > _idle_limit(config)
    if idle or not accounts.is_editor(signed.name, path=config.credentials_file):
        st.session_state.pop(SIGNED_IN, None)
        st.session_state[COOKIE_PENDING] = ""
        st.session_state[SIGNED_OUT] = True
        return model.VIEWER
    st.session_state[SIGNED_IN] = _remember(config, dataclasses.replace(signed, at=now), now)
    return model.Actor(signed.name, "editor")


def write_cookie() -> None:
    """Set or delete this browser's sign-in cookie when the sign-in changed (once a run, from
    the router): a line of script, as Streamlit offers no server-side Set-Cookie."""
    value = st.session_state.pop(COOKIE_PENDING, None)
    if value is None or mode() == "oidc":
        return
    age = int(_idle_limit(settings.load()).total_seconds()) if value else 0
    cookie = json.dumps(f"{COOKIE}={value}; Path=/; Max-Age={age}; SameSite=Strict")
    st.html(
        "<script>window.parent.document.cookie = "
        f"{cookie} + (window.location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


def sign_out() -> None:
    """Forget this session's sign-in and its cookie (under OIDC, also the provider's)."""
    st.session_state.pop(SIGNED_IN, None)
    st.session_state[SIGNED_OUT] = True
    st.session_state[COOKIE_PENDING] = ""
    if mode() == "oidc":
        st.logout()


def _submit_password(db: service.Store, t: translation.Translator) -> None:
    """Form callback: runs before the page, so the navigation already reflects the result."""
    name = str(st.session_state.get("sign_in_name") or "")
    password = str(st.session_state.get("sign_in_password") or "")
    # The password never outlives this callback in session state.
    st.session_state["sign_in_password"] = ""
    result = accounts.verify(
        name,
        password,
        log=accounts.attempt_log(db),
        address=client_address(),
        path=settings.load().credentials_file,
    )
    if isinstance(result, accounts.Refusal):
        st.session_state[LAST_REFUSAL] = result.said_in(t)
        return
    st.session_state.pop(LAST_REFUSAL, None)
    st.session_state.pop(SIGNED_OUT, None)
    st.session_state[SIGNED_IN] = SignedIn(result.name, clock.utc_now())


def password_form(db: service.Store, t: translation.Translator = translation.ENGLISH) -> None:
    """Name and password; a refusal is shown as plain text and leaves the session a viewer."""
    with st.form("sign-in", enter_to_submit=True):
        st.text_input(t.gettext("Name"), key="sign_in_name", autocomplete="username", max_chars=64)
        st.text_input(
            t.gettext("Password"),
            key="sign_in_password",
            type="password",
            autocomplete="current-password",
            max_chars=accounts.MAX_PASSWORD,
        )
        st.form_submit_button(
            t.gettext("Sign in"), type="primary", on_click=_submit_password, args=(db, t)
        )
    refusal = st.session_state.pop(LAST_REFUSAL, None)
    if refusal:
        st.error(refusal, icon=":material/lock:")


def oidc_button(t: translation.Translator = translation.ENGLISH) -> None:
    """Send the browser to the organisation's identity provider."""
    providers = [k for k, v in _auth_section().items() if hasattr(v, "keys")]
    provider = providers[0] if len(providers) == 1 else None
    if st.button(t.gettext("Sign in with your organisation account"), type="primary"):
        if provider is None:
            st.login()
        else:
            st.login(provider)


def account(actor: model.Actor, t: translation.Translator = translation.ENGLISH) -> None:
    """Who is signed in here, what that allows, and the way out."""
    st.text(t.gettext("Signed in as {name}", name=actor.name))
    if actor.can_edit:
        st.success(t.gettext("You are an editor: Upload and the undo controls are open to you."))
    else:
        st.info(
            t.gettext(
                "This account is not on the editors' list, so you can read every page but not "
                "change data. Ask an administrator to add your e-mail address."
            )
        )
    if st.button(t.gettext("Sign out")):
        sign_out()
        st.rerun()
