"""`cchc init`: a new portal in an empty folder (then `make site` and `make test` there), or in place
of the samples (`--thay-mau`), and what the repository holds besides a portal."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import REPO, differing_files, run_cchc

from cchc.scaffold import layout

SEED = REPO / "tests/data/seeds/003_447270569d99eac5.txt"  # phường Mường Lay, tỉnh Điện Biên
UNIT_ARGS = ("--ten", "Mường Lay", "--loai", "phường", "--tinh", "tỉnh Điện Biên")
HREF = re.compile(r'href="([^"#]*)[^"]*"')


def make(target: str, cwd: Path) -> subprocess.CompletedProcess:
    """`make` in a new portal, with this checkout's installed packages (CCHC_VENV: nothing is installed)
    and the portal's own copy of the tool."""
    env = {**os.environ, "CCHC_VENV": sys.prefix, "PYTHONUTF8": "1"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(["make", target], cwd=cwd, text=True, capture_output=True, env=env)


def tool_files(root: Path) -> set[str]:
    """Every file of a portal or checkout, without caches and build output."""
    skipped = {".git", ".venv", "site", ".site-cache.json", ".site-tim-kiem.json", ".cchc-xem-truoc", "__pycache__", ".pytest_cache",
               "node_modules"}
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and not skipped & set(p.relative_to(root).parts)}


@pytest.fixture(scope="module")
def new_portal(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("init") / "cong-muong-lay"
    result = run_cchc("init", str(target), *UNIT_ARGS, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def test_init_writes_one_unit_and_the_tool_without_samples(new_portal):
    files = tool_files(new_portal)
    assert "plans/muong-lay/don-vi.yml" in files
    assert {f.split("/")[1] for f in files if f.startswith("plans/")} == {"muong-lay"}
    assert not any(f.startswith(("tests/data", "bench/")) for f in files)
    assert "tests/test_portal.py" in files and "scripts/cchc/cli.py" in files
    for copied in (".github/workflows/site.yml", ".vscode/settings.json", ".pre-commit-config.yaml", "Makefile",
                   "constraints.txt", "pyproject.toml", "content/huong-dan.md", "theme/main.html"):
        assert (new_portal / copied).read_bytes() == (REPO / copied).read_bytes(), copied  # one source of truth
    assert not any(f.startswith(("content/chuyen-muc/bai-viet/", "content/hoi-dap/cau-hoi/")) and f.endswith(".md")
                   for f in files)
    config = (new_portal / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: Kế hoạch tuyên truyền cải cách hành chính phường Mường Lay\n" in config
    assert "  - Kế hoạch: don-vi/muong-lay/index.md\n" in config and "don-vi/index.md" not in config
    profile = (new_portal / "plans/muong-lay/don-vi.yml").read_text(encoding="utf-8")
    assert "du_lieu_mau" not in profile and "dien_thoai: \"0" not in profile  # no invented contact data
    for text in (profile, config, (new_portal / "content/index.md").read_text(encoding="utf-8")):
        assert "noi_dung_mau" not in text and "Dữ liệu mẫu" not in text


def test_make_site_then_make_test_work_in_the_new_portal_at_once(new_portal):
    built = make("site", new_portal)
    assert built.returncode == 0, built.stdout + built.stderr
    site = new_portal / "site"
    pages = sorted(site.rglob("*.html"))
    assert (site / "don-vi/muong-lay/index.html") in pages
    assert (site / "chuyen-muc/index.html") in pages and (site / "hoi-dap/index.html") in pages  # empty, ready
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'class="cchc-sample"' not in html and "Bản thử nghiệm" not in html, page
        assert "Mường Lay" in html or page.name == "404.html" or "pagefind" in page.parts
    # no multi-unit furniture: no link to the list of units, one unit for the search filter
    for page in pages:
        url = page.relative_to(site).as_posix()
        links = {urljoin("https://x/" + url, href) for href in HREF.findall(page.read_text(encoding="utf-8"))}
        assert "https://x/don-vi/" not in links, page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-units="1"' in home and "Các đơn vị" not in home
    assert 'href="don-vi/muong-lay/"' in home  # the navigation leads to the unit itself
    ready = run_cchc("check", "--san-sang", cwd=new_portal)
    assert ready.returncode == 0 and "[lỗi]" not in ready.stdout, ready.stdout  # nothing sample to remove
    tested = make("test", new_portal)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "2 passed" in tested.stdout


def test_a_multi_unit_portal_starts_with_the_units_index(tmp_path):
    target = tmp_path / "cong-tinh"
    result = run_cchc("init", str(target), *UNIT_ARGS, "--nhieu-don-vi", cwd=REPO)
    assert result.returncode == 0, result.stderr
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - Đơn vị: don-vi/index.md\n" in config
    assert "site_name: Kế hoạch tuyên truyền cải cách hành chính các xã, phường tỉnh Điện Biên\n" in config


def test_init_from_a_plan_document_imports_it_and_keeps_its_notes_for_the_gate(tmp_path):
    target = tmp_path / "cong"
    result = run_cchc("init", str(target), "--tu-van-ban", str(SEED), cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    plan = target / "plans/muong-lay/ke-hoach-2026.yml"
    assert "so: '276'" in plan.read_text(encoding="utf-8") or "so: \"276\"" in plan.read_text(encoding="utf-8")
    profile = (target / "plans/muong-lay/don-vi.yml").read_text(encoding="utf-8")
    assert "ten: Mường Lay" in profile and "tinh_thanh: tỉnh Điện Biên" in profile
    notes = [n for n, line in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1) if "# CẦN XEM" in line]
    assert notes
    refused = run_cchc("build", "--cong-bo", cwd=target)
    assert refused.returncode == 1
    assert {f"plans/muong-lay/ke-hoach-2026.yml:{n}:1" for n in notes} <= set(
        line.split(": [")[0] for line in refused.stdout.splitlines())


def test_bad_values_are_all_reported_and_nothing_is_written(tmp_path):
    target = tmp_path / "cong"
    result = run_cchc("init", str(target), "--ten", "Mường Lay", "--loai", "huyện", "--tinh", "Điện Biên", cwd=REPO)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Loại đơn vị 'huyện'" in result.stderr and "cần ghi cả cấp" in result.stderr
    assert not target.exists() and not list(tmp_path.iterdir())
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    result = run_cchc("init", str(busy), *UNIT_ARGS, cwd=REPO)
    assert result.returncode == 1 and "không phải thư mục trống" in result.stderr
    assert [p.name for p in busy.iterdir()] == ["ghi-chu.txt"]
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a word file")
    result = run_cchc("init", str(target), "--tu-van-ban", str(broken), cwd=REPO)
    assert result.returncode == 1 and "Không nhập được" in result.stderr and not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy", "hong.docx"]  # no staging folder left


def checkout_copy(into: Path) -> Path:
    """This checkout's files as a clone would have them (tracked, and new files not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (REPO / name).is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, into / name)
    return into


def test_thay_mau_asks_first_then_removes_exactly_the_sample_files(tmp_path, new_portal):
    checkout = checkout_copy(tmp_path / "checkout")
    before = tool_files(checkout)
    declined = subprocess.run([sys.executable, "-m", "cchc", "init", "--thay-mau", *UNIT_ARGS], cwd=checkout,
                              input="không\n", text=True, capture_output=True)
    assert declined.returncode == 1 and "Không thay đổi gì" in declined.stdout
    assert tool_files(checkout) == before
    listed = {line.strip() for line in declined.stdout.splitlines() if line.startswith("  ")}
    samples = {f for f in before if f.startswith("plans/") and f.split("/")[1] in layout.SAMPLE_UNITS}
    samples |= {f for f in before if f.startswith("content/") and f != "content/index.md"
                and "noi_dung_mau: true" in (checkout / f).read_text(encoding="utf-8")}
    development = {f for f in before if any(f == d or f.startswith(d + "/") for d in layout.DEVELOPMENT)}
    development -= {"tests/test_portal.py"}
    assert listed == samples | development  # listed one by one before asking
    agreed = subprocess.run([sys.executable, "-m", "cchc", "init", "--thay-mau", *UNIT_ARGS], cwd=checkout,
                            input="có\n", text=True, capture_output=True)
    assert agreed.returncode == 0, agreed.stdout + agreed.stderr
    after = tool_files(checkout)
    assert before - after == (samples | development) - {"plans/muong-lay/don-vi.yml"}
    # the result is exactly what `cchc init` makes in an empty folder
    assert after == tool_files(new_portal)
    assert differing_files(checkout, new_portal, ignore=["site", ".site-cache.json", ".site-tim-kiem.json", "__pycache__", ".pytest_cache", ".venv",
                                                         "node_modules"]) == []
    again = run_cchc("init", "--thay-mau", "--dong-y", *UNIT_ARGS, cwd=checkout)
    assert again.returncode == 1 and "không còn đơn vị mẫu" in again.stderr


def test_every_file_of_the_repository_is_tool_sample_or_development():
    listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")

    def under(name: str, entries) -> bool:
        return any(name == e or name.startswith(e + "/") for e in entries)

    samples = {f"plans/{unit}" for unit in layout.SAMPLE_UNITS}
    unclassified = []
    for name in listed.stdout.split():
        marked = name.startswith("content/") and name.endswith(".md") and \
            "noi_dung_mau: true" in (REPO / name).read_text(encoding="utf-8")
        if not (under(name, layout.TOOL_FILES) or under(name, layout.DEVELOPMENT) or under(name, samples)
                or marked or name in (layout.SITE_CONFIG, layout.HOME_PAGE)):
            unclassified.append(name)
    assert unclassified == [], ("Mỗi tệp mới của kho phải được xếp vào scripts/cchc/scaffold/layout.py: chép vào "
                                "cổng mới (TOOL_FILES), mẫu hay phần phát triển công cụ (DEVELOPMENT).", unclassified)
