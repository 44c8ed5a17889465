"""The form editor at /quan-tri/ (Decap CMS) whose forms come from our schemas, and `cchc edit`'s local save check."""

from __future__ import annotations

import os
from importlib import resources

from typing import TYPE_CHECKING

from .backend import Backend

if TYPE_CHECKING:  # the admin's files need the data model; a build only asking notice() does not
    from ..model.types import Portal
    from ..pages.outputs import OutputFile

ADMIN_DIR = "quan-tri"
DECAP_DIST = os.path.join("node_modules", "decap-cms", "dist")
BUNDLE = "decap-cms.js"
STATIC = ("cchc-admin-truoc.js", "cchc-admin.js", "cchc-admin.css")  # ours, in cms/static/


def bundle_dir(root: str) -> str | None:
    """Decap's prebuilt bundle, installed by `npm ci` from package-lock.json; None when absent."""
    folder = os.path.join(root, DECAP_DIST)
    return folder if os.path.isfile(os.path.join(folder, BUNDLE)) else None


def _bundle_files(folder: str) -> list[OutputFile]:
    """The bundle, the chunks it loads on demand (n.decap-cms.js, .wasm) and its licence; no source maps."""
    from ..pages.outputs import OutputFile

    out = []
    for name in sorted(os.listdir(folder)):
        if name == BUNDLE or name.endswith((".decap-cms.js", ".wasm")) or name == BUNDLE + ".LICENSE.txt":
            with open(os.path.join(folder, name), "rb") as handle:
                out.append(OutputFile(f"{ADMIN_DIR}/{name}", handle.read()))
    return out


def notice(root: str, backend: Backend | None = None) -> str | None:
    """One line for staff when this build has no admin page, or None when it has one."""
    backend = backend or Backend.from_environment()
    if bundle_dir(root) is None:
        return ("Không có trang quản trị /quan-tri/ trong bản dựng này: máy chưa cài Decap CMS "
                "(cần Node.js và npm, rồi chạy 'npm ci' hoặc 'make edit'). Trang công khai vẫn đầy đủ.")
    if not backend.usable:
        return ("Không có trang quản trị /quan-tri/ trong bản dựng này: chưa đặt CCHC_CMS_REPO (kho GitHub để sửa "
                "trên mạng); trên máy này hãy dùng 'make edit'. Trang công khai vẫn đầy đủ.")
    return None


def admin_files(portal: Portal, root: str, site_name: str, backend: Backend | None = None) -> list[OutputFile]:
    """Everything /quan-tri/ needs, or nothing when the bundle is not installed or no backend is set."""
    backend = backend or Backend.from_environment()
    folder = bundle_dir(root)
    if folder is None or not backend.usable:
        return []
    from ..pages.outputs import OutputFile
    from . import admin_page
    from .config import config_yaml

    config_text, _omitted = config_yaml(portal, backend)
    static = resources.files("cchc").joinpath("cms", "static")
    out = [OutputFile(f"{ADMIN_DIR}/index.html", admin_page.index_html(site_name, backend).encode("utf-8")),
           OutputFile(f"{ADMIN_DIR}/config.yml", config_text.encode("utf-8"))]
    for name in STATIC:
        out.append(OutputFile(f"{ADMIN_DIR}/{name}", static.joinpath(name).read_bytes()))
    return out + _bundle_files(folder)
