"""Pacing and status arithmetic at an as-of date."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.compute import pacing
from cchc.model.types import Entry, Plan, ProgressLog, Signature, Target, Task


def plan_with(targets=(), tasks=(), entries=(), year=2026) -> Plan:
    plan = Plan(unit_id="x", year=year, number="1", code="KH-UBND", title="t",
                signature=Signature("CHỦ TỊCH", "A"), source_path="p.yml")
    plan.tasks = list(tasks)
    plan.plan_targets = list(targets)
    plan.progress = ProgressLog(entries=sorted(entries, key=lambda e: e.day))
    return plan


def counts(target_id: str, *pairs) -> list[Entry]:
    return [Entry(day=d, target_id=target_id, count=n) for d, n in pairs]


MONTHLY = Target("CT01", 2, "tin, bài", "thang")


@pytest.mark.parametrize("as_of,expected", [
    (date(2026, 1, 30), 0),   # January has not ended
    (date(2026, 1, 31), 2),   # ... and now it has
    (date(2026, 2, 27), 2),
    (date(2026, 2, 28), 4),   # February ends on the 28th in 2026
    (date(2026, 6, 30), 12),
    (date(2026, 12, 31), 24),
    (date(2027, 3, 1), 24),   # after the plan year nothing more is due
    (date(2025, 12, 31), 0),  # before it, nothing yet
])
def test_monthly_rate_counts_completed_calendar_months(as_of, expected):
    progress = pacing.target_progress(plan_with([MONTHLY]), MONTHLY, as_of)
    assert progress.expected == expected and progress.total == 24


def test_leap_year_february_ends_on_the_29th():
    target = Target("CT01", 1, "tin", "thang")
    plan = plan_with([target], year=2028)
    assert pacing.target_progress(plan, target, date(2028, 2, 28)).expected == 1
    assert pacing.target_progress(plan, target, date(2028, 2, 29)).expected == 2


def test_quarterly_target_is_due_per_completed_quarter():
    target = Target("CT02", 3, "buổi", "quy")
    plan = plan_with([target])
    assert [pacing.target_progress(plan, target, d).expected for d in
            (date(2026, 3, 30), date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 29), date(2026, 12, 31))] == [
        0, 3, 6, 6, 12]


def test_yearly_count_is_paced_in_proportion_to_months():
    target = Target("CT03", 150, "tin, bài", "ca_ke_hoach")
    plan = plan_with([target])
    assert pacing.target_progress(plan, target, date(2026, 6, 30)).expected == 75
    assert pacing.target_progress(plan, target, date(2026, 4, 30)).expected == 50
    assert pacing.target_progress(plan, target, date(2026, 12, 31)).expected == 150


def test_statuses_of_a_target():
    target = Target("CT01", 2, "tin, bài", "thang")
    as_of = date(2026, 3, 31)  # 6 due
    def status(*pairs):
        return pacing.target_progress(plan_with([target], entries=counts("CT01", *pairs)), target, as_of).status
    assert status() == pacing.BEHIND
    assert status((date(2026, 2, 1), 6)) == pacing.ON_TRACK
    assert status((date(2026, 2, 1), 5)) == pacing.BEHIND
    assert status((date(2026, 2, 1), 30)) == pacing.DONE
    assert status((date(2026, 4, 2), 6)) == pacing.BEHIND  # entries after the as-of date do not count
    early = pacing.target_progress(plan_with([target]), target, date(2026, 1, 10))
    assert early.status == pacing.NOT_STARTED


def test_target_of_a_task_follows_its_deadline():
    target = Target("CT05", 1, "cuộc", "ca_ke_hoach", task_id="NV06")
    task = Task("NV06", "Tọa đàm", "Phòng Văn hóa", start=date(2026, 10, 1), deadline=date(2026, 10, 31),
                targets=[target])
    plan = plan_with(tasks=[task])
    on_deadline = pacing.target_progress(plan, target, date(2026, 10, 31))
    assert (on_deadline.expected, on_deadline.status) == (1, pacing.BEHIND)  # due on the deadline, not yet late
    after = pacing.target_progress(plan, target, date(2026, 11, 1))
    assert after.status == pacing.OVERDUE
    before = pacing.target_progress(plan, target, date(2026, 9, 30))
    assert (before.expected, before.status) == (0, pacing.NOT_STARTED)


def test_task_statuses():
    task = Task("NV01", "Ban hành kế hoạch", "Phòng Văn hóa", deadline=date(2026, 1, 15))
    def status(as_of, *entries):
        plan = plan_with(tasks=[task], entries=entries)
        return pacing.plan_progress(plan, as_of).tasks[0].status
    assert status(date(2026, 1, 10)) == pacing.NOT_STARTED
    assert status(date(2026, 1, 15)) == pacing.NOT_STARTED  # deadline is today: not overdue yet
    assert status(date(2026, 1, 16)) == pacing.OVERDUE
    assert status(date(2026, 1, 10), Entry(date(2026, 1, 5), task_id="NV01", status="đang thực hiện")) == pacing.ON_TRACK
    assert status(date(2026, 3, 1), Entry(date(2026, 1, 14), task_id="NV01", status="hoàn thành")) == pacing.DONE
    assert status(date(2026, 1, 10), Entry(date(2026, 1, 5), task_id="NV01", status="tạm dừng")) == pacing.PAUSED


def test_monthly_series_for_the_chart():
    progress = pacing.target_progress(plan_with([MONTHLY], entries=counts("CT01", (date(2026, 1, 20), 1),
                                                                        (date(2026, 3, 3), 4))),
                                      MONTHLY, date(2026, 3, 31))
    assert progress.monthly == [(1, 1, 1, 2), (2, 0, 1, 4), (3, 4, 5, 6)]


def test_roll_up_per_agency_and_plan():
    t1 = Task("NV01", "a", "Phòng A", deadline=date(2026, 1, 31))
    t2 = Task("NV02", "b", "Phòng B", targets=[Target("CT01", 2, "tin", "thang", task_id="NV02", agency="Phòng B")])
    plan = plan_with(tasks=[t1, t2], entries=[Entry(date(2026, 1, 20), task_id="NV01", status="hoàn thành")])
    progress = pacing.plan_progress(plan, date(2026, 2, 28))
    assert progress.task_counts[pacing.DONE] == 1 and progress.task_counts[pacing.BEHIND] == 1
    assert progress.percent_done == 50
    assert [(name, len(tasks), len(targets)) for name, tasks, targets in progress.by_agency()] == [
        ("Phòng A", 1, 0), ("Phòng B", 1, 1)]
