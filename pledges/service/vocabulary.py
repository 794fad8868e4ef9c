"""The core's words and frozen values the interfaces show, named once at the door.

The pages, the command line, the site and the briefing read an assessment's status, a
roll-up, a due date's state or an import's report through these names, so that none of them
(nor `views`) imports `progress`, `ingest` or `stewardship` itself: where a value lives in
the core can change here, once.
"""

from __future__ import annotations

from pledges import ingest
from pledges.ingest import export, report
from pledges.ingest.checking import preview
from pledges.ingest.reading import mapping, periods
from pledges.progress import assessment, rollups, sentence, status, thresholds
from pledges.stewardship import due, listing, reminders

# Assessments, statuses and roll-ups.
Assessment = assessment.Assessment
Rollup = rollups.Rollup
Need = rollups.Need
Status = status.Status
Grade = status.Grade
Outcome = status.Outcome
Thresholds = thresholds.Thresholds
DEFAULT_THRESHOLDS = thresholds.DEFAULT
STATUSES = status.WORDS
RANKED = status.RANKED
LABELS = status.LABELS
status_rank = status.rank
status_rules = status.table
describe_thresholds = thresholds.describe
evidence_text = sentence.evidence_text
# The engine's sentence and its reason, in the language of the translator given (else English).
compose_sentence = sentence.compose
status_reason = sentence.reason
what_would_change = rollups.what_would_change

# Due dates and their owners.
DueItem = listing.DueItem
DUE_STATES = due.STATES
DUE_JSON_KEYS = listing.JSON_KEYS
due_counts = listing.counts
DUE_COUNTED = listing.COUNTED

# Uploads: how a file is read and what the importer found.
ColumnMapping = mapping.ColumnMapping
MAPPING_FIELDS = mapping.FIELDS
CONSTANT_FIELDS = mapping.CONSTANT_FIELDS
ImportOptions = ingest.Options
ImportResult = ingest.Result
Preview = preview.Preview
COMPARED = preview.COMPARED
Report = report.Report
Issue = report.Issue
said_issue = report.said
REPORT_CAP = report.DEFAULT_CAP
PeriodRule = periods.Rule
write_period = periods.write
exact_number = export.number
problem_line = report.problem_line
reminder_message = reminders.message
