"""What the core relies on in the theme's markup (Material for MkDocs 9.x), in one place.

The core writes no theme markup itself, but reads a few things back from the
pages the theme wrote. If a theme update changes them, the build must stop
with this module's message rather than, say, silently drop pages from search.
"""

from __future__ import annotations

import re

NAME = "Material for MkDocs 9.x"
# The content area of every page: the search index is fed its reduced copy.
ARTICLE_START = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>')
ARTICLE_END = "</article>"
ARTICLE = re.compile(ARTICLE_START.pattern + "(.*?)" + ARTICLE_END, re.S)

ARTICLE_MARKUP = '<article class="md-content__inner md-typeset">'
# Element ids the theme's scripts look up; staff HTML must never define them.
THEME_IDS = frozenset({"__config", "__palette", "__search", "__drawer", "__toc", "__consent", "__announce",
                       "__source", "__tabs"})
# Paths the theme (and the portal's post-build stage) publish; a staff file there would shadow them.
RESERVED_PATHS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "search/", "pagefind/",
                  "sitemap.xml", "sitemap.xml.gz", "404.html", ".cchc-build")
# Files of a theme folder that are templates, not published files.
TEMPLATE_SUFFIXES = (".html", ".jinja", ".j2")


def missing_markup(page: str, what: str) -> str:
    return (f"Trang {page} không có {what} mà cổng cần ({NAME}). Có thể phiên bản giao diện đã đổi hoặc "
            "một mẫu trang trong theme/ đã bị sửa; hãy dùng đúng phiên bản ghi trong constraints.txt.")


def article_of(html: str) -> str | None:
    """The content of ARTICLE in a page, or None. Found as the start tag and the first end tag after
    it: what ARTICLE finds, without trying the end tag at every character of a long page."""
    start = ARTICLE_START.search(html)
    end = html.find(ARTICLE_END, start.end()) if start else -1
    return html[start.end():end] if start and end >= 0 else None
