"""Only clean text is stored: undecodable bytes and control characters, each a problem with
its row and column, found before any cell is given a meaning."""

from __future__ import annotations

import csv
import io

from pledges import translation
from pledges.ingest import report
from pledges.ingest.reading import readers, sniff

# Control characters reported one by one, at most: past this a file is plainly not text.
MAX_CONTROL_ISSUES = 20


def encoding_issue(data: bytes, bad: sniff.Undecodable, delimiter: str | None) -> report.Issue:
    """The first byte the encoding cannot read, by row and column, and how to choose another."""
    row, column, near = _place(data, bad, delimiter)
    name = sniff.ENCODINGS.get(bad.encoding, bad.encoding)
    others = [label for key, label in sniff.ENCODINGS.items() if key != bad.encoding]
    values: dict[str, report.Value] = {
        "byte": f"0x{bad.byte:02X}",
        "near": near,
        "name": name,
        "others": report.either(others),
    }
    return report.said(
        "encoding",
        translation.N_(
            "The byte {byte} in this cell ('{near}') cannot be read as {name}, and you chose"
            " {name}. Reading the file in another encoding would turn its other accented letters"
            " into nonsense without a word, so nothing is imported. Correct the cell and save the"
            " file as CSV (UTF-8), or, if the whole file is in another encoding, choose it:"
            " {others} (Upload: 'How to read the file'; command line: --encoding)."
        )
        if bad.chosen
        else translation.N_(
            "The byte {byte} in this cell ('{near}') cannot be read as {name}, and the rest of"
            " the file is {name} (it holds {name} letters like ü or é). Reading the file in"
            " another encoding would turn its other accented letters into nonsense without a"
            " word, so nothing is imported. Correct the cell and save the file as CSV (UTF-8),"
            " or, if the whole file is in another encoding, choose it: {others} (Upload: 'How"
            " to read the file'; command line: --encoding)."
        ),
        values,
        row,
        column,
        f"0x{bad.byte:02X}",
        report.phrase(translation.N_("text in {name}"), {"name": name}),
    )


def _place(data: bytes, bad: sniff.Undecodable, delimiter: str | None) -> tuple[int, str, str]:
    """Row (from 1), column label and the cell around the bad byte (shown with a '?')."""
    text = data.decode(bad.encoding, errors="replace").removeprefix("\ufeff")
    chosen = delimiter or sniff.delimiter(text, [])
    # Everything before the first bad byte decodes; the bad byte is one '\ufffd' after it.
    mark_at = len(data[: bad.offset].decode(bad.encoding).removeprefix("\ufeff"))
    rows = list(csv.reader(io.StringIO(text[: mark_at + 1], newline=""), delimiter=chosen))
    if not rows:
        return 1, "column 1", "?"
    cells = rows[-1] or [""]
    near = cells[-1].replace("\ufffd", "?")
    return len(rows), f"column {len(cells)}", near[-40:]


def control_issues(
    rows: list[list[readers.Cell]], row_offset: int, collector: report.Collector
) -> None:
    """Add an error for each of the first cells holding a control character (NUL and the
    like: never data, and invisible in every page and export that would show them)."""
    for found in readers.control_cells(rows, MAX_CONTROL_ISSUES):
        character = readers.CONTROL.search(found.cell)
        assert character is not None
        collector.add(
            report.said(
                "control-character",
                translation.N_(
                    "This cell holds the control character {code}, which is never data (the file"
                    " may be damaged, or not text). Delete it and save the file again."
                ),
                {"code": f"U+{ord(character.group()):04X}"},
                found.record + 1 + row_offset,
                f"column {found.column + 1}",
                readers.shown_control(found.cell),
                report.phrase(translation.N_("text without control characters")),
            )
        )
