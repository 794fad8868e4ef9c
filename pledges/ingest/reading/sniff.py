"""What a file is before it is parsed: kind, text encoding, delimiter, header spelling."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from pledges import translation

Kind = Literal["text", "xlsx", "xls", "binary"]
DELIMITERS = (",", ";", "\t")
# The delimiters' names, marked for the catalog: a message words them in the reader's language.
DELIMITER_NAMES = {
    ",": translation.N_("comma"),
    ";": translation.N_("semicolon"),
    "\t": translation.N_("tab"),
    "|": translation.N_("pipe"),
}
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_SPACES = re.compile(r"\s+")
_SAMPLE_RECORDS = 40


def file_kind(data: bytes) -> Kind:
    """Tell a spreadsheet or binary junk from text, by magic bytes, before decoding anything."""
    if data.startswith(b"PK\x03\x04"):
        return (
            "xlsx" if b"xl/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "binary"
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "text"
    head = data[:8192]
    if b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"\x1f\x8b", b"GIF8")):
        return "binary"
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return "binary" if head and controls > len(head) // 100 else "text"


ENCODINGS = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}
# A well-formed multi-byte UTF-8 character: a file holding one is UTF-8, whatever else it holds.
_UTF8_CHARACTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


@dataclass(frozen=True, slots=True)
class Undecodable:
    """Text that is not in the encoding it must be read in: the first bad byte and where."""

    encoding: str  # utf-8 or cp1252 (ENCODINGS names them)
    byte: int
    offset: int
    chosen: bool  # the user chose the encoding (else the file's own UTF-8 said it)


def looks_utf8(data: bytes) -> bool:
    """Whether the bytes hold a well-formed multi-byte UTF-8 character (then a byte that is
    not UTF-8 is damage, never a sign of Windows-1252, which would garble every other one)."""
    return _UTF8_CHARACTER.search(data) is not None


def read_text(data: bytes, chosen: str | None = None) -> tuple[str, str] | Undecodable | None:
    """The text and its encoding (utf-8-sig, utf-8, utf-16, cp1252); what byte is wrong when the
    file is UTF-8 but for some bytes, or not in the `chosen` encoding; None if nothing fits."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: tuple[str, ...] = ("utf-16",)
    elif chosen is not None:
        candidates = ("utf-8-sig" if chosen == "utf-8" else chosen,)
    elif data.startswith(codecs.BOM_UTF8):
        candidates = ("utf-8-sig",)
    else:
        candidates = ("utf-8", "cp1252")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as error:
            named = "utf-8" if encoding.startswith("utf-8") else encoding
            if chosen is not None or (named == "utf-8" and looks_utf8(data)):
                byte = data[error.start]
                return Undecodable(named, byte, error.start, chosen is not None)
            continue
    return None


def decode(data: bytes) -> tuple[str, str] | None:
    """The text and the encoding's name, or None if it is in none (see `read_text`)."""
    found = read_text(data)
    return None if isinstance(found, Undecodable) else found


def normalise(text: str) -> str:
    """A header or name as compared: no BOM or zero-width characters, single spaces, casefolded."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text).replace("\u00a0", " ")).strip().casefold()


def clean(text: str) -> str:
    """A cell as stored: invisible characters removed, outer spaces trimmed, case kept."""
    return _INVISIBLE.sub("", text).replace("\u00a0", " ").strip()


def sample_records(text: str, delimiter: str, limit: int = _SAMPLE_RECORDS) -> list[list[str]]:
    """The first records of the text split with one delimiter (a cut-off last one is harmless)."""
    reader = csv.reader(io.StringIO(text[:200_000], newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
            if len(records) >= limit:
                break
    except csv.Error:
        pass
    return records


def find_header(records: list[list[str]], wanted: set[str]) -> int | None:
    """Index of the first record whose cells include every wanted (normalised) name."""
    for index, record in enumerate(records):
        names = {normalise(cell) for cell in record}
        if wanted <= names:
            return index
    return None


def delimiter(text: str, wanted: list[set[str]]) -> str:
    """The delimiter that finds the expected header, else the one splitting most lines alike."""
    for names in wanted:
        for candidate in DELIMITERS:
            if find_header(sample_records(text, candidate), names) is not None:
                return candidate
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        widths = [len(record) for record in sample_records(text, candidate) if any(record)]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        score = (count if width > 1 else 0, width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def likely_delimiter(line: str) -> str | None:
    """Another separator a one-column header line contains, to name in the message."""
    counts = {mark: line.count(mark) for mark in (";", "\t", "|", ",")}
    mark, count = max(counts.items(), key=lambda item: item[1])
    return mark if count else None


def header_row_guess(records: list[list[str]]) -> int:
    """Index of the first record as wide as most records, where a header below a preamble sits."""
    widths = [sum(1 for cell in record if cell.strip()) for record in records]
    if not widths:
        return 0
    wide = Counter(width for width in widths if width > 1).most_common(1)
    if not wide:
        return 0
    modal = wide[0][0]
    for index, width in enumerate(widths):
        if width >= max(2, modal - 1):
            return index
    return 0
