"""Progress pages, agency scorecards, report pages (and their Word files), the overview, and data files."""

from __future__ import annotations

import functools

from dataclasses import dataclass
from datetime import date, timedelta

from ..formats import ical, opendata, word_report
from ..compute import pacing
from ..base import routes
from ..compute.charts import monthly_chart
from ..model.types import Plan, Unit
from .outputs import OutputFile, OutputPage
from ..compute.periodic_report import Period, Report, available_periods, build_report

UPCOMING_DAYS = 30
SUMMARY_DEADLINES = 3  # on the plan page's summary


@dataclass
class Deadline:
    day: date
    what: str
    unit_id: str
    plan: Plan
    anchor: str = ""


def progress_of(builder, plan: Plan) -> pacing.PlanProgress:
    cache = builder.cache.setdefault("progress", {})
    if plan.key not in cache:
        cache[plan.key] = pacing.plan_progress(plan, builder.settings.today, builder.settings.stale_days)
    return cache[plan.key]


def report_of(builder, unit: Unit, plan: Plan, period: Period) -> Report:
    cache = builder.cache.setdefault("reports", {})
    if (unit.id, period.key) not in cache:
        cache[(unit.id, period.key)] = build_report(builder.portal, unit, plan, period, builder.settings.today,
                                                    builder.settings.stale_days, builder.posts_by_unit.get(unit.id, []))
    return cache[(unit.id, period.key)]


def report_docx(builder, unit: Unit, plan: Plan, period: Period) -> bytes:
    """The file `cchc report` writes for this period at the build's date (same bytes)."""
    cache = builder.cache.setdefault("docx", {})
    if (unit.id, period.key) not in cache:
        cache[(unit.id, period.key)] = word_report.docx_bytes(report_of(builder, unit, plan, period),
                                                              builder.settings.site_url)
    return cache[(unit.id, period.key)]


def _shared(builder) -> dict:
    return {"labels": pacing.LABELS, "order": pacing.ORDER,
            "definitions": pacing.definitions(builder.settings.stale_days), "status_text": pacing.status_text}


def pages(builder) -> list[OutputPage]:
    out = []
    today = builder.settings.today
    shared = _shared(builder)
    for unit in builder.portal.units:
        for plan in unit.plans:
            # Progress and reports are computed when a page is written: only its engine process needs them.
            here = routes.progress_page(unit.id, plan.year)
            body = functools.partial(_progress_body, builder, here, unit, plan, shared)
            out.append(OutputPage(here, f"Tiến độ kế hoạch năm {plan.year} – {unit.title_name}", body,
                                  f"Tiến độ thực hiện kế hoạch tuyên truyền CCHC năm {plan.year} của {unit.full_name}.",
                                  plan.progress.source_path or plan.source_path, unit.id))
            here = routes.scorecard_page(unit.id, plan.year)
            body = functools.partial(_scorecard_body, builder, here, unit, plan, shared)
            out.append(OutputPage(here, f"Kết quả theo cơ quan chủ trì – {unit.title_name} {plan.year}", body,
                                  f"Bảng kết quả của từng cơ quan chủ trì, kế hoạch năm {plan.year} của {unit.full_name}.",
                                  plan.progress.source_path or plan.source_path, unit.id))
            for period in available_periods(plan, today):
                here = routes.report_page(unit.id, period.key)
                body = functools.partial(_report_body, builder, here, unit, plan, period, shared)
                out.append(OutputPage(here, f"Báo cáo {period.label} – {unit.title_name}", body,
                                      f"Báo cáo kết quả tuyên truyền CCHC {period.label} của {unit.full_name}.",
                                      plan.progress.source_path or plan.source_path, unit.id))
    here = routes.PROGRESS_INDEX
    out.append(OutputPage(here, "Tiến độ thực hiện", functools.partial(_overview_body, builder, here, shared),
                          "Tiến độ thực hiện kế hoạch tuyên truyền cải cách hành chính của các đơn vị."))
    return out


def _progress_body(builder, here: str, unit: Unit, plan: Plan, shared: dict) -> str:
    progress = progress_of(builder, plan)
    return builder.render("progress.html", here, unit=unit, plan=plan, progress=progress,
                          charts={tp.target.id: monthly_chart(tp.monthly) for tp in progress.targets},
                          periods=available_periods(plan, builder.settings.today), **shared)


def _scorecard_body(builder, here: str, unit: Unit, plan: Plan, shared: dict) -> str:
    return builder.render("scorecard.html", here, unit=unit, plan=plan, progress=progress_of(builder, plan), **shared)


def _report_body(builder, here: str, unit: Unit, plan: Plan, period: Period, shared: dict) -> str:
    return builder.render("report.html", here, report=report_of(builder, unit, plan, period),
                          docx=routes.report_docx(unit.id, period.key),
                          docx_size=lambda: len(report_docx(builder, unit, plan, period)), **shared)


def _overview_body(builder, here: str, shared: dict) -> str:
    rows = [(unit, plan, progress_of(builder, plan)) for unit in builder.portal.units for plan in unit.plans[:1]]
    return builder.render("progress_overview.html", here, rows=rows, deadlines=upcoming(builder), **shared)


def files(builder) -> list[OutputFile]:
    out = []
    stamp = builder.settings.today
    for unit in builder.portal.units:
        url = builder.settings.site_url
        page_url = (lambda plan: (url.rstrip("/") + "/" + routes.url_of(routes.plan_page(plan.unit_id, plan.year)))
                    if url else "")
        out.append(OutputFile(routes.calendar_file(unit.id), functools.partial(ical.calendar, unit, stamp, page_url),
                              unit.id))
        for plan in unit.plans:
            out += [OutputFile(src, functools.partial(_open_data_file, builder, plan, src), unit.id)
                    for src in opendata.plan_files_names(unit.id, plan.year)]
            out += [OutputFile(routes.report_docx(unit.id, period.key),
                               functools.partial(report_docx, builder, unit, plan, period), unit.id)
                    for period in available_periods(plan, stamp)]
    out.append(OutputFile(routes.DATA_INDEX, functools.partial(opendata.index_json, builder.portal, stamp)))
    return out


def _open_data_file(builder, plan: Plan, src: str) -> bytes:
    """One of a plan's open-data files; all of them are made together, once."""
    cache = builder.cache.setdefault("open_data", {})
    if plan.source_path not in cache:
        cache[plan.source_path] = opendata.plan_files(plan, progress_of(builder, plan))
    return cache[plan.source_path][src]


def _deadlines(builder, plan: Plan, first: date, last: date | None) -> list[Deadline]:
    """Task deadlines (tasks already done left out) and report deadlines from `first` to `last`."""
    done = {tp.task.id for tp in progress_of(builder, plan).tasks if tp.status == pacing.DONE}
    def within(day: date | None) -> bool:
        return day is not None and first <= day and (last is None or day <= last)
    out = [Deadline(task.deadline, f"Nhiệm vụ {task.number or task.id}: {task.content.splitlines()[0]}",
                    plan.unit_id, plan, f"nv-{task.id}")
           for task in plan.tasks if task.deadline and within(task.deadline) and task.id not in done]
    out += [Deadline(report.due, f"Nộp {report.name or 'báo cáo ' + report.period}", plan.unit_id, plan,
                     "che-do-bao-cao") for report in plan.report_periods if report.due and within(report.due)]
    return out


def _target_checkpoints(builder, plan: Plan) -> list[Deadline]:
    """For the targets of no task (a prose-only plan has nothing else): when the count due next rises."""
    out = []
    for tp in progress_of(builder, plan).targets:
        if tp.target.task_id or tp.status == pacing.DONE:
            continue
        checkpoint = pacing.next_checkpoint(plan, tp.target, builder.settings.today)
        if checkpoint:
            day, due = checkpoint
            out.append(Deadline(day, f"Chỉ tiêu {tp.target.summary}: cần đạt {due} (đã có {tp.actual})",
                                plan.unit_id, plan, f"chi-tieu-{tp.target.id}"))
    return out


def upcoming(builder, days: int = UPCOMING_DAYS) -> list[Deadline]:
    """Task and report deadlines from today to `days` ahead, tasks already done left out."""
    today = builder.settings.today
    out = [d for unit in builder.portal.units for plan in unit.plans
           for d in _deadlines(builder, plan, today, today + timedelta(days=days))]
    return sorted(out, key=lambda d: (d.day, d.unit_id, d.what))


def plan_summary(builder, plan: Plan) -> dict:
    """What the plan page shows first: its promises, how they stand, the nearest deadlines."""
    progress = progress_of(builder, plan)
    # The plan's own deadlines first; pacing checkpoints of its targets fill the rest (a prose-only plan
    # has nothing else to show).
    by_day = lambda d: (d.day, d.what)  # noqa: E731
    nearest = sorted(_deadlines(builder, plan, builder.settings.today, None), key=by_day)[:SUMMARY_DEADLINES]
    nearest += sorted(_target_checkpoints(builder, plan), key=by_day)[: SUMMARY_DEADLINES - len(nearest)]
    nearest.sort(key=by_day)
    return {"progress": progress, "deadlines": nearest, **_shared(builder)}


def home_summary(builder) -> dict:
    rows = [(unit, unit.plans[0], progress_of(builder, unit.plans[0])) for unit in builder.portal.units if unit.plans]
    return {"rows": rows, "deadlines": upcoming(builder), "labels": pacing.LABELS}
