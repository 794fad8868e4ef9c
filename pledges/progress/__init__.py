"""The progress engine: frames and definitions in, frozen assessments out (no database, no UI).

`assess` one indicator, `assess_many` thousands at once, `rollup` goals, pledges and cities.
"""

from __future__ import annotations

from pledges.progress import assessment, batch, rollups, status, thresholds

Assessment = assessment.Assessment
Verdict = status.Verdict
Rollup = rollups.Rollup
Thresholds = thresholds.Thresholds
DEFAULT_THRESHOLDS = thresholds.DEFAULT
STATUSES = status.WORDS
SYMBOLS = status.SYMBOL_OF

assess = assessment.assess
assess_many = batch.assess_many
rollup = rollups.rollup
worst = status.worst

__all__ = [
    "DEFAULT_THRESHOLDS",
    "STATUSES",
    "SYMBOLS",
    "Assessment",
    "Rollup",
    "Thresholds",
    "Verdict",
    "assess",
    "assess_many",
    "rollup",
    "worst",
]
