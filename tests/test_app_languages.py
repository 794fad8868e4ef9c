"""The app's words in Spanish, piece by piece (issue 32): the pure views the pages call, with
numbers and dates as Spanish writes them. Expected texts are written out by hand here."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd

from pledges import model, numbers, translation
from pledges.progress import status, thresholds
from pledges.stewardship import due, listing
from pledges.views import columns
from pledges.views.pages import due as due_view
from pledges.views.pages import panel, target_ledger
from pledges.views.upload import upload_rows

ES = translation.translator("es")
EN = translation.ENGLISH


def test_numbers_with_fixed_decimals_and_plotly_separators() -> None:
    assert numbers.fixed(1.2, 2) == "1.20"  # as f"{1.2:.2f}" wrote it
    assert numbers.fixed(1.2, 2, "es") == "1,20"
    assert numbers.fixed(-0.04, 1, "es") == "0,0"  # never "-0,0"
    assert numbers.separators("en") == ".,"
    assert numbers.separators("es") == ",."  # decimal comma, thousands point
    assert numbers.brief_day(dt.date(2026, 3, 31)) == "31 Mar 2026"
    assert numbers.brief_day(dt.date(2026, 3, 31), "es") == "31 mar 2026"


def _item(state: due.State, days_late: int | None) -> listing.DueItem:
    city = model.City("Los Angeles", "US")
    pledge = model.Pledge("five-zeroes", "Five Zeroes", 2019, "a test", city)
    indicator = model.Indicator("x", "X", "t", "lower", owner=model.Owner(team="LASAN"))
    status_now = due.Due(state, dt.date(2026, 3, 31), days_late, dt.date(2024, 1, 1), "2025")
    return listing.DueItem("Los Angeles", pledge, indicator, status_now)


def test_the_due_line_in_spanish_with_its_plural() -> None:
    today = dt.date(2026, 6, 30)
    # 31 March to 30 June: 30 + 31 + 30 = 91 days late.
    late = due_view.due_text(_item("late", 91), today, ES)
    assert late == "atrasado desde el 31 mar 2026 (91 días): el valor de 2025"
    one = due_view.due_text(_item("late", 1), today, ES)
    assert "(1 día)" in one
    assert due_view.due_text(_item("late", 1), today) == (
        "late since 31 Mar 2026 (1 day): the value for 2025"
    )
    counts = due_view.counts_text([_item("late", 91), _item("fresh", None)], ES)
    assert counts == (
        "1 atrasado · 0 nunca informados · 0 vencen pronto · 1 al día · 0 discontinuados"
    )


def test_table_headers_are_translated_where_shown_and_the_frame_keeps_its_names() -> None:
    frame = pd.DataFrame({"indicator": ["X"], "progress share": ["5 %"], "Testville": [1]})
    shown = columns.shown(frame, ES)
    assert list(shown.columns) == ["indicador", "avance", "Testville"]  # a name is left as is
    assert list(frame.columns) == ["indicator", "progress share", "Testville"]
    assert columns.header("verdict", EN) == "verdict"


def test_status_rules_and_settings_write_spanish_decimals() -> None:
    rules = {word: rule for word, _, rule in status.table(t=ES)}
    # The default thresholds are 0.95 and 0.5 (pledges/progress/thresholds.py).
    assert rules["needs acceleration"] == "0,5 <= razón de ritmo < 0,95"
    assert rules["on track"] == "razón de ritmo >= 0,95"
    settings = dict(thresholds.describe(t=ES))
    assert settings["banda de predicción"] == "80 %"
    assert dict(thresholds.describe())["on track: pace ratio at least"] == "0.95"


def test_ledger_words_and_counts_in_spanish() -> None:
    assert target_ledger.change_word("moved later", ES) == "aplazado"
    assert target_ledger.summary_line([], ES) == "Aún no hay ningún cambio de objetivo registrado."
    # Three changes: two strengthened, one moved later; each word agrees with its count.
    entries = [SimpleNamespace(change=c) for c in ("strengthened", "strengthened", "moved later")]
    said = target_ledger.summary_line(entries, ES)  # type: ignore[arg-type]
    assert said == "3 cambios de objetivos: 2 reforzados, 1 aplazado."
    assert target_ledger.summary_line(entries) == (  # type: ignore[arg-type]
        "3 target changes: 2 strengthened, 1 moved later."
    )


def test_the_panel_in_spanish() -> None:
    assert panel.grade_text("strong", ES) == "sólida"
    assert panel.grade_text(None, ES) == "sin nivel"
    assert panel._ordinal(3, ES) == "3.º" and panel._ordinal(3) == "3rd"


def test_the_row_list_choices_in_spanish() -> None:
    assert upload_rows.option_text("changed (3)", ES) == "cambiados (3)"
    assert upload_rows.option_text(upload_rows.ALL, ES) == "todas las filas"
    # Rows 51 to 100 of 240 are page 2 of ceil(240 / 50) = 5.
    assert upload_rows.page_note(2, 5, 240, t=ES) == "Filas 51–100 de 240, página 2 de 5."
    # 12,400 rows take 12,400 / 50 = 248 pages; a point between thousands (glossary-es.md).
    assert upload_rows.page_note(2, 248, 12_400, t=ES) == (
        "Filas 51–100 de 12.400, página 2 de 248."
    )
