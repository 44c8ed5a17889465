"""After the engine wrote the pages: check every link, then index for search.

Engine-neutral: it needs only the output folder and the `Handoff` the engine
collected as it wrote the pages (the site is not read back). `cchc build`
runs it once over the merged output of its processes; `serve` runs it after
each rebuild, with the index made in the background so the preview never waits.
"""

from __future__ import annotations

import os
import threading
from typing import Callable

from ..search import apart as search_apart, index as search_index
from . import index_reuse, linkcheck
from .handoff import Handoff

SHOWN = 200  # broken links listed; the rest are counted


class PostBuildFailed(Exception):
    pass


def check_links(site_dir: str, handoff: Handoff, files: linkcheck.Inventory | None = None,
                between: Callable[[], None] | None = None, only: set[str] | None = None) -> None:
    """`files`: the site's inventory when it was taken earlier (the site may change meanwhile);
    `only`: the output paths of the pages to check, when the others are known to be intact."""
    site_dir = os.path.abspath(site_dir)
    scanned = {os.path.join(site_dir, path): found for path, found in handoff.scanned.items()}
    chosen = None if only is None else {os.path.join(site_dir, path) for path in only}
    broken = linkcheck.check_scanned(site_dir, scanned, handoff.base_path, files, between, chosen)
    if broken:
        listing = "\n".join("  " + line for line in broken[:SHOWN])
        more = f"\n... và {len(broken) - SHOWN} lỗi khác" if len(broken) > SHOWN else ""
        raise PostBuildFailed(f"Có {len(broken)} liên kết, mục hoặc ảnh hỏng; không công bố:\n{listing}{more}")


def index(site_dir: str, handoff: Handoff, apart: bool = False) -> int:
    """The search index of the site; `apart`: made by a process of its own (search/apart.py)."""
    if not handoff.search:
        return 0
    if not apart:
        _written_index(site_dir, handoff)
        return len(handoff.reduced)
    try:
        return search_apart.build_index_apart(site_dir, handoff.reduced)
    except search_index.SearchIndexError as err:
        raise PostBuildFailed(str(err)) from None


def _written_index(site_dir: str, handoff: Handoff) -> dict[str, bytes]:
    """The index's files (name in the bundle folder -> contents), made and written into the site."""
    try:
        files = search_index.make_bundle(handoff.reduced)
    except search_index.SearchIndexError as err:
        raise PostBuildFailed(str(err)) from None
    search_index.write_bundle(site_dir, files)
    return files


def finish(site_dir: str, handoff: Handoff, log: Callable[[str], None] = lambda _: None,
           last_site: str | None = None, search_key: str = "") -> str | None:
    """Everything after the pages are written; raises PostBuildFailed with the reasons. The index of
    `last_site` (the live site) is taken when it was made from `search_key` (index_reuse.py).
    Returns the digest of the index made here (index_reuse.bundle_digest()), None when none was."""
    log(f"Đang kiểm tra liên kết của {len(handoff.scanned)} trang...")
    check_links(site_dir, handoff)
    if not handoff.search:
        return None
    if last_site and search_key and index_reuse.reuse(search_key, last_site, site_dir):
        log("Nội dung tìm kiếm của mọi trang như lần dựng trước: dùng lại chỉ mục tìm kiếm.")
        return None
    log(f"Đang tạo chỉ mục tìm kiếm ({len(handoff.reduced)} trang)...")
    # From the files as written, not read back: thousands of fragments at a province's size.
    return index_reuse.bundle_digest(site_dir, written=_written_index(site_dir, handoff))


class BackgroundIndex:
    """The preview's search index, made after each rebuild without holding the preview up."""

    def __init__(self, warn: Callable[[str], None]):
        self.warn = warn
        self.running: threading.Thread | None = None

    def finish(self, site_dir: str, handoff: Handoff) -> None:
        check_links(site_dir, handoff)
        if self.running is not None:
            self.running.join()  # one index at a time in the preview folder
        self.running = threading.Thread(target=self._index, args=(site_dir, handoff), daemon=True)
        self.running.start()

    def _index(self, site_dir: str, handoff: Handoff) -> None:
        try:
            index(site_dir, handoff)
        except PostBuildFailed as err:
            self.warn(str(err))
