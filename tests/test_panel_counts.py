"""The shipped panel's counts are those docs/cdp-panel.md reports (issue 25's "Done when").

A check of the report, not of the rules: each rule's numbers are worked by hand in
tests/test_progress_reference_levels.py and tests/test_cdp_like_for_like.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench import panel_counts
from pledges import service, settings, store

TODAY = dt.date(2026, 12, 5)


def test_the_panel_counts_are_as_reported(tmp_path: Path) -> None:
    config = settings.load({})
    db = store.Store.open(settings.sqlite_url(tmp_path / "panel.db"))
    service.initialise(db, config.catalog_dir, config.observations_dir, panel_dir=config.panel_dir)
    assert panel_counts.engine_counts(db, TODAY) == panel_counts.Counts(
        cities=827,
        with_status=104,
        with_share=14,
        claims_agree=9,
        claims_comparable=12,
        targets_coverage=85,
        targets_unit_slip=9,
        targets_met_side=0,
        targets_relative=7,
        baselines_coverage=54,
        baselines_implausible=12,
        baselines_reference_only=147,
    )
    assert panel_counts.mapping_counts(config.panel_dir) == panel_counts.Mapping(
        values=1495,
        extra_indicators=135,
        extra_cities=114,
        extra_values=206,
        periods_moved=25,
        repeated_totals=21,
    )
    db.engine.dispose()
