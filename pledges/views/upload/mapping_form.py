"""The Upload form's decisions as plain values: what it offers, which defaults, what it says."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pledges import model, numbers, settings, translation
from pledges.service import uploads, vocabulary
from pledges.views import formatting
from pledges.views.upload import upload_flow, upload_preview, upload_problems

EN = translation.ENGLISH
NONE = "—"
NO_MAPPING = translation.N_("No mapping: the file has the upload format's headers")
NEW_MAPPING = translation.N_("Map my columns")
PRESET = "Preset: "
BLANK = "(blank)"
FILTER_COLUMNS = "map_filter_columns"
SECOND_INDICATOR = "map_col_indicator_2"
READ_KEYS = {"delimiter": "read_delimiter", "decimal": "read_decimal", "period_rule": "read_rule"}
MEGABYTE = settings.MEGABYTE
FIELD_HELP = {
    "city": translation.N_("the city each row is about"),
    "pledge": translation.N_("the pledge's id (e.g. five-zeroes)"),
    "indicator": translation.N_("the indicator's id or name"),
    "period": translation.N_("a year or an ISO date (leave empty for a wide file)"),
    "value": translation.N_("the number (leave empty for a wide file)"),
    "unit": translation.N_("the unit of the value"),
    "source": translation.N_("where the number comes from"),
    "note": translation.N_("a free note (optional)"),
    "method": translation.N_("inventory method or edition (optional)"),
}
# The value table's column of the file's own values.
IN_FILE = translation.N_("in the file")
FORM_NOTE = translation.N_(
    "Choose the column that holds each field, or one value for every row. Leave "
    "period and value empty for a wide file (one column per year)."
)
MAPPING_HINT = translation.N_(
    "The headers differ from the upload format: choose **Map my columns** (or a saved "
    "preset) under Column mapping above."
)
# Fields whose one value for every row is picked from the catalog rather than typed.
_NAMED_FIELDS = ("city", "pledge", "indicator")

Catalog = Mapping[model.IndicatorRef, model.Indicator]


def file_note(max_bytes: int, max_rows: int, t: translation.Translator = EN) -> str:
    """What the uploader takes, with the limits from the settings."""
    return t.gettext(
        "A CSV (UTF-8 or Windows-1252; comma, semicolon or tab) or an Excel .xlsx workbook, long "
        "({columns}) or wide (one column per year). Up to {megabytes} MB and {rows} rows.",
        columns="`city`, `pledge`, `indicator`, `period`, `value`, `unit`, `source`",
        megabytes=numbers.number(max_bytes / MEGABYTE, t.lang),
        rows=numbers.number(max_rows, t.lang),
    )


def upload_megabytes(max_bytes: int) -> int:
    """The uploader's own size limit in whole megabytes (Streamlit takes no less than one)."""
    return max(1, max_bytes // MEGABYTE)


def done_message(done: str, t: translation.Translator = EN) -> str:
    """The message after a commit, pointing at History where it can be undone."""
    return done + " " + t.gettext("It is listed in History, where it can be undone.")


def mode_text(mode: str, t: translation.Translator = EN) -> str:
    """A Column mapping choice in the reader's words (a preset keeps its own name)."""
    if mode in (NO_MAPPING, NEW_MAPPING):
        return t.gettext(mode)
    name = preset_name(mode)
    return mode if name is None else t.gettext("Preset: {name}", name=name)


def mode_options(saved_presets: list[str]) -> list[str]:
    """The Column mapping choices: none, a new mapping, then each saved preset."""
    return [NO_MAPPING, NEW_MAPPING, *(PRESET + name for name in saved_presets)]


def preset_name(mode: str) -> str | None:
    """The preset a Column mapping choice names, or None for the other choices."""
    return mode.removeprefix(PRESET) if mode.startswith(PRESET) else None


def preset_state(loaded: vocabulary.ColumnMapping) -> dict[str, object]:
    """The form's widget values (by key) that show a loaded preset, to be checked and changed."""
    state: dict[str, object] = {}
    for name in vocabulary.MAPPING_FIELDS:
        headers = loaded.headers(name)
        state[f"map_col_{name}"] = headers[0] if headers else NONE
        if name in vocabulary.CONSTANT_FIELDS:
            state[f"map_const_{name}"] = loaded.constants.get(name, "")
    indicator = loaded.headers("indicator")
    state[SECOND_INDICATOR] = indicator[1] if len(indicator) > 1 else NONE
    state["map_skip_rows"] = loaded.skip_rows
    state["map_skip_unmapped"] = loaded.skip_unmapped
    state[FILTER_COLUMNS] = list(loaded.filters)
    for column, values in loaded.filters.items():
        state[filter_key(column)] = list(values)
    return state


def reading_state(recipe: uploads.Recipe | None) -> dict[str, object]:
    """The "How to read the file" choices (by key) a built-in preset comes with."""
    if recipe is None:
        return {}
    chosen = {
        "delimiter": (upload_flow.DELIMITERS, recipe.delimiter),
        "decimal": (upload_flow.DECIMALS, recipe.decimal),
        "period_rule": (upload_flow.PERIOD_RULES, recipe.period_rule),
    }
    return {
        READ_KEYS[name]: next(label for label, value in labels.items() if value == wanted)
        for name, (labels, wanted) in chosen.items()
    }


def filter_key(column: str) -> str:
    """The widget key of the values kept for one filter column."""
    return f"map_filter_{column}"


def filter_options(found: list[str], chosen: list[str]) -> list[str]:
    """A filter's choices: the column's whole cell values ("" for blank), then chosen extras."""
    return list(dict.fromkeys([*found, *chosen]))


def filter_label(value: str) -> str:
    """A whole cell value as the filter shows it; an empty cell as "(blank)"."""
    return value if value else BLANK


def indicator_columns(first: str | None, second: str | None) -> str | tuple[str, ...] | None:
    """The indicator's column, or two joined (as "Units | Sector", blanks left out)."""
    if first and second and second != first:
        return (first, second)
    return first or None


def form_headers(peeked: uploads.Peek | None, loaded: vocabulary.ColumnMapping | None) -> list[str]:
    """The headers offered for each field: the file's, then a preset's that the file lacks."""
    headers = list(peeked.headers) if peeked else []
    if loaded is not None:
        headers += sorted(h for h in loaded.named_headers() if h not in headers)
    return headers


def skip_rows_of(value: float | None) -> int | None:
    """The number input's rows above the header as a count (None: find the header)."""
    return None if value is None else int(value)


def column_of(picked: str) -> str | None:
    """A column picker's choice as a header, None for the blank choice."""
    return None if picked == NONE else picked


def constant_widget(name: str, column: str | None) -> Literal["select", "text"] | None:
    """How the form offers one value for every row: a picker, a text box, or not at all."""
    if name not in vocabulary.CONSTANT_FIELDS or column:
        return None
    return "select" if name in _NAMED_FIELDS else "text"


def cities(catalog: Catalog) -> list[str]:
    """Every city the catalog knows, sorted."""
    return sorted({ref.city for ref in catalog})


def indicators(catalog: Catalog) -> list[str]:
    """Every indicator id the catalog knows, sorted."""
    return sorted({ref.indicator for ref in catalog})


def known_values(name: str, catalog: Catalog, constants: Mapping[str, str | None]) -> list[str]:
    """The catalog's cities, pledges or indicators, narrowed by the constants chosen above it."""
    if name == "city":
        return cities(catalog)
    city = constants.get("city")
    if name == "pledge":
        return sorted({r.pledge for r in catalog if r.city == city} or {r.pledge for r in catalog})
    pledge = constants.get("pledge")
    return sorted(
        {r.indicator for r in catalog if r.city == city and r.pledge == pledge}
        or {r.indicator for r in catalog}
    )


def constant_options(known: list[str], current: str) -> list[str]:
    """A constant picker's choices: blank, the known values, and the current one if unknown."""
    return ["", *known, *([current] if current and current not in known else [])]


def constant_label(value: str) -> str:
    """A constant picker's choice as shown (the blank choice as a dash)."""
    return value or NONE


def unit_default(
    columns: Mapping[str, str | None], constants: Mapping[str, str | None], catalog: Catalog
) -> str | None:
    """The indicator's own unit when the form gives none, and the constants name one indicator."""
    if columns.get("unit") or constants.get("unit"):
        return None
    return upload_flow.default_unit(catalog, constants)


def unit_note(unit: str, t: translation.Translator = EN) -> str:
    """The sentence saying the unit was taken from the indicator."""
    return t.gettext("Unit: the indicator's own ({unit}).", unit=formatting.plain(unit))


def value_map_note(name: str, column: str, t: translation.Translator = EN) -> str:
    """What the table of a column's values asks for."""
    return t.gettext(
        "Which {field} each value of '{column}' means (leave empty where the file already uses "
        "the {field}'s name).",
        field=name,
        column=formatting.plain(column),
    )


def value_table(
    name: str, found: list[str], earlier: Mapping[str, str | None], t: translation.Translator = EN
) -> dict[str, list[str]]:
    """The table to edit: each value in the file beside what it was mapped to before."""
    return {t.gettext(IN_FILE): found, name: [earlier.get(v) or "" for v in found]}


def values_shown(
    found: list[str], chosen: Mapping[str, str | None], search: str, only_left: bool
) -> list[str]:
    """The file's values a value table shows: those containing the search (any case), and with
    `only_left` only those not mapped yet."""
    wanted = search.strip().casefold()
    return [
        value
        for value in found
        if wanted in value.casefold() and not (only_left and chosen.get(value))
    ]


def left_note(
    found: list[str], chosen: Mapping[str, str | None], shown: int, t: translation.Translator = EN
) -> str:
    """How many of the file's values the table shows, and how many are still unmapped."""
    left = sum(1 for value in found if not chosen.get(value))
    return t.gettext(
        "Showing {shown} of {count} values; {left} not mapped yet.",
        shown=numbers.number(shown, t.lang),
        count=numbers.number(len(found), t.lang),
        left=numbers.number(left, t.lang),
    )


def meaning_lines(chosen: Mapping[str, str | None], labels: Mapping[str, str]) -> list[str]:
    """Each mapped value with the full name of what it means here (a picker cuts long names)."""
    return [
        f"**{formatting.plain(value)}** → {formatting.plain(labels.get(target, target))}"
        for value, target in chosen.items()
        if target
    ]


def chosen_note(label: str, t: translation.Translator = EN) -> str:
    """The whole name of the picked indicator, which the picker may cut short."""
    return t.gettext("Chosen: **{name}**", name=formatting.plain(label))


def filter_cap_note(column: str, limit: int, t: translation.Translator = EN) -> str:
    """The notice when a column has more different values than a filter offers."""
    return t.gettext(
        "'{column}' has more than {limit} different values; only the first {limit} are offered. "
        "Filter on another column first.",
        column=formatting.plain(column),
        limit=numbers.number(limit, t.lang),
    )


def first_rows(peeked: uploads.Peek | None) -> dict[str, list[str]]:
    """The file's first rows under its headers, for reading beside the form."""
    if peeked is None or not peeked.headers:
        return {}
    width = len(peeked.headers)
    rows = [list(row[:width]) + [""] * (width - len(row)) for row in peeked.rows]
    table: dict[str, list[str]] = {}
    for position, header in enumerate(peeked.headers):
        name = header if header not in table else f"{header} ({position + 1})"
        table[name] = [row[position] for row in rows]
    return table


def first_rows_note(peeked: uploads.Peek, t: translation.Translator = EN) -> str:
    """Where the preview of the file starts."""
    return t.gettext(
        "The file's first rows, under the header found in row {row}.", row=peeked.header_row
    )


def saved_message(saved: Path | None, t: translation.Translator = EN) -> tuple[bool, str]:
    """Whether saving a preset worked, and the sentence that says so."""
    if saved is None:
        return False, t.gettext("Give the preset a name with letters or digits.")
    return True, t.gettext("Saved preset '{name}'.", name=formatting.plain(saved.stem))


def detected_line(result: vocabulary.ImportResult, t: translation.Translator = EN) -> str:
    """What the importer found out about the file, as one line of bold labels and values."""
    return " · ".join(
        f"**{label}** {formatting.plain(value)}"
        for label, value in upload_preview.detected(result, t).items()
    )


def shows_mapping_hint(mode: str, found: vocabulary.Report) -> bool:
    """True when a refused file read without a mapping would be helped by one."""
    return mode == NO_MAPPING and upload_problems.needs_mapping(found)


def commit_label(compared: vocabulary.Preview, t: translation.Translator = EN) -> str:
    """The commit button's words: how many rows go in as one batch."""
    rows = compared.added + compared.changed
    return t.ngettext(
        "Commit {shown} row as one batch",
        "Commit {shown} rows as one batch",
        rows,
        shown=numbers.number(rows, t.lang),
    )


def writing_text(written: int, total: int, t: translation.Translator = EN) -> str:
    """The progress bar's words while the store writes."""
    return t.gettext(
        "Writing {written} of {total} rows…",
        written=numbers.number(written, t.lang),
        total=numbers.number(total, t.lang),
    )
