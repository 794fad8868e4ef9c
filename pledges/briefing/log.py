"""A record of the briefings made, so the next one can say what changed since the last."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlalchemy as sa

from pledges import settings

LOG_NAME = "briefings.json"


def default_path(url: str) -> Path:
    """Where briefings are recorded: beside a SQLite file, else in the data folder."""
    parsed = sa.engine.make_url(url)
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        return Path(parsed.database).resolve().parent / LOG_NAME
    return settings.DATA_DIR / LOG_NAME


def previous(path: Path, city: str, pledge: str | None, before: dt.date) -> dt.date | None:
    """The as-of date of the latest recorded briefing of the same scope before `before`."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    dates = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        if entry.get("city") != city or entry.get("pledge") != pledge:
            continue
        try:
            when = dt.date.fromisoformat(str(entry.get("as_of")))
        except ValueError:
            continue
        if when < before:
            dates.append(when)
    return max(dates, default=None)


def record(path: Path, city: str, pledge: str | None, as_of: dt.date, out: str) -> None:
    """Append one briefing to the record (a broken record file is started afresh)."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(entries, list):
            entries = []
    except (OSError, ValueError):
        entries = []
    entries.append(
        {
            "city": city,
            "pledge": pledge,
            "as_of": as_of.isoformat(),
            "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "out": out,
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
