"""The Upload page's preview: what the importer found and what a commit would change."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pledges import model
from pledges.service import vocabulary

_ENCODING_WORDS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}
_LAYOUT_WORDS = {
    "long": "long (one value a row)",
    "wide": "wide (one column a year)",
    "xlsx-long": "Excel, long (one value a row)",
    "xlsx-wide": "Excel, wide (one column a year)",
}


def detected(result: vocabulary.ImportResult) -> dict[str, str]:
    """What the importer found out about the file, in words for the page."""
    names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
    return {
        "Encoding": _ENCODING_WORDS.get(result.encoding or "", result.encoding)
        or ("Excel workbook" if result.sheet else "not read"),
        "Delimiter": names.get(result.delimiter or "", result.delimiter or "—"),
        "Decimal mark": {".": "point", ",": "comma"}.get(result.decimal or "", "—"),
        "Layout": _LAYOUT_WORDS.get(result.layout or "", "not read"),
        "Sheet": result.sheet or "—",
        "Header row": "—" if result.header_row is None else str(result.header_row),
    }


def counts_table(compared: vocabulary.Preview) -> pd.DataFrame:
    """Rows added, changed and unchanged per indicator."""
    return compared.counts.reset_index(drop=True)


def destinations(
    compared: vocabulary.Preview, full_names: Mapping[model.IndicatorRef, str]
) -> list[str]:
    """Where the rows go, one line an indicator with its whole name (pledge › goal ›
    indicator), written out where a table cell would cut it: the destination read, not guessed."""
    table = compared.counts
    return [
        f"{city} / {indicator}: "
        f"{full_names.get(model.IndicatorRef(city, pledge, indicator), indicator)}"
        for city, pledge, indicator in table[["city", "pledge", "indicator"]].itertuples(
            index=False, name=None
        )
    ]


def preview_sentence(
    compared: vocabulary.Preview, earlier: model.Batch | None = None
) -> tuple[bool, str]:
    """Whether committing would change anything, and the sentence that says so."""
    total = len(compared.rows)
    if earlier is not None:
        return False, (
            f"This exact file was already imported as batch {earlier.id} on "
            f"{earlier.committed_at:%Y-%m-%d %H:%M} UTC by {earlier.user}; importing it again "
            "adds nothing."
        )
    if compared.added == 0 and compared.changed == 0:
        return False, (
            f"This file adds nothing: all {total:,} rows are already stored with the same values."
        )
    return True, (
        f"Committing adds {compared.added:,} rows, changes {compared.changed:,} and leaves "
        f"{compared.unchanged:,} unchanged, as one batch that can be undone."
    )


def batch_sentence(batch: model.Batch) -> str:
    """What a commit did, for the message after it."""
    if batch.status == "duplicate":
        return (
            f"Nothing stored: this file was already imported as batch {batch.id}; it adds nothing."
        )
    return (
        f"Committed batch {batch.id}: {batch.added:,} added, {batch.changed:,} changed, "
        f"{batch.unchanged:,} unchanged."
    )


def progress_fraction(done: int, total: int) -> float:
    """Share of rows written, for `st.progress` (0 to 1)."""
    if total <= 0:
        return 1.0
    return min(max(done / total, 0.0), 1.0)
