"""Which staff files under content/ may be published: one policy for every file.

mkdocs copies every file of its docs folder to the site as it is, outside
the sanitiser and the CSP. So only what a commune portal needs is published:
Markdown pages, images, and document attachments. Script, style and HTML
files, SVG images that carry script, and anything else are problems at the
file's path, reported before the build, never silently dropped.
"""

from __future__ import annotations

import os
import re

from ..base.problems import Mark, Problem

PAGES = {".md"}
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"}
ATTACHMENTS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".odp", ".ppt", ".pptx", ".csv", ".zip"}
PUBLISHED = PAGES | IMAGES | ATTACHMENTS
EXECUTABLE = {".js", ".mjs", ".html", ".htm", ".xhtml", ".shtml", ".css", ".svgz", ".swf", ".php", ".xml", ".xsl"}
MAX_BYTES = 20 * 1024 * 1024  # a larger attachment belongs on a file host, not in the repository
# What would let an SVG run script or load something when opened as a page of its own.
_ACTIVE_SVG = re.compile(r"<\s*script|<\s*foreignobject|<!entity|\son[a-z]+\s*=|javascript:|"
                         r"(?:xlink:)?href\s*=\s*[\"']\s*(?:https?:|data:|//)", re.I)


def _problem(shown: str, message: str) -> Problem:
    return Problem(shown, Mark(1, 1), message)


def file_problems(docs_dir: str, relative: str, shown: str) -> list[Problem]:
    """Problems of one file under the docs folder; none for a file that may be published."""
    extension = os.path.splitext(relative)[1].lower()
    path = os.path.join(docs_dir, relative)
    if extension in EXECUTABLE:
        return [_problem(shown, f"Không công bố tệp {extension}: tệp mã lệnh, kiểu trình bày hay trang HTML viết tay "
                                "chạy ngoài kiểm tra an toàn của cổng. Hãy viết nội dung bằng Markdown (.md); "
                                "giao diện sửa trong theme/.")]
    if extension not in PUBLISHED:
        allowed = ", ".join(sorted(PUBLISHED))
        return [_problem(shown, f"Không công bố loại tệp '{extension or '(không có đuôi)'}'. "
                                f"Chỉ đăng được: {allowed}.")]
    try:
        size = os.path.getsize(path)
    except OSError as err:
        return [_problem(shown, f"Không đọc được tệp: {err.strerror}.")]
    if size > MAX_BYTES:
        return [_problem(shown, f"Tệp quá lớn ({size:,} byte; tối đa {MAX_BYTES:,}). Hãy nén lại hoặc đăng ở nơi khác "
                                "rồi dẫn liên kết.")]
    if extension == ".svg":
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
        found = _ACTIVE_SVG.search(text)
        if found:
            line = text.count("\n", 0, found.start()) + 1
            col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            return [Problem(shown, Mark(line, col), f"Ảnh SVG có mã lệnh hoặc nội dung tải từ nơi khác "
                                                    f"('{found.group(0).strip()[:30]}'): không công bố. "
                                                    "Hãy xuất lại ảnh dạng PNG hoặc SVG thuần.")]
    return []
