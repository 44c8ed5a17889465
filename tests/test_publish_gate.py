"""The publish gate: `cchc build --cong-bo`, the demo override, `cchc deploy`, and the workflow on main."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from conftest import MINIMAL_MKDOCS, MINIMAL_UNIT, REPO, run_cchc, tiny_site

ROW = re.compile(r"^(?P<where>[^:]+:\d+:\d+): \[lỗi\] ")
SAMPLE_MARK = re.compile(r"^\s*(du_lieu_mau|noi_dung_mau): true\s*\n", re.M)
GUIDE = "# Hướng dẫn cập nhật\n\nSửa tệp trong plans/ rồi kiểm tra.\n"
GUIDE_MKDOCS = MINIMAL_MKDOCS + "  - Hướng dẫn cập nhật: huong-dan.md\n"
THEMED_MKDOCS = GUIDE_MKDOCS.replace("  name: material\n", "  name: material\n  custom_dir: theme\n")


def copy_sample_portal(into: Path) -> Path:
    for name in ("mkdocs.yml",):
        shutil.copy2(REPO / name, into / name)
    for folder in ("plans", "content", "theme"):
        shutil.copytree(REPO / folder, into / folder)
    return into


def blocker_positions(stdout: str) -> set[str]:
    return {m["where"] for m in map(ROW.match, stdout.splitlines()) if m}


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_the_gate_refuses_the_sample_portal_and_accepts_it_once_the_markers_are_resolved(tmp_path):
    portal = copy_sample_portal(tmp_path)
    ready = run_cchc("check", "--san-sang", cwd=portal)
    expected = blocker_positions(ready.stdout)
    assert len(expected) >= 30  # every sample profile, hotline, progress file, post, question, the home page
    refused = run_cchc("build", "--cong-bo", cwd=portal)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert blocker_positions(refused.stdout) == expected  # each one named, with its position
    assert "Chưa công bố" in refused.stderr
    assert not (portal / "site").exists()  # nothing half published
    for path in list((portal / "plans").rglob("*.yml")) + list((portal / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        path.write_text(SAMPLE_MARK.sub("", text), encoding="utf-8")
    accepted = run_cchc("build", "--cong-bo", cwd=portal)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    site = portal / "site"
    record = json.loads((site / ".cchc-build").read_text(encoding="utf-8"))
    assert record["mode"] == "publish" and record["unready"] == []
    assert not any("Bản thử nghiệm" in p.read_text(encoding="utf-8") for p in html_pages(site))
    assert 'id="truoc-khi-cong-bo"' not in (site / "huong-dan/index.html").read_text(encoding="utf-8")


def test_a_cần_xem_note_alone_blocks_publishing(tmp_path):
    site = tiny_site(tmp_path)
    plan = site / "plans/an-phu/ke-hoach-2026.yml"
    plan.write_text("# CẦN XEM: văn bản không ghi ngày\n" + plan.read_text(encoding="utf-8"), encoding="utf-8")
    refused = run_cchc("build", "--cong-bo", cwd=site)
    assert refused.returncode == 1
    assert blocker_positions(refused.stdout) == {"plans/an-phu/ke-hoach-2026.yml:1:1"}


def test_preview_shows_the_staff_list_and_deploy_refuses_it(tmp_path):
    site = tiny_site(tmp_path, {"mkdocs.yml": GUIDE_MKDOCS, "content/huong-dan.md": GUIDE,
                                "plans/an-phu/don-vi.yml": MINIMAL_UNIT + "dia_chi: Mẫu\ndu_lieu_mau: true\n"})
    assert run_cchc("build", cwd=site).returncode == 0  # the preview builds whatever the samples
    guide = (site / "site/huong-dan/index.html").read_text(encoding="utf-8")
    assert 'id="truoc-khi-cong-bo"' in guide
    assert "plans/an-phu/don-vi.yml:5:14" in guide and "Phải xong" in guide
    assert "Chưa có đường dây nóng" in guide
    refused = run_cchc("deploy", str(tmp_path / "www"), cwd=site)
    assert refused.returncode == 1 and "bản xem trước" in refused.stderr and "make cong-bo" in refused.stderr
    assert not (tmp_path / "www").exists()


def test_the_demo_override_puts_a_banner_on_every_page_and_deploy_asks_for_it_again(tmp_path):
    site = tiny_site(tmp_path, {"mkdocs.yml": THEMED_MKDOCS, "content/huong-dan.md": GUIDE,
                                "plans/an-phu/don-vi.yml": MINIMAL_UNIT + "dia_chi: Mẫu\ndu_lieu_mau: true\n"})
    shutil.copytree(REPO / "theme", site / "theme")
    built = run_cchc("build", "--cong-bo", "--cho-phep-mau", cwd=site)
    assert built.returncode == 0, built.stdout + built.stderr
    pages = html_pages(site / "site")
    assert len(pages) > 10 and (site / "site/404.html") in pages
    assert all("Bản thử nghiệm" in p.read_text(encoding="utf-8") for p in pages)
    assert 'id="truoc-khi-cong-bo"' not in (site / "site/huong-dan/index.html").read_text(encoding="utf-8")
    record = json.loads((site / "site/.cchc-build").read_text(encoding="utf-8"))
    assert record["mode"] == "demo" and record["unready"][0].startswith("plans/an-phu/don-vi.yml:5:14: [lỗi]")
    target = tmp_path / "www"
    refused = run_cchc("deploy", str(target), cwd=site)
    assert refused.returncode == 1 and "plans/an-phu/don-vi.yml:5:14" in refused.stderr
    assert "--cho-phep-mau" in refused.stderr and not target.exists()
    assert run_cchc("deploy", str(target), "--cho-phep-mau", cwd=site).returncode == 0
    assert "Bản thử nghiệm" in (target / "current/index.html").read_text(encoding="utf-8")


def test_a_demo_whose_theme_shows_no_banner_is_not_built(tmp_path):
    site = tiny_site(tmp_path, {"plans/an-phu/don-vi.yml": MINIMAL_UNIT + "dia_chi: Mẫu\ndu_lieu_mau: true\n"})
    result = run_cchc("build", "--cong-bo", "--cho-phep-mau", cwd=site)  # no theme/ override: no banner
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Bản thử nghiệm" in result.stderr and "theme/main.html" in result.stderr
    assert not (site / "site").exists()


def test_the_override_is_not_needed_once_nothing_is_sample(tmp_path):
    site = tiny_site(tmp_path)
    built = run_cchc("build", "--cho-phep-mau", cwd=site)
    assert built.returncode == 0
    assert json.loads((site / "site/.cchc-build").read_text(encoding="utf-8"))["mode"] == "publish"
    assert "Bản thử nghiệm" not in (site / "site/index.html").read_text(encoding="utf-8")


def test_the_workflow_publishes_from_main_through_the_gate_and_previews_pull_requests():
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    publish = [s for s in steps if "--cong-bo" in s.get("run", "")]
    preview = [s for s in steps if s.get("run", "").strip() == "make site"]
    assert len(publish) == 1 and len(preview) == 1
    assert "refs/heads/main" in publish[0]["if"] and "!= 'pull_request'" in publish[0]["if"]
    assert "== 'pull_request'" in preview[0]["if"]
    # the override comes only from a repository variable a maintainer sets on purpose
    assert "--cho-phep-mau" not in publish[0]["run"].replace("'--cho-phep-mau'", "")
    assert "vars.CCHC_CHO_PHEP_MAU == '1'" in publish[0]["run"]
    assert workflow["jobs"]["deploy"]["if"].count("refs/heads/main") == 1
