"""Files read in chunks: the batch a whole read makes, rows numbered across chunks, all or none."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from pledges import model, service, store
from pledges.ingest.checking import matching
from pledges.ingest.reading import stream

EDITOR = model.Actor("ana", "editor")
HEADER = "city,pledge,indicator,period,value,unit,source,note,method\n"
ROOT = Path(__file__).resolve().parent.parent


def _rows(years: range, indicator: str = "emissions", unit: str = "kt") -> str:
    # a share stays within 0-100 % (year 2000: 100 - 0 - 0.5 = 99.5); kt values from 900.5 up
    top = 100 if unit == "%" else 1000
    return "".join(
        f"Testville,green-deal,{indicator},{year},{top - year % 100 - 1}.5,{unit},synthetic,,\n"
        for year in years
    )


def _write(tmp_path: Path, text: str, name: str = "big.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("chunk_bytes", [64, 200, 1 << 20], ids=["tiny", "small", "one"])
def test_chunked_import_stores_what_a_whole_read_stores(
    db: store.Store, tmp_path: Path, chunk_bytes: int
) -> None:
    shares = _rows(range(2000, 2020), "renewable-share", "%")
    path = _write(tmp_path, HEADER + _rows(range(1980, 2020)) + shares)
    outcome = service.import_path(db, EDITOR, path, chunk_bytes=chunk_bytes)
    assert outcome.ok, outcome.result.report.issues
    assert (outcome.batch.added, outcome.batch.changed) == (60, 0)
    stored = db.observations()
    assert len(stored) == 60
    assert sorted(stored["period"].map(lambda d: d.year))[:2] == [1980, 1981]


def test_a_chunked_import_over_stored_rows_counts_each_row_once(
    db: store.Store, tmp_path: Path
) -> None:
    first = _write(tmp_path, HEADER + _rows(range(1980, 2020)), "first.csv")
    assert service.import_path(db, EDITOR, first, chunk_bytes=128).ok
    revised = "".join(
        f"Testville,green-deal,emissions,{year},{2000 + year},kt,synthetic,,\n"
        for year in range(2000, 2020)
    )
    second = _rows(range(1980, 2000)) + revised + _rows(range(2020, 2025))
    outcome = service.import_path(db, EDITOR, _write(tmp_path, HEADER + second), chunk_bytes=128)
    # by hand: 1980-1999 as stored (20), 2000-2019 with new values (20), 2020-2024 new (5)
    assert (outcome.batch.added, outcome.batch.changed, outcome.batch.unchanged) == (5, 20, 20)
    assert len(db.observations()) == 45


def test_the_catalog_is_indexed_once_for_the_whole_file(
    db: store.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = []
    original = matching.Index.__init__

    def counting(self: matching.Index, catalog: object) -> None:
        built.append(1)
        original(self, catalog)

    monkeypatch.setattr(matching.Index, "__init__", counting)
    path = _write(tmp_path, HEADER + _rows(range(1980, 2020)))
    outcome = service.import_path(db, EDITOR, path, chunk_bytes=128)
    assert outcome.ok and outcome.batch.added == 40
    assert len(built) == 1  # 40 rows in 128-byte chunks are many chunks, one index


def test_an_error_in_a_late_chunk_stores_nothing_and_names_its_row(
    db: store.Store, tmp_path: Path
) -> None:
    bad = "Testville,green-deal,emissions,2021,n/a,kt,synthetic,,\n"
    path = _write(tmp_path, HEADER + _rows(range(1980, 2020)) + bad)
    outcome = service.import_path(db, EDITOR, path, chunk_bytes=128)
    assert outcome.batch is None
    # header row 1, forty good rows 2-41, the bad one is row 42
    assert outcome.result.report.positions() == [(42, "value", "bad-number")]
    assert db.observations().empty and db.history() == []


def test_a_key_repeated_in_another_chunk_is_a_duplicate_on_the_later_row(
    db: store.Store, tmp_path: Path
) -> None:
    path = _write(tmp_path, HEADER + _rows(range(1980, 2020)) + _rows(range(1985, 1986)))
    outcome = service.import_path(db, EDITOR, path, chunk_bytes=128)
    assert outcome.batch is None
    [issue] = outcome.result.report.issues
    # 1985 is the sixth row of the file (row 7); its repeat is the last row (row 42)
    assert (issue.row, issue.code, issue.value) == (42, "duplicate-key", "7")
    assert db.observations().empty


def test_the_keys_spilled_to_disk_are_removed_when_the_file_is_read(
    db: store.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spill = tmp_path / "spill"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    path = _write(tmp_path, HEADER + _rows(range(1980, 2020)) + _rows(range(1990, 1991)))
    outcome = service.import_path(db, EDITOR, path, chunk_bytes=128)
    # the repeat of 1990 (row 42) is found in the spilled keys of an earlier chunk (row 12)
    assert [(i.row, i.value) for i in outcome.result.report.errors] == [(42, "12")]
    assert list(spill.iterdir()) == []


def test_quoted_line_breaks_never_split_a_record(db: store.Store, tmp_path: Path) -> None:
    rows = "".join(
        f'Testville,green-deal,emissions,{year},{year - 1000},kt,"synthetic,\nsecond line",,\n'
        for year in range(1980, 2020)
    )
    path = _write(tmp_path, HEADER + rows)
    outcome = service.import_path(db, EDITOR, path, chunk_bytes=100)
    assert outcome.ok, outcome.result.report.issues
    assert outcome.batch.added == 40
    assert set(db.observations()["source"]) == {"synthetic,\nsecond line"}


def test_a_second_import_of_the_same_file_is_a_duplicate_batch(
    db: store.Store, tmp_path: Path
) -> None:
    path = _write(tmp_path, HEADER + _rows(range(1980, 2020)))
    first = service.import_path(db, EDITOR, path, chunk_bytes=128)
    again = service.import_path(db, EDITOR, path, chunk_bytes=128)
    assert again.batch.status == "duplicate" and again.batch.id == first.batch.id


def test_the_record_splitter_counts_records_not_lines() -> None:
    text = b'a,b\n1,"x\ny"\n2,z\n'
    assert stream.count_records(text) == 3
    assert stream.count_records(b"a\n\nb") == 3


KILLED_STREAM = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from pledges import model, service, store
    from pledges.store import batches

    written = batches._commit_frame

    def then_wait(*args, **kwargs):
        counts = written(*args, **kwargs)
        print(f"chunk {counts}", flush=True)
        sys.stdin.readline()  # the parent kills us here, chunks written, nothing committed
        return counts

    batches._commit_frame = then_wait
    db = store.Store.open(sys.argv[1])
    service.import_path(db, model.Actor("ana", "editor"), Path(sys.argv[2]), chunk_bytes=256)
    print("finished", flush=True)
    """
)


def test_sigkill_between_chunks_leaves_the_store_as_it_was(db: store.Store, tmp_path: Path) -> None:
    assert service.import_file(db, EDITOR, (HEADER + _rows(range(1980, 1985))).encode(), "a.csv").ok
    before = service.export_csv(db)
    path = _write(tmp_path, HEADER + _rows(range(1980, 2020)))
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_STREAM, str(db.engine.url), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("chunk"), line
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert service.export_csv(db) == before
    assert [batch.file_name for batch in db.history()] == ["a.csv"]
