"""Open data: each plan's tasks, targets and progress as CSV and JSON, and an index of everything."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from ..compute import pacing
from ..base import routes
from ..base.text import printable
from ..model.types import Plan, Portal


# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): it gets a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """Numbers stay numbers; text loses control characters and cannot start a formula."""
    if not isinstance(value, str):
        return value
    text = printable(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets spreadsheet programs read Vietnamese


def _iso(value) -> str:
    return value.isoformat() if value else ""


def tasks_csv(plan: Plan, progress: pacing.PlanProgress) -> bytes:
    rows = []
    for tp in progress.tasks:
        t, agency = tp.task, plan.agencies.resolve(tp.task.lead)
        rows.append([t.id, t.number, t.content, t.lead, agency.id, agency.name, "; ".join(t.cooperating), t.timing,
                     _iso(t.start), _iso(t.deadline), t.output, pacing.LABELS[tp.status], _iso(tp.last_update)])
    return _csv(["ma", "stt", "noi_dung", "chu_tri", "agency_id", "ten_co_quan", "phoi_hop", "thoi_gian", "bat_dau",
                 "han", "san_pham", "trang_thai", "cap_nhat_gan_nhat"], rows)


def targets_csv(plan: Plan, progress: pacing.PlanProgress) -> bytes:
    rows = []
    for tp in progress.targets:
        t, agency = tp.target, plan.agencies.resolve(tp.target.agency)
        rows.append([t.id, t.task_id, t.count, t.unit_of_count, t.period, t.channel, t.agency, agency.id, agency.name,
                     tp.total, tp.expected, tp.actual, pacing.LABELS[tp.status], _iso(tp.last_update), t.source])
    return _csv(["ma", "nhiem_vu", "so_luong", "don_vi_tinh", "ky", "kenh", "co_quan", "agency_id", "ten_co_quan",
                 "ke_hoach_ca_nam", "theo_tien_do", "da_thuc_hien", "trang_thai", "cap_nhat_gan_nhat", "nguon"], rows)


def progress_csv(plan: Plan, as_of: date) -> bytes:
    return _csv(["ngay", "nhiem_vu", "chi_tieu", "so_luong", "trang_thai", "ghi_chu", "minh_chung"],
                [[_iso(e.day), e.task_id, e.target_id, "" if e.count is None else e.count, e.status,
                  e.note or e.from_post, " ".join(ev.href for ev in e.evidence)]
                 for e in plan.progress.entries if e.day <= as_of])


def progress_json(plan: Plan, progress: pacing.PlanProgress) -> bytes:
    agency_id = lambda wording: plan.agencies.resolve(wording).id  # noqa: E731
    payload = {
        "don_vi": plan.unit_id, "nam": plan.year, "tinh_den_ngay": progress.as_of.isoformat(),
        "so_ngay_chua_cap_nhat": progress.stale_days,
        "du_lieu_mau": plan.progress.sample,
        "co_quan": [{"agency_id": a.id, "ten": a.name, "ten_ngan": a.short_name, "ten_khac": a.aliases,
                     "du_lieu_mau": a.sample} for a in plan.agencies.agencies],
        "nhiem_vu": [{"ma": tp.task.id, "agency_id": agency_id(tp.task.lead), "trang_thai": tp.status,
                      "trang_thai_chu": pacing.LABELS[tp.status], "cap_nhat_gan_nhat": _iso(tp.last_update) or None}
                     for tp in progress.tasks],
        "chi_tieu": [{"ma": tp.target.id, "agency_id": agency_id(tp.target.agency), "ke_hoach_ca_nam": tp.total,
                      "theo_tien_do": tp.expected, "da_thuc_hien": tp.actual, "trang_thai": tp.status,
                      "trang_thai_chu": pacing.LABELS[tp.status], "cap_nhat_gan_nhat": _iso(tp.last_update) or None,
                      "theo_thang": [{"thang": row.month, "trong_thang": row.in_month, "luy_ke": row.cumulative,
                                      "ke_hoach_luy_ke": row.expected, "chua_het_thang": row.partial}
                                     for row in tp.monthly]} for tp in progress.targets],
        "cap_nhat": [{"ngay": e.day.isoformat(), "nhiem_vu": e.task_id, "chi_tieu": e.target_id,
                      "so_luong": e.count, "trang_thai": e.status, "ghi_chu": e.note,
                      "bai_viet": e.from_post, "minh_chung": [ev.href for ev in e.evidence]}
                     for e in plan.progress.entries if e.day <= progress.as_of],
    }
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def plan_files(plan: Plan, progress: pacing.PlanProgress) -> dict[str, bytes]:
    unit, year = plan.unit_id, plan.year
    return {
        routes.open_data(unit, year, "nhiem-vu.csv"): tasks_csv(plan, progress),
        routes.open_data(unit, year, "chi-tieu.csv"): targets_csv(plan, progress),
        routes.open_data(unit, year, "tien-do.csv"): progress_csv(plan, progress.as_of),
        routes.open_data(unit, year, "tien-do.json"): progress_json(plan, progress),
    }


def index_json(portal: Portal, as_of: date) -> bytes:
    """A machine-readable index of all units and plans, with paths relative to the site root."""
    def url(src: str) -> str:
        return routes.url_of(src)
    payload = {"tinh_den_ngay": as_of.isoformat(), "don_vi": [
        {"ma": unit.id, "ten": unit.title_name, "tinh_thanh": unit.province, "trang": url(routes.unit_page(unit.id)),
         "ke_hoach": [{"nam": plan.year, "so": plan.number_text, "trich_yeu": plan.title,
                       "trang": url(routes.plan_page(unit.id, plan.year)),
                       "yaml": routes.plan_download(unit.id, plan.year, "yml"),
                       "json": routes.plan_download(unit.id, plan.year, "json"),
                       "tien_do": url(routes.progress_page(unit.id, plan.year)),
                       "du_lieu": sorted(plan_files_names(unit.id, plan.year))}
                      for plan in unit.plans]}
        for unit in portal.units]}
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def plan_files_names(unit_id: str, year: int) -> list[str]:
    return [routes.open_data(unit_id, year, name) for name in ("nhiem-vu.csv", "chi-tieu.csv", "tien-do.csv", "tien-do.json")]
