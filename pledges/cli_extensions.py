"""Sub-commands that live in their own modules register here by being imported."""

from pledges import users_cli  # noqa: F401  (python -m pledges user ...)
from pledges.briefing import cli as briefing_cli  # noqa: F401  (python -m pledges report)
