"""What the public site publishes, read from the store: cities, assessments, a fingerprint of
each city's inputs, and what changed at each batch (the cities' feeds).

Everything is a function of the store and the as-of moment, never of when it is called, so a
publish repeated tomorrow gives the same answers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from pledges import model, progress, store
from pledges.ingest import export
from pledges.service import assessing
from pledges.sources import cdp

CDP_MARK = "CDP–ICLEI"
"""How the CDP–ICLEI connector's source texts begin or name it (pledges.sources.cdp)."""
CDP_ATTRIBUTION = cdp.CITATION
CDP_CAVEAT = cdp.CAVEAT
table_csv = export.table

_KEY = ["city", "pledge", "indicator"]
_JUST_BEFORE = dt.timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class SiteData:
    """The cities a publish shows, their pledges in force and every indicator assessed."""

    cities: tuple[model.City, ...]
    pledges: tuple[model.Pledge, ...]
    items: tuple[assessing.IndicatorStatus, ...]


@dataclass(frozen=True, slots=True)
class ValueChange:
    """Values one batch stored for one indicator: how many new, revised and removed."""

    batch_id: int
    committed_at: dt.datetime
    file_name: str
    city: str
    pledge: str
    indicator: str
    added: int
    revised: int
    removed: int
    periods: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StatusChange:
    """An indicator whose status a batch changed, with the sentence that explains the new one."""

    batch_id: int
    committed_at: dt.datetime
    city: str
    pledge: str
    indicator: str
    indicator_name: str
    before: str | None
    after: str | None
    sentence: str
    # The new status's assessment, for its sentence in another language.
    assessment: progress.Assessment | None = None


def city_names(db: store.Store) -> list[str]:
    """Every city in the store, by name."""
    return sorted(city.name for city in db.cities())


def site_data(db: store.Store, as_of: dt.date, names: Sequence[str] | None = None) -> SiteData:
    """The cities (all, or those named) as stored by the end of `as_of`, assessed in one call."""
    wanted = set(names) if names else None
    cities = tuple(c for c in db.cities() if wanted is None or c.name in wanted)
    kept = {c.name for c in cities}
    pledges = tuple(p for p in db.pledges(as_of=as_of) if p.city.name in kept)
    items = tuple(
        i for i in assessing.assess(db, as_of=as_of, today=as_of) if i.pledge.city.name in kept
    )
    return SiteData(cities, pledges, items)


def values_csv(frame: pd.DataFrame) -> bytes:
    """An indicator's stored values in the upload format (a download imports back unchanged)."""
    return export.to_csv(frame)


def _end_of(day: dt.date) -> dt.datetime:
    """The last moment of a day (UTC), as `as_of` reads a date."""
    return store.as_moment(day)


def fingerprints(
    db: store.Store, as_of: dt.date, pledges: Sequence[model.Pledge]
) -> dict[str, str]:
    """A digest, per city of `pledges` (those in force as of `as_of`), of everything its pages
    are made of: its definitions, its values, and its history (revisions and batches)."""
    end = _end_of(as_of)
    by_city = {pledge.city.name: hashlib.sha256() for pledge in pledges}
    for pledge in pledges:
        by_city[pledge.city.name].update(repr(pledge).encode())
    revisions = db.revisions()
    revisions = revisions[pd.to_datetime(revisions["replaced_at"]) <= pd.Timestamp(end)]
    for part in (db.observations(as_of=end), revisions):
        for row in zip(*(part[c].tolist() for c in part.columns), strict=True):
            digest = by_city.get(row[0])
            if digest is not None:
                digest.update(repr(row).encode())
    batches = sorted((b.id, b.committed_at.isoformat(), b.file_name) for b in _batches(db, end))
    stamp = repr(batches).encode()
    for digest in by_city.values():
        digest.update(stamp)
    return {name: digest.hexdigest() for name, digest in by_city.items()}


def _batches(db: store.Store, end: dt.datetime) -> list[model.Batch]:
    """Batches that stored something by `end`, oldest first."""
    found = [b for b in db.history() if b.status != "duplicate" and _naive(b.committed_at) <= end]
    return sorted(found, key=lambda b: (_naive(b.committed_at), b.id))


def _naive(moment: dt.datetime) -> dt.datetime:
    """A stored moment comparable with `store.as_moment` (UTC, no tzinfo)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def value_changes(
    db: store.Store, as_of: dt.date, names: Iterable[str]
) -> dict[int, list[ValueChange]]:
    """Per batch (by id), the values it stored or removed for each indicator of the cities."""
    end, wanted = _end_of(as_of), set(names)
    if not wanted:
        return {}
    batches = {b.id: b for b in _batches(db, end)}
    current = db.observations(as_of=end)
    revisions = db.revisions()
    revisions = revisions[revisions["replaced_by"].isin(batches)]
    stored = pd.concat(
        [
            current.loc[:, [*_KEY, "period", "batch_id"]],
            revisions.loc[:, [*_KEY, "period", "batch_id"]],
        ]
    )
    stored = stored[stored["city"].isin(wanted) & stored["batch_id"].isin(batches)]
    replaced = revisions[revisions["city"].isin(wanted)]
    replaced_keys = {
        (int(b), c, p, i, str(per))
        for b, c, p, i, per in zip(
            replaced["replaced_by"],
            replaced["city"],
            replaced["pledge"],
            replaced["indicator"],
            replaced["period"],
            strict=True,
        )
    }
    counts: dict[tuple[int, str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    periods: dict[tuple[int, str, str, str], set[str]] = defaultdict(set)
    recorded = set()
    for b, c, p, i, per in zip(
        stored["batch_id"],
        stored["city"],
        stored["pledge"],
        stored["indicator"],
        stored["period"],
        strict=True,
    ):
        key = (int(b), c, p, i)
        recorded.add((*key, str(per)))
        counts[key][1 if (*key, str(per)) in replaced_keys else 0] += 1
        periods[key].add(str(per))
    for b, c, p, i, per in replaced_keys:
        if (b, c, p, i, per) not in recorded:
            counts[(b, c, p, i)][2] += 1
            periods[(b, c, p, i)].add(per)
    out: dict[int, list[ValueChange]] = defaultdict(list)
    for key in sorted(counts):
        b, c, p, i = key
        batch = batches[b]
        out[b].append(
            ValueChange(
                b,
                _naive(batch.committed_at),
                batch.file_name,
                c,
                p,
                i,
                *counts[key],
                tuple(sorted(periods[key])),
            )
        )
    return dict(out)


def _placed(
    pledges: Sequence[model.Pledge], keys: set[tuple[str, str, str]]
) -> dict[tuple[str, str, str], model.Indicator]:
    """The indicators named by `keys` among the pledges (as defined at some moment)."""
    return {
        (p.city.name, p.key, ind.key): ind
        for p in pledges
        for _, ind in p.indicators()
        if (p.city.name, p.key, ind.key) in keys
    }


def _assessed_at(
    db: store.Store,
    placed: dict[tuple[str, str, str], model.Indicator],
    moment: dt.datetime,
    today: dt.date,
) -> dict[tuple[str, str, str], tuple[model.Indicator, progress.Assessment]]:
    """The indicators assessed from the values stored at `moment`."""
    if not placed:
        return {}
    frame = db.observations(as_of=moment, keys=placed)
    joined = {assessing.SEPARATOR.join(key): key for key in placed}
    keyed = frame.assign(
        indicator=frame["city"]
        + assessing.SEPARATOR
        + frame["pledge"]
        + assessing.SEPARATOR
        + frame["indicator"]
    )
    results = progress.assess_all(keyed, {j: placed[k] for j, k in joined.items()}, today)
    return {key: (placed[key], results[j]) for j, key in joined.items()}


def status_changes(
    db: store.Store, changes: dict[int, list[ValueChange]]
) -> dict[int, list[StatusChange]]:
    """Per batch, the indicators whose status it changed: each assessed just before and just
    after the batch, both as on the day it was committed and with the definitions in force
    then (so only the batch's values differ). The state just after one batch is the state
    just before the next on the same day."""
    out: dict[int, list[StatusChange]] = {}
    # Batches between the same two definition changes (most) read the definitions once.
    moments = db.definition_moments()
    defined: dict[int, list[model.Pledge]] = {}
    carried: dict[tuple[str, str, str], tuple[model.Indicator, progress.Assessment]] = {}
    carried_day: dt.date | None = None
    for batch_id in sorted(changes, key=lambda b: (changes[b][0].committed_at, b)):
        found = changes[batch_id]
        moment = found[0].committed_at
        keys = {(c.city, c.pledge, c.indicator) for c in found}
        reusable = (
            {k: v for k, v in carried.items() if k in keys} if carried_day == moment.date() else {}
        )
        epoch = bisect.bisect_right(moments, moment)
        if epoch not in defined:
            defined[epoch] = db.pledges(as_of=moment)
        placed = _placed(defined[epoch], keys)
        missing = {k: v for k, v in placed.items() if k not in reusable}
        before = {**reusable, **_assessed_at(db, missing, moment - _JUST_BEFORE, moment.date())}
        after = _assessed_at(db, placed, moment, moment.date())
        if carried_day != moment.date():
            carried = {}
        carried.update(after)
        carried_day = moment.date()
        listed = []
        for key in sorted(after):
            indicator, now = after[key]
            was = before[key][1].status if key in before else None
            if was != now.status:
                listed.append(
                    StatusChange(
                        batch_id,
                        moment,
                        *key,
                        indicator.name,
                        None if was is None else str(was),
                        str(now.status),
                        now.sentence,
                        now,
                    )
                )
        if listed:
            out[batch_id] = listed
    return out
