"""One name per agency: the unit lists its agencies once, every wording resolves to one of them."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

import pytest

from cchc.base.problems import Level
from cchc.model.agencies import AgencyDirectory, is_group, name_key
from cchc.model.load import load_portal

from conftest import MINIMAL_PLAN, MINIMAL_POST, REPO, run_cchc, tiny_site

AGENCIES = """\
cac_co_quan:
  - ma: van-hoa-xa-hoi
    ten: Phòng Văn hóa - Xã hội
    ten_ngan: Phòng VH-XH
    ten_khac: [Phòng VHXH]
  - ma: van-phong
    ten: Văn phòng HĐND và UBND
"""
UNIT = "ten: An Phú\nloai: xã\ntinh_thanh: tỉnh Thử Nghiệm\n"

# One agency, four ways the documents write it: tone placement, case, an en dash, decomposed Unicode,
# and the unit kind at the end.
FOUR_WAYS = ["Phòng Văn hoá - Xã hội", "PHÒNG VĂN HÓA – XÃ HỘI", unicodedata.normalize("NFD", "Phòng Văn hóa - Xã hội"),
             "Phòng Văn hóa-Xã Hội xã"]


def plan_with_leads(leads: list[str], extra: str = "") -> str:
    rows = "".join(f"  - ma: NV0{i}\n    noi_dung: Việc {i}\n    chu_tri: \"{lead}\"\n"
                   for i, lead in enumerate(leads, start=1))
    head = MINIMAL_PLAN.split("nhiem_vu:")[0]
    return head + "nhiem_vu:\n" + rows + extra + "chu_ky:\n  thay_mat: TM. ỦY BAN NHÂN DÂN\n  chuc_vu: CHỦ TỊCH\n  ho_ten: Nguyễn Văn Thử\n"


@pytest.mark.parametrize("wording", FOUR_WAYS + ["  Phòng   Văn hóa — Xã hội. ", "Đề nghị Phòng Văn hóa - Xã hội",
                                                 "Phòng Văn hóa - Xã hội xã An Phú"])
def test_case_dash_spacing_composition_tone_and_unit_kind_do_not_count(wording):
    assert name_key(wording, "xã", "An Phú") == name_key("Phòng Văn hóa - Xã hội", "xã", "An Phú")


def test_tone_placement_variants_share_a_key_and_other_words_do_not():
    assert name_key("Uỷ ban Mặt trận") == name_key("Ủy ban Mặt trận")
    assert name_key("Trạm Y tế khoẻ") == name_key("Trạm Y tế khỏe")
    assert name_key("Phòng Kinh tế") != name_key("Phòng Văn hóa - Xã hội")
    assert name_key("Trung tâm phụ vụ") != name_key("Trung tâm phục vụ")  # a typo needs ten_khac
    assert name_key("Phòng Văn hóa - Xã hội") != name_key("Phong Van hoa - Xa hoi")  # marks missing: not the same words


def test_groups_of_agencies_are_not_one_agency():
    assert is_group("Các cơ quan, đơn vị liên quan") and is_group("Lãnh đạo các phòng chuyên môn")
    assert is_group("Đề nghị các tổ chức đoàn thể") and not is_group("Phòng Văn hóa - Xã hội")


def test_one_agency_spelled_four_ways_gives_one_scorecard_row(tmp_path):
    site = tiny_site(tmp_path, {"plans/an-phu/don-vi.yml": UNIT + AGENCIES,
                                "plans/an-phu/ke-hoach-2026.yml": plan_with_leads(FOUR_WAYS + ["Phòng VHXH"])})
    assert load_portal(str(site)).problems == []
    result = run_cchc("build", "--site-dir", "site", cwd=site)
    assert result.returncode == 0, result.stderr + result.stdout
    card = (site / "site/don-vi/an-phu/tien-do-2026-co-quan/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<section class="cchc-agency-card"[^>]*data-co-quan="([^"]*)"', card)
    assert rows == ["van-hoa-xa-hoi"]
    assert "Phòng Văn hóa - Xã hội (Phòng VH-XH)" in card and "0/5 nhiệm vụ hoàn thành" in card
    # The plan page keeps the document's wording; the open data names the agency by its id.
    plan_page = (site / "site/don-vi/an-phu/ke-hoach-2026/index.html").read_text(encoding="utf-8")
    assert "PHÒNG VĂN HÓA – XÃ HỘI" in plan_page
    tasks = list(csv.DictReader(io.StringIO(
        (site / "site/don-vi/an-phu/du-lieu-2026-nhiem-vu.csv").read_bytes().decode("utf-8-sig"))))
    assert {row["agency_id"] for row in tasks} == {"van-hoa-xa-hoi"}
    assert {row["ten_co_quan"] for row in tasks} == {"Phòng Văn hóa - Xã hội"}
    data = json.loads((site / "site/don-vi/an-phu/du-lieu-2026-tien-do.json").read_text(encoding="utf-8"))
    assert [a["agency_id"] for a in data["co_quan"]] == ["van-hoa-xa-hoi", "van-phong"]
    assert {t["agency_id"] for t in data["nhiem_vu"]} == {"van-hoa-xa-hoi"}


def test_without_a_list_variants_still_merge_and_nothing_is_warned(tmp_path):
    site = tiny_site(tmp_path, {"plans/an-phu/ke-hoach-2026.yml": plan_with_leads(FOUR_WAYS + ["Phòng Kinh tế"])})
    result = load_portal(str(site))
    assert result.problems == []
    plan = result.portal.plan(("an-phu", 2026))
    from cchc.compute import pacing
    from datetime import date
    rows = pacing.plan_progress(plan, date(2026, 3, 1)).by_agency()
    assert [(row.agency.name, row.agency.id, len(row.tasks)) for row in rows] == [
        (FOUR_WAYS[0], "", 4), ("Phòng Kinh tế", "", 1)]


def test_an_unknown_agency_is_a_warning_at_its_position_with_the_closest_suggested(tmp_path):
    plan = plan_with_leads(["Phòng Văn hóa - Xã hội", "Văn phòng HĐND, UBND", "Các cơ quan, đơn vị liên quan"])
    post = MINIMAL_POST.replace("co_quan: Phòng Văn hóa - Xã hội", "co_quan: Phòng Tư pháp")
    site = tiny_site(tmp_path, {"plans/an-phu/don-vi.yml": UNIT + AGENCIES, "plans/an-phu/ke-hoach-2026.yml": plan,
                                "content/chuyen-muc/bai-viet/2026-02-05-thu.md": post})
    problems = load_portal(str(site)).problems
    assert all(p.level is Level.WARNING for p in problems) and len(problems) == 2, problems
    by_path = {p.path: p for p in problems}
    in_plan = by_path["plans/an-phu/ke-hoach-2026.yml"]
    line = plan.splitlines().index('    chu_tri: "Văn phòng HĐND, UBND"') + 1
    assert (in_plan.mark.line, in_plan.mark.col) == (line, 14)
    assert "'Văn phòng HĐND, UBND'" in in_plan.message and "Có phải ý bạn là 'Văn phòng HĐND và UBND'" in in_plan.message
    assert "plans/an-phu/don-vi.yml" in in_plan.message and "ten_khac" in in_plan.message
    in_post = by_path["content/chuyen-muc/bai-viet/2026-02-05-thu.md"]
    assert in_post.mark.line == post.splitlines().index("co_quan: Phòng Tư pháp") + 1
    # `cchc check` reports and passes; --strict and `cchc build` (always strict) stop.
    check = run_cchc("check", cwd=site)
    assert check.returncode == 0 and f"ke-hoach-2026.yml:{line}:14: [cảnh báo] Cơ quan" in check.stdout
    assert run_cchc("check", "--strict", cwd=site).returncode == 1
    build = run_cchc("build", cwd=site)
    assert build.returncode == 1 and f"ke-hoach-2026.yml:{line}:14: [cảnh báo]" in build.stdout
    assert "Traceback" not in build.stderr and not (site / "site").exists()


def test_question_answering_agency_is_checked_too(tmp_path):
    question = ("---\ncau_hoi: Hỏi thử?\nngay_hoi: 01/03/2026\ndon_vi: an-phu\nlinh_vuc: Khác\n"
                "trang_thai: đã trả lời\nngay_tra_loi: 05/03/2026\nco_quan_tra_loi: Phòng Nội vụ\n---\n\nTrả lời.\n")
    site = tiny_site(tmp_path, {"plans/an-phu/don-vi.yml": UNIT + AGENCIES,
                                "content/hoi-dap/cau-hoi/2026-03-01-thu.md": question})
    [problem] = [p for p in load_portal(str(site)).problems if p.path.endswith("2026-03-01-thu.md")]
    assert problem.level is Level.WARNING and problem.mark.line == 8 and "'Phòng Nội vụ'" in problem.message


def test_the_list_itself_is_checked(tmp_path):
    profile = UNIT + AGENCIES + "  - ma: van-phong\n    ten: Văn phòng khác\n  - ma: ban-vh\n    ten: Phòng văn hoá – xã hội\n"
    site = tiny_site(tmp_path, {"plans/an-phu/don-vi.yml": profile})
    messages = [(p.mark.line, p.message) for p in load_portal(str(site)).problems if p.is_error]
    assert any(line == 11 and "'van-phong' bị trùng (đã dùng ở dòng 9)" in m for line, m in messages), messages
    assert any(line == 14 and "trùng với cơ quan 'Phòng Văn hóa - Xã hội'" in m for line, m in messages), messages
    bad_id = tiny_site(tmp_path / "b", {"plans/an-phu/don-vi.yml": UNIT + "cac_co_quan:\n  - ma: Văn Hóa\n    ten: X\n"})
    assert any("mã không dấu" in p.message for p in load_portal(str(bad_id)).problems)


def test_the_sample_units_list_every_agency_their_documents_name():
    result = load_portal(str(REPO))
    assert result.problems == []
    portal = result.portal
    from cchc.compute import pacing
    from datetime import date
    def cards(unit_id):
        plan = portal.plan((unit_id, 2026))
        return {row.agency.id: (len(row.tasks), len(row.targets))
                for row in pacing.plan_progress(plan, date(2026, 11, 21)).by_agency()}
    # Bình Giang wrote its culture office three ways in the task table; Mường Lay's targets name the
    # service centre "... phường", its tasks without the word.
    assert cards("binh-giang")["van-hoa-xa-hoi"] == (5, 0)
    assert cards("muong-lay")["trung-tam-dich-vu-tong-hop"] == (5, 3)
    assert cards("muong-lay")["van-hoa-xa-hoi"] == (3, 0)
    assert cards("phu-khuong") == {"van-hoa-xa-hoi": (0, 2)}
    for unit in portal.units:
        assert unit.agencies.has_list and all(a.id and a.name for a in unit.agencies.agencies)
    muong_lay = portal.unit("muong-lay").agencies
    assert muong_lay.find("Trung tâm phụ vụ hành chính công").id == "trung-tam-phuc-vu-hanh-chinh-cong"
    assert muong_lay.find("Trung tâm phụ vụ hành chính công").sample  # the data enterer's reading


def test_directory_resolves_unlisted_wordings_to_one_agency_each():
    directory = AgencyDirectory("phường", "Mường Lay")
    first, second = directory.resolve("Trung tâm Dịch vụ tổng hợp"), directory.resolve("trung tâm dịch vụ tổng hợp phường")
    assert first is second and first.id == "" and not first.listed and first.name == "Trung tâm Dịch vụ tổng hợp"


def test_sample_agencies_are_named_by_their_documents_unless_marked_as_sample():
    """No invented agency: every wording of a listed agency is in the seed, or the entry says it is a reading."""
    from import_docs import SEED_UNITS, SEEDS
    portal = load_portal(str(REPO)).portal
    for seed, unit_id in SEED_UNITS.items():
        text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", (SEEDS / f"{seed}.txt").read_text("utf-8")))
        for agency in portal.unit(unit_id).agencies.agencies:
            wordings = [agency.name, agency.short_name, *agency.aliases]
            missing = [w for w in wordings if w and w not in text]
            assert not missing or agency.sample, (unit_id, agency.id, missing)
            assert any(w in text for w in wordings if w), (unit_id, agency.id)  # at least the document's own words
        for target in portal.plan((unit_id, 2026)).targets:
            assert target.source in text, (unit_id, target.id)  # prose targets quote their sentence verbatim
