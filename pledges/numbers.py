"""Numbers in words: the one rule for how many digits a value shows, used by sentences and pages."""

from __future__ import annotations

import math


def number(value: float | None) -> str:
    """A value with as many decimals as its size deserves (61, 3.2, 0.41, 1,234; "–" if none)."""
    if value is None or not math.isfinite(value):
        return "–"
    size = abs(value)
    if size >= 1e15:
        return f"{value:.3g}"  # a size no city measures: a data problem, shown without 16 digits
    decimals = 0 if size >= 100 else 1 if size >= 1 else 2 if size >= 0.01 else 4
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "", "0") else text


def quantity(value: float, unit: str) -> str:
    """A value with its unit ("61 %", "1,234 kt")."""
    return f"{number(value)} {unit}".strip()
