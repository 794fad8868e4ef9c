"""The indicator page's embed box: the snippet with PLEDGES_SITE_URL, a hint without it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests import sample_city, test_pages


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    return sample_city.build(tmp_path_factory.mktemp("pages-embed"))


def _open(database: str, monkeypatch: pytest.MonkeyPatch, site_url: str | None) -> AppTest:
    monkeypatch.setenv("PLEDGES_DATABASE_URL", database)
    if site_url is None:
        monkeypatch.delenv("PLEDGES_SITE_URL", raising=False)
    else:
        monkeypatch.setenv("PLEDGES_SITE_URL", site_url)
    at = AppTest.from_file(str(test_pages.APP), default_timeout=30)
    return test_pages.open_page(
        at, "indicator.py", city="Testville", pledge="green-deal", indicator="renewable-share"
    )


def test_indicator_page_offers_the_published_embed(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(database, monkeypatch, "https://climate.example.gov")
    assert not at.exception
    assert [e.label for e in at.expander if e.label.startswith("Embed")]
    (code,) = [c.value for c in at.code]
    src = "https://climate.example.gov/embed/testville/green-deal/renewable-share.html"
    assert code.startswith(f'<iframe src="{src}" title="')


def test_indicator_page_says_how_to_get_a_snippet(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(database, monkeypatch, None)
    assert not at.exception
    assert not at.code
    assert any("PLEDGES_SITE_URL" in e.value for e in at.info)
