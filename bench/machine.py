"""What the numbers were measured on: CPU, cores, memory, and the versions of everything timed."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import sqlite3
import subprocess
from pathlib import Path

PACKAGES = ("pandas", "numpy", "sqlalchemy", "psycopg", "streamlit", "plotly", "playwright")


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (or what platform knows)."""
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def memory_gib() -> float | None:
    """Total memory in GiB from /proc/meminfo."""
    info = Path("/proc/meminfo")
    if not info.exists():
        return None
    for line in info.read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return None


def load_average() -> str:
    """The 1, 5 and 15 minute load averages when the run started (other work skews timings)."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _command_version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "?"


def versions(postgres_bin: Path | None, chromium: str) -> dict[str, str]:
    """Python, SQLite, PostgreSQL, chromium and the Python packages timed here."""
    found = {
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "PostgreSQL": _command_version([str(postgres_bin / "postgres"), "--version"])
        if postgres_bin
        else "not found",
        "Chromium": _command_version([chromium, "--version"]),
    }
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def describe() -> dict[str, str]:
    """The machine in a few lines."""
    memory = memory_gib()
    return {
        "CPU": cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": f"{memory:.1f} GiB" if memory else "unknown",
        "system": f"{platform.system()} {platform.release()}",
        "load average at start (1/5/15 min)": load_average(),
    }
