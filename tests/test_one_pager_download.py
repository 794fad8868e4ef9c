"""The one-pager as a download: the very bytes `report --summary-only` writes, on two pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pledges import briefing, cli, store
from pledges.briefing import pdf
from tests.conftest import seed_repository

AS_OF = dt.date(2026, 12, 1)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> store.Store:
    """The repository's seed (no panel: the one-pager needs none), stored on 1 December 2026."""
    folder = tmp_path_factory.mktemp("download")
    url = f"sqlite:///{folder / 'seeded.db'}"
    seed_repository(url, dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC), panel=False)
    return store.Store.open(url)


def test_the_download_is_the_same_bytes_as_report_summary_only(
    seeded: store.Store, tmp_path: Path
) -> None:
    offered = briefing.one_pager_pdf(seeded, "Los Angeles", AS_OF)
    out = tmp_path / "one-pager.pdf"
    url = str(seeded.engine.url)
    args = ["--database", url, "report", "--city", "Los Angeles", "--as-of", "2026-12-01"]
    assert cli.main([*args, "--summary-only", "--out", str(out)]) == 0
    assert out.read_bytes() == offered
    assert offered.startswith(b"%PDF") and b"/MediaBox [0 0 612 792]" in offered  # US Letter
    # Printed again, still the same bytes: the print is dated by its as-of day, not the clock.
    again = briefing.one_pager_pdf(seeded, "Los Angeles", AS_OF)
    assert again == offered, next(
        i for i, pair in enumerate(zip(again, offered, strict=False)) if pair[0] != pair[1]
    )
    assert b"/CreationDate (D:20261201000000" in offered


def test_print_dates_are_set_digit_for_digit() -> None:
    printed = b"<< /CreationDate (D:20261205162610+00'00')\n/ModDate (D:20261205162611+00'00') >>"
    assert pdf.dated(printed, dt.date(2026, 12, 1)) == (
        b"<< /CreationDate (D:20261201000000+00'00')\n/ModDate (D:20261201000000+00'00') >>"
    )


@pytest.mark.parametrize("page", ["overview.py", "briefing.py"])
def test_overview_and_briefing_offer_the_one_pager(
    seeded: store.Store, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from pledges.web import print_cache

    monkeypatch.setenv("PLEDGES_DATABASE_URL", str(seeded.engine.url))
    monkeypatch.setattr(print_cache, "SHARED", print_cache.PrintCache())
    asked: list[tuple[str, dt.date]] = []
    monkeypatch.setattr(
        briefing,
        "one_pager_pdf",
        lambda db, city, as_of, paper=None, lang="en": (
            asked.append((city, as_of)) or b"%PDF-one-pager"
        ),
    )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["city"] = "Los Angeles"
    at.query_params["as_of"] = AS_OF.isoformat()
    at.switch_page(str(ROOT / "pledges" / "web" / "pages" / page))
    at.run()
    assert not at.exception
    button = next(b for b in at.button if b.label.startswith("Prepare the one-page PDF"))
    assert button.label == "Prepare the one-page PDF (LETTER)"  # L.A. is in the United States
    button.click().run()
    assert not at.exception
    # The page printed with the one function the command line's bytes are tested against.
    assert asked == [("Los Angeles", AS_OF)]
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the one-pager (PDF, LETTER)" in labels
