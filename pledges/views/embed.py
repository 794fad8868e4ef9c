"""The app's embed of an indicator: the published site's `<iframe>`, at the site's address.

Pure: names and the site's address in, the snippet a reader copies out. The address and the
markup are the site's own (`site_pages.embed_path`, `site_pages.iframe`), so the snippet in
the app and on the published page are the same text.
"""

from __future__ import annotations

from dataclasses import dataclass

from pledges.views import site_pages

HEIGHT = site_pages.EMBED_HEIGHT


@dataclass(frozen=True, slots=True)
class Embed:
    """What the app shows under an indicator for embedding its published chart elsewhere."""

    snippet: str
    embed_url: str
    page_url: str


def path(city: str, pledge_key: str, indicator_key: str) -> tuple[str, str, str]:
    """The indicator's address segments on the published site (city, pledge, indicator)."""
    return (site_pages.slug(city), site_pages.slug(pledge_key), site_pages.slug(indicator_key))


snippet = site_pages.iframe


def for_indicator(
    site_url: str | None, city: str, pledge_key: str, indicator_key: str, name: str
) -> Embed | None:
    """The embed of one indicator on the site published at `site_url`; None when no site
    address is configured (a relative address would point into the app, not the site)."""
    if not site_url or not site_url.strip():
        return None
    base = site_url.strip().rstrip("/") + "/"
    segments = path(city, pledge_key, indicator_key)
    src = base + site_pages.embed_path(segments)
    return Embed(snippet(src, name, city), src, base + "/".join(segments) + ".html")
