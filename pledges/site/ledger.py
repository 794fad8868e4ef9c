"""The public ledger: a page and a JSON document per pledge listing every target change.

Kept apart from `build` so the site's other pages can change without touching it; `build`
calls `add` once with its renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from pledges import service, translation
from pledges.views.site import ledger_api, site_pages

Page = Callable[..., None]


def add_city(
    city: site_pages.CityView,
    entries: Sequence[service.LedgerEntry],
    as_of: dt.date,
    page: Page,
    files: dict[str, bytes],
    dump: Callable[[dict], bytes],
    t: translation.Translator = translation.ENGLISH,
) -> None:
    """Each of a city's pledges' ledger page and document (a city's own files, kept with them
    when the city is unchanged); the page in `t`'s language, the document once, in English."""
    for pledge in city.pledges:
        mine = [e for e in entries if e.pledge == pledge.key]
        slug = pledge.path[0]
        page(
            ledger_api.page_path(slug, pledge.key),
            "target_changes.html",
            t.gettext("Target changes: {pledge} ({city})", pledge=pledge.name, city=city.name),
            t.gettext(
                "Every change of a target of {pledge}: when, old and new, which way, why.",
                pledge=pledge.name,
            ),
            city=city,
            pledge=pledge,
            changes=ledger_api.rows(mine, t),
            counts=_counts(mine, t),
            json_path=f"api/v1/{ledger_api.document_path(slug, pledge.key)}",
        )
        document = f"api/v1/{ledger_api.document_path(slug, pledge.key)}"
        if document not in files:  # one document whatever the languages of the pages
            files[document] = dump(ledger_api.document(city.name, slug, pledge.pledge, mine, as_of))


def add_schema(files: dict[str, bytes], dump: Callable[[dict], bytes]) -> None:
    """The ledger documents' schema (one file for the whole site)."""
    files[f"api/v1/schema/{ledger_api.SCHEMA_NAME}.json"] = dump(ledger_api.SCHEMA)


def _counts(
    entries: Sequence[service.LedgerEntry], t: translation.Translator = translation.ENGLISH
) -> str:
    """ "3 changes: 2 strengthened, 1 moved earlier" (or that none is recorded)."""
    if not entries:
        return t.gettext("No change of a target of this pledge is recorded.")
    tally: dict[str, int] = {}
    for e in entries:
        tally[e.change] = tally.get(e.change, 0) + 1
    words = ", ".join(
        t.gettext("{count} {change}", count=n, change=t.gettext(word)) for word, n in tally.items()
    )
    return t.ngettext(
        "{count} change: {words}.", "{count} changes: {words}.", len(entries), words=words
    )
