"""The only module that knows mkdocs: each mkdocs event becomes one call of the core's BuildSession.

Page composition, the per-page policy and collection, and the post-build
stage all live in the core (engine/session.py); this adapter translates
mkdocs' objects and errors, and nothing more.
"""

from __future__ import annotations

import functools
import logging
import os

import jinja2
from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from .. import cms
from ..base import engine_packages
from ..check import output as problem_output
from ..compute.pacing import DEFAULT_STALE_DAYS
from ..pages import template_cache
from ..pages.outputs import OutputFile
from ..publish.postbuild import PostBuildFailed
from .fragments import DISABLE_ENV, Fragments
from .mkdocs_render import ReusedConverter
from .run_settings import RunSettings
from .session import BuildSession, SiteOptions

log = get_plugin_logger(__name__)
SKIP_TEMPLATE = "cchc-other-shard.html"  # renders nothing: mkdocs then writes no file for the page
THEME_PREFIX = "cchc-theme"  # "cchc-theme/partials/nav.html": the theme's own template, under our override
# Run after every other plugin: the policy must hash the scripts a page finally has, and staff HTML
# must pass the sanitiser whatever another plugin did to it.
LAST = -100


class CoreFile(File):
    """A file the core makes (feed, report, open data): listed in every process, since pages link to
    it, but made and written only by the process whose shard owns it."""

    output: OutputFile
    writes: bool

    @classmethod
    def of(cls, config, output: OutputFile, writes: bool) -> "CoreFile":
        file = cls.generated(config, output.src_uri, content=b"")
        assert isinstance(file, CoreFile)
        file.output, file.writes = output, writes
        return file

    def copy_file(self, dirty: bool = False) -> None:
        if self.writes:
            self._content = self.output.data
            super().copy_file(dirty)


def _copy_nothing(dirty: bool = False) -> None:
    pass


def _render_nothing(page, config, files) -> None:
    page.content, page.present_anchor_ids = "", set()


def nav_key(page, nav, base_url: str):
    """What the navigation and the tabs of `page` depend on (engine/fragments.py): on a page that is
    not in the navigation nothing is marked active, so the relative addresses of the navigation's
    pages and of the site's root say it all. None for a page in the navigation (it is marked there)."""
    if nav is None or page in nav.pages or (page.meta and page.meta.get("hide")):
        return None
    return (base_url, tuple(get_relative_url(item.url, page.url) for item in nav.pages))


class CchcConfig(Config):
    enabled = opt.Type(bool, default=True)
    plans_dir = opt.Type(str, default="plans")
    templates_dir = opt.Type(str, default="theme/cchc")
    posts_per_page = opt.Type(int, default=10)
    qa_overdue_days = opt.Type(int, default=15)
    stale_days = opt.Type(int, default=DEFAULT_STALE_DAYS)  # issue #16: "Chưa cập nhật" after this many days
    search = opt.Type(bool, default=True)


def quiet_worker_log(run: RunSettings) -> None:
    """In an engine process `cchc build` started, mkdocs' build module says only what is wrong. Its
    log is read when the process fails, and it said "Page skipped" at INFO for each page that another
    shard or the last build writes: thousands of lines, a third of a second of a province's build."""
    if run.is_worker:
        logging.getLogger("mkdocs.commands.build").setLevel(logging.WARNING)


class CchcPlugin(BasePlugin[CchcConfig]):
    serving = False
    session: BuildSession

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        self._converter: ReusedConverter | None = None  # made at the first page: plugins may add extensions
        if not self.config.enabled:
            return config
        root = os.path.dirname(os.path.abspath(config.config_file_path))
        theme_dir = config.theme.custom_dir or os.path.join(root, "theme")
        options = SiteOptions(docs_dir=os.path.relpath(os.path.abspath(config.docs_dir), root),
                              plans_dir=self.config.plans_dir, templates_dir=self.config.templates_dir,
                              theme_dir=os.path.relpath(os.path.abspath(theme_dir), root),
                              site_url=config.site_url or "", directory_urls=config.use_directory_urls,
                              posts_per_page=self.config.posts_per_page, overdue_days=self.config.qa_overdue_days,
                              search=self.config.search, stale_days=self.config.stale_days, strict=config.strict,
                              config_file=os.path.relpath(config.config_file_path, root))
        run = RunSettings.from_env()
        quiet_worker_log(run)
        self.session = BuildSession(root, options, run, self.serving, log.warning, engine_packages.versions())
        config.extra["cchc_demo"] = self.session.is_demo  # theme/main.html shows the "Bản thử nghiệm" banner
        if self.session.run.shard.count > 1 or self.session.run.reuse_file:
            # A page of another shard, or one reused from the last build, is not rendered here, so mkdocs
            # cannot see its anchors; the post-build link check, which also checks anchors, runs once
            # over the whole site instead.
            config.validation.links.anchors = min(config.validation.links.anchors, logging.INFO)
        result = self.session.load()
        for warning in (p for p in result.problems if not p.is_error):
            log.warning(problem_output.format_text(warning))
        errors = self.session.stopping(result)
        if errors:
            listing = "\n".join(problem_output.format_text(p) for p in errors)
            raise PluginError(f"Dữ liệu có {len(errors)} lỗi, không dựng trang:\n{listing}")
        log.info(problem_output.summary(result.problems, result.files_checked))
        if result.portal.posts and not options.site_url:
            log.warning("Chưa đặt site_url trong mkdocs.yml: không tạo được bản tin RSS/Atom (cần địa chỉ đầy đủ).")
        # Known before any page is read: every page's fingerprint includes it (mkdocs calls on_env later).
        self.identity = self.session.identity(config.site_name, config.theme.get("logo"))
        for folder in self.session.watched_folders():
            if folder not in config.watch:
                config.watch.append(folder)
        return config

    def on_files(self, files: Files, *, config):
        if not self.config.enabled:
            return files
        for file in list(files):
            if self.session.is_unpublished(file.src_uri):
                files.remove(file)
        docs_dir = os.path.abspath(config.docs_dir)
        for page in self.session.generated_pages():
            file = File.generated(config, page.src_uri, content="")
            if page.edit_path:
                # Point "edit this page" at the YAML staff change, not at the generated page.
                edit = os.path.join(self.session.root, page.edit_path)
                file.edit_uri = os.path.relpath(edit, docs_dir).replace(os.sep, "/")
            files.append(file)
        admin = cms.admin_files(self.session.site.portal, self.session.root, config.site_name)  # /quan-tri/
        for output in self.session.static_files() + admin:
            files.append(CoreFile.of(config, output, self.session.owns(output.src_uri)))
        return files

    def on_nav(self, nav, *, config, files):
        self._nav = nav  # kept, with the files and the environment, for the preview's next build
        if self.config.enabled:
            if self.session.fork_shards([file.src_uri for file in files.documentation_pages()]):
                self._become_other_shard(config, files)
            else:  # its shard may have grown to take the pages of shards not forked
                for file in files:
                    if isinstance(file, CoreFile):
                        file.writes = self.session.owns(file.src_uri)
        return nav

    def _become_other_shard(self, config, files: Files) -> None:
        """In a forked shard's process: its own output folder; the theme's and staff's files are the
        first shard's to copy (the parent merges the folders)."""
        config.site_dir = self.session.run.output_dir()
        for file in files:
            file.dest_dir = config.site_dir
            file.__dict__.pop("abs_dest_path", None)  # a cached_property of mkdocs' File
            if isinstance(file, CoreFile):
                file.writes = self.session.owns(file.src_uri)
            elif not file.is_documentation_page():
                file.copy_file = _copy_nothing  # type: ignore[method-assign]

    def on_env(self, env, *, config, files):
        if self.config.enabled:
            self.last_build = (files, self._nav, env)  # whose site this is, for the theme's header, logo and 404 page (pages/identity.py)
            env.globals["cchc_site"] = self.identity
            fragments = env.globals["cchc_fragment"] = Fragments()
            original = [d for d in config.theme.dirs if d != config.theme.custom_dir]
            env.loader = jinja2.ChoiceLoader([env.loader, jinja2.DictLoader({SKIP_TEMPLATE: ""}),
                                              jinja2.PrefixLoader({THEME_PREFIX: jinja2.FileSystemLoader(original)})])
            template_cache.attach(env)  # the theme's templates, compiled once per machine (pages/template_cache.py)
            # theme/partials/language.html asks this for each interface string.
            material_language = env.get_template(f"{THEME_PREFIX}/partials/language.html").make_module({"config": config})
            env.globals["cchc_ui_text"] = fragments.remembered(material_language.t)
        return env

    def on_page_read_source(self, *, page, config):
        if not self.config.enabled or page.file.generated_by:
            return None
        file = page.file
        return self.session.markdown_for_engine(file.src_uri, file.abs_src_path, lambda: file.content_string)

    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled:
            return markdown
        src = page.file.src_uri
        written_here = self.session.renders(src, markdown)
        if not written_here:
            page.meta["template"] = SKIP_TEMPLATE
        titled = self.session.title_of(src)
        if titled:
            # Themes render page.meta with autoescape off: hand them escaped markup.
            page.meta["title"], page.meta["description"] = escape(titled[0]), escape(titled[1])
            if not written_here or (page.file.generated_by and not markdown.strip()):
                # Its title is known without its text, and another process (or build) writes it, or
                # the core makes all of its content: mkdocs need not set up a Markdown converter for it.
                page.render = functools.partial(_render_nothing, page)
                return ""
        if written_here:
            # The preview keeps its pages between builds: one not written last time holds _render_nothing.
            page.__dict__.pop("render", None)
            if os.environ.get(DISABLE_ENV) != "1":
                if self._converter is None:
                    self._converter = ReusedConverter(config)
                page.render = functools.partial(self._converter.render, page)
        return markdown

    @event_priority(LAST)
    def on_page_content(self, html, *, page, config, files):
        if not self.config.enabled or not self.session.writes(page.file.src_uri):
            return html
        return self.session.content(page.file.src_uri, html)

    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled and self.session.writes(page.file.src_uri):
            context["cchc_unit_count"] = self.session.unit_count()
            context["cchc_footer"] = Markup(self.session.footer(page.file.src_uri))
            context["cchc_nav_key"] = nav_key(page, nav, context["base_url"])
        return context

    @event_priority(LAST)
    def on_post_page(self, output, *, page, config):
        if not self.config.enabled:
            return output
        return self._written(page.file.dest_uri, output, is_page=True, src_uri=page.file.src_uri)

    @event_priority(LAST)
    def on_post_template(self, output_content, *, template_name, config):
        if not self.config.enabled:
            return output_content
        return self._written(template_name, output_content, is_page=False)

    def _written(self, dest_uri: str, html: str, is_page: bool, src_uri: str | None = None) -> str:
        try:
            return self.session.written(dest_uri, html, is_page, src_uri)
        except PostBuildFailed as err:
            raise PluginError(str(err)) from None

    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        try:
            self.session.finish(config.site_dir)
        except PostBuildFailed as err:
            raise PluginError(str(err)) from None
