"""The package's exceptions: for broken environments and refused actions, never for bad data."""


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
    """No import batch has this id, or it cannot be undone."""


class CredentialsError(PledgesError):
    """The credentials file is unreadable or not what `python -m pledges user` writes."""


class PdfError(PledgesError):
    """Chromium is missing or failed to print the briefing."""


class StoreBusy(PledgesError):
    """Another writer held the SQLite database past the busy bound; nothing was written."""
