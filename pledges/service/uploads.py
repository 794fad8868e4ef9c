"""A file before it is imported: a first peek at it, how it is read, its saved presets."""

from __future__ import annotations

from typing import Literal

from pledges import ingest, settings
from pledges.ingest.reading import mapping, periods, presets
from pledges.ingest.reading import peek as peeking

Peek = peeking.Peek
peek = peeking.peek
sheets = peeking.sheets
is_workbook = peeking.is_workbook
distinct_values = peeking.distinct_values
VALUE_LIMIT = peeking.VALUE_LIMIT

Recipe = presets.Recipe
preset_names = presets.preset_names
load_preset = presets.load_preset
save_preset = presets.save_preset
reading_of = presets.reading_of
load_mapping_file = mapping.load_preset


def web_options(
    conf: settings.Settings,
    column_mapping: mapping.ColumnMapping | None = None,
    sheet: str | None = None,
    period_rule: periods.Rule | None = None,
    delimiter: str | None = None,
    decimal: Literal[".", ","] | None = None,
    encoding: Literal["utf-8", "cp1252"] | None = None,
) -> ingest.Options:
    """The Upload page's options: the user's choices with the web's limits from the settings.

    The limits protect a shared server; the command line and `init` have none unless asked.
    """
    return ingest.Options(
        mapping=column_mapping,
        sheet=sheet,
        period_rule=period_rule,
        delimiter=delimiter,
        decimal=decimal,
        max_bytes=conf.max_upload_bytes,
        max_rows=conf.max_upload_rows,
        encoding=encoding,
    )


def command_line_options(
    column_mapping: mapping.ColumnMapping | None = None,
    sheet: str | None = None,
    period_rule: periods.Rule | None = None,
    delimiter: str | None = None,
    decimal: Literal[".", ","] | None = None,
    max_megabytes: float | None = None,
    encoding: Literal["utf-8", "cp1252"] | None = None,
) -> ingest.Options:
    """The command line's options: no size or row limit unless `--max-mb` sets one (whoever
    runs it owns the machine)."""
    return ingest.Options(
        mapping=column_mapping,
        sheet=sheet,
        period_rule=period_rule,
        delimiter=delimiter,
        decimal=decimal,
        max_bytes=None if max_megabytes is None else int(max_megabytes * settings.MEGABYTE),
        max_rows=None,
        encoding=encoding,
    )
