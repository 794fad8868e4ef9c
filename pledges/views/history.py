"""The History page's decisions as plain functions: batches in, tables and questions out."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from pledges import model


def history_table(batches: Sequence[model.Batch]) -> pd.DataFrame:
    """Batches newest first: who, when, file, counts and status."""
    out = [
        {
            "batch": batch.id,
            "when (UTC)": batch.committed_at.strftime("%Y-%m-%d %H:%M:%S"),
            "who": batch.user,
            "file": batch.file_name,
            "added": batch.added,
            "changed": batch.changed,
            "unchanged": batch.unchanged,
            "removed": batch.removed,
            "status": status_word(batch),
        }
        for batch in batches
    ]
    columns = ["batch", "when (UTC)", "who", "file", "added", "changed", "unchanged", "removed"]
    return pd.DataFrame(out, columns=[*columns, "status"])


def status_word(batch: model.Batch) -> str:
    """A batch's status in words (an undo names the batch it undid)."""
    if batch.status == "undo" and batch.undoes is not None:
        return f"undo of batch {batch.undoes}"
    return batch.status


def undoable(batches: Sequence[model.Batch]) -> list[model.Batch]:
    """Batches an editor may undo: committed ones (the store refuses one changed later)."""
    return [batch for batch in batches if batch.status == "committed"]


def undo_question(batch: model.Batch) -> str:
    """The confirmation asked before undoing a batch."""
    return (
        f"Undo batch {batch.id} ({batch.file_name}, {batch.added:,} added, "
        f"{batch.changed:,} changed)? A new batch restores every value as it was before; "
        "nothing is deleted from the history."
    )
