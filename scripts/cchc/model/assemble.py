"""Turn checked YAML data into model objects, with the checks a schema cannot do.

Cross-field rules (unique ids, the year in the file name, dates inside the
plan's year) are reported at the position of the offending value.
"""

from __future__ import annotations

import os

from .agencies import build_directory
from .types import (Appendix, BasisRef, Hotline, Item, Plan, ReportPeriod, Responsibility, Responsible, Signature, Target,
                    Task, Unit)
from ..base.problems import ProblemList
from ..check.schema import Checked
from ..source.discovery import inside


def build_unit(unit_id: str, source_path: str, checked: Checked, problems: ProblemList | None = None) -> Unit:
    data = checked.value
    problems = problems if problems is not None else ProblemList(source_path)
    return Unit(
        id=unit_id,
        name=data["ten"],
        kind=data["loai"],
        province=data["tinh_thanh"],
        source_path=source_path,
        agency=data.get("co_quan", ""),
        address=data.get("dia_chi", ""),
        phone=data.get("dien_thoai"),
        email=data.get("email", ""),
        website=data.get("website", ""),
        contact_sample=data.get("du_lieu_mau", False),
        provincial_portal=data.get("cong_dich_vu_cong_tinh", ""),
        complaints_desk=data.get("noi_tiep_nhan_phan_anh", ""),
        signer=_signature(data["nguoi_ky"]) if "nguoi_ky" in data else None,
        hotlines=[
            Hotline(
                purpose=h["noi_dung"], phone=h["dien_thoai"], email=h.get("email", ""),
                hours=h.get("gio_lam_viec", ""), person=h.get("nguoi_phu_trach", ""),
                position=h.get("chuc_vu", ""), address=h.get("dia_chi", ""),
                sample=h.get("du_lieu_mau", False),
            )
            for h in data.get("duong_day_nong", [])
        ],
        agencies=build_directory(data["loai"], data["ten"], data.get("cac_co_quan", []), checked, problems),
        managing_agency_name=data.get("co_quan_chu_quan", ""),
        responsible=_responsible(data["chiu_trach_nhiem"]) if "chiu_trach_nhiem" in data else None,
        reception_hours=data.get("gio_tiep_dan", ""),
        online_form=data.get("hoi_dap_truc_tuyen", ""),
        logo=data.get("logo", ""),
    )


def _responsible(data: dict) -> Responsible:
    return Responsible(position=data["chuc_vu"], name=data.get("ho_ten", ""), sample=data.get("du_lieu_mau", False))


def check_unit_files(unit: Unit, checked: Checked, docs_dir: str, problems: ProblemList) -> None:
    """What a schema cannot see: the logo must be a file under the docs folder."""
    found = inside(docs_dir, unit.logo) if unit.logo else None
    if unit.logo and (found is None or not os.path.isfile(found)):
        problems.error(checked.mark(("logo",)), f"Không thấy ảnh '{unit.logo}' trong thư mục content/.")


def _signature(data: dict) -> Signature:
    return Signature(position=data["chuc_vu"], name=data["ho_ten"], on_behalf=data.get("thay_mat", ""),
                     signing_for=data.get("ky_thay", ""))


def _items(values: list) -> list[Item]:
    out = []
    for value in values or []:
        if isinstance(value, str):
            out.append(Item(text=value, label="-"))  # a bare string is a dash bullet
        else:
            out.append(Item(text=value.get("noi_dung", ""), label=value.get("nhan", ""),
                            heading=value.get("tieu_de", ""), children=_items(value.get("muc", []))))
    return out


def _target(data: dict, task: dict | None) -> Target:
    return Target(
        id=data["ma"], count=data["so_luong"], unit_of_count=data["don_vi_tinh"], period=data["ky"],
        at_least=data.get("toi_thieu", True), channel=data.get("kenh", ""),
        agency=data.get("co_quan") or (task["chu_tri"] if task else ""),
        source=data.get("nguon", ""), task_id=task["ma"] if task else "",
    )


def _task(data: dict) -> Task:
    cooperating = data.get("phoi_hop", [])
    if isinstance(cooperating, str):
        cooperating = [cooperating] if cooperating else []
    return Task(
        id=data["ma"], number=data.get("stt", ""), content=data["noi_dung"], lead=data["chu_tri"],
        cooperating=cooperating, timing=data.get("thoi_gian", ""), completion=data.get("hoan_thanh", ""),
        start=data.get("bat_dau"), deadline=data.get("han"), output=data.get("san_pham", ""),
        targets=[_target(t, data) for t in data.get("chi_tieu", [])],
    )


def build_plan(unit: Unit, year_in_name: int, source_path: str, checked: Checked,
               problems: ProblemList) -> Plan:
    data = checked.value
    signature = data["chu_ky"]
    reporting = data.get("che_do_bao_cao", {})
    appendix = data.get("phu_luc", {})
    plan = Plan(
        unit_id=unit.id, year=data["nam"], number=data.get("so", ""), code=data["ky_hieu"],
        title=data["trich_yeu"], source_path=source_path,
        signature=_signature(signature),
        doc_kind=data.get("loai_van_ban", "KẾ HOẠCH"), issuer=data.get("co_quan_ban_hanh") or unit.issuing_body,
        place=data.get("dia_danh", ""), issued=data.get("ngay"), source_note=data.get("ghi_chu_nguon", ""),
        basis=[BasisRef(lead_in=b.get("tu_dan", "Căn cứ"), kind=b["loai"], number=b["so"], issuer=b["co_quan"],
                        issued=b.get("ngay"), subject=b.get("trich_yeu", "")) for b in data.get("can_cu", [])],
        lead_in=data.get("loi_dan", ""), headings=data.get("tieu_de_muc", {}),
        purposes=_items(data.get("muc_dich")), requirements=_items(data.get("yeu_cau")),
        audiences=data.get("doi_tuong", ""), scope=data.get("pham_vi", ""), period=data.get("thoi_gian", ""),
        content=_items(data.get("noi_dung")), forms=_items(data.get("hinh_thuc")),
        tasks_intro=data.get("nhiem_vu_gioi_thieu", ""), budget=data.get("kinh_phi", ""),
        responsibilities=[Responsibility(agency=r["co_quan"], label=r.get("nhan", ""), text=r.get("noi_dung", ""),
                                         items=_items(r.get("muc"))) for r in data.get("to_chuc_thuc_hien", [])],
        reporting_rules=_items(reporting.get("noi_dung")),
        report_periods=[ReportPeriod(period=r["ky"], name=r.get("ten", ""), due=r.get("han"),
                                     recipient=r.get("nop_cho", ""), source=r.get("nguon", ""))
                        for r in reporting.get("ky_bao_cao", [])],
        closing=data.get("loi_ket", ""), recipients=data.get("noi_nhan", []),
        appendix=Appendix(title=appendix.get("tieu_de", ""), subject=appendix.get("trich_yeu", ""),
                          note=appendix.get("ghi_chu", ""), missing=appendix.get("khong_co_trong_ban_goc", False)),
        tasks=[_task(t) for t in data.get("nhiem_vu", [])],
        plan_targets=[_target(t, None) for t in data.get("chi_tieu", [])],
        data=data, agencies=unit.agencies, original=data.get("van_ban_goc", ""),
    )
    _check_plan(plan, year_in_name, checked, problems)
    check_agency_mentions(unit, checked, problems)
    return plan


def agency_mentions(data: dict) -> list[tuple[tuple, str]]:
    """Every place a plan names an agency: (path in the YAML, wording)."""
    found: list[tuple[tuple, str]] = []
    for i, task in enumerate(data.get("nhiem_vu", [])):
        found.append((("nhiem_vu", i, "chu_tri"), task["chu_tri"]))
        cooperating = task.get("phoi_hop", [])
        if isinstance(cooperating, str):
            found.append((("nhiem_vu", i, "phoi_hop"), cooperating))
        else:
            found += [(("nhiem_vu", i, "phoi_hop", j), name) for j, name in enumerate(cooperating)]
        found += [(("nhiem_vu", i, "chi_tieu", j, "co_quan"), t["co_quan"])
                  for j, t in enumerate(task.get("chi_tieu", [])) if t.get("co_quan")]
    found += [(("chi_tieu", j, "co_quan"), t["co_quan"]) for j, t in enumerate(data.get("chi_tieu", []))
              if t.get("co_quan")]
    found += [(("to_chuc_thuc_hien", i, "co_quan"), r["co_quan"]) for i, r in enumerate(data.get("to_chuc_thuc_hien", []))]
    return found


def check_agency_mentions(unit: Unit, checked: Checked, problems: ProblemList) -> None:
    for path, wording in agency_mentions(checked.value):
        unit.agencies.check(wording, checked.mark(path), problems, unit.source_path)


def _ids(items, path: tuple) -> list[tuple[tuple, str]]:
    return [(path + (i, "ma"), item["ma"]) for i, item in enumerate(items or [])
            if isinstance(item, dict) and isinstance(item.get("ma"), str)]


def check_ids(checked: Checked, problems: ProblemList) -> None:
    """Every task and target id is used once. Runs on a file with schema errors too, on what was
    readable, so one run reports both kinds of problem."""
    data = checked.value if isinstance(checked.value, dict) else {}
    tasks = data.get("nhiem_vu") or []
    id_paths = _ids(tasks, ("nhiem_vu",))
    for i, task in enumerate(tasks):
        if isinstance(task, dict):
            id_paths += _ids(task.get("chi_tieu"), ("nhiem_vu", i, "chi_tieu"))
    id_paths += _ids(data.get("chi_tieu"), ("chi_tieu",))
    seen: dict[str, tuple] = {}
    for path, ident in id_paths:
        if ident in seen:
            first = checked.mark(seen[ident])
            where = f" (đã dùng ở dòng {first.line})" if first else ""
            problems.error(checked.mark(path), f"Mã '{ident}' bị trùng{where}: mỗi nhiệm vụ, chỉ tiêu cần một mã riêng.")
        else:
            seen[ident] = path


def _check_plan(plan: Plan, year_in_name: int, checked: Checked, problems: ProblemList) -> None:
    check_ids(checked, problems)
    if plan.year != year_in_name:
        problems.error(checked.mark(("nam",)),
                       f"Năm kế hoạch {plan.year} khác năm trong tên tệp ({year_in_name}). "
                       f"Hãy sửa 'nam' hoặc đổi tên tệp thành ke-hoach-{plan.year}.yml.")
    if plan.issued and not plan.year - 1 <= plan.issued.year <= plan.year:
        problems.error(checked.mark(("ngay",)),
                       f"Ngày ban hành năm {plan.issued.year} không khớp kế hoạch năm {plan.year}.")
    for i, task in enumerate(plan.tasks):
        for key, value in (("bat_dau", task.start), ("han", task.deadline)):
            if value and not plan.year - 1 <= value.year <= plan.year + 1:
                problems.error(checked.mark(("nhiem_vu", i, key)),
                               f"Ngày {value:%d/%m/%Y} nằm ngoài thời gian của kế hoạch năm {plan.year}.")
        if task.start and task.deadline and task.start > task.deadline:
            problems.error(checked.mark(("nhiem_vu", i, "han")),
                           f"Hạn hoàn thành {task.deadline:%d/%m/%Y} trước ngày bắt đầu {task.start:%d/%m/%Y}.")
    for i, report in enumerate(plan.report_periods):
        if report.period[:4].isdigit() and int(report.period[:4]) != plan.year:
            problems.error(checked.mark(("che_do_bao_cao", "ky_bao_cao", i, "ky")),
                           f"Kỳ báo cáo {report.period} không thuộc năm {plan.year} của kế hoạch.")


def link_basis(plans: list[Plan]) -> None:
    """Point basis references at plans that are in the data (same number and date)."""
    by_number = {}
    for plan in plans:
        if plan.number:
            by_number[(f"{plan.number}/{plan.code}", plan.issued.as_date() if plan.issued else None)] = plan
    for plan in plans:
        for ref in plan.basis:
            target = by_number.get((ref.number, ref.issued))
            if target is not None and target is not plan:
                ref.plan_key = target.key
