"""The periodic report the plans ask for: counts per form, comparison with targets and tasks,
what is behind and why, and the evidence. One value feeds both the web page and the Word file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import pacing
from ..model.types import CHANNELS, Plan, Portal, Post, Unit

PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]))?$")
PERIOD_LABELS = {"Q1": "quý I", "Q2": "quý II", "Q3": "quý III", "Q4": "quý IV", "H1": "6 tháng đầu năm",
                 "H2": "6 tháng cuối năm", None: "năm"}
PERIOD_MONTHS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12), None: (1, 12)}
STANDARD_PERIODS = ("Q1", "H1", "Q3", None)  # the reports the sample plans ask for


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    key: str  # "2026-Q1", "2026-H1", "2026"
    year: int
    start: date
    end: date
    label: str  # "quý I năm 2026"


def parse_period(text: str) -> Period:
    match = PERIOD.match(text.strip().upper())
    if not match:
        raise PeriodError(f"Kỳ báo cáo '{text}' không hợp lệ: dùng 2026-Q1, 2026-Q2, 2026-Q3, 2026-Q4, "
                          "2026-H1, 2026-H2 hoặc 2026 (cả năm).")
    year, part = int(match[1]), match[2]
    first, last = PERIOD_MONTHS[part]
    end = pacing.month_end(year, last)
    if part is None:
        label = f"năm {year}"
    elif part.startswith("H"):
        label = f"{PERIOD_LABELS[part]} {year}"
    else:
        label = f"{PERIOD_LABELS[part]} năm {year}"
    return Period(match[0], year, date(year, first, 1), end, label)


@dataclass
class FormCount:
    label: str
    in_period: int
    cumulative: int
    planned: int


@dataclass
class BehindItem:
    what: str
    status: str
    reason: str


@dataclass
class EvidenceLine:
    day: date
    what: str
    label: str
    href: str
    is_page: bool


@dataclass
class Report:
    unit: Unit
    plan: Plan
    period: Period
    as_of: date
    provisional: bool  # the period has not ended yet
    due: date | None
    progress: pacing.PlanProgress
    forms: list[FormCount] = field(default_factory=list)
    behind: list[BehindItem] = field(default_factory=list)
    evidence: list[EvidenceLine] = field(default_factory=list)
    other_posts: int = 0  # column posts in the period that name no target

    @property
    def agencies(self) -> list[pacing.AgencyProgress]:
        return self.progress.by_agency()


def _form_label(target) -> str:
    channel = CHANNELS.get(target.channel, "")
    return f"{target.unit_of_count} ({channel})" if channel else target.unit_of_count


def _latest_note(entries) -> str:
    notes = [e.note for e in entries if e.note]
    return notes[-1] if notes else ""


def build_report(portal: Portal, unit: Unit, plan: Plan, period: Period, build_day: date,
                 stale_days: int = pacing.DEFAULT_STALE_DAYS, unit_posts: list[Post] | None = None) -> Report:
    """The unit's report for `period`. `unit_posts`: the unit's posts where the caller has them grouped
    (a site makes a report per unit and period; looking each unit's posts up among all the portal's
    made a province's build grow with the square of its units)."""
    as_of = min(period.end, build_day)
    progress = pacing.plan_progress(plan, as_of, stale_days)
    due = next((r.due for r in plan.report_periods if r.period.upper() == period.key), None)
    report = Report(unit, plan, period, as_of, build_day < period.end, due, progress)
    in_period = lambda day: period.start <= day <= as_of  # noqa: E731
    forms: dict[str, FormCount] = {}
    for tp in progress.targets:
        label = _form_label(tp.target)
        row = forms.setdefault(label, FormCount(label, 0, 0, 0))
        row.in_period += sum(e.count or 0 for e in tp.entries if in_period(e.day))
        row.cumulative += tp.actual
        row.planned += tp.total
    report.forms = list(forms.values())
    for task in progress.tasks:
        if task.status in (pacing.BEHIND, pacing.OVERDUE, pacing.PAUSED, pacing.NOT_UPDATED):
            notes = task.entries + [e for t in task.targets for e in t.entries]
            report.behind.append(BehindItem(f"Nhiệm vụ {task.task.number or task.task.id}: "
                                            f"{task.task.content.splitlines()[0]}",
                                            pacing.status_text(task.status, task.last_update), _latest_note(notes)))
    for tp in progress.targets:
        if tp.status in (pacing.BEHIND, pacing.OVERDUE, pacing.NOT_UPDATED) and not tp.target.task_id:
            report.behind.append(BehindItem(f"Chỉ tiêu {tp.target.summary}: đạt {tp.actual}/{tp.expected} theo tiến độ",
                                            pacing.status_text(tp.status, tp.last_update), _latest_note(tp.entries)))
    for entry in plan.progress.entries:
        if not in_period(entry.day):
            continue
        what = entry.task_id or entry.target_id
        for ev in entry.evidence:
            report.evidence.append(EvidenceLine(entry.day, what, ev.label, ev.href, ev.is_page))
    posts = unit_posts if unit_posts is not None else portal.posts_by_unit().get(unit.id, [])
    report.other_posts = sum(1 for p in posts if in_period(p.published) and not p.target_id)
    return report


def available_periods(plan: Plan, build_day: date) -> list[Period]:
    """Standard report periods of the plan's year that have started by the build day."""
    periods = [parse_period(f"{plan.year}-{part}" if part else str(plan.year)) for part in STANDARD_PERIODS]
    return [p for p in periods if p.start <= build_day]
