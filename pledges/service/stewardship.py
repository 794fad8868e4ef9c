"""Who keeps each indicator, when its next value is due, and the reminders owed."""

from __future__ import annotations

import datetime as dt

from pledges import catalog, errors, model, settings, store, translation
from pledges.service.access import require_editor
from pledges.service.assessing import latest_periods
from pledges.stewardship import listing, reminders


def due(
    db: store.Store,
    today: dt.date,
    soon_days: int,
    city: str | None = None,
    owner_email: str | None = None,
    as_of: dt.date | dt.datetime | None = None,
) -> list[listing.DueItem]:
    """Every indicator with a cadence and its state on `today` (fresh, due soon, late...),
    from the values stored by `as_of` (default: now)."""
    pledges = db.pledges(city=city, as_of=as_of)
    latest = latest_periods(db, city, as_of)
    return listing.items(pledges, latest, today, soon_days, owner_email)


def set_stewardship(
    db: store.Store,
    actor: model.Actor,
    ref: model.IndicatorRef,
    owner: dict[str, str] | None,
    cadence: dict[str, str] | None,
) -> int:
    """An editor sets an indicator's owner and cadence (blank fields dropped); returns how
    many fields changed. Bad input raises CatalogError naming each field; nothing is stored."""
    require_editor(actor, "change an indicator's owner or due date")

    def filled(fields: dict[str, str] | None) -> dict[str, str] | None:
        kept = {k: v.strip() for k, v in (fields or {}).items() if v and v.strip()}
        return kept or None

    new_owner, new_cadence, problems = catalog.parse_stewardship(filled(owner), filled(cadence))
    if problems:
        raise errors.CatalogError([f"{ref.pledge}/{ref.indicator}: {p}" for p in problems])
    return db.set_stewardship(ref, new_owner, new_cadence, actor.name)


def reminders_owed(
    db: store.Store, today: dt.date, soon_days: int, city: str | None = None
) -> tuple[list[reminders.Reminder], list[listing.DueItem]]:
    """The reminders of the day, one per owner and city, and the items nobody can be mailed."""
    return reminders.group(due(db, today, soon_days, city))


def send_reminders(
    db: store.Store,
    owed: list[reminders.Reminder],
    today: dt.date,
    config: settings.Settings,
    send: reminders.Sender | None = None,
    t: translation.Translator = translation.ENGLISH,
) -> reminders.Outcome:
    """Send the reminders not yet sent today through SMTP (or `send`), recording each, in
    `t`'s language."""
    sender = send or reminders.smtp_sender(config)
    return reminders.send_all(db, owed, today, config.public_url, config.mail_from, sender, t)
