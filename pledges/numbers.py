"""Numbers in words: the one rule for how many digits a value shows, and how each language
writes them (Babel's locale data: "1,234.5" in English, "1234,5" and "12.345" in Spanish)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from babel import dates as babel_dates
from babel import numbers as babel_numbers

from pledges import translation


def number(value: float | None, lang: str = translation.DEFAULT) -> str:
    """A value with as many decimals as its size deserves (61, 3.2, 0.41, 1,234; "–" if none)."""
    if value is None or not math.isfinite(value):
        return "–"
    size = abs(value)
    if size >= 1e15:
        return f"{value:.3g}"  # a size no city measures: a data problem, shown without 16 digits
    decimals = 0 if size >= 100 else 1 if size >= 1 else 2 if size >= 0.01 else 4
    # Rounded here, once, the same in every language; Babel only writes the digits it is given.
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "", "0"):
        return "0"
    locale = translation.translator(lang).locale
    return babel_numbers.format_decimal(Decimal(text), format="#,##0.####", locale=locale)


def quantity(value: float, unit: str, lang: str = translation.DEFAULT) -> str:
    """A value with its unit ("61 %", "1,234 kt")."""
    return f"{number(value, lang)} {unit}".strip()


def percent(share: float, lang: str = translation.DEFAULT) -> str:
    """A share of one as a whole percentage as the language writes it ("41%", "41 %")."""
    locale = translation.translator(lang).locale
    return babel_numbers.format_percent(share, format=None, locale=locale).replace("\xa0", " ")


def day(date: dt.date, lang: str = translation.DEFAULT) -> str:
    """A day as a reader writes it ("December 5, 2026", "5 de diciembre de 2026")."""
    return babel_dates.format_date(date, "long", locale=translation.translator(lang).locale)


def short_day(date: dt.date, lang: str = translation.DEFAULT) -> str:
    """A day in a table or a line of small print ("05 Dec 2026", "05 dic 2026")."""
    return babel_dates.format_date(date, "dd MMM y", locale=translation.translator(lang).locale)


def signed(value: float, lang: str = translation.DEFAULT) -> str:
    """A change as written in a target, always with its sign ("-50", "+2.5", "-2,5")."""
    digits = babel_numbers.format_decimal(
        Decimal(f"{abs(value):g}"),
        format="#,##0.######",
        locale=translation.translator(lang).locale,
    )
    return ("-" if value < 0 else "+") + digits
