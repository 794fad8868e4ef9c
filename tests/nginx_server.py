"""Debian's nginx running the repo's server block (deploy/nginx/pledges.conf) over a folder,
on a free port, for the nginx test and the bench."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

from pledges import settings

CONFIG = settings.PROJECT_ROOT / "deploy" / "nginx" / "pledges.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def installed() -> bool:
    """Whether nginx is there to run (`make system-deps` installs it)."""
    return Path(NGINX).exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main_config(folder: Path, server: Path) -> str:
    """A minimal nginx.conf around the repo's server block, everything under `folder`."""
    # As root, nginx hands requests to `nobody`, who cannot read pytest's private tmp folders.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    temp = "".join(
        f"    {name}_temp_path {folder / name};\n"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\nevents {{ worker_connections 256; }}\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log off;\n{temp}    include {server};\n}}\n"
    )


@contextlib.contextmanager
def serving(site: Path, folder: Path) -> Iterator[int]:
    """nginx with the repo's config, `root` set to `site`, its files under `folder`; the port."""
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    text = CONFIG.read_text(encoding="utf-8")
    if text.count("listen 80;") != 1 or text.count("root /srv/pledges;") != 1:
        raise RuntimeError(f"{CONFIG} no longer has one 'listen 80;' and one 'root /srv/pledges;'")
    server = folder / "pledges.conf"
    server.write_text(
        text.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
            "root /srv/pledges;", f"root {site};"
        ),
        encoding="utf-8",
    )
    with running(server, folder):
        yield port


@contextlib.contextmanager
def running(server: Path, folder: Path) -> Iterator[None]:
    """nginx with one server configuration file (its own ports), its files under `folder`."""
    main = folder / "nginx.conf"
    main.write_text(main_config(folder, server), encoding="utf-8")
    command = [NGINX, "-p", str(folder), "-c", str(main)]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t refused the config:\n{check.stderr}")
    # Daemon mode: the command returns once nginx has bound its port, so nothing polls.
    started = subprocess.run(command, capture_output=True, text=True)
    if started.returncode != 0:
        raise RuntimeError(f"nginx did not start:\n{started.stderr}")
    try:
        yield
    finally:
        subprocess.run([*command, "-s", "stop"], capture_output=True, check=True)
