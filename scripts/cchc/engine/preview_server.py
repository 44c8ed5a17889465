"""The preview's own HTTP server (engine/preview.py builds, this serves): the last good build's pages,
each with one external script (preview_client.js) that waits for the next build and reloads the page
or shows the data problems; the newest search index under pagefind/; a page of problems while no
build has succeeded yet."""

from __future__ import annotations

import html
import http.server
import json
import os
import threading
from urllib.parse import unquote, urlsplit

from ..search import index as search_index

CLIENT_PATH = "/__cchc/tai-lai.js"
STATE_PATH = "/__cchc/trang-thai"
CLIENT_TAG = f'<script src="{CLIENT_PATH}" defer></script>'
WAIT_SECONDS = 20  # a browser's request for the next build is answered at the latest after this


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


def serve(host: str, port: int, site_dir: str, state: PreviewState) -> http.server.ThreadingHTTPServer:
    """The server, listening (raises OSError when the port is taken); one thread per request, none of
    them holding up the exit."""
    server = http.server.ThreadingHTTPServer((host, port), handler_for(site_dir, state))
    server.daemon_threads = True
    return server
