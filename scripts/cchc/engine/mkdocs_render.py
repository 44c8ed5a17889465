"""Staff pages rendered with one Markdown converter per build, not one per page.

mkdocs (1.6) makes a new `markdown.Markdown` for every page it renders: its
extensions are set up again (a third of the time a post took here) for a
converter that Python-Markdown lets reuse after `reset()`, which clears its
own state and every extension's. The converter is kept; mkdocs' own
processors of the page (anchors found, relative links checked and rewritten,
the title) are made for each page as mkdocs makes them, and take the place
of the last page's under the same names. Turned off with
engine/fragments.py's switch; tests/test_fragments.py compares every byte
of sites built both ways.
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc


class ReusedConverter:
    """The converter of one build's configuration (a preview's next build has a new one)."""

    def __init__(self, config) -> None:
        self._markdown = markdown.Markdown(extensions=config["markdown_extensions"],
                                           extension_configs=config["mdx_configs"] or {})

    def render(self, page, config, files) -> None:
        """What mkdocs' Page.render does to `page`, with the kept converter."""
        md = self._markdown.reset()
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors
