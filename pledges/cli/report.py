"""`python -m pledges report`: write the council briefing as HTML or PDF."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pledges import errors, service
from pledges.briefing import content, pdf
from pledges.cli import common
from pledges.views.council import one_pager


def register(sub: argparse._SubParsersAction) -> None:
    """The `report` sub-command and its options."""
    p = sub.add_parser(
        "report", help="write the council briefing (HTML or PDF) for a city, as of a date"
    )
    p.add_argument("--city", required=True, metavar="NAME")
    p.add_argument("--pledge", default=None, metavar="ID", help="one pledge (default: all)")
    common.add_date_option(p, "--as-of", "as stored by this day")
    common.add_date_option(
        p,
        "--since",
        "list changes after this day (default: the previous briefing, or a year earlier)",
    )
    p.add_argument(
        "--paper",
        choices=["a4", "letter"],
        default=None,
        help="default: US Letter for the United States and Canada, A4 elsewhere",
    )
    p.add_argument("--summary-only", action="store_true", help="page 1 (the one-pager) alone")
    p.add_argument(
        "--format", choices=["pdf", "html", "json"], default=None, help="default: from --out"
    )
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help="FILE.pdf or FILE.html")
    common.add_lang_option(p, "the whole briefing: page 1 and the appendix")
    p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    """Gather, render and write one briefing; exit 1 on an unknown city or pledge."""
    if args.out is None and args.format != "json":
        print("report: --out FILE is needed unless --format json", file=sys.stderr)
        return common.USAGE
    suffix = {"pdf": ".pdf", "html": ".html", "json": ".json"}.get(
        args.format, args.out.suffix.lower() if args.out else ""
    )
    if suffix not in (".pdf", ".html", ".htm", ".json"):
        print(f"report: --out must end in .pdf or .html, not {args.out.name!r}", file=sys.stderr)
        return common.USAGE
    db = common.open_store(args)
    if common.unknown_cities(db, [args.city], service.translator(args.lang)):
        return common.BAD_INPUT
    known = {c.name: c for c in db.cities()}
    as_of = args.as_of or service.today(db)
    pledges = [p.key for p in db.pledges(city=args.city, as_of=as_of)]
    if args.pledge is not None and args.pledge not in pledges:
        print(
            f"unknown pledge {args.pledge!r} of {args.city}; known: {', '.join(pledges)}",
            file=sys.stderr,
        )
        return common.BAD_INPUT
    if args.since is not None and args.since >= as_of:
        print("report: --since must be before --as-of", file=sys.stderr)
        return common.USAGE
    # Imported here: plotly costs a second, which every other command would pay at start-up.
    from pledges.briefing import html as page

    previous = db.previous_briefing(args.city, args.pledge, as_of)
    lang = getattr(args, "lang", "en")
    briefing = content.gather(db, args.city, args.pledge, as_of, args.since, previous, lang)
    if suffix == ".json":
        text = json.dumps(briefing.summary.as_json(), ensure_ascii=False, indent=2, default=str)
        if args.out is None:
            print(text)
            return common.OK
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
        return common.OK
    paper = args.paper or one_pager.paper_for(getattr(known[args.city], "country", None))
    document = page.render(briefing, paper, summary_only=args.summary_only)
    if suffix == ".pdf":
        try:
            data = pdf.render(document, as_of)
        except errors.PdfError as exc:
            print(f"report: {exc}", file=sys.stderr)
            return common.BAD_INPUT
    else:
        data = document.encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    db.record_briefing(args.city, args.pledge, as_of, str(args.out))
    t = service.translator(lang)
    print(
        t.gettext(
            "wrote {file} ({size} KiB): {city} as of {as_of}, changes since {since} ({why})",
            file=args.out,
            size=len(data) // 1024,
            city=args.city,
            as_of=as_of,
            since=briefing.changes.since,
            why=briefing.changes.since_reason,
        ),
        file=sys.stderr,
    )
    return common.OK
