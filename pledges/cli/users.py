"""`python -m pledges user add|remove|list|unlock`: editors' accounts, passwords never in argv.

A password is prompted twice with getpass on a terminal; when stdin is not a terminal (scripts,
tests) its first line is the password and a second line, if given, must repeat it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from pledges import service, settings, translation
from pledges.cli import common
from pledges.service import accounts


def register(sub: argparse._SubParsersAction) -> None:
    """The `user` command and its actions."""
    p = sub.add_parser("user", help="manage editors who may sign in (passwords are prompted)")
    p.add_argument(
        "--credentials",
        type=Path,
        default=None,
        help="credentials file (default: PLEDGES_CREDENTIALS or data/credentials.json)",
    )
    common.add_lang_option(p, "what it prints")
    actions = p.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    a = actions.add_parser("add", help="add an editor, prompting for the password twice")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--replace", action="store_true", help="set a new password for an editor")
    r = actions.add_parser("remove", help="remove an editor")
    r.add_argument("name", metavar="NAME")
    actions.add_parser("list", help="list editors, when each was added, and any lock")
    u = actions.add_parser("unlock", help="clear a name's failed attempts and locks (the store's)")
    u.add_argument("name", metavar="NAME")
    p.set_defaults(run=run_user)


def read_password(stdin_is_tty: bool | None = None) -> str | None:
    """The new password, typed twice; None when the two entries differ."""
    if stdin_is_tty if stdin_is_tty is not None else sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Password again: ")
    else:
        lines = sys.stdin.read().splitlines()
        first = lines[0] if lines else ""
        second = lines[1] if len(lines) > 1 else first
    return first if first == second else None


def _attempt_log(args: argparse.Namespace) -> accounts.AttemptLog:
    """The failed sign-ins kept in the store named by --database."""
    db = common.open_store(args)
    db.migrate()
    return accounts.attempt_log(db)


def run_user(args: argparse.Namespace) -> int:
    """List, add, remove or unlock editors in the credentials file."""
    path: Path = args.credentials or settings.load().credentials_file
    t = service.translator(getattr(args, "lang", translation.DEFAULT))
    if args.user_command == "list":
        users = accounts.list_users(path=path, log=_attempt_log(args))
        for user in users:
            added = f"{user.added_at:%Y-%m-%d %H:%M}"
            if user.locked_until is None:
                print(t.gettext("{name}  added {added} UTC", name=user.name, added=added))
            else:
                until = f"{user.locked_until:%Y-%m-%d %H:%M}"
                print(
                    t.gettext(
                        "{name}  added {added} UTC  locked until {until} UTC",
                        name=user.name,
                        added=added,
                        until=until,
                    )
                )
        if not users:
            print(
                t.gettext(
                    "no editors yet; add one with `python -m pledges user add NAME` ({path})",
                    path=path,
                )
            )
        return common.OK
    if args.user_command == "remove":
        refusal = accounts.remove_user(args.name, path=path)
        if refusal is not None:
            print(f"user remove: {refusal.said_in(t)}", file=sys.stderr)
            return common.BAD_INPUT
        print(t.gettext("removed editor {name}", name=args.name))
        return common.OK
    if args.user_command == "unlock":
        cleared = accounts.unlock_user(args.name, log=_attempt_log(args))
        if cleared:
            print(t.gettext("{name}: failed attempts cleared", name=args.name))
        else:
            print(t.gettext("{name}: was not locked", name=args.name))
        return common.OK
    problem = accounts.check_new_user(args.name, "x" * accounts.MIN_PASSWORD)
    if problem is not None:
        print(f"user add: {problem.said_in(t)}", file=sys.stderr)
        return common.BAD_INPUT
    password = read_password()
    if password is None:
        print(t.gettext("user add: the two passwords differ; nothing changed"), file=sys.stderr)
        return common.BAD_INPUT
    refusal = accounts.add_user(args.name, password, path=path, replace=args.replace)
    if refusal is not None:
        print(f"user add: {refusal.said_in(t)}", file=sys.stderr)
        return common.BAD_INPUT
    if args.replace:
        print(t.gettext("updated editor {name} ({path})", name=args.name, path=path))
    else:
        print(t.gettext("added editor {name} ({path})", name=args.name, path=path))
    return common.OK
