"""What every command shares: exit codes, dates, the store it opens and who it acts as."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass

from pledges import model, settings, store

OK, BAD_INPUT, USAGE = 0, 1, 2


def date_argument(text: str) -> dt.date:
    """An ISO date from the command line, or argparse's usage error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-12-31") from exc


def add_date_option(parser: argparse.ArgumentParser, flag: str, help_text: str) -> None:
    """An optional ISO-date option (`--as-of`, `--since`), written once for every command."""
    parser.add_argument(flag, type=date_argument, default=None, metavar="DATE", help=help_text)


def open_store(args: argparse.Namespace) -> store.Store:
    """The store named by --database, else the configured one."""
    return store.Store.open(args.database or settings.load().database_url)


def cli_actor(name: str | None) -> model.Actor:
    """Whoever can run the command line owns the database file: an editor, named by --user."""
    return model.Actor(name or getpass.getuser(), "editor")
