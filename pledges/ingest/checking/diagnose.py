"""Whole-file diagnoses: when most rows fail the same way, one line says why, before the rows."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import pycountry

from pledges import translation
from pledges.ingest import report

# Most rows must fail the same way, and at least ten, before one line speaks for the file.
_MOST = 0.5
_MIN_ROWS = 10
# Share of the distinct unknown names that must be countries or regions to say "countries".
_COUNTRIES = 0.6
# Aggregates the statistics offices publish beside countries (World Bank, OWID, UN).
_REGION = re.compile(
    r"\b(world|income|africa|asia|europe|european|america|caribbean|pacific|oecd|ida|ibrd|"
    r"middle east|small states|fragile|dividend|countries|euro area|ussr|arab)\b",
    re.IGNORECASE,
)

NO_KNOWN_CITY = translation.NP_(
    "No row names a city the catalog holds: {count} distinct name in '{column}' ({examples}{etc}),"
    " none of them known. Define a pledge for your city first, or map the column's values to"
    " cities.",
    "No row names a city the catalog holds: {count} distinct names in '{column}'"
    " ({examples}{etc}), none of them known. Define a pledge for your city first, or map the"
    " column's values to cities.",
)


def whole_file(issues: Sequence[report.Issue], rows: int) -> list[report.Issue]:
    """The diagnoses of a file whose rows mostly fail alike: names that are countries, names
    mis-encoded (UTF-8 saved as Windows-1252). Empty when no single cause speaks for it."""
    unknown = [issue for issue in issues if issue.code == "unknown-city" and issue.value]
    if len(unknown) < max(_MIN_ROWS, _MOST * rows):
        return []
    names = list(dict.fromkeys(str(issue.value) for issue in unknown))
    column = unknown[0].column or "city"
    found = []
    garbled = {name: fixed for name in names if (fixed := repaired(name)) is not None}
    if garbled:
        name, fixed = next(iter(garbled.items()))
        found.append(
            report.said(
                "wrong-encoding",
                translation.N_(
                    "This file looks like UTF-8 text saved as Windows-1252: {count} of {names}"
                    " names in '{column}' read as mis-encoded ('{name}' is '{fixed}'). Save the"
                    " file again as UTF-8 (or export it again) and upload that."
                ),
                {
                    "count": len(garbled),
                    "names": len(names),
                    "column": column,
                    "name": name,
                    "fixed": fixed,
                },
                None,
                column,
                name,
                report.phrase(translation.N_("text saved as UTF-8")),
            )
        )
    countries = [name for name in names if is_country_or_region(name)]
    if len(countries) >= _COUNTRIES * len(names):
        examples = ", ".join(f"'{name}'" for name in countries[:3])
        found.append(
            report.said(
                "rows-are-countries",
                translation.N_(
                    "These rows name countries, not cities: {count} of {names} distinct names in"
                    " '{column}' are countries or world regions ({examples}, …). A city tracker"
                    " has nowhere to put them: filter the file to your city's rows, or map the"
                    " column's values to cities in the mapping form."
                ),
                {
                    "count": len(countries),
                    "names": len(names),
                    "column": column,
                    "examples": examples,
                },
                None,
                column,
                countries[0],
                report.phrase(translation.N_("city names")),
            )
        )
    elif len(unknown) == rows and not garbled:
        examples = ", ".join(f"'{name}'" for name in names[:3])
        found.append(
            report.said(
                "no-known-city",
                NO_KNOWN_CITY[0],
                {"column": column, "examples": examples, "etc": ", …" if len(names) > 3 else ""},
                None,
                column,
                names[0],
                report.phrase(translation.N_("a city of the catalog")),
                plural=NO_KNOWN_CITY[1],
                count=len(names),
            )
        )
    return found


@functools.cache
def is_country_or_region(name: str) -> bool:
    """True for a country (by any of its ISO names) or a world region or income group."""
    text = name.strip()
    if _REGION.search(text):
        return True
    for candidate in (text, text.split(",")[0].strip()):
        try:
            pycountry.countries.lookup(candidate)
            return True
        except LookupError:
            continue
    return False


def repaired(name: str) -> str | None:
    """The name as it was meant, when it is UTF-8 read as Windows-1252 ('MÃ¼nster'), else None."""
    try:
        fixed = name.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None
    return fixed if fixed != name else None
