"""The core is reusable without mkdocs: a forty-line engine builds the same pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import BUILD_DAY_EPOCH, REPO

THEME_ONLY = {"404.html"}  # Material's own page, not the portal's


def test_the_core_alone_builds_every_page_the_mkdocs_build_has(sample_site, tmp_path):
    out = tmp_path / "plain"
    result = subprocess.run([sys.executable, str(REPO / "tests" / "plain_engine.py"), str(REPO), str(out)],
                            capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": BUILD_DAY_EPOCH,
                                                                 "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "mkdocs imported: False"
    by_core = {line for line in lines[:-1] if line.endswith(".html")}
    by_mkdocs = {str(p.relative_to(sample_site)) for p in sample_site.rglob("*.html")} - THEME_ONLY
    assert by_core == by_mkdocs
    # The same post-build stage ran: links checked (it would have failed) and the search index written.
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert sorted(p.name for p in (out / "don-vi" / "muong-lay").glob("*.ics")) == ["lich.ics"]


def test_every_generated_page_has_the_same_content_in_both_engines(sample_site, tmp_path):
    """What the core composes is what mkdocs publishes inside the theme's content area."""
    from cchc.base.theme import ARTICLE

    out = tmp_path / "plain"
    subprocess.run([sys.executable, str(REPO / "tests" / "plain_engine.py"), str(REPO), str(out)],
                   check=True, capture_output=True, env={"SOURCE_DATE_EPOCH": BUILD_DAY_EPOCH, "PATH": "/usr/bin:/bin"})
    page = Path("don-vi/muong-lay/tien-do-2026/index.html")
    core = ARTICLE.search((out / page).read_text("utf-8"))[1]
    mkdocs = ARTICLE.search((sample_site / page).read_text("utf-8"))[1]
    assert core.strip() and core.strip() in mkdocs


def test_a_build_reads_each_staff_page_once(tmp_path, monkeypatch):
    """The data files' digests, the data check, the staff link check and the engine share one read of
    each Markdown file (source/memo.read_bytes), as they do of the YAML files."""
    import plain_engine

    root = tmp_path / "portal"
    for name in ("content", "plans", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY_EPOCH)
    watched = (str(root / "content"), str(root / "plans"))
    opened: list[str] = []
    recording = [True]

    def record(event: str, args: tuple) -> None:  # an audit hook stays for the process: it stops itself
        if recording[0] and event == "open" and isinstance(args[0], str) and args[0].startswith(watched) \
                and args[0].endswith((".md", ".yml")):
            opened.append(os.path.relpath(args[0], root))
    sys.addaudithook(record)
    try:
        plain_engine.build(str(root), str(tmp_path / "plain"))
    finally:
        recording[0] = False
    data_files = sorted(os.path.relpath(p, root) for folder in ("content", "plans")
                        for p in (root / folder).rglob("*") if p.suffix in (".md", ".yml"))
    assert len(data_files) > 20
    assert sorted(opened) == data_files  # every one, once
