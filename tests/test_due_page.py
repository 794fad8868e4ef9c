"""The Data due page and the indicator page's due line, in AppTest, on a stewarded database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pledges import catalog, ingest, service, settings, store
from pledges.auth import passwords
from pledges.briefing import content, html
from tests.conftest import ticking_clock
from tests.test_pages import texts
from tests.test_stewardship_remind import STEWARDED

APP = settings.PROJECT_ROOT / "app.py"
PAGES = settings.PROJECT_ROOT / "pledges" / "web" / "pages"
# a value for 2099: fresh on any day the test runs; emissions never reported on any day
SEED = (
    "city,pledge,indicator,period,value,unit,source\n"
    "Testville,green-deal,renewable-share,2099,41,%,synthetic (a period in the future)\n"
)


def _build(folder: Path) -> str:
    """A database with the stewarded pledge and a value for 2099."""
    (folder / "defs").mkdir()
    (folder / "defs" / "testville--green-deal.yaml").write_text(STEWARDED, encoding="utf-8")
    url = f"sqlite:///{folder / 'due.db'}"
    db = store.Store.open(url)
    db.migrate()
    db.sync_catalog(catalog.load_pledges(folder / "defs"))
    # the importer refuses periods after its today (issue 19): this one is judged as of 2100
    later = ingest.Options(today=dt.date(2100, 1, 1))
    assert service.import_file(db, service.SEED_USER, SEED.encode(), "seed.csv", later).ok
    db.engine.dispose()
    return url


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _build(tmp_path_factory.mktemp("due"))


@pytest.fixture
def app(database: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("PLEDGES_DATABASE_URL", database)
    return AppTest.from_file(str(APP), default_timeout=30)


def _open(at: AppTest, page: str, **params: str) -> AppTest:
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(str(PAGES / page))
    return at.run()


def test_data_due_page_lists_by_state_and_owner_and_filters(app: AppTest) -> None:
    at = _open(app, "due.py", city="Testville")
    assert not at.exception
    assert "Data due: Testville" in texts(at)
    assert "0 late · 1 never reported · 0 due soon · 1 fresh" in texts(at)
    table = at.dataframe[0].value
    assert list(table["State"]) == ["never reported", "fresh"]
    assert list(table["Owner"]) == ["Climate", "Ana Energy (Energy)"]
    assert list(table["E-mail"]) == ["b@example.org", "a@example.org"]
    # the 2099 value: 2100's is due 31 March 2101
    assert str(table["Due"].iloc[1])[:10] == "2101-03-31"

    at.selectbox(key="due_owner").set_value("Climate").run()
    assert list(at.dataframe[0].value["Indicator"]) == ["Emissions"]
    at.selectbox(key="due_owner").set_value("All owners").run()
    at.multiselect(key="due_states").set_value(["fresh"]).run()
    assert list(at.dataframe[0].value["Indicator"]) == ["Renewable share"]


def test_indicator_page_shows_the_due_state_beside_the_status(app: AppTest) -> None:
    at = _open(app, "indicator.py", city="Testville", indicator="renewable-share")
    assert not at.exception
    page = texts(at)
    assert "data fresh" in page
    assert "the value for 2100 is due by 31 Mar 2101" in page
    assert "owner Ana Energy (Energy)" in page


def test_briefing_data_gaps_name_late_series_with_owner(tmp_path: Path) -> None:
    """The council briefing's data gaps say since when a series is late, and whose it is."""
    folder = tmp_path / "defs"
    folder.mkdir()
    (folder / "testville--green-deal.yaml").write_text(STEWARDED, encoding="utf-8")
    db = store.Store.open(f"sqlite:///{tmp_path / 'b.db'}", now=ticking_clock())  # 2026-01-01
    db.migrate()
    db.sync_catalog(catalog.load_pledges(folder))
    seed = "city,pledge,indicator,period,value,unit,source\n"
    seed += "Testville,green-deal,renewable-share,2024,41,%,synthetic\n"
    assert service.import_file(db, service.SEED_USER, seed.encode(), "seed.csv").ok
    # 2025's renewable share was due 2026-03-31; on 1 May 2026 it is late; emissions, never
    # reported, are not "late" (they are listed under "no values at all")
    gathered = content.gather(db, "Testville", as_of=dt.date(2026, 5, 1))
    assert gathered.late == ("late since 31 Mar 2026: Ana Energy (Energy), Renewable share",)
    assert "<li>late since 31 Mar 2026: Ana Energy (Energy), Renewable share</li>" in html.render(
        gathered
    )


def test_an_editor_changes_an_owner_on_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _build(tmp_path)
    creds = tmp_path / "credentials.json"
    assert passwords.add_user("alice", "correct horse battery", path=creds) is None
    monkeypatch.setenv("PLEDGES_DATABASE_URL", url)
    monkeypatch.setenv("PLEDGES_CREDENTIALS", str(creds))
    monkeypatch.setenv("PLEDGES_AUTH", "password")
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.switch_page(str(PAGES / "signin.py")).run()
    at.text_input(key="sign_in_name").input("alice")
    at.text_input(key="sign_in_password").input("correct horse battery")
    at.button[0].click()
    at.run()
    at = _open(at, "due.py", city="Testville")
    assert not at.exception
    at.selectbox(key="edit_indicator").set_value("Testville Green Deal / Emissions").run()
    key = "green-deal-emissions"
    at.text_input(key=f"owner_email-{key}").input("climate at example.org")
    at.button(key=f"FormSubmitter:stewardship-{key}-Save owner and due date").click()
    at.run()
    assert [str(e.value).replace("\\", "") for e in at.error] == [
        "green-deal/emissions: owner.email: 'climate at example.org' is not an e-mail address "
        "like data-team@example.org"
    ]
    at.text_input(key=f"owner_email-{key}").input("climate@example.org")
    at.button(key=f"FormSubmitter:stewardship-{key}-Save owner and due date").click()
    at.run()
    assert not at.exception
    assert "Saved: 1 field of Emissions changed by alice." in [
        str(e.value).replace("\\", "") for e in at.success
    ]
    table = at.dataframe[0].value
    assert list(table[table["Indicator"] == "Emissions"]["E-mail"]) == ["climate@example.org"]
