"""Targets kept in the app: an editor proposes, another approves, and the ledger says which way.

Every change of a target or a baseline is a proposal with a source and a reason; it takes
effect when enough other editors approve it (`settings.target_approvals`, default 1), from
the moment of the last approval, so history and `--as-of` read it as they read values.
"""

from __future__ import annotations

import contextlib
import dataclasses
import smtplib

from pledges import errors, model, settings, store
from pledges.auth import oidc, passwords
from pledges.service import change_ledger, target_drafts
from pledges.service.access import require_editor
from pledges.stewardship import reminders, review_mail

NewTarget = target_drafts.NewTarget
Effect = target_drafts.Effect
LedgerEntry = change_ledger.LedgerEntry
draft = target_drafts.draft
draft_baseline = target_drafts.draft_baseline
effect = target_drafts.effect
ledger = change_ledger.ledger
proposals = change_ledger.proposals
proposal = change_ledger.proposal


def propose(db: store.Store, actor: model.Actor, proposal: store.Proposal) -> int:
    """Store an editor's proposal for review; returns its id."""
    require_editor(actor, "propose a target change")
    if proposal.proposed_by != actor.name:
        proposal = dataclasses.replace(proposal, proposed_by=actor.name)
    return db.propose_change(proposal)


def approvals_needed() -> int:
    """How many other editors must approve a change (at least one)."""
    return max(1, settings.load().target_approvals)


def approve(
    db: store.Store, actor: model.Actor, change_id: int, comment: str | None = None
) -> LedgerEntry:
    """Another editor approves; with enough approvals the change takes effect now."""
    require_editor(actor, "approve a target change")
    changed = db.review_change(change_id, actor.name, True, comment or None, approvals_needed())
    return change_ledger.entry(changed, change_ledger.context(db, changed.ref.city))


def reject(db: store.Store, actor: model.Actor, change_id: int, comment: str) -> LedgerEntry:
    """Another editor rejects, saying why; nothing changes."""
    require_editor(actor, "reject a target change")
    if not comment.strip():
        raise errors.CatalogError(["a reason is required to reject a target change"])
    changed = db.review_change(change_id, actor.name, False, comment.strip(), 1)
    return change_ledger.entry(changed, change_ledger.context(db, changed.ref.city))


def undo(db: store.Store, actor: model.Actor, change_id: int, reason: str) -> int:
    """Propose the reverse of an approved change (reviewed like any other); its id."""
    require_editor(actor, "propose a target change")
    found = db.target_changes(change_id=change_id)
    if not found or found[0].status != "approved" or found[0].historical:
        raise errors.NotAllowed(f"target change {change_id} is not an approved change to undo")
    done = found[0]
    _, reason = target_drafts.why(done.source, reason)
    back = store.Proposal(
        done.ref, done.subject, done.new, done.old, done.source, reason, actor.name
    )
    return db.propose_change(back)


def reviewers(proposed_by: str, config: settings.Settings) -> list[str]:
    """The other editors' e-mail addresses: under OpenID Connect the editors' list, and any
    password editor whose account name is an e-mail address; never the proposer's."""
    found = set(oidc.editor_emails(config))
    with contextlib.suppress(errors.CredentialsError, FileNotFoundError):
        found |= {
            u.name.casefold()
            for u in passwords.list_users(path=config.credentials_file)
            if "@" in u.name
        }
    return sorted(found - {proposed_by.casefold()})


def notify(
    db: store.Store,
    change_id: int,
    config: settings.Settings,
    send: reminders.Sender | None = None,
) -> tuple[list[str], str | None]:
    """E-mail the other editors that a change waits for them; who was mailed, and any failure
    (a failed mail never undoes the proposal: the Targets page lists it all the same)."""
    entry = change_ledger.proposal(db, change_id)
    to = reviewers(entry.proposed_by, config)
    if not to:
        return [], None
    what = f"{entry.city} / {entry.pledge} / {entry.indicator_name}: {entry.old} -> {entry.new}"
    msg = review_mail.message(
        to,
        entry.id,
        what,
        entry.change,
        entry.proposed_by,
        entry.source,
        entry.reason,
        config.public_url,
        config.mail_from,
    )
    try:
        (send or reminders.smtp_sender(config))(msg)
    except (smtplib.SMTPException, OSError) as exc:
        return [], f"{type(exc).__name__}: {exc}"
    return to, None
