"""The briefing's HTML printed to PDF by headless Debian Chromium (no download, no network)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pledges import chromium, errors

CHROMIUM = chromium.EXECUTABLE
TIMEOUT_SECONDS = 180
FLAGS = (
    *chromium.HEADLESS_ARGS,
    "--disable-extensions",
    "--disable-sync",
    "--no-default-browser-check",
    "--mute-audio",
    "--no-pdf-header-footer",
    "--generate-pdf-document-outline",
    # Give plotly's inline scripts time to draw every chart before the page is printed.
    "--virtual-time-budget=15000",
)
# Chromium stamps the moment of printing; the stamp is set to the day reported on, digit for
# digit (the file's byte offsets stay put), so one briefing always prints to the same bytes.
PRINT_DATES = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}")


def browser() -> str:
    """The Chromium executable to print with."""
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if found is None:
        raise errors.PdfError(
            "chromium is not installed (apt-get install chromium); HTML still works"
        )
    return found


def dated(data: bytes, day: dt.date) -> bytes:
    """The PDF with its creation and modification dates set to midnight of `day`."""
    digits = f"{day:%Y%m%d}000000".encode()
    return PRINT_DATES.sub(lambda m: m.group(1) + digits, data)


def render(page: str, day: dt.date | None = None) -> bytes:
    """Print one HTML document to PDF; paper size and page numbers come from its @page CSS.

    With `day` (the as-of date) the PDF is dated that day, so the same page prints the same bytes.
    """
    with tempfile.TemporaryDirectory(prefix="pledges-briefing-") as folder:
        work = Path(folder)
        source, target = work / "briefing.html", work / "briefing.pdf"
        source.write_text(page, encoding="utf-8")
        command = [
            browser(),
            *FLAGS,
            f"--user-data-dir={work / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise errors.PdfError(
                f"chromium did not finish printing in {TIMEOUT_SECONDS} s"
            ) from exc
        if not target.exists() or target.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace")[-800:]
            raise errors.PdfError(f"chromium printed no PDF (exit {done.returncode}): {tail}")
        data = target.read_bytes()
        return data if day is None else dated(data, day)
