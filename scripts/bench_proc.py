"""Processes for the benchmark (Linux only): one command run and measured, and what /proc says.

One reader for both uses: the peak memory of a build and its children (run_measured(), for
bench.py), and the processes `cchc serve` leaves behind when stopped (bench_serve.py).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Process:
    parent: int
    session: int
    state: str    # "Z" for a zombie: exited, not yet reaped
    started: str  # clock ticks after boot: with the pid, tells a process from a later one reusing its pid
    resident_bytes: int


def processes() -> dict[int, Process]:
    """Every process now running, by pid."""
    page = os.sysconf("SC_PAGE_SIZE")
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                # the command name, in parentheses, may hold spaces: the fields start after it
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited while the table was read
        found[int(entry)] = Process(int(fields[1]), int(fields[3]), fields[0], fields[19], int(fields[21]) * page)
    return found


def descendants(root: int, table: dict[int, Process]) -> set[int]:
    """The children of `root`, their children and so on (not `root` itself)."""
    tree, grew = {root}, True
    while grew:
        grown = tree | {pid for pid, process in table.items() if process.parent in tree}
        grew, tree = len(grown) > len(tree), grown
    return tree - {root}


@dataclass
class Measured:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the process and all it started
    system_seconds: float  # the system's part of it (the kernel's work: files, memory)
    peak_bytes: int  # highest total resident memory of the process and its descendants at one moment
    result: subprocess.CompletedProcess


def run_measured(command: list[str], cwd: Path, env: dict) -> Measured:
    """One child process and everything it starts (a parallel build runs several engine processes:
    their memory counts together, so the tree is sampled rather than the largest process reported)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    system = after.ru_stime - before.ru_stime
    cpu = (after.ru_utime - before.ru_utime) + system
    return Measured(elapsed, cpu, system, peak[0], subprocess.CompletedProcess(command, process.returncode, out, err))


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    table = processes()
    return sum(table[pid].resident_bytes for pid in {root} | descendants(root, table) if pid in table)
