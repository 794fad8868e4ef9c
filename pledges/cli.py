"""The `python -m pledges` command line: a thin layer over `pledges.service`.

Exit codes: 0 success, 1 bad input (every problem reported), 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import io
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pledges import errors, presets, service, settings, store
from pledges.ingest import mapping as ingest_mapping

OK, BAD_INPUT, USAGE = 0, 1, 2
STATUS_KEYS = [
    "city",
    "pledge",
    "goal",
    "indicator",
    "unit",
    "latest_year",
    "latest_value",
    "progress_share",
    "status",
    "pace_ratio",
    "projected_year",
    "sentence",
]

Command = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Command] = {}
_EXTENSIONS: list[Callable[[argparse._SubParsersAction], None]] = []


def command(name: str) -> Callable[[Command], Command]:
    """Register a sub-command's handler under its name."""

    def register(handler: Command) -> Command:
        _COMMANDS[name] = handler
        return handler

    return register


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-12-31") from exc


def build_parser() -> argparse.ArgumentParser:
    """Every command, option and its help text (the README documents the same)."""
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

    p = sub.add_parser(
        "init", help="create or migrate the database, load definitions and seed data"
    )
    p.add_argument("--no-seed", action="store_true", help="load definitions only, no seed values")

    p = sub.add_parser("import", help="validate files and commit one batch per file")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="report and preview, store nothing")
    p.add_argument("--user", default=None, help="name recorded on the batch (default: login name)")
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

    p = sub.add_parser("status", help="each indicator's latest value, progress, status and pace")
    p.add_argument("--city", default=None)
    p.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help="assess from what was stored by the end of this day (YYYY-MM-DD)",
    )
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")

    p = sub.add_parser("history", help="list import batches, newest first")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = sub.add_parser("undo", help="restore the values as they were before a batch")
    p.add_argument("batch", type=int, metavar="BATCH")
    p.add_argument("--user", default=None, help="name recorded on the undo (default: login name)")

    p = sub.add_parser("export", help="write the stored values in the upload format")
    p.add_argument("--city", default=None)
    p.add_argument("--out", type=Path, default=None, help="file to write (default: stdout)")
    p.add_argument("--excel", action="store_true", help="UTF-8 with BOM, for Excel")
    for extend in _EXTENSIONS:
        extend(sub)
    return parser


def extend_parser(extend: Callable[[argparse._SubParsersAction], None]) -> None:
    """Let another module (users, report) add its sub-commands."""
    _EXTENSIONS.append(extend)


def _store(args: argparse.Namespace) -> store.Store:
    config = settings.load()
    return store.Store.open(args.database or config.database_url)


def _cli_actor(name: str | None) -> service.Actor:
    """Whoever can run the command line owns the database file: an editor, named by --user."""
    return service.Actor(name or getpass.getuser(), "editor")


@command("init")
def run_init(args: argparse.Namespace) -> int:
    """Create or migrate the database and load the catalog and (unless --no-seed) the seed data."""
    config = settings.load()
    db = _store(args)
    summary = service.initialise(
        db, args.catalog or config.catalog_dir, config.observations_dir, seed=not args.no_seed
    )
    s = summary.sync
    print(
        f"definitions: {s.added} added, {s.changed} changed, "
        f"{s.targets_opened} targets opened, {s.targets_closed} closed"
    )
    failed = False
    for outcome in summary.outcomes:
        failed |= _print_outcome(outcome)
    return BAD_INPUT if failed else OK


def _print_outcome(outcome: service.ImportOutcome) -> bool:
    """Print what happened to one file; True when it was refused."""
    report = outcome.result.report
    for line in report.lines(outcome.file_name):
        print(line, file=sys.stderr if not report.ok else sys.stdout)
    if not report.ok:
        count = len(report.errors)
        print(
            f"{outcome.file_name}: refused, nothing stored ({count} error{'s' * (count != 1)}"
            f"{f', {report.more} more not shown' if report.more else ''})",
            file=sys.stderr,
        )
        return True
    batch = outcome.batch
    if batch is None:
        p = outcome.preview
        for issue in p.warnings:
            print(
                f"{outcome.file_name}:{issue.row or ''}:{issue.column or ''}: {issue.code}: "
                f"{issue.message}"
            )
        print(
            f"{outcome.file_name}: dry run: {p.added} to add, {p.changed} to change, "
            f"{p.unchanged} unchanged; nothing stored"
        )
    elif batch.status == "duplicate":
        print(f"{outcome.file_name}: already imported as batch {batch.id}; nothing added")
    else:
        print(
            f"{outcome.file_name}: batch {batch.id}: {batch.added} added, {batch.changed} "
            f"changed, {batch.unchanged} unchanged"
        )
    return False


def _load_mapping(name: str) -> ingest_mapping.ColumnMapping | None:
    """A preset saved on the Upload page, by name, or a mapping JSON file, by path."""
    path = Path(name)
    if path.suffix == ".json" and path.is_file():
        try:
            return ingest_mapping.load_preset(path)
        except (ValueError, TypeError, KeyError):
            return None
    return presets.load_preset(settings.load().presets_dir, name)


@command("import")
def run_import(args: argparse.Namespace) -> int:
    """Validate each file and commit it as one batch; every problem printed, exit 1 on any."""
    from pledges import ingest

    db = _store(args)
    actor = _cli_actor(args.user)
    mapping = None
    if args.mapping is not None:
        mapping = _load_mapping(args.mapping)
        if mapping is None:
            print(f"import: no mapping preset or JSON file named {args.mapping!r}", file=sys.stderr)
            return USAGE
    options = ingest.Options(
        mapping=mapping,
        sheet=args.sheet,
        period_rule=args.period_rule,
        delimiter="\t" if args.delimiter == "tab" else args.delimiter,
        decimal=args.decimal,
    )
    failed = False
    for path in args.files:
        if not path.is_file():
            print(f"{path}:::file-not-found: no such file", file=sys.stderr)
            failed = True
            continue
        outcome = service.import_file(
            db,
            actor,
            path.read_bytes(),
            path.name,
            options,
            dry_run=args.dry_run,
            with_preview=False,
        )
        failed |= _print_outcome(outcome)
    return BAD_INPUT if failed else OK


def _number(value: float | None, digits: int = 4) -> float | None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return round(float(value), digits)


def status_rows(items: Sequence[service.IndicatorStatus]) -> list[dict[str, object]]:
    """One record per indicator with the documented JSON keys (and the latest value's source)."""
    rows = []
    for item in items:
        a = item.assessment
        latest_source = None
        if a.latest_year is not None and not item.observations.empty:
            years = [p.year for p in item.observations["period"]]
            matches = item.observations[[y == a.latest_year for y in years]]
            latest_source = matches["source"].iloc[-1] if len(matches) else None
        rows.append(
            {
                "city": item.pledge.city.name,
                "pledge": item.pledge.key,
                "goal": item.goal.key,
                "indicator": item.indicator.key,
                "unit": item.indicator.unit,
                "latest_year": a.latest_year,
                "latest_value": _number(a.latest_value),
                "progress_share": _number(a.progress_share),
                "status": a.status,
                "pace_ratio": _number(a.pace_ratio),
                "projected_year": a.projected_year,
                "sentence": a.sentence,
                "symbol": a.symbol,
                "stale": a.stale,
                "latest_source": latest_source,
            }
        )
    return rows


@command("status")
def run_status(args: argparse.Namespace) -> int:
    """Print each indicator's latest value, progress, status and projection."""
    db = _store(args)
    if args.city is not None and args.city not in {c.name for c in db.cities()}:
        known = ", ".join(c.name for c in db.cities())
        print(f"unknown city {args.city!r}; known: {known}", file=sys.stderr)
        return BAD_INPUT
    rows = status_rows(service.assess(db, city=args.city, as_of=args.as_of))
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(
            out, fieldnames=list(rows[0]) if rows else STATUS_KEYS, lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        print(out.getvalue(), end="")
    else:
        for row in rows:
            latest = (
                "no data"
                if row["latest_year"] is None
                else f"{row['latest_value']:,.10g} {row['unit']} in {row['latest_year']}"
            )
            print(
                f"{row['symbol']} {row['status']:<18} {row['city']} / {row['pledge']} / "
                f"{row['indicator']}: {latest}"
            )
            print(f"    {row['sentence']}")
    return OK


@command("history")
def run_history(args: argparse.Namespace) -> int:
    """Print every import batch, newest first."""
    db = _store(args)
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
        return OK
    for b in batches:
        print(
            f"{b.id:>5}  {b.committed_at:%Y-%m-%d %H:%M:%S}  {b.user:<12} {b.status:<9} "
            f"+{b.added} ~{b.changed} ={b.unchanged} -{b.removed}  {b.file_name}"
        )
    if not batches:
        print("no batches yet")
    return OK


@command("undo")
def run_undo(args: argparse.Namespace) -> int:
    """Add a batch that restores the values as they were before the named batch."""
    db = _store(args)
    try:
        batch = service.undo(db, _cli_actor(args.user), args.batch)
    except errors.UnknownBatch as exc:
        print(f"undo: {exc}", file=sys.stderr)
        return BAD_INPUT
    print(
        f"batch {batch.id} undoes batch {args.batch}: {batch.changed} restored, "
        f"{batch.removed} removed"
    )
    return OK


@command("export")
def run_export(args: argparse.Namespace) -> int:
    """Write the stored observations in the upload format (re-imports to the same state)."""
    data = service.export_csv(_store(args), city=args.city, excel=args.excel)
    if args.out is None:
        sys.stdout.buffer.write(data)
    else:
        args.out.write_bytes(data)
        print(f"wrote {args.out}", file=sys.stderr)
    return OK


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and run one command; returns the exit code."""
    from pledges import cli_extensions  # noqa: F401  (registers user and report commands)

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except errors.CatalogError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return BAD_INPUT
    except errors.NotAllowed as exc:
        print(str(exc), file=sys.stderr)
        return BAD_INPUT
