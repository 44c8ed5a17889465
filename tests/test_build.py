"""Whole sites built for real with mkdocs (strict), then asserted on."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import MINIMAL_MKDOCS, MINIMAL_PLAN, run_cchc, tiny_site


class _Resources(HTMLParser):
    """Every URL a browser would fetch by itself (not plain links)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "icon", "modulepreload", "preconnect"):
            self.urls.append(attrs.get("href", ""))


def fetched_urls(html: str) -> list[str]:
    parser = _Resources()
    parser.feed(html)
    return parser.urls


def build(site: Path, *extra: str):
    return run_cchc("build", *extra, cwd=site)


def test_tiny_site_plan_page(tmp_path):
    site = tiny_site(tmp_path)
    result = build(site)
    assert result.returncode == 0, result.stderr
    page = (site / "site/don-vi/an-phu/ke-hoach-2026/index.html").read_text(encoding="utf-8")
    assert "<title>Kế hoạch 12/KH-UBND: Tuyên truyền cải cách hành chính năm 2026" in page
    assert page.count('class="cchc-task"') == 1 and 'id="nv-NV01"' in page
    assert "ngày 15 tháng 01 năm 2026" in page
    assert "tối thiểu 02 tin, bài mỗi tháng" in page
    assert "Nguyễn Văn Thử" in page
    assert '<html lang="vi"' in page
    data = json.loads((site / "site/don-vi/an-phu/ke-hoach-2026.json").read_text(encoding="utf-8"))
    assert data["don_vi"] == "an-phu" and data["nhiem_vu"][0]["han"] == "2026-12-31"
    assert (site / "site/don-vi/an-phu/ke-hoach-2026.yml").read_text(encoding="utf-8") == MINIMAL_PLAN
    schema = json.loads((site / "site/schemas/ke-hoach.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Kế hoạch tuyên truyền cải cách hành chính"
    unit = (site / "site/don-vi/an-phu/index.html").read_text(encoding="utf-8")
    assert 'href="ke-hoach-2026/"' in unit


def test_plan_text_is_escaped_in_page_title_and_meta(tmp_path):
    evil = '"><script>alert(1)</script>'
    site = tiny_site(tmp_path, {"plans/an-phu/ke-hoach-2026.yml":
                                MINIMAL_PLAN.replace("trich_yeu: Tuyên truyền", f"trich_yeu: '{evil} Tuyên truyền")
                                .replace("năm 2026\nmuc_dich", "năm 2026'\nmuc_dich")})
    result = build(site)
    assert result.returncode == 0, result.stderr
    page = (site / "site/don-vi/an-phu/ke-hoach-2026/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page
    description = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert description and "&#34;&gt;&lt;script&gt;" in description.group(1)


def test_edit_link_points_at_the_yaml_source(tmp_path):
    config = (MINIMAL_MKDOCS.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n")
              + "repo_url: https://git.example/xa/cong\nedit_uri: edit/main/content/\n")
    site = tiny_site(tmp_path, {"mkdocs.yml": config})
    result = build(site)
    assert result.returncode == 0, result.stderr
    page = (site / "site/don-vi/an-phu/ke-hoach-2026/index.html").read_text(encoding="utf-8")
    assert 'href="https://git.example/xa/cong/edit/main/plans/an-phu/ke-hoach-2026.yml"' in page


def test_theme_override_of_a_page_template(tmp_path):
    site = tiny_site(tmp_path, {"theme/cchc/units.html": "<p class=\"rieng\">Danh sách riêng của xã: {{ units|length }}</p>\n"})
    assert build(site).returncode == 0
    page = (site / "site/don-vi/index.html").read_text(encoding="utf-8")
    assert '<p class="rieng">Danh sách riêng của xã: 1</p>' in page


def test_bad_data_aborts_and_leaves_the_published_site_alone(tmp_path):
    site = tiny_site(tmp_path)
    assert build(site).returncode == 0
    before = {p: p.read_bytes() for p in (site / "site").rglob("*") if p.is_file()}
    (site / "plans/an-phu/ke-hoach-2026.yml").write_text(MINIMAL_PLAN.replace("ngay: 15/01/2026", "ngay: 30/02/2026"),
                                                          encoding="utf-8")
    result = build(site)
    assert result.returncode == 1
    assert "plans/an-phu/ke-hoach-2026.yml:4:7: [lỗi]" in result.stdout
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in (site / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(site.glob(".site-build-*"))


def test_strict_warning_promotes_nothing(tmp_path):
    site = tiny_site(tmp_path, {"content/index.md": "# Trang chủ\n\n[hỏng](khong-co.md)\n"})
    result = build(site)
    assert result.returncode == 1
    assert "content/index.md:3:8: [lỗi]" in result.stdout and "khong-co.md" in result.stdout
    assert not (site / "site").exists()


def test_sample_site_has_every_plan_with_all_rows(sample_site):
    expected = {"phu-khuong": 0, "binh-giang": 8, "muong-lay": 10}
    for unit, rows in expected.items():
        page = (sample_site / f"don-vi/{unit}/ke-hoach-2026/index.html").read_text(encoding="utf-8")
        assert page.count('class="cchc-task"') == rows, unit
        assert 'class="cchc-signature"' in page
    muong_lay = (sample_site / "don-vi/muong-lay/ke-hoach-2026/index.html").read_text(encoding="utf-8")
    for figure in ("150 tin, bài", "30 băng", "12 buổi", "Nguyễn Đạt Long", "ngày 10 tháng 12 năm 2026"):
        assert figure in muong_lay
    assert 'class="cchc-target"' in muong_lay  # the quota sentences are highlighted in the text
    phu_khuong = (sample_site / "don-vi/phu-khuong/ke-hoach-2026/index.html").read_text(encoding="utf-8")
    assert "tối thiểu 12 tin/bài trong năm" in phu_khuong and "tối thiểu 02 tin/bài mỗi tháng" in phu_khuong
    assert "không kèm phụ lục" in phu_khuong and "Số: …/KH-UBND" in phu_khuong
    binh_giang = (sample_site / "don-vi/binh-giang/ke-hoach-2026/index.html").read_text(encoding="utf-8")
    assert "ngày … tháng 01 năm 2026" in binh_giang
    units = (sample_site / "don-vi/index.html").read_text(encoding="utf-8")
    assert units.count('class="cchc-unit-list"') == 1 and "Phường Mường Lay" in units
    for unit in expected:
        assert "Dữ liệu mẫu" in (sample_site / f"don-vi/{unit}/index.html").read_text(encoding="utf-8")


def test_sample_site_requests_nothing_from_other_hosts(sample_site):
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        for url in fetched_urls(page.read_text(encoding="utf-8")):
            assert not re.match(r"^(https?:)?//", url), f"{page}: {url}"
    css = "".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_hand_written_pages_are_normalised_to_nfc(tmp_path):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Đường dây nóng của xã")
    site = tiny_site(tmp_path, {"content/lien-he.md": f"# Liên hệ\n\n{nfd}\n"})
    assert run_cchc("build", cwd=site).returncode == 0
    page = (site / "site/lien-he/index.html").read_text(encoding="utf-8")
    assert "Đường dây nóng của xã" in page and nfd not in page


def test_search_index_is_built_with_kinds_and_units(sample_site):
    assert (sample_site / "pagefind/pagefind.js").is_file()
    assert list((sample_site / "pagefind").glob("index/*.pf_index"))
    plan = (sample_site / "don-vi/muong-lay/ke-hoach-2026/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="loai:Kế hoạch"' in plan and 'data-pagefind-filter="don_vi:Phường Mường Lay"' in plan
    assert plan.count('class="cchc-task-heading" id="nv-') == 10
    column = (sample_site / "chuyen-muc/index.html").read_text(encoding="utf-8")
    assert 'data-cchc-index="title"' in column  # a listing is found by its title; its items only repeat the posts


def test_a_theme_without_the_content_marker_stops_the_build_with_a_clear_message(tmp_path):
    """The search index is fed each page's content area; a theme that renames it must not empty search."""
    root = tiny_site(tmp_path / "s", {
        "theme/main.html": '{% extends "base.html" %}\n{% block container %}<main>{{ page.content }}</main>'
                           '{% endblock %}\n'})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  font: false\n", "  font: false\n  custom_dir: theme\n"),
                      encoding="utf-8")
    result = run_cchc("build", cwd=root)
    assert result.returncode == 1
    assert "md-content__inner md-typeset" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "site").exists()
