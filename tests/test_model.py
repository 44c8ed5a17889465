"""The sample data loads into the model faithfully, and cross-field rules are enforced."""

from __future__ import annotations

from datetime import date

from cchc.base.dates import PartialDate
from cchc.base.problems import Mark
from cchc.model.load import load_portal

from conftest import MINIMAL_PLAN, REPO, tiny_site


def sample():
    result = load_portal(str(REPO))
    assert result.problems == [], result.problems
    return result.portal


def test_three_sample_units_with_their_ids():
    portal = sample()
    assert [u.id for u in portal.units] == ["binh-giang", "muong-lay", "phu-khuong"]
    assert {u.id: u.full_name for u in portal.units} == {
        "binh-giang": "xã Bình Giang", "muong-lay": "phường Mường Lay", "phu-khuong": "phường Phú Khương"}
    assert all(u.contact_sample and all(h.sample for h in u.hotlines) for u in portal.units)


def test_phu_khuong_prose_quotas_and_missing_appendix():
    plan = sample().plan(("phu-khuong", 2026))
    assert plan.number == "" and plan.number_text == "…/KH-UBND"
    assert plan.issued == PartialDate(2026, 1, 15)
    assert plan.tasks == [] and plan.appendix.missing
    quotas = {(t.count, t.unit_of_count, t.period, t.channel) for t in plan.targets}
    assert quotas == {(12, "tin/bài", "nam", "trang_thong_tin"), (2, "tin/bài", "thang", "truyen_thanh")}
    assert [b.number for b in plan.basis] == ["125/KH-UBND"]
    assert len(plan.purposes) == 8 and len(plan.requirements) == 5
    assert [len(i.children) for i in plan.content] == [2, 10]
    assert len(plan.forms) == 4 and len(plan.responsibilities) == 7
    assert plan.signature.signing_for == "KT. CHỦ TỊCH" and plan.signature.name == "Võ Thị Ngọc Ngân"
    assert len(plan.recipients) == 10


def test_binh_giang_task_table_and_blank_day():
    plan = sample().plan(("binh-giang", 2026))
    assert plan.number == "" and plan.issued == PartialDate(2026, 1, None)
    assert [t.id for t in plan.tasks] == [f"NV{i:02d}" for i in range(1, 9)]
    assert "<p>" not in plan.tasks[7].content and "Mục đích:" in plan.tasks[7].content
    radio = next(t for t in plan.targets if t.channel == "truyen_thanh")
    assert (radio.count, radio.period, radio.task_id, radio.agency) == (2, "thang", "NV03", "Trung tâm Dịch vụ Sự nghiệp công")
    dialogue = next(t for t in plan.targets if t.channel == "doi_thoai")
    assert (dialogue.count, dialogue.unit_of_count, dialogue.period) == (2, "cuộc", "nam")
    assert plan.tasks[0].deadline == date(2026, 1, 31)
    assert plan.signature.on_behalf == "TM. ỦY BAN NHÂN DÂN" and plan.signature.name == "Vũ Thị Hòa"
    assert len(plan.content) == 13 and len(plan.forms) == 6


def test_muong_lay_numeric_quotas_and_report_deadlines():
    plan = sample().plan(("muong-lay", 2026))
    assert plan.number_text == "276/KH-UBND"
    assert len(plan.tasks) == 10
    assert {(t.count, t.unit_of_count) for t in plan.plan_targets} == {(150, "tin, bài"), (30, "băng"), (12, "buổi")}
    assert [(r.period, r.due) for r in plan.report_periods] == [
        ("2026-Q1", date(2026, 3, 12)), ("2026-H1", date(2026, 6, 12)),
        ("2026-Q3", date(2026, 9, 12)), ("2026", date(2026, 12, 10))]
    assert plan.tasks[5].start == date(2026, 10, 1) and plan.tasks[5].deadline == date(2026, 10, 31)
    assert "Ủy ban nhân dân" in plan.appendix.note  # the seed's decomposed character, normalised
    assert [r.label for r in plan.responsibilities] == ["1.", "2.", "3.", "4.", "5.", "5.", "6."]


def test_task_and_target_ids_must_be_unique(tmp_path):
    plan = MINIMAL_PLAN.replace("      - ma: CT01", "      - ma: NV01")
    result = load_portal(str(tiny_site(tmp_path, {"plans/an-phu/ke-hoach-2026.yml": plan})))
    [problem] = result.problems
    assert problem.path == "plans/an-phu/ke-hoach-2026.yml"
    assert problem.mark == Mark(plan.splitlines().index("      - ma: NV01") + 1, 13)
    assert "'NV01' bị trùng" in problem.message


def test_year_must_match_file_name_and_dates_the_plan_year(tmp_path):
    plan = MINIMAL_PLAN.replace("nam: 2026", "nam: 2027").replace("han: 31/12/2026", "han: 31/12/2030")
    result = load_portal(str(tiny_site(tmp_path, {"plans/an-phu/ke-hoach-2026.yml": plan})))
    messages = [(p.mark.line, p.message) for p in result.problems]
    assert any(line == 5 and "khác năm trong tên tệp" in m for line, m in messages)
    assert any("31/12/2030" in m for _, m in messages)


def test_unknown_files_and_bad_unit_folders_are_errors(tmp_path):
    site = tiny_site(tmp_path, {"plans/an-phu/kehoach2026.yml": "nam: 2026\n",
                                "plans/An Phu/don-vi.yml": "ten: X\n"})
    paths = sorted(p.path for p in load_portal(str(site)).problems)
    assert paths == ["plans/An Phu", "plans/an-phu/kehoach2026.yml"]


def test_plan_files_are_checked_even_when_the_profile_is_broken(tmp_path):
    site = tiny_site(tmp_path, {"plans/an-phu/don-vi.yml": "ten: X\nloai: thị trấn\ntinh_thanh: Y\n",
                                "plans/an-phu/ke-hoach-2026.yml": MINIMAL_PLAN.replace("nam: 2026", "nam: 2026\nnam: 2026")})
    paths = {p.path for p in load_portal(str(site)).problems}
    assert paths == {"plans/an-phu/don-vi.yml", "plans/an-phu/ke-hoach-2026.yml"}


def test_basis_links_to_a_plan_in_the_data(tmp_path):
    child = MINIMAL_PLAN.replace("muc_dich:", "can_cu:\n  - tu_dan: Thực hiện\n    loai: Kế hoạch\n    so: 12/KH-UBND\n"
                                 "    ngay: 15/01/2026\n    co_quan: Ủy ban nhân dân xã An Phú\nmuc_dich:")
    site = tiny_site(tmp_path, {"plans/binh-an/don-vi.yml": "ten: Bình An\nloai: xã\ntinh_thanh: tỉnh T\n",
                                "plans/binh-an/ke-hoach-2026.yml": child.replace('so: "12"', 'so: "3"')})
    portal = load_portal(str(site)).portal
    assert portal.plan(("binh-an", 2026)).basis[0].plan_key == ("an-phu", 2026)
