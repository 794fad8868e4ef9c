"""Periods: a year or an ISO date; ranges, seasons and months only by a rule the user chose."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from pledges import translation

Rule = Literal["start", "end"]
EXPECTED = translation.N_("a year (2019) or an ISO date (2019-06-30)")
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATE_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:-|–|—|to|bis|/)\s*(\d{4}-\d{2}-\d{2})$")
_YEAR_SPAN = re.compile(r"^(?:FY\s*)?(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_FIRST_YEAR, _LAST_YEAR = 1800, 2200


@dataclass(frozen=True, slots=True)
class Period:
    """A parsed period: the date stored, and whether it stands for a whole year."""

    date: dt.date
    annual: bool


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a period cell was not read, for the row's message: `reason` in English after the
    cell ("is empty"), `template` the whole sentence for the catalog (`{shown}`: the cell)."""

    reason: str
    template: str | None = field(default=None, compare=False)
    values: tuple[tuple[str, str | int], ...] = field(default=(), compare=False)


_PREFIX = "Period '{shown}' "


def _refusal(template: str, **values: str | int) -> Refusal:
    """A refusal from its whole sentence (marked `translation.N_`, opening on `_PREFIX`)."""
    reason = template.removeprefix(_PREFIX).removesuffix(".").format(**values)
    return Refusal(reason, template, tuple(values.items()))


# A period read only once the user chooses its start or end, by its shape.
_SHAPED = {
    "date range": translation.N_(
        "Period '{shown}' is a date range; choose the start or the end of each period to import it."
    ),
    "month": translation.N_(
        "Period '{shown}' is a month; choose the start or the end of each period to import it."
    ),
    "span of years (fiscal year or season)": translation.N_(
        "Period '{shown}' is a span of years (fiscal year or season); choose the start or the end"
        " of each period to import it."
    ),
}


def parse(cell: object, rule: Rule | None) -> Period | Refusal:
    """A cell (text, number or spreadsheet date) as a Period, or the reason it is not one."""
    if isinstance(cell, dt.datetime):
        return Period(cell.date(), False)
    if isinstance(cell, dt.date):
        return Period(cell, False)
    if isinstance(cell, bool):
        return _refusal(translation.N_("Period '{shown}' is not a year or a date."))
    if isinstance(cell, int | float):
        if float(cell).is_integer():
            return _year(int(cell))
        return _refusal(translation.N_("Period '{shown}' is not a whole year."))
    text = str(cell).strip()
    if not text:
        return _refusal(translation.N_("Period '{shown}' is empty."))
    year = _YEAR.match(text)
    if year:
        return _year(int(year.group(1)))
    date = _DATE.match(text)
    if date:
        return _date(text)
    return _ruled(text, rule)


def read(cell: object, rule: Rule | None) -> Period | Refusal:
    """A cell as the importer stores it: `parse`, except that a date range spanning whole
    years is a year (1 January to 31 December that year whatever the rule, twelve months
    across two years the year the rule picks), so it meets the stored year as a revision."""
    if isinstance(cell, str):
        dated = _DATE_RANGE.match(cell.strip())
        if dated:
            return _range(dated.group(1), dated.group(2), rule)
    return parse(cell, rule)


def _year(year: int) -> Period | Refusal:
    """A bare year, stored as January 1 with `annual` set."""
    if _FIRST_YEAR <= year <= _LAST_YEAR:
        return Period(dt.date(year, 1, 1), True)
    return _refusal(
        translation.N_("Period '{shown}' year {year} is outside {first}-{last}."),
        year=year,
        first=_FIRST_YEAR,
        last=_LAST_YEAR,
    )


def _date(text: str) -> Period | Refusal:
    """An ISO date that exists on the calendar."""
    try:
        return Period(dt.date.fromisoformat(text), False)
    except ValueError:
        return _refusal(translation.N_("Period '{shown}' is not a real calendar date."))


def _ruled(text: str, rule: Rule | None) -> Period | Refusal:
    """Ranges, fiscal years and months: read only when the user chose start or end."""
    shape = _shape(text)
    if shape is None:
        return _refusal(translation.N_("Period '{shown}' is not a year or an ISO date."))
    if rule is None:
        return _refusal(_SHAPED[shape])
    dated = _DATE_RANGE.match(text)
    if dated:
        return _date(dated.group(1) if rule == "start" else dated.group(2))
    month = _month(text)
    if month:
        year, number = month
        day = 1 if rule == "start" else calendar.monthrange(year, number)[1]
        return Period(dt.date(year, number, day), False)
    span = _YEAR_SPAN.match(text)
    if span:
        first = int(span.group(1))
        second = span.group(2)
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if last < first:
            last += 100
        return _year(first if rule == "start" else last)
    return _refusal(translation.N_("Period '{shown}' is not a year or an ISO date."))


def _range(first: str, last: str, rule: Rule | None) -> Period | Refusal:
    """A date range: a calendar year is that year, twelve months across two years the year the
    rule picks (both stored as years); any other range the start or end date."""
    year = _calendar_year(first, last)
    if year is not None:
        return _year(year)
    try:
        start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    except ValueError:
        return _refusal(translation.N_("Period '{shown}' is not a real calendar date."))
    if rule is None:
        return parse(f"{first} - {last}", None)  # the refusal asking for a rule
    if _twelve_months(start, end):
        return _year(start.year if rule == "start" else end.year)
    return _date(first if rule == "start" else last)


def _calendar_year(first: str, last: str) -> int | None:
    """The year of a range from 1 January to 31 December of one year, else None."""
    if first[:4] == last[:4] and first[4:] == "-01-01" and last[4:] == "-12-31":
        return int(first[:4])
    return None


def _twelve_months(start: dt.date, end: dt.date) -> bool:
    """True for a fiscal year: the first of a month to the day before it a year later."""
    if start.day != 1 or end.year != start.year + 1:
        return False
    return end + dt.timedelta(days=1) == dt.date(start.year + 1, start.month, 1)


def _shape(text: str) -> str | None:
    """What kind of non-standard period the text is, in words, or None if it is none of them."""
    if _DATE_RANGE.match(text):
        return "date range"
    if _month(text):
        return "month"
    if _YEAR_SPAN.match(text):
        return "span of years (fiscal year or season)"
    return None


def _month(text: str) -> tuple[int, int] | None:
    """Year and month of `2021-04` (ISO reads YYYY-MM as a month, never as a fiscal year)."""
    month = _MONTH.match(text)
    if month and 1 <= int(month.group(2)) <= 12:
        return int(month.group(1)), int(month.group(2))
    return None


def write(date: dt.date, annual: bool | None) -> str:
    """The period as the upload format writes it: `2019` for a year, ISO otherwise.

    `annual` is ingest's flag, kept by the store; None (a frame made by code, without the
    flag) falls back to reading 1 January as a year, the one place that guess is made.
    """
    if annual is None:
        annual = (date.month, date.day) == (1, 1)
    return str(date.year) if annual else date.isoformat()
