"""The admin's local backend: decap-server behind a step that formats and checks every save.

Decap's proxy backend posts JSON actions to one URL. Reads go straight through to decap-server
(which reads and writes the working tree); a save (`persistEntry`, `persistMedia`, deletions)
is first rewritten into our conventions and checked as `cchc check` would, and refused with the
checker's Vietnamese messages, nothing written, when it would break the check. Only the preview's
own pages may call it: a page from elsewhere open in the same browser cannot write to the repository.
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import threading
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from ..check import output as reporting
from . import media
from .conventions import Refused, kind_of, rewrite
from .save_check import problems_after

MAX_REQUEST = 64 * 1024 * 1024  # base64 of the largest upload, with room to spare
WRITES = {"persistEntry", "persistMedia", "deleteFile", "deleteFiles"}


class SaveRefused(Exception):
    pass


class LocalApi:
    def __init__(self, root: str, decap_server: str, allowed_origins: set[str]):
        self.root = os.path.abspath(root)
        self.decap_server = decap_server  # http://127.0.0.1:<port>/api/v1
        self.allowed_origins = allowed_origins
        self.lock = threading.Lock()  # one save at a time: each is checked against the tree it changes

    def _original(self, path: str) -> str | None:
        try:
            with open(os.path.join(self.root, path), encoding="utf-8") as handle:
                return handle.read()
        except (OSError, UnicodeDecodeError):
            return None

    def _inside(self, path: str) -> str:
        path = path.replace("\\", "/").lstrip("/")
        full = os.path.abspath(os.path.join(self.root, path))
        if not full.startswith(self.root + os.sep):
            raise SaveRefused(f"Đường dẫn '{path}' nằm ngoài thư mục của cổng.")
        return path

    def prepare(self, body: dict) -> dict:
        """The request to hand decap-server, or SaveRefused with every reason."""
        action = body.get("action")
        params = body.get("params") or {}
        if action == "persistEntry":
            entry = params.get("entry")
            data_files = params.get("dataFiles") or ([entry] if entry else [])
            writes: dict[str, str | None] = {}
            reasons: list[str] = []
            for data_file in data_files:
                path = self._inside(data_file.get("newPath") or data_file["path"])
                if kind_of(path) is None:
                    raise SaveRefused(f"Trình sửa không ghi tệp '{path}': chỉ ghi bài viết, câu hỏi và tệp trong plans/.")
                try:
                    data_file["raw"] = rewrite(path, data_file["raw"], self._original(data_file["path"]))
                except Refused as refused:
                    reasons += [reporting.format_text(p) for p in refused.problems]
                    continue
                writes[path] = data_file["raw"]
                if data_file.get("newPath") and data_file["newPath"] != data_file["path"]:
                    writes[self._inside(data_file["path"])] = None
            uploads = self._check_assets(params.get("assets") or [], reasons)
            if reasons:
                raise SaveRefused("\n".join(reasons))
            self._check(writes, uploads)
        elif action == "persistMedia":
            media_reasons: list[str] = []
            self._check_assets([params.get("asset") or {}], media_reasons)
            if media_reasons:
                raise SaveRefused("\n".join(media_reasons))
        elif action in ("deleteFile", "deleteFiles"):
            paths = [params["path"]] if action == "deleteFile" else list(params.get("paths") or [])
            self._check({self._inside(p): None for p in paths if kind_of(self._inside(p))}, [])
        return body

    def _check_assets(self, assets: list[dict], reasons: list[str]) -> list[str]:
        uploads = []
        for asset in assets:
            path = self._inside(asset.get("path", ""))
            try:
                data = base64.b64decode(asset.get("content", ""), validate=False)
            except ValueError:
                data = b""
            reasons += media.upload_problems(path, data)
            uploads.append(path)
        return uploads

    def _check(self, writes: dict[str, str | None], uploads: list[str]) -> None:
        if not writes and not uploads:
            return
        problems = problems_after(self.root, writes, uploads)
        if problems:
            listing = "\n".join(reporting.format_text(p) for p in problems)
            raise SaveRefused(f"dữ liệu có {len(problems)} lỗi (cchc check):\n{listing}")

    def forward(self, body: dict) -> tuple[int, bytes]:
        request = urllib.request.Request(self.decap_server, data=json.dumps(body).encode("utf-8"),
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def handle(self, body: dict) -> tuple[int, bytes]:
        if body.get("action") not in WRITES:
            return self.forward(body)
        with self.lock:
            try:
                prepared = self.prepare(body)
            except SaveRefused as refused:
                return 422, json.dumps({"error": str(refused)}, ensure_ascii=False).encode("utf-8")
            return self.forward(prepared)


def _handler(api: LocalApi):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _origin(self) -> str | None:
            origin = self.headers.get("Origin")
            return origin if origin in api.allowed_origins else None

        def _send(self, status: int, body: bytes = b"", origin: str | None = None) -> None:
            self.send_response(status)
            if origin:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Vary", "Origin")
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_OPTIONS(self):
            origin = self._origin()
            self.send_response(204 if origin else 403)
            if origin:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", "Content-Type")
                self.send_header("Vary", "Origin")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self):
            origin = self._origin()
            if self.headers.get("Origin") and origin is None:
                self._send(403, json.dumps({"error": "Chỉ trang quản trị của máy này được ghi."}).encode())
                return
            if urlsplit(self.path).path.rstrip("/") != "/api/v1":
                self._send(404, b'{"error": "not found"}', origin)
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_REQUEST:
                self._send(413, json.dumps({"error": "Tệp gửi lên quá lớn."}, ensure_ascii=False).encode(), origin)
                return
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                self._send(400, b'{"error": "bad json"}', origin)
                return
            try:
                status, answer = api.handle(body)
            except Exception as err:  # a bug of ours: staff see a message, decap keeps the unsaved form
                answer = json.dumps({"error": f"Lỗi không mong đợi khi lưu ({type(err).__name__}: {err})."},
                                    ensure_ascii=False).encode("utf-8")
                status = 500
            self._send(status, answer, origin)
    return Handler


def serve(api: LocalApi, host: str, port: int) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer((host, port), _handler(api))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
