"""Which indicator each construction of an account is stored under, and repeated totals; pure.

- A construction (the value's method) is one series. An account's constructions share the
  main indicator while their years do not overlap, taken in the order they first appear
  (oldest edition first); a construction reporting a year the main indicator already holds on
  another construction is an indicator of its own (`<main>-2`, `<main>-3`, ...), so a later
  edition's figure on another construction is never stored as a revision of the first.
- A repeated total is one account's same total under two or more accounting years: the later
  year's row is flagged (it may be the earlier inventory reported again, not a new one).
- A baseline is on its own year's construction: the one its coverage names ("BASIC"), else
  the construction of the account's inventory for its base year (of several, the one nearest
  its value); with none, it is on no series (a reference only). That construction is placed
  first in the main indicator, so the baseline and its series are one indicator.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pledges import translation
from pledges.ingest import report
from pledges.progress import references
from pledges.sources import cdp_inventories, cdp_targets

Where = TypeVar("Where", bound=Hashable)


def baseline_method(
    values: Sequence[cdp_inventories.Value], baseline: cdp_targets.Baseline
) -> str | None:
    """The construction (method) a baseline is on, by the rule in the module docstring."""
    if baseline.coverage is not None:
        named = [
            v for v in values if references.construction(v.method) == baseline.coverage
        ]  # a sector's baseline names no construction: none match
        return max(named, key=lambda v: v.year).method if named else None
    same_year = [v for v in values if v.year == baseline.year]
    if not same_year:
        return None
    return min(same_year, key=lambda v: abs(v.value - baseline.value)).method


def indicator_keys(
    constructions: Iterable[tuple[str, str, int]],
    main: str,
    first: Mapping[str, str] | None = None,
) -> dict[tuple[str, str], str]:
    """(account, method) -> indicator key, from (account, method, year) in edition order;
    `first` names the method an account's main indicator takes first (its baseline's)."""
    years: dict[str, dict[str, set[int]]] = {}
    for account, method, year in constructions:
        years.setdefault(account, {}).setdefault(method, set()).add(year)
    keys: dict[tuple[str, str], str] = {}
    for account, methods in years.items():
        held: set[int] = set()
        extra = 1
        preferred = (first or {}).get(account)
        order = sorted(methods.items(), key=lambda item: item[0] != preferred)
        for method, its_years in order:
            if its_years.isdisjoint(held):
                held |= its_years
                keys[(account, method)] = main
            else:
                extra += 1
                keys[(account, method)] = f"{main}-{extra}"
    return keys


@dataclass(frozen=True, slots=True)
class Repeat(Generic[Where]):
    """A total reported again under a later accounting year than where it was first given."""

    value: float
    first_year: int
    first: Where
    year: int
    again: Where


def repeated_totals(points: Sequence[tuple[int, float, Where]]) -> list[Repeat[Where]]:
    """One account's (year, value, where) in the order given: each later year of a value."""
    first: dict[float, tuple[int, Where]] = {}
    out: list[Repeat[Where]] = []
    for year, value, where in points:
        seen = first.setdefault(value, (year, where))
        if seen[0] != year:
            out.append(Repeat(value, seen[0], seen[1], year, where))
    return out


@dataclass(frozen=True, slots=True)
class Series:
    """An account's constructions: the extra indicators (key, method), the newest method of
    the main indicator and the baseline's method (None: on no series, a reference only)."""

    extra: tuple[tuple[str, str], ...] = ()
    newest_method: str | None = None
    baseline_method: str | None = None


def place(
    inventory: dict[str, tuple[list[cdp_inventories.Value], list[report.Issue]]],
    main: str,
    unit: str,
    code: str,
    baselines: Mapping[str, cdp_targets.Baseline] | None = None,
) -> tuple[dict[tuple[str, str], str], dict[str, Series], dict[str, list[report.Issue]]]:
    """Each (account, method)'s indicator, each account's series, and repeated-total flags."""
    placed = [(name, v) for name, (values, _) in inventory.items() for v in values]
    by_account: dict[str, list[tuple[str, cdp_inventories.Value]]] = {}
    for name, v in placed:
        by_account.setdefault(v.account, []).append((name, v))
    baselines = baselines or {}
    methods = {
        account: baseline_method([v for _, v in by_account.get(account, [])], base)
        for account, base in baselines.items()
    }
    first = {account: method for account, method in methods.items() if method is not None}
    keys = indicator_keys(((v.account, v.method, v.year) for _, v in placed), main, first)
    series: dict[str, Series] = {}
    flags: dict[str, list[report.Issue]] = {}
    for account, items in by_account.items():
        extra = {keys[(account, v.method)]: v.method for _, v in items}
        extra.pop(main, None)
        newest = [
            (v.year, order, v.method)
            for order, (_, v) in enumerate(items)
            if keys[(account, v.method)] == main
        ]
        series[account] = Series(
            tuple(extra.items()), max(newest)[2] if newest else None, methods.get(account)
        )
        points = [(v.year, v.value, (name, v.row)) for name, v in items]
        for repeat in repeated_totals(points):
            (first_file, first_row), (file_name, row) = repeat.first, repeat.again
            flags.setdefault(file_name, []).append(
                report.said(
                    code,
                    translation.N_(
                        "account {account} gives the same total, {total}, as for {year}"
                        " ({file} row {first_row}): perhaps that inventory again, not a new one"
                    ),
                    {
                        "account": account,
                        "total": f"{repeat.value:,.0f} {unit}",
                        "year": repeat.first_year,
                        "file": first_file,
                        "first_row": first_row,
                    },
                    row,
                    "period",
                    severity="warning",
                )
            )
    return keys, series, flags


def repeat_note(issue: report.Issue) -> str:
    """The note a flagged value carries (the report's message, without the account)."""
    return "repeated total: " + issue.message.split(" gives ", 1)[-1]
