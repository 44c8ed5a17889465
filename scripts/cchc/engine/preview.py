"""`cchc serve`: the preview, rebuilt incrementally on every saved change, on 127.0.0.1.

It is the build of `cchc build` (engine/parallel.py, same cache, same pages),
into a private folder, served by a small server of our own: each HTML page
gets one external script (preview_client.js) that waits for the next build and
reloads the page, or shows the data problems at their positions, the last good
build staying in view. The pages keep the policy they are published with.
The search index follows a moment after the pages, made in the background.

Stopping (Ctrl+C or SIGTERM) ends the server, the watcher and any engine
process of a build under way.
"""

from __future__ import annotations

import html
import http.server
import json
import os
import shutil
import signal
import threading
import time
from typing import Callable
from urllib.parse import unquote, urlsplit

from ..check import output as problem_output
from ..publish import postbuild
from ..publish.handoff import Handoff
from ..search import index as search_index
from . import parallel

PREVIEW_DIR = ".cchc-xem-truoc"  # in the portal's root, ignored by git
CLIENT_PATH = "/__cchc/tai-lai.js"
STATE_PATH = "/__cchc/trang-thai"
CLIENT_TAG = f'<script src="{CLIENT_PATH}" defer></script>'
WAIT_SECONDS = 20  # a browser's request for the next build is answered at the latest after this
POLL_SECONDS = 0.2  # how often the data folders are looked at
WATCHED = ("plans", "content", "theme")
INDEX_PREFIX = "chi-muc-"


class Stopped(Exception):
    """SIGTERM: leave the way Ctrl+C does, through every `finally`."""


class PreviewState:
    """The build the browsers see: a number that changes with every build, and the problems."""

    def __init__(self):
        self.version = 0
        self.problems: list[str] = []
        self.base_path = "/"
        self.index_dir: str | None = None  # the newest finished search index, served at pagefind/
        self.changed = threading.Condition()

    def publish(self, problems: list[str], base_path: str | None = None) -> None:
        with self.changed:
            self.version += 1
            self.problems = problems
            if base_path:
                self.base_path = base_path if base_path.endswith("/") else base_path + "/"
            self.changed.notify_all()

    def wait_after(self, seen: int | None) -> dict:
        with self.changed:
            if seen is not None and seen == self.version:
                self.changed.wait_for(lambda: self.version != seen, timeout=WAIT_SECONDS)
            return {"version": self.version, "problems": self.problems}


def handler_for(site_dir: str, state: PreviewState) -> type[http.server.BaseHTTPRequestHandler]:
    client = _client_script()

    class PreviewHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # the terminal is for build news and data problems
            pass

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self):
            path = urlsplit(self.path).path
            if path == CLIENT_PATH:
                return self._send(200, "text/javascript; charset=utf-8", client)
            if path == STATE_PATH:
                query = urlsplit(self.path).query
                seen = query[2:] if query.startswith("v=") else ""
                answer = state.wait_after(int(seen) if seen.isdigit() else None)
                return self._send(200, "application/json; charset=utf-8", json.dumps(answer).encode("utf-8"))
            if not os.path.isdir(site_dir):  # the first build failed: say why, and wait for a fix
                return self._send(503, "text/html; charset=utf-8", _problem_page(state.problems))
            if path == "/" and state.base_path != "/":
                self.send_response(302)
                self.send_header("Location", state.base_path)
                self.end_headers()
                return None
            return super().do_GET()

        def translate_path(self, path):
            path = unquote(urlsplit(path).path)
            if state.base_path != "/" and path.startswith(state.base_path):
                path = "/" + path[len(state.base_path):]
            relative = os.path.normpath(path.lstrip("/"))
            if relative.startswith("..") or os.path.isabs(relative):
                return os.path.join(site_dir, "__khong_co__")
            index_dir = state.index_dir
            bundle = search_index.BUNDLE_DIR + os.sep
            if index_dir and relative.startswith(bundle):
                return os.path.join(index_dir, relative[len(bundle):])
            return os.path.join(site_dir, relative) if relative != "." else site_dir

        def list_directory(self, path):
            self.send_error(404, "Không có trang này")
            return None

        def send_head(self):
            path = self.translate_path(self.path)
            if os.path.isdir(path):
                path = os.path.join(path, "index.html")
            if path.endswith(".html") and os.path.isfile(path):
                with open(path, "rb") as page:
                    body = page.read()
                body = body.replace(b"</body>", CLIENT_TAG.encode("ascii") + b"</body>", 1)
                self._send(200, "text/html; charset=utf-8", body)
                return None
            return super().send_head()

        def _send(self, code: int, kind: str, body: bytes):
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return None

    return PreviewHandler


def _client_script() -> bytes:
    with open(os.path.join(os.path.dirname(__file__), "preview_client.js"), "rb") as script:
        return script.read()


def _problem_page(problems: list[str]) -> bytes:
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Chưa dựng được bản xem trước'
            f'</title></head><body><h1>Chưa dựng được bản xem trước</h1><p>Sửa các lỗi dưới đây rồi lưu tệp; '
            f'trang tự tải lại.</p><ul>{items}</ul>{CLIENT_TAG}</body></html>').encode("utf-8")


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


class Preview:
    def __init__(self, root: str, config_file: str, log: Callable[[str], None]):
        self.root = root
        self.config_file = config_file
        self.log = log
        self.folder = os.path.join(root, PREVIEW_DIR)
        self.site_dir = os.path.join(self.folder, "site")
        self.state = PreviewState()
        self.indexing: threading.Thread | None = None

    def build(self) -> None:
        """One incremental build; problems go to the terminal and to every open page."""
        started = time.perf_counter()
        try:
            handoff = parallel.build_site(self.root, self.config_file, self.site_dir, log=lambda _: None,
                                          preview=True)
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
        self.state.publish([], handoff.base_path)
        self.log(f"Đã cập nhật bản xem trước ({time.perf_counter() - started:.1f} s).")
        self._index_later(handoff)

    def _index_later(self, handoff: Handoff) -> None:
        """The search index of the new pages, made beside the preview and swapped in."""
        if not handoff.search:
            return
        if self.indexing is not None:
            self.indexing.join()
        self.indexing = threading.Thread(target=self._index, args=(handoff,), daemon=True)
        self.indexing.start()

    def _index(self, handoff: Handoff) -> None:
        """Each index in its own folder; the server switches to it once it is complete."""
        version = self.state.version
        scratch = os.path.join(self.folder, f"{INDEX_PREFIX}{version}")
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
        try:
            postbuild.index(scratch, handoff)
        except postbuild.PostBuildFailed as err:
            self.log(str(err))
            return
        self.state.index_dir = os.path.join(scratch, search_index.BUNDLE_DIR)
        for name in os.listdir(self.folder):
            if name.startswith(INDEX_PREFIX) and name != os.path.basename(scratch):
                shutil.rmtree(os.path.join(self.folder, name), ignore_errors=True)

    def watch(self, stop: threading.Event) -> None:
        seen = snapshot(self.root, self.config_file)
        while not stop.wait(POLL_SECONDS):
            now = snapshot(self.root, self.config_file)
            if now == seen:
                continue
            time.sleep(0.05)  # an editor saving in two steps: take the second too
            seen = snapshot(self.root, self.config_file)
            self.build()


def run(root: str, config_file: str, dev_addr: str, log: Callable[[str], None]) -> int:
    host, _, port_text = dev_addr.rpartition(":")
    if not port_text.isdigit() or not host:
        log(f"Địa chỉ '{dev_addr}' không hợp lệ: dùng dạng 127.0.0.1:8000.")
        return 1
    preview = Preview(root, config_file, log)
    os.makedirs(preview.folder, exist_ok=True)
    try:
        server = http.server.ThreadingHTTPServer((host, int(port_text)), handler_for(preview.site_dir, preview.state))
    except OSError as err:
        log(f"Không mở được {dev_addr} ({err.strerror}): cổng đang bận? Thử --dev-addr 127.0.0.1:8001.")
        return 1
    server.daemon_threads = True

    def stop_on_term(_signum, _frame):
        raise Stopped()

    previous = signal.signal(signal.SIGTERM, stop_on_term)
    stop = threading.Event()
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    try:
        log("Đang dựng bản xem trước...")
        serving.start()  # from the start: a browser opened early sees the problems or waits
        preview.build()
        log(f"Xem trước tại http://{dev_addr}{preview.state.base_path} (tự tải lại khi lưu tệp; Ctrl+C để dừng).")
        preview.watch(stop)
    except (KeyboardInterrupt, Stopped):
        log("Đã dừng bản xem trước.")
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        signal.signal(signal.SIGTERM, previous)
    return 0
