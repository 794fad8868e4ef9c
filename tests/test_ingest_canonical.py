"""The canonical fast path answers exactly as the general reader, or leaves the file to it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pledges import ingest, model, service, store
from pledges.ingest.reading import canonical
from pledges.ingest.reading import mapping as column_mapping
from tests.conftest import long_frame

LA, PLEDGE = "Los Angeles", "five-zeroes"
HEADER = "city,pledge,indicator,period,value,unit,source,note"


def _indicator(key: str, unit: str, name: str | None = None) -> model.Indicator:
    """A bare indicator for the test catalog."""
    return model.Indicator(key=key, name=name or key, unit=unit, direction="higher")


CATALOG = {
    model.IndicatorRef(LA, PLEDGE, "renewable-share"): _indicator(
        "renewable-share", "%", "Renewable share of LADWP power"
    ),
    model.IndicatorRef(LA, PLEDGE, "ghg-total"): _indicator("ghg-total", "kt CO2e"),
    model.IndicatorRef(LA, PLEDGE, "electricity"): _indicator("electricity", "GWh"),
}
ROWS = (
    "Los Angeles,five-zeroes,renewable-share,2019,34,%,LADWP,\n"
    "Los Angeles,five-zeroes,renewable-share,2020,36.5,%,LADWP,a note\n"
    "Los Angeles,five-zeroes,ghg-total,2019-06-30,1500.25,kt CO2e,LASAN,\n"
    "Los Angeles,five-zeroes,ghg-total,2020-06-30,-3,t CO2e,LASAN,\n"
)

# Files the fast path reads itself: (id, bytes).
GOOD = [
    ("canonical", f"{HEADER}\n{ROWS}".encode()),
    ("bom", f"\ufeff{HEADER}\n{ROWS}".encode()),
    ("crlf", f"{HEADER}\n{ROWS}".replace("\n", "\r\n").encode()),
    ("no final newline", f"{HEADER}\n{ROWS}".rstrip("\n").encode()),
    (
        "columns in another order",
        b"value,period,unit,source,city,pledge,indicator\n"
        b"34,2019,%,LADWP,Los Angeles,five-zeroes,renewable-share\n",
    ),
    (
        "with method",
        f"{HEADER},method\n{ROWS}".replace(
            "\n",
            ",LEGGI\n",
        )
        .replace("method,LEGGI", "method")
        .encode(),
    ),
    (
        "unit converted",
        f"{HEADER}\nLos Angeles,five-zeroes,electricity,2019,1234,MWh,x,\n".encode(),
    ),
    (
        "names by case and spacing",
        f"{HEADER}\nlos angeles, Five-Zeroes ,GHG-TOTAL,2019,1,kt CO2e,x,\n".encode(),
    ),
    (
        "indicator by its name",
        f"{HEADER}\n{LA},{PLEDGE},Renewable share of LADWP power,2019,34,%,x,\n".encode(),
    ),
    ("blank lines kept out", f"{HEADER}\n\n{ROWS}\n,,,,,,,\n\n".encode()),
    (
        "utf-8 text",
        f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,kt CO2e,Stadt Münster – Klima,\n".encode(),
    ),
    ("neutralised cell", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,kt CO2e,'=x,\n".encode()),
]

# Files the general reader must read (a problem to report, or a rule of the csv module).
LEFT = [
    ("semicolon", f"{HEADER}\n{ROWS}".replace(",", ";").encode()),
    ("cp1252", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,kt CO2e,Münster,\n".encode("cp1252")),
    ("quoted", f'{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,kt CO2e,"LASAN, 2020",\n'.encode()),
    ("capital header", f"{HEADER.title()}\n{ROWS}".encode()),
    ("extra column", f"{HEADER},other\n{ROWS}".replace(",\n", ",,x\n").encode()),
    ("missing column", b"city,pledge,indicator,period,value,unit\nLos Angeles,x,y,2019,1,%\n"),
    ("preamble", f"Emissions report\n{HEADER}\n{ROWS}".encode()),
    ("extra cells", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,234,kt CO2e,x,\n".encode()),
    ("short row", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019\n".encode()),
    ("unknown indicator", f"{HEADER}\n{LA},{PLEDGE},ghg,2019,1,kt CO2e,x,\n".encode()),
    ("target row", f"{HEADER}\n{LA},{PLEDGE},Target 2030,2030,1,kt CO2e,x,\n".encode()),
    ("bad period", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019/20,1,kt CO2e,x,\n".encode()),
    ("fiscal year", f"{HEADER}\n{LA},{PLEDGE},ghg-total,FY2021-22,1,kt CO2e,x,\n".encode()),
    ("empty value", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,,kt CO2e,x,\n".encode()),
    ("grouped number", f'{HEADER}\n{LA},{PLEDGE},ghg-total,2019,"1,234",kt CO2e,x,\n'.encode()),
    ("decimal comma", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1e3,kt CO2e,x,\n".encode()),
    ("plus sign", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,+1,kt CO2e,x,\n".encode()),
    ("spaced number", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019, 1,kt CO2e,x,\n".encode()),
    ("empty unit", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,,x,\n".encode()),
    ("unknown unit", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,tons,x,\n".encode()),
    ("incompatible unit", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,GWh,x,\n".encode()),
    ("empty source", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,kt CO2e,,\n".encode()),
    (
        "duplicate key",
        f"{HEADER}\n{ROWS}{LA},{PLEDGE},ghg-total,2019-06-30,2,kt CO2e,x,\n".encode(),
    ),
    (
        "same year twice",
        f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,kt CO2e,x,\n"
        f"{LA},{PLEDGE},ghg-total,2019-01-01,1,kt CO2e,x,\n".encode(),
    ),
    ("header only", f"{HEADER}\n".encode()),
    ("blank rows only", f"{HEADER}\n\n,,,,,,,\n".encode()),
    ("nul byte", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,kt CO2e,x\x00,\n".encode()),
    ("lone carriage return", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,1,kt\rCO2e,x,\n".encode()),
    ("huge number", f"{HEADER}\n{LA},{PLEDGE},ghg-total,2019,{'9' * 400},kt CO2e,x,\n".encode()),
    ("utf-16", f"{HEADER}\n{ROWS}".encode("utf-16")),
]


def _same(fast: ingest.Result, general: ingest.Result) -> None:
    """The two readers agree on the frame, the report and what they detected."""
    pd.testing.assert_frame_equal(fast.frame, general.frame)
    assert fast.report.positions() == general.report.positions()
    assert fast.report == general.report
    detected = ("sha256", "encoding", "delimiter", "decimal", "layout", "sheet", "header_row")
    assert [getattr(fast, name) for name in detected] == [
        getattr(general, name) for name in detected
    ]


@pytest.mark.parametrize("data", [data for _, data in GOOD], ids=[name for name, _ in GOOD])
def test_a_canonical_file_is_read_by_the_fast_path_as_the_general_reader_reads_it(
    data: bytes,
) -> None:
    assert canonical.read(data, CATALOG, None, None, 200_000) is not None
    general = ingest.read_general(data, "f.csv", CATALOG)
    assert general.report.ok and not general.report.issues and not general.frame.empty
    _same(ingest.read(data, "f.csv", CATALOG), general)


@pytest.mark.parametrize("data", [data for _, data in LEFT], ids=[name for name, _ in LEFT])
def test_a_file_with_anything_to_report_is_left_to_the_general_reader(data: bytes) -> None:
    assert canonical.read(data, CATALOG, None, None, 200_000) is None
    _same(ingest.read(data, "f.csv", CATALOG), ingest.read_general(data, "f.csv", CATALOG))


@pytest.mark.parametrize(
    "options",
    [
        ingest.Options(period_rule="start"),
        ingest.Options(delimiter=","),
        ingest.Options(decimal="."),
        ingest.Options(mapping=column_mapping.ColumnMapping()),
        ingest.Options(max_rows=2),
        ingest.Options(decimal=","),
        ingest.Options(mapping=column_mapping.ColumnMapping(constants={"note": "n"})),
    ],
    ids=["period rule", "comma", "point", "empty mapping", "row limit", "comma decimal", "mapped"],
)
def test_options_give_the_same_answer_on_both_paths(options: ingest.Options) -> None:
    data = f"{HEADER}\n{ROWS}{LA},{PLEDGE},ghg-total,2021-04,1,kt CO2e,x,\n".encode()
    _same(
        ingest.read(data, "f.csv", CATALOG, options),
        ingest.read_general(data, "f.csv", CATALOG, options),
    )


def test_the_fast_path_converts_units_and_keeps_row_numbers() -> None:
    data = f"{HEADER}\n\n{LA},{PLEDGE},electricity,2019,1234,MWh,x,\n".encode()
    result = ingest.read(data, "f.csv", CATALOG)
    assert result.frame[["value", "unit", "row"]].values.tolist() == [[1.234, "GWh", 3]]


def test_stored_series_can_be_read_by_key(db: store.Store) -> None:
    rows = [("renewable-share", 2019, 34.0), ("emissions", 2019, 900.0)]
    batch = db.commit(long_frame(rows), "ana", "a.csv", "a")
    db.commit(long_frame([("emissions", 2019, 800.0)]), "ana", "b.csv", "b")
    wanted = [("Testville", "green-deal", "emissions")]
    everything = db.observations()
    pd.testing.assert_frame_equal(
        db.observations(keys=wanted),
        everything[everything["indicator"] == "emissions"].reset_index(drop=True),
    )
    assert db.observations(keys=wanted, as_of=batch.committed_at)["value"].tolist() == [900.0]
    assert db.observations(keys=[("Testville", "green-deal", "nothing")]).empty
    assert db.observations(keys=[]).columns.tolist() == everything.columns.tolist()


def test_an_import_previews_against_the_stored_values_of_its_series(db: store.Store) -> None:
    editor = model.Actor("ana", "editor")
    header = b"city,pledge,indicator,period,value,unit,source\n"
    first = header + b"Testville,green-deal,emissions,2019,1,kt,x\n"
    service.import_file(db, editor, first, "a.csv")
    second = first + b"Testville,green-deal,emissions,2020,2,kt,x\n"
    outcome = service.import_file(db, editor, second, "b.csv")
    assert outcome.preview is not None
    assert (outcome.preview.added, outcome.preview.unchanged) == (1, 1)
    assert outcome.preview.rows["period"].tolist() == [dt.date(2019, 1, 1), dt.date(2020, 1, 1)]
