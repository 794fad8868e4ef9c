"""`import-cdp`: CDP–ICLEI exports as one pledge a city and one batch per emissions file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pledges import service
from pledges.cli import common


def register(sub: argparse._SubParsersAction) -> None:
    """The CDP command, its options and help text (docs/commands.md documents the same)."""
    p = sub.add_parser(
        "import-cdp",
        help="import CDP–ICLEI city-wide emissions and targets exports (layout read from the "
        "header)",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="read and report, store nothing")
    p.add_argument("--user", default=None, help="name recorded on the batches (default: login)")
    p.add_argument(
        "--rows",
        action="store_true",
        help="print every row not used or flagged (a total repeated under another year) as "
        "file:row:column: code",
    )
    p.set_defaults(run=run_import_cdp)


def print_panel(outcome: service.PanelOutcome, rows: bool = False) -> bool:
    """Print what the panel import did, file by file; True when a file was refused."""
    refused = False
    for result in outcome.panel.files:
        if not result.report.ok:
            refused = True
            for line in result.report.lines(result.file_name):
                print(line, file=sys.stderr)
            print(f"{result.file_name}: refused, nothing stored from any file", file=sys.stderr)
            continue
        counts = ", ".join(f"{code} {n}" for code, n in sorted(result.counts().items()))
        flagged = ", ".join(f"{code} {n}" for code, n in sorted(result.flagged().items()))
        print(
            f"{result.file_name}: {result.layout}, edition {result.edition}: "
            f"{len(result.frame)} values; rows not used: {counts or 'none'}"
            + (f"; rows flagged: {flagged}" if flagged else "")
        )
        if rows:
            for line in result.report.lines(result.file_name):
                print(line)
    if refused:
        return True
    panel = outcome.panel
    targets = sum(len(i.targets) for p in panel.pledges for _, i in p.indicators())
    print(f"panel: {len(panel.pledges)} cities, one pledge each, {targets} targets")
    if outcome.sync is None:
        print("dry run: nothing stored")
        return False
    s = outcome.sync
    print(
        f"panel definitions: {s.added} added, {s.changed} changed, "
        f"{s.targets_opened} targets opened, {s.targets_closed} closed"
    )
    for name, batch in outcome.batches:
        if batch.status == "duplicate":
            print(f"{name}: already imported as batch {batch.id}; nothing added")
        else:
            print(
                f"{name}: batch {batch.id}: {batch.added} added, {batch.changed} changed "
                f"(revisions), {batch.unchanged} unchanged"
            )
    return False


def run_import_cdp(args: argparse.Namespace) -> int:
    """Read every file, then sync the cities' pledges and commit one batch per emissions file."""
    db = common.open_store(args)
    files = []
    for path in args.files:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            print(f"{path}: cannot read: {exc.strerror}", file=sys.stderr)
            return common.BAD_INPUT
    outcome = service.import_panel(db, common.cli_actor(args.user), files, dry_run=args.dry_run)
    return common.BAD_INPUT if print_panel(outcome, args.rows) else common.OK
