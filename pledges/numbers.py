"""Numbers in words: the one rule for how a value is written, in tables and in sentences, in
each language (Babel's locale data: "1,234.5" in English, "1.234,5" in Spanish).

A stored value is written with its own precision (`exact`: 5.68, 2.03, 7.25, 28,922,796) in
tables, the API and wherever a reader checks it against a source; a sentence rounds to the
digits its size deserves (`number`: 61, 3.2, 0.41, 1,234), half away from zero as people
round (7.25 -> 7.3). Neither ever writes "-0". The digits are chosen here, once, the same in
every language; Babel only writes them with the language's separators.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import math

import babel
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers

from pledges import translation

_HALF_UP = decimal.Context(rounding=decimal.ROUND_HALF_UP)
# A size no city measures: a data problem, shown without its 16 or 200 digits.
_IMPLAUSIBLE = 1e15
DEFAULT = translation.DEFAULT
# Every digit kept (the digits are chosen before), grouped: parsed once, not at every number.
_GROUPED = babel_numbers.parse_pattern("#,##0.###############")


def _decimal(value: float) -> decimal.Decimal:
    """The value with the 15 significant digits a float always holds (5.68, not
    5.67999999999999971578; a sum of parts 1437870.13, not 1437870.1300000001)."""
    return decimal.Decimal(f"{float(value):.15g}")


def _locale(lang: str) -> str:
    return translation.translator(lang).locale


@functools.cache
def _babel_locale(lang: str) -> babel.Locale:
    """The Babel locale writing a language's numbers, parsed once."""
    return babel.Locale.parse(_locale(lang))


def _written(amount: decimal.Decimal, lang: str = DEFAULT) -> str:
    """A decimal grouped in thousands, without trailing zeros and never as "-0"."""
    text = f"{amount:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "", "0"):
        return "0"
    if lang == DEFAULT:
        return text
    plain = decimal.Decimal(text.replace(",", ""))
    return _GROUPED.apply(plain, _babel_locale(lang))


def number(value: float | None, lang: str = DEFAULT) -> str:
    """A value rounded for a sentence, with as many decimals as its size deserves
    (61, 3.2, 0.41, 1,234; "–" if none)."""
    if value is None or not math.isfinite(value):
        return "–"
    size = abs(value)
    if size >= _IMPLAUSIBLE:
        return f"{value:.3g}"
    decimals = 0 if size >= 100 else 1 if size >= 1 else 2 if size >= 0.01 else 4
    step = decimal.Decimal(1).scaleb(-decimals)
    return _written(_decimal(value).quantize(step, context=_HALF_UP), lang)


def exact(value: float | None, lang: str = DEFAULT) -> str:
    """A stored value with every digit it was stored with, grouped ("–" if none)."""
    if value is None or not math.isfinite(value):
        return "–"
    if abs(value) >= _IMPLAUSIBLE:
        return f"{value:.3g}"
    return _written(_decimal(value), lang)


def quantity(value: float, unit: str, lang: str = DEFAULT) -> str:
    """A value rounded for a sentence, with its unit ("61 %", "1,234 kt")."""
    return f"{number(value, lang)} {unit}".strip()


def exact_quantity(value: float, unit: str, lang: str = DEFAULT) -> str:
    """A stored value with its own precision and its unit ("5.68 t", "28,922,796 t")."""
    return f"{exact(value, lang)} {unit}".strip()


def percent(share: float, lang: str = DEFAULT) -> str:
    """A share as a whole percentage ("34%"; "34 %" in Spanish), never "-0%"."""
    if lang == DEFAULT:
        text = f"{share:.0%}"
        return "0%" if text == "-0%" else text
    text = babel_numbers.format_percent(share, locale=_locale(lang)).replace("\xa0", " ")
    return text[1:] if text.startswith("-0") and text[2:3] in ("", " ", "%") else text


def signed(value: float, lang: str = DEFAULT) -> str:
    """A change as written in a target, always with its sign ("-50", "+2.5", "-2,5")."""
    digits = _written(decimal.Decimal(f"{abs(value):g}"), lang)
    return ("-" if value < 0 else "+") + digits


def day(date: dt.date, lang: str = DEFAULT) -> str:
    """A day as a reader writes it ("December 5, 2026", "5 de diciembre de 2026")."""
    return babel_dates.format_date(date, "long", locale=_locale(lang))


def short_day(date: dt.date, lang: str = DEFAULT) -> str:
    """A day in a table or a line of small print ("05 Dec 2026", "05 dic 2026")."""
    return babel_dates.format_date(date, "dd MMM y", locale=_locale(lang))


def separators(lang: str = DEFAULT) -> str:
    """The decimal and thousands marks of a language for plotly's hover numbers (".," / ",.")."""
    locale = _locale(lang)
    return babel_numbers.get_decimal_symbol(locale) + babel_numbers.get_group_symbol(locale)


def brief_day(date: dt.date, lang: str = DEFAULT) -> str:
    """A day in a short line, without a leading zero ("5 Dec 2026", "5 dic 2026")."""
    return babel_dates.format_date(date, "d MMM y", locale=_locale(lang))


def fixed(value: float, digits: int, lang: str = DEFAULT) -> str:
    """A number with exactly `digits` decimals, ungrouped ("1.20", "-2.5"; "1,20" in Spanish)."""
    pattern = "0." + "0" * digits if digits else "0"
    text = babel_numbers.format_decimal(
        decimal.Decimal(f"{value:.{digits}f}"), format=pattern, locale=_locale(lang)
    )
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


def listing(items: list[str], lang: str = DEFAULT) -> str:
    """Several things in one phrase as a reader joins them ("2 and 3", "2 y 3")."""
    return babel_lists.format_list(items, locale=_locale(lang))
