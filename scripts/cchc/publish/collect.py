"""Each page as the engine writes it: its Content-Security-Policy, and what the post-build stage needs.

The engine hands every written file here once. Pages get their policy meta
(hashes of exactly their inline scripts), and the link scan and the search
copy are kept in a `Handoff`, so the post-build stage never reads the site back.
"""

from __future__ import annotations

from ..search import index as search_index
from . import csp, linkcheck
from .handoff import Handoff
from .postbuild import PostBuildFailed

NOT_INDEXED = {"404.html"}


class PageCollector:
    def __init__(self, base_path: str, search: bool, preview: bool = False,
                 required_on_every_page: str | None = None):
        self.handoff = Handoff(base_path=base_path, search=search)
        self.preview = preview  # `cchc serve`: the policy must let the live-reload script run
        self.required = required_on_every_page  # the demo banner's class, on a demo published with samples

    def written(self, dest_uri: str, html: str, is_page: bool) -> str:
        """`html` with its policy added; `is_page` for the theme's pages (not sitemaps or 404)."""
        if not html.strip():
            return html  # a page another process writes
        if self.required and dest_uri.endswith(".html") and self.required not in html:
            raise PostBuildFailed(f"Bản thử nghiệm phải ghi “Bản thử nghiệm” trên mọi trang, nhưng {dest_uri} "
                                  "không có: giao diện của cổng (theme/main.html, khối announce) không hiện dòng này.")
        html = csp.add_policy(html, self.preview)
        self.handoff.scanned[dest_uri] = linkcheck.scan(html)
        if is_page and dest_uri not in NOT_INDEXED:
            try:
                reduced = search_index.reduce_page(html, dest_uri)
            except search_index.SearchIndexError as err:
                raise PostBuildFailed(str(err)) from None
            if reduced is not None:
                self.handoff.reduced[search_index.url_of(dest_uri)] = reduced
        return html
