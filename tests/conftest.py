"""Shared helpers: tiny sites written inside a test, and one build of the sample site."""

from __future__ import annotations

import filecmp
import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

MINIMAL_MKDOCS = """\
site_name: Thử nghiệm
site_url: https://xa.example/cong/
docs_dir: content
theme:
  name: material
  language: vi
  font: false
plugins:
  - cchc
nav:
  - Trang chủ: index.md
  - Đơn vị: don-vi/index.md
"""

MINIMAL_UNIT = """\
ten: An Phú
loai: xã
tinh_thanh: tỉnh Thử Nghiệm
"""

MINIMAL_PLAN = """\
so: "12"
ky_hieu: KH-UBND
dia_danh: An Phú
ngay: 15/01/2026
nam: 2026
trich_yeu: Tuyên truyền cải cách hành chính năm 2026
muc_dich:
  - Nâng cao nhận thức về cải cách hành chính.
nhiem_vu:
  - ma: NV01
    stt: "1"
    noi_dung: Đăng tin về cải cách hành chính
    chu_tri: Phòng Văn hóa - Xã hội
    thoi_gian: Thường xuyên
    han: 31/12/2026
    chi_tieu:
      - ma: CT01
        so_luong: 2
        don_vi_tinh: tin, bài
        ky: thang
        kenh: trang_thong_tin
chu_ky:
  thay_mat: TM. ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn Thử
"""


MINIMAL_POST = """\
---
tieu_de: Bài thử
ngay: 05/02/2026
don_vi: an-phu
chuyen_muc: [Tin hoạt động]
co_quan: Phòng Văn hóa - Xã hội
---

Nội dung bài thử.
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def tiny_site(root: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    files = {
        "mkdocs.yml": MINIMAL_MKDOCS,
        "content/index.md": "# Trang chủ\n",
        "plans/an-phu/don-vi.yml": MINIMAL_UNIT,
        "plans/an-phu/ke-hoach-2026.yml": MINIMAL_PLAN,
    }
    files.update(extra or {})
    return write_tree(root, files)


BUILD_DAY_EPOCH = "1795219200"  # 2026-11-21 00:00 UTC: a fixed "today" for waiting times


def differing_files(left: Path, right: Path, ignore: list[str] | None = None) -> list[str]:
    """Names of files that differ between two folders or stand in only one of them."""
    def walk(cmp: filecmp.dircmp) -> list[str]:
        found = list(cmp.diff_files) + list(cmp.left_only) + list(cmp.right_only)
        return found + [f for sub in cmp.subdirs.values() for f in walk(sub)]
    return walk(filecmp.dircmp(left, right, ignore=ignore))


def run_cchc(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Runs the command line; an `env` value of None removes that variable."""
    # One engine process unless a test asks for more: tiny sites gain nothing from two, and the
    # suite runs on two cores already (pytest-xdist).
    merged = {**os.environ, "PYTHONUTF8": "1", "SOURCE_DATE_EPOCH": BUILD_DAY_EPOCH, "CCHC_JOBS": "1", **(env or {})}
    merged = {key: value for key, value in merged.items() if value is not None}
    return subprocess.run([sys.executable, "-m", "cchc", *args], cwd=cwd, text=True, capture_output=True, env=merged)


@pytest.fixture(scope="session", autouse=True)
def template_cache_of_the_run(tmp_path_factory):
    """Compiled templates (pages/template_cache.py) go to a folder of this run, not the user's cache;
    the processes the tests start inherit it."""
    os.environ["CCHC_CACHE_DIR"] = str(tmp_path_factory.mktemp("template-cache"))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's own sample site, built once in strict mode."""
    out = tmp_path_factory.mktemp("sample") / "site"
    result = run_cchc("build", "--site-dir", str(out), cwd=REPO)
    assert result.returncode == 0, result.stderr + result.stdout
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served_sample(sample_site, tmp_path_factory):
    """The sample site on 127.0.0.1 at the root and under a sub-path (/cchc/)."""
    docroot = tmp_path_factory.mktemp("docroot")
    shutil.copytree(sample_site, docroot / "cchc")
    handler = functools.partial(_QuietHandler, directory=str(docroot))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/cchc/"
    server.shutdown()
