"""The Methodology page's document in the reader's language: docs/methodology.md, or the
translation beside it (docs/methodology.es.md), a whole document a translator edits as one.

A translation keeps the English section order, so each of its sections can keep the English
anchor the app's links point at (`methodology#status`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pledges import translation

_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Section:
    """A level-2 section: its heading (empty for the text before the first), anchor and body."""

    heading: str
    anchor: str | None
    body: str


def document(folder: Path, lang: str) -> Path:
    """The document in the language when a translation exists, else the English one."""
    translated = folder / f"methodology.{lang}.md"
    if lang != translation.DEFAULT and translated.exists():
        return translated
    return folder / "methodology.md"


def anchor(heading: str) -> str:
    """The anchor a heading gets in the English document ("Status" -> "status")."""
    words = re.sub(r"[^\w\s-]", "", heading.lower())
    return re.sub(r"[\s_]+", "-", words.strip())


def sections(text: str, english: str) -> list[Section]:
    """The document cut at its level-2 headings, each with the anchor of the English section
    in the same place (a translation with other sections gets no anchors)."""
    cuts = list(_SECTION.finditer(text))
    english_headings = _SECTION.findall(english)
    same_shape = len(english_headings) == len(cuts)
    out = [Section("", None, text[: cuts[0].start()] if cuts else text)]
    for index, cut in enumerate(cuts):
        end = cuts[index + 1].start() if index + 1 < len(cuts) else len(text)
        name = anchor(english_headings[index]) if same_shape else None
        out.append(Section(cut.group(1), name, text[cut.end() : end]))
    return out
