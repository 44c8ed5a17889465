"""The only module that knows mkdocs: adapts the core to mkdocs build events.

Another engine can reuse `project.load_portal` and `pages.PageBuilder`
the same way this adapter does.
"""

from __future__ import annotations

import logging
import os
import threading
import unicodedata
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from ..publish import csp, linkcheck, postbuild
from ..base import build_mode, dates, routes
from ..source import frontmatter
from ..pages import citizen as pages_citizen, column as pages_column, readiness as pages_readiness
from ..check import output as reporting
from ..search import index as search_index
from ..pages.sanitize import clean_html
from ..model.content import POSTS_DIR
from ..pages.outputs import OutputPage, Settings
from ..pages.builder import PageBuilder
from ..model.load import load_portal
from .shards import SHARD_ENV, HANDOFF_ENV, Shard, write_handoff
from ..publish.handoff import Handoff

log = get_plugin_logger(__name__)
SKIP_TEMPLATE = "cchc-other-shard.html"  # renders nothing: mkdocs then writes no file for the page


class CchcConfig(Config):
    enabled = opt.Type(bool, default=True)
    plans_dir = opt.Type(str, default="plans")
    templates_dir = opt.Type(str, default="theme/cchc")
    posts_per_page = opt.Type(int, default=10)
    qa_overdue_days = opt.Type(int, default=15)
    search = opt.Type(bool, default=True)


class CchcPlugin(BasePlugin[CchcConfig]):
    serving = False
    indexing: threading.Thread | None = None

    def on_startup(self, *, command, dirty):
        # In `serve`, the preview must not wait for the search index: it is built in the background.
        self.serving = command == "serve"

    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.root = os.path.dirname(os.path.abspath(config.config_file_path))
        # `cchc build` runs several of these processes, each writing its shard of the pages, and does
        # the post-build stage itself from what each leaves in the handoff folder.
        self.shard = Shard.parse(os.environ.get(SHARD_ENV))
        self.handoff_dir = os.environ.get(HANDOFF_ENV)
        self.mode = build_mode.current()  # preview, publication or demo (cchc build --cong-bo [--cho-phep-mau])
        config.extra["cchc_demo"] = self.mode == build_mode.DEMO  # theme/main.html shows the banner
        if self.shard.count > 1:
            # A page of another shard is not rendered here, so mkdocs cannot see its anchors; the
            # post-build link check, which also checks anchors, runs once over the whole site instead.
            config.validation.links.anchors = min(config.validation.links.anchors, logging.INFO)
        docs = os.path.relpath(os.path.abspath(config.docs_dir), self.root)
        result = load_portal(self.root, self.config.plans_dir, docs)
        errors = [p for p in result.problems if p.is_error]
        for warning in (p for p in result.problems if not p.is_error):
            log.warning(reporting.format_text(warning))
        if errors:
            handoff = os.environ.get("CCHC_PROBLEMS_FILE")
            if handoff:  # `cchc build` prints them itself, in its usual format
                with open(handoff, "w", encoding="utf-8") as out:
                    out.write(reporting.dump_json(result.problems))
            listing = "\n".join(reporting.format_text(p) for p in errors)
            raise PluginError(f"Dữ liệu có {len(errors)} lỗi, không dựng trang:\n{listing}")
        log.info(reporting.summary(result.problems, result.files_checked))
        self.portal = result.portal
        settings = Settings(site_url=config.site_url or "", directory_urls=config.use_directory_urls,
                            today=dates.as_of_date(), posts_per_page=self.config.posts_per_page,
                            overdue_days=self.config.qa_overdue_days)
        self.builder = PageBuilder(self.portal, self.root, os.path.join(self.root, self.config.templates_dir), settings)
        if self.portal.posts and not settings.site_url:
            log.warning("Chưa đặt site_url trong mkdocs.yml: không tạo được bản tin RSS/Atom (cần địa chỉ đầy đủ).")
        for watched in (self.config.plans_dir, self.config.templates_dir):
            path = os.path.join(self.root, watched)
            if os.path.isdir(path) and path not in config.watch:
                config.watch.append(path)
        self.pages: dict[str, OutputPage] = {}
        self.posts = {p.src_uri: p for p in self.portal.posts}
        self.questions = {q.src_uri: q for q in self.portal.questions}
        return config

    def on_files(self, files: Files, *, config):
        if not self.config.enabled:
            return files
        for file in list(files):
            # Drafts are never published: they leave the build before any page is made.
            if file.src_uri.startswith(POSTS_DIR + "/") and file.src_uri.endswith(".md") \
                    and file.src_uri not in self.posts:
                files.remove(file)
        docs_dir = os.path.abspath(config.docs_dir)
        for page in self.builder.pages():
            self.pages[page.src_uri] = page
            file = File.generated(config, page.src_uri, content="")
            if page.edit_path:
                # Point "edit this page" at the YAML staff change, not at the generated page.
                file.edit_uri = os.path.relpath(os.path.join(self.root, page.edit_path), docs_dir).replace(os.sep, "/")
            files.append(file)
        for output in self.builder.files(self._read_source):
            files.append(File.generated(config, output.src_uri, content=output.content))
        return files

    def _read_source(self, relative_path: str) -> bytes:
        with open(os.path.join(self.root, relative_path), "rb") as handle:
            return handle.read()

    def on_page_read_source(self, *, page, config):
        if self.config.enabled and (page.file.src_uri in self.posts or page.file.src_uri in self.questions):
            # Our loader already checked the front matter; mkdocs must not re-read it with YAML 1.1 rules.
            return frontmatter.body_of(page.file.content_string)
        return None

    def _title(self, src_uri: str) -> tuple[str, str] | None:
        if src_uri in self.pages:
            return self.pages[src_uri].title, self.pages[src_uri].description
        if src_uri in self.posts:
            post = self.posts[src_uri]
            return post.title, post.summary or post.title
        if src_uri in self.questions:
            question = self.questions[src_uri]
            return question.title, question.question
        return None

    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled:
            return markdown
        owned = self.shard.owns(page.file.src_uri)
        if not owned:
            page.meta["template"] = SKIP_TEMPLATE
        titled = self._title(page.file.src_uri)
        if titled:
            # Themes render page.meta with autoescape off: hand them escaped markup.
            page.meta["title"] = escape(titled[0])
            page.meta["description"] = escape(titled[1])
            if not owned:
                return ""  # its title is known without its text, and another process writes it
        # Hand-written pages may come from editors that save decomposed (NFD) Vietnamese.
        return unicodedata.normalize("NFC", markdown)

    def on_page_content(self, html, *, page, config, files):
        if not self.config.enabled:
            return html
        src = page.file.src_uri
        if not self.shard.owns(src):
            return html  # another process writes this page
        if src in self.pages:
            return self.pages[src].html
        html = clean_html(html)  # staff Markdown may carry raw HTML: only the allowlist survives
        if src in self.posts:
            header, footer = pages_column.post_parts(self.builder, self.posts[src])
            return header + html + footer
        if src in self.questions:
            header, footer = pages_citizen.question_parts(self.builder, self.questions[src])
            return header + html + footer
        if src == routes.HOME:
            return html + pages_citizen.home(self.builder)
        if src == routes.STAFF_GUIDE and not build_mode.is_public(self.mode):  # staff's to-do list, previews only
            html += pages_readiness.staff_section(self.builder, config.config_file_path, self.config.plans_dir,
                                                  os.path.relpath(config.docs_dir, self.root))
        return html

    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled and self.shard.owns(page.file.src_uri):
            context["cchc_unit_count"] = len(self.portal.units)
            context["cchc_footer"] = Markup(pages_citizen.footer(self.builder, self._unit_of(page.file.src_uri),
                                                                 page.file.src_uri))
        return context

    def on_pre_build(self, *, config):
        self.handoff = Handoff(base_path=urlsplit(config.site_url or "/").path or "/", search=self.config.search)

    def on_env(self, env, *, config, files):
        if self.config.enabled and self.shard.count > 1:
            env.loader = jinja2.ChoiceLoader([env.loader, jinja2.DictLoader({SKIP_TEMPLATE: ""})])
        return env

    def _collect(self, html: str, dest_uri: str, config) -> str:
        """Add the policy, and keep what the link check and the index need (the site is not read back)."""
        if not html.strip():
            return html  # a page another process writes
        if self.mode == build_mode.DEMO and dest_uri.endswith(".html") and build_mode.DEMO_BANNER not in html:
            raise PluginError(f"Bản thử nghiệm phải ghi “Bản thử nghiệm” trên mọi trang, nhưng {dest_uri} không có: "
                              "giao diện của cổng (theme/main.html, khối announce) không hiện dòng này.")
        html = csp.add_policy(html)
        self.handoff.scanned[dest_uri] = linkcheck.scan(html)
        reduced = search_index.reduce_page(html) if dest_uri != "404.html" else None
        if reduced is not None:
            self.handoff.reduced[search_index.url_of(dest_uri)] = reduced
        return html

    def on_post_page(self, output, *, page, config):
        return self._collect(output, page.file.dest_uri, config) if self.config.enabled else output

    def on_post_template(self, output_content, *, template_name, config):
        if not self.config.enabled:
            return output_content
        return self._collect(output_content, template_name, config)

    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        if self.handoff_dir:
            write_handoff(self.handoff_dir, self.shard, self.handoff)
            return
        try:
            postbuild.check_links(config.site_dir, self.handoff)
        except postbuild.PostBuildFailed as err:
            raise PluginError(str(err)) from None
        if self.serving:
            if self.indexing is not None:
                self.indexing.join()  # one index at a time in the preview folder
            self.indexing = threading.Thread(target=self._index_quietly, args=(config.site_dir, self.handoff),
                                             daemon=True)
            self.indexing.start()
            return
        try:
            postbuild.index(config.site_dir, self.handoff)
        except postbuild.PostBuildFailed as err:
            raise PluginError(str(err)) from None

    @staticmethod
    def _index_quietly(site_dir: str, handoff: Handoff) -> None:
        try:
            postbuild.index(site_dir, handoff)
        except postbuild.PostBuildFailed as err:
            log.warning(str(err))

    def _unit_of(self, src_uri: str) -> str | None:
        if src_uri in self.pages:
            return self.pages[src_uri].unit_id
        item = self.posts.get(src_uri) or self.questions.get(src_uri)
        return item.unit_id if item else None
