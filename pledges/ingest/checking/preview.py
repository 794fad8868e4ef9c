"""What an upload would change: rows added, changed and unchanged, and values worth a look."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pledges import translation
from pledges.ingest import report
from pledges.ingest.checking import compare_cells as cells
from pledges.ingest.checking import jumps, keyed, suspicious

KEY = ["city", "pledge", "indicator", "period"]
COMPARED = ("value", "method", "source", "note")
# The order `changed_fields` names them in: the value first, then its provenance.
NAMED = ("value", "source", "note", "method")
COUNT_COLUMNS = ["city", "pledge", "indicator", "added", "changed", "unchanged"]
ROW_COLUMNS = [
    *KEY,
    "status",
    "old_value",
    "new_value",
    "old_method",
    "new_method",
    "old_source",
    "new_source",
    "old_note",
    "new_note",
    "changed_fields",
    "row",
]


@dataclass(frozen=True)
class Preview:
    """Each uploaded row's status against the store, counts per indicator, and warnings."""

    rows: pd.DataFrame
    counts: pd.DataFrame
    warnings: tuple[report.Issue, ...]
    # Values 10 times or more off their stored neighbours: refused unless the jumps are confirmed.
    held: tuple[report.Issue, ...] = ()

    @property
    def added(self) -> int:
        """Rows whose key is not stored yet."""
        return int(self.counts["added"].sum()) if len(self.counts) else 0

    @property
    def changed(self) -> int:
        """Rows whose stored value, method, source or note differs."""
        return int(self.counts["changed"].sum()) if len(self.counts) else 0

    @property
    def unchanged(self) -> int:
        """Rows identical to what is stored."""
        return int(self.counts["unchanged"].sum()) if len(self.counts) else 0


def compare(new: pd.DataFrame, stored: pd.DataFrame, kept: Sequence[str] = ()) -> Preview:
    """Compare a validated upload with the stored observations of the same columns; `kept`
    columns (absent from the file) show, and keep, the stored cells.

    Each row says added, changed or unchanged with its old and new cells, and `changed_fields`
    names what a changed row changes ("value, source"; "" for added and unchanged rows).
    """
    new_keys, stored_keys = keyed.keys(new), keyed.keys(stored)
    before = keyed.matches(new_keys, stored_keys)
    found = before >= 0
    if kept and found.any():
        new = new.copy()
        for name in kept:
            column = new[name].to_numpy(dtype=object).copy()
            column[found] = cells.raw_cells(stored, name)[before[found]]
            new[name] = column
    differs = {name: np.zeros(len(new), dtype=bool) for name in NAMED}
    for name in COMPARED:
        if found.any():
            differs[name][found] = ~cells.same_cells(
                cells.cells(stored, name)[before[found]], cells.cells(new, name)[found]
            )
    same = ~np.logical_or.reduce([differs[name] for name in NAMED]) if len(new) else found
    status = np.where(found, np.where(same, "unchanged", "changed"), "added")
    columns: dict[str, object] = {
        "city": new_keys[0].tolist(),
        "pledge": new_keys[1].tolist(),
        "indicator": new_keys[2].tolist(),
        "period": new_keys[3].tolist(),
        "status": status.astype(object),
        "old_value": cells.old(cells.raw_cells(stored, "value"), before, found),
        "new_value": cells.as_records(cells.raw_cells(new, "value")),
    }
    for name in ("method", "source", "note"):
        columns[f"old_{name}"] = cells.old(cells.cleaned(stored, name), before, found)
        columns[f"new_{name}"] = cells.as_records(cells.cleaned(new, name))
    columns["changed_fields"] = _changed_fields(differs, len(new))
    columns["row"] = cells.as_records(cells.raw_cells(new, "row"))
    rows = pd.DataFrame(columns if len(new) else [], columns=ROW_COLUMNS)
    counts = _counts(rows)
    warnings = suspicious.suspicious(new, stored, new_keys, stored_keys)
    if kept and found.any():  # only rows already stored have cells to keep
        warnings.insert(0, kept_columns(kept))
    held = jumps.held(new, stored, new_keys, stored_keys, status != "unchanged")
    return Preview(rows, counts, tuple(warnings), tuple(held))


def checked(new: pd.DataFrame, stored: pd.DataFrame, kept: Sequence[str] = ()) -> Preview:
    """`compare`'s warnings and held jumps without its row-by-row table, for a commit nobody
    previews (a value stored already, the same number, is never held)."""
    new_keys, stored_keys = keyed.keys(new), keyed.keys(stored)
    warnings = suspicious.suspicious(new, stored, new_keys, stored_keys)
    before = keyed.matches(new_keys, stored_keys)
    found = before >= 0
    if kept and found.any():
        warnings.insert(0, kept_columns(kept))
    same = np.zeros(len(new), dtype=bool)
    if found.any():
        old = stored["value"].to_numpy(dtype=float)[before[found]]
        same[found] = old == new["value"].to_numpy(dtype=float)[found]
    held = jumps.held(new, stored, new_keys, stored_keys, ~same)
    empty = pd.DataFrame(columns=ROW_COLUMNS)
    return Preview(empty, pd.DataFrame(columns=COUNT_COLUMNS), tuple(warnings), tuple(held))


def _changed_fields(differs: dict[str, np.ndarray], count: int) -> list[str]:
    """Per row, the compared fields that differ from the stored row, comma separated."""
    codes = np.zeros(count, dtype=np.int64)
    for bit, name in enumerate(NAMED):
        codes |= differs[name].astype(np.int64) << bit
    words = [
        ", ".join(name for bit, name in enumerate(NAMED) if code >> bit & 1)
        for code in range(1 << len(NAMED))
    ]
    return [words[code] for code in codes.tolist()]


def kept_columns(kept: Sequence[str]) -> report.Issue:
    """The warning that columns the file lacks keep their stored cells."""
    return report.said(
        "kept-columns",
        translation.N_(
            "The file has no {names} column: stored {kept} cells are kept, not cleared. To clear"
            " one, add the column and leave its cell empty."
        ),
        {"names": report.both([f"'{name}'" for name in kept]), "kept": report.both(list(kept))},
        None,
        None,
        ", ".join(kept),
        None,
        "warning",
    )


def totals(parts: list[Preview]) -> Preview:
    """The counts and warnings of a file previewed chunk by chunk (no per-row table)."""
    counts = [part.counts for part in parts if len(part.counts)]
    if not counts:
        table = pd.DataFrame(columns=COUNT_COLUMNS)
    else:
        names = ["city", "pledge", "indicator"]
        table = pd.concat(counts).groupby(names, sort=False).sum().reset_index()[COUNT_COLUMNS]
    warnings = tuple(dict.fromkeys(issue for part in parts for issue in part.warnings))
    held = tuple(issue for part in parts for issue in part.held)
    return Preview(pd.DataFrame(columns=ROW_COLUMNS), table, warnings, held)


def _counts(rows: pd.DataFrame) -> pd.DataFrame:
    """Added, changed and unchanged per indicator."""
    if rows.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    table = (
        rows.groupby(["city", "pledge", "indicator", "status"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=["added", "changed", "unchanged"], fill_value=0)
        .reset_index()
    )
    table.columns.name = None
    return table[COUNT_COLUMNS]
