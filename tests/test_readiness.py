"""`cchc check --san-sang`: every kind of readiness problem, at its position, grouped by unit."""

from __future__ import annotations

import re

from conftest import MINIMAL_MKDOCS, MINIMAL_PLAN, MINIMAL_POST, MINIMAL_UNIT, run_cchc, tiny_site

ROW = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): \[(?P<level>lỗi|cảnh báo)\] (?P<msg>.+)$")

SAMPLE_UNIT = """\
ten: An Phú
loai: xã
tinh_thanh: tỉnh Thử Nghiệm
dia_chi: Trụ sở mẫu
du_lieu_mau: true
chiu_trach_nhiem:
  ho_ten: Nguyễn Văn Mẫu
  chuc_vu: Phó Chủ tịch
  du_lieu_mau: có
duong_day_nong:
  - noi_dung: Phản ánh, kiến nghị
    dien_thoai: "0215 3000 001"
    du_lieu_mau: true
"""

AGENCY_LINE = "    chu_tri: Phòng Văn hóa - Xã hội  # can xem: tên cơ quan"  # a line-end note, typed without marks
NOTED_PLAN = MINIMAL_PLAN.replace("so: \"12\"\n", "# CẦN XEM: văn bản không ghi số\nso: \"12\"\n").replace(
    "    chu_tri: Phòng Văn hóa - Xã hội\n", AGENCY_LINE + "\n")

OLD_PROGRESS = """\
cap_nhat:
  - ngay: 10/02/2026
    chi_tieu: CT01
    so_luong: 2
  - ngay: 31/03/2026
    chi_tieu: CT01
    so_luong: 1
  - ngay: 01/03/2026
    chi_tieu: CT01
    so_luong: 1
"""

QUESTION = """\
---
cau_hoi: Làm khai sinh trực tuyến ở đâu?
ngay_hoi: 02/03/2026
don_vi: an-phu
linh_vuc: Cải cách thủ tục hành chính
trang_thai: chờ trả lời
noi_dung_mau: true
---
"""


def rows(stdout: str) -> list[tuple[str, int, int, str, str]]:
    """(path, line, col, level, message) of every problem line."""
    return [(m["path"], int(m["line"]), int(m["col"]), m["level"], m["msg"])
            for m in map(ROW.match, stdout.splitlines()) if m]


def portal(tmp_path):
    return tiny_site(tmp_path, {
        "mkdocs.yml": MINIMAL_MKDOCS.replace("site_url: https://xa.example/cong/",
                                             "site_url: !ENV [CCHC_SITE_URL, \"http://127.0.0.1:8000/\"]"),
        "content/index.md": "---\nnoi_dung_mau: true\n---\n\n# Trang chủ\n",
        "plans/an-phu/don-vi.yml": SAMPLE_UNIT,
        "plans/an-phu/ke-hoach-2026.yml": NOTED_PLAN,
        "plans/an-phu/tien-do-2026.yml": OLD_PROGRESS,
        "plans/binh-an/don-vi.yml": MINIMAL_UNIT.replace("An Phú", "Bình An"),
        "plans/binh-an/ke-hoach-2025.yml": MINIMAL_PLAN.replace("2026", "2025"),
        "content/chuyen-muc/bai-viet/mau.md": MINIMAL_POST.replace("---\n\n", "noi_dung_mau: true\n---\n\n"),
        "content/chuyen-muc/bai-viet/nhap.md": MINIMAL_POST.replace("---\n\n", "ban_nhap: true\nnoi_dung_mau: true\n---\n\n"),
        "content/hoi-dap/cau-hoi/hoi.md": QUESTION,
    })


def test_every_kind_of_readiness_problem_is_reported_at_its_position(tmp_path):
    site = portal(tmp_path)
    result = run_cchc("check", "--san-sang", cwd=site, env={"CCHC_SITE_URL": None})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    found = rows(result.stdout)
    unit, plan = "plans/an-phu/don-vi.yml", "plans/an-phu/ke-hoach-2026.yml"
    expected = {
        (unit, 5, 14): ("lỗi", "Địa chỉ, điện thoại"),  # the profile's contact data
        (unit, 9, 16): ("lỗi", "Người chịu trách nhiệm nội dung còn là dữ liệu mẫu"),  # "có" is true, as the schema reads it
        (unit, 13, 18): ("lỗi", "Đường dây nóng “Phản ánh, kiến nghị” còn là số mẫu"),
        (plan, 1, 1): ("lỗi", "(văn bản không ghi số)"),
        (plan, NOTED_PLAN.splitlines().index(AGENCY_LINE) + 1, AGENCY_LINE.index("#") + 1): ("lỗi", "(tên cơ quan)"),
        ("content/chuyen-muc/bai-viet/mau.md", 7, 15): ("lỗi", "Bài viết mẫu"),
        ("content/hoi-dap/cau-hoi/hoi.md", 7, 15): ("lỗi", "Câu hỏi – trả lời mẫu"),
        ("content/index.md", 2, 15): ("lỗi", "Trang này là nội dung mẫu"),
        # progress last updated 31/03/2026 (not the last entry written), 235 days before 21/11/2026
        ("plans/an-phu/tien-do-2026.yml", 5, 11): ("cảnh báo", "cập nhật lần cuối ngày 31/03/2026, đã 235 ngày (quá 45"),
        ("plans/binh-an/don-vi.yml", 1, 1): ("cảnh báo", "Chưa có kế hoạch năm 2026"),
        ("mkdocs.yml", 2, 11): ("cảnh báo", "CCHC_SITE_URL"),
    }
    for where, (level, fragment) in expected.items():
        assert any(row[:4] == (*where, level) and fragment in row[4] for row in found), (where, result.stdout)
    binh_an = [msg for path, _l, _c, _lvl, msg in found if path == "plans/binh-an/don-vi.yml"]
    assert any("Chưa có đường dây nóng" in m for m in binh_an)
    assert any("Chưa có địa chỉ trụ sở" in m for m in binh_an)
    assert any("Chưa ghi người chịu trách nhiệm" in m for m in binh_an)
    an_phu = [msg for path, _l, _c, _lvl, msg in found if path == unit]
    assert not any(m.startswith(("Chưa có đường dây nóng", "Chưa có địa chỉ", "Chưa ghi người")) for m in an_phu)
    assert not any("nhap.md" in row[0] for row in found)  # a draft is never published
    # grouped by unit, each heading before its own problems, the portal as a whole last
    headings = [line for line in result.stdout.splitlines() if line.startswith("== ")]
    assert headings == ["== Xã An Phú (plans/an-phu/)", "== Xã Bình An (plans/binh-an/)", "== Toàn cổng"]
    assert "8 việc phải xong" in result.stderr


def test_a_real_site_address_and_recent_progress_are_not_reported(tmp_path):
    site = portal(tmp_path)
    (site / "plans/an-phu/tien-do-2026.yml").write_text(OLD_PROGRESS.replace("31/03/2026", "15/11/2026"),
                                                         encoding="utf-8")
    result = run_cchc("check", "--san-sang", cwd=site, env={"CCHC_SITE_URL": "https://an-phu.gov.vn/cchc/"})
    paths = {row[0] for row in rows(result.stdout)}
    assert "mkdocs.yml" not in paths and "plans/an-phu/tien-do-2026.yml" not in paths, result.stdout


def test_a_portal_with_nothing_left_passes(tmp_path):
    site = tiny_site(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS.replace("xa.example", "an-phu.gov.vn"),
                                "plans/an-phu/don-vi.yml": MINIMAL_UNIT + """\
dia_chi: Số 1, đường Thử Nghiệm
chiu_trach_nhiem: {ho_ten: Nguyễn Văn Thử, chuc_vu: Phó Chủ tịch}
duong_day_nong:
  - noi_dung: Phản ánh, kiến nghị
    dien_thoai: "0215 3000 001"
""", "plans/an-phu/tien-do-2026.yml": "cap_nhat:\n  - ngay: 20/11/2026\n    chi_tieu: CT01\n    so_luong: 1\n"})
    result = run_cchc("check", "--san-sang", cwd=site, env={"CCHC_SITE_URL": "https://an-phu.gov.vn/"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""
    assert "Sẵn sàng công bố" in result.stderr


def test_github_format_annotates_blockers_as_errors_and_advice_as_warnings(tmp_path):
    site = portal(tmp_path)
    result = run_cchc("check", "--san-sang", "--format", "github", cwd=site)
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ")) for line in lines), result.stdout
    assert any(line.startswith("::error file=plans/an-phu/don-vi.yml,line=5,col=14::") for line in lines)
    assert any(line.startswith("::warning file=plans/binh-an/don-vi.yml,line=1,col=1::") for line in lines)


NOTED_POST = MINIMAL_POST.replace("---\n\n", "# CẦN XEM: tiêu đề lấy từ văn bản\nnoi_dung_mau: true\n---\n\n")


def test_the_loads_findings_on_posts_and_questions_equal_reading_every_file_again(tmp_path):
    """The posts and questions the load kept carry their notes and sample markers, so the list does not
    parse them again; read again from the files (as for a file that did not load), the list is the same."""
    from dataclasses import replace

    from cchc.model import readiness
    from cchc.model.load import load_portal
    from cchc.source import site_config

    site = portal(tmp_path)
    (site / "content/chuyen-muc/bai-viet/ghi-chu.md").write_text(NOTED_POST, encoding="utf-8")
    loaded = load_portal(str(site))
    assert loaded.ok, loaded.problems
    assert any(post.markers for post in loaded.portal.posts) and any(q.markers for q in loaded.portal.questions)
    config = site_config.read(str(site), "mkdocs.yml")
    kept = readiness.assess(str(site), loaded.portal, config)
    unloaded = replace(loaded.portal, posts=[], questions=[])  # every content file read from disk
    again = readiness.assess(str(site), unloaded, config)
    assert sorted(f.problem.sort_key() for f in kept.findings) == sorted(f.problem.sort_key() for f in again.findings)
    assert [f.unit_id for f in kept.findings] == [f.unit_id for f in again.findings]
    noted = [f.problem for f in kept.findings if f.problem.path == "content/chuyen-muc/bai-viet/ghi-chu.md"]
    assert [(p.mark.line, p.mark.col) for p in noted] == [(7, 1), (8, 15)]  # the note, then the marker
    assert "(tiêu đề lấy từ văn bản)" in noted[0].message and "Bài viết mẫu" in noted[1].message
