"""Briefing prints: made once per choice and store state, shared across sessions, off the
script thread; new prints are bounded per client address and for all readers together, the
queue is bounded, and editors' prints go first."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
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


VIEWER_A = print_cache.Requester(False, "203.0.113.1")  # documentation addresses (RFC 5737)
VIEWER_B = print_cache.Requester(False, "203.0.113.2")
VIEWER_C = print_cache.Requester(False, "203.0.113.3")
EDITOR = print_cache.Requester(True, "203.0.113.9")
MIN = dt.timedelta(minutes=1)


def done(text: bytes = b"x") -> Callable[[], print_cache.Printed]:
    return lambda: print_cache.Printed(text, None, None)


def started(answer: print_cache.Started | print_cache.Refused) -> print_cache.Started:
    assert isinstance(answer, print_cache.Started), answer
    return answer


def test_two_requests_for_one_print_share_one_run() -> None:
    cache = print_cache.PrintCache()
    release, runs = threading.Event(), []

    def job() -> print_cache.Printed:
        runs.append(1)
        release.wait(timeout=30)
        return print_cache.Printed(b"<html>", b"%PDF", None)

    first = started(cache.start(key(), job, VIEWER_A, NOW))
    second = started(cache.start(key(), job, VIEWER_B, NOW))
    assert first.new and not second.new and second.future is first.future
    assert cache.find(key()) is first.future and not first.future.done()
    release.set()
    assert first.future.result(timeout=30).pdf == b"%PDF"
    assert runs == [1]
    # Another paper, or a new batch in the store, is another print.
    assert cache.find(key(paper="letter")) is None
    assert cache.find(key(state=("db", "batch 2"))) is None


def test_a_failed_print_is_forgotten_so_the_next_request_retries() -> None:
    cache = print_cache.PrintCache()

    def broken() -> print_cache.Printed:
        raise RuntimeError("chromium crashed")

    failed = started(cache.start(key(), broken, EDITOR, NOW))
    assert isinstance(failed.future.exception(timeout=30), RuntimeError)
    assert cache.find(key()) is None
    retry = started(cache.start(key(), lambda: print_cache.Printed(b"x", None, "no"), EDITOR, NOW))
    assert retry.new and retry.future.result(timeout=30).problem == "no"


def test_only_the_newest_prints_are_kept() -> None:
    cache = print_cache.PrintCache(max_entries=2)
    for paper in ("a4", "letter", "a5"):
        started(cache.start(key(paper), done(), EDITOR, NOW)).future.result(30)
    assert cache.find(key("a4")) is None
    assert cache.find(key("letter")) is not None and cache.find(key("a5")) is not None


def test_new_prints_are_bounded_per_address_and_for_all_readers_together() -> None:
    cache = print_cache.PrintCache(limits=print_cache.Limits(per_address=2, viewers_total=3))
    papers = iter(f"paper-{n}" for n in range(20))
    # A starts 2 (its limit), B 1: 3 in the hour, the limit for all readers together.
    for who, at in ((VIEWER_A, NOW - 40 * MIN), (VIEWER_A, NOW - 20 * MIN), (VIEWER_B, NOW)):
        assert started(cache.start(key(next(papers)), done(), who, at)).new
    third = cache.start(key(next(papers)), done(), VIEWER_A, NOW)
    assert isinstance(third, print_cache.Refused)
    # A's older print (08:20) ages out at 09:20, 20 minutes from now.
    assert "Readers at your address have prepared 2" in third.message
    assert "09:20 UTC (in about 20 minutes)" in third.message
    other = cache.start(key(next(papers)), done(), VIEWER_C, NOW)
    assert isinstance(other, print_cache.Refused)
    assert "3 new briefings on this server" in other.message and "09:20 UTC" in other.message
    # A print someone already made is free, whatever the count; an editor is never counted.
    assert not started(cache.start(key("paper-0"), done(), VIEWER_A, NOW)).new
    assert started(cache.start(key(next(papers)), done(), EDITOR, NOW)).new
    # An hour after the first, a place is free again (a reload or a new session never is).
    assert started(cache.start(key(next(papers)), done(), VIEWER_C, NOW + 20 * MIN)).new


def test_a_zero_allowance_leaves_new_prints_to_editors() -> None:
    cache = print_cache.PrintCache(limits=print_cache.Limits(per_address=0))
    refused = cache.start(key(), done(), VIEWER_A, NOW)
    assert isinstance(refused, print_cache.Refused) and "only signed-in editors" in refused.message
    assert started(cache.start(key(), done(), EDITOR, NOW)).new


@pytest.fixture
def blocked() -> Iterator[tuple[print_cache.PrintCache, threading.Event, list[str]]]:
    """A cache whose one printer is busy until the test releases it; the order prints ran."""
    cache = print_cache.PrintCache(limits=print_cache.Limits(10, 10, waiting=2))
    busy, release, order = threading.Event(), threading.Event(), []

    def long_print() -> print_cache.Printed:
        busy.set()
        release.wait(timeout=30)
        order.append("first")
        return print_cache.Printed(b"x", None, None)

    started(cache.start(key("first"), long_print, VIEWER_A, NOW))
    assert busy.wait(timeout=30)  # the printer has taken it: it no longer waits
    yield cache, release, order
    release.set()


def recorded(order: list[str], name: str) -> Callable[[], print_cache.Printed]:
    def job() -> print_cache.Printed:
        order.append(name)
        return print_cache.Printed(name.encode(), None, None)

    return job


def test_a_full_queue_refuses_in_words_and_editors_go_first(blocked) -> None:
    cache, release, order = blocked
    waiting = [started(cache.start(key(n), recorded(order, n), VIEWER_B, NOW)) for n in "vw"]
    assert cache.waiting(editor=False) == 2
    full = cache.start(key("x"), recorded(order, "x"), VIEWER_C, NOW)
    assert isinstance(full, print_cache.Refused)
    assert full.message.startswith("2 briefings are already waiting to be printed")
    editor = started(cache.start(key("e"), recorded(order, "e"), EDITOR, NOW))
    release.set()
    for job in (*waiting, editor):
        job.future.result(timeout=30)
    assert order == ["first", "e", "v", "w"]


def test_an_editor_asking_for_a_waiting_readers_print_moves_it_ahead(blocked) -> None:
    cache, release, order = blocked
    v = started(cache.start(key("v"), recorded(order, "v"), VIEWER_B, NOW))
    w = started(cache.start(key("w"), recorded(order, "w"), VIEWER_B, NOW))
    again = started(cache.start(key("w"), recorded(order, "w"), EDITOR, NOW))
    assert again.future is w.future and not again.new
    release.set()
    v.future.result(timeout=30), w.future.result(timeout=30)
    assert order == ["first", "w", "v"]  # run once each, the editor's first


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
    # A reload is a new session from the same address: the allowance does not reset.
    reloaded = page_app()
    reloaded.radio[0].set_value("letter").run()
    reloaded.button[0].click().run()
    assert downloads(reloaded) == [] and "Readers at your address" in reloaded.warning[0].value
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
