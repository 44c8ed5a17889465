"""Publish a built site to a local or mounted directory with an atomic switch, and roll back.

    TARGET/releases/<release>/             one complete copy of the site per publication
    TARGET/current -> releases/<release>   what the web server serves
    TARGET/history.json                    every switch of `current`, oldest first

A new release is copied in full before `current` is repointed in one atomic
rename, so visitors see either the old site or the new one, never a mix.
Rollback undoes the last switch: it returns to the release that was live
before it (deploy A, B, rollback → A; then C, rollback → A again). The
history is written explicitly because release names alone cannot tell which
release was live before a rollback.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone

from .compress import compress_site
from .promote import claim, owned_by_running_process
from .targets import MARKER, UnsafeTarget, check_not_protected

KEEP = 3  # releases kept: the live one, the one a rollback returns to, and one more
HISTORY = "history.json"
PARTIAL = ".partial"


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


def history(target: str) -> list[dict]:
    try:
        with open(os.path.join(target, HISTORY), encoding="utf-8") as data:
            value = json.load(data)
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as err:
        raise DeployError(f"Không đọc được lịch sử công bố {os.path.join(target, HISTORY)}: {err}") from None
    return value if isinstance(value, list) else []


def _write_history(target: str, entries: list[dict]) -> None:
    temporary = os.path.join(target, f".{HISTORY}.new")
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(entries, out, ensure_ascii=False, indent=1)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, os.path.join(target, HISTORY))


def _switch(target: str, release: str, how: str, now: datetime | None) -> None:
    temporary = os.path.join(target, ".current.new")
    if os.path.lexists(temporary):
        os.remove(temporary)
    os.symlink(os.path.join("releases", release), temporary)
    os.replace(temporary, os.path.join(target, "current"))  # atomic on POSIX file systems
    entries = history(target)
    entries.append({"release": release, "how": how,
                    "at": (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")})
    _write_history(target, entries)


def _check_target(site_dir: str, target: str, root: str | None) -> None:
    site_real, target_real = os.path.realpath(site_dir), os.path.realpath(target)
    for inner, outer in ((target_real, site_real), (site_real, target_real)):
        if inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep):
            raise DeployError(f"Thư mục công bố '{target}' không được nằm trong trang đã dựng '{site_dir}' "
                              "hay chứa nó: hãy chọn một thư mục khác (ví dụ /var/www/cchc).")
    if root is not None:
        try:
            check_not_protected(root, target, "thư mục công bố")
        except UnsafeTarget as err:
            raise DeployError(str(err)) from None


def deploy(site_dir: str, target: str, now: datetime | None = None, root: str | None = None) -> str:
    if not os.path.isfile(os.path.join(site_dir, MARKER)) or not os.path.isfile(os.path.join(site_dir, "index.html")):
        raise DeployError(f"'{site_dir}' không phải một trang do cchc dựng (không có index.html và tệp {MARKER}). "
                          "Hãy dựng bản công bố trước: make cong-bo.")
    _check_target(site_dir, target, root)
    link = os.path.join(target, "current")
    if os.path.lexists(link) and not os.path.islink(link):
        raise DeployError(f"'{link}' đã có và không phải liên kết tượng trưng: không ghi đè.")
    remove_partial(target)
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    existing = _releases(target)
    release, counter = stamp, 1
    while release in existing:
        counter += 1
        release = f"{stamp}-{counter}"
    staging = os.path.join(target, "releases", f".{release}{PARTIAL}")
    os.makedirs(staging)
    claim(staging)
    shutil.copytree(site_dir, os.path.join(staging, "site"), symlinks=False)
    # The server serves files as stored (README: gzip_static): the release gets its compressed copies,
    # taken from the live release for every file that did not change.
    live = current_release(target)
    compress_site(os.path.join(staging, "site"), keep_existing=True,
                  previous=os.path.join(target, "releases", live) if live else None)
    os.rename(os.path.join(staging, "site"), os.path.join(target, "releases", release))
    shutil.rmtree(staging, ignore_errors=True)
    if current_release(target) is not None and not history(target):
        _write_history(target, [{"release": current_release(target), "how": "trước khi có lịch sử", "at": ""}])
    _switch(target, release, "deploy", now)
    _prune(target)
    return release


def rollback(target: str, now: datetime | None = None) -> str:
    """Undo the last switch of `current`: back to the release that was live before it."""
    entries = history(target)
    live = current_release(target)
    if len(entries) < 2 or live is None:
        raise DeployError("Không có bản phát hành trước đó để quay lại.")
    previous = entries[-2]["release"]
    if previous not in _releases(target):
        raise DeployError(f"Bản phát hành trước đó ({previous}) không còn trên máy: không quay lại được.")
    _switch(target, previous, "rollback", now)
    return previous


def remove_partial(target: str) -> list[str]:
    """Release folders of deploys that were killed before they finished."""
    folder = os.path.join(target, "releases")
    removed: list[str] = []
    if not os.path.isdir(folder):
        return removed
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if not (name.startswith(".") and name.endswith(PARTIAL)) or os.path.islink(path) \
                or owned_by_running_process(path):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(name)
    return removed


def _prune(target: str) -> None:
    """Keep the releases live most recently (the live one and the one a rollback returns to among them)."""
    entries = history(target)
    recent: list[str] = []
    for entry in reversed(entries):
        if entry["release"] not in recent:
            recent.append(entry["release"])
    keep = set(recent[:KEEP]) | {current_release(target)} | ({entries[-2]["release"]} if len(entries) > 1 else set())
    for old in _releases(target):
        if old not in keep:
            shutil.rmtree(os.path.join(target, "releases", old), ignore_errors=True)
