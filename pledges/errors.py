"""The package's exceptions: for broken environments and refused actions, never for bad data."""

from __future__ import annotations

from pledges import numbers, translation


class PledgesError(Exception):
    """Base class of every error Pledge Tracker raises on purpose."""


class CatalogError(PledgesError):
    """A definition file is invalid; `problems` lists every `file: path: message`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class NotAllowed(PledgesError):
    """The acting user may not do this (a viewer tried to change data)."""


class UnknownBatch(PledgesError):
    """No import batch has this id, or it cannot be undone; the refusal keeps its catalog
    template and values, so each reader reads it in their language (`str` is the English)."""

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(self.say(translation.ENGLISH))

    def say(self, t: translation.Translator) -> str:
        """The refusal in `t`'s language (several batches named as the language lists them)."""
        filled = {
            key: numbers.listing([str(v) for v in value], t.locale)
            if isinstance(value, tuple)
            else value
            for key, value in self.values.items()
        }
        return t.gettext(self.template, **filled)


class CredentialsError(PledgesError):
    """The credentials file is unreadable or not what `python -m pledges user` writes."""


class PdfError(PledgesError):
    """Chromium is missing or failed to print the briefing."""


class StoreBusy(PledgesError):
    """Another writer held the SQLite database past the busy bound; nothing was written."""
