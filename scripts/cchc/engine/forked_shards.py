"""The other shards of a parallel build, forked from the first shard's process once it has read the data.

Every shard's process needs all the data and the engine's set-up (its configuration, theme, list of
files and navigation) before it renders its own pages. Started on its own, each process imported,
read, checked and set up all of it again: with two shards that repeated work was a fifth of the CPU
a cold build used. Forked after it, the processes share it (copy on write) and each goes on with its
own shard. Where the system cannot fork, `cchc build` starts one process per shard as before.
"""

from __future__ import annotations

import atexit
import gc
import os
import signal
import sys
import threading
import time
from dataclasses import replace

from .run_settings import RunSettings
from .shards import Shard

PARENT_CHECK_SECONDS = 0.5  # how soon a forked shard notices that its parent has gone


def can_fork() -> bool:
    return hasattr(os, "fork")


def processes_for(pages_to_compose: int, asked: int, pages_per_process: int) -> int:
    """How many of the `asked` processes a build with so many pages to compose is worth: a forked
    process costs its share of the set-up and of the kernel's work whether it has pages or not."""
    if pages_per_process <= 0:
        return asked
    return max(1, min(asked, pages_to_compose // pages_per_process))


def fork_other_shards(run: RunSettings) -> tuple[RunSettings, list[int]]:
    """Fork one process for each shard after the first. Returns the run this process now has (a
    child: its shard, no forking) and, in the parent, the children's process ids."""
    sys.stdout.flush()
    sys.stderr.flush()  # else what is still buffered would be written by every process
    # What every process shares (the data, the engine's set-up) is left out of the garbage collector's
    # rounds: a round writes into each object it visits, and the kernel then copies its memory page
    # into the process that visited it.
    gc.freeze()
    parent = os.getpid()
    children: list[int] = []
    for index in range(1, run.shard.count):
        pid = os.fork()
        if pid == 0:
            _exit_with(parent)
            return replace(run, shard=Shard(index, run.shard.count), forks=False), []
        children.append(pid)
    atexit.register(stop, children)  # the parent failed before it waited for them
    return run, children


def _exit_with(parent: int) -> None:
    """A forked shard whose parent was stopped (SIGTERM, SIGKILL) stops too, instead of writing on."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def wait_for(children: list[int]) -> int:
    """Wait until every child has exited (each leaves the list once reaped: its id may be reused);
    returns how many failed."""
    failed = 0
    while children:
        _pid, status = os.waitpid(children[0], 0)
        children.pop(0)
        failed += os.waitstatus_to_exitcode(status) != 0
    return failed


def stop(children: list[int]) -> None:
    """The parent failed: its children's pages will never be merged, so they stop now."""
    while children:
        pid = children.pop(0)
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
