"""Sub-commands that live in their own modules register here by being imported."""
