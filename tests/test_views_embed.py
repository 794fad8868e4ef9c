"""The app's embed snippet: the published site's iframe at PLEDGES_SITE_URL, escaped."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from pledges import settings, site, store
from pledges.views.site import embed
from tests import site_seed


@pytest.mark.parametrize("site_url", [None, "", "   "], ids=["unset", "empty", "blank"])
def test_no_snippet_without_a_site_address(site_url: str | None) -> None:
    assert (
        embed.for_indicator(site_url, "Los Angeles", "five-zeroes", "renewable-share", "x") is None
    )


def test_snippet_points_at_the_published_embed() -> None:
    found = embed.for_indicator(
        "https://climate.example.gov/", "Los Angeles", "five-zeroes", "renewable-share", "Share"
    )
    assert found is not None
    src = "https://climate.example.gov/embed/los-angeles/five-zeroes/renewable-share.html"
    assert found.embed_url == src
    assert (
        found.page_url == "https://climate.example.gov/los-angeles/five-zeroes/renewable-share.html"
    )
    assert found.snippet == (
        f'<iframe src="{src}" title="Share (Los Angeles)" width="100%" height="620" '
        'style="border:0;display:block;width:100%;max-width:100%" loading="lazy"></iframe>'
    )


def test_a_hostile_name_cannot_leave_the_title() -> None:
    found = embed.for_indicator("https://s.example", "A&B", "p", "i", '"><script>x</script>')
    assert found is not None
    assert 'title="&quot;&gt;&lt;script&gt;x&lt;/script&gt; (A&amp;B)"' in found.snippet
    assert "<script>" not in found.snippet
    assert found.embed_url == "https://s.example/embed/a-b/p/i.html"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, None), ({"PLEDGES_SITE_URL": "https://x.example/site/ "}, "https://x.example/site")],
    ids=["default", "trailing-slash"],
)
def test_site_url_setting(environ: dict[str, str], expected: str | None) -> None:
    assert settings.load(environ).site_url == expected


def test_the_app_snippet_is_the_published_pages_snippet(tmp_path: Path) -> None:
    """Same address and markup as the site prints, hostile indicator name included."""
    db = store.Store.open(site_seed.seed(tmp_path))
    base = "https://example.org/pledges"
    built = site.build(db, dt.date.fromisoformat(site_seed.AS_OF), ["Hostileton"], base)
    page = "hostileton/plan/hostile.html"
    shown = re.search(
        r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', built.files[page].decode()
    )
    assert shown is not None
    found = embed.for_indicator(base, "Hostileton", "plan", "hostile", site_seed.HOSTILE_NAME)
    assert found is not None
    assert html.unescape(shown.group(1)) == found.snippet
    assert found.embed_url.removeprefix(base + "/") in built.files
    db.engine.dispose()
