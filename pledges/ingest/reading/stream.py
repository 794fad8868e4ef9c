"""Large CSV files read in chunks of whole records, each validated as a small file of its own.

Memory stays bounded by the chunk, whatever the file's size: a chunk is the file's header
(and any preamble) followed by the next records, read by `ingest.read` with its data rows
numbered where they sit in the file. Only what must span chunks is kept for the whole file:
the report, and each key's row (two int64 arrays a chunk) so a key repeated in a later chunk
is still a `duplicate-key`. Workbooks and UTF-16 text are read whole, as before.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import re
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from pledges import frames, ingest, model, translation
from pledges.ingest import report
from pledges.ingest.checking import keys, matching, validate
from pledges.ingest.reading import sniff

CHUNK_BYTES = 4 * ingest.MEGABYTE
_READ_BYTES = 4 * ingest.MEGABYTE
_BREAKS = re.compile(rb'["\n]')
_DAY_BITS = 22  # more than the day number of 9999-12-31


def record_ends(data: bytes) -> Iterator[int]:
    """Offsets just past each line break outside quotes (the csv module's record ends)."""
    inside = False
    for found in _BREAKS.finditer(data):
        if found.group() == b'"':
            inside = not inside
        elif not inside:
            yield found.end()


def count_records(data: bytes) -> int:
    """How many records the bytes hold (a last one without a line break counts)."""
    if b'"' in data:
        positions = list(record_ends(data))
        ends, last = len(positions), (positions[-1] if positions else 0)
    else:
        ends = data.count(b"\n")
        last = data.rfind(b"\n") + 1
    return ends + (1 if last < len(data) else 0)


def _first_records(data: bytes, count: int) -> bytes:
    """The bytes of the first `count` records."""
    end = 0
    for number, end in enumerate(record_ends(data), start=1):
        if number == count:
            return data[:end]
    return data[:end] if end else data


def _blocks(handle: BinaryIO, size: int) -> Iterator[bytes]:
    """The file in blocks of whole records, each about `size` bytes or more."""
    carry = b""
    while True:
        data = handle.read(max(size - len(carry), 1))
        if not data:
            if carry:
                yield carry
            return
        buffer = carry + data
        if len(buffer) < size:
            carry = buffer
            continue
        if b'"' in buffer:
            cut = max(record_ends(buffer), default=0)
        else:
            cut = buffer.rfind(b"\n") + 1
        if cut <= 0:
            carry = buffer  # one record longer than a block: keep reading
            continue
        yield buffer[:cut]
        carry = buffer[cut:]


@dataclasses.dataclass(frozen=True, slots=True)
class _Survey:
    """What one pass over the bytes tells: digest, size, kind and how to decode the text."""

    sha256: str
    size: int
    kind: sniff.Kind
    encoding: str | None  # None: not streamed (UTF-16, or text in no known encoding)


def _survey(path: Path) -> _Survey:
    """Hash the file and check its encoding in one pass, a few megabytes at a time."""
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    is_utf8, is_cp1252, size, saw_utf8 = True, True, 0, False
    with path.open("rb") as handle:
        head = handle.read(65536)
        block = head
        while block:
            digest.update(block)
            size += len(block)
            if not block.isascii():
                saw_utf8 = saw_utf8 or sniff.looks_utf8(block)
            if is_utf8 and not block.isascii():
                try:
                    utf8.decode(block)
                except UnicodeDecodeError:
                    is_utf8 = False
            if not is_utf8 and is_cp1252:
                try:
                    block.decode("cp1252")
                except UnicodeDecodeError:
                    is_cp1252 = False
            block = handle.read(_READ_BYTES)
    if is_utf8:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            is_utf8 = False
    kind = sniff.file_kind(head)
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    # A UTF-8 file with a bad byte is read whole, to be refused with the byte's place.
    cp1252 = is_cp1252 and not saw_utf8
    encoding = None if utf16 else "utf-8" if is_utf8 else "cp1252" if cp1252 else None
    if not is_utf8 and head.startswith(codecs.BOM_UTF8):
        encoding = None
    return _Survey(digest.hexdigest(), size, kind, encoding)


class _Keys:
    """Every key seen in earlier chunks, a sorted array per chunk with its rows, kept on disk.

    Each chunk's arrays are written to the spill folder and only their key range stays in
    memory, so memory does not grow with the file (16 bytes a row go to disk instead). A chunk
    is looked up only in the chunks whose range overlaps its own, each mapped just for that
    look: a file sorted by series (the usual export) touches one or two.
    """

    def __init__(self, spill: Path) -> None:
        self.spill = spill
        self.parts: list[tuple[int, int, Path]] = []  # low key, high key, the part's file
        self.refs: dict[tuple[str, str, str], int] = {}

    def repeats(self, frame: pd.DataFrame) -> list[report.Issue]:
        """`duplicate-key` issues for rows whose key an earlier chunk holds; then remember them."""
        groups, firsts = frames.series_codes(frame)
        ids = np.array([self.refs.setdefault(ref, len(self.refs)) for ref in firsts])
        codes, dates = pd.factorize(frame["period"])
        days = np.array([date.toordinal() for date in dates], dtype=np.int64)
        keys = (ids[groups].astype(np.int64) << _DAY_BITS) | days[codes]
        rows = frame["row"].to_numpy(dtype=np.int64)
        low, high = int(keys.min()), int(keys.max())
        issues = []
        for part_low, part_high, path in self.parts:
            if part_high < low or part_low > high:
                continue
            part = np.load(path, mmap_mode="r")  # row 0: sorted keys, row 1: their rows
            at = np.minimum(np.searchsorted(part[0], keys), part.shape[1] - 1)
            for position in np.flatnonzero(part[0][at] == keys).tolist():
                issues.append(self._issue(frame, position, int(part[1][at[position]])))
            del part
        order = np.argsort(keys, kind="stable")
        path = self.spill / f"keys-{len(self.parts)}.npy"
        np.save(path, np.stack([keys[order], rows[order]]))
        self.parts.append((low, high, path))
        return issues

    @staticmethod
    def _issue(frame: pd.DataFrame, position: int, earlier: int) -> report.Issue:
        """The issue of one repeated key, worded as `validate` words its own."""
        city, pledge, indicator, period, row = (
            frame[name].iloc[position] for name in ("city", "pledge", "indicator", "period", "row")
        )
        return keys.repeated(city, pledge, indicator, period.isoformat(), str(earlier), int(row))


class Reader:
    """One file read chunk by chunk: `frames()` yields validated chunks, `result` says the rest."""

    def __init__(
        self,
        path: Path,
        catalog: Mapping[model.IndicatorRef, model.Indicator],
        options: ingest.Options | None = None,
        chunk_bytes: int = CHUNK_BYTES,
    ) -> None:
        self.path = path
        self.catalog = matching.indexed(catalog)  # lookup tables built once, not per chunk
        self.options = options or ingest.Options()
        self.chunk_bytes = chunk_bytes
        self.survey = _survey(path)
        self.sha256 = ingest.identity(self.survey.sha256, self.options)
        self.result: ingest.Result | None = None
        self.kept: tuple[str, ...] = ()  # known once the first chunk is read

    def frames(self) -> Iterator[pd.DataFrame]:
        """Each chunk's long frame while the file has no error; the whole file is always read."""
        survey, options = self.survey, self.options
        if options.max_bytes is not None and survey.size > options.max_bytes:
            collector = report.Collector(cap=options.cap)
            collector.add(ingest.too_large(survey.size, options.max_bytes))
            self.result = ingest.Result(validate.empty_frame(), collector.finish(), self.sha256)
            return
        chosen = options.encoding not in (None, survey.encoding)
        if survey.kind != "text" or survey.encoding is None or chosen:
            whole = ingest.read(self.path.read_bytes(), self.path.name, self.catalog, options)
            self.result = whole
            self.kept = whole.kept
            if whole.report.ok and not whole.frame.empty:
                yield whole.frame
            return
        yield from self._chunks()

    def _chunks(self) -> Iterator[pd.DataFrame]:
        """The streamed read of a UTF-8 or Windows-1252 text file."""
        options = self.options
        collector = report.Collector(cap=options.cap)
        seen: set[tuple[str, str]] = set()
        first: ingest.Result | None = None
        prefix, before, values = b"", 0, 0
        chunk_options = dataclasses.replace(options, max_rows=None, max_bytes=None)
        with (
            tempfile.TemporaryDirectory(prefix="pledges-keys-") as spill,
            self.path.open("rb") as handle,
        ):
            keys = _Keys(Path(spill))
            for block in _blocks(handle, self.chunk_bytes):
                if self.survey.encoding == "cp1252":
                    block = block.decode("cp1252").encode("utf-8")
                if first is None:
                    result = ingest.read(block, self.path.name, self.catalog, chunk_options)
                    first = result
                    self.kept = result.kept
                    _merge(collector, result.report, None, seen)
                    if result.header_row is None:
                        break
                    prefix = _first_records(block, result.header_row)
                    decimal = result.decimal if result.decimal_confirmed else options.decimal
                    chunk_options = dataclasses.replace(
                        chunk_options, delimiter=result.delimiter, decimal=decimal
                    )
                else:
                    offset = dataclasses.replace(
                        chunk_options, row_offset=before - first.header_row
                    )
                    result = ingest.read(prefix + block, self.path.name, self.catalog, offset)
                    _merge(collector, result.report, first.header_row, seen)
                before += count_records(block)
                if options.max_rows is not None and before - first.header_row > options.max_rows:
                    collector.add(_too_many_rows(options.max_rows))
                    break
                frame = result.frame
                if frame.empty:
                    continue
                for issue in keys.repeats(frame):
                    collector.add(issue)
                values += len(frame)
                if not collector.has_errors:
                    yield frame
        if first is None:
            collector.add(report.empty_file())
        elif not values and not collector.has_errors:
            collector.add(report.nothing_to_import())
        found = first or ingest.Result(validate.empty_frame(), report.Report(), self.sha256)
        self.result = dataclasses.replace(
            found,
            frame=validate.empty_frame(),
            report=collector.finish(),
            sha256=self.sha256,
            encoding="cp1252" if self.survey.encoding == "cp1252" else found.encoding,
        )


def _merge(
    collector: report.Collector,
    found: report.Report,
    header_row: int | None,
    seen: set[tuple[str, str]],
) -> None:
    """Add one chunk's issues: its header's and file-wide ones only the first time."""
    for issue in found.issues:
        if issue.code == "no-observations":
            continue  # said once for the whole file, at its end
        if header_row is not None and issue.row is not None and issue.row <= header_row:
            continue  # the header and preamble, already reported with the first chunk
        if issue.row is None:
            key = (issue.code, issue.message if issue.severity == "error" else "")
            if key in seen:
                continue
            seen.add(key)
        collector.add(issue)
    collector.more += found.more
    collector.more_errors += found.more_errors
    collector.error_count += found.more_errors


def _too_many_rows(limit: int) -> report.Issue:
    """The issue for a file longer than a chosen row limit."""
    return report.said(
        "too-many-rows",
        translation.N_(
            "The file has more than {limit} rows, the limit set for this import. Split it, or"
            " import it without the limit."
        ),
        {"limit": float(limit)},
        expected=report.phrase(translation.N_("at most {limit} rows"), {"limit": limit}),
    )
