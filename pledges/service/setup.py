"""`init`: migrate, load the catalog and seed the store, idempotently."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from pledges import model, settings, store
from pledges.service import target_catalog
from pledges.service.access import SEED_USER
from pledges.service.imports import ImportOutcome, import_file
from pledges.service.panel import PanelOutcome, import_panel


@dataclass(frozen=True, slots=True)
class InitSummary:
    """What `init` did: definitions synced and seed files imported."""

    sync: store.SyncSummary
    outcomes: tuple[ImportOutcome, ...]
    panel: PanelOutcome | None = None
    proposed: int = 0  # target changes the definition files propose (to review)
    history: int = 0  # past target changes recorded from the history files
    # per seed file, the batch that removed rows the file no longer has (none: nothing to remove)
    retired: tuple[model.Batch, ...] = ()


def initialise(
    db: store.Store,
    catalog_dir: Path,
    observations_dir: Path | None,
    seed: bool = True,
    panel_dir: Path | None = None,
    history_dir: Path | None = None,
) -> InitSummary:
    """Migrate, load the catalog (a changed target becomes a proposal), import the seed files
    (removing rows an earlier seed stored that they no longer have), the target history
    (default: the configured folder) and (given `panel_dir`) the CDP–ICLEI panel; twice in a
    row changes nothing."""
    db.migrate()
    summary, proposed, loaded = target_catalog.load(db, catalog_dir)
    history = 0
    if seed:
        folder = history_dir or settings.load().target_history_dir
        history = target_catalog.seed_history(db, folder, loaded) if folder.is_dir() else 0
    outcomes: list[ImportOutcome] = []
    retired: list[model.Batch] = []
    if seed and observations_dir is not None:
        for path in sorted(observations_dir.glob("*.csv")):
            outcome = import_file(db, SEED_USER, path.read_bytes(), path.name, keep_edits=True)
            outcomes.append(outcome)
            removed = retire_superseded(db, outcome)
            retired += [removed] if removed is not None else []
    panel = None
    if seed and panel_dir is not None:
        files = [(p.name, p.read_bytes()) for p in sorted(panel_dir.glob("*.csv"))]
        panel = import_panel(db, SEED_USER, files) if files else None
    return InitSummary(summary, tuple(outcomes), panel, proposed, history, tuple(retired))


def retire_superseded(db: store.Store, outcome: ImportOutcome) -> model.Batch | None:
    """Bring a seed file's rows in the store to exactly the file's: rows an earlier version of
    it stored that it no longer has (a value re-dated) are removed, editors' rows never.
    A refused file changes nothing."""
    if not outcome.ok or outcome.batch is None:
        return None
    # Named as the seed, even where an editor once imported the very same bytes (a duplicate
    # answers with that editor's batch): only the seed's own rows are ever removed.
    seed = dataclasses.replace(outcome.batch, user=SEED_USER.name, file_name=outcome.file_name)
    return db.retire_seed_rows(outcome.result.frame, seed)
