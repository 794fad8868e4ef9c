"""Units: convert a row's unit to its indicator's unit with pint, or say why not."""

from __future__ import annotations

import functools
import math
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pledges import translation

if TYPE_CHECKING:
    import pint


_BUILDING = threading.Lock()  # sessions of one server share the registry: build it once


def _registry() -> pint.UnitRegistry:
    """pint's registry, built on first use (0.4 s): a file in its indicators' units needs none."""
    with _BUILDING:
        return _built_registry()


@functools.cache
def _built_registry() -> pint.UnitRegistry:
    """The registry with this project's units; called under `_BUILDING` only."""
    import pint

    registry = pint.UnitRegistry()
    registry.define("capita = [population] = person = inhabitant")
    registry.define("USD = [currency] = dollar")
    registry.define("vehicle = [vehicle]")
    return registry


# Greenhouse-gas labels name what is weighed, not a unit; they must agree when both say one.
_GAS = re.compile(r"\b(?:of\s+)?(co2[\s-]?eq(?:uivalent)?|co2e|co₂e|co₂|co2)\b", re.IGNORECASE)
_ALIASES = {
    "%": "percent",
    "pct": "percent",
    "per cent": "percent",
    "fraction": "dimensionless",
    "share": "dimensionless",
    "1": "dimensionless",
    "number": "count",
    "t": "tonne",
    "metric tons": "tonne",
    "metric ton": "tonne",
    "metric tonnes": "tonne",
    "metric tonne": "tonne",
    "tonnes": "tonne",
    "kt": "kilotonne",  # pint reads kt as knot
    "mt": "megatonne",
    "gt": "gigatonne",
}
_GAS_NAMES = {"co2": "CO2", "co₂": "CO2"}
# Names pint reads one way that people often mean another: never convert them on a guess.
# Each is a whole sentence of the catalog; `{wanted}` is the indicator's unit.
_AMBIGUOUS = {
    "ton": translation.N_(
        "'ton' may be a metric tonne or a US short ton: write t (tonnes) or short_ton; use"
        " '{wanted}' or a unit convertible to it."
    ),
    "tons": translation.N_(
        "'tons' may be metric tonnes or US short tons: write t (tonnes) or short_ton; use"
        " '{wanted}' or a unit convertible to it."
    ),
    "billion": translation.N_(
        "'billion' is 10^9 or 10^12 depending on the country: write the unit itself; use"
        " '{wanted}' or a unit convertible to it."
    ),
}
UNKNOWN = translation.N_(
    "unit '{given}' is not one I know; use '{wanted}' or a unit convertible to it."
)
INCOMPATIBLE = translation.N_(
    "unit '{given}' cannot be converted to the indicator's unit '{wanted}'; use '{wanted}' or a"
    " unit convertible to it."
)
OTHER_GAS = translation.N_(
    "unit '{given}' measures {gas}, the indicator {wanted_gas}; use '{wanted}' or a unit"
    " convertible to it."
)


@dataclass(frozen=True, slots=True)
class Conversion:
    """How to turn a value in one unit into the indicator's unit, or the issue code if not
    and why: a whole catalog sentence (`template`, marked) and its `values`."""

    multiply: float = 1.0
    divide: float = 1.0
    code: str | None = None
    template: str | None = None
    values: tuple[tuple[str, str], ...] = ()

    @property
    def reason(self) -> str | None:
        """Why the unit does not convert, in English (the stored wording)."""
        return None if self.template is None else self.template.format(**dict(self.values))

    def apply(self, value: float) -> float:
        """The value in the indicator's unit (dividing by an exact integer keeps 1234 -> 1.234)."""
        return value * self.multiply / self.divide


def _gas(text: str) -> tuple[str, str | None]:
    """The unit text without its gas label, and the label (CO2e or CO2) if any."""
    match = _GAS.search(text)
    if not match:
        return text, None
    label = _GAS_NAMES.get(match.group(1).casefold(), "CO2e")
    return (text[: match.start()] + text[match.end() :]).strip(), label


def gas_label(text: str) -> str | None:
    """The greenhouse gas a unit text weighs (CO2e or CO2), None when it names none."""
    return _gas(text)[1]


def _plain(text: str) -> str:
    """Unit text pint can read: aliases resolved, `per` as division."""
    words = re.sub(r"\s+", " ", text.strip())
    words = re.sub(r"\bper\b", "/", words, flags=re.IGNORECASE)
    parts = [part.strip() for part in words.split("/")]
    return " / ".join(_ALIASES.get(part.casefold(), _ALIASES.get(part, part)) for part in parts)


def _ambiguous(text: str) -> str | None:
    """Why a unit text cannot be read without guessing (a catalog template), if it cannot."""
    plain = re.sub(r"metric\s+tonn?e?s?", "t", _gas(_inner(text))[0], flags=re.IGNORECASE)
    words = re.findall(r"[a-z_]+", plain.casefold())
    for word in words:
        if word in _AMBIGUOUS:
            return _AMBIGUOUS[word]
    return None


def _inner(text: str) -> str:
    """The unit inside trailing parentheses, as in `total emissions (metric tons of CO2eq)`."""
    match = re.search(r"\(([^()]*)\)\s*$", text)
    return match.group(1) if match else text


# pint evaluates a unit text as an expression: only short texts of unit words, single-digit
# powers and plain factors reach it, so `10**10**10` or `(t` is an unknown unit, not a hang.
_PINT_SAFE = re.compile(r"[\w %.·/*^()\-]{1,80}")
_POWER = re.compile(r"(\*\*|\^)\s*\(?\s*[+-]?(?:\d\d|[^\d\s+(-])")


def _readable(plain: str) -> bool:
    """Whether a unit text is safe and balanced enough to hand to pint's expression parser."""
    if not _PINT_SAFE.fullmatch(plain) or _POWER.search(plain):
        return False
    if len(re.findall(r"\*\*|\^", plain)) > 4:
        return False
    depth = 0
    for char in plain:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@functools.lru_cache(maxsize=1024)
def _parse(text: str) -> tuple[pint.Unit | None, str | None]:
    """The pint unit and gas label of a unit text (None when pint does not know it)."""
    stripped, label = _gas(text)
    plain = _plain(stripped) or "dimensionless"
    if not _readable(plain):
        return None, label
    try:
        return _registry().parse_units(plain), label
    except Exception:  # noqa: BLE001 - pint's parser raises many kinds; any means "unknown"
        return None, label


@functools.lru_cache(maxsize=4096)
def conversion(given: str, wanted: str) -> Conversion:
    """The conversion from a row's unit to the indicator's unit (same text needs no pint)."""
    if " ".join(given.split()) == " ".join(wanted.split()):
        return Conversion()
    ambiguity = _ambiguous(given)
    if ambiguity:
        return _refused("unit-unknown", ambiguity, given, wanted)
    source, source_gas = _parse(given)
    if source is None and _inner(given) != given:
        return conversion(_inner(given), wanted)
    if source is None:
        return _refused("unit-unknown", UNKNOWN, given, wanted)
    target, target_gas = _parse(wanted)
    if target is None:
        return _refused("unit-incompatible", INCOMPATIBLE, given, wanted)
    if source_gas and target_gas and source_gas != target_gas:
        return _refused(
            "unit-incompatible", OTHER_GAS, given, wanted, gas=source_gas, wanted_gas=target_gas
        )
    import pint

    try:
        factor = float(_registry().Quantity(1.0, source).to(target).magnitude)
    except (pint.errors.DimensionalityError, ArithmeticError):
        return _refused("unit-incompatible", INCOMPATIBLE, given, wanted)
    if not math.isfinite(factor) or factor == 0.0:
        return _refused("unit-incompatible", INCOMPATIBLE, given, wanted)
    if factor == 1.0:
        return Conversion()
    inverse = 1.0 / factor
    if factor < 1.0 and abs(inverse - round(inverse)) < 1e-9 * inverse:
        return Conversion(divide=float(round(inverse)))
    if abs(factor - round(factor)) < 1e-9 * factor:
        return Conversion(multiply=float(round(factor)))
    return Conversion(multiply=factor)


def _refused(code: str, template: str, given: str, wanted: str, **more: str) -> Conversion:
    """A unit that does not convert: its code and its whole sentence's template and values."""
    values = {"given": given, "wanted": wanted, **more}
    return Conversion(code=code, template=template, values=tuple(values.items()))
