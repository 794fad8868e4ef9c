"""The Upload preview's row list: each added, changed and unchanged row, old beside new, paged."""

from __future__ import annotations

import math
import re

import pandas as pd

from pledges import numbers, translation
from pledges.service import vocabulary

EN = translation.ENGLISH
PAGE_SIZE = 50
ALL = translation.N_("all rows")
STATUSES = (translation.N_("added"), translation.N_("changed"), translation.N_("unchanged"))
COLUMNS = ["row", "status", "city", "indicator", "period", "old", "new", "what changes"]
NO_ROWS_NOTE = translation.N_(
    "This file is large, so it was compared chunk by chunk: the counts above are complete, but "
    "the rows are not listed one by one."
)
_E_NOTATION = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?[eE][+-]?\d+(?![\w.])")


def status_options(compared: vocabulary.Preview) -> list[str]:
    """The row list's choices: every row, then each status with its count ("changed (3)")."""
    counts = {"added": compared.added, "changed": compared.changed}
    counts["unchanged"] = compared.unchanged
    return [ALL, *(f"{status} ({counts[status]:,})" for status in STATUSES if counts[status])]


def option_text(option: str, t: translation.Translator = EN) -> str:
    """A row-list choice in the reader's words ("cambiados (3)")."""
    if option == ALL:
        return t.gettext(ALL)
    status, _, count = option.partition(" (")
    return f"{t.gettext(status)} ({count}" if count else t.gettext(status)


def status_of(option: str) -> str | None:
    """The status a choice of the row list names (None for every row)."""
    return None if option == ALL else option.split(" (")[0]


def chosen_rows(compared: vocabulary.Preview, status: str | None) -> pd.DataFrame:
    """The preview's rows of one status (all of them for None), in file order."""
    rows = compared.rows
    if status is not None:
        rows = rows[rows["status"] == status]
    return rows


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    """How many pages the rows take (at least one)."""
    return max(1, math.ceil(total / size))


def rows_page(
    compared: vocabulary.Preview, status: str | None, page: int, size: int = PAGE_SIZE
) -> pd.DataFrame:
    """One page (from 1) of the rows: old and new value as the pages write them, what changes."""
    rows = chosen_rows(compared, status)
    page = min(max(page, 1), page_count(len(rows), size))
    part = rows.iloc[(page - 1) * size : page * size]
    out = []
    for record in part.to_dict("records"):
        old, new = value_pair(record["old_value"], record["new_value"])
        out.append(
            {
                "row": record["row"],
                "status": record["status"],
                "city": record["city"],
                "indicator": record["indicator"],
                "period": period_text(record["period"]),
                "old": old if record["status"] != "added" else "",
                "new": new,
                "what changes": what_changes(record),
            }
        )
    frame = pd.DataFrame(out, columns=COLUMNS)
    frame["row"] = pd.array(frame["row"].tolist(), dtype="Int64")
    return frame


def page_note(
    page: int, pages: int, total: int, size: int = PAGE_SIZE, t: translation.Translator = EN
) -> str:
    """Which rows the page shows ("Rows 51–100 of 240, page 2 of 5")."""
    if total == 0:
        return t.gettext("No rows.")
    first = (min(max(page, 1), pages) - 1) * size + 1
    last = min(first + size - 1, total)
    return t.gettext(
        "Rows {first}–{last} of {total}, page {page} of {pages}.",
        first=numbers.number(first, t.lang),
        last=numbers.number(last, t.lang),
        total=numbers.number(total, t.lang),
        page=min(max(page, 1), pages),
        pages=pages,
    )


def what_changes(record: dict[str, object]) -> str:
    """The fields a changed row changes: the preview's own list when it has one, else compared."""
    if record.get("status") != "changed":
        return ""
    given = record.get("changed_fields")
    if isinstance(given, list | tuple):
        return ", ".join(str(name) for name in given)
    if isinstance(given, str) and given:
        return given
    return ", ".join(
        name
        for name in vocabulary.COMPARED
        if _text(record.get(f"old_{name}")) != _text(record.get(f"new_{name}"))
    )


def value_pair(old: object, new: object) -> tuple[str, str]:
    """Old and new value as stored, each with its own digits (a change is never rounded away)."""
    return _written(_number(old)), _written(_number(new))


def plain_numbers(text: str) -> str:
    """A message with any e-notation number (2.61821e+06) written as the pages write numbers."""
    return _E_NOTATION.sub(lambda match: numbers.exact(float(match.group())), text)


def period_text(value: object) -> str:
    """A period date of the preview as text, written as the upload format writes it."""
    return vocabulary.write_period(pd.Timestamp(value).date(), None)


def _number(value: object) -> float | None:
    """A cell as a float, None when missing or not a number."""
    if value is None or value is pd.NA or isinstance(value, str):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _written(value: float | None) -> str:
    """One value as the pages write it ("" when missing)."""
    return "" if value is None else numbers.exact(value)


def _text(value: object) -> str:
    """A compared cell as text, every missing spelling as ""."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = _number(value)
    return vocabulary.exact_number(number) if number is not None else str(value).strip()
