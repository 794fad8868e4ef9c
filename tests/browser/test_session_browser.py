"""Staying signed in, in headless chromium: a reload keeps the editor, signing out ends it,
and a forged cookie opens nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from pledges import catalog, store
from pledges.auth import passwords
from pledges.web import session
from tests import conftest as shared
from tests.browser import conftest

pytestmark = pytest.mark.browser
EDITOR = "reload-editor"
PASSWORD = "correct horse battery staple"
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with one editor in a credentials folder of its own (and so its own secret)."""
    root = tmp_path_factory.mktemp("session")
    folder = root / "pledges"
    folder.mkdir()
    (folder / "testville--green-deal.yaml").write_text(shared.SMALL_PLEDGE, encoding="utf-8")
    db = store.Store.open(f"sqlite:///{root / 'app.db'}")
    db.migrate()
    db.sync_catalog(catalog.load_pledges(folder))
    db.engine.dispose()
    credentials = root / "secrets" / "credentials.json"
    assert passwords.add_user(EDITOR, PASSWORD, path=credentials) is None
    env = {
        "PLEDGES_DATABASE_URL": f"sqlite:///{root / 'app.db'}",
        "PLEDGES_CATALOG": str(folder),
        "PLEDGES_CREDENTIALS": str(credentials),
        "PLEDGES_AUTH": "password",
    }
    with conftest.serve_app(env, root / "server.log") as url:
        yield url


def nav(page: Page) -> list[str]:
    links = page.get_by_test_id("stSidebarNavLink")
    expect(links.first).to_be_visible(timeout=WAIT_MS)
    return [text.strip().splitlines()[-1] for text in links.all_inner_texts()]


def cookie(context: BrowserContext) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == session.COOKIE), None)


def wait_for_cookie(page: Page, present: bool) -> None:
    test = "!== -1" if present else "=== -1"
    page.wait_for_function(
        f"() => document.cookie.indexOf({session.COOKIE!r} + '=') {test}", timeout=WAIT_MS
    )


def sign_in(page: Page, url: str) -> None:
    page.goto(f"{url}/signin")
    page.get_by_label("Name").fill(EDITOR)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {EDITOR}")).to_be_visible(timeout=WAIT_MS)


def test_a_reload_of_the_upload_page_keeps_the_editor_signed_in(
    server: str, chromium: Browser, tmp_path: Path
) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, server)
    wait_for_cookie(page, present=True)
    held = cookie(context)
    assert held is not None and held["sameSite"] == "Strict" and held["path"] == "/"
    assert held["value"].startswith(f"{EDITOR}:") and PASSWORD not in held["value"]
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Upload").click()
    expect(page.get_by_role("heading", name="Upload data")).to_be_visible(timeout=WAIT_MS)

    page.reload()
    expect(page.get_by_role("heading", name="Upload data")).to_be_visible(timeout=WAIT_MS)
    assert "Upload" in nav(page) and "Account" in nav(page)
    conftest.screenshot(page, "session-reloaded-upload-1280")

    # Signing out deletes the cookie: the next reload is a viewer's.
    page.goto(f"{server}/signin")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=WAIT_MS)
    wait_for_cookie(page, present=False)
    page.reload()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=WAIT_MS)
    assert "Upload" not in nav(page)
    context.close()


def test_a_forged_cookie_opens_nothing(server: str, chromium: Browser) -> None:
    signed = chromium.new_context()
    page = signed.new_page()
    sign_in(page, server)
    wait_for_cookie(page, present=True)
    real = cookie(signed)
    assert real is not None
    name, stamp, mac = real["value"].split(":")
    signed.close()
    for value in (f"someone-else:{stamp}:{mac}", f"{name}:{int(stamp) + 60}:{mac}"):
        context = chromium.new_context()
        context.add_cookies([{"name": session.COOKIE, "value": value, "url": server}])
        page = context.new_page()
        page.goto(f"{server}/upload")
        expect(page.get_by_role("heading", name="Upload data")).to_have_count(0)
        assert "Upload" not in nav(page)
        context.close()
