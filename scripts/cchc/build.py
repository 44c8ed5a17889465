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


class DataProblems(Exception):
    """The data check inside the engine found errors; `problems` holds them."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def build_site(root: str, config_file: str = "mkdocs.yml", site_dir: str = "site", strict: bool = True,
               log=print) -> None:
    """Check the data and build in one engine run (the data is read once), then promote."""
    root = os.path.abspath(root)
    live = os.path.join(root, site_dir)
    parent = os.path.dirname(live)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".site-build-", dir=parent)
    handoff = os.path.join(staging, ".cchc-problems.json")
    try:
        log("Đang kiểm tra dữ liệu và dựng trang web (mkdocs, chế độ nghiêm ngặt)...")
        env = {**os.environ, "CCHC_PROBLEMS_FILE": handoff}
        result = run_mkdocs_build(root, config_file, os.path.join(staging, "out"), strict=strict, env=env)
        if result.returncode != 0:
            if os.path.exists(handoff):
                from .reporting import load_json

                with open(handoff, encoding="utf-8") as data:
                    raise DataProblems(load_json(data.read()))
            raise BuildFailed(_engine_failure(result.stderr + result.stdout))
        staging_out = os.path.join(staging, "out")
        promote(staging_out, live)
        log(f"Đã dựng xong: {os.path.relpath(live, os.getcwd())}/")
    finally:
        if os.path.exists(staging):
            shutil.rmtree(staging, ignore_errors=True)


def _engine_failure(output: str) -> str:
    """mkdocs prints INFO chatter and, on a crash, stack frames; staff need the cause only."""
    lines = output.splitlines()
    if "Traceback (most recent call last):" in output:
        cause = next((line for line in reversed(lines) if line.strip() and not line.startswith((" ", "Aborted"))), "")
        hint = ("Có thể một mẫu trang trong theme/ (do đơn vị sửa) bị lỗi; đặt CCHC_DEBUG=1 rồi chạy "
                "'python -m mkdocs build' để xem chi tiết.")
        return f"Dựng trang thất bại; trang đang công khai được giữ nguyên.\nNguyên nhân: {cause}\n{hint}"
    kept = [line for line in lines if line.startswith(("WARNING", "ERROR", "  ")) or "Aborted" in line]
    detail = "\n".join(kept[-40:]) if kept else output[-4000:]
    return "Dựng trang thất bại; trang đang công khai được giữ nguyên.\n" + detail
