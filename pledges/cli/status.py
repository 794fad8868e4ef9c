"""`status`: each indicator's latest value, progress, status and pace, as text, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from collections.abc import Sequence

from pledges import service
from pledges.cli import common

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


def register(sub: argparse._SubParsersAction) -> None:
    """The `status` command and its options."""
    p = sub.add_parser("status", help="each indicator's latest value, progress, status and pace")
    p.add_argument("--city", default=None)
    p.add_argument(
        "--as-of",
        type=common.date_argument,
        default=None,
        metavar="DATE",
        help="assess from what was stored by the end of this day (YYYY-MM-DD)",
    )
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p.set_defaults(run=run_status)


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


def run_status(args: argparse.Namespace) -> int:
    """Print each indicator's latest value, progress, status and projection."""
    db = common.open_store(args)
    if args.city is not None and args.city not in {c.name for c in db.cities()}:
        known = ", ".join(c.name for c in db.cities())
        print(f"unknown city {args.city!r}; known: {known}", file=sys.stderr)
        return common.BAD_INPUT
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
    return common.OK
