"""Problems found in an upload, as records: what is wrong, where, and what to do."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from pledges import translation
from pledges.ingest import export

Severity = Literal["error", "warning"]
DEFAULT_CAP = 100
COLUMNS = ("row", "column", "code", "severity", "message", "value", "expected")
FULL_COLUMNS = ("file", "row", "column", "severity", "message")
# Issues past the cap are kept for the full CSV report up to this many (then only counted).
FULL_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem: a stable slug, where (header is row 1), and a message saying what to do.

    `message` is the English (the CSV report's and the stored wording); where the issue was
    made by `said`, `template` and `values` let `said_in` word it in a reader's language.
    """

    code: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    severity: Severity = "error"
    template: str | None = field(default=None, compare=False)
    values: tuple[tuple[str, str | int], ...] = field(default=(), compare=False)

    def position(self) -> tuple[int | None, str | None, str]:
        """The `(row, column, code)` tuple tests compare."""
        return (self.row, self.column, self.code)

    def said_in(self, t: translation.Translator = translation.ENGLISH) -> str:
        """The message in `t`'s language (as stored where it has no catalog template)."""
        if self.template is None:
            return self.message
        return t.gettext(self.template, **dict(self.values))


def said(
    code: str,
    template: str,
    values: dict[str, str | int] | None = None,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
    expected: str | None = None,
    severity: Severity = "error",
) -> Issue:
    """An issue whose message is a catalog template (marked `translation.N_`) and its values:
    the English is stored, and any language can word it (docs/translating.md)."""
    filled = dict(values or {})
    return Issue(
        code,
        template.format(**filled),
        row,
        column,
        value,
        expected,
        severity,
        template,
        tuple(filled.items()),
    )


@dataclass(frozen=True, slots=True)
class Report:
    """Every problem of one file, the first `cap` kept and the rest counted in `more`."""

    issues: tuple[Issue, ...] = ()
    cap: int = DEFAULT_CAP
    more: int = 0
    more_errors: int = 0
    overflow: tuple[Issue, ...] = ()  # the issues past the cap, for the full report

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The kept issues that block the import."""
        return tuple(issue for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The kept issues that do not block the import."""
        return tuple(issue for issue in self.issues if issue.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when nothing blocks the import (counting errors past the cap too)."""
        return not self.errors and self.more_errors == 0

    def positions(self) -> list[tuple[int | None, str | None, str]]:
        """`(row, column, code)` of every kept issue, in report order."""
        return [issue.position() for issue in self.issues]

    def to_frame(self) -> pd.DataFrame:
        """The issues as a table for the Upload page."""
        records = [
            {
                "row": issue.row,
                "column": issue.column,
                "code": issue.code,
                "severity": issue.severity,
                "message": issue.message,
                "value": issue.value,
                "expected": issue.expected,
            }
            for issue in self.issues
        ]
        frame = pd.DataFrame(records, columns=list(COLUMNS))
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def to_csv(self) -> bytes:
        """The issues as a UTF-8 CSV download, with a last line counting any left out."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        for issue in self.issues:
            writer.writerow(
                [
                    "" if issue.row is None else issue.row,
                    export.neutralise(issue.column or ""),
                    issue.code,
                    issue.severity,
                    export.neutralise(issue.message),
                    export.neutralise(issue.value or ""),
                    export.neutralise(issue.expected or ""),
                ]
            )
        if self.more:
            writer.writerow(
                [
                    "",
                    "",
                    "more",
                    "error" if self.more_errors else "warning",
                    f"{self.more} more problems not listed",
                    "",
                    "",
                ]
            )
        return buffer.getvalue().encode("utf-8")

    def full_csv(self, file_name: str) -> bytes:
        """Every issue, the ones past the cap too, as a UTF-8 CSV download with the file's name
        on each line (file,row,column,severity,message), for a report too long for the page."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(FULL_COLUMNS)
        every = sorted(
            (*self.issues, *self.overflow),
            key=lambda issue: (issue.row is not None, issue.row or 0),
        )
        for issue in every:
            row = "" if issue.row is None else issue.row
            cells = (file_name, issue.column or "", issue.message)
            name, column, message = (export.neutralise(cell) for cell in cells)
            writer.writerow([name, row, column, issue.severity, message])
        left = self.more - len(self.overflow)
        if left > 0:
            name = export.neutralise(file_name)
            writer.writerow([name, "", "", "warning", f"{left} more problems not listed"])
        return buffer.getvalue().encode("utf-8")

    def lines(self, file_name: str, t: translation.Translator = translation.ENGLISH) -> list[str]:
        """`file:row:column: code: message` lines, as the command line prints them (the code
        stays English: tools read it; the message in `t`'s language)."""
        out = [problem_line(file_name, issue, t) for issue in self.issues]
        if self.more:
            out.append(problem_line(file_name, more_problems(self.more), t))
        return out


def more_problems(count: int) -> Issue:
    """The line that counts the problems past the cap."""
    return said(
        "more",
        translation.N_("{count} more problems not listed"),
        {"count": count},
        severity="warning",
    )


def problem_line(
    file_name: str, issue: Issue, t: translation.Translator = translation.ENGLISH
) -> str:
    """The one problem line, `file:row:column: code: message`, as editors' tools read it."""
    row = "" if issue.row is None else str(issue.row)
    return f"{file_name}:{row}:{issue.column or ''}: {issue.code}: {issue.said_in(t)}"


@dataclass
class Collector:
    """Gathers issues while a file is read; keeps the first `cap`, counts the rest."""

    cap: int = DEFAULT_CAP
    kept: list[Issue] = field(default_factory=list)
    more: int = 0
    more_errors: int = 0
    error_count: int = 0
    rest: list[Issue] = field(default_factory=list)

    def add(self, issue: Issue) -> None:
        """Record one issue (past the cap it is counted, and kept for the full report)."""
        if issue.severity == "error":
            self.error_count += 1
        if len(self.kept) < self.cap:
            self.kept.append(issue)
            return
        if len(self.rest) < FULL_LIMIT:
            self.rest.append(issue)
        self.more += 1
        if issue.severity == "error":
            self.more_errors += 1

    @property
    def has_errors(self) -> bool:
        """True once any error was added."""
        return self.error_count > 0

    def finish(self) -> Report:
        """The frozen report, file-level issues first, then by row."""
        ordered = sorted(self.kept, key=lambda issue: (issue.row is not None, issue.row or 0))
        return Report(tuple(ordered), self.cap, self.more, self.more_errors, tuple(self.rest))


def empty_file() -> Issue:
    """The error for a file with no header and no rows (0 bytes, or only blank lines)."""
    return said(
        "missing-column",
        translation.N_(
            "The file is empty: no header and no rows. Upload a file with a header row and data."
        ),
        expected="data",
    )


def nothing_to_import() -> Issue:
    """The error for a file that reads but holds no value: an empty batch is never committed."""
    return said(
        "no-observations",
        translation.N_(
            "The file holds no values to import (every row is empty, skipped or filtered out)."
            " Check the file and the column mapping; nothing was stored."
        ),
        expected="at least one value",
    )
