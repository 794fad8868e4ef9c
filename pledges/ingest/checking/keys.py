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
        dates = _some([_period_text(key[3]) for key, _ in clashes], 5)
        others = sorted({other for _, rows_of in clashes for other in rows_of if other != row})
        listed = _some([str(other) for other in others], 10) if others else str(row)
        collector.add(repeated(city, pledge, indicator, dates, listed, row))


def repeated(
    city: str, pledge: str, indicator: str, dates: report.Value, listed: report.Value, row: int
) -> report.Issue:
    """The issue of a row repeating a key: its period(s) and the rows it clashes with."""
    return report.said(
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
        report.worded(listed),  # type: ignore[arg-type]
        report.phrase(translation.N_("one row per city, pledge, indicator and period")),
    )


def _some(items: list[str], shown: int) -> report.Value:
    """The first `shown` items ("a, b"), and how many more as a phrase ("a, b and 3 more")."""
    listed = ", ".join(items[:shown])
    if len(items) <= shown:
        return listed
    return report.phrase(
        translation.N_("{listed} and {count} more"), {"listed": listed, "count": len(items) - shown}
    )


def _period_text(date: object) -> str:
    """A key's period for a message."""
    return date.isoformat() if hasattr(date, "isoformat") else str(date)


def skipped(skipped: dict[str, int], collector: report.Collector) -> None:
    """A warning counting rows left out on purpose by the value map."""
    if skipped:
        names = sorted(skipped.items(), key=lambda item: (-item[1], item[0]))
        listed = "; ".join(f"'{name}' ({count})" for name, count in names[:10])
        more = {"more": len(names) - 10, "rows": sum(count for _, count in names[10:])}
        collector.add(
            report.said(
                "skipped-rows",
                translation.N_(
                    "Rows skipped as the column mapping asks: {listed}; and {more} more values"
                    " ({rows} rows)."
                )
                if len(names) > 10
                else translation.N_("Rows skipped as the column mapping asks: {listed}."),
                {"listed": listed, **more},
                severity="warning",
            )
        )
