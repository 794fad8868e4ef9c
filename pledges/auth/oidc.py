"""Editors by OpenID Connect: which sign-in mode is on, and who of the provider's users edits."""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Literal

from pledges import errors, model, settings

Mode = Literal["password", "oidc"]
SECRETS_FILE = settings.PROJECT_ROOT / ".streamlit" / "secrets.toml"


def secrets_have_auth(path: Path = SECRETS_FILE) -> bool:
    """True when a Streamlit secrets file configures OpenID Connect (an `[auth]` section)."""
    try:
        with path.open("rb") as handle:
            return isinstance(tomllib.load(handle).get("auth"), dict)
    except (OSError, tomllib.TOMLDecodeError):
        return False


def mode(setting: str, has_auth_section: bool) -> Mode:
    """Password sign-in unless PLEDGES_AUTH says oidc, or says auto and secrets configure OIDC."""
    if setting == "password" or setting == "oidc":
        return setting
    if setting in ("", "auto"):
        return "oidc" if has_auth_section else "password"
    raise errors.CredentialsError(f"PLEDGES_AUTH is {setting!r}; use auto, password or oidc")


def editor_emails(config: settings.Settings) -> frozenset[str]:
    """E-mail addresses of editors under OIDC: PLEDGES_EDITOR_EMAILS plus the editors file."""
    found = {e.casefold() for e in config.editor_emails}
    with contextlib.suppress(FileNotFoundError):
        for line in config.editor_emails_file.read_text(encoding="utf-8").splitlines():
            address = line.split("#", 1)[0].strip()
            if address:
                found.add(address.casefold())
    return frozenset(found)


def oidc_actor(
    user_info: Mapping[str, object],
    editors: Collection[str],
    trust_missing_verified: bool = False,
) -> model.Actor:
    """An identity from the provider: an editor when its verified e-mail is listed.

    A missing `email_verified` claim means not verified, unless the deployment says its
    provider verifies every address and omits the claim (PLEDGES_OIDC_TRUST_MISSING_VERIFIED).
    """
    if not user_info.get("is_logged_in"):
        return model.VIEWER
    email = str(user_info.get("email") or "").strip()
    if not email:
        return model.VIEWER
    claim = user_info.get("email_verified", True if trust_missing_verified else False)
    verified = claim is True or (isinstance(claim, str) and claim.strip().lower() == "true")
    role = "editor" if verified and email.casefold() in editors else "viewer"
    return model.Actor(email, role)
