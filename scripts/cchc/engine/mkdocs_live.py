"""The preview's engine process: mkdocs kept loaded between the builds of `cchc serve`.

`cchc build` starts fresh engine processes; a preview doing that on every save
pays each time for starting Python and mkdocs, reading every data file and
composing every page. This process stays up between saves. Its first build,
and any build after a change it cannot bound (theme, configuration, a file
added or removed, the site's identity), is mkdocs' own build with the plugin
(engine/mkdocs_plugin.py). After an edit of data files it re-reads the data,
then runs mkdocs' page steps only for the pages of the units the edit touched
and the site-wide pages; every other page is reused from the last build, as
an unchanged page is in any incremental build. The result is checked against
full builds by tests/test_incremental.py.

Like every module that imports mkdocs it is part of the adapter. One request
and one answer per line, JSON, on stdin and stdout:
    {"run": <RunSettings.to_env() value>, "out": <folder>, "changed": [paths] or null}
    {"code": 0 or 1, "log": <mkdocs' messages>, "partial": true or false}
"""

from __future__ import annotations

import gc
import io
import json
import logging
import os
import sys

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

from .. import cms
from ..source import memo
from .fragments import Fragments
from .mkdocs_plugin import CchcPlugin
from .run_settings import ENV, RunSettings
from .session import BuildSession
from .touched import untouched


class _Full(Exception):
    """This change needs a full build."""


class LiveEngine:
    def __init__(self, config_file: str):
        self.config_file = config_file
        self.config: MkDocsConfig | None = None
        self.plugin: CchcPlugin | None = None

    def build(self, run_value: str, out_dir: str, changed: list[str] | None) -> dict:
        os.environ[ENV] = run_value
        run = RunSettings.from_env()
        messages = io.StringIO()
        handler = logging.StreamHandler(messages)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        counter = CountHandler(level=logging.WARNING)
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(handler)
        mkdocs_log.addHandler(counter)
        partial = False
        try:
            if changed is not None and self.plugin is not None:
                # This process holds every page of the site after its first build: one full collection
                # of Python's garbage then takes a second at 11,000 pages, and an edit's build would
                # trigger one. It runs without; main() collects once the answer is out, while staff look
                # at the page. A full build keeps collection on: it makes much more garbage.
                gc.disable()
                try:
                    self._partial(run, out_dir, changed)
                    partial = True
                except _Full:
                    pass
                finally:
                    gc.enable()
            if not partial:
                self._full(out_dir)
            code = 1 if counter.counts.get(logging.WARNING) or counter.counts.get(logging.ERROR) else 0
        except (Abort, BuildError, SystemExit) as err:
            messages.write(f"ERROR   -  {err}\n")
            code = 1
        except Exception as err:  # a bug, or a theme template staff edited: reported, the preview goes on
            messages.write(f"Traceback (most recent call last):\n{type(err).__name__}: {err}\n")
            code = 1
        finally:
            mkdocs_log.removeHandler(handler)
            mkdocs_log.removeHandler(counter)
        if code:
            self.plugin = None  # after a failure the next build starts over
        return {"code": code, "log": messages.getvalue(), "partial": partial}

    def _full(self, out_dir: str) -> None:
        config = load_config(config_file=self.config_file, site_dir=out_dir, strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build.build(config)
        self.config = config
        plugin = config.plugins["cchc"]
        assert isinstance(plugin, CchcPlugin)
        self.plugin = plugin

    def _partial(self, run: RunSettings, out_dir: str, changed: list[str]) -> None:
        plugin, config = self.plugin, self.config
        assert plugin is not None and config is not None
        old = plugin.session
        session = BuildSession(old.root, old.options, run, False, old.warn, old.engine_id)
        result = session.load()
        if session.stopping(result):
            for warning in (p for p in result.problems if not p.is_error):
                old.warn(str(warning))
            raise BuildError("data problems")  # the problems file is written: the parent reports them
        touched, kinds = session.touched_by(changed, old.owners())
        same_outputs = ({p.src_uri for p in session.generated_pages()} == {p.src_uri for p in old.generated_pages()}
                        and {f.src_uri for f in session.static_files()} == {f.src_uri for f in old.static_files()})
        identity = session.identity(config.site_name, config.theme.get("logo"))
        if (touched is None or not same_outputs or session.site.posts.keys() != old.site.posts.keys()
                or session.site.questions.keys() != old.site.questions.keys()
                or session.page_context != old.page_context or session.site_inputs() != old.site_inputs()):
            raise _Full()
        plugin.session, plugin.identity = session, identity
        files, nav, env = plugin.last_build
        env.globals["cchc_site"] = identity
        env.globals["cchc_fragment"] = Fragments()  # what the last build's pages shared is not trusted
        config["site_dir"] = out_dir
        os.makedirs(out_dir, exist_ok=True)
        doc_files = files.documentation_pages()
        to_write = []
        for file in doc_files:
            unit = session.site.unit_of(file.src_uri)
            if untouched(unit, session.site.reads(file.src_uri), touched, kinds) and session.reuse_unchecked(file.src_uri):
                continue  # a page of a unit, or of kinds of data, the edit did not touch: the last build's
            mkdocs_build._populate_page(file.page, config, files)
            if session.writes(file.src_uri):
                to_write.append(file.page)
        for page in to_write:
            page.file.dest_dir = out_dir  # this build's own folder (mkdocs caches the path it makes of it)
            page.file.__dict__.pop("abs_dest_path", None)
            mkdocs_build._build_page(page, config, doc_files, nav, env)
        # The core's own files (feeds, open data, reports, the admin) of the touched units and of the
        # whole site are made again, over the same files (the parent moves what this folder holds into
        # the preview's site); the other units' files, theme assets, the sitemap and the 404 page are
        # the last build's (same pages, same identity).
        for output in session.static_files() + cms.admin_files(session.site.portal, session.root, config.site_name):
            if not untouched(output.unit_id, output.reads, touched, kinds):
                File.generated(config, output.src_uri, content=output.data).copy_file()
        session.collector.handoff.partial = True
        session.finish(out_dir)


def main() -> int:
    memo.remember_parses()  # this process reads every file again on each save
    engine = LiveEngine(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml")
    answers = sys.stdout
    sys.stdout = sys.stderr  # only answers on the protocol's stream
    for line in sys.stdin:
        request = json.loads(line)
        answer = engine.build(request["run"], request["out"], request.get("changed"))
        answers.write(json.dumps(answer, ensure_ascii=False) + "\n")
        answers.flush()
        if answer["partial"]:
            gc.collect()  # what the edit's build left, after the answer (LiveEngine.build)
    return 0


if __name__ == "__main__":
    sys.exit(main())
