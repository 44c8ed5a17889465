"""After the engine wrote the pages: check every link, then index for search.

Engine-neutral: it needs only the output folder and the `Handoff` the engine
collected as it wrote the pages (the site is not read back).
"""

from __future__ import annotations

import os

from . import linkcheck
from ..search import index as search_index
from .handoff import Handoff

SHOWN = 200  # broken links listed; the rest are counted


class PostBuildFailed(Exception):
    pass


def check_links(site_dir: str, handoff: Handoff) -> None:
    site_dir = os.path.abspath(site_dir)
    scanned = {os.path.join(site_dir, path): found for path, found in handoff.scanned.items()}
    broken = linkcheck.check_scanned(site_dir, scanned, handoff.base_path)
    if broken:
        listing = "\n".join("  " + line for line in broken[:SHOWN])
        more = f"\n... và {len(broken) - SHOWN} lỗi khác" if len(broken) > SHOWN else ""
        raise PostBuildFailed(f"Có {len(broken)} liên kết, mục hoặc ảnh hỏng; không công bố:\n{listing}{more}")


def index(site_dir: str, handoff: Handoff) -> int:
    if not handoff.search:
        return 0
    try:
        return search_index.build_index(site_dir, handoff.reduced)
    except search_index.SearchIndexError as err:
        raise PostBuildFailed(str(err)) from None
