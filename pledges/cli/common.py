"""What every command shares: exit codes, dates, the store it opens and who it acts as."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import getpass
import os
import select
import sys
from collections.abc import Sequence

from pledges import model, service, settings, translation

OK, BAD_INPUT, USAGE = 0, 1, 2
# 128 + SIGPIPE, as a shell reports a command whose reader closed the pipe (`| head -1`).
PIPE_CLOSED = 141


def stdout_descriptor() -> int | None:
    """Standard output's file descriptor; None where it is no file (a test's capture)."""
    try:
        return sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return None


def reader_gone() -> bool:
    """Whether standard output is a pipe its reader has closed (`| head -1` after one line),
    rather than some other pipe or socket a command writes to (chromium, SMTP)."""
    descriptor = stdout_descriptor()
    if descriptor is None:
        return False
    if not hasattr(select, "poll"):
        return True  # no poll (Windows): the usual assumption, that the pipe was stdout
    poller = select.poll()
    poller.register(descriptor, select.POLLOUT)
    return any(event & (select.POLLERR | select.POLLHUP) for _, event in poller.poll(0))


def silence_stdout() -> None:
    """Send what is left of standard output nowhere: its reader has gone, and the flush at
    exit would otherwise print a BrokenPipeError traceback."""
    descriptor = stdout_descriptor()
    if descriptor is None:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def date_argument(text: str) -> dt.date:
    """An ISO date from the command line, or argparse's usage error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-12-31") from exc


def add_date_option(parser: argparse.ArgumentParser, flag: str, help_text: str) -> None:
    """An optional ISO-date option (`--as-of`, `--since`), written once for every command."""
    parser.add_argument(flag, type=date_argument, default=None, metavar="DATE", help=help_text)


def default_language() -> str:
    """The language a command prints in when `--lang` does not say: PLEDGES_LANG, else English
    (a code the catalogs do not hold reads English, as `?lang=` does in the app)."""
    return translation.resolve(settings.language())


def add_lang_option(parser: argparse.ArgumentParser, what: str) -> None:
    """`--lang CODE`: the language of the human words (JSON keys and status codes stay English)."""
    parser.add_argument(
        "--lang",
        default=default_language(),
        choices=translation.languages(),
        help=f"the language of {what} (default: PLEDGES_LANG, else en; JSON keys and status "
        "codes stay English)",
    )


def open_store(args: argparse.Namespace) -> service.Store:
    """The store named by --database, else the configured one."""
    return service.open_store(args.database or settings.load().database_url)


LISTED = 12  # known names a message lists before it says how many more there are


def known_names(
    given: Sequence[str],
    known: Sequence[str],
    t: translation.Translator = translation.ENGLISH,
) -> str:
    """The known names worth reading after an unknown one: all of a few; of many (828 cities),
    the nearest to what was typed ("los-angeles" finds "Los Angeles"), and how many more."""
    if len(known) <= LISTED:
        return ", ".join(known)
    folded = {_folded(name): name for name in known}
    nearest = dict.fromkeys(
        folded[match]
        for name in given
        for match in difflib.get_close_matches(_folded(name), list(folded), 5, 0.6)
    )
    shown = list(nearest) or list(known[:LISTED])
    more = len(known) - len(shown)
    return t.ngettext(
        "{names} and {count} more",
        "{names} and {count} more",
        more,
        names=", ".join(shown),
    )


def _folded(name: str) -> str:
    """A name as a person might type it: any case, hyphens or underscores for spaces."""
    return name.casefold().replace("-", " ").replace("_", " ")


def unknown_cities(
    db: service.Store,
    wanted: Sequence[str | None],
    t: translation.Translator = translation.ENGLISH,
) -> bool:
    """Print the one message for cities the store does not hold ("unknown city 'X'; known:
    A, B" on stderr, in `t`'s language); True when there was one (the caller exits with
    BAD_INPUT)."""
    known = [city.name for city in db.cities()]
    unknown = [name for name in wanted if name is not None and name not in known]
    if unknown:
        print(
            t.ngettext(
                "unknown city {names}; known: {known}",
                "unknown cities {names}; known: {known}",
                len(unknown),
                names=", ".join(map(repr, unknown)),
                known=known_names(unknown, known, t),
            ),
            file=sys.stderr,
        )
    return bool(unknown)


def cli_actor(name: str | None) -> model.Actor:
    """Whoever can run the command line owns the database file: an editor, named by --user."""
    return model.Actor(name or getpass.getuser(), "editor")
