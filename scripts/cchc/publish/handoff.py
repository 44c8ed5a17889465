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
    # Incremental builds (build_cache.py): the pages this process rendered, source path ->
    # (fingerprint, output path, digest of the output), and those it left to the last build's output.
    rendered: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    reused: set[str] = field(default_factory=set)
    site_inputs: str = ""  # the digest every process computed of the site-wide inputs
    # The engine wrote only what changed, theme assets and templates included: the rest of the
    # last build's output stands (engine/mkdocs_live.py).
    partial: bool = False
    # The data files and what the site has, for the next build to bound its edit (engine/touched.py).
    inputs: dict = field(default_factory=dict)
    # The units the files changed since the last build belong to, when that bounds which pages may
    # differ (the others are reused without being composed); None: every page was compared.
    bounded_units: list[str] | None = None
    # The first process's: how many shards' processes ran, when there were too few pages to compose
    # for the number started with (engine/forked_shards.py); 0: all of them.
    shard_count: int = 0

    def merge(self, other: "Handoff") -> None:
        self.scanned.update(other.scanned)
        self.reduced.update(other.reduced)
        self.rendered.update(other.rendered)
        self.reused |= other.reused
        self.site_inputs = self.site_inputs or other.site_inputs
        self.partial = self.partial or other.partial
        self.inputs = self.inputs or other.inputs
        self.bounded_units = self.bounded_units if self.bounded_units is not None else other.bounded_units
