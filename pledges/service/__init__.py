"""What users do, as functions the command line and the app share; changes need an editor."""

from pledges.service.access import SEED_USER, require_editor
from pledges.service.assessing import (
    SEPARATOR,
    IndicatorStatus,
    assess,
    assessment_day,
    latest_periods,
)
from pledges.service.change_ledger import CHANGE_WORDS, LedgerEntry
from pledges.service.change_ledger import ledger as target_ledger
from pledges.service.change_ledger import ledgers as target_ledgers
from pledges.service.imports import (
    ImportOutcome,
    export_csv,
    export_frame,
    import_file,
    import_path,
    read_file,
    record_briefing,
    undo,
)
from pledges.service.judging import UNJUDGED, is_judged, values_wanted
from pledges.service.languages import translator
from pledges.service.opening import ProgressCallback, Store, as_moment, open_store, today
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
from pledges.service.publishing import SiteData, StatusChange, ValueChange
from pledges.service.rollups import (
    GoalSummary,
    PledgeSummary,
    city_rollup,
    pledge_need,
    pledge_would_change,
    pledges_of,
    summarise,
    would_change,
)
from pledges.service.setup import InitSummary, initialise
from pledges.service.stewardship import due, reminders_owed, send_reminders, set_stewardship
from pledges.service.target_catalog import export_files
from pledges.service.target_drafts import NewTarget

__all__ = [
    "translator",
    "AS_REPORTED",
    "CHANGE_WORDS",
    "GoalSummary",
    "PledgeSummary",
    "ProgressCallback",
    "Store",
    "as_moment",
    "city_rollup",
    "open_store",
    "pledge_need",
    "pledge_would_change",
    "pledges_of",
    "summarise",
    "today",
    "would_change",
    "ImportOutcome",
    "IndicatorStatus",
    "InitSummary",
    "LedgerEntry",
    "NewTarget",
    "PANEL_COLUMNS",
    "PANEL_INDICATOR",
    "PANEL_PLEDGE",
    "PANEL_POSITION",
    "PanelOutcome",
    "RepeatedTotal",
    "SEED_USER",
    "SEPARATOR",
    "UNJUDGED",
    "SiteData",
    "StatusChange",
    "ValueChange",
    "assess",
    "assessment_day",
    "beside_own",
    "due",
    "export_csv",
    "export_files",
    "export_frame",
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
    "target_ledger",
    "target_ledgers",
    "undo",
    "values_wanted",
]
