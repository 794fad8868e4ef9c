"""The public site: static HTML, the open-data API as files, and embeddable charts.

`build` renders the view objects of `pledges.views` (pages, index, feeds, data files) into a
mapping of relative path to bytes (deterministic: the same store gives the same bytes); `write`
builds the new site beside the old one and swaps it in at once.
"""

from __future__ import annotations

from pledges.site.build import Site, build, gather
from pledges.site.files import Written, write

__all__ = ["Site", "Written", "build", "gather", "write"]
