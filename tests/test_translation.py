"""The catalogs kept complete and fresh, numbers and dates as each language writes them, and
the engine's sentence in Spanish (docs/translating.md)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from babel.messages import extract, mofile, pofile

from pledges import numbers, settings, translation
from pledges.progress import sentence
from tests import test_progress_status as cases

ROOT = settings.PROJECT_ROOT
LOCALES = ROOT / "pledges" / "locale"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
OTHER_LANGUAGES = [lang for lang in translation.languages() if lang != translation.DEFAULT]


def source_messages() -> set[str]:
    """Every message the code marks today, extracted as `make messages` does (babel.cfg)."""
    method_map = [
        ("pledges/**/templates/**.html", "jinja2"),
        ("pledges/**.py", "python"),
        ("app.py", "python"),
    ]
    found = set()
    for _file, _line, message, _comments, _context in extract.extract_from_dir(
        str(ROOT),
        method_map,
        keywords={"N_": None, "NP_": (1, 2), "gettext": None, "ngettext": (1, 2)},
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def catalog(lang: str) -> pofile.Catalog:
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return pofile.read_po(handle)


def test_spanish_is_a_language_found_from_its_catalog_folder() -> None:
    assert translation.languages() == ("en", "es")
    assert translation.resolve("es-MX") == "es"
    assert translation.resolve("fr") == "en"  # no French catalog: English
    assert translation.resolve(None) == "en"


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_marked_message_has_a_translation(lang: str) -> None:
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog(lang)
        if m.id
        and (all(m.string) if isinstance(m.string, tuple) else m.string)
        and "fuzzy" not in m.flags
    }
    missing = sorted(source_messages() - translated)
    assert not missing, f"{len(missing)} messages without a {lang} translation: {missing[:10]}"


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_translations_keep_every_placeholder(lang: str) -> None:
    wrong = []
    for m in catalog(lang):
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            # A plural form may leave out {count} (Spanish "un valor"), never add or drop others.
            if set(PLACEHOLDER.findall(text)) - wanted or (wanted - {"{count}"}) - set(
                PLACEHOLDER.findall(text)
            ):
                wrong.append(ids[0])
    assert not wrong, wrong


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_compiled_catalog_is_the_po_file_compiled(lang: str) -> None:
    """The .mo files are committed (the app and tests read them with no build step): they must
    be what `make messages` compiles from today's .po."""
    compiled = io.BytesIO()
    mofile.write_mo(compiled, catalog(lang))
    committed = (LOCALES / lang / "LC_MESSAGES" / "messages.mo").read_bytes()
    assert committed == compiled.getvalue(), "run `make messages` and commit the .mo"


@pytest.mark.parametrize(
    ("value", "lang", "written"),
    [
        (40.7, "en", "40.7"),
        (40.7, "es", "40,7"),
        # 1,234.5 rounds half up to 1,235 (four significant places above 100: no decimals).
        (1234.5, "en", "1,235"),
        (1234.5, "es", "1.235"),
        (28922796, "es", "28.922.796"),
        (0.0412, "es", "0,04"),
        (-3.25, "es", "-3,3"),
        (None, "es", "–"),
    ],
    ids=[
        "en-decimal",
        "es-decimal",
        "en-thousands",
        "es-thousands",
        "es-millions",
        "es-small",
        "es-negative",
        "es-none",
    ],
)
def test_numbers_as_each_language_writes_them(value: float | None, lang: str, written: str) -> None:
    assert numbers.number(value, lang) == written


def test_percent_dates_and_exact_values_in_spanish() -> None:
    assert numbers.exact_quantity(40.7, "%", "es") == "40,7 %"
    assert numbers.percent(0.407, "es") == "41 %"  # 40.7 % rounds to 41
    assert numbers.percent(0.407, "en") == "41%"
    assert numbers.day(dt.date(2026, 12, 5), "es") == "5 de diciembre de 2026"
    assert numbers.day(dt.date(2026, 12, 5), "en") == "December 5, 2026"
    assert numbers.signed(-2.5, "es") == "-2,5"


def _assessed() -> object:
    # Values 29, 30, 32, 34, 37 for 2016-2020: x deviations -2..2, y mean 32.4, so the slope is
    # (2*3.4 + 1*2.4 + 0 + 1*1.6 + 2*4.6) / 10 = 20 / 10 = 2 points a year; the line gives
    # 32.4 + 2*2 = 36.4 in 2020 and reaches 50 at 2020 + (50 - 36.4) / 2 = 2026.8: 2027, three
    # years before 2030. From 2024 (36.4 + 8 = 44.4) the pace needed is (50 - 44.4) / 6 = 0.93.
    definition = cases.indicator(cases.TO_50)
    return cases.progress.assess(
        definition, cases.annual(cases.years(2016, 29, 30, 32, 34, 37)), cases.TODAY
    )


def test_the_engine_sentence_in_spanish_is_one_template_with_spanish_numbers() -> None:
    a = _assessed()
    es = translation.translator("es")
    assert sentence.compose(a, es) == (
        "Share: 37 % en 2020, sube 2 puntos al año. A este ritmo, el objetivo de 50 % se"
        " alcanza en 2027, 3 años antes. Evidencia moderada: 5 valores, 2016-2020. El último"
        " valor usado es de hace 4 años."
    )
    assert "0,93 puntos al año necesarios desde 2024" in sentence.reason(a, es)


def test_languages_do_not_leak_between_readers() -> None:
    """Two readers in one process, interleaved: each gets its own language (no global state)."""
    a = _assessed()
    es, en = translation.translator("es"), translation.translator("en")
    first = sentence.compose(a, es)
    english = sentence.compose(a, en)
    assert english.startswith("Share: 37 % in 2020, up 2 points a year.")
    assert sentence.compose(a, es) == first
    assert a.sentence == english  # the property keeps English, the JSON's language


def test_pseudo_locale_marks_every_catalog_message() -> None:
    text = sentence.compose(_assessed(), translation.translator(translation.PSEUDO))
    # Every word a catalog gave is accented; what is left unaccented came from data or numbers.
    unaccented = {w for w in re.findall(r"[A-Za-z]{3,}", text) if re.search(r"[aeiouy]", w)}
    assert unaccented == {"Share"}, unaccented  # the indicator's name, from its definition


def test_a_third_language_needs_only_a_catalog_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a language is extract, translate, compile: the code finds the new folder."""
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    french = pofile.Catalog(locale="fr")
    french.add("off track", "en retard")
    with (folder / "messages.mo").open("wb") as handle:
        mofile.write_mo(handle, french)
    monkeypatch.setattr(translation, "LOCALE_DIR", tmp_path)
    translation.translator.cache_clear()
    try:
        assert translation.languages() == ("en", "fr")
        assert translation.translator("fr").gettext("off track") == "en retard"
        assert translation.language_name("fr") == "Français"
    finally:
        monkeypatch.undo()
        translation.translator.cache_clear()


DEFINITION = """
city: {name: Testville, country: US}
pledge:
  id: plan
  name: {en: Green Plan, es: Plan Verde}
  source: a council minute
goals:
  - id: grid
    name: %s
    indicators:
      - {id: share, name: {en: Renewable share, es: Proporción renovable}, unit: "%%",
         direction: higher}
"""


def test_a_definition_may_name_things_in_several_languages(tmp_path: Path) -> None:
    from pledges import catalog
    from pledges.catalog import names

    (tmp_path / "testville--plan.yaml").write_text(
        DEFINITION % "{en: Clean grid, es: Red limpia}", encoding="utf-8"
    )
    pledge = catalog.load_pledges(tmp_path)[0]
    assert pledge.name == "Green Plan"  # the English name is the one stored
    assert [g.name for g in pledge.goals] == ["Clean grid"]
    spanish = names.name_translations(tmp_path, "es")
    assert spanish == {
        "Green Plan": "Plan Verde",
        "Clean grid": "Red limpia",
        "Renewable share": "Proporción renovable",
    }
    t = translation.translator("es").with_names(spanish)
    assert t.name("Clean grid") == "Red limpia"
    assert t.name("Coal share") == "Coal share"  # no Spanish given: the definition's own


def test_a_name_in_several_languages_must_give_the_english_one() -> None:
    from pledges.catalog import parse_text

    parsed, problems = parse_text(DEFINITION % "{es: Red limpia}", "testville--plan.yaml")
    assert parsed is None
    assert any("goals[0].name" in p and "give the English name under `en:`" in p for p in problems)


def test_every_los_angeles_pledge_goal_and_indicator_has_a_spanish_name() -> None:
    from pledges import catalog
    from pledges.catalog import names

    spanish = names.name_translations(settings.load().catalog_dir, "es")
    la = [
        p for p in catalog.load_pledges(settings.load().catalog_dir) if p.city.name == "Los Angeles"
    ]
    wanted = {p.name for p in la} | {g.name for p in la for g in p.goals}
    wanted |= {i.name for p in la for _, i in p.indicators()}
    assert sorted(wanted - set(spanish)) == []


def test_no_message_hides_inside_an_f_string() -> None:
    """`f"{t.gettext('x')}"` is one token to Python 3.11's extractor: its message would never
    reach the catalog (and the completeness test could not see it)."""
    hidden = re.compile(r"""\bf["'].*\{[\w.]*(gettext|N_)\(\s*['"]""")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in [ROOT / "app.py", *sorted((ROOT / "pledges").rglob("*.py"))]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if hidden.search(line)
    ]
    assert not found, found


def test_a_panel_series_of_another_construction_is_named_in_the_readers_language() -> None:
    # The name is a template with the construction kept as stored (data, never translated).
    english = "Community-wide emissions, GPC; city boundary; BASIC (self-reported to CDP)"
    spanish = translation.translator("es").name(english)
    assert (
        spanish
        == "Emisiones de toda la comunidad, GPC; city boundary; BASIC (autoinformadas a CDP)"
    )
    assert translation.ENGLISH.name(english) == english
