"""Every page of the site as the core sees it: generated pages, and staff pages with their furniture.

An engine renders staff Markdown (hand-written pages, posts, answers) itself;
the core then gives each page its final content: the generated HTML of a
generated page, or the engine's HTML sanitised and framed by the checked
header and footer of a post or question, and the generated sections of the
home page. Any engine asks the same questions, so they are answered here once.
"""

from __future__ import annotations

import unicodedata

from ..base import routes
from ..model.content import POSTS_DIR
from ..model.types import Portal
from ..source import frontmatter
from . import citizen, column
from .builder import PageBuilder
from .identity import Identity, site_identity
from .outputs import OutputFile, OutputPage
from .sanitize import clean_html


class SiteComposer:
    def __init__(self, builder: PageBuilder):
        self.builder = builder
        portal: Portal = builder.portal
        self.generated: dict[str, OutputPage] = {page.src_uri: page for page in builder.pages()}
        self.posts = {post.src_uri: post for post in portal.posts}
        self.questions = {question.src_uri: question for question in portal.questions}
        # The checked header and footer around a post or answer, made once: an incremental build
        # asks for them twice (the page's fingerprint, then its content).
        self._frames: dict[str, tuple[str, str]] = {}

    @property
    def portal(self) -> Portal:
        return self.builder.portal

    def generated_pages(self) -> list[OutputPage]:
        return list(self.generated.values())

    def static_files(self, read_source) -> list[OutputFile]:
        return self.builder.files(read_source)

    def is_unpublished(self, src_uri: str) -> bool:
        """Drafts are never published: they leave the build before any page is made."""
        return src_uri.startswith(POSTS_DIR + "/") and src_uri.endswith(".md") and src_uri not in self.posts

    def markdown_for_engine(self, src_uri: str, markdown: str) -> str:
        """What the engine renders of a staff page: never the front matter our loader already checked
        (an engine would re-read it with YAML 1.1 rules), and NFC, since editors may save NFD."""
        if src_uri in self.posts or src_uri in self.questions:
            markdown = frontmatter.body_of(markdown)
        return unicodedata.normalize("NFC", markdown)

    def title_of(self, src_uri: str) -> tuple[str, str] | None:
        """(title, description) of a page the core knows; None for hand-written pages."""
        if src_uri in self.generated:
            page = self.generated[src_uri]
            return page.title, page.description
        if src_uri in self.posts:
            post = self.posts[src_uri]
            return post.title, post.summary or post.title
        if src_uri in self.questions:
            question = self.questions[src_uri]
            return question.title, question.question
        return None

    def content(self, src_uri: str, engine_html: str) -> str:
        """The page's final content HTML, from what the engine rendered of its Markdown."""
        if src_uri in self.generated:
            return self.generated[src_uri].html
        html = clean_html(engine_html)  # staff Markdown may carry raw HTML: only the allowlist survives
        if src_uri in self.posts or src_uri in self.questions:
            if src_uri not in self._frames:
                self._frames[src_uri] = (column.post_parts(self.builder, self.posts[src_uri]) if src_uri in self.posts
                                         else citizen.question_parts(self.builder, self.questions[src_uri]))
            header, footer = self._frames[src_uri]
            return header + html + footer
        if src_uri == routes.HOME:
            return citizen.home_page(self.builder, html)
        return html

    def identity(self, site_name: str, theme_logo: str | None) -> Identity:
        """Whose site this is, for a theme's header, logo and error page."""
        return site_identity(self.portal, site_name, theme_logo, self.builder.settings.directory_urls)

    def reads(self, src_uri: str) -> frozenset[str] | None:
        """The kinds of data a generated page declares it is made from; None: any kind."""
        page = self.generated.get(src_uri)
        return page.reads if page else None

    def unit_of(self, src_uri: str) -> str | None:
        if src_uri in self.generated:
            return self.generated[src_uri].unit_id
        item = self.posts.get(src_uri) or self.questions.get(src_uri)
        return item.unit_id if item else None

    def footer(self, src_uri: str) -> str:
        """The contact block above the theme's footer: the page's unit, or the only unit."""
        return citizen.footer(self.builder, self.unit_of(src_uri), src_uri)

    def edit_path(self, src_uri: str) -> str | None:
        """The data file a person edits to change a generated page."""
        page = self.generated.get(src_uri)
        return page.edit_path if page else None
