"""The site's front door: cities grouped by region and country, and the search index.

Pure: city views in, groups and plain records out. The search index is small (a few letters
per city) so the box answers as a reader types, in any script the names are written in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import anyascii

from pledges.views.site import site_pages


@dataclass(frozen=True, slots=True)
class Country:
    """A country's cities on the index, by name."""

    name: str
    cities: tuple[site_pages.CityView, ...]


@dataclass(frozen=True, slots=True)
class Region:
    """A region's countries on the index, with how many cities it has."""

    name: str
    anchor: str
    countries: tuple[Country, ...]

    @property
    def count(self) -> int:
        """Cities in the region."""
        return sum(len(c.cities) for c in self.countries)


def folded(text: str) -> str:
    """Text as the search compares it: accents dropped, lower case, other scripts kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def regions(
    cities: Sequence[site_pages.CityView], unstated: str = site_pages.NO_REGION
) -> list[Region]:
    """Regions by name (the unstated one, as the page's language says it, last), each country
    by name, each city by name."""
    grouped: dict[str, dict[str, list[site_pages.CityView]]] = {}
    for city in cities:
        grouped.setdefault(city.region, {}).setdefault(city.country, []).append(city)
    order = sorted(grouped, key=lambda r: (r == unstated, folded(r)))
    return [
        Region(
            region,
            "region-" + site_pages.slug(region),
            tuple(
                Country(country, tuple(sorted(found, key=lambda c: folded(c.name))))
                for country, found in sorted(grouped[region].items(), key=lambda c: folded(c[0]))
            ),
        )
        for region in order
    ]


def search_index(cities: Sequence[site_pages.CityView]) -> dict[str, object]:
    """The search box's data: per city its name, a folded and a transliterated form, country,
    region and address, as parallel short lists (the smallest JSON for 800+ cities)."""
    rows = sorted(cities, key=lambda c: folded(c.name))
    return {
        "fields": ["name", "match", "country", "region", "path"],
        "cities": [
            [
                c.name,
                " ".join(dict.fromkeys([folded(c.name), folded(anyascii.anyascii(c.name))])),
                c.country,
                c.region,
                c.slug + "/",
            ]
            for c in rows
        ],
    }
