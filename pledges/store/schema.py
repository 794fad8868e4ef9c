"""The tables, as SQLAlchemy 2.x declarative models; Alembic migrations are checked against them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sql_false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def _name(sqlite_length: int) -> String:
    """A name of any length and script (up to the catalog's bound, `catalog.fields.NAME_MAX`):
    TEXT on PostgreSQL, which enforces a VARCHAR's length; SQLite never does, so there the
    column keeps the length it was declared with (no table rebuild to change nothing)."""
    return String(sqlite_length).with_variant(Text(), "postgresql")  # type: ignore[return-value]


class Base(DeclarativeBase):
    """Declarative base of every table; its metadata is what migrations must produce."""


class CityRow(Base):
    __tablename__ = "cities"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(_name(200), unique=True)
    country: Mapped[str] = mapped_column(_name(100))
    population: Mapped[int | None] = mapped_column(Integer)
    population_year: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str | None] = mapped_column(_name(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    cdp_account: Mapped[str | None] = mapped_column(String(20))


class PledgeRow(Base):
    __tablename__ = "pledges"
    __table_args__ = (UniqueConstraint("city_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"))
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(_name(300))
    adopted: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="active")
    state_date: Mapped[dt.date | None] = mapped_column(Date)
    state_source: Mapped[str | None] = mapped_column(Text)
    superseded_by: Mapped[str | None] = mapped_column(String(80))
    note: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class GoalRow(Base):
    __tablename__ = "goals"
    __table_args__ = (UniqueConstraint("pledge_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id"))
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(_name(300))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The indicator whose status is the goal's (revision 2 roll-up); None: the half rule.
    headline: Mapped[str | None] = mapped_column(String(80), nullable=True)


class IndicatorRow(Base):
    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("pledge_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id"))
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"))
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(_name(300))
    unit: Mapped[str] = mapped_column(_name(60))
    direction: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(20), default="linear")
    aggregation: Mapped[str] = mapped_column(String(10), default="last")
    future_periods: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql_false())
    # the declared range of its values (both None: a "%" share is 0-100, anything else free)
    valid_low: Mapped[float | None] = mapped_column(Float)
    valid_high: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_source: Mapped[str | None] = mapped_column(Text)
    baseline_method: Mapped[str | None] = mapped_column(Text)
    # None: the indicator's coverage (revision 3); True: 0 % below 1990 in 1990, never measured
    baseline_coverage: Mapped[str | None] = mapped_column(Text)
    baseline_definitional: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=sql_false()
    )
    coverage: Mapped[str | None] = mapped_column(Text)  # None: the whole quantity as named
    floor: Mapped[float | None] = mapped_column(Float)  # the level it cannot go below
    # "pledge/indicator" holding the same quantity: its values are this indicator's too
    same_as: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    owner_name: Mapped[str | None] = mapped_column(_name(200))
    owner_team: Mapped[str | None] = mapped_column(_name(200))
    owner_email: Mapped[str | None] = mapped_column(String(254))
    # "year", "quarter", "month", or "ended" for a discontinued series (catalog_sync.STORED_EVERY)
    cadence_every: Mapped[str | None] = mapped_column(String(10))
    cadence_due: Mapped[str | None] = mapped_column(String(5))
    # who set owner and cadence in the app: then `init` keeps them and says so
    stewardship_set_by: Mapped[str | None] = mapped_column(_name(200))
    # the baseline and targets as the definition file last gave them (JSON), so `init` can
    # tell a changed file (a proposal to review) from an edit made in the app (kept)
    catalog_spec: Mapped[str | None] = mapped_column(Text)


class TargetRow(Base):
    """A target as it stood from `valid_from` until `valid_to` (open while in force)."""

    __tablename__ = "targets"
    __table_args__ = (Index("ix_targets_indicator_valid", "indicator_id", "valid_to"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    change_pct: Mapped[float | None] = mapped_column(Float)
    claimed_pct: Mapped[float | None] = mapped_column(Float)
    coverage: Mapped[str | None] = mapped_column(Text)  # None: the indicator's coverage
    source: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[dt.datetime] = mapped_column(DateTime)
    valid_to: Mapped[dt.datetime | None] = mapped_column(DateTime)


class TargetChangeRow(Base):
    """A proposed change of one target or baseline: what it was, what it would be, why, by whom;
    `historical` ones record a change made before the store (the seed) and alter nothing."""

    __tablename__ = "target_changes"
    __table_args__ = (Index("ix_target_changes_status", "status", "decided_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    subject: Mapped[str] = mapped_column(String(10))  # "target" or "baseline"
    old: Mapped[str | None] = mapped_column(Text)  # JSON of the target or baseline replaced
    new: Mapped[str | None] = mapped_column(Text)  # JSON of the one proposed (None: withdraw)
    carried_from: Mapped[str | None] = mapped_column(String(200))  # "pledge/indicator" of old
    source: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    proposed_by: Mapped[str] = mapped_column(String(200))
    proposed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10))  # pending, approved or rejected
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    historical: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql_false())


class TargetReviewRow(Base):
    """One editor's approval or rejection of a proposed target change, with a comment."""

    __tablename__ = "target_change_reviews"
    __table_args__ = (UniqueConstraint("change_id", "reviewer", name="uq_target_review"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("target_changes.id"), index=True)
    reviewer: Mapped[str] = mapped_column(String(200))
    verdict: Mapped[str] = mapped_column(String(10))  # approve or reject
    comment: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[dt.datetime] = mapped_column(DateTime)


class DefinitionChangeRow(Base):
    """A trace of every changed definition field (name, unit, baseline, pledge state...)."""

    __tablename__ = "definition_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    entity: Mapped[str] = mapped_column(String(20))
    entity_key: Mapped[str] = mapped_column(_name(300))
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str | None] = mapped_column(_name(200))  # None: the catalog (init)


class BatchRow(Base):
    """One import or undo: who, when, which file, what it did."""

    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    user: Mapped[str] = mapped_column(_name(200))
    file_name: Mapped[str] = mapped_column(_name(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    committed_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    added: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20))
    undoes: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))


class ObservationRow(Base):
    """The current value of one indicator for one period, and the batch that stored it."""

    __tablename__ = "observations"
    __table_args__ = (UniqueConstraint("indicator_id", "period", name="uq_observation_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    period: Mapped[dt.date] = mapped_column(Date)
    # The period is a whole year (written "2024"), not the day 1 January: ingest knows, so keep it.
    annual: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql_false())
    value: Mapped[float] = mapped_column(Float)
    method: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"), index=True)


class RevisionRow(Base):
    """A replaced or removed value: the old value, its batch, and the batch that replaced it."""

    __tablename__ = "value_revisions"
    __table_args__ = (Index("ix_revisions_key", "indicator_id", "period"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    period: Mapped[dt.date] = mapped_column(Date)
    # The period is a whole year (written "2024"), not the day 1 January: ingest knows, so keep it.
    annual: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql_false())
    annual: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql_false())
    value: Mapped[float] = mapped_column(Float)
    method: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"))
    replaced_by: Mapped[int] = mapped_column(ForeignKey("import_batches.id"), index=True)
    new_value: Mapped[float | None] = mapped_column(Float)


class BriefingRow(Base):
    """A council briefing that was made, so the next one can say what changed since."""

    __tablename__ = "briefings"
    __table_args__ = (Index("ix_briefings_scope", "city", "pledge", "as_of"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    city: Mapped[str] = mapped_column(_name(200))
    pledge: Mapped[str | None] = mapped_column(String(80))
    as_of: Mapped[dt.date] = mapped_column(Date)
    made_at: Mapped[dt.datetime] = mapped_column(DateTime)
    output: Mapped[str] = mapped_column(Text)


class ReminderRow(Base):
    """One reminder e-mail to one owner of one city on one day: claimed before sending, then
    marked sent; the unique key keeps two runs (or two machines) from sending it twice."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("day", "city", "email", name="uq_reminder_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date)
    city: Mapped[str] = mapped_column(_name(200))
    email: Mapped[str] = mapped_column(String(254))
    indicators: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))
    token: Mapped[str] = mapped_column(String(32))
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SignInAttemptRow(Base):
    """Failed sign-ins of one name from one client address: a run of failures and any lock,
    one small row per (address, name) so a spray never rewrites anything shared."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (Index("ix_sign_in_attempts_last_failure", "last_failure"),)
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failure: Mapped[dt.datetime] = mapped_column(DateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
