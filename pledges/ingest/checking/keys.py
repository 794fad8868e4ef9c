"""Rows that repeat a key, and rows the value map skipped on purpose: one issue each."""

from __future__ import annotations

from pledges import translation
from pledges.ingest import report


def duplicates(
    seen: dict[tuple[str, str, str, object], list[int]], collector: report.Collector
) -> None:
    """One `duplicate-key` issue on every row repeating a key, listing the rows it clashes with."""
    repeats: dict[int, list[tuple[tuple[str, str, str, object], list[int]]]] = {}
    for key, rows in seen.items():
        for row in rows[1:]:
            repeats.setdefault(row, []).append((key, rows))
    for row in sorted(repeats):
        clashes = repeats[row]
        (city, pledge, indicator, _), rows = clashes[0]
        dates = ", ".join(_period_text(key[3]) for key, _ in clashes[:5])
        dates += f" and {len(clashes) - 5} more" if len(clashes) > 5 else ""
        others = sorted({other for _, rows_of in clashes for other in rows_of if other != row})
        listed = ", ".join(str(other) for other in others[:10]) or str(row)
        listed += f" and {len(others) - 10} more" if len(others) > 10 else ""
        collector.add(
            report.said(
                "duplicate-key",
                translation.N_(
                    "{city} / {pledge} / {indicator} for {dates} is also on row(s) {listed}; keep"
                    " one row per city, pledge, indicator and period."
                ),
                {
                    "city": city,
                    "pledge": pledge,
                    "indicator": indicator,
                    "dates": dates,
                    "listed": listed,
                },
                row,
                None,
                listed,
                "one row per city, pledge, indicator and period",
            )
        )


def _period_text(date: object) -> str:
    """A key's period for a message."""
    return date.isoformat() if hasattr(date, "isoformat") else str(date)


def skipped(skipped: dict[str, int], collector: report.Collector) -> None:
    """A warning counting rows left out on purpose by the value map."""
    if skipped:
        names = sorted(skipped.items(), key=lambda item: (-item[1], item[0]))
        listed = "; ".join(f"'{name}' ({count})" for name, count in names[:10])
        if len(names) > 10:
            listed += f"; and {len(names) - 10} more values ({sum(c for _, c in names[10:])} rows)"
        collector.add(
            report.Issue(
                "skipped-rows",
                f"Rows skipped as the column mapping asks: {listed}.",
                None,
                None,
                None,
                None,
                "warning",
            )
        )
