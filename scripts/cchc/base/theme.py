"""What the core relies on in the theme's markup (Material for MkDocs 9.x), in one place.

The core writes no theme markup itself, but reads a few things back from the
pages the theme wrote. If a theme update changes them, the build must stop
with this module's message rather than, say, silently drop pages from search.
"""

from __future__ import annotations

import re

NAME = "Material for MkDocs 9.x"
# The content area of every page: the search index is fed its reduced copy.
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', re.S)
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
