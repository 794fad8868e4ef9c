"""The app in Spanish and in the pseudo-locale (AppTest): the language is chosen by `?lang=`
and kept in the URL; a pseudo-locale run finds every English word that did not come from a
catalog (docs/translating.md says how complete the pages are)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel import dates as babel_dates
from streamlit.testing.v1 import AppTest

from pledges import model, service, settings, store, translation
from pledges.ingest.reading import presets
from pledges.service import vocabulary
from pledges.views import columns
from pledges.views.upload import mapping_form
from pledges.web import widgets
from tests import sample_city
from tests import test_sources_cdp as panel_files
from tests.test_pages import APP, AS_OF, open_page, texts

METHODOLOGY = settings.PROJECT_ROOT / "docs" / "methodology.md"

# English words the pseudo-locale still finds, by page: each is a piece not yet through a
# catalog. The list may only shrink: a word not in it fails, and so does one gone.
NOT_YET_TRANSLATED: dict[str, set[str]] = {
    "overview.py": set(),
    "indicator.py": set(),
    "targets.py": set(),
    "compare.py": set(),
    "data.py": set(),
    "history.py": set(),
    "due.py": set(),
    "methodology.py": set(),
    "briefing.py": set(),
    "signin.py": set(),
}
# Pages an editor sees: read signed in (the hook the sign-in plugs into).
EDITOR_PAGES: dict[str, set[str]] = {
    "upload.py": set(),
    "history.py": set(),
    "signin.py": set(),
    "targets.py": set(),
}
WIDGETS = (
    "selectbox",
    "multiselect",
    "text_input",
    "date_input",
    "slider",
    "radio",
    "checkbox",
    "button",
    "download_button",
    "link_button",
    "file_uploader",
    "metric",
    "expander",
    "status",
    "success",
    "error",
    "text",
    "code",
)
PROTO_TEXTS = ("label", "help", "placeholder", "body", "value")
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
    """The app on the sample city, read by a viewer."""
    monkeypatch.setenv("PLEDGES_DATABASE_URL", database)
    return AppTest.from_file(str(APP), default_timeout=60)


def data_words(folder: Path) -> set[str]:
    """Every word of the city's own definitions and stored values: names, units, sources,
    methods, who imported and from which file are not ours to translate (a definition's
    Spanish name is its own `es:` field)."""
    texts = [path.read_text(encoding="utf-8") for path in folder.rglob("*.yaml")]
    for batch in (sample_city.first_batch(), sample_city.revision_batch()):
        texts += [cell for cell in batch.to_numpy().ravel() if isinstance(cell, str)]
    texts.append("tester first.csv restated.csv")  # the sample's importer and files
    return {word for text in texts for word in re.findall(r"[A-Za-z]+", text)}


def page_words(at: AppTest) -> str:
    """Every word the run shows: texts, widget labels and help, metrics, expanders, table
    headers and cells, and the charts' legend and hover text."""
    parts = [texts(at)]
    for kind in WIDGETS:
        for element in at.get(kind):
            proto = element.proto
            parts += [str(getattr(proto, name, "") or "") for name in PROTO_TEXTS]
            parts += [str(option) for option in getattr(proto, "options", ())]
    for table in at.dataframe:
        frame = table.value
        parts += [str(name) for name in frame.columns]
        parts += [
            str(cell) for name in frame.columns for cell in frame[name] if isinstance(cell, str)
        ]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        # A trace with no legend entry and no hover (a band's upper edge) is never read.
        shown = [
            trace
            for trace in spec.get("data", ())
            if trace.get("showlegend") is not False or trace.get("hoverinfo") != "skip"
        ]
        for trace in shown:
            parts += [str(trace.get("name", "")), str(trace.get("hovertemplate", ""))]
            parts += [str(text) for text in trace.get("customdata", ()) if isinstance(text, str)]
        parts += [str(note.get("text", "")) for note in spec["layout"].get("annotations", ())]
    return "\n".join(re.sub(r"%\{[^}]*\}|<[^>]*>", " ", part) for part in parts)


def english_words(text: str) -> set[str]:
    """Unaccented words with a vowel, outside link targets, badge colours and code (a command
    is typed as it is): the pseudo-locale accents every vowel a catalog gave."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"`[^`]*`", " ", text)  # a command or a setting's name, typed as it is
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


def unmarked(at: AppTest, folder: Path) -> set[str]:
    """The English words of a pseudo-locale run that no catalog gave."""
    assert not at.exception
    text = page_words(at)
    assert "⟦" in text  # the pseudo-locale is on
    return english_words(text) - data_words(folder) - MONTHS


def check(found: set[str], allowed: set[str], page: str) -> None:
    new = found - allowed
    assert not new, f"English on {page} not from a catalog: {sorted(new)}"
    gone = allowed - found
    assert not gone, f"now translated on {page}: remove {sorted(gone)} from the list"


@pytest.mark.parametrize("page", sorted(NOT_YET_TRANSLATED))
def test_pseudo_locale_finds_no_new_english(app: AppTest, folder: Path, page: str) -> None:
    at = open_page(app, page, city="Testville", as_of=AS_OF, lang=translation.PSEUDO)
    found = unmarked(at, folder)
    if page == "methodology.py":
        # The document is a file per language (docs/methodology.<lang>.md, checked below);
        # the pseudo-locale has none, so the page says so and shows the English one.
        assert "⟦Thís dócúmént hás nó tránslátíón ýét: ít ís shówn ín Énglísh.⟧" in texts(at)
        found -= english_words(METHODOLOGY.read_text(encoding="utf-8"))
    check(found, NOT_YET_TRANSLATED[page], page)


@pytest.mark.parametrize("page", sorted(EDITOR_PAGES))
def test_pseudo_locale_finds_no_new_english_for_an_editor(
    app: AppTest, folder: Path, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = model.Actor("alice", "editor")
    monkeypatch.setattr(widgets, "current_actor", lambda: editor)
    at = open_page(app, page, city="Testville", lang=translation.PSEUDO)
    check(unmarked(at, folder) - {editor.name}, EDITOR_PAGES[page], page)


# The Upload page through a whole round (a refused file, a good one, the mapping form): every
# word of the importer's problems (message, expected) comes from the catalog now. The list may
# only shrink; it is empty. Not ours to translate: each problem's code (`bad-number`: an
# interface tools and the CSV report read, as the command line prints it) and the file's cells.
UPLOAD_NOT_YET_TRANSLATED: set[str] = set()
UPLOAD_HEADER = "city,pledge,indicator,period,value,unit,source,note\n"
REFUSED = (
    UPLOAD_HEADER
    + "Testville,green-deal,renewable-share,2019,30,%,seed,\n"
    + "Testville,green-deal,renewable-share,2020,abc,%,office,\n"
    + "Testville,green-deal,solar-roofs,2021,35,%,office,\n"
).encode()
ACCEPTED = (
    UPLOAD_HEADER
    + "Testville,green-deal,renewable-share,2021,35,%,office,\n"
    + "Testville,green-deal,emissions,2020,880,kt,office,\n"
).encode()


def shown_codes(at: AppTest) -> set[str]:
    """The problems' codes in the run's tables (the column headed "code" in the reader's words)."""
    heading = columns.header("code", translation.translator(translation.PSEUDO))
    return {
        str(code)
        for table in at.dataframe
        if heading in table.value.columns
        for code in table.value[heading]
    }


def unmarked_but_codes(at: AppTest, folder: Path, codes: set[str]) -> set[str]:
    """The English words of a pseudo-locale run that no catalog gave, each problem's code
    (`bad-number`, wherever it is shown) taken out whole first: an interface, kept English."""
    assert not at.exception
    text = page_words(at)
    assert "⟦" in text
    for code in sorted(codes, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(code)}(?![\w-])", " ", text)
    return english_words(text) - data_words(folder) - MONTHS


def test_pseudo_locale_through_an_upload(
    app: AppTest, folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    editor = model.Actor("alice", "editor")
    monkeypatch.setattr(widgets, "current_actor", lambda: editor)
    monkeypatch.setenv("PLEDGES_PRESETS", str(tmp_path / "presets"))
    # The built-in presets' names are names, and "abc" is the refused file's own cell.
    names = {w for name in presets.BUILT_IN for w in re.findall(r"[A-Za-z]+", name)}
    at = open_page(app, "upload.py", lang=translation.PSEUDO)
    found: set[str] = set()
    codes: set[str] = set()
    for data in (REFUSED, ACCEPTED):
        at.file_uploader[0].upload("office.csv", data, "text/csv")
        at.run()
        codes |= shown_codes(at)
        found |= unmarked_but_codes(at, folder, codes)
    at.selectbox(key="map_mode").set_value(mapping_form.NEW_MAPPING)
    found |= unmarked_but_codes(at.run(), folder, codes)
    # The problems the two files give: a value that is no number, an unknown indicator, and
    # (the good file has no note column) stored notes kept.
    assert {"bad-number", "unknown-indicator", "kept-columns"} <= codes
    # The upload format's field names are its columns' headers: an interface, kept English.
    # The files' own cells ("abc", "solar-roofs") are data.
    cells = set(re.findall(r"[A-Za-z]+", (REFUSED + ACCEPTED).decode()))
    found -= {editor.name, "office", "csv"} | names | set(vocabulary.MAPPING_FIELDS) | cells
    check(found, UPLOAD_NOT_YET_TRANSLATED, "upload.py (a whole round)")


# Compare with the CDP–ICLEI panel loaded, for a panel city: the panel's own words. The list may
# only shrink. Left: the "construction" cells ("GPC; larger than the city; ...", "scope 1 + 2
# from the GPC table's parts"), which pledges/sources/cdp writes while reading the panel.
PANEL_NOT_YET_TRANSLATED = {"larger", "parts", "scope", "table", "than"}


def test_pseudo_locale_on_compare_with_the_panel(
    folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = sample_city.build(tmp_path)
    db = store.Store.open(url)
    panel = [("2020.csv", panel_files.FILE_2020), ("targets.csv", panel_files.FILE_TARGETS)]
    service.import_panel(db, model.Actor("tester", "editor"), panel)
    db.engine.dispose()
    monkeypatch.setenv("PLEDGES_DATABASE_URL", url)
    at = open_page(AppTest.from_file(str(APP), default_timeout=60), "compare.py", city="Eta")
    at = open_page(at, "compare.py", city="Eta", lang=translation.PSEUDO)
    # The panel's cities, countries and regions are its own names (self-reported to CDP).
    names = {
        w
        for text in (panel_files.FILE_2020, panel_files.FILE_TARGETS)
        for w in re.findall(r"[A-Za-z]+", text.decode("utf-8"))
    }
    found = unmarked(at, tmp_path) - names
    check(found, PANEL_NOT_YET_TRANSLATED, "compare.py (with the panel)")
