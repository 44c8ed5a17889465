"""What a process keeps of the data files it read: their bytes, and the last result of each step on them.

A build reads a post in several steps (the cache's file digests, the data check, the staff pages'
link check, the engine's Markdown) and a plan in two (the check, its open-data copy): a build session
calls remember_bytes(), and each file is read once. The preview's engine process reads every file
again on each save: it calls remember_parses(), and the last result of each step on a file is reused
while the file stays the same. Other processes read and forget: the admin's save check loads copies
of the portal in new folders on every save. Callers only read what is returned (problems are copied
out, trees are not changed).
"""

from __future__ import annotations

import os

from ..base.problems import ProblemList
from . import discovery

MAX_BYTES = 1024 * 1024  # a data file's size limit; the data check refuses a larger one

_REMEMBER = False
_KEEP_BYTES = False


def remember_parses() -> None:
    global _REMEMBER, _KEEP_BYTES
    _REMEMBER = _KEEP_BYTES = True


def remember_bytes() -> None:
    global _KEEP_BYTES
    _KEEP_BYTES = True


_LAST_RESULT: dict[tuple, tuple] = {}
_LAST_BYTES: dict[str, tuple[tuple, bytes]] = {}


def read_bytes(path: str) -> bytes:
    """A data file's bytes (at most MAX_BYTES + 1, enough to say it is too large); raises OSError.
    Where bytes are kept, a file whose status (inode, size, change times) is unchanged since this
    process read it is not read again: a province portal has thousands of files, a build reads each
    several times and an edit in the preview changes one."""
    info = os.stat(path)
    status = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    last = _LAST_BYTES.get(path) if _KEEP_BYTES else None
    if last is not None and last[0] == status:
        return last[1]
    with open(path, "rb") as handle:
        # Asked for MAX_BYTES at once, Python would allocate (and the kernel map) a megabyte per file.
        data = handle.read(min(info.st_size, MAX_BYTES) + 1)
        if len(data) <= MAX_BYTES and len(data) > info.st_size:  # it grew since: read up to the limit
            data += handle.read(MAX_BYTES + 1 - len(data))
    if _KEEP_BYTES:
        _LAST_BYTES[path] = (status, data)
    return data


def file_bytes(path: str) -> bytes:
    """All of a file's bytes; raises OSError. A data file's are the ones read_bytes() keeps."""
    if path.endswith(discovery.DATA_SUFFIXES):
        data = read_bytes(path)
        if len(data) <= MAX_BYTES:  # else not all of it: a file too large, which the data check refuses
            return data
    with open(path, "rb") as handle:
        return handle.read()


def remembered(slot: tuple, same_as, compute, problems: ProblemList | None = None):
    """`compute(problems)` again only when `same_as` differs from the last call for `slot` (compared
    with `is` for objects a remembered parse returned, else with ==); its problems are replayed into
    `problems`. Without remember_parses() it simply computes."""
    if not _REMEMBER:
        return compute(problems)
    last = _LAST_RESULT.get(slot)
    if last is not None and (last[0] is same_as or (type(same_as) in (str, bytes, tuple) and last[0] == same_as)):
        value, found = last[1], last[2]
    else:
        found = ProblemList(problems.path if problems is not None else "")
        value = compute(found)
        _LAST_RESULT[slot] = (same_as, value, list(found))
    if problems is not None:
        problems.extend(found)
    return value
