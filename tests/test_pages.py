"""Smoke tests per page (AppTest) on a synthetic file database: every page runs and says
what it must, including the odd states (no data, one value, no target, no indicators)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from pledges import clock, settings, store
from tests import sample_city

APP = settings.PROJECT_ROOT / "app.py"
PAGES = settings.PROJECT_ROOT / "pledges" / "web" / "pages"
STATUS_WORDS = (
    "wrong direction",
    "off track",
    "needs acceleration",
    "on track",
    "achieved",
    "insufficient data",
    "trend only",
)
# The day the pages assess as of (the sample's values were stored on 2026-01-01), so what
# they say does not move with the machine's date.
AS_OF = "2026-06-30"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One synthetic database for the module (the pages only read it)."""
    return sample_city.build(tmp_path_factory.mktemp("pages"))


@pytest.fixture
def app(database: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app, pointed at the synthetic database."""
    monkeypatch.setenv("PLEDGES_DATABASE_URL", database)
    return AppTest.from_file(str(APP), default_timeout=30)


def texts(at: AppTest) -> str:
    """Every piece of text the run put on the page."""
    parts = [e.value for e in at.title]
    parts += [e.value for e in at.header] + [e.value for e in at.subheader]
    parts += [e.value for e in at.markdown] + [e.value for e in at.caption]
    parts += [e.value for e in at.info] + [e.value for e in at.warning]
    return "\n".join(str(part).replace("\\", "") for part in parts)


def open_page(at: AppTest, page: str, **params: str) -> AppTest:
    """Run one page with query parameters, as a shared link would open it."""
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(str(PAGES / page))
    return at.run()


def test_overview_lists_goals_with_status_words_worst_first(app: AppTest) -> None:
    at = open_page(app, "overview.py", city="Testville", as_of=AS_OF)
    assert not at.exception
    text = texts(at)
    assert "Testville: climate pledges" in text
    goals = [e.value.replace("\\", "") for e in at.subheader]
    assert "Where each goal stands" in [e.value for e in at.header]
    assert goals.index("Lower emissions") < goals.index("Clean grid")
    # Lower emissions: 3 of its 5 indicators with targets are assessed, so the worst speaks.
    # City emissions fall 10 kt a year; the trend gives 1000 - 10 * 16 = 840 kt in 2026 and
    # the 2030 milestone is 1000 * (1 - 50 %) = 500 kt: (840 - 500) / 4 = 85 kt a year
    # needed, a pace ratio of 10 / 85 = 0.12, under 0.5: off track. No indicator moves away.
    assert "▼ off track · Lower emissions · weak evidence" in text
    assert "Superseded by Testville Green Deal on 01 Apr 2019." in text
    assert "No values yet (1): Cool roofs." in text
    assert "of the way from baseline to target" in "".join(p.proto.text for p in at.get("progress"))
    assert "newest value is for 2020" in text


def test_overview_of_a_city_whose_goal_has_no_indicators(app: AppTest) -> None:
    at = open_page(app, "overview.py", city="Quietville")
    assert not at.exception
    assert "No indicators are defined for this goal." in texts(at)


@pytest.mark.parametrize(
    ("indicator", "expected", "badge"),
    [
        # 15, 17, 20 ("old") then 23 ... 34.5 ("new"): two lines, split where the method changes.
        (
            "renewable-share",
            "The line is broken into 2 parts where the method changes.",
            "◆ needs acceleration",
        ),
        ("coal-share", "no status", "– trend only"),
        ("one-value", "One value is stored", "? insufficient data"),
        ("no-data", "No values are stored for this indicator yet.", "? insufficient data"),
        # 600 - 20 a year from 2015: 400 kg, the range's upper edge, in 2025.
        ("landfill", "The trend reaches the 300-400 kg target in 2025", "▲ on track"),
        ("water", "holding since 2018", "✔ achieved"),
    ],
    ids=["method-break", "trend-only", "one-value", "no-data", "range", "maintain"],
)
def test_indicator_page_opens_the_linked_indicator(
    app: AppTest, indicator: str, expected: str, badge: str
) -> None:
    at = open_page(
        app, "indicator.py", city="Testville", pledge="green-deal", indicator=indicator, as_of=AS_OF
    )
    assert not at.exception
    assert at.selectbox(key="pick-indicator").value == indicator
    text = texts(at)
    frames = " ".join(df.value.to_csv() for df in at.dataframe)
    assert expected in text or expected in frames
    # The indicator's own status badge (the pledge's, above it, is "▼ off track").
    assert f"-badge[{badge}]" in text
    assert len(at.get("plotly_chart")) == 1


def test_indicator_page_shows_milestones_and_sources(app: AppTest) -> None:
    at = open_page(
        app, "indicator.py", city="Testville", pledge="green-deal", indicator="renewable-share"
    )
    frames = {tuple(df.value.columns): df.value for df in at.dataframe}
    verdicts = frames[("year", "target", "verdict", "detail", "kind", "source")]
    assert list(verdicts["year"]) == [2030, 2045]
    sources = next(df for cols, df in frames.items() if "source" in cols and "batch" in cols)
    assert set(sources["source"]) == {"synthetic source for renewable-share"}


def test_an_unknown_indicator_in_the_link_falls_back_to_the_first_shown(app: AppTest) -> None:
    at = open_page(app, "indicator.py", city="Testville", pledge="green-deal", indicator="nope")
    assert not at.exception
    picker = at.selectbox(key="pick-indicator")
    # The first in reading order (worst status first; tests/test_indicator_reading_order.py),
    # not the first defined (renewable-share).
    assert picker.value == "emissions"


def test_a_past_date_says_what_was_revised_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One value restated on 1 March 2026: a view as of 1 February counts it, one as of
    2 March has nothing revised since (the sample's own imports are of 1 January)."""
    url = sample_city.build(tmp_path)
    later = store.Store.open(url, now=clock.Ticking(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))
    restated = sample_city.frame([("Testville", "green-deal", "coal-share", 2020, 26.5, None)])
    later.commit(restated, "tester", "march.csv", "c" * 64)
    later.engine.dispose()
    monkeypatch.setenv("PLEDGES_DATABASE_URL", url)
    before = open_page(
        AppTest.from_file(str(APP), default_timeout=30),
        "overview.py",
        city="Testville",
        as_of="2026-02-01",
    )
    assert not before.exception
    assert (
        "As reported on 01 Feb 2026. Since then 1 stored values and 0 target versions have"
        " changed; today's pages differ." in texts(before)
    )
    after = open_page(
        AppTest.from_file(str(APP), default_timeout=30),
        "overview.py",
        city="Testville",
        as_of="2026-03-02",
    )
    assert "As reported on 02 Mar 2026. Nothing stored then has been revised since." in texts(after)


def test_an_empty_database_says_how_to_load_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    store.Store.open(url).migrate()
    monkeypatch.setenv("PLEDGES_DATABASE_URL", url)
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert "No city is loaded yet" in texts(at)


def test_targets_page_lists_every_target_with_verdicts_and_changes(app: AppTest) -> None:
    at = open_page(app, "targets.py", city="Testville")
    assert not at.exception
    frames = [df.value for df in at.dataframe]
    listed = pd.concat([f for f in frames if "verdict" in f.columns])
    assert len(listed) == 9  # 8 in the Green Deal, 1 in the superseded plan
    assert set(listed["kind"]) == {
        "value to reach",
        "change from baseline",
        "range",
        "level to hold",
    }
    changes = next(f for f in frames if "in force from" in f.columns)
    raised = changes[changes["year"] == 2030]
    assert list(raised["target"]) == ["60 %", "65 %"]
    assert raised["replaced on"].notna().tolist() == [True, False]
    assert "Superseded by Testville Green Deal" in texts(at)


def test_compare_page_sets_cities_side_by_side_on_share_and_status(app: AppTest) -> None:
    at = open_page(app, "compare.py", city="Testville")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    frames = [df.value for df in at.dataframe]
    side = next(f for f in frames if "active pledges" in f.columns)
    assert list(side["city"]) == ["Testville", "Otherton", "Quietville"]
    assert not {"value", "latest", "latest value"} & set(side.columns)  # never raw values
    shared = next(f for f in frames if "unit" in f.columns)
    assert set(shared["city"]) == {"Testville", "Otherton"}
    assert set(shared["indicator"]) == {"renewable-share"}


def test_data_page_shows_values_with_provenance_and_revisions(app: AppTest) -> None:
    at = open_page(app, "data.py", city="Testville")
    assert not at.exception
    frames = [df.value for df in at.dataframe]
    values = next(f for f in frames if "imported" in f.columns)
    assert len(values) == len(sample_city.first_batch().query("city == 'Testville'"))
    assert values["imported"].str.contains("first.csv by tester").any()
    assert values["imported"].str.contains("restated.csv by tester").any()
    revised = next(f for f in frames if "old value" in f.columns)
    assert revised[["old value", "new value"]].values.tolist() == [[33.0, 34.5]]
    assert at.get("download_button")


def test_methodology_page_renders_the_document_and_live_thresholds(app: AppTest) -> None:
    at = open_page(app, "methodology.py")
    assert not at.exception
    text = texts(at)
    assert "## Status" in text
    rules = next(df.value for df in at.dataframe if "rule" in df.value.columns)
    # Revision 2 adds the roll-up word "too little evidence" to the table.
    words = {*STATUS_WORDS, "too little evidence"}
    assert len(rules) == len(words)
    assert set(rules["status"].str.split(" ", n=1).str[1]) == words


def test_overview_leads_with_the_one_pager_word_for_word(app: AppTest, database: str) -> None:
    from pledges import briefing, store
    from pledges.views.council import one_pager_text

    at = open_page(app, "overview.py", city="Testville")
    assert not at.exception
    summary = briefing.gather(store.Store.open(database), "Testville").summary
    lines = one_pager_text.screen_lines(summary)
    assert lines[0] in [str(h.value).replace("\\", "") for h in at.header]
    shown = [str(m.value).replace("\\", "") for m in at.markdown]
    shown = [line.removeprefix(":small[").removesuffix("]").strip("*") for line in shown]
    headings = {
        "Goals, worst first",
        "Milestones",
        one_pager_text.LINES_HEADING,
        one_pager_text.GAPS_HEADING,
    }
    shown = [line for line in shown if line not in {*headings, "Changed since the last briefing"}]
    start = shown.index(lines[1])
    assert shown[start : start + len(lines) - 1] == lines[1:]
