"""A publish killed with SIGKILL at five moments leaves the old site whole, byte for byte, or
the new one whole; never a mix, never a `.partial` file in it, and the next publish finishes.

Each publish runs in its own process; a wrapper around one function of the publish sends the
process SIGKILL at the chosen moment (the real signal: nothing is cleaned up on the way out).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pledges import settings
from pledges.site import files
from tests import site_seed, site_world

OLD_URL = "https://old.example/"
NEW_URL = "https://new.example/"

# Each moment: the module and function wrapped, and when the wrapper kills (the call count
# it kills at, and whether before or after calling the real function).
MOMENTS = {
    "while rendering (3rd city)": ("pledges.site.city_files", "render_city", 3, "before"),
    "after the first new file": ("pledges.site.files", "_write_file", 1, "after"),
    "half the new files written": ("pledges.site.files", "_write_file", "half", "after"),
    "before the swap": ("pledges.site.files", "swap", 1, "before"),
    "after the swap, old site not yet removed": ("pledges.site.files", "swap", 1, "after"),
}
DRIVER = textwrap.dedent(
    """\
    import importlib, os, signal, sys
    from pledges import cli
    module = importlib.import_module(sys.argv[1])
    name, at, when = sys.argv[2], int(sys.argv[3]), sys.argv[4]
    real = getattr(module, name)
    calls = [0]
    def wrapped(*args, **kwargs):
        calls[0] += 1
        if calls[0] == at and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = real(*args, **kwargs)
        if calls[0] == at and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    setattr(module, name, wrapped)
    sys.exit(cli.main(sys.argv[5:]))
    """
)


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> str:
    return site_world.seed(tmp_path_factory.mktemp("kill-db"))


@pytest.fixture(scope="module")
def new_site(world: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What an uninterrupted publish with the new address writes."""
    out = tmp_path_factory.mktemp("kill-reference")
    return _contents(site_seed.publish(world, out, "--base-url", NEW_URL))


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_killed_publish_leaves_one_whole_site(
    world: str, new_site: dict[str, bytes], tmp_path: Path, moment: str
) -> None:
    site = site_seed.publish(world, tmp_path, "--base-url", OLD_URL)
    old_site = _contents(site)
    assert old_site != new_site  # every page names its address: the two sites differ
    module, name, at, when = MOMENTS[moment]
    # The new site has this many files to write, none equal to the old one's: half of them.
    count = str(len(new_site) // 2 if at == "half" else at)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    command = [sys.executable, str(driver), module, name, count, when, "--database", world]
    command += ["publish", "--out", str(tmp_path), "--as-of", site_seed.AS_OF]
    command += ["--base-url", NEW_URL]
    environ = {**os.environ, "PYTHONPATH": str(settings.PROJECT_ROOT)}
    done = subprocess.run(
        command, cwd=settings.PROJECT_ROOT, env=environ, capture_output=True, check=False
    )
    assert done.returncode == -9, done.stderr.decode()
    after_kill = _contents(site)
    if moment.startswith("after the swap"):
        assert after_kill == new_site
    else:
        assert after_kill == old_site
    assert not [p for p in tmp_path.rglob("*.partial")]
    # Where the process died: the half-built site (or, after the swap, the old one) is beside
    # the site, never in it; the next publish removes it.
    beside = _contents(files.staging(site)) if files.staging(site).exists() else {}
    if moment.startswith("while rendering"):
        assert beside == {}
    elif moment.startswith("after the first"):
        assert 1 <= len(beside) < len(new_site)
    elif moment.startswith("half"):
        assert len(new_site) // 2 <= len(beside) < len(new_site)
    elif moment.startswith("before the swap"):
        assert beside == new_site
    else:
        assert beside == old_site
    # The next publish finishes, and nothing is left beside the site.
    site_seed.publish(world, tmp_path, "--base-url", NEW_URL)
    assert _contents(site) == new_site
    assert not files.staging(site).exists()
