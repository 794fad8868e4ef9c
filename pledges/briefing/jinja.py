"""The briefing's one Jinja environment: templates beside this file, every value autoescaped."""

from __future__ import annotations

from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).parent / "templates"

env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def css(name: str) -> str:
    """One of the briefing's style sheets, as text."""
    return (TEMPLATES / name).read_text(encoding="utf-8")
