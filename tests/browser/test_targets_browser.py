"""Targets in headless chromium: an editor proposes, another approves, the Overview follows;
a viewer reads the ledger and the waiting proposals but gets no control to change them."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from pledges import catalog, service, store
from pledges.auth import passwords
from tests.browser import conftest

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
# No baseline: the line through the values alone is exactly 3 a year (30 in 2019 to 48 in 2025).
DEFINITION = textwrap.dedent(
    """\
    city: {name: Testville, country: XX}
    pledge: {id: green-deal, name: Testville Green Deal, adopted: 2019, source: synthetic}
    goals:
      - id: clean-grid
        name: Clean grid
        indicators:
          - id: renewable-share
            name: Renewable share
            unit: "%"
            direction: higher
            targets:
              - {year: 2030, value: 60, source: "synthetic plan"}
    """
)
CSV = (
    "city,pledge,indicator,period,value,unit,source\n"
    + "".join(
        f"Testville,green-deal,renewable-share,{year},{30 + 3 * (year - 2019)},%,synthetic\n"
        for year in range(2019, 2026)
    )
).encode()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on Testville with two editors, alice and bob."""
    root = tmp_path_factory.mktemp("targets")
    folder = root / "pledges"
    folder.mkdir()
    (folder / "testville--green-deal.yaml").write_text(DEFINITION, encoding="utf-8")
    url = f"sqlite:///{root / 'app.db'}"
    db = store.Store.open(url)
    db.migrate()
    db.sync_catalog(catalog.load_pledges(folder))
    assert service.import_file(db, service.SEED_USER, CSV, "values.csv").batch is not None
    db.engine.dispose()
    creds = root / "credentials.json"
    for name in ("alice", "bob"):
        assert passwords.add_user(name, PASSWORD, path=creds) is None
    env = {
        "PLEDGES_DATABASE_URL": url,
        "PLEDGES_CATALOG": str(folder),
        "PLEDGES_CREDENTIALS": str(creds),
        "PLEDGES_AUTH": "password",
        "PLEDGES_EDITOR_EMAILS": "",
    }
    with conftest.serve_app(env, root / "streamlit.log") as base:
        yield base


def _signed_in(browser: Browser, base: str, name: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 1400}).new_page()
    page.goto(f"{base}/signin")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {name}")).to_be_visible(timeout=30_000)
    return page


def _targets_page(page: Page, base: str) -> None:
    page.goto(f"{base}/targets?city=Testville")
    page.wait_for_function(conftest.READY, timeout=60_000)


def _overview_status(page: Page, base: str) -> str:
    """The Overview's line on the pledge as a whole (the legend names every status)."""
    page.goto(f"{base}/?city=Testville")
    page.wait_for_function(conftest.READY, timeout=60_000)
    text = page.get_by_test_id("stMain").inner_text()
    return next(line for line in text.splitlines() if "as a whole:" in line)


def test_propose_then_another_editor_approves_and_the_overview_changes(
    app_url: str, chromium: Browser
) -> None:
    viewer = chromium.new_context(viewport={"width": 1280, "height": 1400}).new_page()
    # The line gains 3 a year and stands near 48 + 3 x 2 = 54 late in 2026 (51 to 57 across
    # 2026-2027). To 60 by 2030 needs (60 - 54) / 3.1 = 1.9 a year: pace ratio 3 / 1.9 = 1.6,
    # on track (at least 0.95) on any day of 2026-2027. To 90 it needs (90 - 54) / 3.1 = 11.6
    # a year: ratio 0.26, off track (below 0.5) on any of those days.
    assert "▲ on track" in _overview_status(viewer, app_url)

    alice = _signed_in(chromium, app_url, "alice")
    _targets_page(alice, app_url)
    alice.get_by_text("Propose a target change").click()
    level = alice.get_by_role("spinbutton", name="A level to reach")
    expect(level).to_have_value("60.00", timeout=30_000)
    level.fill("90")
    level.press("Tab")
    alice.get_by_label("Source (a URL or the document's title)").fill("Council minutes, 2026-11")
    alice.get_by_label("Source (a URL or the document's title)").press("Tab")
    alice.get_by_label("Reason").fill("The council raised the 2030 goal")
    alice.get_by_label("Reason").press("Tab")
    expect(alice.get_by_text("Status: ▲ on track → ▼ off track.")).to_be_visible(timeout=30_000)
    alice.get_by_role("button", name="Send for review").click()
    expect(alice.get_by_text("Proposal 1 sent for review.")).to_be_visible(timeout=30_000)
    # Her own proposal is listed, and she has nothing to approve.
    expect(alice.get_by_text("No proposal of another editor waits for you.")).to_be_visible()
    assert alice.get_by_role("button", name="Approve").count() == 0

    # Until another editor approves, nothing changes for anyone.
    assert "▲ on track" in _overview_status(viewer, app_url)
    _targets_page(viewer, app_url)
    expect(viewer.get_by_text("No change waits for review.")).to_have_count(0)
    assert viewer.get_by_role("button", name="Approve").count() == 0
    assert viewer.get_by_role("button", name="Reject").count() == 0
    assert viewer.get_by_text("Propose a target change").count() == 0
    expect(viewer.get_by_text("Editors propose target changes here")).to_be_visible()

    bob = _signed_in(chromium, app_url, "bob")
    _targets_page(bob, app_url)
    bob.get_by_label("Comment (required to reject)").fill("Checked the minutes")
    bob.get_by_role("button", name="Approve").click()
    expect(bob.get_by_text("Proposal 1: approved by bob.")).to_be_visible(timeout=30_000)
    expect(bob.get_by_text("1 target change: 1 strengthened.")).to_be_visible()

    after = _overview_status(viewer, app_url)
    assert "▼ off track" in after and "▲ on track" not in after
    _targets_page(viewer, app_url)
    expect(viewer.get_by_text("No change waits for review.")).to_be_visible()
    expect(viewer.get_by_text("1 target change: 1 strengthened.")).to_be_visible()
    for page in (viewer, alice, bob):
        page.context.close()
