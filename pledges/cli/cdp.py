"""`import-cdp`: CDP–ICLEI exports as one pledge a city and one batch per emissions file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pledges import service, translation
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
    common.add_lang_option(p, "the rows' reasons and what was stored (codes stay English)")
    p.set_defaults(run=run_import_cdp)


def print_panel(
    outcome: service.PanelOutcome,
    rows: bool = False,
    t: translation.Translator = translation.ENGLISH,
) -> bool:
    """Print what the panel import did, file by file, in `t`'s language (codes stay English);
    True when a file was refused."""
    refused = False
    for result in outcome.panel.files:
        name = result.file_name
        if not result.report.ok:
            refused = True
            for line in result.report.lines(name, t):
                print(line, file=sys.stderr)
            print(
                t.gettext("{file}: refused, nothing stored from any file", file=name),
                file=sys.stderr,
            )
            continue
        counts = ", ".join(f"{code} {n}" for code, n in sorted(result.counts().items()))
        flagged = ", ".join(f"{code} {n}" for code, n in sorted(result.flagged().items()))
        values = {
            "file": name,
            "layout": result.layout,
            "edition": result.edition,
            "count": len(result.frame),
            "unused": counts or t.gettext("none"),
            "flagged": flagged,
        }
        if flagged:
            line = t.gettext(
                "{file}: {layout}, edition {edition}: {count} values; rows not used: {unused};"
                " rows flagged: {flagged}",
                **values,
            )
        else:
            line = t.gettext(
                "{file}: {layout}, edition {edition}: {count} values; rows not used: {unused}",
                **values,
            )
        print(line)
        if rows:
            for line in result.report.lines(name, t):
                print(line)
    if refused:
        return True
    panel = outcome.panel
    targets = sum(len(i.targets) for p in panel.pledges for _, i in p.indicators())
    print(
        t.gettext(
            "panel: {cities} cities, one pledge each, {targets} targets",
            cities=len(panel.pledges),
            targets=targets,
        )
    )
    if outcome.sync is None:
        print(t.gettext("dry run: nothing stored"))
        return False
    s = outcome.sync
    print(
        t.gettext(
            "panel definitions: {added} added, {changed} changed, {opened} targets opened,"
            " {closed} closed",
            added=s.added,
            changed=s.changed,
            opened=s.targets_opened,
            closed=s.targets_closed,
        )
    )
    for name, batch in outcome.batches:
        if batch.status == "duplicate":
            print(
                t.gettext(
                    "{file}: already imported as batch {batch}; nothing added",
                    file=name,
                    batch=batch.id,
                )
            )
        else:
            print(
                t.gettext(
                    "{file}: batch {batch}: {added} added, {changed} changed (revisions),"
                    " {unchanged} unchanged",
                    file=name,
                    batch=batch.id,
                    added=batch.added,
                    changed=batch.changed,
                    unchanged=batch.unchanged,
                )
            )
    return False


def run_import_cdp(args: argparse.Namespace) -> int:
    """Read every file, then sync the cities' pledges and commit one batch per emissions file."""
    db = common.open_store(args)
    t = service.translator(args.lang)
    files = []
    for path in args.files:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            why = exc.strerror or str(exc)  # the system's own words
            print(t.gettext("{file}: cannot read: {why}", file=str(path), why=why), file=sys.stderr)
            return common.BAD_INPUT
    outcome = service.import_panel(db, common.cli_actor(args.user), files, dry_run=args.dry_run)
    return common.BAD_INPUT if print_panel(outcome, args.rows, t) else common.OK
