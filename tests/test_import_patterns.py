"""Each way real plans differ from the samples (issue #15) has a small document here.

The documents are in import_patterns.py; each test imports one as staff would
(`import_document`, or the `cchc import` command) and checks the facts it states,
and that what it does not state is left blank with a note instead of invented.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import import_patterns as docs
from cchc.importer import ImportFailure, import_document
from cchc.importer.writer import plan_yaml
from conftest import MINIMAL_MKDOCS, REPO, run_cchc, write_tree


def imported(tmp_path: Path, text: str, name: str = "ke-hoach.txt"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return import_document(path)


def notes_of(result, key: str) -> list[str]:
    return result.notes.get(key, [])


def test_type_and_title_on_one_line_without_a_header(tmp_path):
    result = imported(tmp_path, docs.ONE_LINE_TITLE)
    plan = result.plan
    assert plan["trich_yeu"] == "CẢI CÁCH HÀNH CHÍNH NĂM 2025" and plan["nam"] == 2025
    assert result.unit["loai"] == "xã" and result.unit["ten"] == "Hải Lệ"
    assert "ky_hieu" not in plan and notes_of(result, "ky_hieu")  # no number line: a note, not an invention
    # "MỤC TIÊU, YÊU CẦU" with "Mục tiêu chung / Mục tiêu cụ thể"
    assert plan["tieu_de_muc"]["muc_dich_yeu_cau"] == "I. MỤC TIÊU, YÊU CẦU"
    assert [item["tieu_de"] for item in plan["muc_dich"]] == ["Mục tiêu chung", "Mục tiêu cụ thể"]
    assert plan["yeu_cau"] == ["Bám sát kế hoạch của tỉnh."]
    # "NHIỆM VỤ VÀ GIẢI PHÁP": numbered items directly under the section, kept as the tasks' lead-in
    assert plan["nhiem_vu_gioi_thieu"] == (
        "1. Cải cách thể chế.\n2. Cải cách thủ tục hành chính.\n3. Xây dựng chính quyền số.")
    assert plan["tieu_de_muc"]["nhiem_vu"] == "II. NHIỆM VỤ VÀ GIẢI PHÁP" and "noi_dung" not in plan


def test_mixed_case_type_line_and_lower_case_title(tmp_path):
    result = imported(tmp_path, docs.MIXED_CASE_TYPE)
    plan = result.plan
    assert plan["trich_yeu"] == "tuyên truyền cải cách hành chính trên địa bàn xã Hòa Bình năm 2026"
    assert (plan["so"], plan["ky_hieu"], plan["ngay"], plan["dia_danh"]) == ("07", "KH-UBND", "12/01/2026", "Hòa Bình")
    assert plan["loi_dan"] == "UBND xã ban hành Kế hoạch như sau:"
    assert [c["so"] for c in plan["can_cu"]] == ["30/KH-UBND"]
    assert result.unit["ten"] == "Hòa Bình" and result.unit["loai"] == "xã"
    assert len(plan["muc_dich"]) == 1 and len(plan["yeu_cau"]) == 1
    assert plan["doi_tuong"] == "1. Cán bộ, công chức xã.\n2. Người dân, doanh nghiệp trên địa bàn."
    assert plan["noi_dung"] == ["Công khai thủ tục hành chính."]
    assert plan["chu_ky"] == {"thay_mat": "TM. ỦY BAN NHÂN DÂN", "ky_thay": "KT. CHỦ TỊCH",
                              "chuc_vu": "PHÓ CHỦ TỊCH", "ho_ten": "Lê Thị Mai"}


def test_plan_issued_by_a_decision(tmp_path):
    result = imported(tmp_path, docs.BY_DECISION)
    plan = result.plan
    assert (plan["so"], plan["ky_hieu"], plan["ngay"], plan["dia_danh"]) == ("25", "QĐ-UBND", "10/01/2025", "An Bình")
    assert plan["trich_yeu"] == "Tuyên truyền cải cách hành chính năm 2025"
    assert plan["chu_ky"] == {"chuc_vu": "CHỦ TỊCH", "ho_ten": "Nguyễn Văn An"}
    assert "Quyết định số 25/QĐ-UBND" in plan["ghi_chu_nguon"]
    assert [c["so"] for c in plan["can_cu"]] == ["20/KH-UBND"]
    assert result.unit == {"loai": "xã", "ten": "An Bình"}
    assert len(plan["muc_dich"]) == 1 and len(plan["noi_dung"]) == 2
    assert [a["co_quan"] for a in plan["to_chuc_thuc_hien"]] == [
        "Công chức Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công xã"]
    assert [(t["so_luong"], t["ky"], t["kenh"]) for t in plan["chi_tieu"]] == [(12, "nam", "trang_thong_tin")]
    assert plan["noi_nhan"] == ["Như Điều 3;", "Lưu: VT."]  # the plan is sent with its decision


def test_flattened_two_column_header_glued_words_and_authority_line(tmp_path):
    result = imported(tmp_path, docs.FLAT_HEADER)
    plan = result.plan
    assert (plan["so"], plan["ky_hieu"], plan["ngay"], plan["dia_danh"]) == ("263", "KH-UBND", "03/01/2025", "Tân Phú")
    assert plan["trich_yeu"] == "Tuyên truyền cải cách hành chính năm 2025"  # stops before "CHỦ TỊCH ..."
    assert result.unit["ten"] == "Tân Phú" and result.unit["loai"] == "xã"
    assert [c["so"] for c in plan["can_cu"]] == ["99/KH-UBND"]
    assert plan["can_cu"][0]["trich_yeu"] == "về cải cách hành chính năm 2025"
    assert plan["loi_dan"] == "Ủy ban nhân dân xã ban hành Kế hoạch tuyên truyền như sau:"
    assert len(plan["muc_dich"]) == 2 and plan["noi_dung"] and plan["hinh_thuc"]


def test_spacing_as_ocr_reads_it_a_split_symbol_and_a_glued_type(tmp_path):
    plan = imported(tmp_path, docs.OCR_SPACING).plan
    assert (plan["so"], plan["ky_hieu"], plan["ngay"]) == ("263", "KH-UBND", "03/01/2025")
    assert plan["trich_yeu"] == "Tuyên truyền cải cách hành chính năm 2025"
    assert [c["so"] for c in plan["can_cu"]] == ["99/KH-UBND"]


def test_hard_wrapped_lines_starting_with_digits_and_capitals(tmp_path):
    result = imported(tmp_path, docs.HARD_WRAPPED)
    plan = result.plan
    assert plan["loi_dan"] == "Ủy ban nhân dân phường Bình Minh xây dựng Kế hoạch tuyên truyền như sau:"
    assert plan["can_cu"][0]["co_quan"] == "Ủy ban nhân dân tỉnh Vĩnh Long"
    assert len(plan["muc_dich"]) == 2 and plan["muc_dich"][0].endswith("sự phục vụ của Ủy ban nhân dân phường.")
    assert plan["yeu_cau"] == ["Nội dung tuyên truyền phải thiết thực, ngắn gọn, dễ hiểu, phù hợp với từng nhóm "
                               "đối tượng và bám sát nhiệm vụ trọng tâm của phường trong năm 2026 theo kế hoạch của tỉnh."]
    assert [a["co_quan"] for a in plan["to_chuc_thuc_hien"]] == [
        "Phòng Văn hóa - Xã hội phường", "Văn phòng HĐND và UBND phường"]
    assert plan["to_chuc_thuc_hien"][0]["noi_dung"].endswith("triển khai Kế hoạch này.")
    assert [(t["so_luong"], t["ky"], t["kenh"]) for t in plan["chi_tieu"]] == [
        (12, "nam", "trang_thong_tin"), (2, "thang", "truyen_thanh")]


def test_soft_wrapped_markdown(tmp_path):
    result = imported(tmp_path, docs.HARD_WRAPPED.replace("KẾ HOẠCH\n", "# KẾ HOẠCH\n"), "ke-hoach.md")
    assert len(result.plan["muc_dich"]) == 2 and result.unit["ten"] == "Bình Minh"


@pytest.mark.parametrize("text, issuer", [
    (docs.PROVINCE_PLAN, "Ủy ban nhân dân tỉnh Lạng Sơn"), (docs.MINISTRY_PLAN, "Bộ Nội vụ")])
def test_higher_level_plans_import_with_their_issuer_and_no_commune(tmp_path, text, issuer):
    result = imported(tmp_path, text)
    assert result.plan["co_quan_ban_hanh"] == issuer
    assert result.unit == {}
    assert result.plan["trich_yeu"].startswith("Tuyên truyền cải cách hành chính")
    assert "BỘ TRƯỞNG" not in result.plan["trich_yeu"]


def test_prose_targets_are_plan_targets_with_their_source(tmp_path):
    plan = imported(tmp_path, docs.PROSE_TARGETS).plan
    assert "nhiem_vu" not in plan
    assert plan["chi_tieu"] == [
        {"ma": "CT01", "so_luong": 12, "toi_thieu": True, "don_vi_tinh": "tin, bài", "ky": "nam",
         "kenh": "trang_thong_tin", "co_quan": "Phòng Văn hóa - Xã hội",
         "nguon": "Đăng tải ít nhất 12 tin, bài/năm trên trang thông tin điện tử của xã"},
        {"ma": "CT02", "so_luong": 2, "toi_thieu": False, "don_vi_tinh": "tin, bài", "ky": "thang",
         "kenh": "truyen_thanh", "co_quan": "Phòng Văn hóa - Xã hội",
         "nguon": "Phát 02 tin, bài/tháng trên đài truyền thanh xã"}]


def test_what_is_not_a_plan_is_refused_naming_the_missing_markers(tmp_path):
    with pytest.raises(ImportFailure) as refused:
        imported(tmp_path, docs.NOT_A_PLAN)
    message = str(refused.value)
    assert "không nhận ra đây là một kế hoạch" in message and "KẾ HOẠCH" in message


def test_a_plan_whose_heading_was_lost_is_imported_with_a_note_at_its_title(tmp_path):
    result = imported(tmp_path, docs.LOST_HEADING)
    assert "trich_yeu" not in result.plan and "trích yếu" in result.notes["trich_yeu"][0]
    assert (result.plan["so"], result.plan["ky_hieu"], result.plan["nam"]) == ("07", "KH-UBND", 2026)
    assert len(result.plan["to_chuc_thuc_hien"]) == 2


def test_a_plan_whose_title_was_lost_under_its_type_line_is_imported_with_a_note(tmp_path):
    result = imported(tmp_path, docs.TITLE_LOST)
    assert "trich_yeu" not in result.plan and "sau tên loại" in result.notes["trich_yeu"][0]
    assert (result.plan["so"], result.plan["nam"], len(result.plan["to_chuc_thuc_hien"])) == ("07", 2026, 2)


def test_a_year_misread_in_title_and_date_is_taken_from_the_text_with_a_note(tmp_path):
    assert "2O26" in docs.YEAR_MISREAD.split("\n")[1]  # the date line too
    result = imported(tmp_path, docs.YEAR_MISREAD)
    assert result.plan["nam"] == 2026
    assert "năm 2026" in result.notes["nam"][0] and "kiểm tra" in result.notes["nam"][0]


def test_the_year_named_most_often_wins_over_the_years_of_the_bases(tmp_path):
    text = docs.YEAR_MISREAD.replace("ban hành Kế hoạch như sau:", "ban hành Kế hoạch như sau (Nghị quyết năm 2021, "
                                     "Chỉ thị năm 2021):").replace("- Nội dung thiết thực.",
                                     "- Nội dung thiết thực trong năm 2026, cả năm 2026.")
    assert imported(tmp_path, text).plan["nam"] == 2026


def test_a_speck_inside_the_type_line_does_not_hide_it(tmp_path):
    result = imported(tmp_path, docs.SPECK_IN_TYPE)
    assert result.plan["trich_yeu"] == "tuyên truyền cải cách hành chính trên địa bàn xã Hòa Bình năm 2026"
    assert "trich_yeu" not in result.notes


def test_the_same_sections_under_a_report_symbol_are_still_refused(tmp_path):
    with pytest.raises(ImportFailure) as refused:
        imported(tmp_path, docs.REPORT_WITH_SECTIONS)
    assert "KẾ HOẠCH" in str(refused.value) and "trích yếu" in str(refused.value)


def test_a_plan_without_sections_is_imported_with_notes_not_refused(tmp_path):
    text = ("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026\n"
            "Ủy ban nhân dân xã Long Hồ tuyên truyền cải cách hành chính trên đài truyền thanh.\n"
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nĐỗ Văn Long\n")
    result = imported(tmp_path, text)
    assert result.plan["trich_yeu"] == "Tuyên truyền cải cách hành chính năm 2026"
    assert result.notes["tieu_de_muc"]  # the sections it did not find are named for staff


# --- the command: profile, agencies, notes, levels --------------------------------------

def _site(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "site", {"mkdocs.yml": MINIMAL_MKDOCS, "content/index.md": "# Trang chủ\n"})


def test_import_proposes_the_agency_list_for_the_unit_profile(tmp_path):
    site = _site(tmp_path)
    source = tmp_path / "ke-hoach.txt"
    source.write_text(docs.MIXED_CASE_TYPE, "utf-8")
    done = run_cchc("import", str(source), cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr
    profile = (site / "plans" / "hoa-binh" / "don-vi.yml").read_text("utf-8")
    # "Phòng Văn hoá - Xã hội" and "Phòng Văn hóa – Xã hội xã" are one agency, listed once with its other spelling
    assert profile.count("- ma: van-hoa-xa-hoi") == 1
    assert "ten: Phòng Văn hoá - Xã hội" in profile and "Phòng Văn hóa – Xã hội xã" in profile
    assert "# CẦN XEM:" in profile.split("cac_co_quan:")[1]
    assert run_cchc("check", cwd=site).returncode == 0


def test_a_higher_level_plan_writes_no_commune_profile(tmp_path):
    site = _site(tmp_path)
    source = tmp_path / "tinh.txt"
    source.write_text(docs.PROVINCE_PLAN, "utf-8")
    refused = run_cchc("import", str(source), cwd=site)
    assert refused.returncode == 1 and "Ủy ban nhân dân tỉnh Lạng Sơn" in refused.stderr
    assert "-o" in refused.stderr and not (site / "plans").exists()
    output = site / "tham-khao" / "ke-hoach-2026.yml"
    done = run_cchc("import", str(source), "-o", str(output), cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "co_quan_ban_hanh: Ủy ban nhân dân tỉnh Lạng Sơn" in output.read_text("utf-8")
    assert not (output.parent / "don-vi.yml").exists()


def test_every_field_the_document_does_not_state_has_its_note_at_its_key(tmp_path):
    text = docs.ONE_LINE_TITLE.replace("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Hùng\n", "")
    result = imported(tmp_path, text)
    written = plan_yaml(result, "x.txt", tmp_path / "plans" / "hai-le" / "ke-hoach-2025.yml", tmp_path)
    lines = written.splitlines()
    for key in ("ky_hieu", "chu_ky"):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        assert lines[at - 1].startswith("# CẦN XEM:"), (key, lines[at - 1])


def test_the_importer_has_no_import_cycle():
    package = REPO / "scripts" / "cchc" / "importer"
    graph = {}
    for module in package.glob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names |= {node.module} if node.module else {a.name for a in node.names}
        graph[module.stem] = {n.split(".")[0] for n in names} - {module.stem}

    def reaches(start, goal, seen=()):
        return any(n == goal or (n not in seen and reaches(n, goal, (*seen, n))) for n in graph.get(start, ()))

    cycles = [m for m in graph if m != "__init__" and reaches(m, m)]
    assert cycles == []


def test_prose_targets_imported_are_counted_by_the_portal(tmp_path):
    from datetime import date
    from cchc.compute.pacing import plan_progress
    from cchc.model.load import load_portal
    site = _site(tmp_path)
    source = tmp_path / "ke-hoach.txt"
    source.write_text(docs.PROSE_TARGETS, "utf-8")
    done = run_cchc("import", str(source), cwd=site)
    # the document names no province: the profile says so at that key, and the check fails there
    profile = site / "plans" / "long-ho" / "don-vi.yml"
    assert done.returncode == 1 and "don-vi.yml:8:13: [lỗi] 'tinh_thanh'" in done.stdout
    assert "# CẦN XEM: văn bản không ghi rõ tỉnh/thành phố; hãy điền\ntinh_thanh: ''" in profile.read_text("utf-8")
    profile.write_text(profile.read_text("utf-8").replace("tinh_thanh: ''", "tinh_thanh: tỉnh Vĩnh Long"), "utf-8")
    (site / "plans" / "long-ho" / "tien-do-2026.yml").write_text(
        "cap_nhat:\n  - ngay: 28/02/2026\n    chi_tieu: CT02\n    so_luong: 3\n", "utf-8")
    loaded = load_portal(str(site))
    assert not loaded.problems, [str(p) for p in loaded.problems]
    (unit,) = loaded.portal.units
    (plan,) = unit.plans
    progress = {p.target.id: p for p in plan_progress(plan, date(2026, 3, 31)).targets}
    # 12 items a year on the web page, 2 a month on the radio: due 24 in the year, 6 by the end of March
    assert (progress["CT01"].total, progress["CT02"].total) == (12, 24)
    assert (progress["CT02"].actual, progress["CT02"].expected) == (3, 6)


def test_a_task_table_header_misread_by_one_letter_still_names_its_columns():
    from cchc.importer.tasks import header_roles
    misread = ["STT", "Cơ quan chủ tnì", "Nội dung nhiệm vụ", "Cơ quan phổi hợp", "Thời gian"]
    assert header_roles(misread) == ["stt", "chu_tri", "noi_dung", "phoi_hop", "thoi_gian"]
    # two letters off is another word, not a misreading
    assert header_roles(["STT", "Cơ quan chủ tnm", "Nội dung nhiệm vụ"]) == ["stt", "", "noi_dung"]


def test_a_misread_heading_imports_with_notes_at_the_title_and_year_and_points_at_the_blank_title(tmp_path):
    site = _site(tmp_path)
    source = tmp_path / "ban-quet.txt"
    source.write_text(docs.TITLE_LOST.replace("năm 2026\n", "năm 2O26\n"), "utf-8")
    # The unit was named only in the lost title: staff name it, as the command asks.
    asked = run_cchc("import", str(source), cwd=site)
    assert asked.returncode == 1 and "--don-vi" in asked.stderr and not (site / "plans").exists()
    done = run_cchc("import", str(source), "--don-vi", "hoa-binh", cwd=site)
    # Written, with what staff must still fill named at its position (exit 1: check would fail).
    assert done.returncode == 1 and "'trich_yeu' không được để trống" in done.stdout, done.stdout + done.stderr
    lines = (site / "plans" / "hoa-binh" / "ke-hoach-2026.yml").read_text("utf-8").splitlines()
    for key in ("trich_yeu", "nam"):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        assert lines[at - 1].startswith("# CẦN XEM:"), (key, lines[at - 1])
    assert "nam: 2026" in lines
    title_line = next(i for i, line in enumerate(lines, start=1) if line.startswith("trich_yeu:"))
    assert f"plans/hoa-binh/ke-hoach-2026.yml:{title_line}:" in done.stdout, done.stdout
