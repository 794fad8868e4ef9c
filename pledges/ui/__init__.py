"""Streamlit-facing code: the shared widgets module (pages live in pledges/pages)."""
