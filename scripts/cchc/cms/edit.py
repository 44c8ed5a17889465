"""`cchc edit` (`make edit`): the admin, its local backend and the preview, started and stopped together.

Three parts, all on 127.0.0.1: decap-server (Decap's own local backend, from node_modules) on a
free port only this process knows; the save check (local_api.py) in front of it on the API
port; and `mkdocs serve` on the preview port, told the API's address so the admin it builds
saves there. Stopping (Ctrl+C, or SIGTERM) stops all three.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from ..base import processes
from . import ADMIN_DIR
from .local_api import LocalApi, serve

DECAP_SERVER = os.path.join("node_modules", "decap-server", "dist", "index.js")
HOST = "127.0.0.1"


class EditError(Exception):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _wait_for(url: str, payload: bytes | None, process: subprocess.Popen, what: str, seconds: float = 60) -> str:
    """The URL that finally answered (mkdocs serve redirects / to the path of site_url)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditError(f"{what} dừng ngay khi khởi động (mã {process.returncode}).")
        try:
            request = urllib.request.Request(url, data=payload, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2) as response:
                return response.geturl()
        except OSError:
            time.sleep(0.2)
    raise EditError(f"{what} không trả lời sau {seconds:.0f} giây.")


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt  # SIGTERM stops everything as Ctrl+C does


def run(root: str, port: int = 8000, api_port: int = 8081, config_file: str = "mkdocs.yml", log=print) -> int:
    root = os.path.abspath(root)
    node = shutil.which("node")
    server_script = os.path.join(root, DECAP_SERVER)
    if node is None or not os.path.isfile(server_script):
        raise EditError("Chưa cài Node.js hoặc decap-server: cài Node.js (có npm) rồi chạy 'make edit' "
                        "(lệnh này chạy 'npm ci' để cài đúng phiên bản trong package-lock.json).")
    signal.signal(signal.SIGTERM, _interrupt)
    decap_port = free_port()
    api_url = f"http://{HOST}:{api_port}/api/v1"
    origins = {f"http://{host}:{port}" for host in (HOST, "localhost")}
    decap = preview = api_server = None
    try:
        env = {**os.environ, "PORT": str(decap_port), "BIND_HOST": HOST, "MODE": "fs",
               "GIT_REPO_DIRECTORY": root, "LOG_LEVEL": "warn"}
        decap = subprocess.Popen([node, server_script], cwd=root, env=env)
        decap_url = f"http://{HOST}:{decap_port}/api/v1"
        _wait_for(decap_url, json.dumps({"action": "info"}).encode(), decap, "decap-server")
        try:
            api_server = serve(LocalApi(root, decap_url, origins), HOST, api_port)
        except OSError as err:
            raise EditError(f"Không mở được cổng {api_port} cho máy chủ lưu ({err.strerror}): "
                            "hãy đóng chương trình đang dùng cổng đó hoặc chọn --cong-api khác.") from None
        preview_env = {**os.environ, "CCHC_EDIT_API": api_url}
        preview = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--config-file", config_file,
                                    "--dev-addr", f"{HOST}:{port}", "--livereload"], cwd=root, env=preview_env)
        home = _wait_for(f"http://{HOST}:{port}/", None, preview, "Bản xem trước (mkdocs serve)", 300)
        log(f"Sửa nội dung: mở {home}{ADMIN_DIR}/ (xem trước: {home}). Bấm Ctrl+C để dừng.")
        return preview.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        processes.stop(preview)
        if api_server is not None:
            api_server.shutdown()
        processes.stop(decap)
