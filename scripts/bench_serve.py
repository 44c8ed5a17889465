"""The benchmark's measurement of `cchc serve` (scripts/bench.py): seconds from saving a plan to the
page showing it over HTTP, and the processes left after SIGTERM."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import bench_proc


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _survivors(recorded: dict[int, str], session: int) -> set[int]:
    """Processes of the stopped server still running: those recorded before the stop (same start
    time, so not a reused pid) and any other process still in the server's session."""
    now = bench_proc.processes()
    alive = {pid for pid, started in recorded.items()
             if pid in now and now[pid].started == started and now[pid].state != "Z"}
    return alive | {pid for pid, process in now.items() if process.session == session and process.state != "Z"}


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read()
    except (OSError, ValueError):
        return None


def _seconds_until(url: str, text: str, since: float, timeout: float, every: float,
                   server: subprocess.Popen) -> float | None:
    """Seconds from `since` until a GET of `url` holds `text`, asked every `every` seconds; None
    after `timeout` or when the server has exited."""
    while time.perf_counter() - since < timeout and server.poll() is None:
        body = _get(url)
        if body is not None and text.encode() in body:
            return round(time.perf_counter() - since, 2)
        time.sleep(every)
    return None


SAVES = 3  # saves per server: one save's time varies by a second at 11,000 pages on a 2-core machine
BETWEEN_SAVES = 10  # seconds: staff look at the page between saves; the last save's index has finished


def serve_change(root: Path, plan: Path, url_path: str, ready: str, edit, marker: str, label: str,
                 build_day: str, first_timeout: float = 900, change_timeout: float = 120, saves: int = SAVES,
                 between: float = BETWEEN_SAVES) -> dict:
    """`cchc serve` in `root`: seconds until `url_path` first answers with `ready` in it (the plan's own
    text, not a placeholder); then `saves` times, seconds from saving the plan (`edit(text, mark) -> text`,
    `mark` being `marker` and the save's number; `between` seconds apart) until the page shows that mark (None after
    `change_timeout`): their median, and each; then SIGTERM: seconds until it exits and how many
    processes it started are still running. Only HTTP GET of the page is relied on, not how the
    server works."""
    port = _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": build_day, "CCHC_SITE_URL": f"http://127.0.0.1:{port}/"}
    log_path = root.parent / f"serve-{label}.log"
    out = {"serve_first_answer_seconds": None, "serve_change_seconds": None, "serve_change_each_seconds": [],
           "serve_stop_seconds": None, "serve_left_processes": None}
    url = f"http://127.0.0.1:{port}/{url_path}"
    with open(log_path, "w", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "cchc", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                   cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        recorded: dict[int, str] = {}
        try:
            out["serve_first_answer_seconds"] = _seconds_until(url, ready, started, first_timeout, 0.3, process)
            if out["serve_first_answer_seconds"] is None:
                print(f"[{label}] cchc serve không trả lời {url_path} (xem {log_path}).", file=sys.stderr, flush=True)
            else:
                time.sleep(2)  # let the watcher settle after the first build
                out["serve_change_each_seconds"] = each = []
                for number in range(1, saves + 1):
                    if number > 1:
                        time.sleep(between)
                    mark = f"{marker} {number}"
                    plan.write_text(edit(plan.read_text(encoding="utf-8"), mark), encoding="utf-8")
                    saved = time.perf_counter()
                    each.append(_seconds_until(url, mark, saved, change_timeout, 0.05, process))
                    if each[-1] is None:
                        print(f"[{label}] cchc serve không hiện thay đổi sau {change_timeout:.0f} s (xem {log_path}).",
                              file=sys.stderr, flush=True)
                        break
                # A save that never showed fails the measurement: no median then.
                out["serve_change_seconds"] = statistics.median(each) if None not in each else None
        finally:
            table = bench_proc.processes()
            recorded = {pid: table[pid].started for pid in bench_proc.descendants(process.pid, table)}
            stopping = time.perf_counter()
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
                out["serve_stop_seconds"] = round(time.perf_counter() - stopping, 2)
            except subprocess.TimeoutExpired:
                print(f"[{label}] cchc serve không dừng sau SIGTERM 30 s: dừng hẳn (SIGKILL).", file=sys.stderr)
                process.kill()
                process.wait()
            left: set[int] = set()
            for _ in range(50):  # up to 5 s for children to finish after the server itself
                left = _survivors(recorded, process.pid)
                if not left:
                    break
                time.sleep(0.1)
            out["serve_left_processes"] = len(left)
            if left:
                print(f"[{label}] {len(left)} tiến trình do cchc serve chạy vẫn còn sau khi nó dừng: "
                      + ", ".join(map(str, sorted(left))) + " (đã dừng hẳn).", file=sys.stderr, flush=True)
                for pid in left:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
    return out


def serve_sample(workdir: Path, repo: Path, build_day: str) -> dict:
    """`serve_change` on a copy of the sample site (the repository's own plans and content)."""
    site = workdir / "serve-sample"
    shutil.copytree(repo, site, ignore=shutil.ignore_patterns(".venv", "site", ".git", "bench", ".site-*",
                                                              "node_modules", "tests"))
    signer = "ho_ten: Nguyễn Đạt Long"

    def edit(text: str, mark: str) -> str:  # the signer's name, with the save's mark after it
        return re.sub(re.escape(signer) + "[^\n]*", lambda _m: f"{signer} {mark}", text, count=1)
    return serve_change(site, site / "plans/muong-lay/ke-hoach-2026.yml", "don-vi/muong-lay/ke-hoach-2026/",
                        "Nguyễn Đạt Long", edit, "Long Đổi", "mau", build_day, first_timeout=300)
