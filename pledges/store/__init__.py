"""The only part of Pledge Tracker that speaks SQL: frames and frozen dataclasses in and out.

Usage: `db = store.Store.open(url); db.migrate(); db.sync_catalog(pledges)`; reads take an
optional `as_of` (a date means the end of that day, UTC) and answer as the store stood then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa

from pledges import clock, model
from pledges.store import (
    batches,
    briefings,
    catalog_specs,
    definitions,
    engine,
    observations,
    reminders,
    scopes,
    seed_rows,
    target_changes,
)
from pledges.store import undo as undoing

SyncSummary = definitions.SyncSummary
Proposal = target_changes.Proposal
StoredChange = target_changes.StoredChange
ProgressCallback = batches.ProgressCallback


def utc_now() -> dt.datetime:
    """The current time as naive UTC, the form every timestamp is stored in."""
    return clock.naive_utc(clock.utc_now())


def as_moment(when: dt.date | dt.datetime | None) -> dt.datetime | None:
    """A date means "as reported on that day": everything stored before the next midnight UTC."""
    if when is None or isinstance(when, dt.datetime):
        if isinstance(when, dt.datetime) and when.tzinfo is not None:
            return when.astimezone(dt.UTC).replace(tzinfo=None)
        return when
    return dt.datetime.combine(when + dt.timedelta(days=1), dt.time()) - dt.timedelta(
        microseconds=1
    )


class _Refused(Exception):
    """Rolls back a streamed commit whose file turned out to have errors (never escapes)."""


class Store:
    """A handle on one database; cheap to keep for the life of the process."""

    def __init__(self, db_engine: sa.Engine, now: clock.Clock = clock.utc_now) -> None:
        self.engine = db_engine
        self.clock = now

    @classmethod
    def open(cls, url: str, now: clock.Clock = clock.utc_now) -> Store:
        """Connect to a SQLAlchemy URL (SQLite file or PostgreSQL); `now` stamps every write."""
        return cls(engine.create(url), now)

    def _now(self) -> dt.datetime:
        return clock.naive_utc(self.clock())

    def migrate(self) -> None:
        """Create or upgrade the schema to the newest migration."""
        engine.migrate(self.engine)

    def sync_catalog(
        self,
        pledges: Iterable[model.Pledge],
        now: dt.datetime | None = None,
        first_position: int = 0,
    ) -> SyncSummary:
        """Write pledge definitions; changed targets are closed, not overwritten
        (`first_position` orders a source's pledges after a city's own)."""
        with engine.write_transaction(self.engine) as conn:
            return definitions.sync(conn, pledges, now or self._now(), first_position)

    def pledges(
        self, city: str | None = None, as_of: dt.date | dt.datetime | None = None
    ) -> list[model.Pledge]:
        """Pledge definitions with the targets in force at `as_of`."""
        with self.engine.connect() as conn:
            return definitions.read(conn, city, as_moment(as_of))

    def definition_moments(self) -> list[dt.datetime]:
        """The moments at which `pledges(as_of=...)` can change, in order: between two of
        them, it reads the same definitions."""
        with self.engine.connect() as conn:
            return definitions.moments(conn)

    def cities(self) -> list[model.City]:
        """Every city, by name."""
        with self.engine.connect() as conn:
            return definitions.cities(conn)

    def catalog_index(self) -> dict[model.IndicatorRef, model.Indicator]:
        """Every current indicator keyed as uploads name it, for validating a file."""
        return {
            model.IndicatorRef(p.city.name, p.key, ind.key): ind
            for p in self.pledges()
            for _, ind in p.indicators()
        }

    def observations(
        self,
        city: str | None = None,
        pledge: str | None = None,
        indicator: str | None = None,
        as_of: dt.date | dt.datetime | None = None,
        keys: Iterable[tuple[str, str, str]] | None = None,
    ) -> pd.DataFrame:
        """Stored values (columns in `observations.COLUMNS`), now or as of a past moment;
        `keys` keeps only those (city, pledge, indicator) series."""
        with self.engine.connect() as conn:
            return observations.read(conn, city, pledge, indicator, as_moment(as_of), keys)

    def revisions(
        self, city: str | None = None, since: dt.date | dt.datetime | None = None
    ) -> pd.DataFrame:
        """Replaced or removed values with the batches involved, oldest first."""
        with self.engine.connect() as conn:
            return observations.revisions(conn, city, as_moment(since))

    def target_history(self, city: str | None = None) -> pd.DataFrame:
        """Every version of every target, with `valid_from` and `valid_to`."""
        with self.engine.connect() as conn:
            return pd.DataFrame(definitions.target_history(conn, city))

    def latest_change(self) -> dt.datetime | None:
        """When the newest batch was committed (a cache key for computed pages)."""
        with self.engine.connect() as conn:
            return observations.latest_change(conn)

    def find_committed(self, sha256: str) -> model.Batch | None:
        """The live batch of the same import (`sha256`: the bytes with the mapping), if any."""
        with self.engine.connect() as conn:
            return batches.find_committed(conn, sha256)

    def commit(
        self,
        frame: pd.DataFrame,
        user: str,
        file_name: str,
        sha256: str,
        progress: ProgressCallback | None = None,
        kept: Sequence[str] = (),
    ) -> model.Batch:
        """Commit a validated long frame as one batch in one transaction (status "duplicate"
        and nothing stored when the same import, bytes and mapping, is already committed);
        `kept` columns, absent from the file, keep their stored cells."""
        with engine.write_transaction(self.engine) as conn:
            ids = definitions.indicator_ids(conn)
            now = self._now()
            return batches.commit(conn, frame, ids, user, file_name, sha256, now, progress, kept)

    def commit_chunks(
        self,
        frames: Iterable[tuple[pd.DataFrame, Sequence[str]]],
        user: str,
        file_name: str,
        sha256: str,
        keep: Callable[[], bool],
    ) -> model.Batch | None:
        """Commit a file read in chunks as one batch in one transaction; rolled back (None)
        unless `keep()` says yes once every frame is written (a streamed file's report)."""
        try:
            with engine.write_transaction(self.engine) as conn:
                ids = definitions.indicator_ids(conn)
                now = self._now()
                batch = batches.commit_chunks(conn, frames, ids, user, file_name, sha256, now)
                if not keep():
                    raise _Refused
                return batch
        except _Refused:
            return None

    def edited_rows(self, frame: pd.DataFrame, user: str) -> np.ndarray:
        """Whether each row of a validated frame is at a key stored by someone other than
        `user` (an editor's value, which a seed keeps)."""
        with self.engine.connect() as conn:
            return seed_rows.edited(conn, frame, definitions.indicator_ids(conn), user)

    def retire_seed_rows(self, frame: pd.DataFrame, seed: model.Batch) -> model.Batch | None:
        """Remove, in one batch, the rows an earlier import of the `seed` batch's file (by its
        user) still holds that the file's `frame` no longer has; rows editors changed are kept."""
        with engine.write_transaction(self.engine) as conn:
            ids = definitions.indicator_ids(conn)
            return seed_rows.retire(conn, frame, ids, seed, self._now())

    def undo(self, batch_id: int, user: str) -> model.Batch:
        """Restore the values as they were before a batch, as a new compensating batch."""
        with engine.write_transaction(self.engine) as conn:
            return undoing.undo(conn, batch_id, user, self._now())

    def undo_plan(self, batch_id: int) -> pd.DataFrame:
        """The values undoing a batch would restore or remove (raises as `undo` would refuse)."""
        with self.engine.connect() as conn:
            return undoing.plan(conn, batch_id)

    def batch_scopes(self) -> dict[int, tuple[model.IndicatorRef, ...]]:
        """The indicators (and so cities) each batch touched, by batch id."""
        with self.engine.connect() as conn:
            return scopes.batch_scopes(conn)

    def history(self) -> list[model.Batch]:
        """Every batch, newest first."""
        with self.engine.connect() as conn:
            return batches.history(conn)

    def record_briefing(self, city: str, pledge: str | None, as_of: dt.date, output: str) -> None:
        """Remember that a briefing was made, for the next one's "what changed since"."""
        with engine.write_transaction(self.engine) as conn:
            briefings.record(conn, city, pledge, as_of, output, self._now())

    def previous_briefing(self, city: str, pledge: str | None, before: dt.date) -> dt.date | None:
        """The as-of date of the latest briefing of the same city and pledge before `before`."""
        with self.engine.connect() as conn:
            return briefings.previous(conn, city, pledge, before)

    def set_stewardship(
        self,
        ref: model.IndicatorRef,
        owner: model.Owner | None,
        cadence: model.Cadence | None,
        user: str,
    ) -> int:
        """Set one indicator's owner and cadence as an editor; `init` then keeps them."""
        with engine.write_transaction(self.engine) as conn:
            return definitions.set_stewardship(conn, ref, owner, cadence, user, self._now())

    def propose_change(self, proposal: Proposal) -> int:
        """Store a target or baseline change for review (or, dated, a historical one)."""
        with engine.write_transaction(self.engine) as conn:
            ids = definitions.indicator_ids(conn)
            return target_changes.propose(conn, proposal, ids, self._now())

    def propose_changes(self, proposals: Iterable[Proposal]) -> int:
        """Store each proposal not stored already (same sides, not rejected); how many were."""
        stored = 0
        with engine.write_transaction(self.engine) as conn:
            ids = definitions.indicator_ids(conn)
            for proposal in proposals:
                if not target_changes.has_twin(conn, proposal, ids):
                    target_changes.propose(conn, proposal, ids, self._now())
                    stored += 1
        return stored

    def review_change(
        self, change_id: int, reviewer: str, approve: bool, comment: str | None, needed: int
    ) -> StoredChange:
        """An editor's approval or rejection; the change takes effect once `needed` approve."""
        verdict = "approve" if approve else "reject"
        with engine.write_transaction(self.engine) as conn:
            return target_changes.review(
                conn, change_id, reviewer, verdict, comment, needed, self._now()
            )

    def target_changes(
        self, city: str | None = None, status: str | None = None, change_id: int | None = None
    ) -> list[StoredChange]:
        """Stored target changes, decided ones in the order they were decided, pending last."""
        with self.engine.connect() as conn:
            return target_changes.read(conn, city, status, change_id)

    def catalog_specs(self) -> dict[model.IndicatorRef, str | None]:
        """What the definition files said of each indicator's baseline and targets last time."""
        with self.engine.connect() as conn:
            return catalog_specs.catalog_specs(conn)

    def record_catalog_specs(self, specs: dict[model.IndicatorRef, str]) -> None:
        """Remember what the definition files said, for the next `init` to compare."""
        with engine.write_transaction(self.engine) as conn:
            catalog_specs.record_catalog_specs(conn, specs)

    def claim_reminder(
        self, day: dt.date, city: str, email: str, indicators: str, token: str
    ) -> bool:
        """Claim one owner's reminder of the day before sending it (False: sent or being sent)."""
        with engine.write_transaction(self.engine) as conn:
            return reminders.claim(conn, day, city, email, indicators, token, self._now())

    def reminder_sent(self, token: str) -> None:
        """Record that the claimed reminder went out."""
        with engine.write_transaction(self.engine) as conn:
            reminders.mark_sent(conn, token, self._now())

    def release_reminder(self, token: str) -> None:
        """Drop a claim whose send failed, so the next run retries it."""
        with engine.write_transaction(self.engine) as conn:
            reminders.release(conn, token)

    def reminders_sent(self, day: dt.date | None = None) -> list[dict[str, object]]:
        """The reminders recorded as sent (of one day, or all)."""
        with self.engine.connect() as conn:
            return reminders.sent(conn, day)
