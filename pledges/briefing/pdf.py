"""The briefing's HTML printed to PDF by headless Debian Chromium (no download, no network)."""

from __future__ import annotations

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


def browser() -> str:
    """The Chromium executable to print with."""
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if found is None:
        raise errors.PdfError(
            "chromium is not installed (apt-get install chromium); HTML still works"
        )
    return found


def render(page: str) -> bytes:
    """Print one HTML document to PDF; paper size and page numbers come from its @page CSS."""
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
        return target.read_bytes()
