"""Roles and hostile text in headless chromium: nothing typed runs, sign-ins never leak."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from pledges import catalog, service, store
from pledges.auth import passwords
from tests.browser import conftest

pytestmark = pytest.mark.browser

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_NOTE = "<script>alert(2)</script> read me"
HOSTILE_ROW_NOTE = "<script>alert(5)</script>"
PASSWORD = "correct horse battery"
DEFINITION = textwrap.dedent(
    """\
    city: {name: Testville, country: XX}
    pledge:
      id: green-deal
      name: "Green <b>Deal</b> [click](javascript:alert(3))"
      adopted: 2019
      source: "<script>alert(3)</script>"
    goals:
      - id: clean-grid
        name: "Clean grid <img src=y onerror=alert(4)>"
        indicators:
          - id: renewable-share
            name: "%s"
            note: "%s"
            unit: "%%"
            direction: higher
            baseline: {year: 2015, value: 20, source: "synthetic"}
            targets:
              - {year: 2030, value: 60, source: "synthetic"}
    """
) % (HOSTILE_NAME, HOSTILE_NOTE)
ROWS = "".join(
    f"Testville,green-deal,renewable-share,{year},{value},%,<img src=z onerror=alert(6)>,"
    f"{HOSTILE_ROW_NOTE}\n"
    for year, value in [(2017, 24), (2018, 27), (2019, 30), (2020, 33)]
)
CSV = ("city,pledge,indicator,period,value,unit,source,note\n" + ROWS).encode()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a database of hostile names and notes, with one editor, alice."""
    root = tmp_path_factory.mktemp("roles")
    folder = root / "pledges"
    folder.mkdir()
    (folder / "testville--green-deal.yaml").write_text(DEFINITION, encoding="utf-8")
    url = f"sqlite:///{root / 'app.db'}"
    db = store.Store.open(url)
    db.migrate()
    db.sync_catalog(catalog.load_pledges(folder))
    outcome = service.import_file(db, service.SEED_USER, CSV, "hostile.csv")
    assert outcome.batch is not None, list(outcome.result.report.lines("hostile.csv"))
    db.engine.dispose()
    creds = root / "credentials.json"
    assert passwords.add_user("alice", PASSWORD, path=creds) is None
    env = {
        "PLEDGES_DATABASE_URL": url,
        "PLEDGES_CATALOG": str(folder),
        "PLEDGES_CREDENTIALS": str(creds),
        "PLEDGES_AUTH": "password",
    }
    with conftest.serve_app(env, root / "streamlit.log") as base:
        yield base


def _watch_dialogs(page: Page) -> list[str]:
    fired: list[str] = []

    def record(dialog) -> None:  # noqa: ANN001  (playwright's Dialog)
        fired.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return fired


def _nav_links(page: Page) -> list[str]:
    links = page.get_by_test_id("stSidebarNavLink")
    expect(links.first).to_be_visible(timeout=30_000)
    # Each link's text is its icon's ligature name, then the page title.
    return [text.strip().splitlines()[-1] for text in links.all_inner_texts()]


def _sign_in(page: Page, base: str, name: str, password: str) -> None:
    page.goto(f"{base}/signin")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_hostile_names_and_notes_show_as_text_and_run_nothing(
    app_url: str, chromium: Browser
) -> None:
    context = chromium.new_context()
    page = context.new_page()
    fired = _watch_dialogs(page)
    page.goto(f"{app_url}/indicator?city=Testville&pledge=green-deal&indicator=renewable-share")
    expect(page.get_by_role("heading", name=HOSTILE_NAME)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(HOSTILE_NOTE)).to_be_visible()
    expect(page.get_by_text("Green <b>Deal</b>", exact=False).first).to_be_visible()
    page.goto(f"{app_url}/?city=Testville")
    expect(page.get_by_text("Clean grid <img src=y onerror=alert(4)>").first).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text(HOSTILE_NAME).first).to_be_visible()
    # Nothing from the data became an element or a link: no <img src=x|y|z>, no <b>, no
    # javascript: href, no script with an alert, and no dialog.
    assert page.locator("img[src='x'], img[src='y'], img[src='z']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    scripts = page.locator("script").evaluate_all("els => els.map(e => e.textContent)")
    assert not [s for s in scripts if "alert(" in (s or "")]
    assert fired == []
    context.close()


def test_a_viewer_has_no_upload_page_and_an_editor_does(app_url: str, chromium: Browser) -> None:
    viewer = chromium.new_context().new_page()
    viewer.goto(app_url)
    assert "Upload" not in _nav_links(viewer)
    assert "Sign in" in _nav_links(viewer)
    editor_context = chromium.new_context()
    editor = editor_context.new_page()
    _sign_in(editor, app_url, "alice", PASSWORD)
    expect(editor.get_by_text("Signed in as alice")).to_be_visible(timeout=30_000)
    expect(editor.get_by_test_id("stSidebarNavLink").filter(has_text="Upload")).to_be_visible()
    editor.get_by_test_id("stSidebarNavLink").filter(has_text="Upload").click()
    expect(editor.get_by_role("heading", name="Upload data")).to_be_visible(timeout=30_000)
    editor_context.close()
    viewer.context.close()


def test_two_browser_contexts_never_see_each_others_sign_in(
    app_url: str, chromium: Browser
) -> None:
    first_context, second_context = chromium.new_context(), chromium.new_context()
    first, second = first_context.new_page(), second_context.new_page()
    _sign_in(first, app_url, "alice", PASSWORD)
    expect(first.get_by_text("Signed in as alice")).to_be_visible(timeout=30_000)
    second.goto(f"{app_url}/signin")
    expect(second.get_by_role("button", name="Sign in")).to_be_visible(timeout=30_000)
    assert "Upload" not in _nav_links(second)
    assert second.get_by_text("Signed in as alice").count() == 0
    # The second browser asking for the Upload page by its address gets no upload form.
    second.goto(f"{app_url}/upload")
    expect(second.get_by_role("heading", name="Upload data")).to_have_count(0)
    assert "Upload" not in _nav_links(second)
    assert second.get_by_text("CSV or Excel file").count() == 0
    # The first stays signed in.
    assert "Upload" in _nav_links(first)
    first_context.close()
    second_context.close()


def test_a_wrong_password_in_the_browser_gets_a_clear_message(
    app_url: str, chromium: Browser
) -> None:
    context = chromium.new_context()
    page = context.new_page()
    _sign_in(page, app_url, "mallory", "not a password at all")
    expect(page.get_by_text("The name or the password is wrong.")).to_be_visible(timeout=30_000)
    assert "Upload" not in _nav_links(page)
    context.close()
