"""The one place that reads environment variables and resolves paths from the project root."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
MEGABYTE = 1024 * 1024
# The web upload's limits (a shared server's); the command line and `init` have none.
WEB_UPLOAD_MEGABYTES = 10
WEB_UPLOAD_ROWS = 200_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved configuration of one process."""

    database_url: str
    catalog_dir: Path
    observations_dir: Path
    credentials_file: Path
    max_upload_bytes: int
    max_upload_rows: int
    presets_dir: Path = DATA_DIR / "presets"
    panel_dir: Path = DATA_DIR / "sources" / "cdp"
    auth_mode: str = "auto"
    editor_emails: tuple[str, ...] = ()
    editor_emails_file: Path = DATA_DIR / "editors.txt"
    oidc_trust_missing_verified: bool = False
    lockout_attempts: int = 5
    lockout_minutes: int = 15
    session_hours: int = 12
    proxy_hops: int = 0
    viewer_prints_per_hour: int = 5
    viewer_prints_total_per_hour: int = 30
    print_queue: int = 4
    session_secret: str | None = None
    due_soon_days: int = 30
    public_url: str = "http://localhost:8501"
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    mail_from: str = "pledge-tracker@localhost"
    site_url: str | None = None
    target_approvals: int = 1
    target_history_dir: Path = DATA_DIR / "target-changes"
    language: str = "en"


def _flag(text: str | None) -> bool:
    """An environment switch: 1, true, yes and on mean yes."""
    return (text or "").strip().lower() in ("1", "true", "yes", "on")


def sqlite_url(path: Path) -> str:
    """An SQLAlchemy URL for a SQLite file."""
    return f"sqlite:///{path.resolve()}"


def language(environ: dict[str, str] | None = None) -> str:
    """The command line's language when `--lang` is not given (PLEDGES_LANG; an unknown one
    reads English), read alone so that a bad other setting never stops `--help`."""
    env = os.environ if environ is None else environ
    return (env.get("PLEDGES_LANG") or "en").strip()


def load(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings from the environment (PLEDGES_*), with the documented defaults."""
    env = os.environ if environ is None else environ
    return Settings(
        database_url=env.get("PLEDGES_DATABASE_URL") or sqlite_url(DATA_DIR / "pledges.db"),
        catalog_dir=Path(env.get("PLEDGES_CATALOG") or DATA_DIR / "pledges"),
        observations_dir=Path(env.get("PLEDGES_OBSERVATIONS") or DATA_DIR / "observations"),
        credentials_file=Path(env.get("PLEDGES_CREDENTIALS") or DATA_DIR / "credentials.json"),
        max_upload_bytes=int(env.get("PLEDGES_MAX_UPLOAD_MB", WEB_UPLOAD_MEGABYTES)) * MEGABYTE,
        max_upload_rows=int(env.get("PLEDGES_MAX_UPLOAD_ROWS", WEB_UPLOAD_ROWS)),
        presets_dir=Path(env.get("PLEDGES_PRESETS") or DATA_DIR / "presets"),
        panel_dir=Path(env.get("PLEDGES_PANEL") or DATA_DIR / "sources" / "cdp"),
        # auto: OpenID Connect when .streamlit/secrets.toml has an [auth] section, else passwords
        auth_mode=(env.get("PLEDGES_AUTH") or "auto").strip().lower(),
        editor_emails=tuple(
            e.strip() for e in env.get("PLEDGES_EDITOR_EMAILS", "").split(",") if e.strip()
        ),
        editor_emails_file=Path(env.get("PLEDGES_EDITOR_EMAILS_FILE") or DATA_DIR / "editors.txt"),
        # Only for a provider that verifies every address and leaves the claim out.
        oidc_trust_missing_verified=_flag(env.get("PLEDGES_OIDC_TRUST_MISSING_VERIFIED")),
        lockout_attempts=int(env.get("PLEDGES_LOCKOUT_ATTEMPTS", "5")),
        lockout_minutes=int(env.get("PLEDGES_LOCKOUT_MINUTES", "15")),
        session_hours=int(env.get("PLEDGES_SESSION_HOURS", "12")),
        # reverse proxies in front of the app whose X-Forwarded-For entries are believed
        proxy_hops=int(env.get("PLEDGES_PROXY_HOPS") or "0"),
        # new briefing PDFs readers who are not signed in may print an hour, from one client
        # address and all together (per app process); editors count against neither
        viewer_prints_per_hour=int(env.get("PLEDGES_VIEWER_PRINTS_PER_HOUR") or "5"),
        viewer_prints_total_per_hour=int(env.get("PLEDGES_VIEWER_PRINTS_TOTAL_PER_HOUR") or "30"),
        # readers' prints that may wait for the printer at once (editors' go first)
        print_queue=int(env.get("PLEDGES_PRINT_QUEUE") or "4"),
        # signs the "stay signed in" cookie; unset: a random one kept beside the credentials
        session_secret=env.get("PLEDGES_SESSION_SECRET") or None,
        # a value is "due soon" this many days before its due day
        due_soon_days=int(env.get("PLEDGES_DUE_SOON_DAYS", "30")),
        # where owners open the app: reminders link to its Upload page
        public_url=(env.get("PLEDGES_PUBLIC_URL") or "http://localhost:8501").rstrip("/"),
        smtp_host=env.get("PLEDGES_SMTP_HOST") or "localhost",
        smtp_port=int(env.get("PLEDGES_SMTP_PORT") or "25"),
        smtp_user=env.get("PLEDGES_SMTP_USER") or None,
        smtp_password=env.get("PLEDGES_SMTP_PASSWORD") or None,
        smtp_starttls=_flag(env.get("PLEDGES_SMTP_STARTTLS")),
        mail_from=env.get("PLEDGES_MAIL_FROM") or "pledge-tracker@localhost",
        # where `publish` output is served: the app's embed snippets point there
        site_url=(env.get("PLEDGES_SITE_URL") or "").strip().rstrip("/") or None,
        # how many editors other than the proposer must approve a target change
        target_approvals=int(env.get("PLEDGES_TARGET_APPROVALS") or "1"),
        # each city's target history before the store kept targets (the seed ledger)
        target_history_dir=Path(env.get("PLEDGES_TARGET_HISTORY") or DATA_DIR / "target-changes"),
        language=language(env),
    )
