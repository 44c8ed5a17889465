"""`cchc import`: the seeds in every format against the hand-checked sample plans,
plans worded differently, and inputs that are not plans at all."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest

from cchc.importer import ImportFailure, import_document
from cchc.importer.writer import plan_yaml
from cchc.base.problems import ProblemList
from cchc.check.schema import check_tree
from cchc.source.yaml_tree import load_file, parse_text

from conftest import MINIMAL_MKDOCS, REPO, run_cchc, write_tree
from import_compare import GROUPS, compare
from import_docs import SEED_UNITS, SEEDS, write_docx, write_markdown, write_pdf

FORMATS = ("txt", "docx", "md", "pdf")
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def pdf_page():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page()
        browser.close()


def _typed(path_or_text, schema: str, is_text: bool = False):
    source = parse_text("x.yml", path_or_text) if is_text else load_file(str(path_or_text))
    problems = ProblemList("x.yml")
    checked = check_tree(source.root, schema, problems)
    assert not source.problems and not problems, [str(p) for p in [*source.problems, *problems]]
    return checked.value


def sample(unit: str) -> tuple[dict, dict]:
    return (_typed(REPO / "plans" / unit / "ke-hoach-2026.yml", "ke-hoach"),
            _typed(REPO / "plans" / unit / "don-vi.yml", "don-vi"))


def imported_as_checked(path: Path, tmp_path: Path):
    """What `cchc check` loads from the file the importer writes."""
    result = import_document(path)
    text = plan_yaml(result, path.name, tmp_path / "plans" / "x" / "ke-hoach-2026.yml", tmp_path)
    return _typed(text, "ke-hoach", is_text=True), result


def source_file(seed: str, fmt: str, tmp_path: Path, page=None) -> Path:
    tasks = sample(SEED_UNITS[seed])[0].get("nhiem_vu", [])
    tasks = [{k: (v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else v) for k, v in t.items()} for t in tasks]
    if fmt == "txt":
        return SEEDS / f"{seed}.txt"
    if fmt == "docx":
        return write_docx(seed, tasks, tmp_path / f"{seed}.docx")
    if fmt == "pdf":
        return write_pdf(page, seed, tasks, tmp_path / f"{seed}.pdf")
    return write_markdown(seed, tasks, tmp_path / f"{seed}.md")


def accuracy(tmp_path: Path, page) -> dict[tuple[str, str], tuple[int, int]]:
    totals: dict[tuple[str, str], tuple[int, int]] = {}
    for seed, unit in SEED_UNITS.items():
        plan, profile = sample(unit)
        for fmt in FORMATS:
            got, result = imported_as_checked(source_file(seed, fmt, tmp_path, page), tmp_path)
            comparison = compare(plan, got, profile, result.unit)
            for group in GROUPS:
                right, total = comparison.score(group)
                old = totals.get((fmt, group), (0, 0))
                totals[(fmt, group)] = (old[0] + right, old[1] + total)
    return totals


def accuracy_table(totals) -> str:
    lines = ["| Nhóm trường | .txt | .docx | .md | .pdf |", "|---|---|---|---|---|"]
    for group in GROUPS:
        cells = []
        for fmt in FORMATS:
            right, total = totals[(fmt, group)]
            cells.append(f"{right}/{total} ({100 * right / total:.0f} %)")
        lines.append(f"| {group} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


@pytest.mark.parametrize("fmt", FORMATS[:3])
@pytest.mark.parametrize("seed", sorted(SEED_UNITS))
def test_every_field_of_every_seed_matches_the_sample(seed, fmt, tmp_path):
    plan, profile = sample(SEED_UNITS[seed])
    got, result = imported_as_checked(source_file(seed, fmt, tmp_path), tmp_path)
    comparison = compare(plan, got, profile, result.unit)
    assert comparison.failures() == []
    assert comparison.score()[1] > 60  # the comparison really covers the plan


@pytest.mark.browser
@pytest.mark.parametrize("seed", sorted(SEED_UNITS))
def test_a_pdf_printed_from_each_seed_matches_the_sample(seed, tmp_path, pdf_page):
    plan, profile = sample(SEED_UNITS[seed])
    got, result = imported_as_checked(source_file(seed, "pdf", tmp_path, pdf_page), tmp_path)
    assert compare(plan, got, profile, result.unit).failures() == []


@pytest.mark.browser
def test_readme_reports_the_accuracy_this_test_computes(tmp_path, pdf_page):
    table = accuracy_table(accuracy(tmp_path, pdf_page))
    readme = (REPO / "README.md").read_text("utf-8")
    assert table in readme, "README.md must carry this table:\n" + table


def test_blank_number_and_blank_day_stay_blank_and_nfd_becomes_nfc():
    result = import_document(SEEDS / "002_cf738f383a62e88c.txt")
    assert result.plan["so"] == "" and result.plan["ky_hieu"] == "KH-UBND"
    assert result.plan["ngay"] == "01/2026"  # "ngày tháng 01 năm 2026": no day invented
    text = str(import_document(SEEDS / "003_447270569d99eac5.txt").plan)
    assert unicodedata.is_normalized("NFC", text)


def test_missing_appendix_gives_no_tasks_and_a_note():
    result = import_document(SEEDS / "000_d6b7f4a86d74f2d7.txt")
    assert "nhiem_vu" not in result.plan
    assert result.plan["phu_luc"] == {"khong_co_trong_ban_goc": True}
    assert any("phụ lục" in note for _, note in result.all_notes())


OTHER_WARD = """\
ỦY BAN NHÂN DÂN
XÃ TÂN AN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: 15/KH-UBND

Tân An, ngày 05 tháng 02 năm 2026

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2026

Căn cứ Quyết định số 1234/QĐ-UBND ngày 30/12/2025 của Ủy ban nhân dân tỉnh Tây Ninh về ban hành Kế hoạch cải cách hành chính năm 2026;
Căn cứ Kế hoạch số 45/KH-UBND ngày 10 tháng 01 năm 2026 của Ủy ban nhân dân xã Tân An về cải cách hành chính năm 2026;
Ủy ban nhân dân xã Tân An ban hành Kế hoạch tuyên truyền như sau:

I. MỤC ĐICH
1. Nâng cao nhận thức của cán bộ, công chức và Nhân dân về cải cách hành chính.
2. Góp phần cải thiện Chỉ số hài lòng (SIPAS) của xã.
II. YÊU CẦU
- Tuyên truyền thường xuyên, đúng đối tượng.
- Nội dung ngắn gọn, dễ hiểu.
III. NỘI DUNG TUYÊN TRUYỀN
1.1. Cải cách thủ tục hành chính:
* Công khai thủ tục hành chính tại Bộ phận Một cửa.
* Hướng dẫn nộp hồ sơ trực tuyến.
1.2. Chuyển đổi số.
IV. HÌNH THỨC TUYÊN TRUYỀN
a) Đài truyền thanh xã phát tối thiểu 04 tin, bài mỗi tháng.
b) Treo 10 băng rôn, khẩu hiệu tại trụ sở và các tuyến đường chính.
V. TỔ CHỨC THỰC HIỆN
1. Công chức Văn hóa - Xã hội: Chủ trì tham mưu triển khai Kế hoạch; tổng hợp báo cáo.
2. Công chức Văn phòng - Thống kê
- Niêm yết công khai thủ tục hành chính.
- Tiếp nhận phản ánh, kiến nghị.
VI. CHẾ ĐỘ BÁO CÁO
Công chức Văn hóa - Xã hội báo cáo kết quả về UBND xã. Báo cáo 6 tháng trước ngày 15/6/2026; Báo cáo năm trước ngày 15/11/2026.

Nơi nhận:
- UBND tỉnh Tây Ninh;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Văn Bình

PHỤ LỤC
Danh mục nhiệm vụ
(Kèm theo Kế hoạch số 15/KH-UBND ngày 05/02/2026 của UBND xã Tân An)
"""


def _other_ward_docx(path: Path) -> Path:
    document = docx.Document()
    for line in OTHER_WARD.split("\n"):
        if line.strip():
            document.add_paragraph(line)
    table = document.add_table(rows=4, cols=6)
    rows = [["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Dự kiến kết quả"],
            ["1", "Tổ chức hội nghị đối thoại với Nhân dân", "Công chức Văn phòng - Thống kê",
             "Mặt trận Tổ quốc xã", "Quý III", "Ít nhất 02 cuộc/năm"],
            ["", "về thủ tục hành chính", "", "", "", ""],  # the row went on over a page break
            ["2", "Tuyên truyền trên Trang thông tin điện tử", "Công chức Văn hóa - Xã hội", "", "Tháng 12/2026",
             "150 tin, bài"]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def test_a_plan_worded_and_numbered_differently(tmp_path):
    result = import_document(_other_ward_docx(tmp_path / "tan-an.docx"))
    plan = result.plan
    assert (plan["so"], plan["ky_hieu"], plan["dia_danh"], plan["ngay"], plan["nam"]) == (
        "15", "KH-UBND", "Tân An", "05/02/2026", 2026)
    assert result.unit == {"loai": "xã", "ten": "Tân An", "tinh_thanh": "tỉnh Tây Ninh"}
    assert plan["trich_yeu"] == "Tuyên truyền cải cách hành chính năm 2026"
    assert plan["loi_dan"] == "Ủy ban nhân dân xã Tân An ban hành Kế hoạch tuyên truyền như sau:"
    assert [(c["loai"], c["so"], c["ngay"], c["co_quan"]) for c in plan["can_cu"]] == [
        ("Quyết định", "1234/QĐ-UBND", "30/12/2025", "Ủy ban nhân dân tỉnh Tây Ninh"),
        ("Kế hoạch", "45/KH-UBND", "10/01/2026", "Ủy ban nhân dân xã Tân An")]
    # "MỤC ĐICH" (typo) and "YÊU CẦU" as two sections; "1.1." items with "*" bullets inside
    assert len(plan["muc_dich"]) == 2 and len(plan["yeu_cau"]) == 2
    assert plan["noi_dung"][0]["nhan"] == "1.1." and len(plan["noi_dung"][0]["muc"]) == 2
    assert [a["co_quan"] for a in plan["to_chuc_thuc_hien"]] == [
        "Công chức Văn hóa - Xã hội", "Công chức Văn phòng - Thống kê"]
    assert plan["to_chuc_thuc_hien"][0]["noi_dung"].startswith("Chủ trì tham mưu")
    assert [(p["ky"], p["han"]) for p in plan["che_do_bao_cao"]["ky_bao_cao"]] == [
        ("2026-H1", "15/06/2026"), ("2026", "15/11/2026")]
    assert plan["chu_ky"] == {"thay_mat": "TM. ỦY BAN NHÂN DÂN", "chuc_vu": "CHỦ TỊCH", "ho_ten": "Lê Văn Bình"}
    first, second = plan["nhiem_vu"]
    assert first["noi_dung"] == "Tổ chức hội nghị đối thoại với Nhân dân\nvề thủ tục hành chính"
    # "hoàn thành: Quý III" is a deadline (end of September), not a start date
    assert (first["chu_tri"], first["hoan_thanh"], first["han"]) == (
        "Công chức Văn phòng - Thống kê", "Quý III", "30/09/2026")
    assert "bat_dau" not in first
    assert [(t["so_luong"], t["don_vi_tinh"], t["ky"], t["toi_thieu"], t["kenh"]) for t in first["chi_tieu"]] == [
        (2, "cuộc", "nam", True, "doi_thoai")]
    assert second["han"] == "31/12/2026" and second["chi_tieu"][0]["ky"] == "ca_ke_hoach"
    assert [(t["so_luong"], t["don_vi_tinh"], t["ky"], t["kenh"]) for t in plan["chi_tieu"]] == [
        (4, "tin, bài", "thang", "truyen_thanh"), (10, "băng rôn", "ca_ke_hoach", "bang_ron")]


@pytest.mark.parametrize("phrase, expected", [
    ("tối thiểu 02 tin, bài/tháng", (2, "tin, bài", "thang", True)),
    ("tối thiểu 12 tin/bài trong năm", (12, "tin/bài", "nam", True)),
    ("150 tin, bài", (150, "tin, bài", "ca_ke_hoach", False)),
    ("30 băng", (30, "băng", "ca_ke_hoach", False)),
    ("12 buổi", (12, "buổi", "ca_ke_hoach", False)),
    ("Ít nhất 02 cuộc/năm", (2, "cuộc", "nam", True)),
    ("định kỳ hàng tháng có ít nhất 02 tin/bài", (2, "tin/bài", "thang", True)),
])
def test_targets_in_the_words_plans_use(phrase, expected):
    from cchc.importer.targets import find_targets
    (target,) = find_targets(phrase)
    assert (target["so_luong"], target["don_vi_tinh"], target["ky"], target["toi_thieu"]) == expected


def test_minutes_and_percentages_are_not_targets():
    from cchc.importer.targets import find_targets
    assert find_targets("Từ 5 đến 10 phút/chương trình; 100% cơ quan; 06 nội dung") == []


def test_hard_wrapped_text_is_rejoined_and_page_numbers_dropped():
    from cchc.importer.paragraphs import paragraphs
    from cchc.importer.lines import lines_to_items
    wrapped = "\n\n".join(["- Dòng thứ nhất của một đoạn văn rất dài được cắt ở gần lề phải của trang giấy", "và phần tiếp theo của nó vẫn là cùng một đoạn văn, cho đến hết câu này ở đây. 3", " Tiếp tục sau khi sang trang mới mà vẫn là đoạn văn trên nên phải nối lại cho đúng", "thêm một dòng nữa."] * 6)
    paras = paragraphs(lines_to_items(wrapped), "txt")
    assert len(paras) == 6
    assert " 3 " not in paras[0].text and "ở đây. Tiếp tục sau khi sang trang" in paras[0].text


def test_flattened_table_cells_are_found_again():
    from cchc.importer.tasks import rows_from_lines
    lines = ["TT Nội dung", "Thời gian", "thực hiện", "Cơ quan", "chủ trì", "Kết quả",
             "1", "Tổ chức tọa đàm về cải cách hành chính trên địa", "bàn xã năm 2026", "Quý IV",
             "Trung tâm", "Dịch vụ tổng hợp", "Kế hoạch, giấy mời",
             "2", "Niêm yết thủ tục hành chính", "Tháng", "01/2026", "Công chức Tư pháp", "Bảng niêm yết"]
    (first, second), notes = rows_from_lines(lines)
    assert first.cells == {"noi_dung": "Tổ chức tọa đàm về cải cách hành chính trên địa bàn xã năm 2026",
                           "thoi_gian": "Quý IV", "chu_tri": "Trung tâm Dịch vụ tổng hợp",
                           "san_pham": "Kế hoạch, giấy mời"}
    assert second.cells["thoi_gian"] == "Tháng 01/2026" and second.cells["chu_tri"] == "Công chức Tư pháp"


# --- the command ----------------------------------------------------------

def test_import_then_check_then_build_shows_the_plan_page(tmp_path):
    site = write_tree(tmp_path / "site", {"mkdocs.yml": MINIMAL_MKDOCS, "content/index.md": "# Trang chủ\n"})
    done = run_cchc("import", str(SEEDS / "003_447270569d99eac5.txt"), cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "10 nhiệm vụ" in done.stdout and "Đã tạo hồ sơ đơn vị" in done.stdout
    plan_file = site / "plans" / "muong-lay" / "ke-hoach-2026.yml"
    assert "# CẦN XEM: văn bản không ghi địa danh" in plan_file.read_text("utf-8")
    profile = (site / "plans" / "muong-lay" / "don-vi.yml").read_text("utf-8")
    assert "tinh_thanh: tỉnh Điện Biên" in profile and "CẦN BỔ SUNG" in profile and "dien_thoai:" not in \
        [line for line in profile.splitlines() if not line.startswith("#")]
    checked = run_cchc("check", cwd=site)
    assert checked.returncode == 0, checked.stdout
    built = run_cchc("build", cwd=site)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (site / "site" / "don-vi" / "muong-lay" / "ke-hoach-2026" / "index.html").read_text("utf-8")
    assert "276/KH-UBND" in page and "Tổ chức tọa đàm về cải cách hành chính" in page
    assert "Nguyễn Đạt Long" in page
    again = run_cchc("import", str(SEEDS / "003_447270569d99eac5.txt"), cwd=site)
    assert again.returncode == 1 and "--ghi-de" in again.stderr


def _blank_pdf(path: Path) -> Path:
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.parametrize("name, content, message", [
    ("rong.txt", b"", "tệp rỗng"),
    ("thu-moi.txt", "THƯ MỜI\nKính mời ông/bà đến dự họp lúc 8 giờ.\n".encode(), "không nhận ra đây là một kế hoạch"),
    ("hong.docx", b"PK\x03\x04 this is not really a zip archive", "tệp Word bị hỏng"),
    ("ban-quet.pdf", None, "không có lớp chữ"),
    ("anh.png", b"\x89PNG\r\n", "chưa hỗ trợ loại tệp"),
    ("latin1.txt", "KẾ HOẠCH".encode("cp1258", errors="replace") + b"\xff\xfe\xfa", "UTF-8"),
])
def test_malformed_inputs_exit_1_with_a_message_and_no_traceback(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        _blank_pdf(path)
    else:
        path.write_bytes(content)
    done = run_cchc("import", str(path), cwd=tmp_path)
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "plans").exists()  # nothing half-written


def test_import_failure_is_a_value_not_a_crash(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("# Tiêu đề\n\nChỉ có một đoạn văn.\n", "utf-8")
    with pytest.raises(ImportFailure, match="không nhận ra"):
        import_document(path)


def test_any_text_is_imported_or_refused_with_a_message(tmp_path):
    """Whatever staff feed it, the importer answers with a plan or an ImportFailure."""
    from hypothesis import HealthCheck, given, settings, strategies as st
    seed_lines = (SEEDS / "003_447270569d99eac5.txt").read_text("utf-8").split("\n")
    pieces = st.sampled_from(seed_lines + ["I. MỤC ĐÍCH", "KẾ HOẠCH", "1", "\t\t", "| a | b | c |", "Số: /", "TM.",
                                           "PHỤ LỤC", "TT Nội dung nhiệm vụ Cơ quan chủ trì", "- ", "a)", "<p>"])

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.one_of(pieces, st.text(max_size=40)), max_size=120))
    def run(lines):
        path = tmp_path / "x.txt"
        path.write_text("\n".join(lines), "utf-8")
        try:
            result = import_document(path)
        except ImportFailure as err:
            assert str(err)
            return
        text = plan_yaml(result, "x.txt", tmp_path / "plans" / "x" / "ke-hoach.yml", tmp_path)
        assert parse_text("x.yml", text).root is not None  # what it writes is YAML we can read back

    run()


def test_sections_lettered_or_marked_as_markdown_headings(tmp_path):
    path = tmp_path / "ke-hoach.md"
    path.write_text(
        "Số: 07/KH-UBND\n\nAn Lạc, ngày 10 tháng 01 năm 2026\n\n# KẾ HOẠCH\n\n"
        "Tuyên truyền cải cách hành chính năm 2026\n\n"
        "## Mục đích và yêu cầu\n\n1. Mục đích\n\n- Nâng cao nhận thức.\n\n2. Yêu cầu\n\n- Thiết thực.\n\n"
        "## Kinh phí\n\nTừ ngân sách xã.\n\n"
        "B. TỔ CHỨC THỰC HIỆN\n\n1. Công chức Văn hóa - Xã hội: tham mưu triển khai.\n\n"
        "TM. ỦY BAN NHÂN DÂN\n\nCHỦ TỊCH\n\nPhạm Thị Lan\n", "utf-8")
    plan = import_document(path).plan
    assert plan["tieu_de_muc"]["muc_dich_yeu_cau"] == "Mục đích và yêu cầu"
    assert plan["muc_dich"] == ["Nâng cao nhận thức."] and plan["yeu_cau"] == ["Thiết thực."]
    assert plan["kinh_phi"] == "Từ ngân sách xã."
    assert plan["to_chuc_thuc_hien"] == [{"nhan": "1.", "co_quan": "Công chức Văn hóa - Xã hội",
                                          "noi_dung": "tham mưu triển khai."}]
    assert plan["chu_ky"]["ho_ten"] == "Phạm Thị Lan"


def test_sections_marked_only_by_word_heading_styles(tmp_path):
    """A Word file whose section headings are neither numbered nor in capitals, only styled as headings."""
    def write(path, styled: bool):
        document = docx.Document()
        for text in ("Số: 07/KH-UBND", "An Lạc, ngày 10 tháng 01 năm 2026", "KẾ HOẠCH",
                     "Tuyên truyền cải cách hành chính năm 2026"):
            document.add_paragraph(text)
        for heading, body in (("Mục đích và yêu cầu", ["1. Mục đích", "- Nâng cao nhận thức.", "2. Yêu cầu",
                                                        "- Thiết thực."]),
                              ("Kinh phí", ["Từ ngân sách xã."]),
                              ("Tổ chức thực hiện", ["1. Công chức Văn hóa - Xã hội: tham mưu triển khai."])):
            document.add_heading(heading, level=2) if styled else document.add_paragraph(heading)
            for line in body:
                document.add_paragraph(line)
        for text in ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Thị Lan"):
            document.add_paragraph(text)
        document.save(str(path))
        return path

    plan = import_document(write(tmp_path / "co-kieu.docx", styled=True)).plan
    assert plan["tieu_de_muc"]["muc_dich_yeu_cau"] == "Mục đích và yêu cầu"
    assert plan["muc_dich"] == ["Nâng cao nhận thức."] and plan["yeu_cau"] == ["Thiết thực."]
    assert plan["kinh_phi"] == "Từ ngân sách xã."
    assert plan["to_chuc_thuc_hien"] == [{"nhan": "1.", "co_quan": "Công chức Văn hóa - Xã hội",
                                          "noi_dung": "tham mưu triển khai."}]
    # the same words as plain paragraphs are not headings: the style is what tells them apart. The
    # document is still a plan (type, title, signature): imported, with a note that no section was found.
    plain = import_document(write(tmp_path / "khong-kieu.docx", styled=False))
    assert "muc_dich" not in plain.plan and "kinh_phi" not in plain.plan and plain.notes["tieu_de_muc"]


def test_table_rows_numbering_the_columns_are_not_tasks():
    from cchc.importer.types import Table
    from cchc.importer.tasks import rows_from_table
    table = Table([["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"],
                   ["1", "2", "3", "4"],
                   ["(1)", "(2)", "(3)", "(4)"],
                   ["1", "Niêm yết thủ tục hành chính", "Công chức Tư pháp", "Thường xuyên"]])
    rows, notes = rows_from_table(table)
    assert [(r.stt, r.cells["noi_dung"]) for r in rows] == [("1", "Niêm yết thủ tục hành chính")]
    assert notes == []


def test_a_missing_number_line_is_left_for_staff_not_invented(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_text((SEEDS / "000_d6b7f4a86d74f2d7.txt").read_text("utf-8").replace("Số: /KH-UBND", ""), "utf-8")
    result = import_document(path)
    assert "ky_hieu" not in result.plan and "so" not in result.plan
    assert any(key == "ky_hieu" for key, _ in result.all_notes())
