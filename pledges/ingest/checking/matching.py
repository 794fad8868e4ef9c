"""Names in a file matched to the catalog: cities, pledges and indicators, with nearest guesses."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pledges import model, translation
from pledges.ingest.reading import sniff


@dataclass(frozen=True, slots=True)
class Match:
    """A row's indicator found in the catalog, or the issue saying which name is unknown."""

    ref: model.IndicatorRef | None
    indicator: model.Indicator | None
    code: str | None = None
    field: str | None = None
    message: str | None = None
    expected: str | None = None
    # The message's catalog template and values (docs/translating.md), and for an unknown
    # name which hint it gives ("near", "known" or "none").
    template: str | None = dataclasses.field(default=None, compare=False)
    values: tuple[tuple[str, str], ...] = dataclasses.field(default=(), compare=False)
    hint: str | None = dataclasses.field(default=None, compare=False)


# An unknown name, whole sentences: by field, by hint (the nearest names, the known ones, or
# none at all), and for an indicator whose values the mapping can map ("mapped").
UNKNOWN: dict[tuple[str, str, bool], str] = {
    ("city", "near", False): translation.N_("Unknown city '{given}': did you mean {names}?"),
    ("city", "known", False): translation.N_("Unknown city '{given}': known: {names}."),
    ("city", "none", False): translation.N_("Unknown city '{given}': the catalog has none."),
    ("pledge", "near", False): translation.N_(
        "Unknown pledge '{given}' of {city}: did you mean {names}?"
    ),
    ("pledge", "known", False): translation.N_(
        "Unknown pledge '{given}' of {city}: known: {names}."
    ),
    ("pledge", "none", False): translation.N_(
        "Unknown pledge '{given}' of {city}: the catalog has none."
    ),
    ("indicator", "near", False): translation.N_(
        "Unknown indicator '{given}' of pledge '{pledge}': did you mean {names}?"
    ),
    ("indicator", "known", False): translation.N_(
        "Unknown indicator '{given}' of pledge '{pledge}': known: {names}."
    ),
    ("indicator", "none", False): translation.N_(
        "Unknown indicator '{given}' of pledge '{pledge}': the catalog has none."
    ),
    ("indicator", "near", True): translation.N_(
        "Unknown indicator '{given}' of pledge '{pledge}': did you mean {names}? Map '{given}'"
        " to an indicator, or mark it to be skipped."
    ),
    ("indicator", "known", True): translation.N_(
        "Unknown indicator '{given}' of pledge '{pledge}': known: {names}. Map '{given}' to an"
        " indicator, or mark it to be skipped."
    ),
    ("indicator", "none", True): translation.N_(
        "Unknown indicator '{given}' of pledge '{pledge}': the catalog has none. Map '{given}' to"
        " an indicator, or mark it to be skipped."
    ),
}
SAME_AS = translation.N_(
    "Indicator '{given}' of pledge '{pledge}' is the same quantity as '{same_as}': import its"
    " values there, where they are stored once."
)


class Index(Mapping[model.IndicatorRef, model.Indicator]):
    """A catalog with lookup tables, compared the way headers are (case and spacing ignored).

    It is the catalog mapping itself, so a file read in many chunks builds the tables once
    (`indexed`) and hands the same Index to each chunk's read.
    """

    def __init__(self, catalog: Mapping[model.IndicatorRef, model.Indicator]) -> None:
        self._cities: dict[str, str] = {}
        self._pledges: dict[tuple[str, str], str] = {}
        self._indicators: dict[tuple[str, str, str], model.IndicatorRef] = {}
        self._names: dict[tuple[str, str], list[str]] = {}
        self._catalog = catalog
        for ref, indicator in catalog.items():
            self._cities.setdefault(sniff.normalise(ref.city), ref.city)
            self._pledges.setdefault((ref.city, sniff.normalise(ref.pledge)), ref.pledge)
            for name in (ref.indicator, indicator.name):
                self._indicators.setdefault((ref.city, ref.pledge, sniff.normalise(name)), ref)
            self._names.setdefault((ref.city, ref.pledge), []).append(ref.indicator)
        self._cache: dict[tuple[str, str, str], Match] = {}

    def __getitem__(self, ref: model.IndicatorRef) -> model.Indicator:
        return self._catalog[ref]

    def __iter__(self) -> Iterator[model.IndicatorRef]:
        return iter(self._catalog)

    def __len__(self) -> int:
        return len(self._catalog)

    def find(self, city: str, pledge: str, indicator: str) -> Match:
        """The indicator a row names, or the first of its names the catalog does not know."""
        key = (city, pledge, indicator)
        found = self._cache.get(key)
        if found is None:
            found = self._find(city, pledge, indicator)
            self._cache[key] = found
        return found

    def _find(self, city: str, pledge: str, indicator: str) -> Match:
        """Uncached `find`."""
        known_city = self._cities.get(sniff.normalise(city))
        if known_city is None:
            return _unknown("city", city, list(self._cities.values()))
        known_pledge = self._pledges.get((known_city, sniff.normalise(pledge)))
        if known_pledge is None:
            pledges = [name for (owner, _), name in self._pledges.items() if owner == known_city]
            return _unknown("pledge", pledge, pledges, city=known_city)
        ref = self._indicators.get((known_city, known_pledge, sniff.normalise(indicator)))
        if ref is None:
            names = self._names.get((known_city, known_pledge), [])
            return _unknown("indicator", indicator, names, pledge=known_pledge)
        same_as = self._catalog[ref].same_as
        if same_as is not None:
            # One quantity, one series: its values are stored once, under the other indicator.
            values = (("given", indicator), ("pledge", known_pledge), ("same_as", same_as))
            message = SAME_AS.format(**dict(values))
            return Match(
                None, None, "indicator-same-as", "indicator", message, same_as, SAME_AS, values
            )
        return Match(ref, self._catalog[ref])


def indexed(catalog: Mapping[model.IndicatorRef, model.Indicator]) -> Index:
    """The catalog's Index: itself when it is one already, else built now."""
    return catalog if isinstance(catalog, Index) else Index(catalog)


def _unknown(field: str, given: str, known: list[str], **where: str) -> Match:
    """A Match naming the unknown value and the nearest known ones (`where`: the city of an
    unknown pledge, the pledge of an unknown indicator)."""
    nearest = difflib.get_close_matches(given, known, n=3, cutoff=0.5)
    if not nearest:
        lowered = {name.casefold(): name for name in known}
        nearest = [
            lowered[name]
            for name in difflib.get_close_matches(given.casefold(), list(lowered), 3, 0.4)
        ]
    hint = "near" if nearest else "known" if known else "none"
    names = nearest if nearest else sorted(known)[:8]
    values = (("given", given), ("names", ", ".join(f"'{name}'" for name in names)), *where.items())
    template = UNKNOWN[(field, hint, False)]
    message = template.format(**dict(values))
    expected = ", ".join(sorted(known)[:20])
    return Match(None, None, f"unknown-{field}", field, message, expected, template, values, hint)
