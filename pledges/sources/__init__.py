"""Connectors: a publisher's export in, pledge definitions and a long observation frame out."""
