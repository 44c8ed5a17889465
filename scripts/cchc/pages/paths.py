"""One source for each published path: staff files must not shadow each other, a generated page or file,
or a theme asset.

mkdocs resolves such clashes silently (one file wins), so staff would see a
different page from the one they wrote, or replace the theme's script. Each
clash is a problem at the staff file, reported by `cchc check` and the build.
"""

from __future__ import annotations

import os

from ..base import routes, theme
from ..base.problems import Mark, Problem
from .outputs import OutputFile, OutputPage


def published_path(src_uri: str) -> str:
    """The file a source is published as: pages by their URL (x.md and x/index.md both give x/index.html)."""
    if not src_uri.endswith(".md"):
        return src_uri
    url = routes.url_of(src_uri)
    return url + "index.html" if url.endswith("/") or url == "" else url


def theme_assets(theme_dir: str, templates_dir: str) -> list[str]:
    """Files a theme folder publishes as they are (its assets), relative to the site root."""
    found = []
    templates = os.path.realpath(templates_dir)
    for dirpath, _dirs, names in os.walk(theme_dir):
        if os.path.realpath(dirpath).startswith(templates):
            continue  # the portal's own template overrides are not published
        for name in names:
            if not name.endswith(theme.TEMPLATE_SUFFIXES):
                found.append(os.path.relpath(os.path.join(dirpath, name), theme_dir).replace(os.sep, "/"))
    return found


def clashes(staff_files: list[str], shown_dir: str, generated: list[OutputPage], static: list[OutputFile],
            assets: list[str]) -> list[Problem]:
    owners: dict[str, str] = {}
    for page in generated:
        owners[published_path(page.src_uri)] = "một trang cổng tự tạo"
    for output in static:
        owners[published_path(output.src_uri)] = "một tệp cổng tự tạo"
    for asset in assets:
        owners[asset] = f"tệp giao diện theme/{asset}"
    problems = []
    for src in staff_files:
        path = published_path(src)
        shown = f"{shown_dir}/{src}"
        reserved = next((r for r in theme.RESERVED_PATHS if path == r or (r.endswith("/") and path.startswith(r))),
                        None)
        if path in owners:
            problems.append(Problem(shown, Mark(1, 1), f"Tệp này sẽ được đăng ở '{path}', trùng với {owners[path]}: "
                                                      "hãy đổi tên hoặc chuyển sang thư mục khác."))
        elif reserved:
            problems.append(Problem(shown, Mark(1, 1), f"Đường dẫn '{path}' dành cho giao diện và chỉ mục tìm kiếm "
                                                      f"({reserved}): hãy đặt tệp ở thư mục khác."))
        else:
            owners[path] = f"tệp {shown}"
    return problems
