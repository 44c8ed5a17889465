"""Which pages an edit can have changed, from the files it changed: the core's own rule, used by every
incremental build that knows the changed files (a fresh `cchc build` from the cache's file digests, the
preview from its watcher).

A unit's data file (profile, plan, progress) changes that unit's pages and the site-wide pages that
read that kind of data; a post or question changes its unit's pages (before and after the edit: it may
have moved to another unit) and the pages that read posts or questions. Any other change (a staff
page, an attachment, a file of an unknown kind) is not bounded: every page is fingerprinted.
"""

from __future__ import annotations

import os

from ..publish import build_cache
from ..source import discovery, memo

Owners = dict[str, tuple[str | None, str]]  # post or question source path -> (unit, kind of data)


def untouched(unit: str | None, reads: frozenset[str] | None, touched: set[str], kinds: set[str]) -> bool:
    """Whether an output is the same as in the last build: it is a unit's and the edit touched other
    units, or it is the site's and declares kinds of data (`reads`) the edit did not change."""
    return unit not in touched if unit is not None else reads is not None and not reads & kinds


def touched_units(changed: list[str], before: Owners, now: Owners, docs_dir: str,
                  plans_dir: str) -> tuple[set[str] | None, set[str]]:
    """The units whose data the changed files (paths from the portal root) hold, and the kinds of that
    data; None for the units when a change is not a unit's data."""
    units: set[str] = set()
    kinds: set[str] = set()
    for path in changed:
        parts = path.replace("\\", "/").split("/")
        if parts[0] == plans_dir and len(parts) == 3 and parts[2].endswith(".yml"):
            kind = discovery.unit_file_kind(parts[2])
            if kind is None:
                return None, kinds
            units.add(parts[1])
            kinds.add(kind)
            continue
        src = "/".join(parts[1:]) if parts[0] == docs_dir and len(parts) > 1 else None
        owners = [owners[src] for owners in (before, now) if src and src in owners]
        if not owners or any(unit is None for unit, _kind in owners):
            return None, kinds
        units.update(unit for unit, _kind in owners if unit)
        kinds.update(kind for _unit, kind in owners)
    return units, kinds


def source_digests(root: str, folders: tuple[str, ...]) -> dict[str, str]:
    """Every file of `folders` (path from the portal root `root`) and its digest: what the next build
    compares its files with."""
    found = {}
    for folder in folders:
        for current, dirs, names in os.walk(os.path.join(root, folder)):
            dirs.sort()
            for name in names:
                path = os.path.join(current, name)
                found[discovery.relative(path, root)] = _file_digest(path)
    return found


def _file_digest(path: str) -> str:
    """A file's digest; in the preview's engine, which records the data files after every save, read
    again only when the file's status changed (the memo that also keeps parses, source/memo.py)."""
    try:
        info = os.stat(path)
    except OSError:
        return ""
    status = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    return memo.remembered(("digest", path), status, lambda _found: _digest_of(path))


def _digest_of(path: str) -> str:
    try:
        return build_cache.digest_bytes(memo.file_bytes(path))  # data files: the bytes the check reads next
    except OSError:
        return ""
