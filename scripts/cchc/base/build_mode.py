"""What a build is for: staff's preview, the publication, or a demo published with sample data.

The command line decides (`cchc build`, `--cong-bo`, `--cho-phep-mau`); the engine's
processes learn it from the environment, like the other build settings, and the
built site records it so that `cchc deploy` can tell without reading the data again.
"""

from __future__ import annotations

import os
from typing import Mapping

PREVIEW = "preview"  # staff look before publishing: the staff guide lists what still stands in the way
PUBLISH = "publish"  # refused while sample data, sample content or CẦN XEM notes remain
DEMO = "demo"  # published with sample data on purpose: every page carries the "Bản thử nghiệm" banner
MODES = (PREVIEW, PUBLISH, DEMO)

MODE_ENV = "CCHC_BUILD_MODE"
DEMO_BANNER = "cchc-demo-banner"  # the banner's class in theme/main.html; a demo page without it fails the build


def current(environ: Mapping[str, str] = os.environ) -> str:
    """The mode of this build; a plain `mkdocs build` or `cchc serve` is a preview."""
    value = environ.get(MODE_ENV, PREVIEW)
    return value if value in MODES else PREVIEW


def is_public(mode: str) -> bool:
    """Public builds never show staff's readiness list."""
    return mode in (PUBLISH, DEMO)
