"""The public site's views: its pages, addresses, index, feeds, citations, open-data and
ledger documents, the embed snippet."""
