"""One "latest": the sentence opens on the value the Latest line names (the engine's rule), a
newer value of another construction is named as such, and with no value used the sentence
never speaks of "the last value used" (Houston's CDP row, by hand)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pledges import model, progress
from pledges.views import formatting
from tests.test_progress_status import SOURCE, annual

TODAY = dt.date(2026, 12, 5)
BASIC = "GPC; city boundary; BASIC"
PARTS = "GPC; city boundary; parts"


def houston() -> progress.Assessment:
    # Houston as reported to CDP: 33,414,017 t on BASIC (2014, the baseline's construction) and
    # 32,695,187 t as GPC parts (2019). One value per construction: no series has 2 values,
    # so there is no basis and no status.
    frame = pd.concat(
        [annual({2014: 33_414_017.0}, BASIC), annual({2019: 32_695_187.0}, PARTS)],
        ignore_index=True,
    )
    indicator = model.Indicator(
        key="community-emissions",
        name="Community-wide emissions",
        unit="t CO2e",
        direction="lower",
        baseline=model.Baseline(2014, 33_414_017.0, SOURCE, method=BASIC),
        targets=(model.Target(2030, "value", 20_000_000.0, SOURCE),),
    )
    return progress.assess(indicator, frame, TODAY)


def test_without_a_basis_the_sentence_opens_on_the_latest_lines_value() -> None:
    a = houston()
    assert a.basis_to is None and a.status == "insufficient data"
    # The definition's own construction (BASIC) is the latest; 2019 is another one's.
    assert formatting.latest_point(a) == (2014, 33_414_017.0, BASIC)
    assert a.sentence.startswith("Community-wide emissions: 33,414,017 t CO2e in 2014.")
    assert "The 2019 value, 32,695,187 t CO2e, is on another definition" in a.sentence
    assert formatting.latest_text(a, a.unit) == (
        f"33,414,017 t CO2e (2014); newer: 32,695,187 t CO2e in 2019 ({PARTS}: another definition)"
    )


def test_with_no_value_used_the_age_is_the_latest_values_not_a_used_ones() -> None:
    a = houston()
    # 2026 - 2014 = 12 years, past the 10-year limit: stale, and no value is used.
    assert a.stale
    assert "last value used" not in a.sentence.lower()
    assert a.sentence.endswith("the 2014 value is 12 years old.")


def test_with_a_basis_the_last_value_used_is_still_named() -> None:
    # 2018 and 2020 on BASIC: a basis (2 values, the last 2026 - 2020 = 6 years old, within
    # the 10-year limit and past the 3 years of "stale").
    frame = annual({2018: 30_000_000.0, 2020: 29_000_000.0}, BASIC)
    indicator = model.Indicator(
        key="e",
        name="Emissions",
        unit="t CO2e",
        direction="lower",
        targets=(model.Target(2030, "value", 20_000_000.0, SOURCE),),
    )
    a = progress.assess(indicator, frame, TODAY)
    assert a.basis_to == 2020 and a.stale
    assert formatting.latest_point(a) == (2020, 29_000_000.0, BASIC)
    assert a.sentence.startswith("Emissions: 29,000,000 t CO2e in 2020")
    assert "The last value used is 6 years old." in a.sentence
