"""Build the site into a fresh directory and promote it only when everything passed.

mkdocs empties its output directory before building and leaves partial
output behind when it fails, so it never writes into the live `site/`.
The engine runs in child processes (the core does not import mkdocs), several
at once on a machine with several cores: each writes its shard of the pages
(shards.py), then this process merges them, checks links and indexes once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

from ..publish import build_marker, postbuild
from ..publish.promote import promote
from .shards import SHARD_ENV, HANDOFF_ENV, Shard, merge_output, read_handoff
from ..publish.handoff import Handoff

MAX_JOBS = 4  # more processes than this gain little: each reads all the data and knows every page


class BuildFailed(Exception):
    pass


def mkdocs_command(config_file: str, out_dir: str, strict: bool = True) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", config_file, "--site-dir", out_dir]
    return command + ["--strict"] if strict else command


def default_jobs() -> int:
    wanted = os.environ.get("CCHC_JOBS")
    if wanted and wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return max(1, min(os.cpu_count() or 1, MAX_JOBS))


class DataProblems(Exception):
    """The data check inside the engine found errors; `problems` holds them."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def build_site(root: str, config_file: str = "mkdocs.yml", site_dir: str = "site", strict: bool = True,
               log=print, jobs: int | None = None, unready=()) -> None:
    """Check the data and build (each process reads the data once), check links, index, then promote."""
    root = os.path.abspath(root)
    live = os.path.join(root, site_dir)
    parent = os.path.dirname(live)
    os.makedirs(parent, exist_ok=True)
    jobs = jobs or default_jobs()
    staging = tempfile.mkdtemp(prefix=".site-build-", dir=parent)
    try:
        shards = [Shard(index, jobs) for index in range(jobs)]
        outputs = [os.path.join(staging, f"out-{shard.index}") for shard in shards]
        where = f", {jobs} tiến trình song song" if jobs > 1 else ""
        log(f"Đang kiểm tra dữ liệu và dựng trang web (mkdocs, chế độ nghiêm ngặt{where})...")
        _run_shards(root, config_file, staging, shards, outputs, strict)
        handoffs = [read_handoff(staging, shard) for shard in shards]
        handoff = Handoff(base_path=handoffs[0].base_path, search=handoffs[0].search)
        for found in handoffs:
            handoff.merge(found)
        for output in outputs[1:]:
            merge_output(output, outputs[0])
        log(f"Đang kiểm tra liên kết của {len(handoff.scanned)} trang...")
        try:
            postbuild.check_links(outputs[0], handoff)
            if handoff.search:
                log(f"Đang tạo chỉ mục tìm kiếm ({len(handoff.reduced)} trang)...")
            postbuild.index(outputs[0], handoff)
        except postbuild.PostBuildFailed as err:
            raise BuildFailed(f"Dựng trang thất bại; trang đang công khai được giữ nguyên.\n{err}") from None
        build_marker.write(outputs[0], unready)  # what the build was for, for `cchc deploy`
        promote(outputs[0], live)
        log(f"Đã dựng xong: {os.path.relpath(live, os.getcwd())}/")
    finally:
        if os.path.exists(staging):
            shutil.rmtree(staging, ignore_errors=True)


def _run_shards(root: str, config_file: str, staging: str, shards: list[Shard], outputs: list[str],
                strict: bool) -> None:
    """Run one engine process per shard at once; the first failure (by shard) is the one reported."""
    running = []
    for shard, output in zip(shards, outputs):
        env = {**os.environ, SHARD_ENV: shard.label, HANDOFF_ENV: staging,
               "CCHC_PROBLEMS_FILE": os.path.join(staging, f"problems-{shard.index}.json")}
        # Output goes to files: several processes writing to pipes nobody reads yet would block.
        log_file = open(os.path.join(staging, f"engine-{shard.index}.log"), "w+", encoding="utf-8")
        process = subprocess.Popen(mkdocs_command(config_file, output, strict), cwd=root, env=env,
                                   stdout=log_file, stderr=subprocess.STDOUT, text=True)
        running.append((shard, process, log_file))
    failures = []
    for shard, process, log_file in running:
        code = process.wait()
        log_file.seek(0)
        output = log_file.read()
        log_file.close()
        if code != 0:
            failures.append((shard, output))
    if not failures:
        return
    shard, output = failures[0]
    handoff = os.path.join(staging, f"problems-{shard.index}.json")
    if os.path.exists(handoff):
        from ..check.output import load_json

        with open(handoff, encoding="utf-8") as data:
            raise DataProblems(load_json(data.read()))
    raise BuildFailed(_engine_failure(output))


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
