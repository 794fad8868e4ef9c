"""The Upload page's problems and warnings: the tables and sentences that say what blocks a file."""

from __future__ import annotations

import pandas as pd

from pledges import numbers, translation
from pledges.service import vocabulary
from pledges.views.upload import upload_rows

EN = translation.ENGLISH

PROBLEM_COLUMNS = ["code", "row", "column", "value", "message", "expected"]
WARNING_COLUMNS = ["code", "row", "column", "value", "message"]
_MAPPING_CODES = ("missing-column", "preamble")


def problems_table(found: vocabulary.Report, t: translation.Translator = EN) -> pd.DataFrame:
    """The blocking problems as a table (code, row, column, value, message, expected)."""
    frame = _blank_missing(found.to_frame(t))
    return frame[frame["severity"] == "error"][PROBLEM_COLUMNS].reset_index(drop=True)


def problem_lines(
    found: vocabulary.Report, limit: int = 20, t: translation.Translator = EN
) -> list[str]:
    """The first blocking problems as whole sentences, for reading on a narrow screen."""
    out = []
    for issue in found.errors[:limit]:
        where = ", ".join(
            part
            for part in (
                "" if issue.row is None else t.gettext("row {row}", row=issue.row),
                t.gettext("column {column}", column=issue.column) if issue.column else "",
            )
            if part
        )
        out.append(f"{where or t.gettext('file')} ({issue.code}): {issue.said_in(t)}")
    return out


def needs_mapping(found: vocabulary.Report) -> bool:
    """True when the file's headers are not the upload format's (the mapping form helps)."""
    return any(issue.code in _MAPPING_CODES for issue in found.errors)


def _blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Empty text instead of None in the text columns, so the table reads cleanly."""
    for name in ("column", "value", "expected"):
        frame[name] = frame[name].astype(object).where(frame[name].notna(), "")
    return frame


def warnings_table(
    found: vocabulary.Report,
    compared: vocabulary.Preview | None = None,
    limit: int = vocabulary.REPORT_CAP,
    t: translation.Translator = EN,
) -> pd.DataFrame:
    """The first problems that do not block (preamble skipped, unusual values) as a table."""
    issues = list(found.warnings) + list(compared.warnings if compared else ())
    frame = _blank_missing(vocabulary.Report(tuple(issues[:limit])).to_frame(t))
    for name in ("message", "value"):
        frame[name] = [upload_rows.plain_numbers(str(text)) for text in frame[name]]
    return frame[WARNING_COLUMNS].reset_index(drop=True)


def warning_count(found: vocabulary.Report, compared: vocabulary.Preview | None) -> int:
    """How many things do not block, the ones past the report's cap included."""
    more = found.more - found.more_errors
    return len(found.warnings) + more + len(compared.warnings if compared else ())


def notes_sentence(count: int, shown: int | None = None, t: translation.Translator = EN) -> str:
    """The heading of the warnings that do not block the import."""
    text = t.ngettext(
        "{shown_count} thing worth a look (skipped rows, unusual values). They do not block.",
        "{shown_count} things worth a look (skipped rows, unusual values). They do not block.",
        count,
        shown_count=numbers.number(count, t.lang),
    )
    if shown is not None and shown < count:
        text += " " + t.gettext(
            "The first {shown} are listed.", shown=numbers.number(shown, t.lang)
        )
    return text


def rest_note(found: vocabulary.Report, t: translation.Translator = EN) -> str | None:
    """A sentence counting the problems past the cap, when there are any."""
    if not found.more:
        return None
    more = numbers.number(found.more, t.lang)
    if found.more_errors:
        return t.gettext(
            "{more} more problems are not listed ({errors} of them errors). Fix the ones shown "
            "and upload again to see the rest.",
            more=more,
            errors=numbers.number(found.more_errors, t.lang),
        )
    return t.gettext(
        "{more} more problems are not listed. Fix the ones shown and upload again to see the rest.",
        more=more,
    )


def refusal_sentence(found: vocabulary.Report, t: translation.Translator = EN) -> str:
    """One sentence saying how many problems block the file."""
    count = len(found.errors) + found.more_errors
    return t.ngettext(
        "The file was not imported: {shown} problem to fix. Nothing was stored.",
        "The file was not imported: {shown} problems to fix. Nothing was stored.",
        count,
        shown=numbers.number(count, t.lang),
    )


JUMPS_CONFIRM = translation.N_("These values are right: store them despite the jumps")


def held_table(compared: vocabulary.Preview, t: translation.Translator = EN) -> pd.DataFrame:
    """The values held for a tenfold jump against their stored neighbours, row by row."""
    frame = _blank_missing(vocabulary.Report(compared.held).to_frame(t))
    return frame[PROBLEM_COLUMNS].reset_index(drop=True)


def held_lines(compared: vocabulary.Preview, t: translation.Translator = EN) -> list[str]:
    """The held values' messages as whole sentences, for reading on a narrow screen."""
    return problem_lines(vocabulary.Report(compared.held), t=t)


def held_sentence(compared: vocabulary.Preview, t: translation.Translator = EN) -> str:
    """Why the commit waits: how many values jump tenfold, and what the tick box does."""
    count = len(compared.held)
    return t.ngettext(
        "{shown} value is 10 times or more off the stored value next to it in its series (a "
        "unit or decimal-mark slip?). Nothing is stored unless you tick the box below to confirm "
        "them.",
        "{shown} values are 10 times or more off the stored value next to it in its series (a "
        "unit or decimal-mark slip?). Nothing is stored unless you tick the box below to confirm "
        "them.",
        count,
        shown=numbers.number(count, t.lang),
    )
