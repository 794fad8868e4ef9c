"""City-wide inventory rows as values: which total, which year, which construction, or why not.

Rules (one home each, quoted in the method and note of every value):
- The total is the BASIC total (GPC: scope 1, scope 2 and waste scope 3) where given;
  where it is blank, scope 1 + scope 2, from the "Total Scope 1/2" columns or else from the
  GPC table's "total emissions (excluding generation of grid-supplied energy)" row. 2016
  and 2017 give one reported total, used as it is; 2017 says which scopes it includes.
- The method is the construction: protocol; boundary; which total and how it was built
  (`CONSTRUCTIONS`). Two constructions never share a method, so they are never one line.
- The period is the year the accounting period ends: `2013-04-01 - 2014-03-31` is 2014,
  as is 2016's `06/30/2014`-style end date; a fiscal year says so in the note. A period
  ending on 1 January (`2016-01-01 - 2017-01-01`) is the year before, whose last day it
  overshoots by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pledges import translation
from pledges.ingest.reading import periods
from pledges.sources import cdp_layouts

_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\b")
_RANGE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\s*-\s*(\d{4})-(\d{2})-(\d{2})$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")

_PROTOCOLS: tuple[tuple[str, str], ...] = (
    ("global protocol for community", "GPC"),
    ("u.s. community protocol", "U.S. Community Protocol"),
    ("2006 ipcc", "IPCC 2006"),
    ("regional or country specific", "regional or national method"),
)
_BOUNDARIES: tuple[tuple[str, str], ...] = (
    ("administrative boundary of a local government", "city boundary"),
    ("same", "city boundary"),
    ("a metropolitan area", "larger than the city"),
    ("larger", "larger than the city"),
    ("smaller", "part of the city"),
    ("combination of administrative divisions", "combined divisions"),
)


@dataclass(frozen=True, slots=True)
class Value:
    """One usable inventory: an account's total for an accounting year, as reported."""

    account: str
    row: int
    year: int
    value: float
    method: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Refused:
    """A row not used: where, a stable code and why in words (`message`, English; `template`
    and `values` word it in a reader's language, docs/translating.md)."""

    row: int
    code: str
    message: str
    column: str | None = None
    template: str | None = field(default=None, compare=False)
    values: tuple[tuple[str, str | int], ...] = field(default=(), compare=False)


def refused(
    row: int,
    code: str,
    template: str,
    column: str | None = None,
    **values: str | int,
) -> Refused:
    """A row not used, its reason a catalog template (marked `translation.N_`) and values."""
    return Refused(row, code, template.format(**values), column, template, tuple(values.items()))


def number(text: str) -> float | None:
    """A cell as a number (`1,234,567` and `1234567.5` alike), or None if it is not one."""
    cleaned = text.replace(" ", "")
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


# Which total and how it was built, as the method names it.
BASIC = "BASIC"
REPORTED = "reported total"
REPORTED_SCOPES = "scope 1 + 2 as one reported total"
SCOPE_COLUMNS = "scope 1 + 2 from the Total Scope columns"
GPC_PARTS = "scope 1 + 2 from the GPC table's parts"
CONSTRUCTIONS = (BASIC, REPORTED, REPORTED_SCOPES, SCOPE_COLUMNS, GPC_PARTS)
# 2017's "Scopes Included" beside its one total.
_SCOPES_INCLUDED = {
    "total scope 1, scope 2 and waste scope 3 (total basic emissions)": BASIC,
    "total scope 1 and scope 2": REPORTED_SCOPES,
}


def accounting_year(text: str) -> tuple[int, str | None] | None:
    """The year a reported accounting period ends, and a note when it is not a calendar year."""
    us = _US_DATE.match(text)
    if us:
        month, day, year = int(us.group(1)), int(us.group(2)), int(us.group(3))
        if (month, day) == (12, 31):
            return year, None
        if (month, day) == (1, 1):
            return year - 1, f"accounting period ending {year}-01-01, stored as {year - 1}"
        return year, f"accounting period ending {year}-{month:02d}-{day:02d}, stored as {year}"
    span = _RANGE.match(text)
    if not span:
        return None
    end = periods.parse(text, "end")
    start = periods.parse(text, "start")
    if not isinstance(end, periods.Period) or not isinstance(start, periods.Period):
        return None
    if (start.date.month, start.date.day, end.date.month, end.date.day) == (1, 1, 12, 31):
        if start.date.year == end.date.year:
            return end.date.year, None
    if (end.date.month, end.date.day) == (1, 1):
        # The period overshoots the year before by its last day: it is that year's.
        year = end.date.year - 1
        return year, (
            f"accounting year {start.date.isoformat()} - {end.date.isoformat()}, stored as "
            f"{year} (it ends on 1 January, so it is the year before's)"
        )
    return end.date.year, (
        f"accounting year {start.date.isoformat()} - {end.date.isoformat()}, stored as "
        f"{end.date.year} (the year it ends)"
    )


def _short(text: str, names: tuple[tuple[str, str], ...], missing: str) -> str:
    lowered = text.lower()
    if not lowered:
        return missing
    return next((short for start, short in names if lowered.startswith(start)), text)


def method(protocol: str, boundary: str, total: str) -> str:
    """The construction a value is stored under: protocol; boundary; which total, how built."""
    return "; ".join(
        (
            _short(protocol, _PROTOCOLS, "protocol not stated"),
            _short(boundary, _BOUNDARIES, "boundary not stated"),
            total,
        )
    )


def _total(record: cdp_layouts.Record) -> tuple[str, str | None, str] | Refused:
    """(which construction, the cell, its column) by the rule in the module docstring."""
    if record.text("total"):
        scopes = _SCOPES_INCLUDED.get(record.text("scopes_included").lower(), REPORTED)
        return scopes, record.text("total"), "total"
    if record.text("basic"):
        return BASIC, record.text("basic"), "basic"
    for first, second, label in (
        ("scope1", "scope2", SCOPE_COLUMNS),
        ("scope1_part", "scope2_part", GPC_PARTS),
    ):
        one, two = record.text(first), record.text(second)
        if one and two:
            return label, f"{one}+{two}", first
        if one or two:
            column = second if one else first
            return refused(
                record.row,
                "scope-incomplete",
                translation.N_("scope 1 or scope 2 is blank"),
                column,
            )
    return "", None, "basic"


def _value_of(cell: str) -> float | None:
    parts = [number(part) for part in cell.split("+")]
    return None if any(p is None for p in parts) else sum(parts)  # type: ignore[misc]


def read_row(record: cdp_layouts.Record) -> Value | Refused:
    """One inventory row as a value, or the reason it is not used."""
    account = record.text("account")
    if not account:
        return refused(
            record.row, "no-account", translation.N_("the account number is blank"), "account"
        )
    total = _total(record)
    if isinstance(total, Refused):
        return total
    label, cell, column = total
    period = record.text("period")
    if cell is None:
        if period:
            return refused(
                record.row, "no-total", translation.N_("an accounting year but no total"), column
            )
        return refused(
            record.row, "no-inventory", translation.N_("no inventory reported in this row")
        )
    value = _value_of(cell)
    if value is None:
        return refused(
            record.row,
            "total-not-a-number",
            translation.N_("{cell} is not a number"),
            column,
            cell=repr(cell),
        )
    if value <= 0:
        return refused(
            record.row,
            "total-not-positive",
            translation.N_("the total is {value}"),
            column,
            value=f"{value:g}",
        )
    if not period:
        return refused(
            record.row, "no-period", translation.N_("a total but no accounting year"), "period"
        )
    year = accounting_year(period)
    if year is None:
        return refused(
            record.row,
            "period-unreadable",
            translation.N_("{period} is not a complete period"),
            "period",
            period=repr(period),
        )
    return Value(
        account,
        record.row,
        year[0],
        value,
        method(record.text("protocol"), record.text("boundary"), label),
        year[1],
    )


def read_table(table: cdp_layouts.Table) -> tuple[list[Value], list[Refused]]:
    """Every row of an inventory file; the same account and year twice keeps the first."""
    values: list[Value] = []
    refusals: list[Refused] = []
    seen: dict[tuple[str, int], int] = {}
    for record in table.records:
        outcome = read_row(record)
        if isinstance(outcome, Refused):
            refusals.append(outcome)
            continue
        first = seen.setdefault((outcome.account, outcome.year), outcome.row)
        if first != outcome.row:
            refusals.append(
                refused(
                    outcome.row,
                    "duplicate-in-file",
                    translation.N_("account {account} reports {year} again (first in row {first})"),
                    "period",
                    account=outcome.account,
                    year=outcome.year,
                    first=first,
                )
            )
            continue
        values.append(outcome)
    return values, refusals


def edition_of(table: cdp_layouts.Table) -> int | None:
    """The year the file was reported to CDP (the most common value of its column)."""
    years = [r.text("edition") for r in table.records if r.text("edition").isdigit()]
    return int(max(set(years), key=years.count)) if years else None
