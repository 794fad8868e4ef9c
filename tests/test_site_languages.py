"""The public site in the pseudo-locale: every word of the index, city and pledge pages comes
from a catalog or from the city's own definitions; the indicator page lists what is left
(docs/translating.md)."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from babel import dates as babel_dates

from pledges import site, store, translation
from tests import site_seed

BRAND = {"Pledge", "Tracker"}
MONTHS = {
    name
    for width in ("abbreviated", "wide")
    for name in babel_dates.get_month_names(width, locale="en").values()
}
# Still English on an indicator page: the chart (its legend, hover text and summary, made in
# views.charts), the tables' captions and columns (views.site_pages, views.summaries) and the
# embed snippet's markup. The list may only shrink.
INDICATOR_PAGE_LEFT = {
    "Every",
    "Milestones",
    "Stored",
    "Targets",
    "The",
    "about",
    "acceleration",
    "actual",
    "annual",
    "band",
    "border",
    "broken",
    "changes",
    "chart",
    "current",
    "dashed",
    "detail",
    "draws",
    "embed",
    "from",
    "has",
    "height",
    "iframe",
    "into",
    "lazy",
    "line",
    "loading",
    "milestones",
    "needed",
    "needs",
    "number",
    "pace",
    "parts",
    "period",
    "points",
    "projected",
    "projection",
    "quarters",
    "reach",
    "required",
    "shows",
    "style",
    "the",
    "this",
    "three",
    "through",
    "times",
    "title",
    "track",
    "trend",
    "values",
    "verdict",
    "what",
    "where",
    "width",
    "would",
}


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], set[str]]:
    url = site_seed.seed(tmp_path_factory.mktemp("site-db"))
    db = store.Store.open(url)
    built = site.build(db, dt.date.fromisoformat(site_seed.AS_OF), None, None, [translation.PSEUDO])
    # The city's own words: its definitions, its values' methods and sources, and the slugs
    # in the embed snippet's address.
    stored = db.observations()
    own = set(re.findall(r"[A-Za-z]+", repr(db.pledges())))
    own |= set(re.findall(r"[A-Za-z]+", " ".join(map(str, stored["method"].dropna()))))
    own |= set(re.findall(r"[A-Za-z]+", " ".join(map(str, stored["source"].dropna()))))
    own |= {word.lower() for word in own}
    return built.files, own


def english_words(page: bytes) -> set[str]:
    """Unaccented words with a vowel in the page's text (scripts and markup left out)."""
    text = re.sub(r"<script.*?</script>", " ", page.decode("utf-8"), flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return {w for w in re.findall(r"[A-Za-z]{3,}", text) if re.search("[aeiouyAEIOUY]", w)}


@pytest.mark.parametrize(
    "path", ["index.html", "testville/index.html", "testville/green-deal/index.html"]
)
def test_site_page_has_no_english_outside_catalog_and_data(
    pseudo_site: tuple[dict[str, bytes], set[str]], path: str
) -> None:
    files, own = pseudo_site
    page = files[f"{translation.PSEUDO}/{path}"]
    assert "⟦" in page.decode("utf-8")
    assert english_words(page) - own - BRAND - MONTHS == set()


def test_indicator_page_lists_what_is_left(pseudo_site: tuple[dict[str, bytes], set[str]]) -> None:
    files, own = pseudo_site
    page = files[f"{translation.PSEUDO}/testville/green-deal/renewable-share.html"]
    left = english_words(page) - own - BRAND - MONTHS
    assert left - INDICATOR_PAGE_LEFT == set(), "English not from a catalog"
    assert INDICATOR_PAGE_LEFT - left == set(), "now translated: shorten the list"


def test_pseudo_pages_sit_beside_the_english_only_when_asked(
    pseudo_site: tuple[dict[str, bytes], set[str]],
) -> None:
    files, _ = pseudo_site
    assert not any(p.startswith("es/") for p in files)  # only the languages named
    assert "api/v1/cities.json" in files  # the API is written whatever the languages
    assert Path(f"{translation.PSEUDO}/index.html").as_posix() in files
