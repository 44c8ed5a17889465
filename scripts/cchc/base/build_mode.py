"""What a build is for: staff's preview, the publication, or a demo published with sample data.

The command line decides (`cchc build`, `--cong-bo`, `--cho-phep-mau`); the engine's
processes learn it from their RunSettings, and the built site records it so that
`cchc deploy` can tell without reading the data again.
"""

from __future__ import annotations

PREVIEW = "preview"  # staff look before publishing: the staff guide lists what still stands in the way
PUBLISH = "publish"  # refused while sample data, sample content or CẦN XEM notes remain
DEMO = "demo"  # published with sample data on purpose: every page carries the "Bản thử nghiệm" banner
MODES = (PREVIEW, PUBLISH, DEMO)

DEMO_BANNER = "cchc-demo-banner"  # the banner's class in theme/main.html; a demo page without it fails the build


def is_public(mode: str) -> bool:
    """Public builds never show staff's readiness list."""
    return mode in (PUBLISH, DEMO)
