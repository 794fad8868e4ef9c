"""The Upload page's problems and warnings: the tables and sentences that say what blocks a file."""

from __future__ import annotations

import pandas as pd

from pledges.service import vocabulary
from pledges.views.upload import upload_rows

PROBLEM_COLUMNS = ["code", "row", "column", "value", "message", "expected"]
WARNING_COLUMNS = ["code", "row", "column", "value", "message"]
_MAPPING_CODES = ("missing-column", "preamble")


def problems_table(found: vocabulary.Report) -> pd.DataFrame:
    """The blocking problems as a table (code, row, column, value, message, expected)."""
    frame = _blank_missing(found.to_frame())
    return frame[frame["severity"] == "error"][PROBLEM_COLUMNS].reset_index(drop=True)


def problem_lines(found: vocabulary.Report, limit: int = 20) -> list[str]:
    """The first blocking problems as whole sentences, for reading on a narrow screen."""
    out = []
    for issue in found.errors[:limit]:
        where = ", ".join(
            part
            for part in (
                "" if issue.row is None else f"row {issue.row}",
                f"column {issue.column}" if issue.column else "",
            )
            if part
        )
        out.append(f"{where or 'file'} ({issue.code}): {issue.message}")
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
) -> pd.DataFrame:
    """The first problems that do not block (preamble skipped, unusual values) as a table."""
    issues = list(found.warnings) + list(compared.warnings if compared else ())
    frame = _blank_missing(vocabulary.Report(tuple(issues[:limit])).to_frame())
    for name in ("message", "value"):
        frame[name] = [upload_rows.plain_numbers(str(text)) for text in frame[name]]
    return frame[WARNING_COLUMNS].reset_index(drop=True)


def warning_count(found: vocabulary.Report, compared: vocabulary.Preview | None) -> int:
    """How many things do not block, the ones past the report's cap included."""
    more = found.more - found.more_errors
    return len(found.warnings) + more + len(compared.warnings if compared else ())


def notes_sentence(count: int, shown: int | None = None) -> str:
    """The heading of the warnings that do not block the import."""
    noun = "thing" if count == 1 else "things"
    listed = f" The first {shown:,} are listed." if shown is not None and shown < count else ""
    return (
        f"{count:,} {noun} worth a look (skipped rows, unusual values). They do not block.{listed}"
    )


def rest_note(found: vocabulary.Report) -> str | None:
    """A sentence counting the problems past the cap, when there are any."""
    if not found.more:
        return None
    errors = f" ({found.more_errors:,} of them errors)" if found.more_errors else ""
    return (
        f"{found.more:,} more problems are not listed{errors}. "
        "Fix the ones shown and upload again to see the rest."
    )


def refusal_sentence(found: vocabulary.Report) -> str:
    """One sentence saying how many problems block the file."""
    count = len(found.errors) + found.more_errors
    noun = "problem" if count == 1 else "problems"
    return f"The file was not imported: {count:,} {noun} to fix. Nothing was stored."


JUMPS_CONFIRM = "These values are right: store them despite the jumps"


def held_table(compared: vocabulary.Preview) -> pd.DataFrame:
    """The values held for a tenfold jump against their stored neighbours, row by row."""
    frame = _blank_missing(vocabulary.Report(compared.held).to_frame())
    return frame[PROBLEM_COLUMNS].reset_index(drop=True)


def held_lines(compared: vocabulary.Preview) -> list[str]:
    """The held values' messages as whole sentences, for reading on a narrow screen."""
    return problem_lines(vocabulary.Report(compared.held))


def held_sentence(compared: vocabulary.Preview) -> str:
    """Why the commit waits: how many values jump tenfold, and what the tick box does."""
    count = len(compared.held)
    return (
        f"{count:,} value{'s' * (count != 1)} {'are' if count != 1 else 'is'} 10 times or more "
        "off the stored value next to it in its series (a unit or decimal-mark slip?). Nothing "
        "is stored unless you tick the box below to confirm them."
    )
