"""After the build: every internal link, anchor and image must resolve, and every image needs alt text.

mkdocs checks links written in Markdown; this also covers raw HTML and the
pages the portal generates. An engine hands each written page to `scan()`, then calls `check_scanned()`.
"""

from __future__ import annotations

import os
import re
from html import unescape
from typing import Callable
from urllib.parse import unquote, urlsplit

# An anchor is id="..." or name="..." after white space; searched for as the literal text and the space
# checked after (a pattern starting with \s tries every space of the page: 3 times slower).
_ANCHORS = (re.compile(r'id="([^"]+)"'), re.compile(r'name="([^"]+)"'))
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


def _link_path(url: str, base_path: str) -> tuple[str, str] | None:
    """A link's path (root-relative ones with the path of the site's URL taken off, as the 404 page
    writes them) and its fragment; None for a link that leaves the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:")):
        return None
    path, _hash, fragment = url.partition("#")
    path = unquote(path.partition("?")[0])  # a static host serves the same file whatever the query
    if path.startswith("/") and base_path != "/" and path.startswith(base_path):
        path = "/" + path[len(base_path):]
    return path, fragment


def _resolved(site_dir: str, folder: str, path: str, folders: set[str]) -> str:
    """The file a link's non-empty `path` names from a page in `folder`."""
    base = site_dir if path.startswith("/") else folder
    # os.path.join's checks, done once here: a hundred thousand calls on a province's pages.
    joined = base + path.lstrip("/") if base.endswith(os.sep) else base + os.sep + path.lstrip("/")
    resolved = os.path.normpath(joined)
    if path.endswith("/") or resolved in folders:
        resolved = resolved + "index.html" if resolved.endswith(os.sep) else resolved + os.sep + "index.html"
    return resolved


# A link with a scheme ("https:", "mailto:", "tel:") or a host ("//cdn") leaves the site: as urlsplit() reads it.
_LEAVES_SITE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")

# What scan() keeps of a link: its URL, and the image's src when it is an image without alt text.
Link = tuple[str, str | None]


def scan(html: str) -> tuple[set[str], list[Link]]:
    """What the check needs from one page: its ids, and the links it must resolve. An engine calls
    this as it writes each page, so the site is never read back; links that leave the site and
    links to the page's top are left out here (every page holds dozens, and the build cache keeps
    what this returns for every page), except an image that lacks its alt text."""
    links: list[Link] = []
    for tag, attrs in _LINK.findall(html):
        values = {name.lower(): unescape(value) if "&" in value else value for name, value in _ATTR.findall(attrs)}
        url = values.get("href") or values.get("src") or ""
        no_alt = values.get("src", "") if tag.lower() == "img" and not values.get("alt", "").strip() else None
        if no_alt is not None or (url and url != "#" and not _LEAVES_SITE.match(url)):
            links.append((url, no_alt))
    return _ids(html), links


def _ids(html: str) -> set[str]:
    return {found.group(1) for pattern in _ANCHORS for found in pattern.finditer(html)
            if found.start() > 0 and html[found.start() - 1].isspace()}


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
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    # A site's pages hold a few thousand distinct links, each on many pages: a link is read once, and
    # resolved once per folder (root-relative ones once).
    paths: dict[str, tuple[str, str] | None] = {}
    resolved: dict[tuple[str, str], str] = {}
    problems = []
    for page in sorted(scanned if only is None else only & scanned.keys()):
        if between is not None:
            between()
        shown = os.path.relpath(page, site_dir).replace(os.sep, "/")
        folder = os.path.dirname(page)
        for url, no_alt in scanned[page][1]:
            if no_alt is not None:
                problems.append(f"{shown}: ảnh '{no_alt}' thiếu mô tả (alt).")
            if not url or url == "#":
                continue
            link = paths[url] if url in paths else paths.setdefault(url, _link_path(url, base_path))
            if link is None:
                continue
            link_path, fragment = link
            if not link_path:
                path = page
            else:
                key = ("" if link_path.startswith("/") else folder, link_path)
                path = resolved[key] if key in resolved else resolved.setdefault(
                    key, _resolved(site_dir, folder, link_path, folders))
            if path not in files:
                problems.append(f"{shown}: liên kết tới '{url}' không có trang hoặc tệp nào.")
            elif fragment and path.endswith(".html") and fragment not in ids.get(path, set()):
                problems.append(f"{shown}: liên kết tới '{url}' trỏ tới mục '#{fragment}' không có trên trang đó.")
    return problems
