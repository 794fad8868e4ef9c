"""The council briefing: one self-contained HTML page, or the same printed to PDF.

`build_html(db, city, pledge, as_of, since)` and `build_pdf(...)` are what the app's download
button and `python -m pledges report` call.
"""

from __future__ import annotations

import datetime as dt

from pledges import errors, service
from pledges.briefing import content, pdf
from pledges.views.council import one_pager

Briefing = content.Briefing
PdfError = errors.PdfError
gather = content.gather


def build_html(
    db: service.Store,
    city: str,
    pledge: str | None = None,
    as_of: dt.date | None = None,
    since: dt.date | None = None,
    paper: str = "a4",
    previous: dt.date | None = None,
    summary_only: bool = False,
    lang: str = "en",
) -> bytes:
    """The briefing as one self-contained HTML document (UTF-8 bytes)."""
    # Imported here: plotly costs a second, which every other CLI command would pay.
    from pledges.briefing import html as page

    briefing = content.gather(db, city, pledge, as_of, since, previous, lang)
    return page.render(briefing, paper, summary_only).encode("utf-8")


def build_pdf(
    db: service.Store,
    city: str,
    pledge: str | None = None,
    as_of: dt.date | None = None,
    since: dt.date | None = None,
    paper: str = "a4",
    previous: dt.date | None = None,
    summary_only: bool = False,
    lang: str = "en",
) -> bytes:
    """The same briefing printed to PDF by headless Chromium (raises PdfError without it)."""
    as_of = as_of or service.today(db)
    document = build_html(db, city, pledge, as_of, since, paper, previous, summary_only, lang)
    return print_html(document, as_of)


def print_html(document: bytes, as_of: dt.date | None = None) -> bytes:
    """Print an HTML briefing made by `build_html` to PDF, without gathering it again (dated
    `as_of`, so the same briefing is the same bytes)."""
    return pdf.render(document.decode("utf-8"), as_of)


def one_pager_pdf(
    db: service.Store, city: str, as_of: dt.date, paper: str | None = None, lang: str = "en"
) -> bytes:
    """Page 1 alone, byte for byte what `python -m pledges report --summary-only` writes for the
    city as of that day (changes since the previous briefing, the country's paper)."""
    country = next((c.country for c in db.cities() if c.name == city), None)
    paper = paper or one_pager.paper_for(country)
    previous = db.previous_briefing(city, None, as_of)
    return build_pdf(db, city, None, as_of, None, paper, previous, summary_only=True, lang=lang)


__all__ = [
    "Briefing",
    "PdfError",
    "build_html",
    "build_pdf",
    "gather",
    "one_pager_pdf",
    "print_html",
]
