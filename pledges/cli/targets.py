"""`target` and `catalog export`: propose, review and list target changes; definitions as YAML."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pledges import model, service, settings, translation
from pledges.cli import common
from pledges.service import targets

HISTORY_KEYS = [
    "city",
    "pledge",
    "indicator",
    "year",
    "old",
    "new",
    "change",
    "source",
    "reason",
    "proposed_by",
    "approved_by",
    "approved_at",
]


def register(sub: argparse._SubParsersAction) -> None:
    """The `target` and `catalog` commands and their actions."""
    p = sub.add_parser("target", help="propose, approve, reject and list target changes")
    actions = p.add_subparsers(dest="target_command", required=True, metavar="ACTION")
    a = actions.add_parser("propose", help="propose a new, changed or withdrawn target")
    a.add_argument("--city", required=True)
    a.add_argument("--pledge", required=True)
    a.add_argument("--indicator", required=True)
    a.add_argument("--year", type=int, default=None, help="the year of the new target")
    level = a.add_mutually_exclusive_group()
    level.add_argument("--value", type=float, default=None, help="a level to reach")
    level.add_argument("--range", type=float, nargs=2, default=None, metavar=("LO", "HI"))
    level.add_argument("--change-pct", type=float, default=None, help="percent from baseline")
    level.add_argument("--maintain", type=float, default=None, help="a level to hold")
    a.add_argument("--withdraw-year", type=int, default=None, help="withdraw that year's target")
    a.add_argument(
        "--moves-from", type=int, default=None, metavar="YEAR", help="the target moves from YEAR"
    )
    a.add_argument(
        "--baseline",
        type=float,
        nargs=2,
        default=None,
        metavar=("YEAR", "VALUE"),
        help="propose a new baseline instead of a target (its source is --source)",
    )
    a.add_argument("--method", default=None, help="the new baseline's method")
    a.add_argument("--source", default="", help="a URL or a document title (required)")
    a.add_argument("--reason", default="", help="why the target changes (required)")
    a.add_argument("--user", default=None, help="who proposes (default: login name)")
    a.set_defaults(run=run_propose)
    ok = actions.add_parser("approve", help="approve another editor's proposal")
    ok.add_argument("id", type=int, metavar="ID")
    ok.add_argument("--user", default=None)
    ok.add_argument("--comment", default=None)
    ok.set_defaults(run=run_approve)
    no = actions.add_parser("reject", help="reject another editor's proposal, saying why")
    no.add_argument("id", type=int, metavar="ID")
    no.add_argument("--user", default=None)
    no.add_argument("--reason", default="", help="why (required)")
    no.set_defaults(run=run_reject)
    undo = actions.add_parser("undo", help="propose the reverse of an approved change")
    undo.add_argument("id", type=int, metavar="ID")
    undo.add_argument("--user", default=None)
    undo.add_argument("--reason", default="", help="why (required)")
    undo.set_defaults(run=run_undo)
    ls = actions.add_parser("list", help="target changes of every status, newest last")
    ls.add_argument("--city", default=None)
    ls.add_argument("--pending", action="store_true", help="only those waiting for review")
    ls.add_argument("--format", choices=["text", "json"], default="text")
    common.add_lang_option(ls, "the text output")
    ls.set_defaults(run=run_list)
    h = actions.add_parser("history", help="the ledger: every approved target change")
    h.add_argument("--city", required=True)
    h.add_argument("--pledge", default=None)
    common.add_date_option(h, "--as-of", "the ledger as known at the end of this day")
    h.add_argument("--format", choices=["text", "json"], default="text")
    common.add_lang_option(h, "the text output")
    h.set_defaults(run=run_history)

    c = sub.add_parser("catalog", help="the pledge definitions as YAML files")
    cat = c.add_subparsers(dest="catalog_command", required=True, metavar="ACTION")
    e = cat.add_parser("export", help="write the store's definitions back as YAML")
    e.add_argument("--city", default=None)
    e.add_argument("--out", type=Path, default=None, help="folder to write (default: stdout)")
    e.set_defaults(run=run_export)


def run_propose(args: argparse.Namespace) -> int:
    """Store a proposal and print its id; mail the other editors."""
    db = common.open_store(args)
    actor = common.cli_actor(args.user)
    ref = model.IndicatorRef(args.city, args.pledge, args.indicator)
    if args.baseline is not None:
        year, value = args.baseline
        base = model.Baseline(int(year), value, args.source, args.method)
        proposal = targets.draft_baseline(db, ref, base, args.reason, actor.name)
    else:
        new = None
        if args.year is not None:
            new = service.NewTarget(
                args.year,
                value=args.value,
                range=tuple(args.range) if args.range else None,
                change_pct=args.change_pct,
                maintain=args.maintain,
            )
        proposal = targets.draft(
            db, ref, args.source, args.reason, actor.name, new, args.withdraw_year, args.moves_from
        )
    change_id = targets.propose(db, actor, proposal)
    print(change_id)
    mailed, failure = targets.notify(db, change_id, settings.load())
    if mailed:
        print(f"asked {', '.join(mailed)} to review it", file=sys.stderr)
    if failure:
        print(
            f"could not e-mail the other editors ({failure}); the proposal is stored",
            file=sys.stderr,
        )
    return common.OK


# A change's review status, as the text output words it (the JSON keeps the English code).
REVIEW_WORDS = (translation.N_("pending"), translation.N_("approved"), translation.N_("rejected"))


def _print(entry: service.LedgerEntry, t: translation.Translator = translation.ENGLISH) -> None:
    """One change on one line: when, which way, what, and who proposed and approved it."""
    who = ", ".join(entry.approved_by) or "-"
    when = f"{entry.date}" if entry.date else t.gettext(entry.status)
    people = t.gettext(
        "(proposed by {proposer}; approved by {approvers}; source: {source})",
        proposer=entry.proposed_by,
        approvers=who,
        source=entry.source,
    )
    print(
        f"{entry.id:>4}  {when:<10}  {t.gettext(entry.change):<13} {entry.city} / "
        f"{entry.pledge} / {entry.indicator}: {entry.old_in(t)} -> {entry.new_in(t)}  {people}"
    )


def run_approve(args: argparse.Namespace) -> int:
    """Approve; the change takes effect once enough editors have."""
    entry = targets.approve(
        common.open_store(args), common.cli_actor(args.user), args.id, args.comment
    )
    print(f"target change {entry.id}: {entry.status}")
    return common.OK


def run_reject(args: argparse.Namespace) -> int:
    """Reject with a reason; nothing changes."""
    entry = targets.reject(
        common.open_store(args), common.cli_actor(args.user), args.id, args.reason
    )
    print(f"target change {entry.id}: {entry.status}")
    return common.OK


def run_undo(args: argparse.Namespace) -> int:
    """Propose the reverse of an approved change and print its id."""
    db = common.open_store(args)
    change_id = targets.undo(db, common.cli_actor(args.user), args.id, args.reason)
    print(change_id)
    return common.OK


def run_list(args: argparse.Namespace) -> int:
    """Every target change (or the pending ones) with its status."""
    found = targets.proposals(
        common.open_store(args), args.city, "pending" if args.pending else None
    )
    if args.format == "json":
        print(json.dumps([e.record() for e in found], indent=2, ensure_ascii=False))
        return common.OK
    t = service.translator(args.lang)
    for entry in found:
        _print(entry, t)
    if not found:
        print(
            t.gettext("no target changes waiting")
            if args.pending
            else t.gettext("no target changes")
        )
    return common.OK


def run_history(args: argparse.Namespace) -> int:
    """The ledger of a city: every approved change, in the order it took effect."""
    db = common.open_store(args)
    if common.unknown_cities(db, [args.city]):
        return common.BAD_INPUT
    found = service.target_ledger(db, args.city, args.pledge, args.as_of)
    if args.format == "json":
        rows = [{k: e.record()[k] for k in HISTORY_KEYS} for e in found]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return common.OK
    t = service.translator(args.lang)
    for entry in found:
        _print(entry, t)
    if not found:
        print(t.gettext("no target changes recorded"))
    return common.OK


def run_export(args: argparse.Namespace) -> int:
    """Write each pledge as a definition file (or all to stdout, one YAML document each)."""
    files = service.export_files(common.open_store(args), args.city)
    if args.out is None:
        print("\n---\n".join(files.values()), end="")
        return common.OK
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} definition files to {args.out}", file=sys.stderr)
    return common.OK
