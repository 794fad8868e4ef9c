"""The Methodology page in the reader's language: the document is a file per language beside
docs/methodology.md, with the English sections in the same order, so each keeps its anchor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pledges import settings, translation
from pledges.views.pages import methodology_doc
from tests import sample_city
from tests.test_pages import APP, open_page, texts

DOCS = settings.PROJECT_ROOT / "docs"
ENGLISH = DOCS / "methodology.md"
TRANSLATIONS = sorted(DOCS.glob("methodology.*.md"))


def headings(text: str) -> list[str]:
    """The heading levels in order ("#", "##", "###", ...)."""
    return [line.split(" ", 1)[0] for line in text.splitlines() if re.match(r"#+ ", line)]


def test_every_language_with_a_catalog_has_the_document() -> None:
    assert [path.name for path in TRANSLATIONS] == [
        f"methodology.{lang}.md" for lang in translation.languages() if lang != "en"
    ]


@pytest.mark.parametrize("path", TRANSLATIONS, ids=[p.name for p in TRANSLATIONS])
def test_a_translation_keeps_the_english_shape(path: Path) -> None:
    english, translated = ENGLISH.read_text("utf-8"), path.read_text("utf-8")
    assert headings(translated) == headings(english)
    # Tables row for row, and every command, field and formula typed as the English has it.
    table_rows = re.compile(r"^\|", re.MULTILINE)
    assert len(table_rows.findall(translated)) == len(table_rows.findall(english))
    code = re.compile(r"`[^`]+`")
    assert set(code.findall(english)) <= set(code.findall(translated))


def test_sections_take_the_anchor_of_the_english_section_in_their_place() -> None:
    english = "# Title\n\nIntro.\n\n## Status\n\nRules.\n\n## Edge cases\n\nMore.\n"
    spanish = "# Título\n\nIntro.\n\n## Estado\n\nReglas.\n\n## Casos límite\n\nMás.\n"
    found = methodology_doc.sections(spanish, english)
    assert [(s.heading, s.anchor) for s in found] == [
        ("", None),
        ("Estado", "status"),
        ("Casos límite", "edge-cases"),
    ]
    assert found[0].body == "# Título\n\nIntro.\n\n"
    assert found[1].body == "\n\nReglas.\n\n"
    # A translation with another shape keeps its words but names no anchor it cannot keep.
    assert [s.anchor for s in methodology_doc.sections(spanish, "# T\n## Status\n")] == [
        None,
        None,
        None,
    ]


def test_the_english_document_is_shown_where_no_translation_exists(tmp_path: Path) -> None:
    (tmp_path / "methodology.md").write_text("# How\n", encoding="utf-8")
    assert methodology_doc.document(tmp_path, "es") == tmp_path / "methodology.md"
    (tmp_path / "methodology.es.md").write_text("# Cómo\n", encoding="utf-8")
    assert methodology_doc.document(tmp_path, "es") == tmp_path / "methodology.es.md"
    assert methodology_doc.document(tmp_path, "en") == tmp_path / "methodology.md"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("PLEDGES_DATABASE_URL", sample_city.build(tmp_path))
    return AppTest.from_file(str(APP), default_timeout=60)


def test_the_spanish_page_keeps_the_status_anchor_the_app_links_to(app: AppTest) -> None:
    at = open_page(app, "methodology.py", lang="es")
    assert not at.exception
    status = next(h for h in at.header if h.value == "Estado")
    assert status.proto.anchor == "status"  # widgets.METHODOLOGY_LINK is methodology#status
    assert "Cómo mide el avance Pledge Tracker" in texts(at)
    rules = next(df.value for df in at.dataframe if "regla" in df.value.columns)
    # The rule of "needs acceleration" with the default thresholds, 0.5 and 0.95, as Spanish
    # writes decimals.
    assert "◆ necesita acelerar" in list(rules["estado"])
    assert "0,5 <= razón de ritmo < 0,95" in list(rules["regla"])
