"""Export: the upload format, stable byte for byte, neutralised against formula injection."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

from pledges import ingest, model
from pledges.ingest import export

LA, PLEDGE = "Los Angeles", "five-zeroes"
CATALOG = {
    model.IndicatorRef(LA, PLEDGE, key): model.Indicator(
        key=key, name=key, unit=unit, direction="higher"
    )
    for key, unit in [("renewable-share", "%"), ("ghg-total", "kt CO2e"), ("net-flow", "GWh")]
}


def _frame(records: list[tuple]) -> pd.DataFrame:
    """A store-like frame with the ingest columns."""
    columns = [
        "city",
        "pledge",
        "indicator",
        "period",
        "annual",
        "value",
        "unit",
        "source",
        "note",
        "method",
    ]
    return pd.DataFrame(
        {name: pd.Series([r[i] for r in records], dtype=object) for i, name in enumerate(columns)}
    )


FRAME = _frame(
    [
        (LA, PLEDGE, "renewable-share", dt.date(2020, 1, 1), True, 36.5, "%", "LADWP", None, None),
        (LA, PLEDGE, "renewable-share", dt.date(2019, 1, 1), True, 34.0, "%", "LADWP", None, None),
        (
            LA,
            PLEDGE,
            "ghg-total",
            dt.date(2019, 6, 30),
            False,
            28922.796,
            "kt CO2e",
            "CDP 2017",
            'GPC, "BASIC"\nsecond line',
            "GPC BASIC",
        ),
        (
            LA,
            PLEDGE,
            "ghg-total",
            dt.date(2013, 1, 1),
            True,
            0.1 + 0.2,
            "kt CO2e",
            "=cmd|' /C calc'!A0",
            "@SUM(1+1)",
            None,
        ),
        (
            LA,
            PLEDGE,
            "net-flow",
            dt.date(2018, 1, 1),
            True,
            -12.5,
            "GWh",
            "+1 (555)",
            "-note",
            None,
        ),
        (
            LA,
            PLEDGE,
            "net-flow",
            dt.date(2019, 1, 1),
            True,
            -3.0,
            "GWh",
            "\tTabbed",
            "\rReturn",
            None,
        ),
        (LA, PLEDGE, "net-flow", dt.date(2020, 1, 1), True, 7.33347e-05, "GWh", "-5", None, None),
        (LA, PLEDGE, "net-flow", dt.date(2021, 1, 1), True, 1.5e20, "GWh", "x", None, None),
    ]
)


def test_export_is_sorted_with_stable_numbers_and_periods() -> None:
    text = export.to_csv(FRAME).decode()
    assert text.endswith("\n")
    lines = [",".join(cells) for cells in csv.reader(io.StringIO(text, newline=""))]
    assert lines[0] == "city,pledge,indicator,period,value,unit,source,note,method"
    assert lines[1] == (
        "Los Angeles,five-zeroes,ghg-total,2013,0.30000000000000004,kt CO2e,"
        "'=cmd|' /C calc'!A0,'@SUM(1+1),"
    )
    assert lines[2].startswith("Los Angeles,five-zeroes,ghg-total,2019-06-30,28922.796,")
    assert [line.split(",")[3:5] for line in lines[3:7]] == [
        ["2018", "-12.5"],
        ["2019", "-3"],
        ["2020", "7.33347e-05"],
        ["2021", "1.5e+20"],
    ]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1 (555)", "'+1 (555)"),
        ("-note", "'-note"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("-5", "-5"),
        ("-12.5", "-12.5"),
        ("+3e5", "+3e5"),
        ("plain", "plain"),
        ("'=already", "'=already"),
    ],
    ids=[
        "equals",
        "plus",
        "minus",
        "at",
        "tab",
        "cr",
        "negative",
        "negative-float",
        "sci",
        "plain",
        "already-quoted",
    ],
)
def test_formula_payloads_are_neutralised_numbers_are_not(cell: str, written: str) -> None:
    assert export.neutralise(cell) == written


def test_negative_values_stay_numbers() -> None:
    text = export.to_csv(FRAME).decode()
    assert ",-12.5,GWh," in text and ",-3,GWh," in text


def test_export_import_export_is_byte_identical() -> None:
    first = export.to_csv(FRAME)
    result = ingest.read(first, "export.csv", CATALOG)
    assert result.report.ok, result.report.lines("export.csv")
    assert len(result.frame) == len(FRAME)
    assert result.frame.loc[result.frame["period"] == dt.date(2013, 1, 1), "source"].item() == (
        "=cmd|' /C calc'!A0"
    )
    assert export.to_csv(result.frame) == first


def test_excel_export_has_a_bom_and_reimports() -> None:
    data = export.to_csv(FRAME, excel=True)
    assert data.startswith("\ufeff".encode())
    result = ingest.read(data, "excel.csv", CATALOG)
    assert result.encoding == "utf-8-sig"
    assert export.to_csv(result.frame, excel=True) == data


def test_without_methods_the_method_column_is_left_out() -> None:
    frame = FRAME[FRAME["method"].isna()]
    assert export.to_csv(frame).decode().split("\n")[0] == (
        "city,pledge,indicator,period,value,unit,source,note"
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (34.0, "34"),
        (36.5, "36.5"),
        (-0.0, "0"),
        (1e16, "1e+16"),
        (123456789012345.0, "123456789012345"),
        (0.1, "0.1"),
        (1 / 3, "0.3333333333333333"),
    ],
)
def test_numbers_are_shortest_round_trip(value: float, text: str) -> None:
    assert export.number(value) == text
    assert float(text) == value
