"""What the post-build stage needs from each written page, collected as the engine writes it.

The engine hands every written page to the collection step (link scan, search
copy); the post-build stage then works from this value alone, never reading
the site back. A parallel build merges one `Handoff` per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Handoff:
    """What one process leaves for the post-build stage, with paths relative to its output."""
    scanned: dict[str, tuple] = field(default_factory=dict)  # output path -> linkcheck.scan()
    reduced: dict[str, str] = field(default_factory=dict)  # page URL -> search_index.reduce_page()
    base_path: str = "/"
    search: bool = True

    def merge(self, other: "Handoff") -> None:
        self.scanned.update(other.scanned)
        self.reduced.update(other.reduced)
