"""Who may change what: every change goes through an editor check here."""

from __future__ import annotations

from pledges import errors, model

SEED_USER = model.Actor("seed", "editor")


def require_editor(actor: model.Actor, action: str) -> None:
    """Refuse a change by anyone who is not a signed-in editor, whatever the page showed."""
    if not actor.can_edit:
        raise errors.NotAllowed(
            f"{actor.name} is a viewer and may not {action}; sign in as an editor"
        )
