"""Upload end to end in headless chromium: sign in, see the report, fix, preview, commit, undo."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from pledges import catalog, service, store
from pledges.auth import passwords
from tests import conftest as shared
from tests.browser import conftest

pytestmark = pytest.mark.browser
EDITOR = "e2e-editor"
PASSWORD = "correct horse battery staple"
WAIT_MS = 60_000
HEADER = "city,pledge,indicator,period,value,unit,source,note\n"
SEED = (HEADER + "Testville,green-deal,renewable-share,2020,32,%,seed,\n").encode()
BAD = (
    HEADER
    + "Testville,green-deal,renewable-share,2020,33,%,office,\n"
    + "Testville,green-deal,renewable-share,2021,3x5,%,office,\n"
).encode()
GOOD = (
    HEADER
    + "Testville,green-deal,renewable-share,2020,33,%,office,\n"
    + "Testville,green-deal,renewable-share,2021,35,%,office,\n"
).encode()


@pytest.fixture
def app_db(tmp_path: Path) -> store.Store:
    """A database under tmp_path with the small synthetic pledge and one stored value."""
    folder = tmp_path / "pledges"
    folder.mkdir()
    (folder / "testville--green-deal.yaml").write_text(shared.SMALL_PLEDGE, encoding="utf-8")
    db = store.Store.open(f"sqlite:///{tmp_path / 'e2e.db'}")
    db.migrate()
    db.sync_catalog(catalog.load_pledges(folder))
    seeded = service.import_file(db, service.SEED_USER, SEED, "seed.csv")
    assert seeded.batch is not None
    return db


@pytest.fixture
def server(tmp_path: Path, app_db: store.Store) -> Iterator[str]:
    """The real app (app.py, project config) on a free port, with one editor in tmp_path.

    Its own server, not the shared one: this test commits and undoes, and needs an editor
    in a credentials file of its own (signed in through the real Sign in page; no test hook).
    """
    credentials = tmp_path / "credentials.json"
    assert passwords.add_user(EDITOR, PASSWORD, path=credentials) is None
    env = {
        "PLEDGES_DATABASE_URL": app_db.engine.url.render_as_string(False),
        "PLEDGES_CREDENTIALS": str(credentials),
        "PLEDGES_PRESETS": str(tmp_path / "presets"),
        "PLEDGES_AUTH": "password",
    }
    with conftest.serve_app(env, tmp_path / "server.log") as url:
        yield url


def sign_in(page: Page, url: str) -> None:
    """Sign in as the editor through the app's own Sign in page."""
    page.goto(f"{url}/signin")
    page.get_by_label("Name").fill(EDITOR)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Upload")).to_be_visible(timeout=WAIT_MS)


def upload(page: Page, path: Path) -> None:
    """Drop a file on the uploader."""
    # With a file already chosen, Streamlit's uploader also holds an input on the file's chip
    # (its "add" button); either input replaces the file, so take the first.
    page.locator("input[type=file]").first.set_input_files(str(path))


def downloaded_problems(page: Page) -> set[tuple[str, str, str]]:
    """`(row, column, code)` of the problem CSV the page offers."""
    with page.expect_download(timeout=WAIT_MS) as started:
        page.get_by_role("button", name="Download the full report (CSV)").click()
    text = Path(started.value.path()).read_text(encoding="utf-8")
    return {(r["row"], r["column"], r["code"]) for r in csv.DictReader(io.StringIO(text))}


def test_editor_uploads_fixes_commits_and_undoes(
    server: str, chromium: Browser, app_db: store.Store, tmp_path: Path
) -> None:
    before = service.export_csv(app_db)
    bad, good = tmp_path / "office.csv", tmp_path / "office-fixed.csv"
    bad.write_bytes(BAD)
    good.write_bytes(GOOD)
    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))

    sign_in(page, server)
    page.get_by_role("link", name="Upload").click()
    upload(page, bad)
    expect(page.get_by_text("The file was not imported")).to_be_visible(timeout=WAIT_MS)
    assert ("3", "value", "bad-number") in downloaded_problems(page)
    assert service.export_csv(app_db) == before

    upload(page, good)
    expect(page.get_by_text("Committing adds 1 rows, changes 1")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_text("Rows 1–2 of 2")).to_be_visible()
    page.get_by_role("button", name="Commit 2 rows as one batch").click()
    expect(page.get_by_text("Committed batch 2")).to_be_visible(timeout=WAIT_MS)
    # The message comes first in the run that swaps in a fresh uploader: wait for the run to end
    # (the last file's preview and its button gone), or the next file lands on the old one.
    expect(page.get_by_role("button", name=re.compile("^Commit"))).to_have_count(0)
    committed = app_db.history()[0]
    assert (committed.id, committed.user, committed.file_name) == (2, EDITOR, "office-fixed.csv")
    assert service.export_csv(app_db) != before

    upload(page, good)
    expect(page.get_by_text("adds nothing")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_role("button", name="Commit 0 rows as one batch")).to_be_disabled()

    page.get_by_role("link", name="History").click()
    page.get_by_role("button", name="Undo…").first.click()
    expect(page.get_by_text("Undo batch 2 (office-fixed.csv")).to_be_visible(timeout=WAIT_MS)
    page.get_by_role("button", name="Yes, undo batch 2").click()
    expect(page.get_by_text("Batch 2 undone by batch 3")).to_be_visible(timeout=WAIT_MS)
    assert service.export_csv(app_db) == before
    assert app_db.history()[0].user == EDITOR
    assert dialogs == []


def test_viewer_has_no_upload_and_no_undo(server: str, chromium: Browser) -> None:
    page = chromium.new_page(viewport={"width": 390, "height": 900})
    page.goto(f"{server}/history")
    expect(page.get_by_text("Import history")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_role("button", name="Download CSV")).to_be_visible()
    assert page.get_by_role("button", name="Undo…").count() == 0
    page.goto(f"{server}/upload")
    expect(page.get_by_role("link", name="Overview")).to_be_attached(timeout=WAIT_MS)
    expect(page.get_by_text("Sign in").first).to_be_attached()
    assert page.get_by_role("link", name="Upload").count() == 0
    assert page.locator("input[type=file]").count() == 0


def test_hostile_file_content_shows_as_text_and_runs_nothing(
    server: str, chromium: Browser, tmp_path: Path
) -> None:
    hostile = tmp_path / "[x](javascript:alert(1)).csv"
    hostile.write_bytes(
        b"<img src=x onerror=alert(1)>,period,value\n"
        b"<script>alert(2)</script>,2020,**bold**<b>1</b>\n"
    )
    page = chromium.new_page(viewport={"width": 1280, "height": 1400})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    sign_in(page, server)
    page.get_by_role("link", name="Upload").click()
    upload(page, hostile)
    expect(page.get_by_text("The file was not imported")).to_be_visible(timeout=WAIT_MS)
    page.get_by_text("Read the messages in full").click()
    expect(page.get_by_text("<img src=x onerror=alert(1)>").first).to_be_visible()
    assert page.locator("[data-testid=stMain] img[src=x]").count() == 0
    assert page.locator("[data-testid=stMain] a[href^=javascript]").count() == 0
    assert dialogs == []
