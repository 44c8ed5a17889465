"""The only module that knows mkdocs: adapts the core to mkdocs build events.

Another engine can reuse `project.load_portal` and `pages.PageBuilder`
the same way this adapter does.
"""

from __future__ import annotations

import os

from markupsafe import escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import reporting
from .pages import OutputPage, PageBuilder
from .project import load_portal

log = get_plugin_logger(__name__)


class CchcConfig(Config):
    enabled = opt.Type(bool, default=True)
    plans_dir = opt.Type(str, default="plans")
    templates_dir = opt.Type(str, default="theme/cchc")


class CchcPlugin(BasePlugin[CchcConfig]):
    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.root = os.path.dirname(os.path.abspath(config.config_file_path))
        result = load_portal(self.root, self.config.plans_dir)
        errors = [p for p in result.problems if p.is_error]
        for warning in (p for p in result.problems if not p.is_error):
            log.warning(reporting.format_text(warning))
        if errors:
            listing = "\n".join(reporting.format_text(p) for p in errors)
            raise PluginError(f"Dữ liệu có {len(errors)} lỗi, không dựng trang:\n{listing}")
        log.info(reporting.summary(result.problems, result.files_checked))
        self.portal = result.portal
        for watched in (self.config.plans_dir, self.config.templates_dir):
            path = os.path.join(self.root, watched)
            if os.path.isdir(path) and path not in config.watch:
                config.watch.append(path)
        self.pages: dict[str, OutputPage] = {}
        return config

    def on_files(self, files: Files, *, config):
        if not self.config.enabled:
            return files
        builder = PageBuilder(self.portal, self.root, os.path.join(self.root, self.config.templates_dir),
                              config.use_directory_urls)
        docs_dir = os.path.abspath(config.docs_dir)
        for page in builder.pages():
            self.pages[page.src_uri] = page
            file = File.generated(config, page.src_uri, content="")
            if page.edit_path:
                # Point "edit this page" at the YAML staff change, not at the generated page.
                file.edit_uri = os.path.relpath(os.path.join(self.root, page.edit_path), docs_dir).replace(os.sep, "/")
            files.append(file)
        for output in builder.files(self._read_source):
            files.append(File.generated(config, output.src_uri, content=output.content))
        return files

    def _read_source(self, relative_path: str) -> bytes:
        with open(os.path.join(self.root, relative_path), "rb") as handle:
            return handle.read()

    def on_page_markdown(self, markdown, *, page, config, files):
        ours = self.config.enabled and self.pages.get(page.file.src_uri)
        if ours:
            # Themes render page.meta with autoescape off: hand them escaped markup.
            page.meta["title"] = escape(ours.title)
            page.meta["description"] = escape(ours.description)
        return markdown

    def on_page_content(self, html, *, page, config, files):
        ours = self.config.enabled and self.pages.get(page.file.src_uri)
        return ours.html if ours else html
