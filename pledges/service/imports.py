"""Bringing values in (an upload, a file on disk), taking them out, and undoing a batch."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pledges import errors, ingest, model, store
from pledges.ingest import export, report
from pledges.ingest.checking import preview
from pledges.ingest.reading import stream
from pledges.service.access import require_editor


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """A file read, compared with the store and (unless refused or a dry run) committed."""

    file_name: str
    result: ingest.Result
    preview: preview.Preview | None
    batch: model.Batch | None
    edits_kept: int = 0  # rows left out: an editor's value is stored at their key (`keep_edits`)

    @property
    def ok(self) -> bool:
        """True when the file had no errors."""
        return self.result.report.ok


def read_file(
    db: store.Store, data: bytes, file_name: str, options: ingest.Options | None = None
) -> ingest.Result:
    """Validate an upload against the indicators in the store; nothing is written."""
    return ingest.read(data, file_name, db.catalog_index(), dated(db, options))


def dated(db: store.Store, options: ingest.Options | None) -> ingest.Options:
    """The options with today from the store's clock, so a period after it is refused."""
    options = options or ingest.Options()
    if options.today is not None:
        return options
    return dataclasses.replace(options, today=db.clock().date())


def import_file(
    db: store.Store,
    actor: model.Actor,
    data: bytes,
    file_name: str,
    options: ingest.Options | None = None,
    dry_run: bool = False,
    on_progress: store.ProgressCallback | None = None,
    with_preview: bool = True,
    accept_jumps: bool = False,
    keep_edits: bool = False,
) -> ImportOutcome:
    """Read, compare and commit one file as one batch; a file with errors stores nothing.

    A value 10 times or more off a stored neighbour of its series is held with its row: the
    file is refused unless `accept_jumps` confirms them. (`with_preview` is kept for callers;
    the comparison is always made, since the jumps and the warnings need it.) With
    `keep_edits` (the seed), a row whose key holds a value someone else stored is left out.
    """
    if not dry_run:
        require_editor(actor, "import data")
    result = read_file(db, data, file_name, options)
    if not result.report.ok:
        return ImportOutcome(file_name, result, None, None)
    kept = 0
    if keep_edits:
        edited = db.edited_rows(result.frame, actor.name)
        kept = int(edited.sum())
        result = dataclasses.replace(result, frame=result.frame[~edited].reset_index(drop=True))
    comparison = _compared(db, result.frame, result.kept)
    if comparison.held and not accept_jumps:
        return ImportOutcome(file_name, with_held(result, comparison.held), comparison, None)
    if dry_run:
        return ImportOutcome(file_name, result, comparison, None, kept)
    batch = db.commit(result.frame, actor.name, file_name, result.sha256, on_progress, result.kept)
    return ImportOutcome(file_name, result, comparison, batch, kept)


def import_path(
    db: store.Store,
    actor: model.Actor,
    path: Path,
    options: ingest.Options | None = None,
    dry_run: bool = False,
    chunk_bytes: int = stream.CHUNK_BYTES,
    accept_jumps: bool = False,
) -> ImportOutcome:
    """`import_file` of a file on disk read in chunks: memory bounded whatever its size.

    The chunks are written in one transaction as they are validated, and rolled back if any
    chunk has an error or a jump not accepted, so a refused file (or a killed process) stores
    nothing. Each chunk is compared with the store first, so a real import warns as a dry run.
    """
    if not dry_run:
        require_editor(actor, "import data")
    reader = stream.Reader(path, db.catalog_index(), dated(db, options), chunk_bytes)
    parts: list[preview.Preview] = []

    def compared() -> Iterator[tuple[pd.DataFrame, Sequence[str]]]:
        for frame in reader.frames():
            parts.append(_compared(db, frame, reader.kept, rows=dry_run))
            yield frame, reader.kept

    def kept() -> bool:
        held = any(part.held for part in parts) and not accept_jumps
        return _finished(reader).report.ok and not held

    if dry_run:
        for _ in compared():
            pass
        batch = None
    else:
        batch = db.commit_chunks(compared(), actor.name, path.name, reader.sha256, kept)
    result = _finished(reader)
    comparison = preview.totals(parts) if result.report.ok else None
    if comparison is not None and comparison.held and not accept_jumps:
        return ImportOutcome(path.name, with_held(result, comparison.held), comparison, None)
    return ImportOutcome(path.name, result, comparison, batch)


def _compared(
    db: store.Store, frame: pd.DataFrame, kept: Sequence[str], rows: bool = True
) -> preview.Preview:
    """A frame compared with the stored values of the series it touches (nothing else read);
    without `rows`, only its warnings and held jumps (a commit nobody previews)."""
    series = frame[["city", "pledge", "indicator"]].drop_duplicates()
    stored = db.observations(keys=series.itertuples(index=False, name=None))
    return (preview.compare if rows else preview.checked)(frame, stored, kept)


def with_held(result: ingest.Result, held: Sequence[report.Issue]) -> ingest.Result:
    """The result refused: its report with the held jumps added as errors, its frame kept."""
    collector = report.Collector(cap=result.report.cap)
    for issue in (*result.report.issues, *result.report.overflow, *held):
        collector.add(issue)
    return dataclasses.replace(result, report=collector.finish())


def _finished(reader: stream.Reader) -> ingest.Result:
    """The result of a reader whose frames were all consumed."""
    if reader.result is None:
        raise errors.PledgesError("the streamed file was not read to its end")
    return reader.result


def undo(db: store.Store, actor: model.Actor, batch_id: int) -> model.Batch:
    """Undo a batch as the acting editor."""
    require_editor(actor, "undo a batch")
    return db.undo(batch_id, actor.name)


def export_csv(db: store.Store, city: str | None = None, excel: bool = False) -> bytes:
    """The stored values in the upload format (an export re-imports to the same state)."""
    return export.to_csv(db.observations(city=city), excel=excel)


def export_frame(frame: pd.DataFrame, excel: bool = False) -> bytes:
    """Values a page shows, in the upload format and safe to open in a spreadsheet."""
    return export.to_csv(frame, excel=excel)


def record_briefing(
    db: store.Store,
    actor: model.Actor,
    city: str,
    pledge: str | None,
    as_of: dt.date,
    output: str,
) -> bool:
    """Record a briefing an editor (or the command line) made; a viewer's download records
    nothing, so it cannot move the council's "changed since the last briefing" date."""
    if not actor.can_edit:
        return False
    db.record_briefing(city, pledge, as_of, output)
    return True
