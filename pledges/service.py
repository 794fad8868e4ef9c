"""What users do, as functions the command line and the app share; changes need an editor."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pledges import catalog, clock, errors, ingest, model, progress, settings, store
from pledges.ingest import export, preview, stream
from pledges.sources import cdp
from pledges.stewardship import listing, reminders

SEED_USER = model.Actor("seed", "editor")


# Joins city, pledge and indicator into one engine key (a unit separator never typed in a name).
SEPARATOR = "\x1f"


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
    panel: PanelOutcome | None = None


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
    db: store.Store,
    catalog_dir: Path,
    observations_dir: Path | None,
    seed: bool = True,
    panel_dir: Path | None = None,
) -> InitSummary:
    """Migrate, load the catalog, import the seed files and (given `panel_dir`) the CDP–ICLEI
    panel; twice in a row changes nothing."""
    db.migrate()
    summary = db.sync_catalog(catalog.load_pledges(catalog_dir))
    outcomes: list[ImportOutcome] = []
    if seed and observations_dir is not None:
        for path in sorted(observations_dir.glob("*.csv")):
            outcomes.append(import_file(db, SEED_USER, path.read_bytes(), path.name))
    panel = None
    if seed and panel_dir is not None:
        files = [(p.name, p.read_bytes()) for p in sorted(panel_dir.glob("*.csv"))]
        panel = import_panel(db, SEED_USER, files) if files else None
    return InitSummary(summary, tuple(outcomes), panel)


def export_csv(db: store.Store, city: str | None = None, excel: bool = False) -> bytes:
    """The stored values in the upload format (an export re-imports to the same state)."""
    return export.to_csv(db.observations(city=city), excel=excel)


def assessment_day(
    as_of: dt.date | dt.datetime | None, today: dt.date | None, now: clock.Clock
) -> dt.date:
    """The day an assessment speaks of: the one given, else the as-of day, else today."""
    if today is not None:
        return today
    if as_of is not None:
        return as_of.date() if isinstance(as_of, dt.datetime) else as_of
    return clock.today(now)


def assess(
    db: store.Store,
    city: str | None = None,
    as_of: dt.date | dt.datetime | None = None,
    today: dt.date | None = None,
    now: clock.Clock = clock.utc_now,
) -> list[IndicatorStatus]:
    """Every indicator of every pledge (of one city), assessed from the store as of a moment.

    One call of the engine for all of them; `today` defaults to the as-of date, else today
    by the clock (the engine itself never reads the clock).
    """
    pledges = db.pledges(city=city, as_of=as_of)
    frame = db.observations(city=city, as_of=as_of)
    today = assessment_day(as_of, today, now)
    groups = {key: part for key, part in frame.groupby(["city", "pledge", "indicator"], sort=False)}
    empty = frame.iloc[0:0]
    placed = [
        (pledge, goal, indicator, SEPARATOR.join((pledge.city.name, pledge.key, indicator.key)))
        for pledge in pledges
        for goal, indicator in pledge.indicators()
    ]
    keyed = frame.assign(
        indicator=frame["city"] + SEPARATOR + frame["pledge"] + SEPARATOR + frame["indicator"]
    )
    results = progress.assess_all(keyed, {key: ind for _, _, ind, key in placed}, today)
    out: list[IndicatorStatus] = []
    for pledge, goal, indicator, key in placed:
        series = groups.get((pledge.city.name, pledge.key, indicator.key), empty)
        out.append(
            IndicatorStatus(pledge, goal, indicator, results[key], series.reset_index(drop=True))
        )
    return out


def latest_periods(
    db: store.Store, city: str | None = None, as_of: dt.date | dt.datetime | None = None
) -> dict[tuple[str, str, str], dt.date]:
    """The latest period stored (by `as_of`) for each (city, pledge, indicator) series."""
    frame = db.observations(city=city, as_of=as_of)
    if frame.empty:
        return {}
    latest = frame.groupby(["city", "pledge", "indicator"], sort=False)["period"].max()
    return {key: value for key, value in latest.items()}


def due(
    db: store.Store,
    today: dt.date,
    soon_days: int,
    city: str | None = None,
    owner_email: str | None = None,
    as_of: dt.date | dt.datetime | None = None,
) -> list[listing.DueItem]:
    """Every indicator with a cadence and its state on `today` (fresh, due soon, late...),
    from the values stored by `as_of` (default: now)."""
    pledges = db.pledges(city=city, as_of=as_of)
    latest = latest_periods(db, city, as_of)
    return listing.items(pledges, latest, today, soon_days, owner_email)


def set_stewardship(
    db: store.Store,
    actor: model.Actor,
    ref: model.IndicatorRef,
    owner: dict[str, str] | None,
    cadence: dict[str, str] | None,
) -> int:
    """An editor sets an indicator's owner and cadence (blank fields dropped); returns how
    many fields changed. Bad input raises CatalogError naming each field; nothing is stored."""
    require_editor(actor, "change an indicator's owner or due date")

    def filled(fields: dict[str, str] | None) -> dict[str, str] | None:
        kept = {k: v.strip() for k, v in (fields or {}).items() if v and v.strip()}
        return kept or None

    new_owner, new_cadence, problems = catalog.parse_stewardship(filled(owner), filled(cadence))
    if problems:
        raise errors.CatalogError([f"{ref.pledge}/{ref.indicator}: {p}" for p in problems])
    return db.set_stewardship(ref, new_owner, new_cadence, actor.name)


def reminders_owed(
    db: store.Store, today: dt.date, soon_days: int, city: str | None = None
) -> tuple[list[reminders.Reminder], list[listing.DueItem]]:
    """The reminders of the day, one per owner and city, and the items nobody can be mailed."""
    return reminders.group(due(db, today, soon_days, city))


def send_reminders(
    db: store.Store,
    owed: list[reminders.Reminder],
    today: dt.date,
    config: settings.Settings,
    send: reminders.Sender | None = None,
) -> reminders.Outcome:
    """Send the reminders not yet sent today through SMTP (or `send`), recording each."""
    sender = send or reminders.smtp_sender(config)
    return reminders.send_all(db, owed, today, config.public_url, config.mail_from, sender)


PANEL_POSITION = 10_000


@dataclass(frozen=True, slots=True)
class PanelOutcome:
    """CDP–ICLEI files read, their definitions synced and one batch a file committed."""

    panel: cdp.Panel
    sync: store.SyncSummary | None
    batches: tuple[tuple[str, model.Batch], ...]


def panel_pledges(db: store.Store, panel: cdp.Panel) -> list[model.Pledge]:
    """The panel's definitions as they may be synced: seed cities keep their own record, and
    without a targets file a city's stored CDP pledge (and its targets) is left alone."""
    stored = {c.name: c for c in db.cities()}
    seeds = set(cdp.SEED_NAMES.values())
    pledges = [
        dataclasses.replace(p, city=stored[p.city.name])
        if p.city.name in seeds and p.city.name in stored
        else p
        for p in panel.pledges
    ]
    if any(f.layout and f.layout.startswith("cdp-targets") for f in panel.files):
        return pledges
    existing = {(p.city.name, p.key) for p in db.pledges()}
    return [p for p in pledges if (p.city.name, p.key) not in existing]


def import_panel(
    db: store.Store,
    actor: model.Actor,
    files: Sequence[tuple[str, bytes]],
    dry_run: bool = False,
) -> PanelOutcome:
    """Read CDP–ICLEI exports, sync one pledge a city, commit one batch per inventory file
    (oldest edition first, so a later report of a year is a revision); twice adds nothing."""
    if not dry_run:
        require_editor(actor, "import data")
    panel = cdp.read(files)
    if dry_run or not panel.ok:
        return PanelOutcome(panel, None, ())
    # Panel pledges sort after every catalog pledge of their city.
    summary = db.sync_catalog(panel_pledges(db, panel), first_position=PANEL_POSITION)
    data = dict(files)
    committed = []
    for result in panel.inventory_files():
        sha = hashlib.sha256(data[result.file_name]).hexdigest()
        committed.append(
            (result.file_name, db.commit(result.frame, actor.name, result.file_name, sha))
        )
    return PanelOutcome(panel, summary, tuple(committed))


PANEL_COLUMNS = [
    "city",
    "country",
    "region",
    "population",
    "population_year",
    "status",
    "symbol",
    "progress_share",
    "pace_ratio",
    "latest_year",
    "points",
    "slope",
    "required_pace",
    "baseline_value",
    "next_target_year",
]
"""Columns of `panel_status`: one row per city of the CDP–ICLEI panel."""


def panel_status(
    db: store.Store, as_of: dt.date | dt.datetime | None = None, today: dt.date | None = None
) -> pd.DataFrame:
    """Every panel city's emissions indicator assessed at once by the vectorised engine."""
    pledges = [p for p in db.pledges(as_of=as_of) if p.key == cdp.PLEDGE_KEY]
    indicators = {p.city.name: p.goals[0].indicators[0] for p in pledges}
    frame = db.observations(pledge=cdp.PLEDGE_KEY, as_of=as_of)
    frame = frame.assign(indicator=frame["city"])
    today = assessment_day(as_of, today, db.clock)
    assessed = progress.assess_many(frame, indicators, today=today).reset_index(drop=True)
    facts = pd.DataFrame(
        {
            "city": [p.city.name for p in pledges],
            "country": [p.city.country for p in pledges],
            "region": [p.city.region for p in pledges],
            "population": pd.array([p.city.population for p in pledges], dtype="Int64"),
            "population_year": pd.array([p.city.population_year for p in pledges], dtype="Int64"),
        }
    )
    return pd.concat([facts, assessed], axis=1)[PANEL_COLUMNS]
