"""The reader's pages as a link shares them: the Data page's filters live in the URL (that a
choice writes the URL is the browser's part: tests/browser/test_onepager_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import sample_city

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "pledges" / "web" / "pages" / "data.py"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    return sample_city.build(tmp_path_factory.mktemp("onepager-pages"))


def open_data(database: str, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    monkeypatch.setenv("PLEDGES_DATABASE_URL", database)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["city"] = "Testville"
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(str(DATA))
    return at.run()


def test_choosing_an_indicator_filters_the_table(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_data(database, monkeypatch)
    assert not at.exception
    chooser = at.multiselect(key="data-indicators")
    name = chooser.options[0]
    chooser.select(name).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["indicator"]) == {name}


def test_a_shared_link_opens_the_data_page_filtered(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_data(database, monkeypatch)
    name = first.multiselect(key="data-indicators").options[0]
    at = open_data(database, monkeypatch, **{"data-indicators": name})
    assert not at.exception
    assert at.multiselect(key="data-indicators").value == [name]
    assert set(at.dataframe[0].value["indicator"]) == {name}
