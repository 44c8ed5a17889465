"""Build the site into a fresh directory and promote it only when everything passed.

mkdocs empties its output directory before building and leaves partial
output behind when it fails, so it never writes into the live `site/`.
The engine runs in a child process: the core does not import mkdocs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile


class BuildFailed(Exception):
    pass


def run_mkdocs_build(root: str, config_file: str, out_dir: str, strict: bool = True,
                     env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", config_file, "--site-dir", out_dir]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=root, env=env, text=True, capture_output=True)


def promote(new_dir: str, live_dir: str) -> None:
    """Swap `new_dir` into place; the previous output is removed only after the swap."""
    old_dir = None
    if os.path.exists(live_dir):
        old_dir = tempfile.mkdtemp(prefix=".site-old-", dir=os.path.dirname(os.path.abspath(live_dir)))
        os.rmdir(old_dir)
        os.rename(live_dir, old_dir)
    os.rename(new_dir, live_dir)
    if old_dir:
        shutil.rmtree(old_dir, ignore_errors=True)


def build_site(root: str, config_file: str = "mkdocs.yml", site_dir: str = "site", strict: bool = True,
               log=print) -> None:
    root = os.path.abspath(root)
    live = os.path.join(root, site_dir)
    parent = os.path.dirname(live)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".site-build-", dir=parent)
    try:
        log("Đang dựng trang web (mkdocs, chế độ nghiêm ngặt)...")
        result = run_mkdocs_build(root, config_file, staging, strict=strict)
        if result.returncode != 0:
            raise BuildFailed(_engine_failure(result.stderr + result.stdout))
        promote(staging, live)
        log(f"Đã dựng xong: {os.path.relpath(live, os.getcwd())}/")
    finally:
        if os.path.exists(staging):
            shutil.rmtree(staging, ignore_errors=True)


def _engine_failure(output: str) -> str:
    # mkdocs prints INFO chatter; staff need the warnings and errors only.
    lines = [line for line in output.splitlines()
             if line.startswith(("WARNING", "ERROR")) or "Aborted" in line or line.startswith("  ")]
    detail = "\n".join(lines[-40:]) if lines else output[-4000:]
    return "Dựng trang thất bại; trang đang công khai được giữ nguyên.\n" + detail
