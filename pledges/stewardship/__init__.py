"""Data stewardship: who sends each indicator's values, when they fall due, and reminders."""
