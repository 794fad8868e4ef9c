"""Who keeps an indicator and when its values are due, as definitions and app edits state them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

import pydantic

from pledges import model
from pledges.catalog.fields import Email, Name, Strict, format_path

_DUE_MONTHS = {"year": 12, "quarter": 3, "month": 1, "discontinued": 12}  # reach of "MM"


class OwnerDef(Strict):
    """Who sends the values: a person or a team (a department is enough), e-mail optional."""

    name: Name | None = None
    team: Name | None = None
    email: Email | None = None

    @pydantic.field_validator("email", mode="wrap")
    @classmethod
    def _say_email(cls, value: Any, handler: Any) -> Any:
        try:
            return handler(value)
        except pydantic.ValidationError:
            raise ValueError(
                f"{value!r} is not an e-mail address like data-team@example.org"
            ) from None

    @pydantic.model_validator(mode="after")
    def _named(self) -> OwnerDef:
        if self.name is None and self.team is None:
            raise ValueError("an owner needs a name or a team")
        return self


class CadenceDef(Strict):
    """How often a value is due: every year, quarter or month, by "MM-DD" after the period."""

    every: Literal["year", "quarter", "month", "discontinued"]
    due: str

    @pydantic.field_validator("due")
    @classmethod
    def _month_day(cls, value: str) -> str:
        problem = f'{value!r} is not a day of the year written MM-DD, like "03-31"'
        if not re.fullmatch(r"\d\d-\d\d", value):
            raise ValueError(problem)
        try:
            dt.date(2000, int(value[:2]), int(value[3:]))  # a leap year: 02-29 is allowed
        except ValueError:
            raise ValueError(problem) from None
        return value

    @pydantic.model_validator(mode="after")
    def _month_in_reach(self) -> CadenceDef:
        months = _DUE_MONTHS[self.every]
        if int(self.due[:2]) > months:
            raise ValueError(
                f"due {self.due!r}: for every {self.every} the month counts from the period's "
                f"end and must be 01" + ("" if months == 1 else f" to {months:02d}")
            )
        return self

    def to_cadence(self) -> model.Cadence:
        """The domain form, with the due day as numbers."""
        return model.Cadence(self.every, (int(self.due[:2]), int(self.due[3:])))


def to_owner(owner: OwnerDef | None) -> model.Owner | None:
    return None if owner is None else model.Owner(owner.name, owner.team, owner.email)


def to_cadence(cadence: CadenceDef | None) -> model.Cadence | None:
    return None if cadence is None else cadence.to_cadence()


class _StewardshipEdit(Strict):
    owner: OwnerDef | None = None
    cadence: CadenceDef | None = None


def parse_stewardship(
    owner: dict[str, Any] | None, cadence: dict[str, Any] | None
) -> tuple[model.Owner | None, model.Cadence | None, list[str]]:
    """An owner and cadence typed in the app, held to the definition files' rules."""
    try:
        edit = _StewardshipEdit.model_validate({"owner": owner, "cadence": cadence})
    except pydantic.ValidationError as exc:
        return (
            None,
            None,
            [
                f"{format_path(e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
                for e in exc.errors()
            ],
        )
    return to_owner(edit.owner), to_cadence(edit.cadence), []
