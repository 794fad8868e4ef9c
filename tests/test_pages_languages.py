"""The app in Spanish and in the pseudo-locale (AppTest): the language is chosen by `?lang=`
and kept in the URL; a pseudo-locale run finds every English word that did not come from a
catalog (docs/translating.md says how complete the pages are)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import dates as babel_dates
from streamlit.testing.v1 import AppTest

from pledges import translation
from tests import sample_city
from tests.test_pages import APP, AS_OF, open_page, texts

# English words the pseudo-locale still finds, by page: each is a piece not yet through a
# catalog (on the indicator page: the chart, the tables, the data-due line and the embed
# snippet's help). The list may only shrink: a word not in it fails, and so does one gone.
NOT_YET_TRANSLATED = {
    # "new": a method name of the sample's values (data, not ours to translate).
    "overview.py": {"new"},
    "indicator.py": {
        "Baseline",
        "PLEDGES",
        "SITE",
        "Set",
        "Targets",
        "URL",
        "address",
        "annual",
        "band",
        "chart",
        "copy",
        "current",
        "dashed",
        "for",
        "from",
        "get",
        "line",
        "milestones",
        "output",
        "paste",
        "path",
        "pledges",
        "publish",
        "python",
        "required",
        "served",
        "shows",
        "snippet",
        "the",
        "this",
        "through",
        "trend",
        "values",
        "where",
        "would",
    },
}
# The pseudo-locale writes numbers and dates as English does: month names are Babel's data.
MONTHS = {
    name
    for width in ("abbreviated", "wide")
    for name in babel_dates.get_month_names(width, locale="en").values()
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("languages")


@pytest.fixture(scope="module")
def database(folder: Path) -> str:
    return sample_city.build(folder)


@pytest.fixture
def app(database: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("PLEDGES_DATABASE_URL", database)
    return AppTest.from_file(str(APP), default_timeout=60)


def data_words(folder: Path) -> set[str]:
    """Every word of the city's own definitions: names, units and sources are not ours to
    translate here (a definition's Spanish name is its own `es:` field)."""
    words: set[str] = set()
    for path in folder.rglob("*.yaml"):
        words |= set(re.findall(r"[A-Za-z]+", path.read_text(encoding="utf-8")))
    return words


def english_words(text: str) -> set[str]:
    """Unaccented words with a vowel, outside link targets and badge colours: the pseudo-locale
    accents every vowel a catalog gave."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r":[a-z-]+\[", "[", text)
    return {w for w in re.findall(r"[A-Za-z]{3,}", text) if re.search("[aeiouyAEIOUY]", w)}


def test_overview_in_spanish_keeps_its_language_in_the_link(app: AppTest) -> None:
    at = open_page(app, "overview.py", city="Testville", as_of=AS_OF, lang="es")
    assert not at.exception
    text = texts(at)
    assert "Testville: compromisos climáticos" in text
    assert "▼ fuera de rumbo" in text
    # City emissions fall 10 kt a year (1,000 in 2016 to 900 in 2020, tests/test_pages.py);
    # the 500 kt milestone at that pace is reached in 2020 + (900 - 500) / 10 = 2060.
    assert "City emissions: 900 kt en 2020, baja 10 kt al año." in text
    assert "se alcanza en 2060, 30 años tarde" in text
    assert "Cada meta en una línea, de peor a mejor" in text  # the one-pager on screen
    assert "Se muestran los datos tal como se informaron el 30 jun 2026." in text
    assert at.query_params["lang"] in ("es", ["es"])
    heading = at.header[0].value.replace("\\", "")
    assert heading == "Testville: Testville Green Deal, informe para el Concejo"


def test_english_stays_the_default_and_leaves_the_link_bare(app: AppTest) -> None:
    at = open_page(app, "overview.py", city="Testville", as_of=AS_OF)
    assert "Testville: climate pledges" in texts(at)
    assert "lang" not in at.query_params


def test_indicator_page_in_spanish(app: AppTest) -> None:
    at = open_page(app, "indicator.py", city="Testville", as_of=AS_OF, lang="es")
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["Último valor", "Avance"]
    assert any(e.value.startswith("Por qué: ") for e in at.markdown)
    assert [s.label for s in at.selectbox][:2] == ["Compromiso", "Indicador"]
    assert [s.label for s in at.sidebar.selectbox][:2] == ["Language · Idioma", "Ciudad"]


@pytest.mark.parametrize("page", sorted(NOT_YET_TRANSLATED))
def test_pseudo_locale_finds_no_new_english(app: AppTest, folder: Path, page: str) -> None:
    at = open_page(app, page, city="Testville", as_of=AS_OF, lang=translation.PSEUDO)
    assert not at.exception
    text = texts(at)
    assert "⟦" in text  # the pseudo-locale is on
    found = english_words(text) - data_words(folder) - MONTHS
    new = found - NOT_YET_TRANSLATED[page]
    assert not new, f"English on {page} not from a catalog: {sorted(new)}"
    gone = NOT_YET_TRANSLATED[page] - found
    assert not gone, f"now translated on {page}: remove {sorted(gone)} from the list"
