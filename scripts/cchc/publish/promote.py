"""Put a finished build in place of the live site in one step.

The previous output is removed only after the swap, so a failure at any
moment leaves a complete site (the old or the new one) where the host serves it.
"""

from __future__ import annotations

import os
import shutil
import tempfile


def promote(new_dir: str, live_dir: str) -> None:
    """Swap `new_dir` into place; the previous output is removed only after the swap."""
    old_dir = None
    if os.path.exists(live_dir):
        old_dir = tempfile.mkdtemp(prefix=".site-old-", dir=os.path.dirname(os.path.abspath(live_dir)))
        os.rmdir(old_dir)
        os.rename(live_dir, old_dir)
    os.rename(new_dir, live_dir)
    if old_dir:
        shutil.rmtree(old_dir, ignore_errors=True)
