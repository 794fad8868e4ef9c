"""The Upload page holds a tenfold jump until the tick box confirms it; undo in the app too."""

from __future__ import annotations

import pytest

from pledges import service, store
from tests.test_upload_page import EDITOR, HEADER, app_env, as_actor, page, page_text, upload

__all__ = ["app_env"]  # the fixture, used by name

# 9,000 kt against the stored 900 for 2019: 9000 / 900 = 10 times, held
JUMP = (HEADER + "Testville,green-deal,emissions,2020,9000,kt,office,\n").encode()


def test_a_jump_waits_for_the_tick_box(
    app_env: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_actor(monkeypatch, EDITOR)
    before = service.export_csv(app_env)
    app = upload(page("upload"), "jump.csv", JUMP)
    assert not app.exception
    assert "10 times or more" in page_text(app)
    assert app.button(key="commit").disabled
    assert service.export_csv(app_env) == before
    app.checkbox(key="accept_jumps").check().run()
    assert not app.button(key="commit").disabled
    app.button(key="commit").click().run()
    assert "Committed batch" in page_text(app)
    stored = app_env.observations(indicator="emissions")
    assert 9000.0 in stored["value"].tolist()


def test_the_history_page_undoes_an_earlier_batch_after_a_later_one(
    app_env: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_actor(monkeypatch, EDITOR)
    first = service.import_file(
        app_env, EDITOR, (HEADER + "Testville,green-deal,emissions,2019,905,kt,a,\n").encode(), "a"
    ).batch
    second = service.import_file(
        app_env, EDITOR, (HEADER + "Testville,green-deal,emissions,2019,910,kt,b,\n").encode(), "b"
    ).batch
    assert first is not None and second is not None
    for batch in (second, first):
        history = page("history")
        history.button(key=f"undo_{batch.id}").click().run()
        history.button(key="undo_confirm").click().run()
        assert not history.exception
        assert f"Batch {batch.id} undone" in page_text(history)
    stored = app_env.observations(indicator="emissions")
    assert stored["value"].tolist() == [900.0]  # the seed's value, as before both batches
