"""Progress at an "as of" date: actual against target, pacing by calendar month, statuses.

Pure functions of the plan, its progress entries and the date: the same
inputs always give the same numbers, so builds are reproducible.

Pacing: a target's window runs from the task's start (or 1 January) to the
task's deadline (or 31 December). A month counts as due once it has ended
(or the window's end inside it has passed). "2 a month" is due at 2 per
completed month; "1 a quarter" per completed quarter; a yearly or whole-plan
count is due in proportion to the completed months of its window.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from ..model.types import Entry, Plan, Target, Task

DONE, ON_TRACK, BEHIND, OVERDUE, NOT_STARTED, PAUSED = (
    "done", "on_track", "behind", "overdue", "not_started", "paused")
LABELS = {DONE: "Hoàn thành", ON_TRACK: "Đúng tiến độ", BEHIND: "Chậm tiến độ", OVERDUE: "Quá hạn",
          NOT_STARTED: "Chưa bắt đầu", PAUSED: "Tạm dừng"}
ORDER = [OVERDUE, BEHIND, PAUSED, NOT_STARTED, ON_TRACK, DONE]  # worst first


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass
class Window:
    start: date
    end: date

    def months(self) -> list[tuple[int, int]]:
        out, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def month_due_day(self, year: int, month: int) -> date:
        return min(month_end(year, month), self.end)

    def completed_months(self, as_of: date) -> int:
        return sum(1 for y, m in self.months() if self.month_due_day(y, m) <= as_of)


def window(plan: Plan, task: Task | None) -> Window:
    start = (task.start if task and task.start else None) or date(plan.year, 1, 1)
    end = (task.deadline if task and task.deadline else None) or date(plan.year, 12, 31)
    return Window(start, max(start, end))


def total_due(target: Target, win: Window) -> int:
    months = len(win.months())
    if target.period == "thang":
        return target.count * months
    if target.period == "quy":
        return target.count * max(1, months // 3)
    return target.count


def expected_by(target: Target, win: Window, as_of: date) -> int:
    completed = win.completed_months(as_of)
    if target.period == "thang":
        return target.count * completed
    if target.period == "quy":
        return target.count * (completed // 3)
    months = len(win.months())
    return target.count * completed // months


@dataclass
class TargetProgress:
    target: Target
    actual: int
    expected: int
    total: int
    status: str
    monthly: list[tuple[int, int, int, int]] = field(default_factory=list)  # (month, actual, cum, expected cum)
    entries: list[Entry] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.actual / self.total)) if self.total else 100


@dataclass
class TaskProgress:
    task: Task
    status: str
    targets: list[TargetProgress]
    entries: list[Entry]

    @property
    def latest(self) -> Entry | None:
        """The newest entry about this task, its own or one of its targets'."""
        every = self.entries + [e for target in self.targets for e in target.entries]
        return max(every, key=lambda e: e.day) if every else None


def _entries_until(plan: Plan, as_of: date) -> list[Entry]:
    return [e for e in plan.progress.entries if e.day <= as_of]


def target_progress(plan: Plan, target: Target, as_of: date) -> TargetProgress:
    task = next((t for t in plan.tasks if t.id == target.task_id), None)
    win = window(plan, task)
    entries = [e for e in _entries_until(plan, as_of) if e.target_id == target.id]
    actual = sum(e.count or 0 for e in entries)
    expected = expected_by(target, win, as_of)
    total = total_due(target, win)
    if actual >= total:
        status = DONE
    elif as_of > win.end:
        status = OVERDUE
    elif expected == 0 and actual == 0:
        status = NOT_STARTED
    elif actual >= expected:
        status = ON_TRACK
    else:
        status = BEHIND
    monthly, cumulative = [], 0
    for year, month in win.months():
        if date(year, month, 1) > as_of:
            break
        in_month = sum(e.count or 0 for e in entries if (e.day.year, e.day.month) == (year, month))
        cumulative += in_month
        due_day = win.month_due_day(year, month)
        monthly.append((month, in_month, cumulative, expected_by(target, win, due_day)))
    return TargetProgress(target, actual, expected, total, status, monthly, entries)


def task_progress(plan: Plan, task: Task, as_of: date, targets: dict[str, TargetProgress]) -> TaskProgress:
    entries = [e for e in _entries_until(plan, as_of) if e.task_id == task.id]
    own_targets = [targets[t.id] for t in task.targets]
    statuses = [e.status for e in entries if e.status]
    last = statuses[-1] if statuses else ""
    evidence_or_counts = entries or any(tp.entries for tp in own_targets)
    if last == "hoàn thành" or (own_targets and all(tp.status == DONE for tp in own_targets)):
        status = DONE
    elif task.deadline and as_of > task.deadline:
        status = OVERDUE
    elif last == "tạm dừng":
        status = PAUSED
    elif own_targets and any(tp.status in (BEHIND, OVERDUE) for tp in own_targets):
        status = BEHIND
    elif last in ("", "chưa thực hiện") and not evidence_or_counts:
        status = NOT_STARTED
    else:
        status = ON_TRACK
    return TaskProgress(task, status, own_targets, entries)


@dataclass
class PlanProgress:
    plan: Plan
    as_of: date
    tasks: list[TaskProgress]
    targets: list[TargetProgress]

    def count(self, items, status: str) -> int:
        return sum(1 for item in items if item.status == status)

    @property
    def task_counts(self) -> dict[str, int]:
        return {s: self.count(self.tasks, s) for s in ORDER}

    @property
    def target_counts(self) -> dict[str, int]:
        return {s: self.count(self.targets, s) for s in ORDER}

    @property
    def percent_done(self) -> int:
        if not self.tasks:
            return 0
        return round(100 * self.count(self.tasks, DONE) / len(self.tasks))

    def by_agency(self) -> list[tuple[str, list[TaskProgress], list[TargetProgress]]]:
        """Roll-up per lead agency (cơ quan chủ trì), in order of first appearance."""
        agencies: dict[str, tuple[list, list]] = {}
        for tp in self.tasks:
            agencies.setdefault(tp.task.lead, ([], []))[0].append(tp)
        for target in self.targets:
            agencies.setdefault(target.target.agency or "Chưa giao cơ quan", ([], []))[1].append(target)
        return [(name, tasks, targets) for name, (tasks, targets) in agencies.items()]


def plan_progress(plan: Plan, as_of: date) -> PlanProgress:
    targets = {t.id: target_progress(plan, t, as_of) for t in plan.targets}
    tasks = [task_progress(plan, task, as_of, targets) for task in plan.tasks]
    return PlanProgress(plan, as_of, tasks, list(targets.values()))

