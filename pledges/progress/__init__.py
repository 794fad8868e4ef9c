"""The progress engine: frames and definitions in, frozen assessments out (no database, no UI).

`assess` one indicator, `assess_all` many (the same engine), `assess_many` many as a frame,
`rollup` goals, pledges and cities by the one roll-up rule.
"""

from __future__ import annotations

from pledges.progress import assessment, batch, rollups, sentence, status, thresholds

Assessment = assessment.Assessment
Verdict = status.Verdict
Status = status.Status
Grade = status.Grade
Outcome = status.Outcome
LABELS = status.LABELS
Rollup = rollups.Rollup
Thresholds = thresholds.Thresholds
DEFAULT_THRESHOLDS = thresholds.DEFAULT
STATUSES = status.WORDS
SYMBOLS = status.SYMBOL_OF

assess = assessment.assess
assess_all = assessment.assess_all
assess_many = batch.assess_many
rollup = rollups.rollup
goal_rollup = rollups.goal_rollup
pledge_rollup = rollups.pledge_rollup
city_rollup = rollups.city_rollup
worst = status.worst

__all__ = [
    "DEFAULT_THRESHOLDS",
    "LABELS",
    "STATUSES",
    "SYMBOLS",
    "Assessment",
    "Grade",
    "Outcome",
    "Status",
    "Rollup",
    "Thresholds",
    "Verdict",
    "assess",
    "assess_all",
    "assess_many",
    "city_rollup",
    "goal_rollup",
    "pledge_rollup",
    "rollup",
    "sentence",
    "worst",
]
