"""Numbers in words: the one rule for how a value is written, in tables and in sentences.

A stored value is written with its own precision (`exact`: 5.68, 2.03, 7.25, 28,922,796) in
tables, the API and wherever a reader checks it against a source; a sentence rounds to the
digits its size deserves (`number`: 61, 3.2, 0.41, 1,234), half away from zero as people
round (7.25 -> 7.3). Neither ever writes "-0".
"""

from __future__ import annotations

import decimal
import math

_HALF_UP = decimal.Context(rounding=decimal.ROUND_HALF_UP)
# A size no city measures: a data problem, shown without its 16 or 200 digits.
_IMPLAUSIBLE = 1e15


def _decimal(value: float) -> decimal.Decimal:
    """The value as its shortest round-tripping decimal (5.68, not 5.67999999999999971578)."""
    return decimal.Decimal(repr(float(value)))


def _written(amount: decimal.Decimal) -> str:
    """A decimal grouped in thousands, without trailing zeros and never as "-0"."""
    text = f"{amount:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "", "0") else text


def number(value: float | None) -> str:
    """A value rounded for a sentence, with as many decimals as its size deserves
    (61, 3.2, 0.41, 1,234; "–" if none)."""
    if value is None or not math.isfinite(value):
        return "–"
    size = abs(value)
    if size >= _IMPLAUSIBLE:
        return f"{value:.3g}"
    decimals = 0 if size >= 100 else 1 if size >= 1 else 2 if size >= 0.01 else 4
    step = decimal.Decimal(1).scaleb(-decimals)
    return _written(_decimal(value).quantize(step, context=_HALF_UP))


def exact(value: float | None) -> str:
    """A stored value with every digit it was stored with, grouped ("–" if none)."""
    if value is None or not math.isfinite(value):
        return "–"
    if abs(value) >= _IMPLAUSIBLE:
        return f"{value:.3g}"
    return _written(_decimal(value))


def quantity(value: float, unit: str) -> str:
    """A value rounded for a sentence, with its unit ("61 %", "1,234 kt")."""
    return f"{number(value)} {unit}".strip()


def exact_quantity(value: float, unit: str) -> str:
    """A stored value with its own precision and its unit ("5.68 t", "28,922,796 t")."""
    return f"{exact(value)} {unit}".strip()


def percent(share: float) -> str:
    """A share as a whole percentage ("34%"), never "-0%"."""
    text = f"{share:.0%}"
    return "0%" if text == "-0%" else text
