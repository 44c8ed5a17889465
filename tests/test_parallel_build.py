"""`cchc build` splits the writing of pages over several engine processes: the site must not show it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cchc.search.bundle import read_fragment
from cchc.engine.forked_shards import processes_for
from cchc.engine.parallel import MAX_JOBS
from cchc.engine.run_settings import RunSettings
from cchc.engine.shards import Shard, merge_output

from conftest import MINIMAL_POST, REPO, differing_files, run_cchc, tiny_site


def test_every_page_belongs_to_exactly_one_shard():
    pages = [f"don-vi/xa-{i}/ke-hoach-2026.md" for i in range(200)] + ["index.md", "chuyen-muc/bai-viet/a.md"]
    for count in (1, 2, 3, 4):
        owners = [[s for s in range(count) if Shard(s, count).owns(page)] for page in pages]
        assert all(len(found) == 1 for found in owners)
        if count > 1:  # a hash, not one process doing everything
            sizes = [sum(1 for found in owners if found == [s]) for s in range(count)]
            assert min(sizes) > len(pages) / count / 2, sizes
    assert Shard.parse("2/3") == Shard(2, 3) and Shard.parse(None) == Shard(0, 1)
    with pytest.raises(ValueError):
        Shard.parse("3/3")


def test_merging_outputs_keeps_the_first_copy_of_shared_files(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, page in ((first, "x"), (second, "y")):
        (folder / "assets").mkdir(parents=True)
        (folder / "assets/app.css").write_text(f"body{{}} /* {page} */", encoding="utf-8")
        (folder / page).mkdir()
        (folder / page / "index.html").write_text(page, encoding="utf-8")
        (folder / "don-vi" / page / "ke-hoach").mkdir(parents=True)  # a folder both have, with one's own inside
        (folder / "don-vi" / page / "ke-hoach/index.html").write_text(f"kh {page}", encoding="utf-8")
    (first / "don-vi/y").mkdir()  # ... and one that both have at the deepest level
    (first / "don-vi/y/a.html").write_text("a", encoding="utf-8")
    moved_whole = (second / "don-vi/y/ke-hoach").stat().st_ino
    merge_output(str(second), str(first))
    assert (first / "x/index.html").read_text() == "x" and (first / "y/index.html").read_text() == "y"
    assert (first / "assets/app.css").read_text() == "body{} /* x */"
    assert (first / "don-vi/x/ke-hoach/index.html").read_text() == "kh x"
    assert (first / "don-vi/y/ke-hoach/index.html").read_text() == "kh y" and (first / "don-vi/y/a.html").read_text() == "a"
    assert (first / "don-vi/y/ke-hoach").stat().st_ino == moved_whole  # renamed, not made again
    assert not second.exists()


def test_parallel_build_writes_the_same_site_as_one_process(tmp_path):
    """The sample portal built by one process and by three: the same files, byte for byte."""
    root = tmp_path / "portal"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv", "site", ".git", "bench", ".site-*", "tests",
                                                              "__pycache__", "*.egg-info"))
    for name, jobs in (("one", "1"), ("three", "3")):
        result = run_cchc("build", "--as-of", "30/06/2026", "--site-dir", name, cwd=root,
                          env={"SOURCE_DATE_EPOCH": None, "CCHC_JOBS": jobs})
        assert result.returncode == 0, result.stderr[-3000:]
    assert differing_files(root / "one", root / "three", ignore=["pagefind"]) == []
    assert len(list((root / "three").rglob("*.html"))) > 50
    # the same pages indexed, with the same originals, whichever process wrote them
    def indexed(site: Path) -> dict[str, dict]:
        fragments = (read_fragment(str(p)) for p in (site / "pagefind/fragment").glob("*.pf_fragment"))
        return {f["url"]: f["cchc"] for f in fragments}
    assert indexed(root / "one") == indexed(root / "three") and len(indexed(root / "one")) > 30


def test_broken_links_in_pages_of_different_processes_are_all_reported(tmp_path):
    pages = {f"content/trang-{i}.md": f"# Trang {i}\n\n<a href=\"../khong-co-{i}/\">x</a>\n" for i in range(6)}
    site = tiny_site(tmp_path, pages)
    result = run_cchc("build", cwd=site, env={"CCHC_JOBS": "3"})
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Có 6 liên kết, mục hoặc ảnh hỏng" in result.stderr
    assert all(f"khong-co-{i}/" in result.stderr for i in range(6))
    assert "Traceback" not in result.stderr and not (site / "site").exists()
    assert not list(tmp_path.rglob(".site-build-*"))  # no staging left behind


def test_bad_data_is_reported_once_whatever_the_number_of_processes(tmp_path):
    post = MINIMAL_POST.replace("ngay: 05/02/2026", "ngay: 30/02/2026")
    site = tiny_site(tmp_path, {"content/chuyen-muc/bai-viet/bai-thu.md": post})
    result = run_cchc("build", cwd=site, env={"CCHC_JOBS": "3"})
    assert result.returncode == 1
    assert result.stdout.count("bai-thu.md:") == 1 and "30/02/2026" in result.stdout, result.stdout
    assert not (site / "site").exists()


def _owned_by(shard: Shard, count: int, pattern: str) -> list[str]:
    """`count` page paths (from `pattern` with a number) that `shard` writes."""
    return [path for path in (pattern.format(i) for i in range(200)) if shard.owns(path)][:count]


def test_one_engine_process_forks_the_other_shards_once_it_has_read_the_data(tmp_path, monkeypatch):
    import json
    import subprocess

    from cchc.engine import parallel
    from cchc.engine.run_settings import ENV

    pages = {f"content/{path}": f"# Trang {path}\n" for index in range(3)
             for path in _owned_by(Shard(index, 3), 2, "trang-{}.md")}
    site = tiny_site(tmp_path, pages)
    started = []
    popen = subprocess.Popen

    def recording(*args, **kwargs):
        if ENV in (kwargs.get("env") or {}):
            started.append(json.loads(kwargs["env"][ENV]))
        return popen(*args, **kwargs)

    monkeypatch.setattr(parallel.subprocess, "Popen", recording)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795219200")
    parallel.build_site(str(site), jobs=3, log=lambda *_: None)
    assert [(run["shard"], run["forks"]) for run in started] == [("0/3", True)]
    for path in pages:  # written by the processes of all three shards
        assert (site / "site" / Path(path).relative_to("content").with_suffix("") / "index.html").is_file()
    assert not list(tmp_path.rglob(".site-build-*"))


def test_a_page_that_fails_in_a_forked_shard_stops_the_build_with_its_reason(tmp_path):
    [page] = _owned_by(Shard(1, 2), 1, "trang-{}.md")
    site = tiny_site(tmp_path, {f"content/{page}": "---\ntemplate: khong-co.html\n---\n# Trang\n"})
    result = run_cchc("build", cwd=site, env={"CCHC_JOBS": "2"})
    assert result.returncode == 1
    assert "Nguyên nhân: jinja2.exceptions.TemplateNotFound: khong-co.html" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (site / "site").exists()
    assert not list(tmp_path.rglob(".site-build-*"))


def _processes_in(folder: Path) -> list[int]:
    """Processes whose working folder is `folder` (the engine's are started there)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and Path(entry / "cwd").resolve() == folder.resolve():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_stopping_a_build_stops_the_forked_shards_too(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    pages = {f"content/trang-{i}.md": f"# Trang {i}\n\n" + "Nội dung của trang. " * 400 for i in range(400)}
    site = tiny_site(tmp_path, pages)
    env = {**os.environ, "CCHC_JOBS": "2", "SOURCE_DATE_EPOCH": "1795219200"}
    build = subprocess.Popen([sys.executable, "-m", "cchc", "build"], cwd=site, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".site-build-*/out-1")):  # the forked shard has begun to write
        assert build.poll() is None and time.monotonic() < deadline, "the build ended before its second shard wrote"
        time.sleep(0.05)
    build.send_signal(signal.SIGINT)  # Ctrl+C
    _out, err = build.communicate(timeout=60)
    assert build.returncode != 0 and "Traceback" not in err
    time.sleep(1)
    assert _processes_in(site) == []
    assert not (site / "site").exists() and not list(tmp_path.glob(".site-build-*"))


def test_a_crash_s_cause_is_found_among_the_log_records_of_the_other_process():
    """A forked shard's traceback shares the log with its parent, which goes on writing records."""
    from cchc.engine.parallel import _engine_failure

    output = "\n".join([
        "INFO    -  Cleaning site directory",
        "Traceback (most recent call last):",
        '  File "build.py", line 223, in _build_page',
        "INFO    -  Page skipped: 'trang-2.md'. Generated empty output.",
        "    raise TemplateNotFound(name)",
        "jinja2.exceptions.TemplateNotFound: khong-co.html",
        "ERROR   -  1 tiến trình dựng song song thất bại (lý do ở trên).",
    ])
    assert "\nNguyên nhân: jinja2.exceptions.TemplateNotFound: khong-co.html\n" in _engine_failure(output)


def test_a_default_build_forks_a_process_only_for_enough_pages_to_compose():
    assert processes_for(354, asked=2, pages_per_process=1000) == 1
    assert processes_for(3356, asked=2, pages_per_process=1000) == 2
    assert processes_for(3356, asked=4, pages_per_process=1000) == 3
    assert processes_for(0, asked=4, pages_per_process=1000) == 1
    assert processes_for(10, asked=3, pages_per_process=0) == 3  # asked for (CCHC_JOBS): all of them


def test_the_run_settings_carry_the_pages_a_process_is_forked_for():
    run = RunSettings(Shard(0, 2), "/tmp/x", forks=True, pages_per_process=1000)
    assert RunSettings.from_env(run.to_env()) == run
    assert RunSettings.from_env(RunSettings(Shard(0, 2), "/tmp/x").to_env()).pages_per_process == 0


def test_a_small_site_built_with_the_default_processes_is_the_site_two_processes_write(tmp_path):
    site = tiny_site(tmp_path, {"content/chuyen-muc/bai-viet/2026-02-05-thu.md": MINIMAL_POST})
    by_default = run_cchc("build", "--site-dir", "mac-dinh", cwd=site, env={"CCHC_JOBS": None})
    asked = run_cchc("build", "--site-dir", "hai", cwd=site, env={"CCHC_JOBS": "2"})
    assert by_default.returncode == 0 and asked.returncode == 0, by_default.stderr + asked.stderr
    assert differing_files(site / "mac-dinh", site / "hai") == []
    # Two were asked for: both ran. By default, on a machine with several cores, one takes every page.
    assert "thay vì" not in asked.stdout + asked.stderr
    cores = max(1, min(os.cpu_count() or 1, MAX_JOBS))  # the default, CCHC_JOBS unset
    if cores > 1:
        assert f"Ít trang cần dựng: dùng 1 tiến trình thay vì {cores}." in by_default.stdout + by_default.stderr


def test_an_engine_process_logs_no_line_per_page_another_shard_writes(tmp_path, monkeypatch):
    from cchc.engine import parallel

    pages = {f"content/{path}": f"# Trang {path}\n" for index in range(2)
             for path in _owned_by(Shard(index, 2), 3, "trang-{}.md")}
    site = tiny_site(tmp_path, pages)
    logs = []

    def engine(root, config_file, staging, runs, outputs, strict):
        parallel._run_shards(root, config_file, staging, runs, outputs, strict)
        logs.append(Path(staging, "engine-0.log").read_text(encoding="utf-8"))  # before the staging goes

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795219200")
    parallel.build_site(str(site), jobs=2, log=lambda *_: None, engine=engine)
    assert (site / "site" / "trang-0" / "index.html").is_file() and (site / "site" / "trang-1" / "index.html").is_file()
    assert "cchc: Đã kiểm tra" in logs[0], logs[0]  # the log is the engine's, and its own notes are kept
    assert "Page skipped" not in logs[0] and "Building documentation" not in logs[0], logs[0]
