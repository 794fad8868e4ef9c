"""How to cite a city's page, and the terms of every source it shows (pure, no I/O).

Sources are free text as stored; addresses in them become links (http and https only). The
CDP–ICLEI panel's wording is the one CDP asks for (shown with its caveat wherever its figures
are), from the connector through the service.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pledges import service, translation

PUBLISHER = "Pledge Tracker"
_URL = re.compile(r"https?://[^\s<>\"'()\[\]{},;]+[^\s<>\"'()\[\]{},;.:!?]")


@dataclass(frozen=True, slots=True)
class Citation:
    """How to cite one page: title, publisher, the date of the data and its address."""

    title: str
    publisher: str
    as_of: str
    url: str | None
    t: translation.Translator = translation.ENGLISH

    @property
    def text(self) -> str:
        """The citation as one line of plain text."""
        where = f" {self.url}" if self.url else ""
        said = self.t.gettext(
            "{title}. {publisher}, data as of {day}.",
            title=self.title,
            publisher=self.publisher,
            day=self.as_of,
        )
        return said + where


@dataclass(frozen=True, slots=True)
class Source:
    """One source as shown: its text, in parts (each a link or not), and its terms."""

    text: str
    parts: tuple[tuple[str, str | None], ...]
    attribution: str
    caveat: str | None


def linked(text: str) -> tuple[tuple[str, str | None], ...]:
    """Text split into plain parts and web addresses (the address is the link target)."""
    parts: list[tuple[str, str | None]] = []
    last = 0
    for match in _URL.finditer(text):
        if match.start() > last:
            parts.append((text[last : match.start()], None))
        parts.append((match.group(0), match.group(0)))
        last = match.end()
    if last < len(text):
        parts.append((text[last:], None))
    return tuple(parts)


def source(text: str, t: translation.Translator = translation.ENGLISH) -> Source:
    """A source with the attribution its publisher asks for, when known (in `t`'s words)."""
    if service.publishing.CDP_MARK in text:
        return Source(
            text,
            linked(text),
            t.gettext(
                "“{attribution}.” Data from the CDP Open Data Portal (https://data.cdp.net/), "
                "self-reported by the city.",
                attribution=t.gettext(service.publishing.CDP_ATTRIBUTION),
            ),
            t.gettext(service.publishing.CDP_CAVEAT),
        )
    return Source(
        text,
        linked(text),
        t.gettext("As published by the source named; reuse it under that publisher's own terms."),
        None,
    )


def sources(texts: Iterable[str], t: translation.Translator = translation.ENGLISH) -> list[Source]:
    """Each distinct source once, in order of its text."""
    return [source(text, t) for text in sorted(set(texts))]


def cite(
    title: str, as_of: str, url: str | None, t: translation.Translator = translation.ENGLISH
) -> Citation:
    """The citation of a page published as of a date, at its address when known."""
    return Citation(title, PUBLISHER, as_of, url, t)
