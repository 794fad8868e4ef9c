"""The throwaway PostgreSQL cluster: it answers, and clusters of killed runs are cleaned up."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import psycopg

from tests import pg


def _folder(parent: Path, name: str, owner: int) -> Path:
    folder = parent / f"{pg.PREFIX}{name}"
    folder.mkdir()
    (folder / pg.OWNER_FILE).write_text(str(owner))
    return folder


def test_folders_of_dead_runs_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    gone = _folder(tmp_path, "dead", dead.pid)
    kept = _folder(tmp_path, "alive", os.getpid())
    stranger = tmp_path / f"{pg.PREFIX}no-owner"
    stranger.mkdir()
    pg.reap_orphans(tmp_path, None)
    assert (gone.exists(), kept.exists(), stranger.exists()) == (False, True, True)


def test_the_session_cluster_runs_as_a_non_root_user(pg_cluster: pg.Cluster) -> None:
    with psycopg.connect(pg_cluster.dsn(), autocommit=True) as conn:
        fsync = conn.execute("SHOW fsync").fetchone()
        superuser = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [pg.SUPERUSER])
        assert superuser.fetchone() == (True,)
    assert fsync == ("off",)
    owner = int((pg_cluster.folder / pg.OWNER_FILE).read_text())
    assert owner == os.getpid()
    server_uid = (pg_cluster.folder / "data").stat().st_uid
    assert server_uid != 0
