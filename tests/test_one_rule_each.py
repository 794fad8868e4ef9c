"""Each rule has one home, and the places that used to keep their own copy now agree with it:
the status order, the upload limits, the problem line, settings switches, the clock, "a year
before" and how a stored number is written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from pledges import catalog, clock, ingest, model, numbers, service, settings, store
from pledges.cli import status as status_command
from pledges.ingest import report
from pledges.progress import status
from pledges.service import uploads, vocabulary
from pledges.views import formatting
from pledges.views.pages import indicator_page
from tests.test_cli import run  # noqa: F401 (a fixture)

HEADER = "city,pledge,indicator,period,value,unit,source,note,method\n"
ROW = "Testville,green-deal,renewable-share,2019,34,%,synthetic test row,,\n"


# The status order ------------------------------------------------------------------------


def test_one_status_order_worst_first_then_the_unassessed_then_none() -> None:
    expected = [
        "wrong direction",
        "off track",
        "needs acceleration",
        "on track",
        "achieved",
        "insufficient data",
        "trend only",
        "too little evidence",
        None,
    ]
    shuffled = [expected[i] for i in (8, 3, 6, 0, 7, 4, 1, 5, 2)]
    assert sorted(shuffled, key=status.rank) == expected


@pytest.mark.parametrize("word", [*status.WORDS, None, "no such status"])
def test_the_pages_order_is_the_engines_order(word: str | None) -> None:
    """`formatting.status_rank` used to keep its own ranks (too little evidence tied with
    insufficient data); it now asks `progress.status`."""
    assert formatting.status_rank(word) == status.rank(word)


# Upload limits: the web's only --------------------------------------------------------------


def test_the_importer_has_no_limit_unless_a_caller_sets_one() -> None:
    assert (ingest.Options().max_bytes, ingest.Options().max_rows) == (None, None)


def test_the_web_options_carry_the_settings_limits() -> None:
    conf = settings.load({"PLEDGES_MAX_UPLOAD_MB": "3", "PLEDGES_MAX_UPLOAD_ROWS": "7"})
    options = uploads.web_options(conf)
    assert (options.max_bytes, options.max_rows) == (3 * 1024 * 1024, 7)


def test_a_file_over_the_web_limit_is_refused_on_the_web_and_stored_by_init(
    db: store.Store,
) -> None:
    data = (HEADER + ROW).encode()
    conf = dataclasses.replace(settings.load({}), max_upload_bytes=len(data) - 1)
    on_the_web = service.read_file(db, data, "a.csv", uploads.web_options(conf))
    assert [issue.code for issue in on_the_web.report.errors] == ["file-too-large"]
    # `init` imports its seed files with the importer's own options: no limit.
    seeded = service.import_file(db, service.SEED_USER, data, "a.csv")
    assert seeded.batch is not None and seeded.batch.added == 1


def test_the_command_line_limit_only_when_asked() -> None:
    assert uploads.command_line_options().max_bytes is None
    assert uploads.command_line_options(max_megabytes=1.5).max_bytes == 1_572_864  # 1.5 * 2**20


# The problem line --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issue", "line"),
    [
        (
            report.Issue("bad-number", "No number.", 5, "value"),
            "f.csv:5:value: bad-number: No number.",
        ),
        (report.Issue("file-not-found", "no such file"), "f.csv::: file-not-found: no such file"),
    ],
    ids=["row-and-column", "file-level"],
)
def test_one_problem_line(issue: report.Issue, line: str) -> None:
    assert vocabulary.problem_line("f.csv", issue) == line
    assert report.Report((issue,)).lines("f.csv") == [line]


# Settings switches -------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["1", "true", "yes", "on", " ON ", "True"])
def test_every_switch_reads_the_same_words_as_yes(word: str) -> None:
    conf = settings.load(
        {"PLEDGES_SMTP_STARTTLS": word, "PLEDGES_OIDC_TRUST_MISSING_VERIFIED": word}
    )
    assert (conf.smtp_starttls, conf.oidc_trust_missing_verified) == (True, True)


@pytest.mark.parametrize("word", ["", "0", "no", "off", "false"])
def test_every_switch_reads_the_same_words_as_no(word: str) -> None:
    conf = settings.load(
        {"PLEDGES_SMTP_STARTTLS": word, "PLEDGES_OIDC_TRUST_MISSING_VERIFIED": word}
    )
    assert (conf.smtp_starttls, conf.oidc_trust_missing_verified) == (False, False)


# One clock ---------------------------------------------------------------------------------


def test_assessing_reads_the_stores_clock_not_the_machines(tmp_path: Path, catalog_dir) -> None:
    moment = dt.datetime(2031, 7, 1, tzinfo=dt.UTC)
    db = store.Store.open(f"sqlite:///{tmp_path / 'c.db'}", now=lambda: moment)
    db.migrate()
    db.sync_catalog(catalog.load_pledges(catalog_dir))
    (first, *_) = service.assess(db)
    assert first.assessment.today == dt.date(2031, 7, 1)
    assert service.today(db) == dt.date(2031, 7, 1)


# A year before -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "before"),
    [
        (dt.date(2025, 12, 31), dt.date(2024, 12, 31)),  # the Briefing page said 12-28
        (dt.date(2024, 2, 29), dt.date(2023, 2, 28)),  # no 29 February in 2023
        (dt.date(2025, 3, 1), dt.date(2024, 3, 1)),
    ],
    ids=["31-december", "leap-day", "plain"],
)
def test_a_year_before(day: dt.date, before: dt.date) -> None:
    assert clock.year_before(day) == before


def test_the_briefing_page_and_the_report_use_the_one_rule() -> None:
    root = settings.PROJECT_ROOT / "pledges"
    page = (root / "web" / "pages" / "briefing.py").read_text(encoding="utf-8")
    gathered = (root / "briefing" / "content.py").read_text(encoding="utf-8")
    assert "clock.year_before(as_of)" in page and "clock.year_before(as_of)" in gathered
    assert "year=as_of.year - 1" not in page + gathered


# Numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "stored", "sentence"),
    [
        (5.68, "5.68", "5.7"),
        (2.03, "2.03", "2"),
        (7.25, "7.25", "7.3"),  # half away from zero on the decimal written, not 7.2
        (28_922_796.0, "28,922,796", "28,922,796"),
        (1234.5, "1,234.5", "1,235"),
        (0.000123456, "0.000123456", "0.0001"),
        (-0.0, "0", "0"),
        (-0.00001, "-0.00001", "0"),
    ],
)
def test_a_stored_value_keeps_its_digits_and_a_sentence_rounds(
    value: float, stored: str, sentence: str
) -> None:
    assert numbers.exact(value) == stored
    assert numbers.number(value) == sentence


def test_a_target_is_written_as_defined() -> None:
    target = model.Target(year=2030, kind="value", value=7.25, source="s")
    assert formatting.target_text(target, "t") == "7.25 t"


def test_a_share_is_never_minus_zero() -> None:
    assert formatting.share(-0.001) == "0% (moved away)"


def test_status_json_keeps_the_stored_value_and_never_minus_zero(
    run,  # noqa: F811
    tmp_path: Path,
) -> None:
    """`latest_value` is stored as 5.123456 and comes out so (it was rounded to 5.1235)."""
    run("init")
    rows = (
        "Testville,green-deal,renewable-share,2018,5.123456,%,synthetic,,\n"
        "Testville,green-deal,renewable-share,2019,5.123456,%,synthetic,,\n"
    )
    (tmp_path / "flat.csv").write_text(HEADER + rows, encoding="utf-8")
    assert run("import", str(tmp_path / "flat.csv"))[0] == 0
    out = run("status", "--format", "json")[1]
    (share,) = [r for r in json.loads(out) if r["indicator"] == "renewable-share"]
    assert share["latest_value"] == 5.123456
    assert "-0.0" not in out


@pytest.mark.parametrize("value", [-0.0, -0.00001, -0.000049])
def test_a_computed_number_that_rounds_to_zero_is_zero_in_json(value: float) -> None:
    assert json.dumps(status_command._number(value)) == "0.0"


# The indicator page names the year of each arrival ---------------------------------------


def test_arrivals_name_the_target_each_speaks_of() -> None:
    nearer = model.Target(year=2026, kind="value", value=60, source="s")
    final = model.Target(year=2050, kind="value", value=100, source="s")
    assessment = type(
        "A",
        (),
        {
            "next_target": nearer,
            "final_target": final,
            "next_projected_year": 2026,
            "projected_year": 2049,
        },
    )()
    assert indicator_page.arrivals(assessment) == {
        "projected arrival at the 2026 target": "2026",
        "projected arrival at the final target (2050)": "2049",
    }
