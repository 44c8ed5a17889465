"""The citizen portal as built: asking a question, who runs the site, Vietnamese everywhere, the staff
guide, compressed copies. Browser checks of the same pages are in test_citizen_browser.py."""

from __future__ import annotations

import gzip
import re
import statistics
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import brotli
import pytest
from lxml import html as lxml_html

from cchc.model.load import load_portal
from cchc.pages.citizen import NATIONAL

from conftest import MINIMAL_MKDOCS, MINIMAL_UNIT, REPO, run_cchc, tiny_site

# Interface strings Material or a template could leave in English (or in the wrong Vietnamese).
ENGLISH = ["Permanent link", "Back to top", "Not found", "Skip to content", "Table of contents", "Made with",
           "Material for MkDocs", "Initializing search", "Edit this page", "View source of this page",
           "Copy to clipboard", "Copied to clipboard", "RSS feed", "Contributors", "Last update", "Created",
           "Type to start searching", "No matching documents", "matching document", "Search", "Share", "Clear",
           "Previous", "Next", "Header", "Footer", "Navigation", "Tabs", "Metadata", "Go to repository",
           "Select language", "Select version", "Close", "Menu", "Trở lại mục lục"]
_ENGLISH = re.compile(r"\b(" + "|".join(re.escape(s) for s in ENGLISH) + r")\b")
SHOWN_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def tree(path: Path):
    return lxml_html.fromstring(path.read_bytes())


def english_in(path: Path) -> list[str]:
    """English interface strings in what a visitor sees or hears: text, tooltips, labels, Material's translations."""
    doc = tree(path)
    for hidden in doc.xpath("//style | //script[not(@id='__config')]"):
        hidden.drop_tree()
    found = [m for m in _ENGLISH.findall(" ".join(doc.itertext()))]
    for name in SHOWN_ATTRIBUTES:
        found += [m for value in doc.xpath(f"//@{name}") for m in _ENGLISH.findall(value)]
    return found


def test_no_english_interface_strings_on_any_built_page(sample_site):
    built = pages(sample_site)
    assert len(built) > 80
    found = {path.relative_to(sample_site).as_posix(): english_in(path) for path in built}
    assert {page: words for page, words in found.items() if words} == {}


def test_the_english_scan_finds_what_material_writes_by_default(tmp_path):
    """Plain Material (no theme/ of ours, language `en`) has the strings the scan looks for."""
    config = MINIMAL_MKDOCS.replace("language: vi", "language: en") + "markdown_extensions:\n  - toc:\n      permalink: true\n"
    site = tiny_site(tmp_path, {"mkdocs.yml": config, "content/index.md": "# Trang chủ\n\n## Mục một\n"})
    assert run_cchc("build", cwd=site).returncode == 0
    found = english_in(site / "site/index.html")
    assert "Permanent link" in found and "Skip to content" in found


def raw_table_rows(path: Path) -> list[str]:
    """Paragraphs that are Markdown table rows the renderer did not turn into a table."""
    return [text for p in tree(path).xpath("//article//p")
            if (text := p.text_content().strip()).startswith("|") and text.count("|") >= 2]


def test_no_page_shows_a_raw_markdown_table_row(sample_site):
    assert {p.relative_to(sample_site).as_posix(): rows for p in pages(sample_site) if (rows := raw_table_rows(p))} == {}


def test_the_table_row_check_catches_a_broken_table(tmp_path):
    broken = "# Bảng\n\n| Tệp | Nội dung |\n| --- | --- |\n| a | b |\n\n| c | d |\n"
    site = tiny_site(tmp_path, {"content/bang.md": broken})
    assert run_cchc("build", cwd=site).returncode == 0
    assert raw_table_rows(site / "site/bang/index.html") == ["| c | d |"]


def test_staff_guide_renders_its_tables_and_gives_the_commands(sample_site):
    guide = tree(sample_site / "huong-dan/index.html")
    tables = guide.xpath("//article//table")
    assert len(tables) == 2 and len(tables[0].xpath(".//tbody/tr")) == 5
    text = " ".join(guide.xpath("//article")[0].itertext())
    for command in ("make serve", "make check", "make site", ".venv/bin/cchc import", "--ghi-de",
                    ".venv/bin/cchc report --don-vi muong-lay --ky 2026-Q1", ".venv/bin/cchc deploy", "CẦN XEM",
                    "tien-do-<năm>.yml", "ban_nhap: true", "chiu_trach_nhiem", "gio_tiep_dan"):
        assert command in text, command


def _links(path: Path, site: Path) -> set[str]:
    """Where a page's links lead, as paths from the site root."""
    here = "http://x/" + path.relative_to(site).as_posix()
    out = set()
    for href in tree(path).xpath("//article//a/@href | //aside//a/@href"):
        target = urlsplit(urljoin(here, href))
        if target.netloc == "x":
            out.add(target.path.lstrip("/").removesuffix("index.html"))
    return out


def test_every_questions_page_the_home_page_and_procedures_lead_to_gui_cau_hoi(sample_site):
    portal = load_portal(str(REPO)).portal
    ask = {f"don-vi/{u.id}/gui-cau-hoi/" for u in portal.units} | {"hoi-dap/gui-cau-hoi/"}
    question_pages = [sample_site / "hoi-dap/index.html"] + [sample_site / f"don-vi/{u.id}/hoi-dap/index.html"
                                                             for u in portal.units]
    question_pages += [sample_site / q.src_uri.replace(".md", "/index.html") for q in portal.questions]
    assert len(question_pages) == 1 + 3 + 6
    for page in question_pages + [sample_site / "index.html"]:
        assert _links(page, sample_site) & ask, page
    for unit in portal.units:
        procedures = sample_site / f"don-vi/{unit.id}/thu-tuc-hanh-chinh/index.html"
        assert f"don-vi/{unit.id}/gui-cau-hoi/" in _links(procedures, sample_site)
    chooser = _links(sample_site / "hoi-dap/gui-cau-hoi/index.html", sample_site)
    assert {f"don-vi/{u.id}/gui-cau-hoi/" for u in portal.units} <= chooser


def test_ask_page_gives_the_units_channels_national_ones_and_answer_times(sample_site):
    portal = load_portal(str(REPO)).portal
    unit = portal.unit("muong-lay")
    page = tree(sample_site / "don-vi/muong-lay/gui-cau-hoi/index.html")
    article = page.xpath("//article[contains(@class, 'cchc-ask')]")[0]
    text = " ".join(" ".join(article.itertext()).split())
    assert not article.xpath(".//form | .//input | .//textarea")  # nothing is collected here
    assert "không thu thập thông tin" in text
    mail = [a for a in article.xpath(".//a/@href") if a.startswith("mailto:")]
    assert len(mail) == 1
    address, _, query = mail[0][len("mailto:"):].partition("?")
    fields = parse_qs(query)
    assert address == unit.email
    assert fields["subject"] == ["Câu hỏi gửi Ủy ban nhân dân phường Mường Lay"]
    body = fields["body"][0]
    assert "\r\n" in body and "Nội dung câu hỏi:" in body and "Họ và tên người hỏi:" in body
    assert f"tel:{unit.phone.tel}" in article.xpath(".//a/@href")
    assert unit.address in text and unit.reception_hours in text
    assert NATIONAL["petitions"] in article.xpath(".//a/@href") and NATIONAL["portal"] in article.xpath(".//a/@href")
    assert "Dữ liệu mẫu" in text  # the sample unit's channels are marked
    own = [q.days_to_answer for q in portal.questions if q.unit_id == "muong-lay" and q.is_answered]
    assert own, "the sample data has an answered question of Mường Lay"
    assert f"khoảng {int(statistics.median(own) + 0.5)} ngày" in text
    assert "Tính từ câu hỏi mẫu" in text


REAL_UNIT = MINIMAL_UNIT + """\
dia_chi: Số 1 đường Thử Nghiệm, xã An Phú
dien_thoai: "0215 3825 111"
email: lienhe@an-phu.example
gio_tiep_dan: Sáng thứ Hai đến thứ Sáu, 7 giờ 30 – 11 giờ 30
hoi_dap_truc_tuyen: https://an-phu.example/hoi-dap
co_quan_chu_quan: Văn phòng HĐND và UBND xã An Phú
chiu_trach_nhiem:
  ho_ten: Nguyễn Văn Thử
  chuc_vu: Phó Chủ tịch Ủy ban nhân dân xã
logo: anh/logo.png
duong_day_nong:
  - noi_dung: Phản ánh, kiến nghị
    dien_thoai: "0215 3825 112"
"""
ANSWERED = """\
---
cau_hoi: Tôi làm giấy khai sinh ở đâu?
ngay_hoi: {asked}
don_vi: an-phu
linh_vuc: Cải cách thủ tục hành chính
trang_thai: đã trả lời
co_quan_tra_loi: Văn phòng HĐND và UBND xã
ngay_tra_loi: {answered}
---

Tại Bộ phận Một cửa.
"""
THEMED = MINIMAL_MKDOCS.replace("  name: material\n", f"  name: material\n  custom_dir: {REPO / 'theme'}\n") \
    .replace("language: vi", "language: vi-cchc")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8"
                    "ffff3f0005fe02fea7d6a4f90000000049454e44ae426082")


@pytest.fixture(scope="module")
def one_unit_site(tmp_path_factory) -> Path:
    """A portal of one unit with real-looking (test) contact data, its own logo and two answered questions."""
    root = tmp_path_factory.mktemp("one-unit")
    tiny_site(root, {"mkdocs.yml": THEMED, "plans/an-phu/don-vi.yml": REAL_UNIT, "content/anh/logo.png": PNG,
                     "content/hoi-dap/cau-hoi/a.md": ANSWERED.format(asked="02/03/2026", answered="05/03/2026"),
                     "content/hoi-dap/cau-hoi/b.md": ANSWERED.format(asked="02/04/2026", answered="12/04/2026")})
    result = run_cchc("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def test_one_unit_ask_page_has_its_online_form_and_real_figures(one_unit_site):
    article = tree(one_unit_site / "don-vi/an-phu/gui-cau-hoi/index.html").xpath("//article[contains(@class, 'cchc-ask')]")[0]
    text = " ".join(" ".join(article.itertext()).split())
    assert "https://an-phu.example/hoi-dap" in article.xpath(".//a/@href")
    assert "Dữ liệu mẫu" not in text and "dữ liệu mẫu" not in text
    assert "khoảng 7 ngày" in text and "lâu nhất 10 ngày" in text  # 3 and 10 days: median 6.5, rounded up
    assert "Sáng thứ Hai đến thứ Sáu" in text


def test_footer_names_the_managing_agency_and_the_person_responsible(one_unit_site, sample_site):
    owner = tree(one_unit_site / "don-vi/an-phu/ke-hoach-2026/index.html").xpath("//p[@class='cchc-site-owner']")[0]
    line = " ".join(owner.text_content().split())
    assert line == ("Cơ quan chủ quản: Văn phòng HĐND và UBND xã An Phú · Chịu trách nhiệm nội dung: "
                    "Nguyễn Văn Thử, Phó Chủ tịch Ủy ban nhân dân xã")
    sample = tree(sample_site / "don-vi/muong-lay/index.html").xpath("//p[@class='cchc-site-owner']")[0]
    assert " ".join(sample.text_content().split()) == ("Cơ quan chủ quản: Ủy ban nhân dân phường Mường Lay · "
                                                      "Chịu trách nhiệm nội dung: Chủ tịch Ủy ban nhân dân phường "
                                                      "(dữ liệu mẫu)")


def test_header_carries_the_units_name_and_logo_and_never_a_stock_icon(one_unit_site, sample_site):
    header = tree(one_unit_site / "index.html").xpath("//header[contains(@class, 'md-header')]")[0]
    assert header.xpath(".//*[@class='cchc-brand__name']")[0].text_content().strip() == "Xã An Phú"
    logo = header.xpath(".//img[@class='cchc-brand__logo']")[0]
    assert logo.get("alt") == "Biểu trưng của Ủy ban nhân dân xã An Phú" and logo.get("src") == "anh/logo.png"
    assert (one_unit_site / "anh/logo.png").read_bytes() == PNG
    portal = tree(sample_site / "index.html")
    brand = portal.xpath("//header//*[@class='cchc-brand__name']")[0].text_content().strip()
    assert brand == "Kế hoạch tuyên truyền cải cách hành chính"
    assert not portal.xpath("//header//img") and not portal.xpath("//*[contains(@class, 'md-logo')]//svg")
    home = tree(one_unit_site / "index.html")
    tiles = home.xpath("//nav[@class='cchc-home-tasks']//a/@href")
    assert tiles == ["don-vi/an-phu/ke-hoach-2026/", "don-vi/an-phu/tien-do-2026/", "don-vi/an-phu/duong-day-nong/",
                     "don-vi/an-phu/gui-cau-hoi/"]


@pytest.mark.parametrize("logo, needle", [
    ("anh/khong-co.png", "Không thấy ảnh 'anh/khong-co.png' trong thư mục content/."),
    ("/etc/logo.png", "phải là đường dẫn tới tệp ảnh"),
    ("anh/logo.gif", "phải là đường dẫn tới tệp ảnh"),
])
def test_a_wrong_logo_is_an_error_at_its_line(tmp_path, logo, needle):
    site = tiny_site(tmp_path, {"plans/an-phu/don-vi.yml": MINIMAL_UNIT + f"logo: {logo}\n"})
    result = run_cchc("check", cwd=site)
    assert result.returncode == 1
    assert re.search(r"plans/an-phu/don-vi\.yml:4:7: \[lỗi\] .*" + re.escape(needle), result.stdout), result.stdout


def test_404_page_is_vietnamese_with_ways_back(sample_site):
    page = tree(sample_site / "404.html")
    assert page.xpath("//article//h1")[0].text_content().strip() == "Không tìm thấy trang"
    hrefs = page.xpath("//article//a/@href")
    assert hrefs == ["/", "/#tim-kiem", "/duong-day-nong/", "/hoi-dap/gui-cau-hoi/"]
    assert page.xpath("//*[@id='tim-kiem']")  # the anchor the search link opens


def test_edit_icon_only_where_editing_is_configured(tmp_path, sample_site):
    assert not [p for p in pages(sample_site) if tree(p).xpath("//a[@rel='edit']")]
    css = (sample_site / "assets/cchc.css").read_text(encoding="utf-8")
    assert "--md-admonition-icon--note" in css  # the note box shows an "i", not Material's pencil
    config = THEMED + "repo_url: https://example.org/xa/cong\nedit_uri: edit/main/content/\n"
    config = config.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    site = tiny_site(tmp_path, {"mkdocs.yml": config})
    assert run_cchc("build", cwd=site).returncode == 0
    plan = tree(site / "site/don-vi/an-phu/ke-hoach-2026/index.html").xpath("//a[@rel='edit']/@href")
    assert plan == ["https://example.org/xa/cong/edit/main/plans/an-phu/ke-hoach-2026.yml"]
    assert tree(site / "site/don-vi/index.html").xpath("//a[@rel='edit']") == []  # generated, no YAML behind it


def test_permalinks_and_back_to_top_are_vietnamese(sample_site):
    guide = tree(sample_site / "huong-dan/index.html")
    assert set(guide.xpath("//a[@class='headerlink']/@title")) == {"Liên kết đến mục này"}
    assert " ".join(guide.xpath("//button[contains(@class, 'md-top')]")[0].text_content().split()) == "Lên đầu trang"
    column = tree(sample_site / "chuyen-muc/index.html").xpath("//p[@class='cchc-feeds']")[0].text_content()
    assert "bản tin định dạng RSS" in column and "bản tin định dạng Atom" in column


def test_build_writes_compressed_copies_only_when_asked_and_they_decompress_to_the_files(one_unit_site):
    # GitHub Pages compresses as it serves: there the copies would double what is uploaded.
    assert [p.name for p in one_unit_site.rglob("*") if p.suffix in (".gz", ".br")] == ["sitemap.xml.gz"]  # mkdocs' own
    root = one_unit_site.parent
    result = run_cchc("build", "--nen", "--site-dir", "site-nen", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    compressed = root / "site-nen"
    texts = [p for p in compressed.rglob("*") if p.suffix in (".html", ".css", ".js", ".json") and p.stat().st_size >= 256]
    assert len(texts) > 30
    for path in texts:
        data = path.read_bytes()
        for suffix, unpack in ((".gz", gzip.decompress), (".br", brotli.decompress)):
            copy = path.with_name(path.name + suffix)
            if copy.exists():
                assert unpack(copy.read_bytes()) == data, copy
                assert copy.stat().st_size < len(data)
    html_pages = [p for p in texts if p.suffix == ".html"]
    assert all(p.with_name(p.name + ".gz").exists() and p.with_name(p.name + ".br").exists() for p in html_pages)
    plain = sum(p.stat().st_size for p in html_pages)
    packed = sum(p.with_name(p.name + ".br").stat().st_size for p in html_pages)
    assert packed < plain / 3


def test_compressed_copies_are_reproducible(tmp_path):
    from cchc.publish.compress import compress_site

    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.html").write_text("<p>Đường dây nóng</p>" * 40, encoding="utf-8")
        (tmp_path / name / "tiny.css").write_text("p{}", encoding="utf-8")
        totals = compress_site(str(tmp_path / name))
        assert totals["files"] == 1 and totals["gzip"] < totals["plain"]
    assert (tmp_path / "a/x.html.gz").read_bytes() == (tmp_path / "b/x.html.gz").read_bytes()
    assert not (tmp_path / "a/tiny.css.gz").exists()  # too small to be worth a copy


def test_unquoted_mailto_subject_reads_as_vietnamese(sample_site):
    href = next(a for a in tree(sample_site / "don-vi/binh-giang/gui-cau-hoi/index.html").xpath("//article//a/@href")
                if a.startswith("mailto:"))
    assert "%" in href and " " not in href  # encoded for mail programs
    assert unquote(href.split("subject=")[1].split("&")[0]) == "Câu hỏi gửi Ủy ban nhân dân xã Bình Giang"
