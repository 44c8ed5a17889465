"""The README's table of statuses is the one pacing computes with (default number of days)."""

from __future__ import annotations

import re

from cchc.compute import pacing

from conftest import REPO


def test_readme_lists_every_status_with_the_meaning_the_site_shows():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("| Tình trạng | Nghĩa là |", 1)[1].split("\n\n", 1)[0]
    rows = [tuple(cell.strip() for cell in line.strip("|").split("|"))
            for line in table.strip().splitlines()[1:]]
    assert rows == [(label, meaning) for _status, label, meaning in pacing.definitions(pacing.DEFAULT_STALE_DAYS)]
    assert f"stale_days: {pacing.DEFAULT_STALE_DAYS}" in readme
    assert re.search(rf"\bdefault {pacing.DEFAULT_STALE_DAYS}\b", readme)
