"""Progress data, its pages, reports (.docx), calendar (.ics) and open data."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from icalendar import Calendar

from cchc.compute import pacing
from cchc.model.load import load_portal

from conftest import MINIMAL_PLAN, REPO, differing_files, run_cchc, tiny_site

PROGRESS = """\
du_lieu_mau: true
cap_nhat:
  - ngay: 31/01/2026
    chi_tieu: CT01
    so_luong: 2
  - ngay: 28/02/2026
    nhiem_vu: NV01
    trang_thai: đang thực hiện
    ghi_chu: Đã đăng tin tháng 2.
"""


def problems_for(tmp_path, progress: str):
    site = tiny_site(tmp_path, {"plans/an-phu/tien-do-2026.yml": progress})
    return [(p.mark.line if p.mark else 0, p.mark.col if p.mark else 0, p.message) for p in load_portal(str(site)).problems]


@pytest.mark.parametrize("change,line,col,needle", [
    (("chi_tieu: CT01", "chi_tieu: CT09"), 4, 15, "không có chỉ tiêu 'CT09'"),
    (("nhiem_vu: NV01", "nhiem_vu: NV07"), 7, 15, "không có nhiệm vụ 'NV07'"),
    (("so_luong: 2", "so_luong: -2"), 5, 15, "lớn hơn hoặc bằng 0"),
    (("so_luong: 2", "so_luong: hai"), 5, 15, "số nguyên"),
    (("ngay: 31/01/2026", "ngay: 31/01/2025"), 3, 11, "nằm ngoài năm 2026"),
    (("ngay: 31/01/2026", "ngay: 31/02/2026"), 3, 11, "không tồn tại"),
    (("trang_thai: đang thực hiện", "trang_thai: xong"), 8, 17, "không hợp lệ"),
])
def test_bad_progress_entries_are_positioned_errors(tmp_path, change, line, col, needle):
    rows = problems_for(tmp_path, PROGRESS.replace(*change))
    assert any((l, c) == (line, col) and needle in m for l, c, m in rows), rows


def test_progress_needs_its_plan(tmp_path):
    site = tiny_site(tmp_path, {"plans/an-phu/tien-do-2025.yml": PROGRESS})
    [problem] = load_portal(str(site)).problems
    assert problem.path == "plans/an-phu/tien-do-2025.yml" and "không có kế hoạch ke-hoach-2025.yml" in problem.message


def test_sample_progress_and_posts_counting_automatically():
    portal = load_portal(str(REPO)).portal
    for unit in portal.units:
        assert unit.plans[0].progress.sample and unit.plans[0].progress.source_path.endswith("tien-do-2026.yml")
    plan = portal.plan(("phu-khuong", 2026))
    web = pacing.target_progress(plan, next(t for t in plan.targets if t.id == "CT01"), date(2026, 10, 31))
    from_posts = [e for e in web.entries if e.from_post]
    assert len(from_posts) == 4 and all(e.evidence[0].is_page for e in from_posts)
    assert web.actual == 4 + 2 + 1 + 1 and web.expected == 10 and web.status == pacing.BEHIND
    radio = pacing.target_progress(plan, next(t for t in plan.targets if t.id == "CT02"), date(2026, 10, 31))
    assert (radio.actual, radio.expected, radio.status) == (20, 20, pacing.ON_TRACK)
    binh_giang = pacing.plan_progress(portal.plan(("binh-giang", 2026)), date(2026, 11, 21))
    statuses = {tp.task.id: tp.status for tp in binh_giang.tasks}
    assert statuses["NV01"] == pacing.DONE and statuses["NV06"] == pacing.PAUSED
    assert statuses["NV07"] == pacing.NOT_UPDATED  # its last news is the dialogue post of 25/06
    in_july = pacing.plan_progress(portal.plan(("binh-giang", 2026)), date(2026, 7, 31))
    assert {tp.task.id: tp.status for tp in in_july.tasks}["NV07"] == pacing.ON_TRACK  # the post counts toward 2 a year


def test_progress_pages_and_home_summary(sample_site):
    page = (sample_site / "don-vi/muong-lay/tien-do-2026/index.html").read_text(encoding="utf-8")
    assert "ngày 21 tháng 11 năm 2026" in page and "Dữ liệu mẫu" in page
    assert page.count('class="cchc-target-progress"') == 3 and page.count('class="cchc-bar"') == 3
    assert page.count('role="img"') == 3 + 3 and page.count('class="cchc-data-table"') == 3  # bars and charts
    assert "<strong>114</strong>/150 tin, bài" in page and "Chậm tiến độ" in page
    assert page.count('class="cchc-task-progress"') == 10
    phu_khuong = (sample_site / "don-vi/phu-khuong/tien-do-2026/index.html").read_text(encoding="utf-8")
    assert "Tài liệu kiểm chứng (4)" in phu_khuong  # the four posts that count toward the web target
    assert 'href="../../../chuyen-muc/bai-viet/2026-03-27-phu-khuong-van-hoa-cong-vu/">Văn hóa công vụ' in phu_khuong
    scorecard = (sample_site / "don-vi/muong-lay/tien-do-2026-co-quan/index.html").read_text(encoding="utf-8")
    assert "Trung tâm Dịch vụ tổng hợp" in scorecard and "Phòng Văn hóa – Xã hội" in scorecard
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "nhiệm vụ hoàn thành" in home and "Sắp đến hạn" in home
    assert "10/12/2026" in home  # the yearly report and task 10 fall within 30 days of 21/11/2026
    overview = (sample_site / "tien-do/index.html").read_text(encoding="utf-8")
    assert overview.count('href="../don-vi/') >= 3
    report = (sample_site / "don-vi/muong-lay/bao-cao-2026-q1/index.html").read_text(encoding="utf-8")
    assert "quý I năm 2026" in report and "ngày 31 tháng 3 năm 2026" in report


def test_calendar_feed_parses_with_icalendar(sample_site):
    calendar = Calendar.from_ical((sample_site / "don-vi/muong-lay/lich.ics").read_bytes())
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 4 + 10  # four report deadlines, ten task deadlines
    yearly = next(e for e in events if "Báo cáo năm" in str(e["SUMMARY"]))
    assert yearly.decoded("DTSTART") == date(2026, 12, 10)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_open_data_matches_the_progress(sample_site):
    raw = (sample_site / "don-vi/muong-lay/du-lieu-2026-chi-tieu.csv").read_bytes().decode("utf-8-sig")
    rows = {r["ma"]: r for r in csv.DictReader(io.StringIO(raw))}
    assert (rows["CT01"]["ke_hoach_ca_nam"], rows["CT01"]["da_thuc_hien"], rows["CT01"]["theo_tien_do"]) == ("150", "114", "125")
    data = json.loads((sample_site / "don-vi/muong-lay/du-lieu-2026-tien-do.json").read_text(encoding="utf-8"))
    assert data["du_lieu_mau"] is True and data["tinh_den_ngay"] == "2026-11-21"
    assert sum(row["trong_thang"] for row in data["chi_tieu"][0]["theo_thang"]) == 114
    index = json.loads((sample_site / "du-lieu/index.json").read_text(encoding="utf-8"))
    assert [u["ma"] for u in index["don_vi"]] == ["binh-giang", "muong-lay", "phu-khuong"]
    for unit in index["don_vi"]:
        for plan in unit["ke_hoach"]:
            for path in plan["du_lieu"] + [plan["yaml"], plan["json"]]:
                assert (sample_site / path).is_file(), path


def test_report_docx_read_back(tmp_path):
    out = tmp_path / "bc.docx"
    result = run_cchc("report", "--don-vi", "muong-lay", "--ky", "2026-Q3", "-o", str(out), cwd=REPO)
    assert result.returncode == 0, result.stderr
    document = Document(str(out))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert document.styles["Normal"].font.name == "Times New Roman"
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1] and "Độc lập - Tự do - Hạnh phúc" in header[1]
    assert "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-UBND" in header[0]  # the number is left for the office
    text = "\n".join(p.text for p in document.paragraphs)
    assert "DỮ LIỆU MẪU" in text and "quý III năm 2026" in text and "30/09/2026" in text
    forms = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in document.tables[1].rows[1:]}
    # July 11 + August 10 + September 12 radio items; 105 since January; 150 planned
    assert forms["tin, bài (Đài truyền thanh, loa truyền thanh)"] == ["33", "105", "150"]
    assert forms["băng (Băng rôn, khẩu hiệu)"] == ["6", "24", "30"]
    signature = document.tables[-1].rows[0].cells[1].text
    assert signature.startswith("TM. ỦY BAN NHÂN DÂN") and signature.endswith("Nguyễn Đạt Long")


def test_report_command_errors_are_clear(tmp_path):
    unknown = run_cchc("report", "--don-vi", "khong-co", "--ky", "2026", cwd=REPO)
    assert unknown.returncode == 1 and "Không có đơn vị 'khong-co'" in unknown.stderr
    bad = run_cchc("report", "--don-vi", "muong-lay", "--ky", "2026-Q7", cwd=REPO)
    assert bad.returncode == 1 and "không hợp lệ" in bad.stderr and "Traceback" not in bad.stderr


def test_as_of_builds_are_byte_identical(tmp_path):
    site = tiny_site(tmp_path, {"plans/an-phu/tien-do-2026.yml": PROGRESS})
    for name in ("a", "b"):
        result = run_cchc("build", "--as-of", "30/06/2026", "--site-dir", name, cwd=site,
                          env={"SOURCE_DATE_EPOCH": None})
        assert result.returncode == 0, result.stderr
    # Every file, the search index included (search/canonical.py makes Pagefind's bundle repeatable).
    assert differing_files(site / "a", site / "b", ignore=[]) == []
    assert list((site / "a/pagefind/filter").glob("*.pf_filter"))
    assert len(list((site / "a").rglob("*.html"))) > 20
    page = (site / "a/don-vi/an-phu/tien-do-2026/index.html").read_text(encoding="utf-8")
    assert "ngày 30 tháng 6 năm 2026" in page
    assert "<strong>2</strong>/24 tin, bài" in page  # 2 done, 12 due by 30/06 at 2 a month


def test_report_page_links_its_word_file_which_downloads_over_http_and_opens(served_sample, tmp_path):
    import urllib.request
    from urllib.parse import urljoin
    page_url = served_sample + "don-vi/muong-lay/bao-cao-2026-q1/"
    html = urllib.request.urlopen(page_url).read().decode("utf-8")
    [href] = re.findall(r'<a href="([^"]+\.docx)" download>Tải báo cáo bản Word', html)
    with urllib.request.urlopen(urljoin(page_url, href)) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        data = response.read()
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "quý I năm 2026" in text and "DỮ LIỆU MẪU" in text and "31/03/2026" in text
    agencies = [[c.text for c in row.cells] for row in document.tables[4].rows]
    assert agencies[0][0] == "Cơ quan" and "Trung tâm Dịch vụ tổng hợp phường" in [row[0] for row in agencies]
    # The same file `cchc report` writes for that period at the build's date.
    out = tmp_path / "bc.docx"
    made = run_cchc("report", "--don-vi", "muong-lay", "--ky", "2026-Q1", "--as-of", "21/11/2026",
                    "--site-url", "http://127.0.0.1:8000/", "-o", str(out), cwd=REPO)
    assert made.returncode == 0, made.stderr
    assert out.read_bytes() == data
    assert "cchc report" not in html and "<code>" not in html


def test_no_page_tells_citizens_to_run_a_command(sample_site):
    staff_guide = sample_site / "huong-dan/index.html"
    for page in sample_site.rglob("*.html"):
        if page != staff_guide:
            text = page.read_text(encoding="utf-8")
            assert not re.search(r"\b(cchc|make|mkdocs) (report|build|site|check|serve)\b", text), page


def test_every_report_page_offers_its_word_file(sample_site):
    reports = sorted(sample_site.glob("don-vi/*/bao-cao-*/index.html"))
    assert len(reports) == 12
    for page in reports:
        unit, period = page.parent.parent.name, page.parent.name.removeprefix("bao-cao-")
        name = f"bao-cao-{unit}-{period}.docx"
        assert f'href="../{name}" download' in page.read_text(encoding="utf-8"), page
        assert Document(str(sample_site / "don-vi" / unit / name)).tables, name


def test_word_writer_is_cheap_and_repeatable():
    import time
    from cchc.compute.periodic_report import build_report, parse_period
    from cchc.formats.word_report import docx_bytes
    portal = load_portal(str(REPO)).portal
    unit = portal.unit("muong-lay")
    report = build_report(portal, unit, unit.plans[0], parse_period("2026-Q3"), date(2026, 11, 21))
    first = docx_bytes(report)  # loads python-docx and makes the package once
    start = time.process_time()
    for _ in range(20):
        assert docx_bytes(report) == first
    per_file = (time.process_time() - start) / 20
    assert per_file < 0.05, f"{per_file * 1000:.1f} ms per report file"  # python-docx per file took ~185 ms


def test_a_prose_only_plan_shows_its_targets_and_their_progress(sample_site):
    # Phú Khương states its promises in prose and has no task table.
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "2 chỉ tiêu (không kèm bảng nhiệm vụ)" in home and not re.search(r"\b0 nhiệm vụ", home)
    assert "1/2 chỉ tiêu đạt tiến độ" in home
    overview = (sample_site / "tien-do/index.html").read_text(encoding="utf-8")
    row = re.search(r"Phường Phú Khương</a></td>(.*?)</tr>", overview, re.S)[1]
    assert "2 chỉ tiêu (không kèm bảng nhiệm vụ)" in row and "0/0" not in row
    assert 'data-label="Hoàn thành">0/2<' in row and 'data-label="Chậm, quá hạn">1<' in row
    progress = (sample_site / "don-vi/phu-khuong/tien-do-2026/index.html").read_text(encoding="utf-8")
    assert progress.count('class="cchc-target-progress"') == 2 and "Tình trạng 2 việc" in progress
    assert "<strong>8</strong>/12 tin/bài" in progress and "<strong>20</strong>/24 tin/bài" in progress
    plan = (sample_site / "don-vi/phu-khuong/ke-hoach-2026/index.html").read_text(encoding="utf-8")
    summary = re.search(r'<section class="cchc-plan-summary".*?</section>', plan, re.S)[0]
    assert "2 chỉ tiêu (không kèm bảng nhiệm vụ)" in summary and "Tình trạng 2 việc" in summary
    # With no task deadline, the nearest dates are the targets' next checkpoints (end of November).
    assert "30/11/2026</a>: Chỉ tiêu tối thiểu 02 tin/bài mỗi tháng: cần đạt 22 (đã có 20)" in summary


def test_stale_tasks_read_not_updated_with_their_date_and_colours_follow_status(sample_site):
    page = (sample_site / "don-vi/binh-giang/tien-do-2026/index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr class="cchc-task-progress"[^>]*>\s*<td class="cchc-task-number"><a[^>]*>2</a>.*?</tr>', page, re.S)[0]
    assert 'data-tinh-trang="not_updated"' in row and "Chưa cập nhật" in row and "từ 31/01/2026" in row
    assert "Đúng tiến độ" not in row
    # A bar and a chart take the colour class of their target's status, like its badge.
    for block in re.findall(r'<div class="cchc-target-progress".*?</figure>', page, re.S):
        badge = re.search(r'class="cchc-status cchc-tone--([a-z-]+)"', block)[1]
        assert f'class="cchc-meter cchc-tone--{badge}"' in block and f'class="cchc-chart cchc-tone--{badge}"' in block
    # The month under way (November) has no data yet: not drawn.
    assert ">T11<" not in page and ">T10<" in page
    assert "Cách xác định tình trạng" in page and "hơn 45 ngày" in page


def test_the_plan_page_offers_the_original_document_when_staff_add_it(tmp_path):
    plan = MINIMAL_PLAN.replace("nam: 2026\n", "nam: 2026\nvan_ban_goc: tep-dinh-kem/ke-hoach-2026.pdf\n")
    pdf = b"%PDF-1.4\n% the document as issued\n"
    site = tiny_site(tmp_path, {"plans/an-phu/ke-hoach-2026.yml": plan, "content/tep-dinh-kem/ke-hoach-2026.pdf": pdf})
    result = run_cchc("build", "--site-dir", "site", cwd=site)
    assert result.returncode == 0, result.stderr + result.stdout
    page = (site / "site/don-vi/an-phu/ke-hoach-2026/index.html").read_text(encoding="utf-8")
    summary = re.search(r'<section class="cchc-plan-summary".*?</section>', page, re.S)[0]
    assert '<a href="../../../tep-dinh-kem/ke-hoach-2026.pdf" download>văn bản gốc (PDF)</a>' in summary
    assert 'href="../../du-lieu-2026-chi-tieu.csv" download' not in summary  # links are relative to the page
    assert 'href="../du-lieu-2026-chi-tieu.csv" download>chỉ tiêu (CSV)' in summary
    assert (site / "site/tep-dinh-kem/ke-hoach-2026.pdf").read_bytes() == pdf


@pytest.mark.parametrize("value,needle", [
    ("tep-dinh-kem/khong-co.pdf", "Không thấy tệp văn bản gốc 'tep-dinh-kem/khong-co.pdf'"),
    ("../bi-mat.pdf", "phải là đường dẫn một tệp trong content/"),
    ("/etc/passwd", "phải là đường dẫn một tệp trong content/"),
])
def test_a_wrong_original_document_is_a_positioned_error(tmp_path, value, needle):
    plan = MINIMAL_PLAN.replace("nam: 2026\n", f"nam: 2026\nvan_ban_goc: {value}\n")
    site = tiny_site(tmp_path, {"plans/an-phu/ke-hoach-2026.yml": plan})
    [problem] = load_portal(str(site)).problems
    assert problem.is_error and problem.mark.line == 6 and needle in problem.message, problem


def test_stale_days_is_a_plugin_option_and_the_report_command_reads_it(tmp_path):
    from conftest import MINIMAL_MKDOCS
    no_targets = re.sub(r"    chi_tieu:\n(      .*\n|        .*\n)+", "", MINIMAL_PLAN)
    progress = "cap_nhat:\n  - ngay: 31/01/2026\n    nhiem_vu: NV01\n    trang_thai: đang thực hiện\n"
    site = tiny_site(tmp_path, {"plans/an-phu/ke-hoach-2026.yml": no_targets, "plans/an-phu/tien-do-2026.yml": progress})

    def build_and_report(config: str) -> tuple[str, str]:
        """The task's status on the site at 30/06/2026, and in `cchc report` of the half-year."""
        (site / "mkdocs.yml").write_text(config, encoding="utf-8")
        built = run_cchc("build", "--as-of", "30/06/2026", "--site-dir", "site", cwd=site)
        assert built.returncode == 0, built.stderr + built.stdout
        page = (site / "site/don-vi/an-phu/tien-do-2026/index.html").read_text(encoding="utf-8")
        out = tmp_path / "bc.docx"
        made = run_cchc("report", "--don-vi", "an-phu", "--ky", "2026-H1", "--as-of", "30/06/2026",
                        "--site-url", "https://xa.example/cong/", "-o", str(out), cwd=site)
        assert made.returncode == 0, made.stderr
        # The command writes the very file the site offers for that period.
        assert out.read_bytes() == (site / "site/don-vi/an-phu/bao-cao-an-phu-2026-h1.docx").read_bytes()
        task_row = Document(str(out)).tables[3].rows[1].cells
        return re.search(r'data-tinh-trang="([a-z_]+)"', page)[1], task_row[-1].text

    # 150 days after its only update: not updated under the default 45 days, on track under 200.
    assert build_and_report(MINIMAL_MKDOCS) == (pacing.NOT_UPDATED, "Chưa cập nhật từ 31/01/2026")
    generous = MINIMAL_MKDOCS.replace("  - cchc\n", "  - cchc:\n      stale_days: 200\n")
    assert build_and_report(generous) == (pacing.ON_TRACK, "Đúng tiến độ")
    (site / "mkdocs.yml").write_text(MINIMAL_MKDOCS.replace("  - cchc\n", "  - cchc:\n      stale_days: 0\n"),
                                     encoding="utf-8")
    zero = run_cchc("build", "--site-dir", "site2", cwd=site)
    assert zero.returncode == 1 and "Traceback" not in zero.stderr
    assert "mkdocs.yml: [lỗi] Tùy chọn stale_days của plugin cchc phải là số ngày lớn hơn 0 (đang là 0)." in zero.stdout


def test_a_report_counts_its_own_units_other_posts_of_the_period():
    from dataclasses import replace
    from cchc.compute.periodic_report import build_report, parse_period
    portal = load_portal(str(REPO)).portal
    period, day = parse_period("2026"), date(2026, 11, 21)
    counted = {}
    for unit in portal.units:
        expected = sum(1 for p in portal.posts if p.unit_id == unit.id and not p.target_id
                       and period.start <= p.published <= day)
        report = build_report(portal, unit, unit.plans[0], period, day)
        grouped = build_report(portal, unit, unit.plans[0], period, day,
                               unit_posts=portal.posts_by_unit().get(unit.id, []))
        assert report.other_posts == grouped.other_posts == expected, unit.id
        counted[unit.id] = expected
    assert any(counted.values())
    # Another unit's post in the period does not count for this one.
    first, second = portal.units[0], portal.units[1]
    stranger = replace(portal.posts[0], unit_id=second.id, target_id=None, published=date(2026, 6, 1))
    portal.posts.insert(0, stranger)
    assert build_report(portal, first, first.plans[0], period, day).other_posts == counted[first.id]
    assert build_report(portal, second, second.plans[0], period, day).other_posts == counted[second.id] + 1
