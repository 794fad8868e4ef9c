"""The Upload page's choices: how to read the file and the column mapping (the peek: ingest)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from pledges import model, settings, translation
from pledges.service import uploads, vocabulary

# The reading choices by their English label (kept in presets and session state), each
# marked for the catalog and shown in the reader's words.
N_ = translation.N_
DELIMITERS: dict[str, str | None] = {
    N_("detect"): None,
    N_("comma ,"): ",",
    N_("semicolon ;"): ";",
    N_("tab"): "\t",
    N_("pipe |"): "|",
}
DECIMALS: dict[str, Literal[".", ","] | None] = {
    N_("detect"): None,
    N_("point (1234.5)"): ".",
    N_("comma (1234,5)"): ",",
}
ENCODINGS: dict[str, Literal["utf-8", "cp1252"] | None] = {
    N_("detect (UTF-8, else Windows-1252)"): None,
    "UTF-8": "utf-8",
    "Windows-1252": "cp1252",
}
PERIOD_RULES: dict[str, vocabulary.PeriodRule | None] = {
    N_("refuse ranges (a year or an ISO date only)"): None,
    N_("use the start of a range or fiscal year"): "start",
    N_("use the end of a range or fiscal year"): "end",
}


@dataclass(frozen=True)
class Choices:
    """What the user picked in the Upload form, before it becomes `vocabulary.ImportOptions`."""

    sheet: str | None = None
    delimiter: str | None = None
    decimal: Literal[".", ","] | None = None
    period_rule: vocabulary.PeriodRule | None = None
    mapping: vocabulary.ColumnMapping | None = None
    encoding: Literal["utf-8", "cp1252"] | None = None


def options(choices: Choices, conf: settings.Settings) -> vocabulary.ImportOptions:
    """The importer's options from the form, with the web's limits from the settings."""
    return uploads.web_options(
        conf,
        choices.mapping,
        choices.sheet,
        choices.period_rule,
        choices.delimiter,
        choices.decimal,
        choices.encoding,
    )


def check_key(
    data: bytes, file_name: str, options: vocabulary.ImportOptions, stored_at: dt.datetime | None
) -> str:
    """Names one check of one file with one set of choices against one state of the store."""
    digest = hashlib.sha256(data).hexdigest()
    return f"{digest}|{file_name}|{options!r}|{stored_at.isoformat() if stored_at else ''}"


def build_mapping(
    columns: Mapping[str, str | tuple[str, ...] | None],
    constants: Mapping[str, str | None],
    indicator_values: Mapping[str, str | None] | None = None,
    skip_rows: int | None = None,
    filters: Mapping[str, Sequence[str]] | None = None,
    skip_unmapped: bool = False,
    city_values: Mapping[str, str | None] | None = None,
    unit_values: Mapping[str, str | None] | None = None,
) -> vocabulary.ColumnMapping:
    """A column mapping from the form: blanks left out, a constant only where no column is.

    A file value left unmapped keeps its own text (it may already be an indicator's id or
    name); `skip_unmapped` skips the rows whose value is still unknown. A filter keeps whole
    cell values exactly as chosen ("" is an empty cell); a column with none chosen is no filter.
    """
    chosen = {name: header for name, header in columns.items() if header}
    fixed = {
        name: value.strip()
        for name, value in constants.items()
        if value and value.strip() and name not in chosen
    }
    kept = {
        column: tuple(dict.fromkeys(values))
        for column, values in (filters or {}).items()
        if column and values
    }
    return vocabulary.ColumnMapping(
        columns=chosen,
        constants=fixed,
        indicator_values=_value_map(indicator_values),
        unit_values={k: v for k, v in _value_map(unit_values).items() if v},
        city_values=_value_map(city_values),
        skip_rows=skip_rows,
        filters=kept,
        skip_unmapped=skip_unmapped,
    )


def default_unit(
    catalog: Mapping[model.IndicatorRef, model.Indicator], constants: Mapping[str, str | None]
) -> str | None:
    """The unit of the indicator the form's constants name, when they name one unit only."""
    units = {
        indicator.unit
        for ref, indicator in catalog.items()
        if ref.pledge == constants.get("pledge")
        and ref.indicator == constants.get("indicator")
        and constants.get("city") in (None, "", ref.city)
    }
    return units.pop() if len(units) == 1 else None


def _value_map(chosen: Mapping[str, str | None] | None) -> dict[str, str | None]:
    """File values mapped to a known name; values left blank keep their own text."""
    return {
        given: target.strip()
        for given, target in (chosen or {}).items()
        if given and target and target.strip()
    }
