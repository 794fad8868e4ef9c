"""A city's target history before the store (the seed ledger): which target replaced which.

Each change names the target it replaced and the one that replaced it by pledge, indicator
and year; the numbers are read from the definitions, never written twice.
"""

from __future__ import annotations

import datetime as dt

import pydantic
import yaml

from pledges.catalog.fields import Slug, Strict, Text, format_path


class TargetRefDef(Strict):
    """A target of a definition: its pledge, indicator and year."""

    pledge: Slug
    indicator: Slug
    year: int = pydantic.Field(ge=1900, le=2100)


class HistoryChangeDef(Strict):
    """One change made by a decision (a plan, a council vote) on a known day."""

    date: dt.date
    old: TargetRefDef | None = None
    new: TargetRefDef | None = None
    source: Text
    reason: Text
    decided_by: Text

    @pydantic.model_validator(mode="after")
    def _one_side(self) -> HistoryChangeDef:
        if self.old is None and self.new is None:
            raise ValueError("give the old target, the new one, or both")
        return self


class HistoryFile(Strict):
    """One city's history file."""

    city: Text
    changes: list[HistoryChangeDef] = pydantic.Field(min_length=1)


def parse_history(text: str, name: str) -> tuple[HistoryFile | None, list[str]]:
    """Validate a history file; the model, or every problem as `name: path: message`."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return None, [f"{name}: (file): not valid YAML: {exc}"]
    try:
        return HistoryFile.model_validate(raw), []
    except pydantic.ValidationError as exc:
        return None, [
            f"{name}: {format_path(e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        ]
