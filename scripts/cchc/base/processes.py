"""Stopping a child process: politely first, then for sure."""

from __future__ import annotations

import os
import signal
import subprocess

GRACE_SECONDS = 10  # time to exit after SIGTERM before SIGKILL


def stop(process: subprocess.Popen | None) -> None:
    """Terminate `process` if it still runs, and wait until it has exited (no zombie, no orphan)."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def kill_group(group: int) -> None:
    """Kill whatever is left of process group `group` (what a stopped process had forked)."""
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
