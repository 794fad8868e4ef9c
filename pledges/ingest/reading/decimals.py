"""Numbers as spreadsheets write them: the file's decimal mark, and cells it makes ambiguous."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pledges import model, translation

Decimal = Literal[".", ","]
# A group of three digits after one mark: "1,234" or "1.577" (thousands, or a decimal?).
# A leading 0 is never a thousands group, so 0.125 is a decimal whatever the file.
_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}([.,])\d{3}$")
_MANY_GROUPS = re.compile(r"^[+-]?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+(?:[.,]\d+)?$")
_DECIMAL = re.compile(r"^[+-]?\d*([.,])\d+$")
_PLAIN = {
    ".": re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"),
    ",": re.compile(r"^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$"),
}
# Unicode scientific notation as statistics offices export it: 7,33347×10^−05.
_TIMES_TEN = re.compile(r"^(?P<mantissa>[^×xX*]+)\s*[×xX*]\s*10\s*\^\s*(?P<exponent>[+-]?\d+)$")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u00a0": "", "\u202f": ""})


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """The decimal mark of a file, and whether a grouped-looking cell can be trusted."""

    decimal: Decimal
    confirmed: bool
    mixed: bool = False
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Parsed:
    """A number, or the issue code and what was expected instead."""

    value: float | None
    code: str | None = None
    expected: str | None = None


def sniff(cells: Iterable[str], default: Decimal, by_convention: bool) -> NumberFormat:
    """Decide the decimal mark from cells whose reading cannot be doubted (e.g. 26,3 or 23.84).

    `by_convention` says the default is the format's own rule (a point in comma-separated
    files), so a lone `1.577` there is a decimal; elsewhere it stays ambiguous.
    """
    evidence: dict[str, str] = {}
    for raw in cells:
        if "." not in raw and "," not in raw:
            continue
        text = raw.strip().translate(_MINUS)
        if not text or _GROUPED.match(text):
            continue
        many = _MANY_GROUPS.match(text)
        if many:
            evidence.setdefault("," if many.group(1) == "." else ".", text)
            continue
        decimal = _DECIMAL.match(text)
        if decimal:
            evidence.setdefault(decimal.group(1), text)
        if len(evidence) == 2:
            break
    if len(evidence) == 2:
        return NumberFormat(default, True, True, (evidence["."], evidence[","]))
    if len(evidence) == 1:
        mark = next(iter(evidence))
        return NumberFormat(mark, True, False, (evidence[mark],))  # type: ignore[arg-type]
    return NumberFormat(default, by_convention, False)


def parse(raw: str, fmt: NumberFormat) -> Parsed:
    """One cell as a float, or why it cannot be read without guessing."""
    text = raw.strip().translate(_MINUS)
    scientific = _TIMES_TEN.match(text)
    if scientific:
        mantissa = parse(scientific.group("mantissa"), fmt)
        if mantissa.value is None:
            return mantissa
        try:
            return digits(mantissa.value * 10.0 ** int(scientific.group("exponent")))
        except OverflowError:
            return Parsed(None, TOO_LARGE, too_large_expected())
    other = "," if fmt.decimal == "." else "."
    grouped = _GROUPED.match(text)
    if grouped and (grouped.group(1) == other or not fmt.confirmed or fmt.mixed):
        return Parsed(None, "ambiguous-number", _expected(fmt))
    if _PLAIN[fmt.decimal].match(text):
        return digits(float(text.replace(",", ".")))
    return Parsed(None, "bad-number", _expected(fmt))


# The largest magnitude a value may have, before and after its unit is converted.
LARGEST = model.LARGEST_VALUE
TOO_LARGE = "number-too-large"


def finite(value: float) -> Parsed:
    """Reject inf and nan, which no spreadsheet means as a measurement, and numbers past
    LARGEST, which the store would hold but progress arithmetic would overflow on."""
    if not math.isfinite(value):
        return Parsed(None, "bad-number", "a finite number")
    if abs(value) > LARGEST:
        return Parsed(None, TOO_LARGE, too_large_expected())
    return Parsed(value)


def digits(value: float) -> Parsed:
    """A number written in digits: infinity there means digits past any double (1 and 400
    zeros), so it is too large, not "not finite"."""
    if math.isinf(value):
        return Parsed(None, TOO_LARGE, too_large_expected())
    return finite(value)


def number_of(value: int | float) -> Parsed:
    """A typed cell's number (an XLSX integer may have hundreds of digits)."""
    try:
        return finite(float(value))
    except OverflowError:
        return Parsed(None, TOO_LARGE, too_large_expected())


# What a value should look like, marked for the catalog (the report words it for its reader).
A_NUMBER = translation.N_("a number")
TOO_LARGE_EXPECTED = translation.N_("a number between -1e100 and 1e100")
POINT_EXPECTED = translation.N_(
    "a plain number with a decimal point and no thousands separators, like 1234.5"
)
COMMA_EXPECTED = translation.N_(
    "a plain number with a decimal comma and no thousands separators, like 1234,5"
)


def too_large_expected() -> str:
    """What a value past the bound should be instead."""
    return TOO_LARGE_EXPECTED


def _expected(fmt: NumberFormat) -> str:
    """What a readable number looks like in this file."""
    return POINT_EXPECTED if fmt.decimal == "." else COMMA_EXPECTED
