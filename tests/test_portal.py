"""This portal's own test: its data passes `cchc check` and its site builds, with a page per unit and plan.

`cchc init` copies this file into every new portal (and the cchc repository runs it
on its samples), so that `make test` guards a portal's data the way CI runs it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN_FILE = re.compile(r"^ke-hoach-(\d{4})\.ya?ml$")


def run_cchc(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cchc", *args], cwd=ROOT, text=True, capture_output=True,
                          env={**os.environ, "PYTHONUTF8": "1"})


def test_the_data_passes_the_check():
    result = run_cchc("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_site_builds_with_a_page_for_every_unit_and_plan(tmp_path):
    site = tmp_path / "site"
    result = run_cchc("build", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    units = sorted(p for p in (ROOT / "plans").iterdir() if p.is_dir() and not p.name.startswith("."))
    assert units, "plans/ chưa có đơn vị nào"
    for unit in units:
        assert (site / "don-vi" / unit.name / "index.html").is_file(), unit.name
        for plan in unit.iterdir():
            if match := PLAN_FILE.match(plan.name):
                assert (site / "don-vi" / unit.name / f"ke-hoach-{match[1]}" / "index.html").is_file(), plan
    assert json.loads((site / ".cchc-build").read_text(encoding="utf-8"))["mode"] == "preview"
