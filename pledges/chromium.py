"""Debian's headless chromium: where it is and the flags it needs on a machine with no network."""

from __future__ import annotations

EXECUTABLE = "/usr/bin/chromium"
# Without the networking flags chromium keeps trying hosts this machine cannot reach.
HEADLESS_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
