"""After the build: every internal link, anchor and image must resolve, and every image needs alt text.

mkdocs checks links written in Markdown; this also covers raw HTML and the
pages the portal generates. An engine hands each written page to `scan()`, then calls `check_scanned()`.
"""

from __future__ import annotations

import os
import re
from html import unescape
from typing import Callable
from urllib.parse import unquote, urldefrag, urlsplit

_ID = re.compile(r'\s(?:id|name)="([^"]+)"')
_LINK = re.compile(r'<(a|img|link|script|source)\b([^>]*)>', re.I)
_ATTR = re.compile(r'\s(href|src|alt)="([^"]*)"', re.I)


Inventory = tuple[set[str], set[str]]


def inventory(site_dir: str) -> Inventory:
    """Every file and folder of the built site, so that resolving a link needs no system call."""
    files: set[str] = set()
    folders: set[str] = set()
    for folder, _dirs, names in os.walk(site_dir):
        folders.add(folder)
        files.update(os.path.join(folder, n) for n in names)
    return files, folders


def _target(site_dir: str, page: str, url: str, base_path: str, folders: set[str]) -> tuple[str, str] | None:
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
    if path.endswith("/") or resolved in folders:
        resolved = os.path.join(resolved, "index.html")
    return resolved, fragment


def scan(html: str) -> tuple[set[str], list[tuple[str, dict[str, str]]]]:
    """What the check needs from one page: its ids, and its links and images with their attributes.
    An engine calls this as it writes each page, so the site is never read back."""
    links = [(tag.lower(), {name.lower(): unescape(value) for name, value in _ATTR.findall(attrs)})
             for tag, attrs in _LINK.findall(html)]
    return set(_ID.findall(html)), links


def check_scanned(site_dir: str, scanned: dict[str, tuple[set[str], list]], base_path: str = "/",
                  listed: Inventory | None = None, between: Callable[[], None] | None = None,
                  only: set[str] | None = None) -> list[str]:
    """Human-readable problems, one per broken link, anchor, image or missing alt text.
    `scanned` maps each page's absolute output path to `scan()` of its HTML; `between()`, if given,
    is called before each page (the preview pauses its background check there while it builds).
    `only`: the pages whose links are checked (their targets are any page of `scanned`)."""
    site_dir = os.path.abspath(site_dir)
    ids = {page: found[0] for page, found in scanned.items()}
    files, folders = listed or inventory(site_dir)
    resolved_cache: dict[tuple[str, str], tuple[str, str] | None] = {}
    problems = []
    for page in sorted(scanned if only is None else only & scanned.keys()):
        if between is not None:
            between()
        shown = os.path.relpath(page, site_dir).replace(os.sep, "/")
        for tag, values in scanned[page][1]:
            if tag == "img" and not values.get("alt", "").strip():
                problems.append(f"{shown}: ảnh '{values.get('src', '')}' thiếu mô tả (alt).")
            url = values.get("href") or values.get("src")
            if not url or url.startswith("#") and len(url) == 1:
                continue
            key = (os.path.dirname(page) if not url.startswith("#") else page, url)
            if key not in resolved_cache:
                resolved_cache[key] = _target(site_dir, page, url,
                                              base_path if base_path.endswith("/") else base_path + "/", folders)
            target = resolved_cache[key]
            if target is None:
                continue
            path, fragment = target
            if path not in files:
                problems.append(f"{shown}: liên kết tới '{url}' không có trang hoặc tệp nào.")
            elif fragment and path.endswith(".html") and fragment not in ids.get(path, set()):
                problems.append(f"{shown}: liên kết tới '{url}' trỏ tới mục '#{fragment}' không có trên trang đó.")
    return problems
