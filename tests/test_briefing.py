"""The council briefing: PDF pages and text, a self-contained HTML page, as-of and changes."""

from __future__ import annotations

import datetime as dt
import html.parser
import re
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from pledges import briefing, catalog, cli, store
from pledges.briefing import content
from pledges.store import schema
from tests import conftest

FIRST_COMMIT = dt.datetime(2024, 1, 10, 12)
TARGET_CHANGE = dt.datetime(2025, 2, 1, 9)
SECOND_COMMIT = dt.datetime(2025, 3, 1, 12)
BEFORE = dt.date(2024, 6, 1)  # after the first batch, before the revision
AFTER = dt.date(2025, 6, 1)
FIRST_ROWS = [
    ("renewable-share", 2015, 20),
    ("renewable-share", 2016, 22),
    ("renewable-share", 2017, 24),
    ("renewable-share", 2018, 26),
    ("renewable-share", 2019, 28),
    ("renewable-share", 2020, 30),
    ("emissions", 2016, 900),
    ("emissions", 2018, 880),
    ("emissions", 2020, 870),
]
SECTIONS = ("2. Goal by goal", "3. What changed since", "4. Data gaps", "5. Sources and method")


def backdate(db: store.Store, batch_id: int, when: dt.datetime) -> None:
    """Move a batch into the past, as if it had been imported then."""
    table = schema.BatchRow.__table__
    with db.engine.begin() as conn:
        conn.execute(sa.update(table).where(table.c.id == batch_id).values(committed_at=when))


def make_store(folder: Path, definition: str) -> tuple[store.Store, Path]:
    """A file database holding one definition, loaded in 2020."""
    pledges_dir = folder / "pledges"
    pledges_dir.mkdir()
    (pledges_dir / "testville--green-deal.yaml").write_text(definition, encoding="utf-8")
    db = store.Store.open(f"sqlite:///{folder / 'test.db'}")
    db.migrate()
    db.sync_catalog(catalog.load_pledges(pledges_dir), now=dt.datetime(2020, 1, 1))
    return db, pledges_dir


@pytest.fixture(scope="module")
def history_db(tmp_path_factory: pytest.TempPathFactory) -> store.Store:
    """Testville with two batches a year apart (the second revises 2020) and a changed target."""
    db, pledges_dir = make_store(tmp_path_factory.mktemp("history"), conftest.SMALL_PLEDGE)
    first = db.commit(conftest.long_frame(FIRST_ROWS), "alice", "first.csv", "a" * 64)
    backdate(db, first.id, FIRST_COMMIT)
    changed = conftest.SMALL_PLEDGE.replace("{year: 2030, value: 60", "{year: 2030, value: 65")
    (pledges_dir / "testville--green-deal.yaml").write_text(changed, encoding="utf-8")
    db.sync_catalog(catalog.load_pledges(pledges_dir), now=TARGET_CHANGE)
    second = db.commit(
        conftest.long_frame([("renewable-share", 2020, 33), ("renewable-share", 2021, 36)]),
        "bob",
        "second.csv",
        "b" * 64,
    )
    backdate(db, second.id, SECOND_COMMIT)
    return db


@pytest.fixture(scope="module")
def pdf_file(history_db: store.Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one PDF this module renders: Testville as of after the revision."""
    path = tmp_path_factory.mktemp("pdf") / "briefing.pdf"
    path.write_bytes(briefing.build_pdf(history_db, "Testville", as_of=AFTER, since=BEFORE))
    return path


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = [] if page is None else ["-f", str(page), "-l", str(page)]
    done = subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def pdf_info(path: Path) -> dict[str, str]:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in done.stdout.splitlines())
    )


def test_pdf_has_a_page_per_section_with_numbers_and_selectable_text(pdf_file: Path) -> None:
    info = pdf_info(pdf_file)
    pages = int(info["Pages"])
    assert pages >= 1 + len(SECTIONS)
    assert "A4" in info["Page size"]
    assert info["Tagged"] == "yes"
    firsts = [pdf_text(pdf_file, n).strip().splitlines()[0].strip() for n in range(1, pages + 1)]
    assert firsts[0] == "Testville: Testville Green Deal, council briefing"  # the one-pager
    assert firsts[1] == "Appendix. Testville: council briefing"
    for heading in SECTIONS:
        assert any(line.startswith(heading) for line in firsts), (heading, firsts)
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in pdf_text(pdf_file, n)


def test_pdf_text_names_every_goal_and_status(pdf_file: Path, history_db: store.Store) -> None:
    text = " ".join(pdf_text(pdf_file).split())
    gathered = content.gather(history_db, "Testville", as_of=AFTER, since=BEFORE)
    words = {g.rollup.status for p in gathered.pledges for g in p.goals}
    words |= {i.assessment.status for p in gathered.pledges for g in p.goals for i in g.items}
    assert words and None not in words
    for section in gathered.pledges:
        assert section.pledge.name in text
        for goal in section.goals:
            assert goal.goal.name in text
    for word in words:
        assert word in text
    assert "33 %" in text and "30 %" in text  # the revision, old -> new


class Links(html.parser.HTMLParser):
    """Every src and href of a script, style, link, image or frame, and inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.urls.append((tag, value))
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self.inline_scripts += 1


def test_html_is_self_contained(history_db: store.Store) -> None:
    page = briefing.build_html(history_db, "Testville", as_of=AFTER).decode("utf-8")
    links = Links()
    links.feed(page)
    external = [
        (tag, url)
        for tag, url in links.urls
        if tag in ("script", "link", "style", "img", "iframe")
        and re.match(r"^([a-z][a-z0-9+.-]*:|//)", url, re.IGNORECASE)
    ]
    assert external == []
    assert "<link" not in page
    assert links.inline_scripts >= 2  # plotly.js itself and at least one chart
    assert "Plotly.newPlot" in page


def test_definition_text_is_escaped(tmp_path: Path) -> None:
    evil = conftest.SMALL_PLEDGE.replace(
        "name: Clean grid", 'name: "Clean <script>alert(1)</script> grid"'
    )
    db, _ = make_store(tmp_path, evil)
    page = briefing.build_html(db, "Testville").decode("utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "Clean &lt;script&gt;alert(1)&lt;/script&gt; grid" in page


def test_as_of_before_a_revision_shows_the_old_value(history_db: store.Store) -> None:
    before = content.gather(history_db, "Testville", as_of=BEFORE)
    share = next(
        i
        for p in before.pledges
        for g in p.goals
        for i in g.items
        if i.indicator.key == "renewable-share"
    )
    assert (share.assessment.latest_year, share.assessment.latest_value) == (2020, 30.0)
    assert [t.value for t in share.indicator.targets] == [60.0, 100.0]
    assert before.changes.revisions == ()
    page = briefing.build_html(history_db, "Testville", as_of=BEFORE).decode("utf-8")
    assert "Renewable share: 30 % in 2020" in page


def test_since_section_lists_the_revision_and_the_target_change(
    history_db: store.Store,
) -> None:
    after = content.gather(history_db, "Testville", as_of=AFTER, since=BEFORE)
    revisions = [
        (r.indicator, r.period.year, r.old, r.new, r.batch_file, r.batch_user)
        for r in after.changes.revisions
    ]
    assert revisions == [("Renewable share", 2020, 30.0, 33.0, "second.csv", "bob")]
    assert [(n.indicator, n.count) for n in after.changes.new_values] == [("Renewable share", 1)]
    assert [(t.indicator, t.year, t.kind) for t in after.changes.targets] == [
        ("Renewable share", 2030, "changed")
    ]
    page = briefing.build_html(history_db, "Testville", as_of=AFTER, since=BEFORE).decode()
    changes = page[page.index('id="changes"') : page.index('id="gaps"')]
    assert "30 %" in changes and "33 %" in changes and "second.csv" in changes
    assert "60 %" in changes and "65 %" in changes


def test_a_city_with_no_data_makes_a_short_honest_briefing(db: store.Store) -> None:
    gathered = content.gather(db, "Testville")
    assert gathered.empty
    assert {g.problem for g in gathered.gaps} == {"no values yet"}
    assert len(gathered.gaps) == 2
    page = briefing.build_html(db, "Testville").decode("utf-8")
    assert "No values are stored yet" in page
    assert "Plotly.newPlot" not in page  # no empty charts, and no 4 MB of plotly.js
    assert len(page) < 60_000
    assert "Nothing changed" in page


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--city", "Nowhere", "--out", "x.html"], cli.BAD_INPUT, "unknown city"),
        (
            ["--city", "Testville", "--pledge", "nope", "--out", "x.html"],
            cli.BAD_INPUT,
            "unknown pledge",
        ),
        (["--city", "Testville", "--out", "x.docx"], cli.USAGE, "must end in .pdf or .html"),
        (
            [
                "--city",
                "Testville",
                "--as-of",
                "2024-01-01",
                "--since",
                "2024-02-01",
                "--out",
                "x.html",
            ],
            cli.USAGE,
            "--since must be before",
        ),
    ],
    ids=["unknown-city", "unknown-pledge", "bad-suffix", "since-after-as-of"],
)
def test_report_refuses_bad_arguments(
    db: store.Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], args, code, message
) -> None:
    url = str(db.engine.url)
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert cli.main(["--database", url, "report", *args]) == code
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_report_records_each_briefing_and_the_next_starts_from_it(
    history_db: store.Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = str(history_db.engine.url)
    first = ["--database", url, "report", "--city", "Testville"]
    assert cli.main([*first, "--as-of", "2024-06-01", "--out", str(tmp_path / "a.html")]) == 0
    assert history_db.previous_briefing("Testville", None, AFTER) == BEFORE
    assert cli.main([*first, "--as-of", "2025-06-01", "--out", str(tmp_path / "b.html")]) == 0
    assert "changes since 2024-06-01 (the previous briefing)" in capsys.readouterr().err
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "What changed since 01 June 2024" in page
    assert "second.csv" in page


def test_letter_paper_sets_the_page_size(db: store.Store) -> None:
    assert "size: letter" in briefing.build_html(db, "Testville", paper="letter").decode()
    assert "size: A4" in briefing.build_html(db, "Testville").decode()


def test_briefing_page_offers_both_downloads(
    db: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PLEDGES_DATABASE_URL", db.engine.url.render_as_string(False))
    printed: list[bytes] = []
    # The module's one real PDF render is `pdf_file`; here the page's wiring is what is tested:
    # the PDF is printed from the HTML already gathered, not gathered a second time.
    monkeypatch.setattr(
        briefing, "print_html", lambda document, as_of=None: printed.append(document) or b"%PDF-1.7"
    )
    page = Path(__file__).resolve().parent.parent / "pledges" / "web" / "pages" / "briefing.py"
    app = AppTest.from_file(str(page), default_timeout=30).run()
    assert not app.exception
    assert app.get("download_button") == []
    prepare_button(app).click().run()
    assert not app.exception
    assert len(printed) == 1 and b"Testville" in printed[0]
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == ["Download HTML", "Download PDF"]


def prepare_button(at: object) -> object:
    """The Briefing page's "Prepare the briefing" (the one-pager's button stands above it)."""
    return next(b for b in at.button if b.label == "Prepare the briefing")  # type: ignore[attr-defined]
