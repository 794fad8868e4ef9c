"""The header row: where it is, what it names, and why it was not found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pledges import translation
from pledges.ingest import report
from pledges.ingest.reading import decimals, readers, sniff
from pledges.ingest.reading import mapping as column_mapping

SEARCH_ROWS = 50
_TARGET_HEADERS = ("baseline year", "target year", "percentage reduction target", "target date")


@dataclass(frozen=True)
class Found:
    """The header row: its index, cleaned names and where each normalised name sits."""

    header_index: int
    names: tuple[str, ...]
    positions: dict[str, list[int]] = field(default_factory=dict)
    mapping: column_mapping.ColumnMapping | None = None


def wanted_headers(mapping: column_mapping.ColumnMapping | None) -> list[set[str]]:
    """Header name sets that identify the header row, most specific first."""
    if mapping is not None and mapping.named_headers():
        return [{sniff.normalise(name) for name in mapping.named_headers()}]
    return [set(column_mapping.REQUIRED), set(column_mapping.WIDE_KEYS)]


def _texts(record: Sequence[readers.Cell]) -> list[str]:
    """A record's cells as text."""
    return [readers.text_of(cell) for cell in record]


def locate(
    rows: list[list[readers.Cell]],
    delimiter: str | None,
    mapping: column_mapping.ColumnMapping | None,
    collector: report.Collector,
) -> Found | None:
    """Find the header row (or take the mapping's rows to skip); report why not if absent."""
    wanted = wanted_headers(mapping)
    if mapping is not None and mapping.skip_rows is not None:
        index = mapping.skip_rows
        if index >= len(rows):
            collector.add(
                report.said(
                    "missing-column",
                    translation.N_(
                        "The file has {rows} rows, fewer than the {skip} to skip before the header."
                    ),
                    {"rows": len(rows), "skip": index},
                    None,
                    None,
                    str(index),
                )
            )
            return None
        return _found(rows, index, mapping, wanted[0], collector)
    head = [_texts(record) for record in rows[:SEARCH_ROWS]]
    for names in wanted:
        index = sniff.find_header(head, names)
        if index is not None:
            if index > 0:
                skipped = " / ".join(
                    " ".join(cell for cell in record if cell.strip())[:60]
                    for record in head[:index]
                    if any(cell.strip() for cell in record)
                )
                template = (
                    translation.N_(
                        "The header is on row {row}; the {count} rows above it were skipped"
                        " ({skipped}). Check they hold nothing you need (a unit, say)."
                    )
                    if skipped
                    else translation.N_(
                        "The header is on row {row}; the {count} rows above it were skipped"
                        " (blank). Check they hold nothing you need (a unit, say)."
                    )
                )
                collector.add(
                    report.said(
                        "preamble",
                        template,
                        {"row": index + 1, "count": index, "skipped": skipped},
                        index + 1,
                        None,
                        skipped,
                        None,
                        "warning",
                    )
                )
            return _found(rows, index, mapping, names, collector)
    _explain_absence(head, delimiter, wanted[0], collector)
    return None


def _found(
    rows: list[list[readers.Cell]],
    index: int,
    mapping: column_mapping.ColumnMapping | None,
    wanted: set[str],
    collector: report.Collector,
) -> Found | None:
    """The Found header at one index, or missing-column issues if names are absent."""
    names = tuple(sniff.clean(text) for text in _texts(rows[index]))
    positions: dict[str, list[int]] = {}
    for position, name in enumerate(names):
        positions.setdefault(sniff.normalise(name), []).append(position)
    missing = sorted(wanted - set(positions))
    for name in missing:
        collector.add(missing_column(name, index + 1, names))
    if missing:
        return None
    return Found(index, names, positions, mapping)


def missing_column(name: str, row: int, names: Sequence[str]) -> report.Issue:
    """A missing-column issue listing what the header does hold."""
    shown = ", ".join(f"'{cell}'" for cell in names if cell)[:300]
    return report.said(
        "missing-column",
        translation.N_(
            "No column '{name}' in the header (row {row}), which has {shown}. Rename a column,"
            " or choose one (or a constant) in the column mapping."
        ),
        {"name": name, "row": row, "shown": shown},
        row,
        name,
        None,
        name,
    )


def _explain_absence(
    head: list[list[str]], delimiter: str | None, wanted: set[str], collector: report.Collector
) -> None:
    """Say why no header was found: wrong delimiter, a preamble, targets, or missing names."""
    filled = [record for record in head if any(cell.strip() for cell in record)]
    if not filled:
        collector.add(report.empty_file())
        return
    if delimiter is not None and all(len(record) <= 1 for record in filled):
        other = sniff.likely_delimiter(filled[0][0] if filled[0] else "")
        named: report.Value = (
            report.phrase(sniff.DELIMITER_NAMES[other])
            if other in sniff.DELIMITER_NAMES
            else f"'{other}'"
        )
        if other and other != delimiter:
            template = translation.N_(
                "Only one column found — is this file {named}-separated? Save it as"
                " comma-separated CSV, or choose the delimiter."
            )
        else:
            template = translation.N_(
                "Only one column found Save it as comma-separated CSV, or choose the delimiter."
            )
        collector.add(
            report.said(
                "wrong-delimiter",
                template,
                {"named": named} if other and other != delimiter else {},
                1,
                None,
                (filled[0] or [""])[0][:80],
                report.phrase(translation.N_("comma-, semicolon- or tab-separated columns")),
            )
        )
        return
    guess = sniff.header_row_guess(head)
    names = [sniff.clean(cell) for cell in head[guess]]
    normalised = {sniff.normalise(name) for name in names}
    if sum(any(target in name for name in normalised) for target in _TARGET_HEADERS) >= 2:
        collector.add(
            report.said(
                "targets-not-observations",
                translation.N_(
                    "This file describes targets (baseline year, % reduction, target year), not"
                    " observations: there is no period and value to import. Targets belong in"
                    " the pledge definition."
                ),
                {},
                guess + 1,
                None,
                None,
                report.phrase(translation.N_("observations: period and value columns")),
            )
        )
        return
    if guess > 0:
        collector.add(
            report.said(
                "preamble",
                translation.N_(
                    "Found {count} rows before what looks like the header (row {row}: {names})."
                    " Set rows to skip to {count} in the column mapping."
                ),
                {"count": guess, "row": guess + 1, "names": _listed(names)},
                guess + 1,
                None,
                None,
                report.phrase(translation.N_("the header in row 1")),
            )
        )
    for name in sorted(wanted - normalised):
        collector.add(missing_column(name, guess + 1, names))
    _explain_shape(head, guess, names, collector)


def _explain_shape(
    head: list[list[str]], guess: int, names: list[str], collector: report.Collector
) -> None:
    """Name what else makes the file unreadable: repeated headers, mixed number formats."""
    counts: dict[str, int] = {}
    for name in names:
        if name:
            counts[name] = counts.get(name, 0) + 1
    repeated = [name for name, count in counts.items() if count > 1]
    if repeated:
        shown = ", ".join(f"'{name}'" for name in repeated[:6])
        collector.add(
            report.said(
                "duplicate-column",
                translation.N_(
                    "The header repeats {count} names ({shown}); each column needs a unique name."
                ),
                {"count": len(repeated), "shown": shown + (", …" if len(repeated) > 6 else "")},
                guess + 1,
                None,
                shown,
                report.phrase(translation.N_("unique column names")),
            )
        )
    cells = (cell for record in head[guess + 1 :] for cell in record)
    fmt = decimals.sniff(cells, ".", True)
    if fmt.mixed:
        collector.add(
            report.said(
                "ambiguous-number",
                translation.N_(
                    "Cannot read numbers unambiguously: the file has '{point}' (decimal point?)"
                    " and '{comma}' (decimal comma, or thousands separator?). Export one header"
                    " row with plain numbers (one decimal mark, no thousands separators), or"
                    " choose the number format."
                ),
                {"point": fmt.examples[0], "comma": fmt.examples[1]},
                None,
                None,
                " / ".join(fmt.examples),
                report.phrase(translation.N_("one decimal mark and no thousands separators")),
            )
        )


def _listed(names: Sequence[str]) -> str:
    """Header names quoted for a message, cut short."""
    return ", ".join(repr(name) for name in names if name)[:200]
