"""The Upload page's preview: what the importer found and what a commit would change."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pledges import model, numbers, translation
from pledges.service import vocabulary

EN = translation.ENGLISH
N_ = translation.N_
_ENCODING_WORDS = {
    "utf-8": "UTF-8",
    "utf-8-sig": N_("UTF-8 with BOM"),
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}
_LAYOUT_WORDS = {
    "long": N_("long (one value a row)"),
    "wide": N_("wide (one column a year)"),
    "xlsx-long": N_("Excel, long (one value a row)"),
    "xlsx-wide": N_("Excel, wide (one column a year)"),
}
_DELIMITER_WORDS = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab"), "|": N_("pipe")}
_DECIMAL_WORDS = {".": N_("point"), ",": N_("comma")}


def detected(result: vocabulary.ImportResult, t: translation.Translator = EN) -> dict[str, str]:
    """What the importer found out about the file, in words for the page."""
    encoding = _ENCODING_WORDS.get(result.encoding or "", result.encoding)
    delimiter = _DELIMITER_WORDS.get(result.delimiter or "")
    decimal = _DECIMAL_WORDS.get(result.decimal or "")
    layout = _LAYOUT_WORDS.get(result.layout or "")
    return {
        t.gettext("Encoding"): t.gettext(encoding)
        if encoding
        else (t.gettext("Excel workbook") if result.sheet else t.gettext("not read")),
        t.gettext("Delimiter"): t.gettext(delimiter) if delimiter else result.delimiter or "—",
        t.gettext("Decimal mark"): t.gettext(decimal) if decimal else "—",
        t.gettext("Layout"): t.gettext(layout) if layout else t.gettext("not read"),
        t.gettext("Sheet"): result.sheet or "—",
        t.gettext("Header row"): "—" if result.header_row is None else str(result.header_row),
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
    compared: vocabulary.Preview,
    earlier: model.Batch | None = None,
    t: translation.Translator = EN,
) -> tuple[bool, str]:
    """Whether committing would change anything, and the sentence that says so."""
    total = len(compared.rows)
    if earlier is not None:
        return False, t.gettext(
            "This exact file was already imported as batch {id} on {when} UTC by {user}; "
            "importing it again adds nothing.",
            id=earlier.id,
            when=f"{earlier.committed_at:%Y-%m-%d %H:%M}",
            user=earlier.user,
        )
    if compared.added == 0 and compared.changed == 0:
        return False, t.gettext(
            "This file adds nothing: all {total} rows are already stored with the same values.",
            total=numbers.number(total, t.lang),
        )
    return True, t.gettext(
        "Committing adds {added} rows, changes {changed} and leaves {unchanged} unchanged, as "
        "one batch that can be undone.",
        added=numbers.number(compared.added, t.lang),
        changed=numbers.number(compared.changed, t.lang),
        unchanged=numbers.number(compared.unchanged, t.lang),
    )


def batch_sentence(batch: model.Batch, t: translation.Translator = EN) -> str:
    """What a commit did, for the message after it."""
    if batch.status == "duplicate":
        return t.gettext(
            "Nothing stored: this file was already imported as batch {id}; it adds nothing.",
            id=batch.id,
        )
    return t.gettext(
        "Committed batch {id}: {added} added, {changed} changed, {unchanged} unchanged.",
        id=batch.id,
        added=numbers.number(batch.added, t.lang),
        changed=numbers.number(batch.changed, t.lang),
        unchanged=numbers.number(batch.unchanged, t.lang),
    )


def progress_fraction(done: int, total: int) -> float:
    """Share of rows written, for `st.progress` (0 to 1)."""
    if total <= 0:
        return 1.0
    return min(max(done / total, 0.0), 1.0)
