"""Fuzzing the importer with hypothesis: no input crashes it, and whatever it stores is clean.

A valid upload is mutated the way damaged and hostile files are (bytes replaced, inserted or
cut; control bytes, a stray Windows-1252 byte, open quotes, huge numbers, units pint cannot
parse, long names) and read by every reader: the in-memory one, the streamed one, and a real
import into SQLite and the throwaway PostgreSQL. Size, for CI: 300 examples over the readers
and 120 imports per engine, derandomized (the same examples every run), about 30 s in all.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pledges import catalog, ingest, model, service, store
from pledges.ingest.reading import stream
from tests.conftest import SMALL_PLEDGE
from tests.conftest_engines import StoreMaker

EDITOR = model.Actor("fuzz", "editor")
TODAY = dt.date(2025, 6, 1)
HEADER = b"city,pledge,indicator,period,value,unit,source,note\n"
ROWS = [
    b"Testville,green-deal,renewable-share,2019,34.5,%,Z\xc3\xbcrich caf\xc3\xa9 report,\n",
    b"Testville,green-deal,emissions,2019,800,kt,city inventory 2019,first year\n",
    b'Testville,green-deal,emissions,2020,"790,5",kt,"inventory, 2020",\n',
]
VALID = HEADER + b"".join(ROWS)
# What hostile and damaged files hold: controls, a lone cp1252 byte, a cut UTF-8 character,
# quotes and breaks, numbers past any double, units pint chokes on, names of any length.
PIECES = [
    b"\x00",
    b"\x01",
    b"\x1b",
    b"\x7f",
    b"\xc2\x85",
    b"\xe9",
    b"\xff",
    b"\xc3",
    b'"',
    b",",
    b"\n",
    b"\r",
    b";",
    b"1" + b"0" * 400,
    b"1e999",
    "1×10^400".encode(),
    b"-1e308",
    b"inf",
    b"nan",
    b"(t",
    b"10**10**10",
    b"kt**99",
    "北京".encode() * 100,
    b"x" * 300,
    b"2019-02-30",
    b"\xef\xbb\xbf",
]
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A valid upload with up to six edits, then perhaps cut short at any byte."""
    data = bytearray(VALID)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        piece = draw(st.sampled_from(PIECES) | st.binary(min_size=1, max_size=4))
        action = draw(st.sampled_from(["insert", "replace", "delete"]))
        if action == "insert":
            data[at:at] = piece
        elif action == "replace":
            data[at : at + len(piece)] = piece
        else:
            data[at : at + draw(st.integers(1, 8))] = b""
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def _workbook() -> bytes:
    """The valid upload as an .xlsx workbook (made once; mutated bytes are fuzzed)."""
    book = openpyxl.Workbook()
    sheet = book.active
    for line in VALID.decode().splitlines():
        sheet.append(line.replace('"790,5"', "790.5").replace('"inventory, 2020"', "x").split(","))
    sheet.append(["Testville", "green-deal", "renewable-share", 2021, 1e300, "%", "huge", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WORKBOOK = _workbook()


@st.composite
def damaged_workbook(draw: st.DrawFn) -> bytes:
    """The workbook with a few bytes replaced or cut short (mostly: no longer a ZIP)."""
    data = bytearray(WORKBOOK)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(4, len(data)))]
    return bytes(data)


def _catalog(tmp: Path) -> dict[model.IndicatorRef, model.Indicator]:
    folder = tmp / "defs"
    folder.mkdir(exist_ok=True)
    (folder / "testville--green-deal.yaml").write_text(SMALL_PLEDGE, encoding="utf-8")
    return {
        model.IndicatorRef(p.city.name, p.key, indicator.key): indicator
        for p in catalog.load_pledges(folder)
        for _, indicator in p.indicators()
    }


def assert_clean(frame: object) -> None:
    """Every value finite and within the bound; every text free of control characters and of
    the replacement character a wrong decoding leaves."""
    for value in frame["value"].tolist():  # type: ignore[index]
        assert math.isfinite(value) and abs(value) <= model.LARGEST_VALUE
    for column in ("city", "pledge", "indicator", "unit", "source", "note", "method"):
        for text in frame[column].dropna().tolist():  # type: ignore[index]
            assert not CONTROL.search(text), (column, text)
            assert "\ufffd" not in text and "Ã" not in text, (column, text)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(data=st.one_of(damaged(), damaged_workbook(), st.binary(max_size=300)))
def test_no_input_crashes_a_reader_and_what_passes_is_clean(data: bytes) -> None:
    indicators = _catalog_once()
    options = ingest.Options(today=TODAY)
    for read in (ingest.read, ingest.read_general):
        result = read(data, "fuzz.csv", indicators, options)
        for issue in result.report.issues:
            assert issue.message  # every refusal says something
        if result.report.ok:
            assert_clean(result.frame)
        else:
            assert result.frame.empty


_CACHE: dict[str, dict[model.IndicatorRef, model.Indicator]] = {}


def _catalog_once() -> dict[model.IndicatorRef, model.Indicator]:
    """The small pledge's indicators, loaded once per process (hypothesis re-enters the test)."""
    if "small" not in _CACHE:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            _CACHE["small"] = _catalog(Path(folder))
    return _CACHE["small"]


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=damaged())
def test_no_damaged_file_crashes_an_import_and_the_store_stays_clean(
    engine_url: str, make_store: StoreMaker, catalog_dir: Path, tmp_path: Path, data: bytes
) -> None:
    db = _migrated(engine_url, make_store, catalog_dir)
    before = db.observations()
    outcome = service.import_file(db, EDITOR, data, "fuzz.csv", ingest.Options(today=TODAY))
    after = db.observations()
    if outcome.batch is None:
        assert len(after) == len(before)  # a refused file stores nothing
    assert_clean(after)
    # The streamed reader (the command line's) gives the same verdict on the same bytes.
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    reader = stream.Reader(path, db.catalog_index(), ingest.Options(today=TODAY))
    for frame in reader.frames():
        assert_clean(frame)
    assert reader.result is not None
    assert reader.result.report.ok == outcome.result.report.ok


_STORES: dict[str, store.Store] = {}


def _migrated(url: str, make_store: StoreMaker, catalog_dir: Path) -> store.Store:
    """One migrated store per engine for every example of a run (each example imports more;
    the fixtures, made once per test, are shared by its examples)."""
    if url not in _STORES:
        db = make_store()
        db.migrate()
        db.sync_catalog(catalog.load_pledges(catalog_dir))
        _STORES[url] = db
    return _STORES[url]
