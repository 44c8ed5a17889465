"""Build the site into a fresh directory and promote it only when everything passed.

mkdocs empties its output directory before building and leaves partial
output behind when it fails, so it never writes into the live `site/`.
The engine runs in child processes (the core does not import mkdocs), several
at once on a machine with several cores: each writes its shard of the pages
(shards.py), then this process merges them, checks links and indexes once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from datetime import date

from ..base import build_mode
from ..base.problems import Problem
from ..check.output import load_json
from ..publish import postbuild
from ..publish.compress import compress_site
from ..publish.handoff import Handoff
from ..publish import deploy_gate, targets
from ..publish.promote import new_staging, promote
from .run_settings import RunSettings
from .shards import Shard, merge_output, read_handoff

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
               log=print, jobs: int | None = None, as_of: date | None = None, mode: str = build_mode.PREVIEW,
               unready: list[Problem] | None = None) -> None:
    """Check the data and build (each process reads the data once), check links, index, then promote.
    `mode` and, for a demo, what a publication would refuse (`unready`) are recorded in the site."""
    root = os.path.abspath(root)
    live = os.path.join(root, site_dir)
    try:
        targets.check_site_dir(root, live)
    except targets.UnsafeTarget as err:
        raise BuildFailed(str(err)) from None
    parent = os.path.dirname(live)
    os.makedirs(parent, exist_ok=True)
    jobs = jobs or default_jobs()
    staging = new_staging(parent)
    try:
        runs = [RunSettings(Shard(index, jobs), staging, as_of, mode) for index in range(jobs)]
        outputs = [os.path.join(staging, f"out-{run.shard.index}") for run in runs]
        where = f", {jobs} tiến trình song song" if jobs > 1 else ""
        log(f"Đang kiểm tra dữ liệu và dựng trang web (mkdocs, chế độ nghiêm ngặt{where})...")
        _run_shards(root, config_file, staging, runs, outputs, strict)
        handoffs = [read_handoff(run.handoff_file()) for run in runs]
        handoff = Handoff(base_path=handoffs[0].base_path, search=handoffs[0].search)
        for found in handoffs:
            handoff.merge(found)
        for output in outputs[1:]:
            merge_output(output, outputs[0])
        try:
            postbuild.finish(outputs[0], handoff, log)
        except postbuild.PostBuildFailed as err:
            raise BuildFailed(f"Dựng trang thất bại; trang đang công khai được giữ nguyên.\n{err}") from None
        compress_site(outputs[0])  # .gz/.br beside text files, for hosts that serve files as stored
        targets.write_marker(outputs[0], **({"as_of": as_of.isoformat()} if as_of else {}),
                             **deploy_gate.marker_facts(mode, unready or []))  # for `cchc deploy`
        promote(outputs[0], live)
        log(f"Đã dựng xong: {os.path.relpath(live, os.getcwd())}/")
    finally:
        if os.path.exists(staging):
            shutil.rmtree(staging, ignore_errors=True)


def _run_shards(root: str, config_file: str, staging: str, runs: list[RunSettings], outputs: list[str],
                strict: bool) -> None:
    """Run one engine process per shard at once; the first failure (by shard) is the one reported."""
    running = []
    for run, output in zip(runs, outputs):
        env = {**os.environ, **run.to_env()}
        # Output goes to files: several processes writing to pipes nobody reads yet would block.
        log_file = open(os.path.join(staging, f"engine-{run.shard.index}.log"), "w+", encoding="utf-8")
        process = subprocess.Popen(mkdocs_command(config_file, output, strict), cwd=root, env=env,
                                   stdout=log_file, stderr=subprocess.STDOUT, text=True)
        running.append((run, process, log_file))
    failures = []
    for run, process, log_file in running:
        code = process.wait()
        log_file.seek(0)
        output = log_file.read()
        log_file.close()
        if code != 0:
            failures.append((run, output))
    if not failures:
        return
    run, output = failures[0]
    if os.path.exists(run.problems_file()):
        with open(run.problems_file(), encoding="utf-8") as data:
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
    kept, keeping = [], False
    for line in lines:
        if not line.startswith(" "):  # a new message: mkdocs indents the continuation of one
            keeping = line.startswith(("WARNING", "ERROR"))
        if keeping:
            kept.append(line)
    detail = "\n".join(_in_vietnamese(line) for line in kept[-40:]) if kept else output[-4000:]
    return "Dựng trang thất bại; trang đang công khai được giữ nguyên.\n" + detail


# mkdocs' own words around a message; the messages of the portal itself are Vietnamese already.
_MKDOCS_WORDS = [
    (re.compile(r"^ERROR\s+-\s+"), "[lỗi] "),
    (re.compile(r"^WARNING\s+-\s+"), "[cảnh báo] "),
    (re.compile(r"Error building page '([^']*)':"), r"Lỗi khi dựng trang '\1':"),
    (re.compile(r"Error reading page '([^']*)':"), r"Lỗi khi đọc trang '\1':"),
    (re.compile(r"Aborted with (\d+) warnings in strict mode!"), r"Dừng vì có \1 cảnh báo (chế độ nghiêm ngặt)."),
    (re.compile(r"Doc file '([^']*)' contains a link '([^']*)', but the target is not found among documentation "
                r"files\."), r"Trang '\1' có liên kết '\2' không trỏ tới tệp nào trong content/."),
    (re.compile(r"Doc file '([^']*)' contains an absolute link '([^']*)', it was left as is\."),
     r"Trang '\1' có liên kết tuyệt đối '\2': hãy dùng đường dẫn tương đối."),
    (re.compile(r"Doc file '([^']*)' contains an unrecognized relative link '([^']*)', it was left as is\."),
     r"Trang '\1' có liên kết '\2' không dùng được."),
    (re.compile(r"Doc file '([^']*)' contains a link '([^']*)', but the doc '([^']*)' does not contain an anchor "
                r"'([^']*)'\."), r"Trang '\1' có liên kết '\2' tới mục '#\4' không có trong '\3'."),
]


def _in_vietnamese(line: str) -> str:
    for pattern, words in _MKDOCS_WORDS:
        line = pattern.sub(words, line)
    return line
