"""The command line and the briefing in Spanish and in the pseudo-locale: `status --by`, the
whole `report` (page 1 and the appendix), the import report and the reasons the engine gives
for setting a reference aside. A pseudo-locale run fails on any English word that did not come
from a catalog (docs/translating.md)."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from pledges import briefing, cli, model, progress, service, translation
from pledges.cli import cdp as cdp_command
from pledges.cli import status as status_command
from pledges.ingest.reading import mapping
from pledges.service import accounts
from tests import sample_city
from tests import test_progress_like_for_like as like_for_like
from tests.test_pages_languages import MONTHS, data_words, english_words

AS_OF = dt.date(2026, 6, 30)
PSEUDO = translation.translator(translation.PSEUDO)
SPANISH = translation.translator("es")
# English the pseudo-locale still finds in the whole briefing (none: the charts' words and
# summaries come from the catalog too). The list may only shrink: a word not in it fails.
REPORT_NOT_YET_TRANSLATED: set[str] = set()
# Words of the sample's batches: their user and file names, methods and sources (data).
BATCH_WORDS = {"tester", "first", "restated"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-languages")


@pytest.fixture(scope="module")
def database(folder: Path) -> str:
    return sample_city.build(folder)


def visible_text(document: str) -> str:
    """What a reader sees of an HTML page: no scripts, styles or tags."""
    document = re.sub(r"<(script|style)\b.*?</\1>", " ", document, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", document))


def batch_words() -> set[str]:
    """Every word the sample's two batches store (methods, sources) and who sent which file."""
    words = set(BATCH_WORDS)
    for frame in (sample_city.first_batch(), sample_city.revision_batch()):
        for column in frame.columns:
            words |= set(re.findall(r"[A-Za-z]+", " ".join(map(str, frame[column]))))
    return words


def status_lines(database: str, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code = cli.main(["--database", database, "status", "--city", "Testville", *args])
    assert code == 0
    return capsys.readouterr().out.splitlines()


def test_status_by_goal_in_spanish(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    lines = status_lines(database, capsys, "--by", "goal", "--as-of", str(AS_OF), "--lang", "es")
    # The sample's clean grid goal: one indicator with a target (renewable share, needs
    # acceleration) and one trend-only (coal share): 1 of 1 assessed, plus 1 trend only.
    assert lines[0] == "◆ necesita acelerar · evidencia débil  Testville / green-deal / clean-grid"
    assert lines[1] == "    1 de 1 indicador evaluado: 1 necesita acelerar, 1 solo tendencia"
    # The superseded plan keeps its state, in Spanish, and its stored key.
    pledges = status_lines(
        database, capsys, "--by", "pledge", "--as-of", str(AS_OF), "--lang", "es"
    )
    assert "⊘ reemplazado  Testville / old-plan" in pledges


def test_status_by_json_keeps_the_english_interface(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    english = status_lines(database, capsys, "--by", "goal", "--format", "json")
    spanish = status_lines(database, capsys, "--by", "goal", "--format", "json", "--lang", "es")
    assert spanish == english
    assert '    "status": "needs acceleration",' in spanish


@pytest.mark.parametrize("by", ["goal", "pledge"])
def test_pseudo_locale_finds_no_english_in_status_by(
    database: str, folder: Path, capsys: pytest.CaptureFixture[str], by: str
) -> None:
    items = service.assess(service.open_store(database), city="Testville")
    changes: dict[str, str] = {}
    rows = status_command.rollup_rows(items, by, changes, PSEUDO)
    status_command.print_rollups(rows, by, "text", changes, PSEUDO)
    out = capsys.readouterr().out
    assert "⟦" in out
    # The keys (city / pledge / goal) are names of the definitions, not words to translate.
    found = english_words(out) - data_words(folder)
    assert not found, f"English in status --by {by} not from a catalog: {sorted(found)}"


def test_the_whole_report_in_spanish(database: str) -> None:
    db = service.open_store(database)
    document = briefing.build_html(db, "Testville", as_of=AS_OF, lang="es").decode("utf-8")
    text = " ".join(visible_text(document).split())
    assert '<html lang="es">' in document
    assert "Anexo. Testville: informe para el Concejo" in text
    assert (
        "Testville: compromisos climáticos, informe para el Concejo al 30 de junio de 2026" in text
    )
    assert "3. Qué cambió desde el 30 de junio de 2025" in text
    # The status rules, with the thresholds as Spanish writes them (0.95 -> "0,95").
    assert "razón de ritmo >= 0,95" in text
    assert "Appendix" not in text and "Goal by goal" not in text


def test_pseudo_locale_finds_no_new_english_in_the_report(database: str, folder: Path) -> None:
    db = service.open_store(database)
    document = briefing.build_html(db, "Testville", as_of=AS_OF, lang=translation.PSEUDO)
    text = visible_text(document.decode("utf-8"))
    assert "⟦" in text
    found = english_words(text) - data_words(folder) - batch_words() - MONTHS
    new = found - REPORT_NOT_YET_TRANSLATED
    assert not new, f"English in the report not from a catalog: {sorted(new)}"
    gone = REPORT_NOT_YET_TRANSLATED - found
    assert not gone, f"now translated in the report: remove {sorted(gone)} from the list"


BAD_FILES = {
    # No city or pledge column: two missing-column errors naming what the header holds.
    "no-city.csv": "indicator,period,value,unit,source\nrenewable-share,2020,30,%,x\n",
    # A value that is no number (row 2), one with no value (row 3), extra cells (row 4).
    "cells.csv": (
        "city,pledge,indicator,period,value,unit,source\n"
        "Testville,green-deal,renewable-share,2021,lots,%,x\n"
        "Testville,green-deal,renewable-share,2022,,%,x\n"
        "Testville,green-deal,renewable-share,2023,31,%,x,9\n"
    ),
    "empty.csv": "",
    # An unknown city, an unknown indicator near a known one, and a target given as a value.
    "names.csv": (
        "city,pledge,indicator,period,value,unit,source\n"
        "Nowhere,green-deal,renewable-share,2019,30,%,x\n"
        "Testville,green-deal,renewable-shares,2019,30,%,x\n"
        "Testville,green-deal,target 2030,2019,30,%,x\n"
    ),
    # A period after today, a share over 100 %, and one key on two rows.
    "rows.csv": (
        "city,pledge,indicator,period,value,unit,source\n"
        "Testville,green-deal,renewable-share,2099,30,%,x\n"
        "Testville,green-deal,renewable-share,2019,150,%,x\n"
        "Testville,green-deal,renewable-share,2018,31,%,x\n"
        "Testville,green-deal,renewable-share,2018,32,%,x\n"
    ),
    # Periods that are no period: a word, a range read without a rule, a year out of bounds.
    "periods.csv": (
        "city,pledge,indicator,period,value,unit,source\n"
        "Testville,green-deal,renewable-share,spring,30,%,x\n"
        "Testville,green-deal,renewable-share,2013-07-01 - 2014-06-30,30,%,x\n"
        "Testville,green-deal,renewable-share,1066,30,%,x\n"
    ),
    # Units that do not convert: one that may mean two things, one unknown, one of another kind.
    "units.csv": (
        "city,pledge,indicator,period,value,unit,source\n"
        "Testville,green-deal,emissions,2017,900,tons,x\n"
        "Testville,green-deal,emissions,2018,900,zorkmids,x\n"
        "Testville,green-deal,emissions,2019,900,m,x\n"
    ),
    # A UTF-8 file (it holds "é") with one Windows-1252 byte, 0xE9, in a source cell.
    "encoding.csv": (
        b"city,pledge,indicator,period,value,unit,source\n"
        + "Testville,green-deal,renewable-share,2017,30,%,Agencé\n".encode()
        + b"Testville,green-deal,renewable-share,2018,31,%,Agenc\xe9\n"
    ),
    # Whole-file diagnoses: every row names a country; names UTF-8 saved as Windows-1252;
    # every row names a city the catalog does not hold (ten rows each: the least that speaks).
    "countries.csv": "city,pledge,indicator,period,value,unit,source\n"
    + "".join(
        f"{name},green-deal,renewable-share,2019,30,%,x\n"
        for name in ("France", "Germany", "Spain", "Italy", "Chile") * 2
    ),
    "garbled.csv": "city,pledge,indicator,period,value,unit,source\n"
    + "".join(f"MÃ¼nster {n},green-deal,renewable-share,2019,30,%,x\n" for n in range(10)),
    "nowhere.csv": "city,pledge,indicator,period,value,unit,source\n"
    + "".join(f"Nowhere {n},green-deal,renewable-share,2019,30,%,x\n" for n in range(10)),
    # A file cut off in its last row (2 of 7 cells, no line break after them).
    "cut.csv": (
        "city,pledge,indicator,period,value,unit,source\n"
        "Testville,green-deal,renewable-share,2019,30,%,x\n"
        "Testville,green-deal"
    ),
    # The mapping's own problems, its filter and its value map (by MAPPED below): a field the
    # format does not have, a constant it cannot hold, rows kept by a filter and rows skipped.
    "mapped.csv": (
        "city,pledge,series,period,value,unit,source,sector\n"
        "Testville,green-deal,Renewable,2017,30,%,x,power\n"
        "Testville,green-deal,Hydro,2018,31,%,x,power\n"
        "Testville,green-deal,Renewable,2019,31,%,x,\n"
    ),
}
MAPPED = mapping.ColumnMapping(
    columns={"indicator": "series", "colour": "sector"},
    constants={"period": "2020"},
    indicator_values={"Renewable": "renewable-share", "Hydro": ""},
    filters={"sector": ("power", "")},
)


def import_lines(database: str, folder: Path, name: str, t: translation.Translator) -> list[str]:
    path = folder / name
    content = BAD_FILES[name]
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    db = service.open_store(database)
    outcome = service.import_path(
        db,
        model.Actor("tester", "editor"),
        path,
        service.uploads.command_line_options(MAPPED if name == "mapped.csv" else None),
        dry_run=True,
    )
    return outcome.result.report.lines(name, t)


def file_words(name: str) -> set[str]:
    """The words of a file's own cells and column names: data, not words to translate."""
    content = BAD_FILES[name]
    text = content.decode("cp1252") if isinstance(content, bytes) else content
    return set(re.findall(r"[A-Za-z]+", text))


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_pseudo_locale_finds_no_english_in_the_import_report(
    database: str, folder: Path, name: str
) -> None:
    lines = import_lines(database, folder, name, PSEUDO)
    assert lines
    # `file:row:column: code: message`: the code stays English (tools read it); the message
    # is the reader's. The file's own cells and column names are data, not words to translate,
    # and so are the mapping's (its fields, and the "colour" it names); "UTF-8" and
    # "Windows-1252" are the encodings' names.
    messages = " ".join(line.split(": ", 2)[2] for line in lines)
    assert "⟦" in messages
    data = file_words(name) | data_words(folder) | set(mapping.FIELDS) | {"colour"}
    data |= {"UTF", "Windows"}
    found = english_words(messages) - data
    assert not found, f"English in the import report of {name}: {sorted(found)}"


# The codes each case added for issue 32's last round is there for (the problems worded from
# the catalog since): a case that stops giving them would check nothing.
CASES = {
    "units.csv": {"unit-unknown", "unit-incompatible"},
    "encoding.csv": {"encoding"},
    "countries.csv": {"rows-are-countries"},
    "garbled.csv": {"wrong-encoding"},
    "nowhere.csv": {"no-known-city"},
    "mapped.csv": {"bad-mapping", "filtered", "skipped-rows"},
    "cut.csv": {"cut-off-file"},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_reports_the_problem_it_is_there_for(
    database: str, folder: Path, name: str
) -> None:
    lines = import_lines(database, folder, name, PSEUDO)
    codes = {line.split(": ", 2)[1] for line in lines}
    assert CASES[name] <= codes, codes


def test_units_and_a_filter_in_spanish(database: str, folder: Path) -> None:
    units = import_lines(database, folder, "units.csv", SPANISH)
    assert units[0] == (
        "units.csv:2:unit: unit-unknown: «tons» puede ser toneladas métricas o toneladas cortas"
        " de EE. UU.: escriba t (toneladas) o short_ton; use «kt» o una unidad convertible a ella."
    )
    english = import_lines(database, folder, "units.csv", translation.ENGLISH)
    assert english[0] == (
        "units.csv:2:unit: unit-unknown: 'tons' may be metric tonnes or US short tons: write t"
        " (tonnes) or short_ton; use 'kt' or a unit convertible to it."
    )
    mapped = import_lines(database, folder, "mapped.csv", SPANISH)
    # Every row's sector is "power" or blank, so the filter keeps 3 of 3; the blank is named,
    # and the value map skips the one "Hydro" row.
    assert (
        "mapped.csv::: filtered: Se conservaron 3 de 3 filas (sector = 'power' o (en blanco))."
        in mapped
    )
    assert (
        "mapped.csv::: skipped-rows: Filas omitidas como pide la asignación de columnas:"
        " 'Hydro' (1)." in mapped
    )


def test_import_problems_in_spanish_say_where(database: str, folder: Path) -> None:
    lines = import_lines(database, folder, "no-city.csv", SPANISH)
    assert lines[0] == (
        "no-city.csv:1:city: missing-column: No hay columna «city» en el encabezado (fila 1),"
        " que tiene 'indicator', 'period', 'value', 'unit', 'source'. Cambie el nombre de una"
        " columna, o elija una (o un valor fijo) en la asignación de columnas."
    )
    english = import_lines(database, folder, "no-city.csv", translation.ENGLISH)
    assert english[0].startswith("no-city.csv:1:city: missing-column: No column 'city' in")


def test_a_reference_set_aside_is_said_in_the_readers_language() -> None:
    city_wide = like_for_like.indicator(
        (like_for_like.value(2030, 99990.0, coverage="Transport"),), "lower", unit="t"
    )
    a = progress.assess(city_wide, like_for_like.annual({2019: 3.9e6, 2020: 3.8e6}), AS_OF)
    reason = "el objetivo de 2030 cubre solo Transport; no hay ninguna serie con esa cobertura"
    assert a.set_aside[0].why.say(SPANISH).startswith(reason)
    assert reason in service.vocabulary.status_reason(a, SPANISH)
    assert a.set_aside[0].reason.startswith("the 2030 target covers Transport only")


CDP = Path(__file__).resolve().parent.parent / "data" / "sources" / "cdp"
# A CDP account whose definition the catalog refuses is reported with the catalog's own
# problems (English, from its validation): not yet through the catalog.
CDP_NOT_YET_TRANSLATED = {"definition-invalid"}


def test_pseudo_locale_finds_no_english_in_import_cdp_rows(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [(path.name, path.read_bytes()) for path in sorted(CDP.glob("*.csv"))]
    db = service.open_store(database)
    outcome = service.import_panel(db, model.Actor("tester", "editor"), files, dry_run=True)
    cdp_command.print_panel(outcome, rows=True, t=PSEUDO)
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split(": ", 2) for line in lines if re.match(r"[^:]+\.csv:\d*:", line)]
    assert len(rows) > 100
    # Each row's message; a quoted cell ('2015-16') is the file's own text, not a word of ours.
    said = [
        re.sub(r"'[^']*'", "", message)
        for _, code, message in rows
        if code not in CDP_NOT_YET_TRANSLATED
    ]
    # A repeated total names the file it was first seen in: file names are data too.
    names = {w for name, _ in files for w in re.findall(r"[A-Za-z]+", name)}
    found = english_words(" ".join(said)) - names
    assert not found, f"English in import-cdp --rows not from a catalog: {sorted(found)}"
    # The summary lines too, past their file names, layouts and row codes (English: an interface).
    summary = [line for line in lines if not re.match(r"[^:]+\.csv:\d*:", line)]
    interface = " ".join(
        " ".join([one.file_name, str(one.layout), *one.counts(), *one.flagged()])
        for one in outcome.panel.files
    )
    words = english_words(" ".join(summary)) - set(re.findall(r"[A-Za-z]+", interface))
    assert not words, f"English in import-cdp's summary not from a catalog: {sorted(words)}"


def refusals(path: Path) -> list[accounts.Refusal]:
    """Every refusal `user` and the Sign-in page can give but a lock's (a name, a password too
    short, too long or spaced, an editor twice, one who is not, the attempts left)."""
    assert accounts.add_user("alice", "x" * accounts.MIN_PASSWORD, path=path) is None
    found = [
        accounts.check_new_user("-bad", "x" * accounts.MIN_PASSWORD),
        accounts.check_new_user("bob", "short"),
        accounts.check_new_user("bob", "x" * (accounts.MAX_PASSWORD + 1)),
        accounts.check_new_user("bob", " " + "x" * accounts.MIN_PASSWORD),
        accounts.add_user("alice", "y" * accounts.MIN_PASSWORD, path=path),
        accounts.remove_user("nobody", path=path),
    ]
    return [refusal for refusal in found if refusal is not None]


def test_pseudo_locale_finds_no_english_in_the_refusals_of_user(tmp_path: Path) -> None:
    found = refusals(tmp_path / "credentials.json")
    assert [refusal.code for refusal in found] == [
        "bad-name",
        "weak-password",
        "weak-password",
        "weak-password",
        "exists",
        "unknown",
    ]
    said = " ".join(refusal.said_in(PSEUDO) for refusal in found)
    assert said.count("⟦") == len(found)
    # The names are the person's own; `--replace` is an option, typed as it is.
    words = english_words(said.replace("--replace", " ")) - {"alice", "nobody"}
    assert not words, f"English in the refusals of user: {sorted(words)}"


def test_user_refusal_in_spanish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "credentials.json"
    args = ["user", "--credentials", str(path), "--lang", "es", "remove", "nobody"]
    assert cli.main(args) == 1  # BAD_INPUT, as in English
    assert capsys.readouterr().err == "user remove: nobody no es editor.\n"
    assert accounts.remove_user("nobody", path=path) == accounts.Refusal(
        "unknown", "nobody is not an editor."
    )


def test_attempts_left_and_a_lock_in_spanish() -> None:
    # 3 attempts left of a 15-minute lock: the plural; 1 minute left of a lock: the singular.
    left = accounts.passwords.refused(
        "mismatch", accounts.passwords.ATTEMPTS_LEFT, {"minutes": 15}, 3
    )
    assert left.message == (
        "The name or the password is wrong. 3 attempts left before this name is locked here"
        " for 15 minutes."
    )
    assert left.said_in(SPANISH) == (
        "El nombre o la contraseña no son correctos. Quedan 3 intentos antes de que este nombre"
        " se bloquee aquí durante 15 minutos."
    )
    until = dt.datetime(2026, 6, 30, 14, 5, tzinfo=dt.UTC)
    now = until - dt.timedelta(seconds=30)  # 30 s, rounded up to 1 minute
    assert accounts.passwords.throttle.minutes_left(until, now) == 1
    lock = accounts.passwords.refused(
        "locked", accounts.passwords.throttle.LOCKED, {"until": "14:05"}, 1, until
    )
    assert lock.said_in(SPANISH).startswith(
        "Demasiados intentos fallidos desde esta dirección: este nombre está bloqueado aquí hasta"
        " las 14:05 UTC (alrededor de 1 minuto)."
    )
