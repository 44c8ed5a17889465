"""Progress at an "as of" date: actual against target, pacing by calendar month, statuses.

Pure functions of the plan, its progress entries, the date and the number of
days after which work without news is "not updated": the same inputs always
give the same numbers, so builds are reproducible.

Pacing: a target's window runs from the task's start (or 1 January) to the
task's deadline (or 31 December). A month counts as due once it has ended
(or the window's end inside it has passed). "2 a month" is due at 2 per
completed month; "1 a quarter" per completed quarter; a yearly or whole-plan
count is due in proportion to the completed months of its window.

Statuses, worst first (`ORDER`); what each means is `DEFINITIONS`, shown on
the site beside the figures and listed in the README (a test compares them).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from ..base.dates import viet_short
from ..model.agencies import Agency
from ..model.types import Entry, Plan, Target, Task

DEFAULT_STALE_DAYS = 45

DONE, ON_TRACK, BEHIND, OVERDUE, NOT_STARTED, PAUSED, NOT_UPDATED = (
    "done", "on_track", "behind", "overdue", "not_started", "paused", "not_updated")
LABELS = {DONE: "Hoàn thành", ON_TRACK: "Đúng tiến độ", BEHIND: "Chậm tiến độ", OVERDUE: "Quá hạn",
          NOT_STARTED: "Chưa bắt đầu", PAUSED: "Tạm dừng", NOT_UPDATED: "Chưa cập nhật"}
ORDER = [OVERDUE, BEHIND, NOT_UPDATED, PAUSED, NOT_STARTED, ON_TRACK, DONE]  # worst first
# {days} is the configured number of days (stale_days).
DEFINITIONS = {
    OVERDUE: "Đã qua hạn hoàn thành (hạn của nhiệm vụ, hoặc hết thời gian của chỉ tiêu) mà chưa hoàn thành.",
    BEHIND: "Số đã thực hiện ít hơn số phải đạt tính đến các tháng đã kết thúc; "
            "nhiệm vụ có một chỉ tiêu chậm cũng là chậm tiến độ.",
    NOT_UPDATED: "Đã đến thời gian thực hiện nhưng hơn {days} ngày không có cập nhật, tài liệu kiểm chứng "
                 "hay bài viết nào; ghi kèm ngày cập nhật gần nhất.",
    PAUSED: "Lần cập nhật gần nhất ghi \"tạm dừng\" (lý do ở phần ghi chú).",
    NOT_STARTED: "Chưa đến thời gian thực hiện, hoặc mới bắt đầu chưa đến {days} ngày và chưa có cập nhật.",
    ON_TRACK: "Có cập nhật trong {days} ngày gần nhất và số đã thực hiện bằng hoặc hơn số phải đạt.",
    DONE: "Nhiệm vụ được ghi \"hoàn thành\" hoặc mọi chỉ tiêu của nó đã đạt; chỉ tiêu đã đạt đủ số của cả kỳ.",
}

# The statuses staff write in a progress file (tien-do.schema.json, trang_thai); a test compares the lists.
ENTRY_NOT_STARTED, ENTRY_IN_PROGRESS, ENTRY_DONE, ENTRY_PAUSED = (
    "chưa thực hiện", "đang thực hiện", "hoàn thành", "tạm dừng")
ENTRY_STATUSES = (ENTRY_NOT_STARTED, ENTRY_IN_PROGRESS, ENTRY_DONE, ENTRY_PAUSED)


def status_text(status: str, last_update: date | None) -> str:
    """The label, and for work without news the date of its last update: 'Chưa cập nhật từ 31/01/2026'."""
    if status != NOT_UPDATED:
        return LABELS[status]
    return f"{LABELS[status]} từ {viet_short(last_update)}" if last_update else f"{LABELS[status]} (chưa có lần nào)"


def definitions(stale_days: int = DEFAULT_STALE_DAYS) -> list[tuple[str, str, str]]:
    """(status, label, meaning) worst first, with the configured number of days filled in."""
    return [(s, LABELS[s], DEFINITIONS[s].format(days=stale_days)) for s in ORDER]


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


def next_checkpoint(plan: Plan, target: Target, as_of: date) -> tuple[date, int] | None:
    """The next day the count due rises, and the count due then; None once nothing more falls due."""
    task = next((t for t in plan.tasks if t.id == target.task_id), None)
    win = window(plan, task)
    now = expected_by(target, win, as_of)
    for year, month in win.months():
        day = win.month_due_day(year, month)
        if day > as_of and expected_by(target, win, day) > now:
            return day, expected_by(target, win, day)
    return None


@dataclass(frozen=True)
class MonthRow:
    """One month of a target's chart and table. A month is shown once it has ended, or earlier when it
    already has data; then it is `partial` and its expected figure is what is due by the as-of date."""

    month: int
    in_month: int
    cumulative: int
    expected: int
    partial: bool = False


def _stale(last: date | None, start: date, as_of: date, stale_days: int) -> bool:
    return (as_of - (last or start)).days > stale_days


@dataclass
class TargetProgress:
    target: Target
    actual: int
    expected: int
    total: int
    status: str
    monthly: list[MonthRow] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    last_update: date | None = None  # the newest entry (count, note, evidence, post) until the as-of date

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

    @property
    def last_update(self) -> date | None:
        latest = self.latest
        return latest.day if latest else None


def _entries_until(plan: Plan, as_of: date) -> list[Entry]:
    return [e for e in plan.progress.entries if e.day <= as_of]


def target_progress(plan: Plan, target: Target, as_of: date, stale_days: int = DEFAULT_STALE_DAYS) -> TargetProgress:
    task = next((t for t in plan.tasks if t.id == target.task_id), None)
    win = window(plan, task)
    entries = [e for e in _entries_until(plan, as_of) if e.target_id == target.id]
    actual = sum(e.count or 0 for e in entries)
    expected = expected_by(target, win, as_of)
    total = total_due(target, win)
    last = max((e.day for e in entries), default=None)
    if actual >= total:
        status = DONE
    elif as_of > win.end:
        status = OVERDUE
    elif actual < expected:
        status = BEHIND
    elif as_of < win.start or (last is None and not _stale(None, win.start, as_of, stale_days)):
        status = NOT_STARTED
    elif _stale(last, win.start, as_of, stale_days):
        status = NOT_UPDATED
    else:
        status = ON_TRACK
    monthly, cumulative = [], 0
    for year, month in win.months():
        if date(year, month, 1) > as_of:
            break
        in_month = sum(e.count or 0 for e in entries if (e.day.year, e.day.month) == (year, month))
        due_day = win.month_due_day(year, month)
        ended = due_day <= as_of
        if not ended and not in_month:
            break  # the month under way, with nothing yet: not drawn as a zero
        cumulative += in_month
        monthly.append(MonthRow(month, in_month, cumulative, expected_by(target, win, min(due_day, as_of)),
                                partial=not ended))
    return TargetProgress(target, actual, expected, total, status, monthly, entries, last)


def task_progress(plan: Plan, task: Task, as_of: date, targets: dict[str, TargetProgress],
                  stale_days: int = DEFAULT_STALE_DAYS) -> TaskProgress:
    entries = [e for e in _entries_until(plan, as_of) if e.task_id == task.id]
    own_targets = [targets[t.id] for t in task.targets]
    statuses = [e.status for e in entries if e.status]
    last_status = statuses[-1] if statuses else ""
    progress = TaskProgress(task, ON_TRACK, own_targets, entries)
    last = progress.last_update
    start = window(plan, task).start
    if last_status == ENTRY_DONE or (own_targets and all(tp.status == DONE for tp in own_targets)):
        status = DONE
    elif task.deadline and as_of > task.deadline:
        status = OVERDUE
    elif last_status == ENTRY_PAUSED:
        status = PAUSED
    elif own_targets and any(tp.status in (BEHIND, OVERDUE) for tp in own_targets):
        status = BEHIND
    elif as_of < start or (last is None and not _stale(None, start, as_of, stale_days)):
        status = NOT_STARTED
    elif _stale(last, start, as_of, stale_days):
        status = NOT_UPDATED
    elif last_status == ENTRY_NOT_STARTED and not any(tp.entries for tp in own_targets):
        status = NOT_STARTED
    else:
        status = ON_TRACK
    progress.status = status
    return progress


@dataclass
class PlanProgress:
    plan: Plan
    as_of: date
    tasks: list[TaskProgress]
    targets: list[TargetProgress]
    stale_days: int = DEFAULT_STALE_DAYS

    def count(self, items, status: str) -> int:
        return sum(1 for item in items if item.status == status)

    @property
    def task_counts(self) -> dict[str, int]:
        return {s: self.count(self.tasks, s) for s in ORDER}

    @property
    def target_counts(self) -> dict[str, int]:
        return {s: self.count(self.targets, s) for s in ORDER}

    @property
    def counts(self) -> dict[str, int]:
        """Tasks and the targets of no task together: each promise of the plan once."""
        items = self.tasks + [tp for tp in self.targets if not tp.target.task_id]
        return {s: self.count(items, s) for s in ORDER}

    @property
    def promises(self) -> int:
        return len(self.tasks) + sum(1 for tp in self.targets if not tp.target.task_id)

    @property
    def late(self) -> int:
        """Tasks and targets behind or overdue (a task's own targets counted too)."""
        return sum(self.count(items, s) for items in (self.tasks, self.targets) for s in (BEHIND, OVERDUE))

    @property
    def percent_done(self) -> int:
        if not self.tasks:
            return 0
        return round(100 * self.count(self.tasks, DONE) / len(self.tasks))

    def by_agency(self) -> list["AgencyProgress"]:
        """Roll-up per responsible agency: each wording resolved to one agency of the unit; the
        unit's list order first, then agencies no list names, in order of first mention."""
        directory = self.plan.agencies
        rows: dict[int, AgencyProgress] = {}
        def row(wording: str) -> AgencyProgress:
            agency = directory.resolve(wording or "Chưa giao cơ quan")
            return rows.setdefault(id(agency), AgencyProgress(agency, [], []))
        for task in self.tasks:
            row(task.task.lead).tasks.append(task)
        for target in self.targets:
            row(target.target.agency).targets.append(target)
        listed = {id(a): n for n, a in enumerate(directory.agencies)}
        first = {key: n for n, key in enumerate(rows)}
        return sorted(rows.values(), key=lambda r: (listed.get(id(r.agency), len(listed)), first[id(r.agency)]))


@dataclass
class AgencyProgress:
    agency: Agency
    tasks: list[TaskProgress]
    targets: list[TargetProgress]

    @property
    def done(self) -> int:
        return sum(1 for tp in self.tasks if tp.status == DONE)

    @property
    def late(self) -> int:
        return sum(1 for tp in self.tasks + self.targets if tp.status in (BEHIND, OVERDUE))

    @property
    def not_updated(self) -> int:
        return sum(1 for tp in self.tasks + self.targets if tp.status == NOT_UPDATED)


def plan_progress(plan: Plan, as_of: date, stale_days: int = DEFAULT_STALE_DAYS) -> PlanProgress:
    targets = {t.id: target_progress(plan, t, as_of, stale_days) for t in plan.targets}
    tasks = [task_progress(plan, task, as_of, targets, stale_days) for task in plan.tasks]
    return PlanProgress(plan, as_of, tasks, list(targets.values()), stale_days)

