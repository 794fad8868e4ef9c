"""The command line starts light: libraries only some commands need load when first used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# pint's registry (0.4 s), openpyxl (0.1 s) and alembic (0.1 s): a CSV in the indicators' own
# units, imported into a migrated store, needs none of them.
LAZY = ("pint", "openpyxl", "alembic")


def _loaded_after(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_command_line_loads_no_unit_workbook_or_migration_library() -> None:
    loaded = _loaded_after("from pledges import cli\ncli.build_parser()")
    assert not loaded & set(LAZY), sorted(loaded & set(LAZY))
    assert "pandas" in loaded  # the check can fail: it sees what the import did load


def test_each_library_loads_when_its_work_comes() -> None:
    code = (
        "from pledges.ingest.reading import readers\nfrom pledges.ingest.checking import units\n"
        "assert units.conversion('kt', 't').multiply == 1000\n"
        "readers.sheet_names(b'PK not a workbook')\n"
        "from pledges.store import engine\n"
        "engine.head_revision()"
    )
    assert set(LAZY) <= _loaded_after(code)


def test_sessions_asking_at_once_share_one_unit_registry() -> None:
    code = (
        "import json, threading\n"
        "from pledges.ingest.checking import units\n"
        "found = []\n"
        "threads = [threading.Thread(target=lambda: found.append(id(units._registry())))"
        " for _ in range(4)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "assert len(found) == 4 and len(set(found)) == 1, found"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
