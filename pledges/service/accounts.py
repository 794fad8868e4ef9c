"""Editors' accounts and sign-in: passwords, OpenID Connect, the session cookie, lockouts."""

from __future__ import annotations

from pledges import store
from pledges.auth import oidc, passwords, throttle, tokens
from pledges.store import attempts

AttemptLog = attempts.AttemptLog
Refusal = passwords.Refusal
MIN_PASSWORD = passwords.MIN_PASSWORD
MAX_PASSWORD = passwords.MAX_PASSWORD
add_user = passwords.add_user
remove_user = passwords.remove_user
list_users = passwords.list_users
unlock_user = passwords.unlock_user
check_new_user = passwords.check_new_user
is_editor = passwords.is_editor
verify = passwords.verify
session_binding = passwords.session_binding

AuthMode = oidc.Mode
auth_mode = oidc.mode
oidc_actor = oidc.oidc_actor
editor_emails = oidc.editor_emails
proxied_address = throttle.client_address

token_secret = tokens.secret
issue_token = tokens.issue
read_token = tokens.read


def attempt_log(db: store.Store) -> attempts.AttemptLog:
    """The failed sign-ins (and locks) kept in a store."""
    return attempts.AttemptLog.of_store(db.engine)
