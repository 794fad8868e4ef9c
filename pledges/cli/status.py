"""`status`: each indicator's latest value, progress, status and pace, as text, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
from collections.abc import Sequence

from pledges import numbers, service, translation
from pledges.cli import common
from pledges.service import vocabulary
from pledges.views import formatting, rollup_counts
from pledges.views.council import one_pager_rows

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
GOAL_KEYS = [
    "city",
    "pledge",
    "goal",
    "status",
    "symbol",
    "evidence",
    "headline",
    "assessed",
    "with_targets",
    "counts",
]
PLEDGE_KEYS = ["city", "pledge", "status", "symbol", "assessed", "goals", "counts"]


def register(sub: argparse._SubParsersAction) -> None:
    """The `status` command and its options."""
    p = sub.add_parser("status", help="each indicator's latest value, progress, status and pace")
    p.add_argument("--city", default=None)
    common.add_date_option(
        p, "--as-of", "assess from what was stored by the end of this day (YYYY-MM-DD)"
    )
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p.add_argument(
        "--by",
        choices=["indicator", "goal", "pledge"],
        default="indicator",
        help="one row per indicator (default), or the roll-ups of goals or pledges",
    )
    common.add_lang_option(p, "the sentences and the text output")
    p.set_defaults(run=run_status)


def _number(value: float | None, digits: int | None = 4) -> float | None:
    """A JSON number: rounded to `digits` when computed (None: a stored value, as stored);
    never -0.0, NaN or infinity."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return (float(value) if digits is None else round(float(value), digits)) + 0.0


def status_rows(
    items: Sequence[service.IndicatorStatus],
    t: translation.Translator = translation.ENGLISH,
) -> list[dict[str, object]]:
    """One record per indicator with the documented JSON keys (and the latest value's source);
    the sentence in `t`'s language."""
    rows = []
    for item in items:
        a = item.assessment
        latest = formatting.latest_point(a)
        latest_source = None
        if latest[0] is not None and not item.observations.empty:
            years = [p.year for p in item.observations["period"]]
            matches = item.observations[[y == latest[0] for y in years]]
            latest_source = matches["source"].iloc[-1] if len(matches) else None
        rows.append(
            {
                "city": item.pledge.city.name,
                "pledge": item.pledge.key,
                "goal": item.goal.key,
                "indicator": item.indicator.key,
                "unit": item.indicator.unit,
                "latest_year": latest[0],
                "latest_value": _number(latest[1], None),
                "progress_share": _number(a.progress_share),
                "status": a.status,
                "pace_ratio": _number(a.pace_ratio),
                "projected_year": a.projected_year,
                "sentence": vocabulary.compose_sentence(a, t),
                "symbol": a.symbol,
                "stale": a.stale,
                "latest_source": latest_source,
                "evidence": None if a.evidence is None else str(a.evidence),
                "basis_method": a.basis_method,
                "basis_from": a.basis_from,
                "basis_to": a.basis_to,
                "basis_points": a.points,
                # Revision 3: the measured baseline's year where the line runs through it.
                "basis_baseline_year": a.baseline_year if a.baseline_in_line else None,
                "latest_method": latest[2],
            }
        )
    return rows


def rollup_rows(
    items: Sequence[service.IndicatorStatus],
    by: str,
    changes: dict[str, str] | None = None,
    t: translation.Translator = translation.ENGLISH,
) -> list[dict[str, object]]:
    """One record per goal or per pledge, by the one roll-up rule, with the documented keys.

    `changes`, if given, gets each active pledge's "what would give it a status" sentence in
    `t`'s language (for the text output; the JSON and CSV keys stay as documented).
    """
    pledges = service.pledges_of(items)
    place = {(p.city.name, p.key): n for n, p in enumerate(pledges)}
    summaries = service.summarise(pledges, items)
    rows: list[dict[str, object]] = []
    for summary in sorted(summaries, key=lambda s: place[(s.pledge.city.name, s.pledge.key)]):
        pledge, city, key = summary.pledge, summary.pledge.city.name, summary.pledge.key
        rolled_goals = {goal.goal.key: goal.rollup for goal in summary.goals}
        for goal in pledge.goals if by == "goal" else ():
            rolled = rolled_goals[goal.key]
            rows.append(
                {
                    "city": city,
                    "pledge": key,
                    "goal": goal.key,
                    "status": None if rolled.status is None else str(rolled.status),
                    "symbol": rolled.symbol,
                    "evidence": None if rolled.evidence is None else str(rolled.evidence),
                    "headline": rolled.headline,
                    "assessed": rolled.assessed,
                    "with_targets": rolled.with_targets,
                    "counts": rolled.counts,
                }
            )
        if by == "pledge":
            rolled = summary.rollup
            # A superseded or abandoned pledge is shown as such, never with a status of its own.
            word = str(rolled.status) if summary.active and rolled.status else None
            if changes is not None and summary.active and items:
                first = items[0].assessment
                since = first.today.year - first.max_age
                changes[f"{city}/{key}"] = service.pledge_would_change(summary, since, t)
            rows.append(
                {
                    "city": city,
                    "pledge": key,
                    "status": word if summary.active else pledge.state,
                    "symbol": rolled.symbol if summary.active else "⊘",
                    "assessed": rolled.assessed,
                    "goals": rolled.with_targets,
                    "counts": rolled.counts,
                }
            )
    return rows


def print_rollups(
    rows: list[dict[str, object]],
    by: str,
    form: str,
    changes: dict[str, str] | None = None,
    t: translation.Translator = translation.ENGLISH,
) -> None:
    """Roll-up rows as text (in `t`'s language), JSON or CSV (counts as `word: n; word: n` in
    CSV); JSON and CSV keep the stored English words."""
    if form == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if form == "csv":
        out = io.StringIO()
        keys = GOAL_KEYS if by == "goal" else PLEDGE_KEYS
        writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            counts = "; ".join(f"{w}: {n}" for w, n in row["counts"].items())  # type: ignore[union-attr]
            writer.writerow({**row, "counts": counts})
        print(out.getvalue(), end="")
        return
    for row in rows:
        name = f"{row['city']} / {row['pledge']}" + (f" / {row['goal']}" if by == "goal" else "")
        total = row["with_targets"] if by == "goal" else row["goals"]
        noun = "indicators" if by == "goal" else "goals"
        grade = f" · {one_pager_rows.grade_text(row['evidence'], t)}" if row.get("evidence") else ""
        counts = rollup_counts.counts_line(row["counts"], row["assessed"], total, noun, t)  # type: ignore[arg-type]
        print(f"{row['symbol'] or ' '} {_status_word(row['status'], t)}{grade}  {name}")
        print(f"    {counts}")
        change = (changes or {}).get(f"{row['city']}/{row['pledge']}")
        if change:
            print(f"    {change[0].upper()}{change[1:]}.")


def _status_word(word: object, t: translation.Translator) -> str:
    """A roll-up's status, a pledge's state ("superseded") or "no status", in `t`'s language."""
    return t.gettext(str(word)) if word else t.gettext("no status")


def run_status(args: argparse.Namespace) -> int:
    """Print each indicator's latest value, progress, status and projection."""
    db = common.open_store(args)
    t = service.translator(getattr(args, "lang", translation.DEFAULT))
    if common.unknown_cities(db, [args.city], t):
        return common.BAD_INPUT
    items = service.assess(db, city=args.city, as_of=args.as_of)
    if getattr(args, "by", "indicator") != "indicator":
        changes: dict[str, str] = {}
        rows = rollup_rows(items, args.by, changes, t)
        print_rollups(rows, args.by, args.format, changes, t)
        return common.OK
    rows = status_rows(items, t)
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
            value = numbers.exact_quantity(row["latest_value"], str(row["unit"]), t.lang)  # type: ignore[arg-type]
            latest = (
                t.gettext("no data")
                if row["latest_year"] is None
                else t.gettext("{value} in {year}", value=value, year=row["latest_year"])
            )
            word = formatting.status_word(str(row["status"]), t)
            print(
                f"{row['symbol']} {word:<18} {row['city']} / {row['pledge']} / "
                f"{row['indicator']}: {latest}"
            )
            print(f"    {row['sentence']}")
    return common.OK
