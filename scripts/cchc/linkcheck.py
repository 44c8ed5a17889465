"""After the build: every internal link, anchor and image must resolve, and every image needs alt text.

mkdocs checks links written in Markdown; this also covers raw HTML and the
pages the portal generates. It reads the built files, so it works for any engine.
"""

from __future__ import annotations

import os
import re
from html import unescape
from urllib.parse import unquote, urldefrag, urlsplit

_ID = re.compile(r'\s(?:id|name)="([^"]+)"')
_LINK = re.compile(r'<(a|img|link|script|source)\b([^>]*)>', re.I)
_ATTR = re.compile(r'\s(href|src|alt)="([^"]*)"', re.I)
SKIP_DIRS = {"pagefind"}


def _files(site_dir: str) -> list[str]:
    found = []
    for folder, dirs, names in os.walk(site_dir):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS or folder != site_dir]
        found += [os.path.join(folder, n) for n in names if n.endswith(".html")]
    return sorted(found)


def _target(site_dir: str, page: str, url: str, base_path: str = "/") -> tuple[str, str] | None:
    """The file a relative or root-relative link points at, and its fragment; None for external links.

    Root-relative links (the 404 page uses them) start with the path of the site's URL."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:")):
        return None
    path, fragment = urldefrag(url)
    path = unquote(path)
    if not path:
        return page, fragment
    if path.startswith("/") and base_path != "/" and path.startswith(base_path):
        path = "/" + path[len(base_path):]
    base = site_dir if path.startswith("/") else os.path.dirname(page)
    resolved = os.path.normpath(os.path.join(base, path.lstrip("/")))
    if path.endswith("/") or os.path.isdir(resolved):
        resolved = os.path.join(resolved, "index.html")
    return resolved, fragment


def check_site(site_dir: str, base_path: str = "/") -> list[str]:
    """Human-readable problems, one per broken link, anchor, image or missing alt text."""
    site_dir = os.path.abspath(site_dir)
    pages = _files(site_dir)
    ids: dict[str, set[str]] = {}
    contents: dict[str, str] = {}
    for page in pages:
        with open(page, encoding="utf-8") as handle:
            contents[page] = handle.read()
        ids[page] = set(_ID.findall(contents[page]))
    problems = []
    for page in pages:
        shown = os.path.relpath(page, site_dir).replace(os.sep, "/")
        for tag, attrs in _LINK.findall(contents[page]):
            values = {name.lower(): unescape(value) for name, value in _ATTR.findall(attrs)}
            if tag.lower() == "img" and not values.get("alt", "").strip():
                problems.append(f"{shown}: ảnh '{values.get('src', '')}' thiếu mô tả (alt).")
            url = values.get("href") or values.get("src")
            if not url or url.startswith("#") and len(url) == 1:
                continue
            target = _target(site_dir, page, url, base_path if base_path.endswith("/") else base_path + "/")
            if target is None:
                continue
            path, fragment = target
            if not os.path.isfile(path):
                problems.append(f"{shown}: liên kết tới '{url}' không có trang hoặc tệp nào.")
            elif fragment and path.endswith(".html") and fragment not in ids.get(path, set()):
                problems.append(f"{shown}: liên kết tới '{url}' trỏ tới mục '#{fragment}' không có trên trang đó.")
    return problems
