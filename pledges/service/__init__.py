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
from pledges.service.panel import (
    PANEL_COLUMNS,
    PANEL_POSITION,
    PanelOutcome,
    import_panel,
    panel_pledges,
    panel_status,
)
from pledges.service.publishing import SiteData, StatusChange, ValueChange
from pledges.service.setup import InitSummary, initialise
from pledges.service.stewardship import due, reminders_owed, send_reminders, set_stewardship

__all__ = [
    "ImportOutcome",
    "IndicatorStatus",
    "InitSummary",
    "PANEL_COLUMNS",
    "PANEL_POSITION",
    "PanelOutcome",
    "SEED_USER",
    "SEPARATOR",
    "SiteData",
    "StatusChange",
    "ValueChange",
    "assess",
    "assessment_day",
    "due",
    "export_csv",
    "import_file",
    "import_panel",
    "import_path",
    "initialise",
    "latest_periods",
    "panel_pledges",
    "panel_status",
    "read_file",
    "record_briefing",
    "reminders_owed",
    "require_editor",
    "send_reminders",
    "set_stewardship",
    "undo",
]
