"""Pages over a database holding CDP panel cities beside the synthetic ones."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pledges import model, service, store
from tests import sample_city, test_pages
from tests import test_sources_cdp as files


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The pages' synthetic database plus two panel cities (Eta, the prefecture)."""
    url = sample_city.build(tmp_path_factory.mktemp("pages-cdp"))
    db = store.Store.open(url)
    panel = [("2020.csv", files.FILE_2020), ("targets.csv", files.FILE_TARGETS)]
    service.import_panel(db, model.Actor("tester", "editor"), panel)
    db.engine.dispose()
    return url


@pytest.fixture
def app(database: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("PLEDGES_DATABASE_URL", database)
    return AppTest.from_file(str(test_pages.APP), default_timeout=30)


def _side(at: AppTest) -> list[str]:
    frames = [df.value for df in at.dataframe]
    return list(next(f for f in frames if "active pledges" in f.columns)["city"])


def test_compare_leaves_panel_cities_out_unless_chosen(app: AppTest) -> None:
    at = test_pages.open_page(app, "compare.py", city="Testville")
    assert not at.exception
    assert _side(at) == ["Testville", "Otherton", "Quietville"]
    assert "3 cities of the CDP–ICLEI panel (self-reported to CDP) are left out" in (
        test_pages.texts(at)
    )


def test_compare_of_a_panel_city(app: AppTest) -> None:
    at = test_pages.open_page(app, "compare.py", city="Eta")
    assert not at.exception
    assert _side(at)[0] == "Eta"


def test_overview_of_a_panel_city(app: AppTest) -> None:
    at = test_pages.open_page(app, "overview.py", city="Eta")
    assert not at.exception
    assert "City-wide emissions reported to CDP" in test_pages.texts(at)


def test_indicator_page_shows_the_citys_claim_beside_the_verdict(app: AppTest) -> None:
    at = test_pages.open_page(
        app, "indicator.py", city="Alpha", pledge="cdp", indicator="community-emissions"
    )
    assert not at.exception
    frames = [df.value for df in at.dataframe]
    verdicts = next(f for f in frames if "verdict" in f.columns)
    details = dict(zip(verdicts["year"], verdicts["detail"], strict=True))
    assert "the city's own claim: 20 % achieved (self-reported to CDP)" in details[2030]
    assert "claim" not in details[2050]


def test_compare_shows_the_panel_with_citation_filters_and_table(app: AppTest) -> None:
    at = test_pages.open_page(app, "compare.py", city="Testville")
    assert not at.exception
    text = test_pages.texts(at)
    assert "Many cities: the CDP–ICLEI panel" in text
    assert "collected in partnership by CDP and ICLEI" in text
    assert sorted(m.label for m in at.multiselect) == [
        "Country",
        "Evidence grade",
        "Population",
        "Region",
        "Status",
    ]
    frames = [df.value for df in at.dataframe]
    table = next(f for f in frames if "pace ratio" in f.columns)
    assert sorted(table["city"]) == ["Alpha", "Eta", "Tokyo-ish Prefecture"]
    assert "grade" in table.columns
    assert "grade" in next(f for f in frames if "active pledges" in f.columns).columns
    at.text_input[0].input("eta").run()
    frames = [df.value for df in at.dataframe]
    assert list(next(f for f in frames if "pace ratio" in f.columns)["city"]) == ["Eta"]
