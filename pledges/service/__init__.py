"""What users do, as functions the command line and the app share; changes need an editor."""

from pledges.service.access import SEED_USER, require_editor
from pledges.service.assessing import (
    SEPARATOR,
    IndicatorStatus,
    assess,
    assessment_day,
    latest_periods,
)
from pledges.service.imports import (
    ImportOutcome,
    export_csv,
    import_file,
    import_path,
    read_file,
    record_briefing,
    undo,
)
from pledges.service.judging import UNJUDGED, is_judged, values_wanted
from pledges.service.panel import (
    AS_REPORTED,
    PANEL_COLUMNS,
    PANEL_INDICATOR,
    PANEL_PLEDGE,
    PANEL_POSITION,
    PanelOutcome,
    RepeatedTotal,
    beside_own,
    import_panel,
    panel_pledges,
    panel_status,
    repeated_totals,
)
from pledges.service.sentences import evidence_text, reason, sentence
from pledges.service.setup import InitSummary, initialise
from pledges.service.stewardship import due, reminders_owed, send_reminders, set_stewardship

__all__ = [
    "evidence_text",
    "reason",
    "sentence",
    "AS_REPORTED",
    "ImportOutcome",
    "IndicatorStatus",
    "InitSummary",
    "PANEL_COLUMNS",
    "PANEL_INDICATOR",
    "PANEL_PLEDGE",
    "PANEL_POSITION",
    "PanelOutcome",
    "RepeatedTotal",
    "SEED_USER",
    "SEPARATOR",
    "UNJUDGED",
    "assess",
    "assessment_day",
    "beside_own",
    "due",
    "export_csv",
    "import_file",
    "import_panel",
    "import_path",
    "initialise",
    "is_judged",
    "latest_periods",
    "panel_pledges",
    "panel_status",
    "read_file",
    "record_briefing",
    "repeated_totals",
    "reminders_owed",
    "require_editor",
    "send_reminders",
    "set_stewardship",
    "undo",
    "values_wanted",
]
