"""The file a build leaves in the site it made: `site/.cchc-build` (JSON).

It says what the build was for (a staff preview, a publication, or a demo
published with sample data on purpose), so `cchc deploy` can refuse to put a
preview or an unannounced demo on a server without reading the data again.
The hardening work uses the same file to recognise a folder as a previous
build; keys are added, never renamed.
"""

from __future__ import annotations

import json
import os
from typing import Iterable

from ..base import build_mode
from ..base.problems import Problem
from ..check.output import format_text

MARKER = ".cchc-build"


def write(site_dir: str, unready: Iterable[Problem] = ()) -> None:
    """Record this build's mode (from the environment, as the engine read it) and, for a demo,
    what a publication would have refused."""
    record = {"generator": "cchc", "mode": build_mode.current(), "unready": [format_text(p) for p in unready]}
    with open(os.path.join(site_dir, MARKER), "w", encoding="utf-8") as out:
        json.dump(record, out, ensure_ascii=False, indent=1)
        out.write("\n")


def read(site_dir: str) -> dict | None:
    try:
        with open(os.path.join(site_dir, MARKER), encoding="utf-8") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def deploy_refusal(site_dir: str, allow_sample: bool) -> str | None:
    """Why `cchc deploy` must not publish this built site, or None when it may."""
    record = read(site_dir)
    if record is None:
        return (f"Không rõ '{site_dir}' được dựng thế nào (thiếu tệp {MARKER}). Hãy dựng bản công bố: "
                "make cong-bo (hoặc cchc build --cong-bo).")
    mode = record.get("mode")
    if mode == build_mode.PUBLISH:
        return None
    if mode == build_mode.DEMO:
        if allow_sample:
            return None
        reasons = "\n".join(str(line) for line in record.get("unready", []))
        return ("Trang trong '" + site_dir + "' là bản thử nghiệm, dựng với --cho-phep-mau khi còn:\n" + reasons +
                "\nThêm --cho-phep-mau vào lệnh deploy nếu thật sự muốn công bố bản thử nghiệm này.")
    return (f"Trang trong '{site_dir}' là bản xem trước (make site): nó có danh sách việc cần làm dành cho cán bộ. "
            "Hãy dựng bản công bố: make cong-bo (hoặc cchc build --cong-bo).")
