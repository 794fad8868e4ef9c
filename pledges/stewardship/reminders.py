"""Reminder e-mails: one per owner and city, listing what is late or due soon, sent once a day.

Each reminder is claimed in the store before it is sent and marked sent after, so a second
run the same day (or a run on another machine at the same time) sends nothing twice; a send
that fails releases its claim, so the next run tries again.
"""

from __future__ import annotations

import datetime as dt
import html
import smtplib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from pledges import model, numbers, settings, store, translation
from pledges.stewardship import due, listing

REMINDED_STATES = ("late", "never reported", "due soon")
Sender = Callable[[EmailMessage], None]


@dataclass(frozen=True, slots=True)
class Reminder:
    """What one owner of one city is reminded of."""

    city: str
    email: str
    owner: model.Owner
    items: tuple[listing.DueItem, ...]

    @property
    def key(self) -> str:
        """The indicators listed, as recorded with the reminder."""
        return ",".join(f"{i.pledge.key}/{i.indicator.key}" for i in self.items)


@dataclass(slots=True)
class Outcome:
    """What a run did: sent, already sent today (or being sent), failed, and unreachable."""

    sent: list[Reminder] = field(default_factory=list)
    already: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, str]] = field(default_factory=list)
    unreachable: list[listing.DueItem] = field(default_factory=list)


def group(found: Iterable[listing.DueItem]) -> tuple[list[Reminder], list[listing.DueItem]]:
    """One reminder per (city, owner e-mail); items whose owner has no e-mail come apart."""
    by_owner: dict[tuple[str, str], list[listing.DueItem]] = {}
    unreachable = []
    for item in found:
        if item.status.state not in REMINDED_STATES:
            continue
        if not item.owner.email:
            unreachable.append(item)
            continue
        by_owner.setdefault((item.city, item.owner.email.lower()), []).append(item)
    reminders = [
        Reminder(city, email, items[0].owner, tuple(items))
        for (city, email), items in sorted(by_owner.items())
    ]
    return reminders, unreachable


# Each reminded state's heading in the message.
HEADINGS = {
    "late": translation.N_("Late"),
    "never reported": translation.N_("Never reported"),
    "due soon": translation.N_("Due soon"),
}


def _line(item: listing.DueItem, today: dt.date, t: translation.Translator) -> str:
    """What is asked of the owner for one indicator, in one sentence."""
    s = item.status
    day = numbers.day(s.due, t.lang)
    if s.state == "late":
        assert s.latest_period is not None and item.indicator.cadence is not None
        every = item.indicator.cadence.every
        last = due.label(every, due.period_of(every, s.latest_period))
        return t.ngettext(
            "nothing since {last}; the value for {period} was due {day}, {count} day ago",
            "nothing since {last}; the value for {period} was due {day}, {count} days ago",
            s.days_late or 0,
            last=last,
            period=s.period,
            day=day,
        )
    if s.state == "never reported" and s.due < today:
        return t.gettext(
            "the value for {period} was due {day}; no value has been reported yet",
            period=s.period,
            day=day,
        )
    if s.state == "never reported":
        return t.gettext(
            "the value for {period} is due {day}; no value has been reported yet",
            period=s.period,
            day=day,
        )
    return t.ngettext(
        "the value for {period} is due {day}, in {count} day",
        "the value for {period} is due {day}, in {count} days",
        (s.due - today).days,
        period=s.period,
        day=day,
    )


def subject(reminder: Reminder, t: translation.Translator = translation.ENGLISH) -> str:
    """The subject line: the city and how many indicators are in which state."""
    tally = listing.counts(reminder.items)
    parts = [
        t.ngettext(*listing.COUNTED[state], tally[state])
        for state in REMINDED_STATES
        if tally[state]
    ]
    return t.gettext(
        "Pledge Tracker: {city} data to send ({counts})",
        city=reminder.city,
        counts=", ".join(parts),
    )


def _html(t: translation.Translator, template: str, **markup: str) -> str:
    """A catalog template as HTML: its own words escaped, the values given as markup."""
    return html.escape(t.gettext(template), quote=False).format(**markup)


def message(
    reminder: Reminder,
    today: dt.date,
    public_url: str,
    mail_from: str,
    t: translation.Translator = translation.ENGLISH,
) -> EmailMessage:
    """The e-mail as the owner receives it, in `t`'s language: plain text, with the same as
    HTML."""
    upload = f"{public_url.rstrip('/')}/upload"
    sections = [
        (state, [i for i in reminder.items if i.status.state == state]) for state in REMINDED_STATES
    ]
    sections = [(state, items) for state, items in sections if items]
    hello = translation.N_("Hello {name},")
    owner = translation.N_(
        "Pledge Tracker lists you as the owner of these {city} indicators (as of {day}):"
    )
    upload_at = translation.N_("Upload the values, each with its source, at {address}")
    why = translation.N_(
        "You receive this because the pledge definitions name you as these indicators' owner."
    )
    day = numbers.day(today, t.lang)
    text = [
        t.gettext(hello, name=reminder.owner.label),
        "",
        t.gettext(owner, city=reminder.city, day=day),
    ]
    body = [
        f"<p>{_html(t, hello, name=html.escape(reminder.owner.label))}</p>",
        f"<p>{_html(t, owner, city=html.escape(reminder.city), day=html.escape(day))}</p>",
    ]
    for state, items in sections:
        heading = t.gettext(HEADINGS[state])
        text += ["", heading]
        body.append(f"<h3>{html.escape(heading)}</h3><ul>")
        for item in items:
            name = f"{t.name(item.indicator.name)} — {t.name(item.pledge.name)}"
            line = _line(item, today, t)
            text.append(f"- {name}: {line}")
            body.append(f"<li><b>{html.escape(name)}</b>: {html.escape(line)}</li>")
        body.append("</ul>")
    text += ["", t.gettext(upload_at, address=upload), "", t.gettext(why)]
    link = f'<a href="{html.escape(upload)}">{html.escape(upload)}</a>'
    body += [
        f"<p>{_html(t, upload_at, address=link)}</p>",
        f"<p><small>{html.escape(t.gettext(why))}</small></p>",
    ]
    msg = EmailMessage()
    msg["Subject"] = subject(reminder, t)
    msg["From"] = mail_from
    msg["To"] = formataddr((reminder.owner.name or reminder.owner.team or "", reminder.email))
    msg["Message-ID"] = make_msgid(domain=mail_from.rpartition("@")[2] or None)
    msg.set_content("\n".join(text) + "\n")
    msg.add_alternative("<html><body>" + "".join(body) + "</body></html>", subtype="html")
    return msg


def smtp_sender(config: settings.Settings) -> Sender:
    """Send one message through the configured SMTP server (a connection per message)."""

    def send(msg: EmailMessage) -> None:
        with smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=60) as smtp:
            if config.smtp_starttls:
                smtp.starttls()
            if config.smtp_user:
                smtp.login(config.smtp_user, config.smtp_password or "")
            smtp.send_message(msg)

    return send


def send_all(
    db: store.Store,
    reminders: Iterable[Reminder],
    today: dt.date,
    public_url: str,
    mail_from: str,
    send: Sender,
    t: translation.Translator = translation.ENGLISH,
) -> Outcome:
    """Claim, send and record each reminder (in `t`'s language); a failure is released and
    reported, not kept."""
    outcome = Outcome()
    for reminder in reminders:
        token = uuid.uuid4().hex
        if not db.claim_reminder(today, reminder.city, reminder.email, reminder.key, token):
            outcome.already.append(reminder)
            continue
        try:
            send(message(reminder, today, public_url, mail_from, t))
        except (smtplib.SMTPException, OSError) as exc:
            db.release_reminder(token)
            outcome.failed.append((reminder, f"{type(exc).__name__}: {exc}"))
            continue
        except BaseException:
            db.release_reminder(token)  # interrupted: leave nothing claimed behind
            raise
        db.reminder_sent(token)
        outcome.sent.append(reminder)
    return outcome
