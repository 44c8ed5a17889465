"""Build the site into a fresh directory and promote it only when everything passed.

mkdocs empties its output directory before building and leaves partial
output behind when it fails, so it never writes into the live `site/`.
The engine runs in child processes (the core does not import mkdocs), several
at once on a machine with several cores: each writes its shard of the pages
(shards.py), then this process merges them, checks links and indexes once.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
import re
import shutil
import subprocess
import sys

from datetime import date
from typing import Callable

from ..base import build_mode, processes
from ..base.problems import Problem
from ..check.output import load_json
from ..publish import build_cache, index_reuse, postbuild
from ..publish.handoff import Handoff
from ..publish import deploy_gate, targets
from ..publish.promote import new_staging, promote
from ..search import index as search_index
from . import forked_shards
from .run_settings import RunSettings
from .shards import Shard, merge_output, read_handoff

MAX_JOBS = 4  # more processes than this gain little: each reads all the data and knows every page
# By default, a process forked for fewer pages to compose than this costs more than it saves: on a
# 354-page portal one process built faster than two and with a third less CPU (bench/).
PAGES_PER_PROCESS = 1000


class BuildFailed(Exception):
    pass


def mkdocs_command(config_file: str, out_dir: str, strict: bool = True) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", config_file, "--site-dir", out_dir]
    return command + ["--strict"] if strict else command


def _asked_jobs() -> int | None:
    wanted = os.environ.get("CCHC_JOBS")
    return int(wanted) if wanted and wanted.isdigit() and int(wanted) > 0 else None


def default_jobs() -> int:
    return _asked_jobs() or max(1, min(os.cpu_count() or 1, MAX_JOBS))


@dataclass(frozen=True)
class Built:
    handoff: Handoff  # what the post-build stage used (a preview indexes it afterwards)
    cache: build_cache.BuildCache  # what the next incremental build may reuse


class DataProblems(Exception):
    """The data check inside the engine found errors; `problems` holds them."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def build_site(root: str, config_file: str = "mkdocs.yml", site_dir: str = "site", strict: bool = True,
               log=print, jobs: int | None = None, as_of: date | None = None, mode: str = build_mode.PREVIEW,
               unready: list[Problem] | None = None, full: bool = False, preview: bool = False,
               engine: "Engine | None" = None, known: build_cache.BuildCache | None = None,
               compress: bool = False) -> Built:
    """Check the data and build (each process reads the data once), check links, index, then promote.
    Pages whose fingerprint is unchanged since the last good build are taken from it (build_cache.py)
    unless `full`. `mode` and, for a demo, what a publication would refuse (`unready`) are recorded.
    A `preview` (cchc serve) shows the change first: no compressed copies and no search index; the
    caller indexes the returned handoff afterwards (engine/preview.py). `engine` runs the engine for
    the shards; by default one new mkdocs process each. `known` is the cache of the live site as the
    caller holds it from the last build (the preview): trusted, not read from disk. `compress` writes
    .gz/.br copies beside the text files (`cchc build --nen`, for a host that serves files as stored;
    `cchc deploy` writes them into its release otherwise)."""
    root = os.path.abspath(root)
    live = os.path.join(root, site_dir)
    try:
        targets.check_site_dir(root, live)
    except targets.UnsafeTarget as err:
        raise BuildFailed(str(err)) from None
    parent = os.path.dirname(live)
    os.makedirs(parent, exist_ok=True)
    # Processes asked for (CCHC_JOBS) all run; the default number only for enough pages to compose.
    per_process = 0 if jobs or _asked_jobs() else PAGES_PER_PROCESS
    jobs = jobs or default_jobs()
    staging = new_staging(parent)
    cache_file = build_cache.cache_path(live)
    try:
        inputs: dict = {}  # the preview's engine knows which files changed and bounds its build itself
        if known is not None and not full:
            previous, site_inputs = dict(known.pages), known.site_inputs
        else:
            previous, site_inputs, inputs = ({}, "", {}) if full else _previous_build(live, cache_file, log)
        reuse_file = _write_reusable(staging, previous, site_inputs, inputs) if previous else None
        runs = [RunSettings(Shard(index, jobs), staging, as_of, mode, reuse_file, pages_per_process=per_process)
                for index in range(jobs)]
        outputs = [run.output_dir() for run in runs]
        where = f", {jobs} tiến trình song song" if jobs > 1 else ""
        log(f"Đang kiểm tra dữ liệu và dựng trang web (mkdocs, chế độ nghiêm ngặt{where})...")
        (engine or _run_shards)(root, config_file, staging, runs, outputs, strict)
        first = read_handoff(runs[0].handoff_file())
        ran = first.shard_count or len(runs)
        if ran < len(runs):
            log(f"Ít trang cần dựng: dùng {ran} tiến trình thay vì {len(runs)}.")
        handoff = Handoff(base_path=first.base_path, search=first.search)
        for found in [first] + [read_handoff(run.handoff_file()) for run in runs[1:ran]]:
            handoff.merge(found)
        for output in outputs[1:ran]:
            merge_output(output, outputs[0])
        if previous and handoff.site_inputs != site_inputs:
            log("Mã, giao diện hoặc cấu hình đã thay đổi: dựng lại mọi trang.")
        if handoff.bounded_units is not None:
            log(f"Tệp đã sửa thuộc đơn vị: {', '.join(handoff.bounded_units)} (chỉ xét lại trang của các đơn vị này "
                "và trang chung)." if handoff.bounded_units else "Không tệp dữ liệu nào thay đổi từ lần dựng trước.")
        reused = {src: previous[src] for src in sorted(handoff.reused)}
        marker_facts = {**({"as_of": as_of.isoformat()} if as_of else {}),
                        **deploy_gate.marker_facts(mode, unready or [])}  # for `cchc deploy`
        if handoff.partial:  # the preview's engine wrote only what changed, into an otherwise empty folder
            cache = _new_cache(handoff, reused)
            targets.write_marker(outputs[0], **marker_facts, **{build_cache.MARKER_FACT: cache.identity})
            build_cache.update_in_place(outputs[0], live)
            return Built(handoff, cache)
        placed = build_cache.reuse_outputs(reused.values(), live, outputs[0], with_copies=compress)
        cache = _new_cache(handoff, reused)
        log(f"Dựng {len(handoff.rendered)} trang, giữ nguyên {len(reused)} trang không đổi từ lần dựng trước.")
        search_key = index_reuse.key_of(handoff.site_inputs, handoff.reduced) if handoff.search and not preview else ""
        index_digest = None
        try:
            if not preview:  # the preview checks links with the index, after showing the change
                index_digest = postbuild.finish(outputs[0], handoff, log, last_site=None if full else live,
                                                search_key=search_key)
        except postbuild.PostBuildFailed as err:
            raise BuildFailed(f"Dựng trang thất bại; trang đang công khai được giữ nguyên.\n{err}") from None
        if compress and not preview:
            # .gz/.br beside text files, for hosts that serve files as stored; unchanged files keep theirs.
            from ..publish.compress import compress_site  # brotli: imported for the builds that use it

            compress_site(outputs[0], placed=set(placed), previous=live if os.path.isdir(live) else None)
        targets.write_marker(outputs[0], **marker_facts, **{build_cache.MARKER_FACT: cache.identity})
        build_cache.remove(cache_file)  # between the promotion and the new cache, no cache is trusted
        index_reuse.remove(live)
        promote(outputs[0], live)
        if not preview:  # the preview holds its cache; a new `cchc serve` starts with a full build
            build_cache.write(cache_file, cache)
            if search_key:
                index_reuse.write(live, search_key, index_digest)
        log(f"Đã dựng xong: {os.path.relpath(live, os.getcwd())}/")
        return Built(handoff, cache)
    finally:
        if os.path.exists(staging):
            shutil.rmtree(staging, ignore_errors=True)


def _previous_build(live: str, cache_file: str, log) -> tuple[dict[str, build_cache.PageEntry], str, dict]:
    """The pages of the live site that may be reused, the site inputs they were built with, and the
    data files' digests; nothing (and a one-line notice) when the cache is missing, corrupt or not
    this site's."""
    if not os.path.isdir(live) or not os.path.exists(cache_file):
        return {}, "", {}
    try:
        cache = build_cache.read(cache_file, live, targets.read_marker(live))
    except build_cache.UntrustedCache as why:
        log(f"Không dùng bộ nhớ đệm {os.path.basename(cache_file)} ({why}): dựng lại mọi trang.")
        return {}, "", {}
    return build_cache.usable_entries(cache, live), cache.site_inputs, cache.inputs


def _write_reusable(staging: str, previous: dict[str, build_cache.PageEntry], site_inputs: str, inputs: dict) -> str:
    """What the engine processes need to decide: the fingerprint of each reusable page, and the data
    files the last build was made from (to know which of them an edit changed)."""
    path = os.path.join(staging, "reusable.json")
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"site_inputs": site_inputs, "inputs": inputs,
                   "pages": {src: e.fingerprint for src, e in previous.items()}}, out)
    return path


def _new_cache(handoff: Handoff, reused: dict[str, build_cache.PageEntry]) -> build_cache.BuildCache:
    """The cache of this build: reused entries as they were, rendered pages with what they became.
    The handoff receives the link scan and search copy of every reused page."""
    pages = dict(reused)
    for entry in reused.values():
        handoff.scanned[entry.dest_uri] = entry.scan
        if entry.reduced:
            handoff.reduced[entry.reduced[0]] = entry.reduced[1]
    for src, (fingerprint, dest, output) in handoff.rendered.items():
        url = search_index.url_of(dest)
        pages[src] = build_cache.PageEntry(fingerprint, dest, output, handoff.scanned[dest],
                                           (url, handoff.reduced[url]) if url in handoff.reduced else None)
    return build_cache.BuildCache(handoff.site_inputs, pages, handoff.inputs)


Engine = Callable[[str, str, str, list[RunSettings], list[str], bool], None]


def _run_shards(root: str, config_file: str, staging: str, runs: list[RunSettings], outputs: list[str],
                strict: bool) -> None:
    """Run the engine for every shard: one process that forks the others once it has read the data
    (forked_shards.py), or, where the system cannot fork, one process per shard at once. The first
    failure (by shard) is the one reported."""
    if len(runs) > 1 and forked_shards.can_fork():
        runs, outputs = [replace(runs[0], forks=True)], outputs[:1]
    running = []
    for run, output in zip(runs, outputs):
        env = {**os.environ, **run.to_env()}
        # Output goes to files: several processes writing to pipes nobody reads yet would block.
        log_file = open(os.path.join(staging, f"engine-{run.shard.index}.log"), "w+", encoding="utf-8")
        # A session of its own: stopping it reaches the processes it forked.
        process = subprocess.Popen(mkdocs_command(config_file, output, strict), cwd=root, env=env,
                                   stdout=log_file, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        running.append((run, process, log_file))
    failures = []
    try:
        for run, process, log_file in running:
            code = process.wait()
            log_file.seek(0)
            output = log_file.read()
            if code != 0:
                failures.append((run, output))
    finally:
        # Stopped (Ctrl+C, SIGTERM of `cchc serve`) or failed: no engine process outlives this build.
        for _run, process, log_file in running:
            processes.stop(process)
            processes.kill_group(process.pid)  # the shards it forked, if it was stopped before it waited
            log_file.close()
    if failures:
        raise_failure(*failures[0])


def raise_failure(run: RunSettings, output: str) -> None:
    """The engine process of `run` failed: its data problems, else what it printed, for staff."""
    if os.path.exists(run.problems_file()):
        with open(run.problems_file(), encoding="utf-8") as data:
            raise DataProblems(load_json(data.read()))
    raise BuildFailed(_engine_failure(output))


_LOG_RECORD = re.compile(r"(DEBUG|INFO|WARNING|ERROR)\s+-\s")  # how mkdocs prints a log record


def _engine_failure(output: str) -> str:
    """mkdocs prints INFO chatter and, on a crash, stack frames; staff need the cause only."""
    lines = output.splitlines()
    if "Traceback (most recent call last):" in output:
        # The exception's line ends the traceback's indented frames. Log records of another process
        # (a forked shard's parent goes on with its pages) may come between or after them.
        start = max(i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last):"))
        cause = next((line for line in lines[start + 1:]
                      if line.strip() and not line.startswith(" ") and not _LOG_RECORD.match(line)), "")
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
