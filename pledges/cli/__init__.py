"""The `python -m pledges` command line: a thin layer over `pledges.service`.

Each module of this package registers its commands on the parser (`register`), binding each
to its handler with `set_defaults(run=...)`; `COMMAND_MODULES` lists them, so the parser is
whole whoever builds it. Exit codes: 0 done, 1 bad input (every problem printed to stderr),
2 usage, 141 the reader of the output went away (`... | head -1`), quietly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pledges import errors
from pledges.cli import cdp, common, data, publish, report, status, stewardship, targets, users

COMMAND_MODULES = (data, cdp, status, users, report, stewardship, publish, targets)
OK, BAD_INPUT, USAGE = common.OK, common.BAD_INPUT, common.USAGE
PIPE_CLOSED = common.PIPE_CLOSED
STATUS_KEYS = status.STATUS_KEYS


def build_parser() -> argparse.ArgumentParser:
    """Every command, option and its help text (docs/commands.md documents the same)."""
    parser = argparse.ArgumentParser(
        prog="python -m pledges",
        description="Pledge Tracker: load city climate pledges, import data, assess progress.",
    )
    parser.add_argument(
        "--database",
        help="SQLAlchemy URL (default: PLEDGES_DATABASE_URL or the SQLite file data/pledges.db)",
    )
    parser.add_argument(
        "--catalog",
        type=Path,
        help="folder of pledge definitions (default: PLEDGES_CATALOG or data/pledges/)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and run one command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        code = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit where it cannot be caught
        return code
    except BrokenPipeError:
        if not common.reader_gone():
            raise
        common.silence_stdout()
        return PIPE_CLOSED
    except errors.CatalogError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return BAD_INPUT
    except (errors.NotAllowed, errors.StoreBusy) as exc:
        print(str(exc), file=sys.stderr)
        return BAD_INPUT
