"""Publish a built site to a local or mounted directory with an atomic switch.

    TARGET/releases/<release>/   one complete copy of the site per publication
    TARGET/current -> releases/<release>   what the web server serves

A new release is copied in full before `current` is repointed in one atomic
rename, so visitors see either the old site or the new one, never a mix. The
previous release is kept, and `rollback` points `current` back at it.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone

KEEP = 3  # releases kept: the live one, the previous one (for rollback), and one more


class DeployError(Exception):
    pass


def _releases(target: str) -> list[str]:
    folder = os.path.join(target, "releases")
    if not os.path.isdir(folder):
        return []
    return sorted(name for name in os.listdir(folder) if not name.startswith("."))


def current_release(target: str) -> str | None:
    link = os.path.join(target, "current")
    if not os.path.islink(link):
        return None
    return os.path.basename(os.readlink(link))


def _point_current(target: str, release: str) -> None:
    temporary = os.path.join(target, ".current.new")
    if os.path.lexists(temporary):
        os.remove(temporary)
    os.symlink(os.path.join("releases", release), temporary)
    os.replace(temporary, os.path.join(target, "current"))  # atomic on POSIX file systems


def deploy(site_dir: str, target: str, now: datetime | None = None) -> str:
    if not os.path.isfile(os.path.join(site_dir, "index.html")):
        raise DeployError(f"'{site_dir}' không phải một trang đã dựng (không có index.html). Hãy chạy 'make site' trước.")
    link = os.path.join(target, "current")
    if os.path.exists(link) and not os.path.islink(link):
        raise DeployError(f"'{link}' đã có và không phải liên kết tượng trưng: không ghi đè.")
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    existing = _releases(target)
    release = stamp
    counter = 1
    while release in existing:
        counter += 1
        release = f"{stamp}-{counter}"
    staging = os.path.join(target, "releases", f".{release}.partial")
    os.makedirs(os.path.dirname(staging), exist_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(site_dir, staging, symlinks=False)
    os.rename(staging, os.path.join(target, "releases", release))
    _point_current(target, release)
    _prune(target)
    return release


def rollback(target: str) -> str:
    releases = _releases(target)
    live = current_release(target)
    if live not in releases or releases.index(live) == 0:
        raise DeployError("Không có bản phát hành trước đó để quay lại.")
    previous = releases[releases.index(live) - 1]
    _point_current(target, previous)
    return previous


def _prune(target: str) -> None:
    releases = _releases(target)
    live = current_release(target)
    for old in releases[:-KEEP]:
        if old != live:
            shutil.rmtree(os.path.join(target, "releases", old), ignore_errors=True)
