"""`cchc serve`: the preview, rebuilt incrementally on every saved change, on 127.0.0.1.

It is the build of `cchc build` (engine/parallel.py, same cache, same pages),
into a private folder, served by a small server of our own (preview_server.py): each HTML page
gets one external script (preview_client.js) that waits for the next build and
reloads the page, or shows the data problems at their positions, the last good
build staying in view. The pages keep the policy they are published with.
The search index follows a moment after the pages, made in the background.

Stopping (Ctrl+C or SIGTERM) ends the server, the watcher and any engine
process of a build under way.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from typing import Callable

from ..base import processes
from ..check import output as problem_output
from ..publish import build_cache, linkcheck, postbuild
from ..publish.link_baseline import LinkBaseline
from ..publish.handoff import Handoff
from ..search import apart as search_apart, index as search_index
from . import parallel
from .preview_server import PreviewState, serve
from .run_settings import ENV, RunSettings

PREVIEW_DIR = ".cchc-xem-truoc"  # in the portal's root, ignored by git
POLL_SECONDS = 0.2  # how often the data folders are looked at
WATCHED = ("plans", "content", "theme")
INDEX_PREFIX = "chi-muc-"
BACKGROUND_NICENESS = 10  # the link check and the index, after a build is shown


class Stopped(Exception):
    """SIGTERM: leave the way Ctrl+C does, through every `finally`."""


class _Superseded(Exception):
    """A newer build came while the links of this one were being checked."""


def snapshot(root: str, config_file: str) -> dict[str, tuple[int, int]]:
    """Every watched file with its modification time and size."""
    found: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        for folder, dirs, names in os.walk(os.path.join(root, name)):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for file_name in names:
                path = os.path.join(folder, file_name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                found[path] = (info.st_mtime_ns, info.st_size)
    config = os.path.join(root, config_file)
    if os.path.exists(config):
        info = os.stat(config)
        found[config] = (info.st_mtime_ns, info.st_size)
    return found


class LiveEngine:
    """The preview's one engine process (engine/mkdocs_live.py), kept between builds; it runs the
    shard of `parallel.build_site` and is told which files changed since the last good build."""

    def __init__(self, root: str, config_file: str):
        self.root = root
        self.config_file = config_file
        self.process: subprocess.Popen | None = None
        self.changed: list[str] | None = None

    def __call__(self, root: str, config_file: str, staging: str, runs: list[RunSettings], outputs: list[str],
                 strict: bool) -> None:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen([sys.executable, "-m", "cchc.engine.mkdocs_live", self.config_file],
                                            cwd=self.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
            self.changed = None  # a new process knows nothing yet
        assert self.process.stdin is not None and self.process.stdout is not None
        request = {"run": runs[0].to_env()[ENV], "out": outputs[0], "changed": self.changed}
        self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            self.process = None
            raise parallel.BuildFailed("Tiến trình dựng của bản xem trước dừng đột ngột; lần lưu sau sẽ dựng lại.")
        answer = json.loads(line)
        if answer["code"]:
            parallel.raise_failure(runs[0], answer["log"])

    def stop(self) -> None:
        processes.stop(self.process)


class Preview:
    def __init__(self, root: str, config_file: str, log: Callable[[str], None]):
        self.root = root
        self.config_file = config_file
        self.log = log
        self.folder = os.path.join(root, PREVIEW_DIR)
        self.site_dir = os.path.join(self.folder, "site")
        self.state = PreviewState()
        self.indexing: threading.Thread | None = None
        self.wanted_index = 0
        self.engine = LiveEngine(root, config_file)
        self.pending: set[str] | None = None  # files changed since the last good build; None: build all
        self.cache: build_cache.BuildCache | None = None  # what the last good build may lend the next
        self.links = LinkBaseline()
        # Cleared while the watcher looks at the files: the link check, pure Python, then waits. Beside
        # it each of the watcher's thousands of stat() calls waited for Python's lock (0.03 s alone,
        # up to seconds beside it), and a save showed that much later.
        self.watcher_idle = threading.Event()
        self.watcher_idle.set()

    def build(self, changed: set[str] | None = None) -> None:
        """One incremental build; problems go to the terminal and to every open page."""
        started = time.perf_counter()
        if self.pending is not None and changed is not None:
            self.pending |= changed
        self.engine.changed = sorted(self.pending) if self.pending is not None else None
        search_index.pause_background()  # the last save's index and link check wait for this build
        try:
            built = parallel.build_site(self.root, self.config_file, self.site_dir, log=lambda _: None,
                                        jobs=1, preview=True, engine=self.engine, known=self.cache)
        except parallel.DataProblems as found:
            lines = [problem_output.format_text(problem) for problem in found.problems]
            self.log(f"Dữ liệu còn {problem_output.counts(found.problems)}; trang xem trước giữ bản đúng gần nhất:")
            for line in lines:
                self.log("  " + line)
            self.state.publish(lines)
            return
        except parallel.BuildFailed as err:
            self.log(str(err))
            self.state.publish(str(err).splitlines())
            return
        finally:
            search_index.resume_background()
        self.pending, self.cache = set(), built.cache
        self.state.publish([], built.handoff.base_path)
        self.log(f"Đã cập nhật bản xem trước: dựng {len(built.handoff.rendered)} trang, giữ nguyên "
                 f"{len(built.handoff.reused)} trang ({time.perf_counter() - started:.1f} s).")
        self._check_later(built.handoff)

    def _check_later(self, handoff: Handoff) -> None:
        """The link check and the search index of the new pages, after the pages are shown. The site's
        list of files is taken now, before the next build may change the folder, so that build need
        not wait for either."""
        version = self.state.version
        files = linkcheck.inventory(self.site_dir)
        written = self.links.note_build(handoff)
        threading.Thread(target=self._check_links, args=(handoff, version, files, written), daemon=True).start()
        if handoff.search:
            self.wanted_index = version
            self.indexing = threading.Thread(target=self._index, args=(handoff, version, self.indexing), daemon=True)
            self.indexing.start()

    def _check_links(self, handoff: Handoff, version: int, files: linkcheck.Inventory,
                     written: frozenset[str]) -> None:
        _yield_to_builds()
        if self.state.version != version:
            return  # a newer build came first: its own check follows
        only = self.links.pages_to_check(handoff, files, written)
        try:
            postbuild.check_links(self.site_dir, handoff, files, between=lambda: self._between_checks(version),
                                  only=only)
        except _Superseded:
            return  # the newer build's own check follows
        except postbuild.PostBuildFailed as err:
            self.links.failed()
            self.log(str(err))
            if self.state.version == version:  # not yet replaced by a newer build
                self.state.publish(str(err).splitlines())
            return
        self.links.passed(handoff, files, written, lambda: self.state.version == version)

    def _between_checks(self, version: int) -> None:
        search_index.wait_if_paused()
        self.watcher_idle.wait()
        if self.state.version != version:
            raise _Superseded()

    def _index(self, handoff: Handoff, version: int, previous: threading.Thread | None) -> None:
        """Each index in its own folder; the server switches to it once it is complete."""
        _yield_to_builds()
        if previous is not None:
            previous.join()  # one Pagefind at a time
        if self.wanted_index != version:
            return  # a newer build came while waiting: index that one only
        scratch = os.path.join(self.folder, f"{INDEX_PREFIX}{version}")
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
        try:
            postbuild.index(scratch, handoff, apart=True)  # in the preview's process it would slow the watcher
        except postbuild.PostBuildFailed as err:
            if not search_index.stopping():  # a preview stopped while indexing has nothing to report
                self.log(str(err))
            return
        self.state.index_dir = os.path.join(scratch, search_index.BUNDLE_DIR)
        for name in os.listdir(self.folder):
            if name.startswith(INDEX_PREFIX) and name != os.path.basename(scratch):
                shutil.rmtree(os.path.join(self.folder, name), ignore_errors=True)
            elif name.startswith(search_apart.PREFIX):  # one index at a time: left by a preview killed while indexing
                os.remove(os.path.join(self.folder, name))

    def watch(self, stop: threading.Event, seen: dict[str, tuple[int, int]]) -> None:
        """Build again after every change to the files of `seen` (taken before the last build)."""
        while not stop.wait(POLL_SECONDS):
            now = self._snapshot()
            if now == seen:
                continue
            time.sleep(0.05)  # an editor saving in two steps: take the second too
            now = self._snapshot()
            changed = {os.path.relpath(path, self.root) for path in set(now) | set(seen)
                       if now.get(path) != seen.get(path)}
            seen = now
            self.build(changed)

    def _snapshot(self) -> dict[str, tuple[int, int]]:
        self.watcher_idle.clear()
        try:
            return snapshot(self.root, self.config_file)
        finally:
            self.watcher_idle.set()


def _yield_to_builds() -> None:
    """Lower this thread's priority (and so that of the Pagefind it starts): on a machine with few
    cores the index of one save must not slow down the build of the next, which staff wait for."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)
    except (AttributeError, OSError):  # not Linux: each thread has its process's priority
        pass


def run(root: str, config_file: str, dev_addr: str, log: Callable[[str], None]) -> int:
    host, _, port_text = dev_addr.rpartition(":")
    if not port_text.isdigit() or not host:
        log(f"Địa chỉ '{dev_addr}' không hợp lệ: dùng dạng 127.0.0.1:8000.")
        return 1
    preview = Preview(root, config_file, log)
    os.makedirs(preview.folder, exist_ok=True)
    try:
        server = serve(host, int(port_text), preview.site_dir, preview.state)
    except OSError as err:
        log(f"Không mở được {dev_addr} ({err.strerror}): cổng đang bận? Thử --dev-addr 127.0.0.1:8001.")
        return 1

    stopping = threading.Event()

    def stop_once(_signum, _frame):
        # Ctrl+C pressed again, or SIGTERM repeated, while the preview stops: raised inside the clean-up
        # below, it would leave the engine running and show staff an error. The first one is enough.
        if not stopping.is_set():
            stopping.set()
            raise Stopped()

    previous = {number: signal.signal(number, stop_once) for number in (signal.SIGTERM, signal.SIGINT)}
    stop = threading.Event()
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    try:
        log("Đang dựng bản xem trước...")
        serving.start()  # from the start: a browser opened early sees the problems or waits
        seen = snapshot(root, config_file)
        preview.build()
        log(f"Xem trước tại http://{dev_addr}{preview.state.base_path} (tự tải lại khi lưu tệp; Ctrl+C để dừng).")
        preview.watch(stop, seen)
    except Stopped:
        log("Đã dừng bản xem trước.")
    finally:
        stopping.set()  # a failure stops the preview too: a signal now only waits for the clean-up
        stop.set()
        preview.engine.stop()
        search_index.stop_running()  # the index of the last save, if it is still being made
        server.shutdown()
        server.server_close()
        for number, handler in previous.items():
            signal.signal(number, handler)
    return 0
