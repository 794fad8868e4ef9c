"""A column absent from a file keeps what is stored; an empty cell in a present column clears."""

from __future__ import annotations

from pathlib import Path

import pytest

from pledges import model, service, store

EDITOR = model.Actor("ana", "editor")
FULL = "city,pledge,indicator,period,value,unit,source,note,method\n"
ROW = "Testville,green-deal,emissions,2019,{value},kt,synthetic"


def _stored_note_and_method(db: store.Store) -> tuple[object, object]:
    row = db.observations().iloc[0]
    return row["note"], row["method"]


@pytest.fixture
def noted(db: store.Store) -> store.Store:
    text = FULL + ROW.format(value=800) + ",a synthetic note,a synthetic method\n"
    assert service.import_file(db, EDITOR, text.encode(), "first.csv").ok
    return db


@pytest.mark.parametrize("streamed", [False, True], ids=["upload", "command-line"])
def test_a_file_without_note_or_method_keeps_the_stored_ones(
    noted: store.Store, tmp_path: Path, streamed: bool
) -> None:
    text = "city,pledge,indicator,period,value,unit,source\n" + ROW.format(value=790) + "\n"
    if streamed:
        path = tmp_path / "second.csv"
        path.write_text(text, encoding="utf-8")
        outcome = service.import_path(noted, EDITOR, path)
    else:
        outcome = service.import_file(noted, EDITOR, text.encode(), "second.csv")
    assert outcome.ok and outcome.batch.changed == 1
    assert noted.observations().iloc[0]["value"] == 790
    assert _stored_note_and_method(noted) == ("a synthetic note", "a synthetic method")


def test_an_empty_cell_in_a_present_column_clears(noted: store.Store) -> None:
    text = FULL + ROW.format(value=800) + ",,a synthetic method\n"
    outcome = service.import_file(noted, EDITOR, text.encode(), "third.csv")
    assert outcome.ok and outcome.batch.changed == 1
    assert _stored_note_and_method(noted) == (None, "a synthetic method")


def test_the_preview_says_absent_columns_are_kept(noted: store.Store) -> None:
    text = "city,pledge,indicator,period,value,unit,source\n" + ROW.format(value=800) + "\n"
    outcome = service.import_file(noted, EDITOR, text.encode(), "same.csv", dry_run=True)
    assert outcome.preview.unchanged == 1  # same value, and the stored note and method stay
    [kept] = [issue for issue in outcome.preview.warnings if issue.code == "kept-columns"]
    assert "method" in kept.message and "note" in kept.message
    assert outcome.preview.rows["new_note"].tolist() == ["a synthetic note"]
