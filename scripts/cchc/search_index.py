"""Build the static, chunked search index of a built site with Pagefind.

Pagefind indexes the pages' real text, so excerpts show the original
Vietnamese; it folds tone marks itself. What it does not fold (đ and d) is
handled at query time by the search page script (theme/assets/cchc-search.js).
Only the content area of each page is indexed, never menus or footers.
"""

from __future__ import annotations

import subprocess
import sys

ROOT_SELECTOR = "article.md-content__inner"
BUNDLE_DIR = "pagefind"


class SearchIndexError(Exception):
    pass


def build_index(site_dir: str) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", site_dir, "--root-selector", ROOT_SELECTOR,
               "--output-subdir", BUNDLE_DIR, "--force-language", "vi", "--silent"]
    try:
        result = subprocess.run(command, text=True, capture_output=True)
    except OSError as err:
        raise SearchIndexError(f"Không chạy được Pagefind để tạo chỉ mục tìm kiếm: {err}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise SearchIndexError(f"Tạo chỉ mục tìm kiếm thất bại (Pagefind):\n{detail}")
