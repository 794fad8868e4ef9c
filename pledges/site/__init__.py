"""The public site: static HTML, the open-data API as files, and embeddable charts.

`build` renders the view objects of `pledges.views.site_pages` and `open_data` into a mapping
of relative path to bytes (deterministic: the same store gives the same bytes); `write` puts
them in a folder, touching only the files whose bytes changed.
"""

from __future__ import annotations

from pledges.site.build import Site, build, gather
from pledges.site.files import Written, write

__all__ = ["Site", "Written", "build", "gather", "write"]
