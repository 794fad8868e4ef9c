"""Loading and changing the data: `init`, `import`, `history`, `undo` and `export`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pledges import errors, service, settings, translation
from pledges.cli import cdp, common
from pledges.service import uploads, vocabulary
from pledges.views.pages import history


def register(sub: argparse._SubParsersAction) -> None:
    """The data commands, their options and help text (docs/commands.md documents the same)."""
    p = sub.add_parser(
        "init", help="create or migrate the database, load definitions and seed data"
    )
    p.add_argument("--no-seed", action="store_true", help="load definitions only, no seed values")
    p.add_argument(
        "--no-panel",
        action="store_true",
        help="skip the CDP–ICLEI many-cities panel (data/sources/cdp/)",
    )
    common.add_lang_option(p, "what it loaded and stored (codes stay English)")
    p.set_defaults(run=run_init)

    p = sub.add_parser("import", help="validate files and commit one batch per file")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="report and preview, store nothing")
    p.add_argument("--user", default=None, help="name recorded on the batch (default: login name)")
    p.add_argument(
        "--accept-jumps",
        action="store_true",
        help="store values 10 times or more off their stored neighbours (held otherwise)",
    )
    p.add_argument("--sheet", default=None, help="XLSX sheet to read (default: the first)")
    p.add_argument(
        "--mapping",
        default=None,
        metavar="PRESET",
        help="a column mapping saved on the Upload page (its name), or a JSON file",
    )
    p.add_argument(
        "--period-rule",
        choices=["start", "end"],
        default=None,
        help="read ranges, fiscal years and months by their start or end date",
    )
    p.add_argument(
        "--delimiter",
        choices=[",", ";", "tab"],
        default=None,
        help="override the detected delimiter",
    )
    p.add_argument(
        "--decimal", choices=[".", ","], default=None, help="override the detected decimal mark"
    )
    p.add_argument(
        "--encoding",
        choices=["utf-8", "cp1252"],
        default=None,
        help="read a text file in this encoding (default: UTF-8, else Windows-1252 when it "
        "holds no UTF-8 at all)",
    )
    p.add_argument(
        "--max-mb",
        type=float,
        default=None,
        metavar="MB",
        help="refuse files larger than this (default: no limit; CSV files are read in chunks)",
    )
    common.add_lang_option(p, "the problems found and what was stored (codes stay English)")
    p.set_defaults(run=run_import)

    p = sub.add_parser("history", help="list import batches, newest first")
    p.add_argument("--format", choices=["text", "json"], default="text")
    common.add_lang_option(p, "the text output")
    p.set_defaults(run=run_history)

    p = sub.add_parser("undo", help="restore the values as they were before a batch")
    p.add_argument("batch", type=int, metavar="BATCH")
    p.add_argument("--user", default=None, help="name recorded on the undo (default: login name)")
    common.add_lang_option(p, "what it restored, or why it refused")
    p.set_defaults(run=run_undo)

    p = sub.add_parser("export", help="write the stored values in the upload format")
    p.add_argument("--city", default=None)
    p.add_argument("--out", type=Path, default=None, help="file to write (default: stdout)")
    p.add_argument("--excel", action="store_true", help="UTF-8 with BOM, for Excel")
    common.add_lang_option(p, "the line saying where it wrote (the CSV stays English)")
    p.set_defaults(run=run_export)


def run_init(args: argparse.Namespace) -> int:
    """Create or migrate the database and load the catalog and (unless --no-seed) the seed data."""
    config = settings.load()
    db = common.open_store(args)
    summary = service.initialise(
        db,
        args.catalog or config.catalog_dir,
        config.observations_dir,
        seed=not args.no_seed,
        panel_dir=None if args.no_panel else config.panel_dir,
    )
    s = summary.sync
    t = service.translator(args.lang)
    print(
        t.gettext(
            "definitions: {added} added, {changed} changed, {opened} targets opened,"
            " {closed} closed",
            added=s.added,
            changed=s.changed,
            opened=s.targets_opened,
            closed=s.targets_closed,
        )
    )
    for line in (*s.kept, *s.notes):
        print(line)
    if summary.proposed:
        print(
            t.ngettext(
                "{count} target change in the definition files proposed for review;"
                " see `{command}`",
                "{count} target changes in the definition files proposed for review;"
                " see `{command}`",
                summary.proposed,
                command="python -m pledges target list --pending",
            )
        )
    if summary.history:
        print(
            t.ngettext(
                "{count} past target change recorded from the target history",
                "{count} past target changes recorded from the target history",
                summary.history,
            )
        )
    failed = False
    for outcome in summary.outcomes:
        failed |= _print_outcome(outcome, t)
    for batch in summary.retired:
        print(
            t.ngettext(
                "{file}: batch {batch}: {count} removed"
                " (stored by an earlier seed, no longer in it)",
                "{file}: batch {batch}: {count} removed"
                " (stored by an earlier seed, no longer in it)",
                batch.removed,
                file=batch.file_name,
                batch=batch.id,
            )
        )
    if summary.panel is not None:
        failed |= cdp.print_panel(summary.panel, t=t)
    return common.BAD_INPUT if failed else common.OK


def _print_outcome(
    outcome: service.ImportOutcome, t: translation.Translator = translation.ENGLISH
) -> bool:
    """Print what happened to one file, in `t`'s language; True when it was refused."""
    report = outcome.result.report
    name = outcome.file_name
    for line in report.lines(name, t):
        print(line, file=sys.stderr if not report.ok else sys.stdout)
    if not report.ok:
        count = len(report.errors)
        if report.more:
            text = t.ngettext(
                "{file}: refused, nothing stored ({count} error, {more} more not shown)",
                "{file}: refused, nothing stored ({count} errors, {more} more not shown)",
                count,
                file=name,
                more=report.more,
            )
        else:
            text = t.ngettext(
                "{file}: refused, nothing stored ({count} error)",
                "{file}: refused, nothing stored ({count} errors)",
                count,
                file=name,
            )
        print(text, file=sys.stderr)
        return True
    batch = outcome.batch
    p = outcome.preview
    for issue in p.warnings if p is not None else ():  # a real import warns as a dry run does
        print(vocabulary.problem_line(name, issue, t))
    counts = {"file": name}
    if batch is None:
        if p is None:
            return False
        print(
            t.gettext(
                "{file}: dry run: {added} to add, {changed} to change, {unchanged} unchanged;"
                " nothing stored",
                added=p.added,
                changed=p.changed,
                unchanged=p.unchanged,
                **counts,
            )
        )
    elif batch.status == "duplicate":
        print(
            t.gettext(
                "{file}: already imported as batch {batch}; nothing added", batch=batch.id, **counts
            )
        )
    else:
        print(
            t.gettext(
                "{file}: batch {batch}: {added} added, {changed} changed, {unchanged} unchanged",
                batch=batch.id,
                added=batch.added,
                changed=batch.changed,
                unchanged=batch.unchanged,
                **counts,
            )
        )
    if outcome.edits_kept:
        print(
            t.ngettext(
                "{file}: {count} value an editor stored kept (the file's left out)",
                "{file}: {count} values an editor stored kept (the file's left out)",
                outcome.edits_kept,
                **counts,
            )
        )
    return False


def _load_mapping(name: str) -> vocabulary.ColumnMapping | None:
    """A preset saved on the Upload page, by name, or a mapping JSON file, by path."""
    path = Path(name)
    if path.suffix == ".json" and path.is_file():
        try:
            return uploads.load_mapping_file(path)
        except (ValueError, TypeError, KeyError):
            return None
    return uploads.load_preset(settings.load().presets_dir, name)


def run_import(args: argparse.Namespace) -> int:
    """Validate each file and commit it as one batch; every problem printed, exit 1 on any."""
    db = common.open_store(args)
    actor = common.cli_actor(args.user)
    mapping = None
    if args.mapping is not None:
        mapping = _load_mapping(args.mapping)
        if mapping is None:
            print(f"import: no mapping preset or JSON file named {args.mapping!r}", file=sys.stderr)
            return common.USAGE
    options = uploads.command_line_options(
        mapping,
        sheet=args.sheet,
        period_rule=args.period_rule,
        delimiter="\t" if args.delimiter == "tab" else args.delimiter,
        decimal=args.decimal,
        max_megabytes=args.max_mb,
        encoding=args.encoding,
    )
    t = service.translator(args.lang)
    failed = False
    for path in args.files:
        if not path.is_file():
            missing = vocabulary.said_issue("file-not-found", translation.N_("no such file"))
            print(vocabulary.problem_line(str(path), missing, t), file=sys.stderr)
            failed = True
            continue
        outcome = service.import_path(
            db, actor, path, options, dry_run=args.dry_run, accept_jumps=args.accept_jumps
        )
        failed |= _print_outcome(outcome, t)
    return common.BAD_INPUT if failed else common.OK


def run_history(args: argparse.Namespace) -> int:
    """Print every import batch, newest first."""
    db = common.open_store(args)
    batches = db.history()
    if args.format == "json":
        rows = [
            {
                "id": b.id,
                "user": b.user,
                "file": b.file_name,
                "committed_at": b.committed_at.isoformat(timespec="seconds") + "Z",
                "added": b.added,
                "changed": b.changed,
                "unchanged": b.unchanged,
                "status": b.status,
                "removed": b.removed,
                "undoes": b.undoes,
            }
            for b in batches
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return common.OK
    t = service.translator(args.lang)
    for b in batches:
        state = (
            t.gettext(history.BATCH_STATES[b.status])
            if b.status in history.BATCH_STATES
            else b.status
        )
        print(
            f"{b.id:>5}  {b.committed_at:%Y-%m-%d %H:%M:%S}  {b.user:<12} {state:<9} "
            f"+{b.added} ~{b.changed} ={b.unchanged} -{b.removed}  {b.file_name}"
        )
    if not batches:
        print(t.gettext("no batches yet"))
    return common.OK


def run_undo(args: argparse.Namespace) -> int:
    """Add a batch that restores the values as they were before the named batch."""
    db = common.open_store(args)
    t = service.translator(args.lang)
    try:
        batch = service.undo(db, common.cli_actor(args.user), args.batch)
    except errors.UnknownBatch as exc:
        print(t.gettext("undo: {why}", why=exc.say(t)), file=sys.stderr)
        return common.BAD_INPUT
    print(
        t.gettext(
            "batch {batch} undoes batch {undone}: {restored} restored, {removed} removed",
            batch=batch.id,
            undone=args.batch,
            restored=batch.changed,
            removed=batch.removed,
        )
    )
    return common.OK


def run_export(args: argparse.Namespace) -> int:
    """Write the stored observations in the upload format (re-imports to the same state)."""
    data = service.export_csv(common.open_store(args), city=args.city, excel=args.excel)
    if args.out is None:
        sys.stdout.buffer.write(data)
    else:
        args.out.write_bytes(data)
        t = service.translator(args.lang)
        print(t.gettext("wrote {file}", file=args.out), file=sys.stderr)
    return common.OK
