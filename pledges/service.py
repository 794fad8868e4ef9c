"""What users do, as functions the command line and the app share; changes need an editor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pledges import catalog, errors, ingest, model, progress, store
from pledges.ingest import export, preview, stream

SEED_USER = model.Actor("seed", "editor")


def require_editor(actor: model.Actor, action: str) -> None:
    """Refuse a change by anyone who is not a signed-in editor, whatever the page showed."""
    if not actor.can_edit:
        raise errors.NotAllowed(
            f"{actor.name} is a viewer and may not {action}; sign in as an editor"
        )


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """A file read, compared with the store and (unless refused or a dry run) committed."""

    file_name: str
    result: ingest.Result
    preview: preview.Preview | None
    batch: model.Batch | None

    @property
    def ok(self) -> bool:
        """True when the file had no errors."""
        return self.result.report.ok


@dataclass(frozen=True, slots=True)
class InitSummary:
    """What `init` did: definitions synced and seed files imported."""

    sync: store.SyncSummary
    outcomes: tuple[ImportOutcome, ...]


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    """One indicator's assessment with where it sits in the city's pledges."""

    pledge: model.Pledge
    goal: model.Goal
    indicator: model.Indicator
    assessment: progress.Assessment
    observations: pd.DataFrame


def read_file(
    db: store.Store, data: bytes, file_name: str, options: ingest.Options | None = None
) -> ingest.Result:
    """Validate an upload against the indicators in the store; nothing is written."""
    return ingest.read(data, file_name, db.catalog_index(), options)


def import_file(
    db: store.Store,
    actor: model.Actor,
    data: bytes,
    file_name: str,
    options: ingest.Options | None = None,
    dry_run: bool = False,
    on_progress: store.ProgressCallback | None = None,
    with_preview: bool = True,
) -> ImportOutcome:
    """Read, compare and commit one file as one batch; a file with errors stores nothing.

    `with_preview=False` skips the row-by-row comparison when nobody will look at it (the
    command line's commit): the batch's own counts say what was added and changed.
    """
    if not dry_run:
        require_editor(actor, "import data")
    result = read_file(db, data, file_name, options)
    if not result.report.ok:
        return ImportOutcome(file_name, result, None, None)
    comparison = None
    if dry_run or with_preview:
        # Only the series the file touches: the preview needs nothing else from the store.
        series = result.frame[["city", "pledge", "indicator"]].drop_duplicates()
        stored = db.observations(keys=series.itertuples(index=False, name=None))
        comparison = preview.compare(result.frame, stored, result.kept)
    if dry_run:
        return ImportOutcome(file_name, result, comparison, None)
    batch = db.commit(result.frame, actor.name, file_name, result.sha256, on_progress, result.kept)
    return ImportOutcome(file_name, result, comparison, batch)


def import_path(
    db: store.Store,
    actor: model.Actor,
    path: Path,
    options: ingest.Options | None = None,
    dry_run: bool = False,
    chunk_bytes: int = stream.CHUNK_BYTES,
) -> ImportOutcome:
    """`import_file` of a file on disk read in chunks: memory bounded whatever its size.

    The chunks are written in one transaction as they are validated, and rolled back if any
    chunk has an error, so a refused file (or a killed process) stores nothing.
    """
    if not dry_run:
        require_editor(actor, "import data")
    reader = stream.Reader(path, db.catalog_index(), options, chunk_bytes)
    if dry_run:
        parts = []
        for frame in reader.frames():
            series = frame[["city", "pledge", "indicator"]].drop_duplicates()
            stored = db.observations(keys=series.itertuples(index=False, name=None))
            parts.append(preview.compare(frame, stored, reader.kept))
        result = _finished(reader)
        comparison = preview.totals(parts) if result.report.ok else None
        return ImportOutcome(path.name, result, comparison, None)
    batch = db.commit_chunks(
        ((frame, reader.kept) for frame in reader.frames()),
        actor.name,
        path.name,
        reader.sha256,
        lambda: _finished(reader).report.ok,
    )
    return ImportOutcome(path.name, _finished(reader), None, batch)


def _finished(reader: stream.Reader) -> ingest.Result:
    """The result of a reader whose frames were all consumed."""
    if reader.result is None:
        raise errors.PledgesError("the streamed file was not read to its end")
    return reader.result


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


def undo(db: store.Store, actor: model.Actor, batch_id: int) -> model.Batch:
    """Undo a batch as the acting editor."""
    require_editor(actor, "undo a batch")
    return db.undo(batch_id, actor.name)


def initialise(
    db: store.Store, catalog_dir: Path, observations_dir: Path | None, seed: bool = True
) -> InitSummary:
    """Migrate, load the catalog, and import the seed files (twice in a row changes nothing)."""
    db.migrate()
    summary = db.sync_catalog(catalog.load_pledges(catalog_dir))
    outcomes: list[ImportOutcome] = []
    if seed and observations_dir is not None:
        for path in sorted(observations_dir.glob("*.csv")):
            outcomes.append(import_file(db, SEED_USER, path.read_bytes(), path.name))
    return InitSummary(summary, tuple(outcomes))


def export_csv(db: store.Store, city: str | None = None, excel: bool = False) -> bytes:
    """The stored values in the upload format (an export re-imports to the same state)."""
    return export.to_csv(db.observations(city=city), excel=excel)


def assess(
    db: store.Store,
    city: str | None = None,
    as_of: dt.date | dt.datetime | None = None,
    today: dt.date | None = None,
) -> list[IndicatorStatus]:
    """Every indicator of every pledge (of one city), assessed from the store as of a moment."""
    pledges = db.pledges(city=city, as_of=as_of)
    frame = db.observations(city=city, as_of=as_of)
    groups = {key: part for key, part in frame.groupby(["city", "pledge", "indicator"], sort=False)}
    empty = frame.iloc[0:0]
    if today is None and as_of is not None:
        today = as_of.date() if isinstance(as_of, dt.datetime) else as_of
    out: list[IndicatorStatus] = []
    for pledge in pledges:
        for goal, indicator in pledge.indicators():
            series = groups.get((pledge.city.name, pledge.key, indicator.key), empty)
            series = series.reset_index(drop=True)
            out.append(
                IndicatorStatus(
                    pledge, goal, indicator, progress.assess(indicator, series, today=today), series
                )
            )
    return out
