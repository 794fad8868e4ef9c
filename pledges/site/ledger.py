"""The public ledger: a page and a JSON document per pledge listing every target change.

Kept apart from `build` so the site's other pages can change without touching it; `build`
calls `add` once with its renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from pledges import service
from pledges.views.site import ledger_api, site_pages

Page = Callable[..., None]


def add_city(
    city: site_pages.CityView,
    entries: Sequence[service.LedgerEntry],
    as_of: dt.date,
    page: Page,
    files: dict[str, bytes],
    dump: Callable[[dict], bytes],
) -> None:
    """Each of a city's pledges' ledger page and document (a city's own files, kept with them
    when the city is unchanged)."""
    for pledge in city.pledges:
        mine = [e for e in entries if e.pledge == pledge.key]
        slug = pledge.path[0]
        page(
            ledger_api.page_path(slug, pledge.key),
            "target_changes.html",
            f"Target changes: {pledge.name} ({city.name})",
            f"Every change of a target of {pledge.name}: when, old and new, which way, why.",
            city=city,
            pledge=pledge,
            changes=ledger_api.rows(mine),
            counts=_counts(mine),
            json_path=f"api/v1/{ledger_api.document_path(slug, pledge.key)}",
        )
        files[f"api/v1/{ledger_api.document_path(slug, pledge.key)}"] = dump(
            ledger_api.document(city.name, slug, pledge.pledge, mine, as_of)
        )


def add_schema(files: dict[str, bytes], dump: Callable[[dict], bytes]) -> None:
    """The ledger documents' schema (one file for the whole site)."""
    files[f"api/v1/schema/{ledger_api.SCHEMA_NAME}.json"] = dump(ledger_api.SCHEMA)


def _counts(entries: Sequence[service.LedgerEntry]) -> str:
    """ "3 changes: 2 strengthened, 1 moved earlier" (or that none is recorded)."""
    if not entries:
        return "No change of a target of this pledge is recorded."
    tally: dict[str, int] = {}
    for e in entries:
        tally[e.change] = tally.get(e.change, 0) + 1
    words = ", ".join(f"{n} {word}" for word, n in tally.items())
    return f"{len(entries)} change{'s' * (len(entries) != 1)}: {words}."
