"""Problems found in an upload, as records: what is wrong, where, and what to do."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from pledges import numbers, translation
from pledges.ingest import export

Severity = Literal["error", "warning"]
DEFAULT_CAP = 100
COLUMNS = ("row", "column", "code", "severity", "message", "value", "expected")
FULL_COLUMNS = ("file", "row", "column", "severity", "message")
# Issues past the cap are kept for the full CSV report up to this many (then only counted).
FULL_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words kept as a catalog template (marked `translation.N_`), its plural and its values,
    and worded where they are read: a value may itself be a phrase ("and 3 more"); a float is
    a figure, written as the reader's language writes numbers (`numbers.number`)."""

    template: str
    values: tuple[tuple[str, Value], ...] = ()
    plural: str | None = None
    count: int = 1

    def said_in(self, t: translation.Translator = translation.ENGLISH) -> str:
        """The words in `t`'s language (the English from `translation.ENGLISH`)."""
        filled = {key: worded(value, t) for key, value in self.values}
        if self.plural is not None:
            return t.ngettext(self.template, self.plural, self.count, **filled)
        return t.gettext(self.template, **filled) if filled else t.gettext(self.template)


Value = str | int | float | Phrase


def phrase(
    template: str,
    values: dict[str, Value] | None = None,
    plural: str | None = None,
    count: int = 1,
) -> Phrase:
    """A phrase from a marked template, its values and (for a count) its plural form."""
    return Phrase(template, tuple((values or {}).items()), plural, count)


def worded(value: Value, t: translation.Translator = translation.ENGLISH) -> str | int:
    """A value placed in a sentence: a phrase worded and a figure written in `t`'s language,
    a text or a whole number (a row, a count) as is."""
    if isinstance(value, Phrase):
        return value.said_in(t)
    if isinstance(value, float):
        return numbers.number(value, t.locale)
    return value


def either(names: Sequence[Value]) -> Value:
    """Names a reader may choose one of ("A or B or C"), as a phrase of the catalog."""
    if len(names) == 1:
        return names[0]
    return phrase(
        translation.N_("{first} or {last}"), {"first": either(names[:-1]), "last": names[-1]}
    )


def both(names: Sequence[Value]) -> Value:
    """Names that go together ("A and B and C"), as a phrase of the catalog."""
    if len(names) == 1:
        return names[0]
    return phrase(
        translation.N_("{first} and {last}"), {"first": both(names[:-1]), "last": names[-1]}
    )


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem: a stable slug, where (header is row 1), and a message saying what to do.

    `message` and `expected` are the English (the CSV report's and the stored wording); where
    the issue was made by `said`, `wording` (and `expecting`, when `expected` is our words
    rather than the file's own) let `said_in` and `expected_in` word them in a reader's language.
    """

    code: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    severity: Severity = "error"
    wording: Phrase | None = field(default=None, compare=False)
    expecting: Phrase | None = field(default=None, compare=False)

    def position(self) -> tuple[int | None, str | None, str]:
        """The `(row, column, code)` tuple tests compare."""
        return (self.row, self.column, self.code)

    def said_in(self, t: translation.Translator = translation.ENGLISH) -> str:
        """The message in `t`'s language (as stored where it has no catalog template)."""
        return self.message if self.wording is None else self.wording.said_in(t)

    def expected_in(self, t: translation.Translator = translation.ENGLISH) -> str:
        """What was expected in `t`'s language (as stored where it is not our words)."""
        return (self.expected or "") if self.expecting is None else self.expecting.said_in(t)


def said(
    code: str,
    template: str,
    values: dict[str, Value] | None = None,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
    expected: str | Phrase | None = None,
    severity: Severity = "error",
    plural: str | None = None,
    count: int = 1,
) -> Issue:
    """An issue whose message is a catalog template (marked `translation.N_`; with `plural`, a
    pair chosen by `count`) and its values: the English is stored, and any language can word
    it (docs/translating.md). `expected` is a phrase when it is our words, a text when the
    file's own."""
    wording = phrase(template, values, plural, count)
    expecting = expected if isinstance(expected, Phrase) else None
    shown = expecting.said_in() if expecting is not None else expected
    return Issue(code, wording.said_in(), row, column, value, shown, severity, wording, expecting)


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

    def to_frame(self, t: translation.Translator = translation.ENGLISH) -> pd.DataFrame:
        """The issues as a table for the Upload page, message and expected in `t`'s language."""
        records = [
            {
                "row": issue.row,
                "column": issue.column,
                "code": issue.code,
                "severity": issue.severity,
                "message": issue.said_in(t),
                "value": issue.value,
                "expected": issue.expected_in(t) if issue.expected is not None else None,
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
        expected=phrase(translation.N_("data")),
    )


def nothing_to_import() -> Issue:
    """The error for a file that reads but holds no value: an empty batch is never committed."""
    return said(
        "no-observations",
        translation.N_(
            "The file holds no values to import (every row is empty, skipped or filtered out)."
            " Check the file and the column mapping; nothing was stored."
        ),
        expected=phrase(translation.N_("at least one value")),
    )
