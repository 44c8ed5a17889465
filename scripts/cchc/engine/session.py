"""One build as any engine runs it: the core's answers to the engine's questions, event by event.

An engine adapter (engine/mkdocs_plugin.py is one) owns a `BuildSession` and
calls it in this order:

    load()                                data checked; problems returned, errors stop the build
    generated_pages(), static_files()     what to add to the engine's file list
    is_unpublished(src)                   staff files to leave out (drafts)
    markdown_for_engine(src, path, read)  what the engine renders of a staff page
    title_of(src), owns(src)              titles, and which pages this process writes
    identity(site_name, logo)             whose site this is, for the theme
    renders(src, markdown)                whether this process writes the page (its shard, and it changed)
    content(src, html), footer(src)       a page's final content and contact block
    written(dest, html, is_page, src)     every file the engine writes, before it is saved
    finish(site_dir)                      links, search index (or the handoff of a worker)

Nothing here imports an engine, so another engine can drive the same build.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, replace
from typing import Callable
from urllib.parse import urlsplit

from .. import __version__
from ..base import build_mode, dates, routes
from ..base.problems import Problem, ProblemList
from ..check import output as problem_output
from ..compute.pacing import DEFAULT_STALE_DAYS
from ..model.load import LoadResult, load_portal
from ..pages.builder import PageBuilder
from ..pages import paths, staff_links
from ..pages.compose import SiteComposer
from ..pages.outputs import OutputFile, OutputPage, Settings
from ..pages import readiness as pages_readiness
from ..publish import build_cache, postbuild
from ..publish.collect import PageCollector
from ..source import discovery, frontmatter, memo
from ..source.discovery import files_under
from .run_settings import RunSettings
from . import forked_shards
from .shards import Shard, write_handoff
from .touched import Owners, source_digests, touched_units, untouched

# What the core adds around an engine's HTML, with this in place of it, is part of a page's fingerprint.
ENGINE_HTML = "<p>cchc-engine-html</p>"


@dataclass(frozen=True)
class SiteOptions:
    """The portal's own options, as the engine's configuration gives them."""

    docs_dir: str = "content"
    plans_dir: str = "plans"
    theme_dir: str = "theme"  # the theme override folder; its assets are published as they are
    templates_dir: str = "theme/cchc"
    site_url: str = ""
    directory_urls: bool = True
    posts_per_page: int = 10
    overdue_days: int = 15
    search: bool = True
    stale_days: int = DEFAULT_STALE_DAYS  # work without news for longer reads "Chưa cập nhật"
    strict: bool = False  # the engine's strict mode: data warnings stop the build too
    config_file: str = "mkdocs.yml"  # from the portal root: the readiness list shows positions in it


@functools.lru_cache(maxsize=1)
def _code_digest(package: str) -> str:
    """The package's files as this process loaded them: read once (a preview's engine lives long)."""
    return build_cache.digest_files([package], package)


class BuildSession:
    def __init__(self, root: str, options: SiteOptions, run: RunSettings | None = None, serving: bool = False,
                 warn: Callable[[str], None] = lambda _: None, engine_id: str = ""):
        self.root = os.path.abspath(root)
        self.engine_id = engine_id  # the engine and its versions: another engine renders other bytes
        self.options = options
        self.run = run or RunSettings()
        self.serving = serving
        self.warn = warn
        self.composer: SiteComposer | None = None
        self._static: list[OutputFile] | None = None
        # A demo published with sample data must say so on every page: a page without the banner fails.
        self.collector = PageCollector(urlsplit(options.site_url or "/").path or "/", options.search, preview=serving,
                                       required_on_every_page=build_mode.DEMO_BANNER if self.is_demo else None)
        self.background = postbuild.BackgroundIndex(warn) if serving else None
        self._site_inputs: str | None = None
        self._page_context = ""  # what every page shows of the whole portal (identity, unit count)
        self._reusable: dict[str, str] = {}  # source path -> fingerprint of the last good build's page
        self._before: dict = {}  # what the last good build recorded of its data files (input_facts())
        self._sources: dict[str, str] | None = None
        self._fingerprints: dict[str, str] = {}  # the pages this process renders
        self._staff_section: str | None = None
        self._children: list[int] = []  # the forked processes of the other shards (forked_shards.py)

    # -- before the engine lists its files --------------------------------------------------------------------
    def load(self) -> LoadResult:
        """Check all data; the composer is ready only when there are no errors.
        A worker of a parallel build also leaves every problem for the parent, which reports them."""
        # The files' digests before their data is read: a file saved while this build runs then differs
        # from what the cache records, and the next build looks at it again (never the other way round).
        # The bytes digested are the ones checked and rendered: each file is read once.
        memo.remember_bytes()
        self.sources()
        result = load_portal(self.root, self.options.plans_dir, self.options.docs_dir)
        if self.options.stale_days < 1:  # an option staff set: reported like their data, not as a crash
            result.problems.append(Problem("mkdocs.yml", None, "Tùy chọn stale_days của plugin cchc phải là số ngày "
                                                               f"lớn hơn 0 (đang là {self.options.stale_days})."))
        if result.ok:
            settings = Settings(site_url=self.options.site_url, directory_urls=self.options.directory_urls,
                                today=self.run.as_of or dates.as_of_date(), posts_per_page=self.options.posts_per_page,
                                overdue_days=self.options.overdue_days, stale_days=self.options.stale_days)
            templates = os.path.join(self.root, self.options.templates_dir)
            self.composer = SiteComposer(PageBuilder(result.portal, self.root, templates, settings))
            result.problems += self._site_problems()
            result.problems.sort(key=Problem.sort_key)
            self._reusable = self._read_reusable()
        if self.stopping(result) and self.run.is_worker:
            with open(self.run.problems_file(), "w", encoding="utf-8") as out:
                out.write(problem_output.dump_json(result.problems))
        return result

    def _read_reusable(self) -> dict[str, str]:
        """The pages the parent found intact in the last good build, if built from the same site inputs.
        The file is the parent's, written a moment ago in the private staging folder."""
        if not self.run.reuse_file:
            return {}
        with open(self.run.reuse_file, encoding="utf-8") as data:
            found = json.load(data)
        if found.get("site_inputs") != self.site_inputs():
            return {}
        self._before = found.get("inputs") or {}
        return found["pages"]

    def site_inputs(self) -> str:
        """A digest of what every page is made with besides its own data: the package's code and
        templates, the theme, the engine configuration, the as-of date, the build mode, the engine."""
        if self._site_inputs is None:
            package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            folders = [os.path.join(self.root, self.options.theme_dir), os.path.join(self.root, self.options.templates_dir)]
            config = build_cache.file_digest(os.path.join(self.root, self.options.config_file)) or ""
            self._site_inputs = build_cache.digest(
                str(build_cache.FORMAT), __version__, self.engine_id, _code_digest(package),
                build_cache.digest_files([f for f in folders if os.path.isdir(f)], self.root), config,
                repr(self.options), self.run.mode, self.site.builder.settings.today.isoformat(),
                os.environ.get("SOURCE_DATE_EPOCH", ""))
        return self._site_inputs

    def stopping(self, result: LoadResult) -> list[Problem]:
        """The problems that stop this build: errors, and in strict mode warnings too."""
        return [p for p in result.problems if p.is_error or self.options.strict]

    def _site_problems(self) -> list[Problem]:
        """What only the whole site shows: staff files published where another file is (pages/paths.py),
        and staff links to nothing the site publishes (pages/staff_links.py)."""
        docs = os.path.join(self.root, self.options.docs_dir)
        staff = [src for src in files_under(docs) if not self.site.is_unpublished(src)] if os.path.isdir(docs) else []
        theme_dir = os.path.join(self.root, self.options.theme_dir)
        assets = paths.theme_assets(theme_dir, os.path.join(self.root, self.options.templates_dir)) \
            if os.path.isdir(theme_dir) else []
        generated, static = self.generated_pages(), self.static_files()
        problems = paths.clashes(staff, self.options.docs_dir, generated, static, assets)
        published = set(staff) | {page.src_uri for page in generated} | {output.src_uri for output in static}
        published_key = build_cache.digest(*sorted(published))
        for src in staff:
            if src.endswith(".md"):
                problems += self._staff_link_problems(docs, src, published, published_key)
        return problems

    def _staff_link_problems(self, docs: str, src: str, published: set[str], published_key: str) -> list[Problem]:
        """One staff page's links to nothing the site publishes; the preview's engine, which lives
        between saves, reads again only the pages whose file or whose site changed."""
        shown = f"{self.options.docs_dir}/{src}"

        def check(_found) -> list[Problem]:
            text = frontmatter.read_text(os.path.join(docs, src), ProblemList(shown))
            if text is None:
                return []
            body, first_line = frontmatter.body_and_line(text)
            return staff_links.link_problems(shown, src, body, first_line, published)
        return memo.remembered(("staff-links", shown), (self.sources().get(shown), published_key), check)

    def watched_folders(self) -> list[str]:
        """Folders whose changes a preview must rebuild for, besides the engine's own."""
        return [os.path.join(self.root, folder) for folder in (self.options.plans_dir, self.options.templates_dir)
                if os.path.isdir(os.path.join(self.root, folder))]

    @property
    def site(self) -> SiteComposer:
        assert self.composer is not None, "load() found errors or was not called"
        return self.composer

    # -- listing ----------------------------------------------------------------------------------------------
    def generated_pages(self) -> list[OutputPage]:
        return self.site.generated_pages()

    def static_files(self) -> list[OutputFile]:
        if self._static is None:
            self._static = self.site.static_files(self._read_source)
        return self._static

    def _read_source(self, relative_path: str) -> bytes:
        return memo.file_bytes(os.path.join(self.root, relative_path))

    def is_unpublished(self, src_uri: str) -> bool:
        return self.site.is_unpublished(src_uri)

    def fork_shards(self, pages: list[str]) -> bool:
        """Once the engine has read the data and listed the site's `pages`: fork a process for each
        other shard (RunSettings.forks), or for fewer when few of the pages are to be composed (this
        process then takes the shards not forked). True in a forked process, which is from now on its
        own shard's."""
        if not self.run.forks:
            return False
        count = forked_shards.processes_for(self._to_compose(pages), self.run.shard.count, self.run.pages_per_process)
        if count < self.run.shard.count:
            self.run = replace(self.run, shard=Shard(0, count), forks=count > 1)
            self.collector.handoff.shard_count = count
            if count == 1:
                return False
        self.run, self._children = forked_shards.fork_other_shards(self.run)
        return self.run.shard.index != 0

    def _to_compose(self, pages: list[str]) -> int:
        """How many of `pages` this build composes: all but those an edit's bounds leave as they were."""
        return len(pages) if not self.run.pages_per_process else sum(1 for src in pages if not self._left_by_the_edit(src))

    def _left_by_the_edit(self, src_uri: str) -> bool:
        """Of a unit, or made from kinds of data, that no file changed since the last build holds: the
        last build's page, without composing it to find out (the preview's engine does the same)."""
        bounds = self.edit_bounds
        if bounds is None or src_uri not in self._reusable:
            return False
        return untouched(self.site.unit_of(src_uri), self.site.reads(src_uri), *bounds)

    def owns(self, src_uri: str) -> bool:
        return self.run.shard.owns(src_uri)

    def renders(self, src_uri: str, markdown: str) -> bool:
        """Whether this process writes the page: its shard owns it, and its fingerprint differs from
        the last good build's (then the parent places that build's output instead)."""
        if not self.owns(src_uri):
            return False
        if self._left_by_the_edit(src_uri):
            self.collector.handoff.reused.add(src_uri)
            return False
        fingerprint = self.page_fingerprint(src_uri, markdown)
        if self._reusable.get(src_uri) == fingerprint:
            self.collector.handoff.reused.add(src_uri)
            return False
        self._fingerprints[src_uri] = fingerprint
        return True

    @functools.cached_property
    def edit_bounds(self) -> tuple[set[str], set[str]] | None:
        """The units and kinds of data the files changed since the last good build hold, when that
        build recorded its files and the change is bounded (touched.py); None: fingerprint every page."""
        before = self._before
        if not before or before.get("outline") != self.outline() or before.get("page_context") != self.page_context:
            return None
        now, was = self.sources(), before.get("sources", {})
        changed = sorted(path for path in set(now) | set(was) if now.get(path) != was.get(path))
        units, kinds = self.touched_by(changed, {src: (unit, kind) for src, (unit, kind) in before.get("owners", {}).items()})
        return (units, kinds) if units is not None else None

    def touched_by(self, changed: list[str], owners_before: Owners) -> tuple[set[str] | None, set[str]]:
        """touched.touched_units() of files changed (paths from the portal root) since a build whose
        posts and questions belonged to `owners_before`."""
        folders = (os.path.normpath(f).replace(os.sep, "/") for f in (self.options.docs_dir, self.options.plans_dir))
        return touched_units(changed, owners_before, self.owners(), *folders)

    def sources(self) -> dict[str, str]:
        """Every file of the data and content folders (path from the portal root) and its digest."""
        if self._sources is None:
            self._sources = source_digests(self.root, (self.options.plans_dir, self.options.docs_dir))
        return self._sources

    def owners(self) -> Owners:
        """Each post's and question's unit and kind of data."""
        found: Owners = {src: (post.unit_id, discovery.POSTS) for src, post in self.site.posts.items()}
        found.update({src: (question.unit_id, discovery.QUESTIONS) for src, question in self.site.questions.items()})
        return found

    def outline(self) -> str:
        """Which pages and files the site has: an edit that adds or removes one is not bounded."""
        return build_cache.digest(json.dumps([sorted(p.src_uri for p in self.generated_pages()),
                                              sorted(f.src_uri for f in self.static_files()),
                                              sorted(self.site.posts), sorted(self.site.questions)]))

    def input_facts(self) -> dict:
        """What the next build compares its files with (recorded in the build cache)."""
        return {"sources": self.sources(), "owners": {src: list(owner) for src, owner in sorted(self.owners().items())},
                "outline": self.outline(), "page_context": self.page_context}

    def reuse_unchecked(self, src_uri: str) -> bool:
        """Reuse the last build's page without computing its fingerprint, for an engine that knows the
        page's inputs did not change (engine/mkdocs_live.py); False when that build has no such page."""
        if src_uri not in self._reusable or not self.owns(src_uri):
            return False
        self.collector.handoff.reused.add(src_uri)
        return True

    @property
    def page_context(self) -> str:
        return self._page_context

    def writes(self, src_uri: str) -> bool:
        """After renders(): whether this process writes the page."""
        return src_uri in self._fingerprints

    def page_fingerprint(self, src_uri: str, markdown: str) -> str:
        """Everything the page's output is made of (build_cache.py says why this is complete)."""
        return build_cache.digest(self.site_inputs(), self._page_context, src_uri, markdown,
                                  repr(self.title_of(src_uri)), self.content(src_uri, ENGINE_HTML),
                                  self.footer(src_uri), self.site.edit_path(src_uri) or "")

    # -- each page ----------------------------------------------------------------------------------------------
    def markdown_for_engine(self, src_uri: str, path: str | None, engine_read: Callable[[], str]) -> str:
        """What the engine renders of a staff page, from the bytes the data check read (and checked);
        `engine_read`: the engine's own reading, for a file gone since (the engine then says why)."""
        text = frontmatter.read_text(path, ProblemList(src_uri)) if path else None
        return self.site.markdown_for_engine(src_uri, engine_read() if text is None else text)

    def title_of(self, src_uri: str) -> tuple[str, str] | None:
        return self.site.title_of(src_uri)

    def identity(self, site_name: str, theme_logo: str | None):
        """Whose site this is, for the theme's header, logo and 404 page (pages/identity.py)."""
        found = self.site.identity(site_name, theme_logo)
        self._page_context = repr((found, self.unit_count()))
        return found

    @property
    def is_demo(self) -> bool:
        return self.run.mode == build_mode.DEMO

    def content(self, src_uri: str, engine_html: str) -> str:
        html = self.site.content(src_uri, engine_html)
        if src_uri == routes.STAFF_GUIDE and not build_mode.is_public(self.run.mode):
            # Staff's list of what stands before publishing: previews only, never the public site.
            if self._staff_section is None:  # assessed once: the fingerprint and the page both need it
                self._staff_section = pages_readiness.staff_section(self.site.builder, self.options.config_file,
                                                                    self.options.plans_dir, self.options.docs_dir)
            html += self._staff_section
        return html

    def footer(self, src_uri: str) -> str:
        return self.site.footer(src_uri)

    def unit_count(self) -> int:
        return len(self.site.portal.units)

    def written(self, dest_uri: str, html: str, is_page: bool, src_uri: str | None = None) -> str:
        """The file as it must be saved; `src_uri` for a page, which the build cache then records."""
        final = self.collector.written(dest_uri, html, is_page)
        if src_uri in self._fingerprints and final.strip():
            output = build_cache.digest_bytes(final.encode("utf-8", errors="xmlcharrefreplace"))
            self.collector.handoff.rendered[src_uri] = (self._fingerprints[src_uri], dest_uri, output)
        return final

    # -- after the last page ------------------------------------------------------------------------------------
    def finish(self, site_dir: str) -> None:
        """Raises postbuild.PostBuildFailed with the reasons the site must not be published."""
        handoff = self.collector.handoff
        handoff.site_inputs = self.site_inputs()
        if self.run.shard.index == 0:  # every process would find the same
            handoff.inputs = self.input_facts()
            handoff.bounded_units = sorted(self.edit_bounds[0]) if self.edit_bounds else None
        if self.run.is_worker:
            write_handoff(self.run.handoff_file(), handoff)
            failed = forked_shards.wait_for(self._children)
            if failed:
                raise postbuild.PostBuildFailed(f"{failed} tiến trình dựng song song thất bại (lý do ở trên).")
        elif self.background is not None:
            self.background.finish(site_dir, handoff)
        else:
            postbuild.finish(site_dir, handoff)
