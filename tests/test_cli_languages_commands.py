"""The data, site and reminder commands in the reader's language: `init`, `history`, `undo`,
`export`, `publish` and `remind`, each run whole, once in the pseudo-locale through
PLEDGES_LANG (the default of every command's `--lang`) and once with `--lang es`. The other
commands are in tests/test_cli_languages.py (docs/translating.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pledges import cli, translation
from tests import test_stewardship_remind as remind
from tests.test_pages_languages import MONTHS, english_words
from tests.test_stewardship_remind import smtp  # noqa: F401 (the SMTP server fixture)

ARCHIVE = "testville.csv"
# remind's seed (renewable share 2024) with every column, so no import warning speaks (those
# are the importer's words, tested in tests/test_cli_languages.py).
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
        "undo: los valores del lote 2 fueron cambiados después por los lotes 3 y 4;"
        " deshaga primero los lotes 3 y 4\n"
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


def test_pledges_lang_is_the_default_and_lang_overrides_it(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init", "--no-seed")[0] == 0
    monkeypatch.setenv("PLEDGES_LANG", "es")
    assert run("history")[1] == "todavía no hay lotes\n"
    assert run("history", "--lang", "en")[1] == "no batches yet\n"
    monkeypatch.setenv("PLEDGES_LANG", "es-MX")  # a region of a language with a catalog
    assert run("history")[1] == "todavía no hay lotes\n"
    monkeypatch.setenv("PLEDGES_LANG", "xx")  # no catalog: English, as `?lang=xx` in the app
    assert run("history")[1] == "no batches yet\n"
