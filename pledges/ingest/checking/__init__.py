"""Checking what was read: names, units, keys, plausibility, what an upload would change."""
