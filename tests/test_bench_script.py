"""The benchmark's own helpers (scripts/bench.py): the edits it makes, the lines it reads, the Hugo
site it writes, the check that a stopped server left no process behind, and its report."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
import yaml

from conftest import REPO, tiny_site

sys.path.insert(0, str(REPO / "scripts"))

import bench  # noqa: E402
import bench_baselines  # noqa: E402
import bench_browser  # noqa: E402
import bench_proc  # noqa: E402
import bench_report  # noqa: E402
import bench_serve  # noqa: E402


def test_plan_edit_changes_one_text_value_and_keeps_valid_yaml():
    text = ("so: '12'\nnoi_dung:\n- nhan: a)\n  noi_dung: Tuyên truyền về CCHC.\n"
            "nhiem_vu:\n- ma: NV01\n  noi_dung: Xây dựng kế hoạch\n")
    edited = bench.append_to_plan_text(text, " Bổ sung.")
    before, after = yaml.safe_load(text), yaml.safe_load(edited)
    assert after["noi_dung"][0]["noi_dung"] == "Tuyên truyền về CCHC. Bổ sung."
    assert after["nhiem_vu"] == before["nhiem_vu"]
    quoted = bench.append_to_plan_text("noi_dung: 'a: b'\n", " Bổ sung.")
    assert yaml.safe_load(quoted) == {"noi_dung": "a: b Bổ sung."}
    with pytest.raises(ValueError):
        bench.append_to_plan_text("noi_dung: |\n  nhiều dòng\n", " x")


def test_build_counts_are_read_from_the_build_line():
    err = "Đang kiểm tra...\nDựng 3 trang, giữ nguyên 350 trang không đổi từ lần dựng trước.\nĐã dựng xong: site/\n"
    assert bench.built_counts(err) == (3, 350)
    assert bench.built_counts("không có dòng đó") == (None, None)


def test_serve_measurement_saves_several_times_and_reports_each_and_the_median(tmp_path):
    """The bench's own serve measurement on a real `cchc serve` of a tiny portal."""
    site = tiny_site(tmp_path)
    plan = site / "plans/an-phu/ke-hoach-2026.yml"
    measured = bench_serve.serve_change(site, plan, "don-vi/an-phu/ke-hoach-2026/", "Nguyễn Văn Thử",
                                        lambda text, mark: bench.append_to_plan_text(text, f" {mark}."), "Đã sửa lần",
                                        "thu", bench.BUILD_DAY, first_timeout=120, change_timeout=60, saves=2, between=1)
    each = measured["serve_change_each_seconds"]
    assert len(each) == 2 and all(isinstance(seconds, float) and 0 < seconds < 60 for seconds in each)
    assert measured["serve_change_seconds"] == sum(each) / 2  # the median of two
    assert "Đã sửa lần 1. Đã sửa lần 2." in plan.read_text(encoding="utf-8")
    assert measured["serve_left_processes"] == 0


def test_survivors_finds_a_child_that_outlives_its_stopped_parent():
    parent = subprocess.Popen(["sh", "-c", "sleep 60 & wait"], start_new_session=True)
    try:
        recorded: dict[int, str] = {}
        for _ in range(100):
            table = bench_proc.processes()
            recorded = {pid: table[pid].started for pid in bench_proc.descendants(parent.pid, table)}
            if recorded:
                break
            time.sleep(0.05)
        assert len(recorded) == 1
        parent.send_signal(signal.SIGTERM)
        parent.wait(timeout=10)
        assert bench_serve._survivors(recorded, parent.pid) == set(recorded)
    finally:
        for pid in recorded:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    time.sleep(0.2)
    assert bench_serve._survivors(recorded, parent.pid) == set()


@pytest.mark.skipif(not shutil.which("hugo"), reason="Hugo chưa cài (sh scripts/install-hugo.sh)")
def test_hugo_site_has_the_baseline_pages_at_the_same_addresses(tmp_path):
    baseline = tmp_path / "baseline"
    (baseline / "content/don-vi/xa-mau").mkdir(parents=True)
    (baseline / "mkdocs.yml").write_text("site_name: Cổng thử\nsite_url: !ENV [X, 'http://a/']\n", encoding="utf-8")
    (baseline / "content/index.md").write_text("# Trang chủ\n\nXin chào.\n", encoding="utf-8")
    (baseline / "content/don-vi/index.md").write_text("# Các đơn vị\n\n<p class=\"x\">bảng</p>\n", encoding="utf-8")
    (baseline / "content/don-vi/xa-mau/ke-hoach-2026.md").write_text("# Kế hoạch\n\n<table><tr><td>NV01</td></tr></table>\n",
                                                                       encoding="utf-8")
    target = tmp_path / "hugo"
    assert bench_baselines.export_hugo(baseline, target) == 3
    built = subprocess.run(["hugo", "--quiet", "--destination", "public"], cwd=target, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    plan = (target / "public/don-vi/xa-mau/ke-hoach-2026/index.html").read_text(encoding="utf-8")
    assert "<td>NV01</td>" in plan and "<title>Kế hoạch | Cổng thử</title>" in plan
    assert "Các đơn vị" in (target / "public/don-vi/index.html").read_text(encoding="utf-8")
    assert "Xin chào." in (target / "public/index.html").read_text(encoding="utf-8")


def _one_size_results() -> dict:
    cold = {"cchc": {"seconds": 3.1, "cpu_seconds": 5.0, "peak_memory_mib": 120, "pages": 351},
            "cchc_1_job": {"seconds": 4.0, "cpu_seconds": 3.9, "peak_memory_mib": 90, "pages": 351},
            "mkdocs_material": {"seconds": 2.8, "cpu_seconds": 2.8, "peak_memory_mib": 60, "pages": 351}, "hugo": None}
    row = {"units": 1, "pages": 351, "ratio": 1.11, "ms_per_page": 8.8, "output_mib": 11.0, "cold": cold,
           "warm_edits": [{"label": "sửa một đoạn chữ trong một kế hoạch", "file": "plans/a/ke-hoach-2026.yml",
                           "seconds": 1.2, "cpu_seconds": 1.5, "rendered": 1, "reused": 350, "visible": True}],
           "serve_first_answer_seconds": 4.0, "serve_change_seconds": None, "serve_change_each_seconds": [1.5, None],
           "serve_stop_seconds": 0.5, "serve_left_processes": 0}
    machine = {"system": "Linux", "cpus": 2, "python": "3.11", "packages": {"mkdocs": "1.6.1"}, "chromium": None,
               "hugo": None}
    return {"machine": machine, "repeat": 2, "jobs": 2, "sizes": [row]}


def test_report_has_one_table_per_concern_and_tolerates_missing_parts():
    results = _one_size_results()
    row = results["sizes"][0]
    text = bench_report.markdown(results, len(bench_browser.QUERIES))
    for heading in ("## Dựng lần đầu", "## Sửa một tệp rồi dựng lại", "## Xem trước (cchc serve)", "## Bộ nhớ đỉnh"):
        assert heading in text
    assert "## Dung lượng tải về" not in text  # no browser run
    # CPU over bare Material's: 5.0 / 2.8 and 3.9 / 2.8, the ratios the target is about.
    assert "| 1 | 351 | 3.1 | 5.0 | 4.0 | 3.9 | 2.8 | 2.8 | – | – | 1.11 | 1.79 | 1.39 | 8.8 | 11.0 |" in text
    assert "| 1 | 351 | 4.0 | – | 1.5 / – | 0.5 | 0 |" in text  # a save that never showed: no median
    assert "không có Hugo" in text
    assert "Bản nén" not in text  # not measured
    assert "phần nhân Linux" not in text  # runs that did not record the system's part: no table
    cold = row["cold"]
    for entry, system in ((cold["cchc"], 1.2), (cold["cchc_1_job"], 0.9), (cold["mkdocs_material"], 0.4)):
        entry["system_seconds"] = system
    text = bench_report.markdown(results, len(bench_browser.QUERIES))
    # user = CPU - system: 3.8, 3.0 and 2.4; one job's over bare's 3.0 / 2.4
    assert "| 1 | 3.8 | 1.2 | 3.0 | 0.9 | 2.4 | 0.4 | 1.25 |" in text
    row["compress"] = {"seconds": 0.8, "cpu_seconds": 1.4, "output_mib": 17.5}
    text = bench_report.markdown(results, len(bench_browser.QUERIES))
    assert "1 đơn vị 0.8 s, CPU 1.4 s, đầu ra 11.0 → 17.5 MiB" in text
    assert "CCHC_CACHE_DIR rỗng" not in text  # builds without the template cache: not measured
    assert "bị xóa (`cchc build --day-du`" in text and "Chuyển đi chứ không xóa" not in text  # as older runs did
    assert "một lần dựng không đo" not in text
    results.update(earlier_outputs="moved", templates_compiled_first=True)
    text = bench_report.markdown(results, len(bench_browser.QUERIES))
    assert "Chuyển đi chứ không xóa" in text and "biên dịch bằng một lần dựng không đo" in text
    cold["cchc_1_job_compiling"] = {"seconds": 4.3, "cpu_seconds": 4.2, "peak_memory_mib": 90, "pages": 351}
    text = bench_report.markdown(results, len(bench_browser.QUERIES))
    assert "CCHC_CACHE_DIR rỗng" in text and "1 đơn vị CPU 4.2 s, 1.5 lần mkdocs-material" in text  # 4.2 / 2.8


def test_report_flag_rewrites_the_tables_from_the_recorded_figures_without_measuring(tmp_path):
    import json
    results = _one_size_results()
    (tmp_path / "results.json").write_text(json.dumps(results), encoding="utf-8")
    done = subprocess.run([sys.executable, str(REPO / "scripts/bench.py"), "--report", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "results.md").read_text(encoding="utf-8") == bench_report.markdown(results, len(bench_browser.QUERIES))
    assert not (tmp_path / "portal-1").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["results.json", "results.md"]


def test_the_bare_material_baseline_builds_without_the_portal(tmp_path):
    """The baseline is Material alone: nothing of the portal's theme that needs its plugin (the memo of
    engine/fragments.py, its header's identity) may be left in it, or bare mkdocs fails."""
    import bench_data
    portal, baseline = tmp_path / "portal", tmp_path / "baseline"
    bench_data.generate(portal, REPO, 1, 3, 2)
    pages = bench_baselines.export_baseline(portal, baseline)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(tmp_path / "out")],
                          cwd=baseline, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    built = list((tmp_path / "out").rglob("index.html"))
    assert len(built) >= pages and 'class="md-nav' in (tmp_path / "out" / "index.html").read_text("utf-8")


def test_an_earlier_output_is_moved_aside_not_deleted_before_a_cold_build(tmp_path):
    root = tmp_path / "portal-1"
    (root / "site/don-vi").mkdir(parents=True)
    (root / "site/don-vi/index.html").write_text("lần 1", encoding="utf-8")
    (root / ".site-cache.json").write_text("{}", encoding="utf-8")
    for run in (1, 2):
        bench._fresh(root, "site")
        assert not (root / "site").exists() and not (root / ".site-cache.json").exists()
        (root / "site").mkdir()
        (root / "site/index.html").write_text(f"lần {run + 1}", encoding="utf-8")
    bench._fresh(root, "site-1")  # nothing to move
    kept = sorted(path.read_text(encoding="utf-8") for path in (tmp_path / "earlier-outputs").rglob("*.html"))
    assert kept == ["lần 1", "lần 2"]
    assert len(list((tmp_path / "earlier-outputs").rglob(".site-cache.json"))) == 1
