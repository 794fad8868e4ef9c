"""A throwaway PostgreSQL cluster for a test or bench run: initdb, pg_ctl, a free port, then gone.

PostgreSQL refuses to run as root, so when we are root the cluster folder is handed to the
`postgres` system user (created by Debian's package) and the server tools run through
`runuser`. Durability is switched off: the data lives for one run only.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "pledges"
PREFIX = "pledges-pg-"
OWNER_FILE = "owner.pid"  # the process that started the cluster; when it is gone, so is the need
FAST_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "shared_buffers": "128MB",
    "listen_addresses": "127.0.0.1",
}


class ClusterError(RuntimeError):
    """PostgreSQL's server tools are missing or the throwaway server did not start."""


def server_bin() -> Path:
    """The newest Debian PostgreSQL bin folder (`make system-deps` installs it)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_major_version)
    if not found:
        on_path = shutil.which("initdb")
        if on_path is None:
            raise ClusterError("PostgreSQL server tools not found: run `make system-deps`")
        return Path(on_path).parent
    return Path(found[-1]).parent


def _major_version(initdb: str) -> int:
    digits = Path(initdb).parent.parent.name
    return int(digits) if digits.isdigit() else 0


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Cluster:
    """A running throwaway server: where it lives and how to reach it."""

    folder: Path
    port: int
    run_as: str | None

    def url(self, database: str = "postgres") -> str:
        """An SQLAlchemy URL for one database of this cluster (psycopg 3 driver)."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        """A libpq connection string for psycopg itself."""
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname={database}"


def _as_user(command: list[str], run_as: str | None) -> list[str]:
    return command if run_as is None else ["runuser", "-u", run_as, "--", *command]


def _run(command: list[str], run_as: str | None) -> None:
    done = subprocess.run(_as_user(command, run_as), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ClusterError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")


def _owner() -> str | None:
    """None when we may run the server ourselves; the `postgres` user when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError as missing:
        raise ClusterError("running as root needs the `postgres` system user") from missing
    return "postgres"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_orphans(parent: Path, run_as: str | None) -> None:
    """Stop clusters left behind by runs that were killed (their creating process is gone)."""
    for folder in parent.glob(f"{PREFIX}*"):
        owner = folder / OWNER_FILE
        try:
            pid = int(owner.read_text())
        except (OSError, ValueError):
            continue
        if _alive(pid):
            continue
        if (folder / "data" / "postmaster.pid").exists():
            with contextlib.suppress(ClusterError):
                _run(
                    [
                        str(server_bin() / "pg_ctl"),
                        "-D",
                        str(folder / "data"),
                        "-m",
                        "immediate",
                        "stop",
                    ],
                    run_as,
                )
        shutil.rmtree(folder, ignore_errors=True)


def start() -> Cluster:
    """Create and start a cluster under a new temporary folder (about a second)."""
    binaries = server_bin()
    run_as = _owner()
    # As root the server runs as `postgres`, which must reach the folder: /tmp, not $TMPDIR.
    parent = Path("/tmp") if run_as else Path(tempfile.gettempdir())
    reap_orphans(parent, run_as)
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
    (folder / OWNER_FILE).write_text(str(os.getpid()))
    if run_as is not None:
        account = pwd.getpwnam(run_as)
        os.chown(folder, account.pw_uid, account.pw_gid)
    data = folder / "data"
    _run(
        [
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ],
        run_as,
    )
    port = free_port()
    options = " ".join(f"-c {k}={v}" for k, v in FAST_SETTINGS.items())
    options += f" -p {port} -k {folder}"
    _run(
        [
            str(binaries / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(folder / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        ],
        run_as,
    )
    cluster = Cluster(folder, port, run_as)
    _wait_ready(cluster)
    return cluster


def _wait_ready(cluster: Cluster, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", cluster.port)):
            return
        time.sleep(0.05)
    raise ClusterError(f"PostgreSQL did not listen on port {cluster.port}")


def stop(cluster: Cluster) -> None:
    """Stop the server at once and delete its folder."""
    try:
        _run(
            [str(server_bin() / "pg_ctl"), "-D", str(cluster.folder / "data"), "-m", "immediate"]
            + ["stop"],
            cluster.run_as,
        )
    finally:
        shutil.rmtree(cluster.folder, ignore_errors=True)


@contextlib.contextmanager
def running() -> Iterator[Cluster]:
    """A cluster for the duration of a `with` block."""
    cluster = start()
    try:
        yield cluster
    finally:
        stop(cluster)
