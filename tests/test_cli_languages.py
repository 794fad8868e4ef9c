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
from tests import sample_city
from tests import test_progress_like_for_like as like_for_like
from tests import test_stewardship_remind as remind
from tests.test_pages_languages import MONTHS, data_words, english_words
from tests.test_stewardship_remind import smtp  # noqa: F401 (the SMTP server fixture)

AS_OF = dt.date(2026, 6, 30)
PSEUDO = translation.translator(translation.PSEUDO)
SPANISH = translation.translator("es")
# English the pseudo-locale still finds in the whole briefing: the charts' own words and
# summaries (`views.charts`, still English on every page; docs/translating.md). The list may
# only shrink: a word not in it fails, and so does one gone.
REPORT_NOT_YET_TRANSLATED = {
    "Baseline",
    "Targets",
    "The",
    "annual",
    "band",
    "broken",
    "changes",
    "current",
    "dashed",
    "from",
    "into",
    "line",
    "method",
    "milestones",
    "parts",
    "path",
    "required",
    "shows",
    "the",
    "through",
    "trend",
    "values",
    "where",
    "would",
}
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
}


def import_lines(database: str, folder: Path, name: str, t: translation.Translator) -> list[str]:
    path = folder / name
    path.write_text(BAD_FILES[name], encoding="utf-8")
    db = service.open_store(database)
    outcome = service.import_path(
        db,
        model.Actor("tester", "editor"),
        path,
        service.uploads.command_line_options(None),
        dry_run=True,
    )
    return outcome.result.report.lines(name, t)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_pseudo_locale_finds_no_english_in_the_import_report(
    database: str, folder: Path, name: str
) -> None:
    lines = import_lines(database, folder, name, PSEUDO)
    assert lines
    # `file:row:column: code: message`: the code stays English (tools read it); the message
    # is the reader's. The file's own cells and column names are data, not words to translate.
    messages = " ".join(line.split(": ", 2)[2] for line in lines)
    assert "⟦" in messages
    data = set(re.findall(r"[A-Za-z]+", BAD_FILES[name])) | data_words(folder)
    found = english_words(messages) - data
    assert not found, f"English in the import report of {name}: {sorted(found)}"


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


# The data, site and reminder commands (`init`, `history`, `undo`, `export`, `publish`,
# `remind`), each run whole: once in the pseudo-locale through PLEDGES_LANG (the default of
# every command's `--lang`), once with `--lang es`.
ARCHIVE = "testville.csv"
# remind's seed (renewable share 2024) with every column, so no import warning speaks (those
# are the importer's words, tested above).
SEED = remind.SEED.replace("source\n", "source,note,method\n").replace(
    "synthetic\n", "synthetic,,\n"
)
# The SMTP server's own words in a refused send (`FAILED ...: SMTPRecipientsRefused: {...}`).
SERVER_WORDS = {"SMTPRecipientsRefused", "mailbox", "unavailable"}


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`python -m pledges ...` on a fresh database of the stewarded Testville, whose seed
    folder holds one file (renewable share 2024); returns (code, stdout, stderr)."""
    folder, seeds, panel = tmp_path / "defs", tmp_path / "seeds", tmp_path / "panel"
    for made in (folder, seeds, panel):
        made.mkdir()
    (folder / "testville--green-deal.yaml").write_text(remind.STEWARDED, encoding="utf-8")
    (seeds / ARCHIVE).write_text(SEED, encoding="utf-8")
    for name, value in {
        "PLEDGES_OBSERVATIONS": seeds,
        "PLEDGES_PANEL": panel,
        "PLEDGES_TARGET_HISTORY": tmp_path / "no-history",
        "PLEDGES_PUBLIC_URL": "https://pledges.example.org",
        "PLEDGES_MAIL_FROM": "tracker@example.org",
    }.items():
        monkeypatch.setenv(name, str(value))
    monkeypatch.delenv("PLEDGES_SITE_URL", raising=False)
    monkeypatch.delenv("PLEDGES_LANG", raising=False)
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(["--database", url, "--catalog", str(folder), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


def pseudo_only(text: str, *data: str) -> set[str]:
    """The English words of a command's output that no catalog gave: addresses, paths and
    e-mail headers' names are typed as they are; the definitions' and seed's words are data."""
    assert "⟦" in text
    text = re.sub(r"^(To|From|Subject):", " ", text, flags=re.M)
    text = re.sub(r"\S+@\S+|\S*/\S*", " ", text)
    own = " ".join((remind.STEWARDED, SEED, ARCHIVE, *data))
    return english_words(text) - set(re.findall(r"[A-Za-z]+", own)) - MONTHS


def pseudo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLEDGES_LANG", translation.PSEUDO)


def test_init_in_the_pseudo_locale_and_in_spanish(run, monkeypatch: pytest.MonkeyPatch) -> None:
    pseudo(monkeypatch)
    code, out, err = run("init")
    assert code == 0 and not err
    again = run("init")[1]
    found = pseudo_only(out + again)
    assert not found, f"English in init not from a catalog: {sorted(found)}"
    monkeypatch.delenv("PLEDGES_LANG")
    # A second run changes nothing: no definition added or changed, no target opened or closed,
    # and the seed file (already batch 1) adds nothing.
    lines = run("init", "--lang", "es")[1].splitlines()
    assert lines[0] == "definiciones: 0 añadidas, 0 cambiadas, 0 objetivos abiertos, 0 cerrados"
    assert run("init")[1].startswith("definitions: 0 added, 0 changed, 0 targets opened")


def test_history_in_the_pseudo_locale_and_in_spanish(run, monkeypatch: pytest.MonkeyPatch) -> None:
    pseudo(monkeypatch)
    assert run("init", "--no-seed")[0] == 0
    empty = run("history")[1]
    assert run("init")[0] == 0
    assert run("undo", "1", "--user", "tester")[0] == 0
    listed = run("history")[1]
    # Who stored each batch and its file's name are data: the undo's is stored as its store
    # writes it ("undo of batch 1").
    found = pseudo_only(empty + listed, "seed tester undo of batch")
    assert not found, f"English in history not from a catalog: {sorted(found)}"
    monkeypatch.delenv("PLEDGES_LANG")
    # Newest first: batch 2 undid batch 1, which had added the seed's one row and is undone.
    lines = run("history", "--lang", "es")[1].splitlines()
    assert re.fullmatch(
        r"\s+2  \S+ \S+  tester\s+deshacer\s+\+0 ~0 =0 -1  undo of batch 1", lines[0]
    )
    assert re.fullmatch(r"\s+1  \S+ \S+  seed\s+deshecho\s+\+1 ~0 =0 -0  testville.csv", lines[1])
    assert '"status": "undone"' in run("history", "--format", "json", "--lang", "es")[1]


def test_undo_in_the_pseudo_locale_and_in_spanish(run, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("init")[0] == 0
    pseudo(monkeypatch)
    done = run("undo", "1")
    again = run("undo", "1")
    missing = run("undo", "99")
    assert (done[0], again[0], missing[0]) == (0, 1, 1)
    found = pseudo_only(done[1] + again[2] + missing[2])
    assert not found, f"English in undo not from a catalog: {sorted(found)}"
    monkeypatch.delenv("PLEDGES_LANG")
    # Batch 1 added one row (the seed's), so its undo, batch 2, removes 1 and restores 0.
    assert run("undo", "1", "--lang", "es")[2] == (
        "undo: el lote 1 ya fue deshecho por el lote 2\n"
    )
    assert run("undo", "99")[2] == "undo: there is no batch 99\n"


def test_undo_names_every_later_batch_as_the_language_lists_them(run, tmp_path: Path) -> None:
    assert run("init")[0] == 0
    header = "city,pledge,indicator,period,value,unit,source\n"
    rows = {
        "a.csv": ((2022, 30), (2023, 31)),  # batch 2: two new values
        "b.csv": ((2022, 32),),  # batch 3 changes the first
        "c.csv": ((2023, 33),),  # batch 4 the second
    }
    for name, values in rows.items():
        lines = "".join(
            f"Testville,green-deal,renewable-share,{year},{value},%,synthetic\n"
            for year, value in values
        )
        (tmp_path / name).write_text(header + lines, encoding="utf-8")
        assert run("import", str(tmp_path / name))[0] == 0
    # So batch 2 waits for both.
    assert run("undo", "2", "--lang", "es")[2] == (
        "undo: valores del lote 2 fueron cambiados después por los lotes 3 y 4;"
        " deshaga primero los 3 y 4\n"
    )
    assert run("undo", "2")[2] == (
        "undo: values of batch 2 were changed later by batches 3 and 4; undo 3 and 4 first\n"
    )


def test_export_in_the_pseudo_locale_and_in_spanish(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run("init")[0] == 0
    pseudo(monkeypatch)
    code, _, err = run("export", "--out", str(tmp_path / "pseudo.csv"))
    assert code == 0
    found = pseudo_only(err)
    assert not found, f"English in export not from a catalog: {sorted(found)}"
    monkeypatch.delenv("PLEDGES_LANG")
    out = tmp_path / "es.csv"
    assert run("export", "--out", str(out), "--lang", "es")[2] == f"escrito {out}\n"
    # The CSV is the interface: the same bytes whatever the language.
    assert out.read_bytes() == (tmp_path / "pseudo.csv").read_bytes()


def test_publish_in_the_pseudo_locale_and_in_spanish(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run("init")[0] == 0
    pseudo(monkeypatch)
    code, out, err = run("publish", "--out", str(tmp_path / "p"), "--as-of", "2026-06-30")
    assert code == 0
    found = pseudo_only(out + err, "--base-url", "PLEDGES_SITE_URL")
    assert not found, f"English in publish not from a catalog: {sorted(found)}"
    assert run("publish", "--out", "x", "--city", "Nowhere")[2].startswith("⟦")
    monkeypatch.delenv("PLEDGES_LANG")
    site = tmp_path / "es"
    code, out, err = run("publish", "--out", str(site), "--as-of", "2026-06-30", "--lang", "es")
    assert err.startswith("publish: sin fragmentos para insertar: su dirección debe ser absoluta")
    written = site / "as-of" / "2026-06-30"
    said = re.fullmatch(
        rf"publicados (\d+) archivos \(\d+ páginas, [\d.]+ bytes\) en {re.escape(str(written))}"
        r" al 2026-06-30: (\d+) escritos, 0 sin cambios, \d+,\d s \(páginas en es\)\n",
        out,
    )
    assert said is not None, out
    # Every file the line counts is on the disk, and a first run wrote each of them.
    on_disk = sum(1 for path in written.rglob("*") if path.is_file())
    assert int(said[1]) == int(said[2]) == on_disk


def test_remind_in_the_pseudo_locale_and_in_spanish(
    run,
    monkeypatch: pytest.MonkeyPatch,
    smtp: tuple[remind.Recorder, int],  # noqa: F811
) -> None:
    assert run("init")[0] == 0
    handler, port = smtp
    monkeypatch.setenv("PLEDGES_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PLEDGES_SMTP_PORT", str(port))
    handler.refuse.add("b@example.org")
    pseudo(monkeypatch)
    day = ("--as-of", "2026-04-02")
    dry = run("remind", "--dry-run", *day)
    sent = run("remind", *day)  # Ana's is sent; the Climate team's refused, so retried
    again = run("remind", *day)  # Ana's already sent today
    assert (dry[0], sent[0], again[0]) == (0, 1, 1)
    text = dry[1] + sent[1] + sent[2] + again[1]
    mailed = [msg.get_body(("plain",)).get_content() for _, msg in handler.received]
    found = pseudo_only(text + " ".join(mailed), *SERVER_WORDS)
    assert not found, f"English in remind not from a catalog: {sorted(found)}"
    monkeypatch.delenv("PLEDGES_LANG")
    out = run("remind", "--dry-run", *day, "--lang", "es")[1]
    # 2024 is Ana's latest value; 2025's was due 31 March 2026, 2 days before 2 April.
    assert (
        "- Renewable share — Testville Green Deal: nada desde 2024; el valor de 2025 vencía el"
        " 31 de marzo de 2026, hace 2 días"
    ) in out
    assert "Subject: Pledge Tracker: datos de Testville por enviar (1 atrasado)" in out
    assert out.rstrip().endswith(
        "se enviarían 2 recordatorios (simulación: nada enviado ni registrado)"
    )
