"""The command line imports files over the web upload's limits; `--max-mb` sets one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import synthetic
from pledges import catalog, cli, store

ROWS = 300_000  # about 31 MB of synthetic long CSV (bench.synthetic), 30x the web limit


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A synthetic file of ROWS rows and a migrated database holding its catalog."""
    folder = tmp_path_factory.mktemp("big")
    indicators, _ = synthetic.shape(ROWS)
    catalog_dir = synthetic.write_catalog(folder / "catalog", indicators)
    path = folder / "synthetic.csv"
    path.write_bytes(synthetic.csv_bytes(synthetic.long_frame(ROWS)))
    url = f"sqlite:///{folder / 'big.db'}"
    db = store.Store.open(url)
    db.migrate()
    db.sync_catalog(catalog.load_pledges(catalog_dir))
    db.engine.dispose()
    return path, url


def test_a_max_mb_limit_refuses_the_file_and_stores_nothing(big, capsys) -> None:  # noqa: ANN001
    path, url = big
    assert cli.main(["--database", url, "import", "--max-mb", "10", str(path)]) == 1
    err = capsys.readouterr().err
    assert "file-too-large" in err and "nothing stored" in err
    assert store.Store.open(url).history() == []


def test_the_command_line_imports_a_30_mb_file_without_a_limit(big, capsys) -> None:  # noqa: ANN001
    path, url = big
    assert path.stat().st_size > 30 * 1024 * 1024
    assert cli.main(["--database", url, "import", str(path)]) == 0
    assert f"{ROWS} added, 0 changed" in capsys.readouterr().out
    [batch] = store.Store.open(url).history()
    assert batch.added == ROWS
