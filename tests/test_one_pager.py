"""The council one-pager: its words, its one page at A4 and Letter, and its JSON."""

from __future__ import annotations

import datetime as dt
import html
import json
import subprocess
import textwrap
from pathlib import Path

import pytest

from pledges import briefing, catalog, cli, progress, store
from pledges.views.council import one_pager
from tests.conftest import seed_repository

AS_OF = dt.date(2026, 12, 1)
SEEDED = ("Los Angeles", "New York City", "San Francisco", "London", "Copenhagen")
HOSTILE = '<script>alert("x")</script> & Zero <b>waste</b>'
LONE = textwrap.dedent(
    f"""\
    city: {{name: Loneville, country: Canada}}
    pledge:
      id: lone
      name: Loneville Plan
      adopted: 2020
      source: "Synthetic test definition"
    goals:
      - id: only
        name: '{HOSTILE}'
        indicators:
          - id: share
            name: Share
            unit: "%"
            direction: higher
            baseline: {{year: 2015, value: 20, source: "synthetic"}}
            targets:
              - {{year: 2030, value: 60, source: "synthetic"}}
    """
)


@pytest.mark.parametrize(
    ("ratio", "words"),
    [
        (0.2, "at this pace, a fifth of what is needed"),
        (0.26, "at this pace, a quarter of what is needed"),
        (0.5, "at this pace, half of what is needed"),
        (0.95, "at this pace, about what is needed"),
        (2.0, "at this pace, twice what is needed"),
        (-0.52, "moving away from the target"),
        (None, ""),
    ],
)
def test_pace_ratios_are_said_in_words(ratio: float | None, words: str) -> None:
    assert one_pager.pace_words(ratio) == words


def test_paper_follows_the_country() -> None:
    assert one_pager.paper_for("United States of America") == "letter"
    assert one_pager.paper_for("Canada") == "letter"
    assert one_pager.paper_for("Denmark") == "a4"
    assert one_pager.paper_for(None) == "a4"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> store.Store:
    """The repository's seeded cities and panel, plus a one-goal city with no data."""
    folder = tmp_path_factory.mktemp("seeded")
    url = f"sqlite:///{folder / 'seeded.db'}"
    seed_repository(url, dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)).engine.dispose()
    lone = folder / "lone"
    lone.mkdir()
    (lone / "loneville--lone.yaml").write_text(LONE, encoding="utf-8")
    db = store.Store.open(url)
    db.sync_catalog(catalog.load_pledges(lone), now=dt.datetime(2026, 1, 1))
    return db


def pdf_pages(data: bytes, folder: Path) -> tuple[int, str]:
    path = folder / "summary.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(next(ln for ln in info.stdout.splitlines() if ln.startswith("Pages:")).split()[1])
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return pages, " ".join(text.split())


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("city", [*SEEDED, "Loneville"])
def test_summary_is_one_page_naming_every_goal(
    seeded: store.Store, city: str, paper: str, tmp_path: Path
) -> None:
    data = briefing.build_pdf(seeded, city, as_of=AS_OF, paper=paper, summary_only=True)
    pages, text = pdf_pages(data, tmp_path)
    assert pages == 1
    summary = briefing.gather(seeded, city, as_of=AS_OF).summary
    assert summary.goals
    assert "As of 01 December 2026" in text
    assert "Page 1 of 1" in text
    for row in summary.goals:
        assert " ".join(row.goal.split()) in text
        assert row.status in text
    assert "-52 %" not in text and "%" not in summary.goals[0].pace_words


def test_hostile_goal_name_stays_text(seeded: store.Store, tmp_path: Path) -> None:
    page = briefing.build_html(seeded, "Loneville", as_of=AS_OF, summary_only=True).decode()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;b&gt;waste&lt;/b&gt;" in page
    assert HOSTILE in html.unescape(page)
    _, text = pdf_pages(briefing.build_pdf(seeded, "Loneville", as_of=AS_OF), tmp_path)
    assert HOSTILE in text


def test_no_data_city_says_it_cannot_judge(seeded: store.Store) -> None:
    s = briefing.gather(seeded, "Loneville", as_of=AS_OF).summary
    # One indicator with a target, none assessed: 0 of 1.
    assert s.evidence_coverage["assessed"] == 0
    assert s.evidence_coverage["with_targets"] == 1
    # One goal, not judged; one indicator with a target, not assessed: each count says what,
    # its noun in the plural form the catalog gives for one (issue 32: whole-sentence plurals).
    assert s.sentence == (
        "Insufficient data to judge Loneville Plan as a whole: 0 of its 1 goal can be judged,"
        " and 0 of its 1 indicator with a target."
    )
    assert s.status == "insufficient data"  # the roll-up's word is the indicator's
    assert s.gaps[0].reason == "no value ever"
    assert s.goals[0].latest == "no value yet"
    assert s.peers is None


def test_report_json_has_the_page_keys(
    seeded: store.Store, capsys: pytest.CaptureFixture[str]
) -> None:
    url = str(seeded.engine.url)
    code = cli.main(
        [
            "--database",
            url,
            "report",
            "--city",
            "Los Angeles",
            "--as-of",
            "2026-12-01",
            "--format",
            "json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    keys = {
        "pledge",
        "status",
        "evidence_coverage",
        "goals",
        "milestones",
        "gaps",
        "changes",
        "peers",
    }
    assert keys <= set(data)
    assert data["pledge"].startswith("Five Zeroes")
    statuses = [g["status"] for g in data["goals"]]
    ranks = [progress.status.rank(s) for s in statuses]
    assert ranks == sorted(ranks)  # worst first
    assert "five-zeroes" not in json.dumps(data)  # no internal id
    nexts = [m["verdict"] for m in data["milestones"] if m["which"] == "next"]
    assert nexts and all(v == "no data" or v.startswith("not yet due; ") for v in nexts)


def test_summary_only_defaults_to_the_countrys_paper(seeded: store.Store, tmp_path: Path) -> None:
    out = tmp_path / "lone.pdf"
    url = str(seeded.engine.url)
    args = ["--database", url, "report", "--city", "Loneville", "--as-of", "2026-12-01"]
    assert cli.main([*args, "--summary-only", "--out", str(out)]) == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "letter" in info.stdout  # Loneville is in Canada
    assert "Pages:           1" in info.stdout


def _words_in_order(words: list[str], text: list[str]) -> bool:
    """True when `words` stand in `text` in this order (a wrapped table cell interleaves)."""
    it = iter(text)
    return all(any(w == t for t in it) for w in words)


def test_overview_says_what_page_one_says(
    seeded: store.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from pledges.views.council import one_pager_text

    summary = briefing.gather(seeded, "Los Angeles", as_of=AS_OF).summary
    data = briefing.build_pdf(seeded, "Los Angeles", as_of=AS_OF, summary_only=True)
    _, text = pdf_pages(data, tmp_path)
    # A line broken after a hyphen comes back from pdftotext without it ("selfreported").
    joined = text.replace("-", "")
    for line in one_pager_text.text_lines(summary):
        assert " ".join(line.split()).replace("-", "") in joined, line
    words = joined.split()
    for row in [
        *map(one_pager_text.goal_cells, summary.goals),
        *map(one_pager_text.milestone_cells, summary.milestones),
    ]:
        for cell in row:
            assert _words_in_order(cell.replace("-", "").split(), words), cell
    monkeypatch.setenv("PLEDGES_DATABASE_URL", str(seeded.engine.url))
    root = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(root / "app.py"), default_timeout=60)
    at.query_params["city"] = "Los Angeles"
    at.query_params["as_of"] = AS_OF.isoformat()
    at.switch_page(str(root / "pledges" / "web" / "pages" / "overview.py"))
    at.run()
    assert not at.exception
    shown = [str(m.value).replace("\\", "") for m in at.markdown]
    shown = [m.removeprefix(":small[").removesuffix("]").strip("*") for m in shown]
    screen = one_pager_text.screen_lines(summary)
    assert screen[0] in [str(h.value).replace("\\", "") for h in at.header]
    assert [line for line in shown if line in screen][: len(screen) - 1] == screen[1:]
    # Page 1's prose lines are the screen's, and the screen's rows are page 1's cells.
    assert set(one_pager_text.text_lines(summary)) <= set(screen)


def test_goals_without_a_grade_say_what_that_means(seeded: store.Store) -> None:
    summary = briefing.gather(seeded, "Loneville", as_of=AS_OF).summary
    assert summary.goals[0].evidence == "none: nothing to assess yet"
    lines = " ".join(one_pager.text_lines(summary))
    assert "(– evidence)" not in lines and "– evidence" not in lines


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_panels_largest_city_fits_one_page(
    seeded: store.Store, paper: str, tmp_path: Path
) -> None:
    panel = [c for c in seeded.cities() if c.name not in {*SEEDED, "Loneville"}]
    biggest = max(panel, key=lambda c: c.population or 0)
    # Dhaka: 21,741,090 people in the CDP file, the largest of the panel's 800-odd cities.
    assert biggest.population == max(c.population or 0 for c in panel)
    data = briefing.build_pdf(seeded, biggest.name, as_of=AS_OF, paper=paper, summary_only=True)
    pages, text = pdf_pages(data, tmp_path)
    assert pages == 1
    assert "Page 1 of 1" in text and biggest.name in text


def test_superseded_names_the_newer_pledge(seeded: store.Store) -> None:
    page = briefing.build_html(seeded, "Los Angeles", as_of=AS_OF).decode()
    assert "Superseded by Five Zeroes" in html.unescape(page)
    assert "by five-zeroes" not in page
