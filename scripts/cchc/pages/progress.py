"""Progress pages, agency scorecards, report pages, the overview, and their data files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..formats import ical, opendata
from ..compute import pacing
from ..base import routes
from ..compute.charts import monthly_chart
from ..model.types import Plan
from .outputs import OutputFile, OutputPage
from ..compute.periodic_report import available_periods, build_report

UPCOMING_DAYS = 30


@dataclass
class Deadline:
    day: date
    what: str
    unit_id: str
    plan: Plan
    anchor: str = ""


def progress_of(builder, plan: Plan) -> pacing.PlanProgress:
    cache = builder.cache["progress"]
    if plan.key not in cache:
        cache[plan.key] = pacing.plan_progress(plan, builder.settings.today)
    return cache[plan.key]


def pages(builder) -> list[OutputPage]:
    out = []
    today = builder.settings.today
    for unit in builder.portal.units:
        for plan in unit.plans:
            progress = progress_of(builder, plan)
            charts = {tp.target.id: monthly_chart(tp.monthly) for tp in progress.targets}
            here = routes.progress_page(unit.id, plan.year)
            body = builder.later("progress.html", here, unit=unit, plan=plan, progress=progress, charts=charts,
                                  labels=pacing.LABELS, order=pacing.ORDER, periods=available_periods(plan, today))
            out.append(OutputPage(here, f"Tiến độ kế hoạch năm {plan.year} – {unit.title_name}", body,
                                  f"Tiến độ thực hiện kế hoạch tuyên truyền CCHC năm {plan.year} của {unit.full_name}.",
                                  plan.progress.source_path or plan.source_path, unit.id))
            here = routes.scorecard_page(unit.id, plan.year)
            body = builder.later("scorecard.html", here, unit=unit, plan=plan, progress=progress,
                                  labels=pacing.LABELS, order=pacing.ORDER)
            out.append(OutputPage(here, f"Kết quả theo cơ quan chủ trì – {unit.title_name} {plan.year}", body,
                                  f"Bảng kết quả của từng cơ quan chủ trì, kế hoạch năm {plan.year} của {unit.full_name}.",
                                  plan.progress.source_path or plan.source_path, unit.id))
            for period in available_periods(plan, today):
                report = build_report(builder.portal, unit, plan, period, today)
                here = routes.report_page(unit.id, period.key)
                body = builder.later("report.html", here, report=report, labels=pacing.LABELS)
                out.append(OutputPage(here, f"Báo cáo {period.label} – {unit.title_name}", body,
                                      f"Báo cáo kết quả tuyên truyền CCHC {period.label} của {unit.full_name}.",
                                      plan.progress.source_path or plan.source_path, unit.id))
    here = routes.PROGRESS_INDEX
    rows = [(unit, plan, progress_of(builder, plan)) for unit in builder.portal.units for plan in unit.plans[:1]]
    out.append(OutputPage(here, "Tiến độ thực hiện", builder.render(
        "progress_overview.html", here, rows=rows, labels=pacing.LABELS, deadlines=upcoming(builder)),
        "Tiến độ thực hiện kế hoạch tuyên truyền cải cách hành chính của các đơn vị."))
    return out


def files(builder) -> list[OutputFile]:
    out = []
    stamp = builder.settings.today
    for unit in builder.portal.units:
        url = builder.settings.site_url
        page_url = (lambda plan: (url.rstrip("/") + "/" + routes.url_of(routes.plan_page(plan.unit_id, plan.year)))
                    if url else "")
        out.append(OutputFile(routes.calendar_file(unit.id), ical.calendar(unit, stamp, page_url)))
        for plan in unit.plans:
            out += [OutputFile(src, content)
                    for src, content in opendata.plan_files(plan, progress_of(builder, plan)).items()]
    out.append(OutputFile(routes.DATA_INDEX, opendata.index_json(builder.portal, stamp)))
    return out


def upcoming(builder, days: int = UPCOMING_DAYS) -> list[Deadline]:
    """Task and report deadlines from today to `days` ahead, tasks already done left out."""
    today = builder.settings.today
    last = today + timedelta(days=days)
    out = []
    for unit in builder.portal.units:
        for plan in unit.plans:
            done = {tp.task.id for tp in progress_of(builder, plan).tasks if tp.status == pacing.DONE}
            for task in plan.tasks:
                if task.deadline and today <= task.deadline <= last and task.id not in done:
                    out.append(Deadline(task.deadline, f"Nhiệm vụ {task.number or task.id}: "
                                        f"{task.content.splitlines()[0]}", unit.id, plan, f"nv-{task.id}"))
            for report in plan.report_periods:
                if report.due and today <= report.due <= last:
                    out.append(Deadline(report.due, f"Nộp {report.name or 'báo cáo ' + report.period}", unit.id, plan))
    return sorted(out, key=lambda d: (d.day, d.unit_id, d.what))


def home_summary(builder) -> dict:
    rows = [(unit, unit.plans[0], progress_of(builder, unit.plans[0])) for unit in builder.portal.units if unit.plans]
    return {"rows": rows, "deadlines": upcoming(builder), "labels": pacing.LABELS}
