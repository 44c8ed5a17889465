"""Put a finished build in place of the live site in one atomic step.

On Linux the two folders are exchanged with renameat2(RENAME_EXCHANGE): at
every moment the live path holds a complete site, the old one or the new
one. Where the kernel or file system cannot exchange, the old site is moved
aside and the new one moved in right after (two renames, a moment apart).
Staging folders of builds that were killed are removed by the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile

STAGING_PREFIX = ".site-build-"
OLD_PREFIX = ".site-old-"
OWNER = ".owner"  # the pid of the build that owns a staging folder
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: str, second: str) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), second)


def promote(new_dir: str, live_dir: str) -> None:
    """Swap `new_dir` into place; the previous output is removed only after the swap."""
    if not os.path.exists(live_dir):
        os.rename(new_dir, live_dir)
        return
    if _exchange(new_dir, live_dir):
        shutil.rmtree(new_dir, ignore_errors=True)  # now the previous site
        return
    old_dir = tempfile.mkdtemp(prefix=OLD_PREFIX, dir=os.path.dirname(os.path.abspath(live_dir)))
    os.rmdir(old_dir)
    os.rename(live_dir, old_dir)
    os.rename(new_dir, live_dir)
    shutil.rmtree(old_dir, ignore_errors=True)


def new_staging(parent: str) -> str:
    """A private folder for one build, marked with its owner so later builds know whether it is alive."""
    remove_abandoned(parent)
    staging = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent)
    claim(staging)
    return staging


def claim(folder: str) -> None:
    """Mark `folder` as this process's work in progress."""
    with open(os.path.join(folder, OWNER), "w", encoding="ascii") as out:
        out.write(str(os.getpid()))


def owned_by_running_process(folder: str) -> bool:
    """Whether another live process claimed `folder`; unclaimed or orphaned folders are abandoned."""
    try:
        with open(os.path.join(folder, OWNER), encoding="ascii") as data:
            owner = int(data.read().strip() or 0)
    except (OSError, ValueError):
        return False
    if not owner or owner == os.getpid():
        return False
    try:
        os.kill(owner, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned(parent: str) -> list[str]:
    """Staging and old-site folders left by builds that were killed; a running build's folder stays."""
    removed = []
    for name in os.listdir(parent):
        path = os.path.join(parent, name)
        if not name.startswith((STAGING_PREFIX, OLD_PREFIX)) or not os.path.isdir(path) or os.path.islink(path):
            continue
        if owned_by_running_process(path):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(name)
    return removed
