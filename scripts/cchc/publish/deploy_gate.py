"""What `cchc deploy` reads in a built site before publishing it: the mode the build recorded.

Every build leaves `site/.cchc-build` (publish/targets.py); the build records
in it what the build was for (a staff preview, a publication, or a demo
published with sample data on purpose) and, for a demo, what a publication
would have refused. Deploy can then refuse without reading the data again.
"""

from __future__ import annotations

from typing import Iterable

from ..base import build_mode
from ..base.problems import Problem
from ..check.output import format_text
from .targets import MARKER, read_marker


def marker_facts(mode: str, unready: Iterable[Problem] = ()) -> dict:
    """The keys this build adds to the marker file."""
    return {"mode": mode, "unready": [format_text(p) for p in unready]}


def refusal(site_dir: str, allow_sample: bool) -> str | None:
    """Why `cchc deploy` must not publish this built site, or None when it may (or when it is no
    cchc build at all: deploy itself says so)."""
    record = read_marker(site_dir)
    if record is None:
        return None
    mode = record.get("mode")
    if mode == build_mode.PUBLISH:
        return None
    if mode == build_mode.DEMO:
        if allow_sample:
            return None
        reasons = "\n".join(str(line) for line in record.get("unready", []))
        return (f"Trang trong '{site_dir}' là bản thử nghiệm, dựng với --cho-phep-mau khi còn:\n{reasons}\n"
                "Thêm --cho-phep-mau vào lệnh deploy nếu thật sự muốn công bố bản thử nghiệm này.")
    if mode == build_mode.PREVIEW:
        return (f"Trang trong '{site_dir}' là bản xem trước (make site): nó có danh sách việc cần làm dành cho "
                "cán bộ. Hãy dựng bản công bố: make cong-bo (hoặc cchc build --cong-bo).")
    return (f"Không rõ '{site_dir}' được dựng để làm gì (tệp {MARKER} không ghi). Hãy dựng bản công bố: "
            "make cong-bo (hoặc cchc build --cong-bo).")
