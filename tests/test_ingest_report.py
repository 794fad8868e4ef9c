"""The report: one shape for every problem, capped with a count, as table, CSV and CLI lines."""

from __future__ import annotations

import csv
import io

from pledges import ingest, model
from pledges.ingest import report

LA, PLEDGE = "Los Angeles", "five-zeroes"
CATALOG = {
    model.IndicatorRef(LA, PLEDGE, "renewable-share"): model.Indicator(
        key="renewable-share", name="Renewable share", unit="%", direction="higher"
    )
}
HEADER = "city,pledge,indicator,period,value,unit,source,note"


def _many_bad_rows(count: int) -> bytes:
    """A file whose every row has a bad period."""
    lines = [f"{LA},{PLEDGE},renewable-share,FY{2000 + i},1,%,x," for i in range(count)]
    return "\n".join([HEADER, *lines]).encode()


def test_the_report_keeps_the_first_hundred_and_counts_the_rest() -> None:
    result = ingest.read(_many_bad_rows(150), "many.csv", CATALOG)
    assert len(result.report.issues) == 100
    assert (result.report.more, result.report.more_errors) == (50, 50)
    assert [issue.row for issue in result.report.issues][:3] == [2, 3, 4]
    assert result.report.lines("many.csv")[-1] == "many.csv::: more: 50 more problems not listed"


def test_errors_past_the_cap_still_block() -> None:
    collector = report.Collector(cap=1)
    collector.add(report.Issue("x", "a warning", severity="warning"))
    collector.add(report.Issue("bad-number", "an error", 2, "value"))
    finished = collector.finish()
    assert finished.errors == ()
    assert not finished.ok


def test_lines_are_file_row_column_code_message() -> None:
    result = ingest.read(_many_bad_rows(1), "one.csv", CATALOG)
    assert result.report.lines("one.csv") == [
        "one.csv:2:period: bad-period: Period 'FY2000' is not a year or an ISO date."
    ]


def test_file_level_issues_have_no_row_and_come_first() -> None:
    result = ingest.read(b"\x00\x01binary", "junk.bin", CATALOG)
    assert result.report.positions() == [(None, None, "not-csv-xlsx")]
    assert result.report.lines("junk.bin")[0].startswith("junk.bin::: not-csv-xlsx: ")


def test_table_and_csv_carry_every_field() -> None:
    result = ingest.read(_many_bad_rows(2), "two.csv", CATALOG)
    frame = result.report.to_frame()
    assert list(frame.columns) == list(report.COLUMNS)
    assert frame["row"].tolist() == [2, 3]
    rows = list(csv.DictReader(io.StringIO(result.report.to_csv().decode())))
    assert [(r["row"], r["column"], r["code"], r["value"]) for r in rows] == [
        ("2", "period", "bad-period", "FY2000"),
        ("3", "period", "bad-period", "FY2001"),
    ]
    assert rows[0]["expected"] == "a year (2019) or an ISO date (2019-06-30)"


def test_an_empty_report_is_ok_and_has_an_empty_table() -> None:
    empty = report.Report()
    assert empty.ok
    assert empty.to_frame().empty
    assert empty.to_csv() == b"row,column,code,severity,message,value,expected\n"


def test_the_problems_report_is_neutralised_as_the_export_is() -> None:
    """A cell a spreadsheet would run (`=HYPERLINK(...)`) is written with a leading `'`, in
    the Upload page's report and the full one; a plain negative number is left alone."""
    hostile = '=HYPERLINK("http://evil.example","click")'
    found = report.Report(
        (
            report.Issue("bad-number", "+1 is not " + hostile, 2, "@value", hostile, "-5"),
            report.Issue("bad-unit", "No unit.", 3, "unit", "-12.5"),
        )
    )
    rows = list(csv.DictReader(io.StringIO(found.to_csv().decode())))
    assert (rows[0]["value"], rows[0]["message"]) == ("'" + hostile, "'+1 is not " + hostile)
    assert (rows[0]["column"], rows[0]["expected"]) == ("'@value", "-5")
    assert rows[1]["value"] == "-12.5"
    full = list(csv.reader(io.StringIO(found.full_csv("=cmd|.csv").decode())))
    assert full[1][0] == "'=cmd|.csv" and full[1][2] == "'@value"
    assert full[1][4] == "'+1 is not " + hostile
