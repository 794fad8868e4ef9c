"""A city's Atom feed: what each data batch changed, as small frozen entries (pure).

Entries are made from the service's change records: new and revised values, and status
changes with the sentence that explains the new status. Another kind of change (a target
changed in the ledger, say) needs only a function turning its records into `Entry` values,
added to the lists `entries` merges. Ids are UUIDs derived from what changed, so an entry
keeps its id whenever the site is published.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pledges import service, translation
from pledges.service import vocabulary
from pledges.views import formatting
from pledges.views.site import ledger_api, site_pages

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/pledge-tracker/feed")


@dataclass(frozen=True, slots=True)
class Entry:
    """One change in a city's feed; `link` is relative to the root of the feed's language."""

    id: str
    title: str
    updated: dt.datetime
    summary: str
    link: str


def entry_id(*parts: object) -> str:
    """A stable id for an entry: a name-based UUID of what it records."""
    return "urn:uuid:" + str(uuid.uuid5(_NAMESPACE, "\x1f".join(map(str, parts))))


def _pages(city: site_pages.CityView) -> dict[tuple[str, str], site_pages.IndicatorView]:
    """The city's indicator views by (pledge key, indicator key)."""
    return {(p.key, v.item.indicator.key): v for p in city.pledges for v in p.indicators}


def _what(c: service.ValueChange, t: translation.Translator) -> str:
    """ "2 new values, 1 revised value": what a batch did to one indicator's values."""
    said = (
        t.ngettext("{count} new value", "{count} new values", c.added) if c.added else None,
        t.ngettext("{count} revised value", "{count} revised values", c.revised)
        if c.revised
        else None,
        t.ngettext("{count} value removed", "{count} values removed", c.removed)
        if c.removed
        else None,
    )
    return ", ".join(text for text in said if text)


def value_entries(city: site_pages.CityView, changes: Iterable[service.ValueChange]) -> list[Entry]:
    """One entry per batch and indicator: how many values were added, revised or removed (in
    the city view's language)."""
    pages = _pages(city)
    t = _language(city)
    out = []
    for c in changes:
        view = pages.get((c.pledge, c.indicator))
        name = view.name if view else c.indicator
        what = _what(c, t)
        years = ", ".join(p[:4] for p in c.periods)
        out.append(
            Entry(
                entry_id("values", c.batch_id, c.city, c.pledge, c.indicator),
                t.gettext("{indicator}: {what}", indicator=name, what=what),
                c.committed_at,
                t.gettext(
                    "{what} for {years}, from {file}.", what=what, years=years, file=c.file_name
                ),
                _link(city, view),
            )
        )
    return out


def _language(city: site_pages.CityView) -> translation.Translator:
    """The language the city's view was made in (its indicators carry it)."""
    for view in (v for p in city.pledges for v in p.indicators):
        return view.t
    return translation.ENGLISH


def status_entries(
    city: site_pages.CityView, changes: Iterable[service.StatusChange]
) -> list[Entry]:
    """One entry per status a batch changed, with the sentence behind the new status."""
    pages = _pages(city)
    t = _language(city)
    out = []
    for c in changes:
        view = pages.get((c.pledge, c.indicator))
        before = formatting.status_word(c.before, t) if c.before else t.gettext("not assessed")
        sentence = c.sentence
        if t.lang != translation.DEFAULT and c.assessment is not None:
            sentence = vocabulary.compose_sentence(c.assessment, t)
        out.append(
            Entry(
                entry_id("status", c.batch_id, c.city, c.pledge, c.indicator),
                f"{t.name(c.indicator_name)}: {before} → {formatting.status_word(c.after, t)}",
                c.committed_at,
                sentence,
                _link(city, view),
            )
        )
    return out


def _link(city: site_pages.CityView, view: site_pages.IndicatorView | None) -> str:
    """The indicator's page, or the city's when the indicator is no longer published."""
    return "/".join(view.path) + ".html" if view else f"{city.slug}/index.html"


def entries(*groups: Sequence[Entry]) -> list[Entry]:
    """Every entry, newest first (ties by title, then id: the same order every publish)."""
    merged = [e for group in groups for e in group]
    return sorted(merged, key=lambda e: (-e.updated.timestamp(), e.title, e.id))


def updated(found: Sequence[Entry], as_of: dt.date) -> dt.datetime:
    """The feed's own date: its newest entry's, else the end of the as-of day."""
    if found:
        return max(e.updated for e in found)
    return dt.datetime.combine(as_of, dt.time(23, 59, 59))


def target_entries(
    city: site_pages.CityView, changes: Sequence[service.LedgerEntry]
) -> list[Entry]:
    """The city's approved target changes (its public ledger), one entry each."""
    names = {p.key: p.name for p in city.pledges}
    t = _language(city)
    return [
        Entry(
            item.id,
            item.title,
            dt.datetime.fromisoformat(item.updated.removesuffix("Z")),
            item.summary,
            item.link,
        )
        for item in ledger_api.feed_items(changes, city.slug, names, t)
    ]


def city_entries(
    city: site_pages.CityView,
    values: Mapping[str, Sequence[service.ValueChange]],
    statuses: Mapping[str, Sequence[service.StatusChange]],
    targets: Sequence[service.LedgerEntry] = (),
) -> list[Entry]:
    """A city's entries from the changes filed under its name, and its target changes."""
    return entries(
        value_entries(city, values.get(city.name, ())),
        status_entries(city, statuses.get(city.name, ())),
        target_entries(city, targets),
    )
