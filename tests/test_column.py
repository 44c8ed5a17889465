"""The column, its feeds, hotline pages, questions and the home page, built for real."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from cchc.model.load import load_portal

from conftest import MINIMAL_MKDOCS, MINIMAL_POST as POST, REPO, run_cchc, tiny_site

SITE_URL = "http://127.0.0.1:8000/"  # the sample mkdocs.yml default


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def published_posts():
    portal = load_portal(str(REPO)).portal
    return portal, [p for p in portal.posts]


def test_sample_content_counts_and_markings():
    portal, posts = published_posts()
    assert len(posts) >= 12 and len(portal.questions) >= 6
    assert {p.unit_id for p in posts} == {"phu-khuong", "binh-giang", "muong-lay"}
    assert {c for p in posts for c in p.categories} >= {"Cải cách thể chế", "Cải cách thủ tục hành chính",
                                                       "Cải cách tổ chức bộ máy", "Cải cách chế độ công vụ",
                                                       "Cải cách tài chính công", "Tin hoạt động"}
    assert all(p.sample for p in posts) and all(q.sample for q in portal.questions)


def test_column_pages_exist(sample_site):
    index = read(sample_site, "chuyen-muc/index.html")
    assert index.count('class="cchc-post-item"') == 10  # first page of the pagination
    assert 'rel="next" href="trang-2/"' in index
    assert read(sample_site, "chuyen-muc/trang-2/index.html").count('class="cchc-post-item"') >= 2
    area = read(sample_site, "chuyen-muc/linh-vuc/thu-tuc-hanh-chinh/index.html")
    assert "Chủ tịch UBND xã Bình Giang đối thoại" in area and "Khai sinh" not in area
    assert "Tháng 06/2026" in read(sample_site, "chuyen-muc/luu-tru/2026/index.html")
    month = read(sample_site, "chuyen-muc/luu-tru/2026-06/index.html")
    assert month.count('class="cchc-post-item"') == 1
    post = read(sample_site, "chuyen-muc/bai-viet/2026-06-25-binh-giang-doi-thoai/index.html")
    assert "ngày 25 tháng 6 năm 2026" in post and "phút đọc" in post and "Nội dung mẫu" in post
    assert 'href="../../../don-vi/binh-giang/ke-hoach-2026/#nv-NV07"' in post
    assert "<title>Chủ tịch UBND xã Bình Giang đối thoại" in post


def test_drafts_are_never_published(sample_site):
    assert not (sample_site / "chuyen-muc/bai-viet/2026-11-10-phu-khuong-ban-nhap").exists()
    everything = "".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*") if p.suffix in (".html", ".xml"))
    assert "tổng kết phong trào thi đua" not in everything


@pytest.mark.parametrize("feed_path,unit", [("chuyen-muc/rss.xml", None), ("chuyen-muc/atom.xml", None),
                                            ("don-vi/muong-lay/rss.xml", "muong-lay"),
                                            ("don-vi/binh-giang/atom.xml", "binh-giang")])
def test_feeds_parse_and_carry_every_published_post(sample_site, feed_path, unit):
    _portal, posts = published_posts()
    expected = [p for p in posts if unit is None or p.unit_id == unit]
    parsed = feedparser.parse((sample_site / feed_path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    links = [entry.link for entry in parsed.entries]
    assert len(links) == len(expected)
    for post in expected:
        assert SITE_URL + post.src_uri[:-3] + "/" in links
    assert all(link.startswith(SITE_URL) for link in links)
    assert parsed.feed.title.startswith("Chuyên mục Cải cách hành chính")


def test_every_page_of_a_unit_carries_its_hotline(sample_site):
    portal = load_portal(str(REPO)).portal
    for unit in portal.units:
        tel = f'href="tel:{unit.hotlines[0].phone.tel}"'
        pages = list((sample_site / "don-vi" / unit.id).rglob("*.html"))
        pages += [sample_site / p.src_uri[:-3] / "index.html" for p in portal.posts if p.unit_id == unit.id]
        pages += [sample_site / q.src_uri[:-3] / "index.html" for q in portal.questions if q.unit_id == unit.id]
        assert len(pages) >= 8
        for page in pages:
            assert tel in page.read_text(encoding="utf-8"), page


def test_hotline_and_procedures_pages(sample_site):
    hotline = read(sample_site, "don-vi/muong-lay/duong-day-nong/index.html")
    assert hotline.count('class="cchc-hotline-card"') == 2
    assert 'href="tel:+842153000001"' in hotline and "0215 3000 001" in hotline
    assert "đừng gọi" in hotline  # sample numbers say so
    procedures = read(sample_site, "don-vi/muong-lay/thu-tuc-hanh-chinh/index.html")
    assert 'href="https://dichvucong.gov.vn/"' in procedures and "Phản ánh, kiến nghị" in procedures


def test_questions_list_item_and_waiting_highlight(sample_site):
    listing = read(sample_site, "hoi-dap/index.html")
    assert listing.count('class="cchc-question-item') == 6
    # asked 15/10/2026, still waiting at the fixed build day 21/11/2026 (> 15 days): highlighted
    assert re.search(r'cchc-question-item cchc-overdue" data-linh-vuc="Khác" data-trang-thai="chờ trả lời"', listing)
    assert "đã chờ 37 ngày" in listing
    assert listing.count("cchc-overdue") == 1  # the one asked on 18/11 is not late yet
    item = read(sample_site, "hoi-dap/cau-hoi/2026-03-02-khai-sinh-truc-tuyen/index.html")
    assert "sau 4 ngày" in item and "Cổng Dịch vụ công quốc gia" in item and "Nội dung mẫu" in item
    anonymous = read(sample_site, "hoi-dap/cau-hoi/2026-05-11-ho-so-bi-tra-lai/index.html")
    assert "Giấu tên" in anonymous


def test_home_page_sections(sample_site):
    home = read(sample_site, "index.html")
    for heading in ("Kế hoạch năm nay", "Tiến độ thực hiện", "Tin mới", "Câu hỏi mới được trả lời", "Đường dây nóng"):
        assert heading in home
    assert 'href="don-vi/muong-lay/ke-hoach-2026/"' in home
    assert "Các đơn vị (3)" in home
    assert home.count('class="cchc-home-units"') == 1 and 'href="don-vi/phu-khuong/">Phường Phú Khương</a>' in home




def test_single_unit_site_has_no_multi_unit_furniture(tmp_path):
    site = tiny_site(tmp_path, {"content/chuyen-muc/bai-viet/bai-thu.md": POST})
    result = run_cchc("build", cwd=site)
    assert result.returncode == 0, result.stderr
    home = read(site / "site", "index.html")
    assert "Các đơn vị" not in home
    assert "<strong>Ủy ban nhân dân xã An Phú</strong> · tỉnh Thử Nghiệm" in home
    assert "Xã An Phú: các kế hoạch" in home
    assert "Xã An Phú" not in read(site / "site", "chuyen-muc/index.html").split("cchc-post-item")[1][:400]
    feed = feedparser.parse((site / "site/chuyen-muc/rss.xml").read_bytes())
    assert [e.link for e in feed.entries] == ["https://xa.example/cong/chuyen-muc/bai-viet/bai-thu/"]


@pytest.mark.parametrize("front,line,col,needle", [
    (POST.replace("co_quan:", "co_quna:"), 6, 1, "Có phải ý bạn là 'co_quan'"),
    (POST.replace("ngay: 05/02/2026", "ngay: 31/02/2026"), 3, 7, "không tồn tại"),
    (POST.replace("don_vi: an-phu", "don_vi: an-phu-2"), 4, 9, "Không có đơn vị 'an-phu-2'"),
    (POST.replace("chuyen_muc: [Tin hoạt động]", "chuyen_muc: [Tin tức]"), 5, 14, "không hợp lệ"),
    (POST.replace("co_quan: Phòng", "nhiem_vu: NV09\nco_quan: Phòng"), 6, 11, "không có nhiệm vụ 'NV09'"),
    (POST.replace("tieu_de: Bài thử", "tieu_de: Bài: thử"), 2, 13, "Sai cú pháp YAML"),
    (POST.replace("---\n\nNội dung", "\nNội dung"), 1, 1, "không có dòng '---' đóng lại"),
])
def test_bad_front_matter_fails_the_build_at_path_line_col(tmp_path, front, line, col, needle):
    site = tiny_site(tmp_path, {"content/chuyen-muc/bai-viet/bai-thu.md": front})
    result = run_cchc("build", cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    location = f"content/chuyen-muc/bai-viet/bai-thu.md:{line}:{col}: [lỗi] "
    matching = [row for row in result.stdout.splitlines() if row.startswith(location)]
    assert matching and needle in matching[0], result.stdout
    assert not (site / "site").exists()


def test_cover_image_needs_alt_text_and_an_existing_file(tmp_path):
    with_cover = POST.replace("co_quan:", "anh_bia:\n  tep: anh/khong-co.jpg\nco_quan:")
    site = tiny_site(tmp_path, {"content/chuyen-muc/bai-viet/bai-thu.md": with_cover})
    rows = run_cchc("check", cwd=site).stdout
    assert "bai-thu.md:7:3: [lỗi] Thiếu khóa bắt buộc 'mo_ta'" in rows


def test_feeds_need_a_site_url(tmp_path):
    config = MINIMAL_MKDOCS.replace("site_url: https://xa.example/cong/\n", "")
    site = tiny_site(tmp_path, {"mkdocs.yml": config, "content/chuyen-muc/bai-viet/bai-thu.md": POST})
    result = run_cchc("build", cwd=site)
    assert result.returncode == 1 and "site_url" in result.stderr


def test_cover_image_is_checked_and_published_with_its_alt_text(tmp_path):
    with_cover = POST.replace("co_quan:", "anh_bia:\n  tep: anh/hoi-nghi.png\n  mo_ta: Quang cảnh hội nghị\nco_quan:")
    site = tiny_site(tmp_path, {"content/chuyen-muc/bai-viet/bai-thu.md": with_cover})
    assert "bai-thu.md:7:8: [lỗi] Không thấy ảnh 'anh/hoi-nghi.png'" in run_cchc("check", cwd=site).stdout
    (site / "content/anh").mkdir()
    (site / "content/anh/hoi-nghi.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert run_cchc("build", cwd=site).returncode == 0
    page = read(site / "site", "chuyen-muc/bai-viet/bai-thu/index.html")
    assert '<img src="../../../anh/hoi-nghi.png" alt="Quang cảnh hội nghị"' in page
