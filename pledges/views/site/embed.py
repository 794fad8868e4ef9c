"""The app's embed of an indicator: the published site's `<iframe>`, at the site's address.

Pure: names and the site's address in, the snippet a reader copies out. The address and the
markup are the site's own (`site_pages.embed_snippet` calls `snippet`), so the snippet in the
app and on the published page are the same text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from pledges.views.site import addresses

HEIGHT = 620
"""The iframe's height in CSS pixels: the embed page's chart, sentence and source at 390 px."""
STYLE = "border:0;display:block;width:100%;max-width:100%"
"""Never wider than the column it is pasted in; the embed page fits its chart to the height."""


@dataclass(frozen=True, slots=True)
class Embed:
    """What the app shows under an indicator for embedding its published chart elsewhere."""

    snippet: str
    embed_url: str
    page_url: str


def embed_path(path: tuple[str, str, str]) -> str:
    """Where an indicator's chrome-free embed lives below the site's root."""
    return "embed/" + "/".join(path) + ".html"


def path(
    city: str, pledge_key: str, indicator_key: str, cities: Iterable[str] = ()
) -> tuple[str, str, str]:
    """The indicator's address segments on the published site (city, pledge, indicator);
    `cities`, the other cities published, decides a city's suffix when two names meet."""
    return (
        addresses.address(city, cities),
        addresses.address(pledge_key),
        addresses.address(indicator_key),
    )


def snippet(src: str, name: str, city: str, height: int = HEIGHT) -> str:
    """The copy-paste `<iframe>`; the title is escaped so a quote in a name cannot end it."""
    title = html.escape(f"{name} ({city})", quote=False).replace('"', "&quot;")
    return (
        f'<iframe src="{src}" title="{title}" width="100%" height="{height}" '
        f'style="{STYLE}" loading="lazy"></iframe>'
    )


def for_indicator(
    site_url: str | None,
    city: str,
    pledge_key: str,
    indicator_key: str,
    name: str,
    cities: Iterable[str] = (),
) -> Embed | None:
    """The embed of one indicator on the site published at `site_url`; None when no site
    address is configured (a relative address would point into the app, not the site)."""
    if not site_url or not site_url.strip():
        return None
    base = site_url.strip().rstrip("/") + "/"
    segments = path(city, pledge_key, indicator_key, cities)
    src = base + embed_path(segments)
    return Embed(snippet(src, name, city), src, base + "/".join(segments) + ".html")
