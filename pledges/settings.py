"""The one place that reads environment variables and resolves paths from the project root."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved configuration of one process."""

    database_url: str
    catalog_dir: Path
    observations_dir: Path
    credentials_file: Path
    max_upload_bytes: int
    max_upload_rows: int


def sqlite_url(path: Path) -> str:
    """An SQLAlchemy URL for a SQLite file."""
    return f"sqlite:///{path.resolve()}"


def load(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings from the environment (PLEDGES_*), with the documented defaults."""
    env = os.environ if environ is None else environ
    return Settings(
        database_url=env.get("PLEDGES_DATABASE_URL") or sqlite_url(DATA_DIR / "pledges.db"),
        catalog_dir=Path(env.get("PLEDGES_CATALOG") or DATA_DIR / "pledges"),
        observations_dir=Path(env.get("PLEDGES_OBSERVATIONS") or DATA_DIR / "observations"),
        credentials_file=Path(env.get("PLEDGES_CREDENTIALS") or DATA_DIR / "credentials.json"),
        max_upload_bytes=int(env.get("PLEDGES_MAX_UPLOAD_MB", "10")) * 1024 * 1024,
        max_upload_rows=int(env.get("PLEDGES_MAX_UPLOAD_ROWS", "200000")),
    )
