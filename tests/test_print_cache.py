"""Briefing prints: made once per choice and store state, shared across sessions, off the
script thread; a viewer's session has an hourly allowance of new prints."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pledges import briefing, model, service, store
from pledges.web import print_cache

NOW = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
PAGE = Path(__file__).resolve().parent.parent / "pledges" / "web" / "pages" / "briefing.py"


def key(paper: str = "a4", state: tuple[str, ...] = ("db", "batch 1")) -> print_cache.Key:
    return print_cache.Key(
        "Testville", None, dt.date(2025, 3, 1), dt.date(2024, 3, 1), paper, state
    )


def test_two_requests_for_one_print_share_one_run() -> None:
    cache = print_cache.PrintCache()
    release, runs = threading.Event(), []

    def job() -> print_cache.Printed:
        runs.append(1)
        release.wait(timeout=30)
        return print_cache.Printed(b"<html>", b"%PDF", None)

    first, started = cache.start(key(), job)
    second, again = cache.start(key(), job)
    assert started and not again and second is first
    assert cache.find(key()) is first and not first.done()
    release.set()
    assert first.result(timeout=30).pdf == b"%PDF"
    assert runs == [1]
    # Another paper, or a new batch in the store, is another print.
    assert cache.find(key(paper="letter")) is None
    assert cache.find(key(state=("db", "batch 2"))) is None


def test_a_failed_print_is_forgotten_so_the_next_request_retries() -> None:
    cache = print_cache.PrintCache()

    def broken() -> print_cache.Printed:
        raise RuntimeError("chromium crashed")

    failed, _ = cache.start(key(), broken)
    assert isinstance(failed.exception(timeout=30), RuntimeError)
    assert cache.find(key()) is None
    retried, started = cache.start(key(), lambda: print_cache.Printed(b"x", None, "no chromium"))
    assert started and retried.result(timeout=30).problem == "no chromium"


def test_only_the_newest_prints_are_kept() -> None:
    cache = print_cache.PrintCache(max_entries=2)
    for paper in ("a4", "letter", "a5"):
        cache.start(key(paper), lambda: print_cache.Printed(b"x", None, None))[0].result(30)
    assert cache.find(key("a4")) is None
    assert cache.find(key("letter")) is not None and cache.find(key("a5")) is not None


MIN = dt.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("started", "expected"),
    [
        ([], None),
        ([NOW - 10 * MIN, NOW - 5 * MIN], None),
        # three in the hour: the oldest (08:20) ages out at 09:20
        ([NOW - 40 * MIN, NOW - 20 * MIN, NOW - 1 * MIN], NOW + 20 * MIN),
        # one of the four is over an hour old and does not count
        ([NOW - 61 * MIN, NOW - 30 * MIN, NOW - 2 * MIN], None),
        # five in the hour: the third newest (08:50) frees a place at 09:50
        ([NOW - n * MIN for n in (55, 50, 10, 5, 1)], NOW + 50 * MIN),
    ],
    ids=["none", "under", "at-limit", "old-one-ages-out", "over"],
)
def test_the_hourly_allowance(started: list[dt.datetime], expected: dt.datetime | None) -> None:
    assert print_cache.Allowance(3).next_free(started, NOW) == expected


def test_the_refusal_says_the_limit_and_when() -> None:
    text = print_cache.Allowance(3).refusal(NOW + 20 * MIN, NOW)
    assert "3 new briefings in the last hour" in text and "09:20 UTC" in text
    assert "about 20 minutes" in text


@pytest.fixture
def page_app(db: store.Store, monkeypatch: pytest.MonkeyPatch):
    """New AppTest sessions of the Briefing page on the test store; the prints it made."""
    monkeypatch.setenv("PLEDGES_DATABASE_URL", db.engine.url.render_as_string(False))
    monkeypatch.setenv("PLEDGES_VIEWER_PRINTS_PER_HOUR", "1")
    monkeypatch.setattr(print_cache, "SHARED", print_cache.PrintCache())
    printed: list[bytes] = []
    monkeypatch.setattr(
        briefing, "print_html", lambda document, as_of=None: printed.append(document) or b"%PDF-1.7"
    )

    def session() -> AppTest:
        return AppTest.from_file(str(PAGE), default_timeout=30).run()

    session.printed = printed  # type: ignore[attr-defined]
    return session


def downloads(at: AppTest) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


def test_a_second_reader_gets_the_print_at_once_and_a_viewer_meets_the_limit(
    db: store.Store, page_app
) -> None:
    first = page_app()
    assert downloads(first) == []
    prepare_button(first).click().run()
    assert not first.exception and downloads(first) == ["Download HTML", "Download PDF"]
    assert len(page_app.printed) == 1

    second = page_app()
    assert downloads(second) == ["Download HTML", "Download PDF"]
    prepare_button(second).click().run()
    assert len(page_app.printed) == 1

    # The first viewer's one print of the hour is used: letter paper is refused, in words.
    first.radio[0].set_value("letter").run()
    prepare_button(first).click().run()
    assert downloads(first) == []
    assert "limit for readers who are not signed in" in first.warning[0].value
    assert len(page_app.printed) == 1

    # A new batch is a new store state: the old print is not offered for it.
    csv = (
        b"city,pledge,indicator,period,value,unit,source\n"
        b"Testville,green-deal,emissions,2021,700,kt,synthetic test row\n"
    )
    assert service.import_file(db, model.Actor("alice", "editor"), csv, "new.csv").batch
    assert downloads(page_app()) == []


def prepare_button(at: AppTest) -> object:
    """The Briefing page's "Prepare the briefing" (the one-pager's button stands above it)."""
    return next(b for b in at.button if b.label == "Prepare the briefing")
