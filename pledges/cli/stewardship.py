"""`due` and `remind`: which indicators' data is late or due soon, and e-mail their owners."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys

from pledges import service, settings, translation
from pledges.cli import common
from pledges.service import vocabulary

DUE_KEYS = list(vocabulary.DUE_JSON_KEYS)


def register(sub: argparse._SubParsersAction) -> None:
    """The `due` and `remind` commands and their options."""
    p = sub.add_parser("due", help="each indicator's owner and whether its data is due or late")
    p.add_argument("--city", default=None)
    p.add_argument("--owner", default=None, metavar="EMAIL", help="only this owner's indicators")
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    _as_of(p)
    common.add_lang_option(p, "the text output")
    p.set_defaults(run=run_due)
    r = sub.add_parser("remind", help="e-mail each owner what is late or due soon (once a day)")
    r.add_argument("--city", default=None)
    r.add_argument("--dry-run", action="store_true", help="print the messages, send nothing")
    _as_of(r)
    common.add_lang_option(r, "the e-mails and what it prints of the run")
    r.set_defaults(run=run_remind)


def _as_of(p: argparse.ArgumentParser) -> None:
    common.add_date_option(p, "--as-of", "the day to judge by (YYYY-MM-DD; default today, UTC)")


def _items(
    args: argparse.Namespace, owner: str | None, t: translation.Translator
) -> list[vocabulary.DueItem] | None:
    db = common.open_store(args)
    if common.unknown_cities(db, [args.city], t):
        return None
    today = args.as_of or service.today(db)
    return service.due(db, today, settings.load().due_soon_days, args.city, owner)


def run_due(args: argparse.Namespace) -> int:
    """Print every indicator with a cadence: owner, state, due day, days late."""
    found = _items(args, args.owner, service.translator(args.lang))
    if found is None:
        return common.BAD_INPUT
    rows = [item.record() for item in found]
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=DUE_KEYS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        print(out.getvalue(), end="")
    else:
        t = service.translator(args.lang)
        for item, row in zip(found, rows, strict=True):
            print(
                f"{t.gettext(str(row['state'])):<15} {_when(row, t)}  {row['city']} / "
                f"{row['pledge']} / {row['indicator']}  "
                + t.gettext("owner: {owner}", owner=item.owner.label)
                + (f" <{row['email']}>" if row["email"] else "")
            )
        tally = vocabulary.due_counts(found)
        print(", ".join(t.ngettext(*DUE_COUNTED[state], n) for state, n in tally.items()))
    return common.OK


# The due states, as the text output words and counts them (JSON and CSV keep the codes).
DUE_WORDS = (
    translation.N_("late"),
    translation.N_("never reported"),
    translation.N_("due soon"),
    translation.N_("fresh"),
    translation.N_("discontinued"),
)
DUE_COUNTED = vocabulary.DUE_COUNTED


def _when(row: dict[str, object], t: translation.Translator) -> str:
    """When the next value is due, and how late; a discontinued series owes nothing: its date
    is its last value's."""
    if row["state"] == "discontinued":
        return t.gettext("last {day}", day=row["due"])
    if row["days_late"] is not None:
        return t.ngettext(
            "due {day}, {count} day late",
            "due {day}, {count} days late",
            int(row["days_late"]),  # type: ignore[call-overload]
            day=row["due"],
        )
    return t.gettext("due {day}", day=row["due"])


def run_remind(args: argparse.Namespace) -> int:
    """Send (or with --dry-run print) one reminder per owner; 1 when any send failed."""
    t = service.translator(args.lang)
    db = common.open_store(args)
    if common.unknown_cities(db, [args.city], t):
        return common.BAD_INPUT
    config = settings.load()
    today = args.as_of or service.today(db)
    owed, unreachable = service.reminders_owed(db, today, config.due_soon_days, args.city)
    if args.dry_run:
        for reminder in owed:
            msg = vocabulary.reminder_message(
                reminder, today, config.public_url, config.mail_from, t
            )
            print(f"To: {msg['To']}\nFrom: {msg['From']}\nSubject: {msg['Subject']}\n")
            print(msg.get_body(("plain",)).get_content())
            print("-" * 72)
        print(
            t.ngettext(
                "{count} reminder would be sent (dry run, nothing sent or recorded)",
                "{count} reminders would be sent (dry run, nothing sent or recorded)",
                len(owed),
            )
        )
    else:
        outcome = service.send_reminders(db, owed, today, config, t=t)
        for reminder in outcome.sent:
            print(
                t.ngettext(
                    "sent to {email} ({city}, {count} indicator)",
                    "sent to {email} ({city}, {count} indicators)",
                    len(reminder.items),
                    email=reminder.email,
                    city=reminder.city,
                )
            )
        for reminder in outcome.already:
            print(
                t.gettext(
                    "already sent today (or being sent): {email} ({city})",
                    email=reminder.email,
                    city=reminder.city,
                )
            )
        for reminder, why in outcome.failed:
            print(
                t.gettext(
                    "FAILED {email} ({city}): {why}; retried next run",
                    email=reminder.email,
                    city=reminder.city,
                    why=why,
                ),
                file=sys.stderr,
            )
    if unreachable:
        print(
            t.ngettext(
                "{count} late or due indicator has an owner without an e-mail address,"
                " not reminded: {teams}",
                "{count} late or due indicators have an owner without an e-mail address,"
                " not reminded: {teams}",
                len(unreachable),
                teams=", ".join(sorted({i.owner.label for i in unreachable})),
            )
        )
    return common.BAD_INPUT if not args.dry_run and outcome.failed else common.OK
