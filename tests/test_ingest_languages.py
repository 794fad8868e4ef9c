"""The warnings a preview gives (suspicious values, kept columns, a unit of another kind) in
the pseudo-locale and in Spanish: every word from the catalog, the English kept as stored."""

from __future__ import annotations

import pytest

from pledges import translation
from pledges.ingest.checking import plausible, preview
from tests.test_cli_languages import PSEUDO, SPANISH
from tests.test_ingest_preview import STORED, _frame
from tests.test_pages_languages import english_words

# STORED holds renewable-share 2015-2019 at 30, 31, 32, 33, 34 (a step of 1, no spread).
CASES = {
    # 3500 > 10 x 34 (the stored range's largest): more than ten times the range.
    "tenfold": [("renewable-share", 2020, 3500.0, None)],
    # 0.35 < 30 / 10 (the stored range's smallest, all positive): less than a tenth.
    "a tenth": [("renewable-share", 2021, 0.35, None)],
    # A new series of four values, one 1000 times the others' median of 5: hundreds of times off.
    "in the file": [("solar-roofs", 2016 + n, v, None) for n, v in enumerate([5, 5, 5, 5000.0])],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_pseudo_locale_finds_no_english_in_a_suspicious_value(case: str) -> None:
    found = preview.compare(_frame(CASES[case]), STORED).warnings
    assert [issue.code for issue in found] == ["suspicious-value"]
    said = found[0].said_in(PSEUDO)
    assert said.startswith("⟦")
    # The indicator's key is the data's own name.
    assert english_words(said) - {"renewable", "share", "solar", "roofs"} == set()


def test_a_jump_in_spanish_writes_its_numbers_as_spanish_does() -> None:
    stored = _frame(
        [("renewable-share", 2010 + i, v, None) for i, v in enumerate([30.0, 31.0, 31.5, 32.5])]
    )
    (jump,) = preview.compare(_frame([("renewable-share", 2014, 60.0, None)]), stored).warnings
    # Steps 1, 0.5, 1: mean 2.5 / 3 = 0.8333 (written 0.83), spread sqrt(((1/6)^2 * 2 + (1/3)^2)
    # / 3) = sqrt(1/18) = 0.2357 (0.24); the jump from 32.5 to 60 is 27.5.
    assert jump.message == (
        "renewable-share 2014-01-01: 60 jumps by 27.5 from the previous value (usual steps 0.83"
        " ± 0.24). Check the unit and the decimal mark; this does not block the import."
    )
    assert jump.said_in(SPANISH) == (
        "renewable-share 2014-01-01: 60 salta 27,5 respecto del valor anterior (pasos habituales"
        " 0,83 ± 0,24). Compruebe la unidad y el separador decimal; esto no impide la importación."
    )


def test_kept_columns_and_a_unit_of_another_kind_in_the_pseudo_locale() -> None:
    kept = preview.kept_columns(["note", "method"])
    assert kept.message == (
        "The file has no 'note' and 'method' column: stored note and method cells are kept, not"
        " cleared. To clear one, add the column and leave its cell empty."
    )
    reason = plausible.unit_kind("t", "t CO2e")
    assert reason is not None
    kind = plausible.unit_issue(2, "unit", "t", reason)
    assert kind.message.startswith("'t' weighs no named gas; the indicator is measured in 't CO2e'")
    for issue in (kept, kind):
        said = issue.said_in(PSEUDO)
        assert said.startswith("⟦")
        # The column names and units are the format's and the data's own.
        assert english_words(said) - {"note", "method", "CO"} == set()
    assert kind.said_in(translation.ENGLISH) == kind.message
