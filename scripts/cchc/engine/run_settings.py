"""What `cchc build` tells each engine process it starts, as one typed value.

A parallel build runs one engine process per shard of the pages. Each needs
to know which shard it writes, where to leave what the post-build stage
needs, and the as-of date; they travel together in one environment
variable, so an engine adapter reads one value and nothing else.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from ..base import build_mode
from .shards import Shard

ENV = "CCHC_RUN"


@dataclass(frozen=True)
class RunSettings:
    shard: Shard = field(default_factory=Shard)
    # Set for a worker of a parallel build: it leaves its link scan, search copies and data
    # problems here and the parent finishes the build. None: the engine finishes it itself.
    handoff_dir: str | None = None
    as_of: date | None = None  # None: dates.as_of_date() decides (CCHC_AS_OF, SOURCE_DATE_EPOCH, today)
    mode: str = build_mode.PREVIEW  # preview, publish or demo (cchc build --cong-bo [--cho-phep-mau])
    # The fingerprints of the last good build's pages that may be reused (build_cache.py); None: render all.
    reuse_file: str | None = None
    # Shard 0 of a parallel build that forks the processes of the other shards itself, once it has
    # read the data (engine/forked_shards.py); False: each shard's process was started on its own.
    forks: bool = False
    # With `forks`: fork a process only for so many pages to compose (the number of processes was
    # the default, not asked for); 0: every shard gets its process.
    pages_per_process: int = 0

    @property
    def is_worker(self) -> bool:
        return self.handoff_dir is not None

    def handoff_file(self) -> str:
        assert self.handoff_dir is not None
        return os.path.join(self.handoff_dir, f"shard-{self.shard.index}.pickle")

    def output_dir(self) -> str:
        """Where this shard's process writes its pages; the parent merges them into the first."""
        assert self.handoff_dir is not None
        return os.path.join(self.handoff_dir, f"out-{self.shard.index}")

    def problems_file(self) -> str:
        assert self.handoff_dir is not None
        return os.path.join(self.handoff_dir, f"problems-{self.shard.index}.json")

    def to_env(self) -> dict[str, str]:
        value = {"shard": self.shard.label, "handoff_dir": self.handoff_dir,
                 "as_of": self.as_of.isoformat() if self.as_of else None, "mode": self.mode,
                 "reuse_file": self.reuse_file, "forks": self.forks, "pages_per_process": self.pages_per_process}
        return {ENV: json.dumps(value)}

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "RunSettings":
        raw = environ.get(ENV)
        if not raw:
            return cls()
        value = json.loads(raw)
        as_of = date.fromisoformat(value["as_of"]) if value.get("as_of") else None
        mode = value.get("mode") if value.get("mode") in build_mode.MODES else build_mode.PREVIEW
        per_process = value.get("pages_per_process")
        return cls(Shard.parse(value.get("shard")), value.get("handoff_dir"), as_of, mode, value.get("reuse_file"),
                   value.get("forks") is True, per_process if isinstance(per_process, int) and per_process > 0 else 0)
