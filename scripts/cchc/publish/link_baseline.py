"""Which pages a preview must check the links of after an incremental build.

A link resolves from its page's folder to a file of the site, and an anchor to
an id of that page. So the result for a page not written again is the same as
at the last clean check as long as the site has the same files (so the same
pages) and every page written since has the same ids: only the written pages are then checked. On a
province portal that is a hundred pages instead of eleven thousand, on every save.
"""

from __future__ import annotations

import threading

from .handoff import Handoff
from .linkcheck import Inventory


class LinkBaseline:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: set[str] | None = None  # the site's files at the last clean check; None: none yet
        self._ids: dict[str, set[str]] = {}  # each page's ids then, by output path
        self._written: set[str] = set()  # output paths of pages written by builds since

    def note_build(self, handoff: Handoff) -> frozenset[str]:
        """Record the pages a build wrote; those written since the last clean check. A build that
        was not partial may have written pages it lists nowhere (the 404 page): all are checked."""
        with self._lock:
            if not handoff.partial:
                self._files = None
            self._written |= {dest for _fingerprint, dest, _digest in handoff.rendered.values()}
            return frozenset(self._written)

    def pages_to_check(self, handoff: Handoff, files: Inventory, written: frozenset[str]) -> set[str] | None:
        """The output paths to check, or None for every page."""
        with self._lock:
            if self._files is None or files[0] != self._files or any(
                    dest in handoff.scanned and handoff.scanned[dest][0] != self._ids.get(dest) for dest in written):
                return None
            return set(written)

    def passed(self, handoff: Handoff, files: Inventory, written: frozenset[str], still_newest) -> None:
        """The check of a build found nothing: it becomes the baseline, when no newer build came
        (`still_newest()`, asked under the lock that `note_build` takes)."""
        with self._lock:
            if still_newest():
                self._files = files[0]
                # A partial build hands over only what it wrote (engine/mkdocs_live.py): the pages it
                # left, the 404 page among them, are those of the builds before, as their ids.
                self._ids.update((dest, found[0]) for dest, found in handoff.scanned.items())
                self._written -= written

    def failed(self) -> None:
        """Problems were found: they are reported again until a full check finds none."""
        with self._lock:
            self._files = None
