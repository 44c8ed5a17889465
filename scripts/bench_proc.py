"""What /proc says about the running processes, for the benchmark (Linux only).

One reader for both uses: the peak memory of a build and its children (bench.py),
and the processes `cchc serve` leaves behind when stopped (bench_serve.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass


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
