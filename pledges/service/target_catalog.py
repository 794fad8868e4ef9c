"""The store holds targets after `init`; the definition files follow it (see docs/architecture.md).

`init` loads a new indicator's baseline and targets as the file gives them. For one already
stored, it compares the file with what the file said at the last load: unchanged, the store
keeps what editors approved since; changed, each difference becomes a proposal to review,
never a silent overwrite. `catalog export` writes the store back as definition files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from pledges import catalog, errors, model, store
from pledges.catalog import export, history
from pledges.sources import cdp
from pledges.store import target_codec

CATALOG_USER = "catalog"  # who proposes a change a definition file makes
SEED_USER = "seed"


def _by_year(targets: Sequence[model.Target]) -> dict[tuple[int, str], model.Target]:
    """Targets keyed by year, or by year and kind where a year has more than one."""
    years = [t.year for t in targets]
    return {(t.year, t.kind if years.count(t.year) > 1 else ""): t for t in targets}


def differences(
    ref: model.IndicatorRef, stored: model.Indicator, wanted: model.Indicator, file_name: str
) -> list[store.Proposal]:
    """The proposals that would turn the stored baseline and targets into the file's."""
    reason = f"The definition file {file_name} says so (loaded by init)."
    out = []
    if stored.baseline != wanted.baseline:
        source = wanted.baseline.source if wanted.baseline else f"definition file {file_name}"
        out.append(
            store.Proposal(
                ref, "baseline", stored.baseline, wanted.baseline, source, reason, CATALOG_USER
            )
        )
    have, want = _by_year(stored.targets), _by_year(wanted.targets)
    for key in sorted(set(have) | set(want)):
        old, new = have.get(key), want.get(key)
        if old == new:
            continue
        source = new.source if new else f"definition file {file_name}"
        out.append(store.Proposal(ref, "target", old, new, source, reason, CATALOG_USER))
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class Merge:
    """The definitions to sync (stored targets kept), the proposals a changed file makes,
    and what each file said, to remember for the next load."""

    pledges: tuple[model.Pledge, ...]
    proposals: tuple[store.Proposal, ...]
    specs: dict[model.IndicatorRef, str]


def merge(
    loaded: Sequence[model.Pledge],
    stored: Sequence[model.Pledge],
    last: dict[model.IndicatorRef, str | None],
    files: dict[tuple[str, str], str],
) -> Merge:
    """Keep the store's baselines and targets; turn a file's changes since its last load
    into proposals (`last`: ref -> spec at the last load; `files`: pledge -> file name)."""
    kept = {(p.city.name, p.key): p for p in stored}
    out: list[model.Pledge] = []
    proposals: list[store.Proposal] = []
    specs: dict[model.IndicatorRef, str] = {}
    for pledge in loaded:
        there = kept.get((pledge.city.name, pledge.key))
        indicators = {i.key: i for _, i in there.indicators()} if there else {}
        goals = []
        for goal in pledge.goals:
            mine = []
            for indicator in goal.indicators:
                ref = model.IndicatorRef(pledge.city.name, pledge.key, indicator.key)
                spec = target_codec.encode_spec(indicator.baseline, indicator.targets)
                specs[ref] = spec
                current = indicators.get(indicator.key)
                if current is None:
                    mine.append(indicator)
                    continue
                now = target_codec.encode_spec(current.baseline, current.targets)
                if spec not in (last.get(ref) or now, now):
                    name = files.get((pledge.city.name, pledge.key), "a definition file")
                    proposals += differences(ref, current, indicator, name)
                mine.append(
                    dataclasses.replace(
                        indicator, baseline=current.baseline, targets=current.targets
                    )
                )
            goals.append(dataclasses.replace(goal, indicators=tuple(mine)))
        out.append(dataclasses.replace(pledge, goals=tuple(goals)))
    return Merge(tuple(out), tuple(proposals), specs)


def load(db: store.Store, catalog_dir: Path) -> tuple[store.SyncSummary, int, list[model.Pledge]]:
    """Sync the definition files into the store the reviewed way; the sync, how many
    proposals the files made, and the definitions as the files give them."""
    loaded = catalog.load_pledges(catalog_dir)
    files = {(p.city.name, p.key): export.file_name(p) for p in loaded}
    merged = merge(loaded, db.pledges(), db.catalog_specs(), files)
    summary = db.sync_catalog(merged.pledges)
    proposed = db.propose_changes(merged.proposals)
    db.record_catalog_specs(merged.specs)
    return summary, proposed, loaded


def _target(pledges: Sequence[model.Pledge], ref: history.TargetRefDef) -> model.Target | None:
    for p in pledges:
        if p.key == ref.pledge:
            for _, indicator in p.indicators():
                if indicator.key == ref.indicator:
                    return next((t for t in indicator.targets if t.year == ref.year), None)
    return None


def history_proposals(
    parsed: history.HistoryFile, pledges: Sequence[model.Pledge], name: str
) -> list[store.Proposal]:
    """A history file's changes as dated proposals, their numbers read from the definitions."""
    mine = [p for p in pledges if p.city.name == parsed.city]
    problems, out = [], []
    for n, change in enumerate(parsed.changes):
        sides = {}
        for side in ("old", "new"):
            ref = getattr(change, side)
            if ref is None:
                sides[side] = None
                continue
            sides[side] = _target(mine, ref)
            if sides[side] is None:
                problems.append(
                    f"{name}: changes[{n}].{side}: {parsed.city} has no target "
                    f"{ref.pledge}/{ref.indicator} for {ref.year}"
                )
        if problems:
            continue
        home = change.new or change.old
        assert home is not None
        old = change.old
        carried = None
        if old is not None and (old.pledge, old.indicator) != (home.pledge, home.indicator):
            carried = f"{old.pledge}/{old.indicator}"
        out.append(
            store.Proposal(
                ref=model.IndicatorRef(parsed.city, home.pledge, home.indicator),
                subject="target",
                old=sides["old"],
                new=sides["new"],
                source=change.source,
                reason=change.reason,
                proposed_by=SEED_USER,
                carried_from=carried,
                historical_date=dt.datetime.combine(change.date, dt.time()),
                decided_by=change.decided_by,
            )
        )
    if problems:
        raise errors.CatalogError(problems)
    return out


def seed_history(
    db: store.Store, history_dir: Path, pledges: Sequence[model.Pledge] | None = None
) -> int:
    """Record each city's target history (files `*.yaml` in the folder) once; how many new.
    The numbers come from `pledges` (the definition files; default: the store). A file of a
    city they do not hold (another catalog) is left for that catalog."""
    pledges = list(pledges) if pledges is not None else db.pledges()
    cities = {p.city.name for p in pledges}
    proposals: list[store.Proposal] = []
    for path in sorted(history_dir.glob("*.yaml")):
        parsed, problems = history.parse_history(path.read_text(encoding="utf-8"), path.name)
        if parsed is None:
            raise errors.CatalogError(problems)
        if parsed.city in cities:
            proposals += history_proposals(parsed, pledges, path.name)
    return db.propose_changes(proposals)


def export_files(db: store.Store, city: str | None = None) -> dict[str, str]:
    """The store's pledges (not the CDP–ICLEI panel's) as definition files, by file name."""
    return {
        export.file_name(p): export.to_yaml(p)
        for p in db.pledges(city=city)
        if p.key != cdp.PLEDGE_KEY  # the panel's pledges are not definition files
    }
