"""Whole-file diagnoses: when most rows fail the same way, one line says why, before the rows."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import pycountry

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
            report.Issue(
                "wrong-encoding",
                f"This file looks like UTF-8 text saved as Windows-1252: {len(garbled)} of "
                f"{len(names)} names in '{column}' read as mis-encoded ('{name}' is "
                f"'{fixed}'). Save the file again as UTF-8 (or export it again) and upload that.",
                None,
                column,
                name,
                "text saved as UTF-8",
            )
        )
    countries = [name for name in names if is_country_or_region(name)]
    if len(countries) >= _COUNTRIES * len(names):
        examples = ", ".join(f"'{name}'" for name in countries[:3])
        found.append(
            report.Issue(
                "rows-are-countries",
                f"These rows name countries, not cities: {len(countries)} of {len(names)} "
                f"distinct names in '{column}' are countries or world regions ({examples}, …). "
                "A city tracker has nowhere to put them: filter the file to your city's rows, "
                "or map the column's values to cities in the mapping form.",
                None,
                column,
                countries[0],
                "city names",
            )
        )
    elif len(unknown) == rows and not garbled:
        examples = ", ".join(f"'{name}'" for name in names[:3])
        found.append(
            report.Issue(
                "no-known-city",
                f"No row names a city the catalog holds: {len(names)} distinct "
                f"name{'s' * (len(names) != 1)} in "
                f"'{column}' ({examples}{', …' if len(names) > 3 else ''}), none of them known. "
                "Define a pledge for your city first, or map the column's values to cities.",
                None,
                column,
                names[0],
                "a city of the catalog",
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
