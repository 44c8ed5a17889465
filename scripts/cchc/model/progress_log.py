"""Progress entries, kept beside each plan and never inside it.

A progress file `plans/<unit>/tien-do-<year>.yml` lists dated entries for a
task or a target: counts achieved, status changes, notes and evidence.
Column posts that name a task or target count as entries too, so staff do
not enter the same work twice.
"""

from __future__ import annotations

import os

from ..source.discovery import inside
from .types import Entry, Evidence, Plan, Portal, ProgressLog
from ..base.problems import ProblemList
from ..check.schema import Checked


def _evidence(value: str, docs_dir: str, mark, problems: ProblemList) -> Evidence | None:
    if value.startswith(("http://", "https://")):
        return Evidence(value, value)
    relative = value.removeprefix("content/")
    found = inside(docs_dir, relative)
    if found is None or not os.path.isfile(found):
        problems.error(mark, f"Không thấy tài liệu kiểm chứng '{value}': ghi địa chỉ https://... "
                             "hoặc đường dẫn một tệp trong content/.")
        return None
    return Evidence(os.path.basename(relative), relative, relative.endswith(".md"))


def build_progress(plan: Plan, source_path: str, checked: Checked, docs_dir: str,
                   problems: ProblemList) -> ProgressLog:
    data = checked.value
    log = ProgressLog(source_path, data.get("du_lieu_mau", False))
    tasks = {t.id for t in plan.tasks}
    targets = {t.id: t for t in plan.targets}
    for i, raw in enumerate(data.get("cap_nhat", [])):
        path = ("cap_nhat", i)
        entry = Entry(day=raw["ngay"], task_id=raw.get("nhiem_vu", ""), target_id=raw.get("chi_tieu", ""),
                      count=raw.get("so_luong"), status=raw.get("trang_thai", ""), note=raw.get("ghi_chu", ""))
        ok = True
        if not entry.task_id and not entry.target_id:
            problems.error(checked.mark(path), "Mỗi lần cập nhật phải ghi 'nhiem_vu' hoặc 'chi_tieu'.")
            ok = False
        if entry.task_id and entry.task_id not in tasks:
            known = ", ".join(sorted(tasks)) or "(kế hoạch không có bảng nhiệm vụ)"
            problems.error(checked.mark(path + ("nhiem_vu",)),
                           f"Kế hoạch năm {plan.year} không có nhiệm vụ '{entry.task_id}'. Các mã: {known}.")
            ok = False
        if entry.target_id and entry.target_id not in targets:
            known = ", ".join(sorted(targets)) or "(kế hoạch không có chỉ tiêu)"
            problems.error(checked.mark(path + ("chi_tieu",)),
                           f"Kế hoạch năm {plan.year} không có chỉ tiêu '{entry.target_id}'. Các mã: {known}.")
            ok = False
        if entry.count is not None and not entry.target_id:
            problems.error(checked.mark(path + ("so_luong",)), "'so_luong' chỉ dùng khi có 'chi_tieu'.")
            ok = False
        if entry.status and not entry.task_id:
            problems.error(checked.mark(path + ("trang_thai",)), "'trang_thai' chỉ dùng khi có 'nhiem_vu'.")
            ok = False
        if entry.day.year != plan.year:
            problems.error(checked.mark(path + ("ngay",)),
                           f"Ngày {entry.day:%d/%m/%Y} nằm ngoài năm {plan.year} của kế hoạch.")
            ok = False
        for j, value in enumerate(raw.get("minh_chung", [])):
            evidence = _evidence(value, docs_dir, checked.mark(path + ("minh_chung", j)), problems)
            if evidence:
                entry.evidence.append(evidence)
        if ok:
            log.entries.append(entry)
    log.entries.sort(key=lambda e: e.day)
    return log


def add_post_entries(portal: Portal) -> None:
    """Posts that name a task or target count toward it (one item each) and are its evidence."""
    for post in portal.posts:
        if not (post.task_id or post.target_id):
            continue
        plan = portal.plan((post.unit_id, post.published.year))
        if plan is None:
            continue
        entry = Entry(day=post.published, task_id=post.task_id, target_id=post.target_id,
                      count=1 if post.target_id else None, from_post=post.title,
                      evidence=[Evidence(post.title, post.src_uri, True)])
        plan.progress.entries.append(entry)
        plan.progress.entries.sort(key=lambda e: e.day)
