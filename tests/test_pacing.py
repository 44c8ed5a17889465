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
    assert status((date(2026, 3, 1), 6)) == pacing.ON_TRACK
    assert status((date(2026, 3, 1), 5)) == pacing.BEHIND
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
    assert [(r.month, r.in_month, r.cumulative, r.expected) for r in progress.monthly] == [
        (1, 1, 1, 2), (2, 0, 1, 4), (3, 4, 5, 6)]
    assert not any(r.partial for r in progress.monthly)


def test_roll_up_per_agency_and_plan():
    t1 = Task("NV01", "a", "Phòng A", deadline=date(2026, 1, 31))
    t2 = Task("NV02", "b", "Phòng B", targets=[Target("CT01", 2, "tin", "thang", task_id="NV02", agency="Phòng B")])
    plan = plan_with(tasks=[t1, t2], entries=[Entry(date(2026, 1, 20), task_id="NV01", status="hoàn thành")])
    progress = pacing.plan_progress(plan, date(2026, 2, 28))
    assert progress.task_counts[pacing.DONE] == 1 and progress.task_counts[pacing.BEHIND] == 1
    assert progress.percent_done == 50
    assert [(row.agency.name, len(row.tasks), len(row.targets)) for row in progress.by_agency()] == [
        ("Phòng A", 1, 0), ("Phòng B", 1, 1)]


def test_a_stale_task_reads_not_updated_with_the_date_of_its_last_update():
    task = Task("NV02", "Cổ động trực quan", "Phòng Văn hóa")
    update = Entry(date(2026, 1, 31), task_id="NV02", status="đang thực hiện")
    plan = plan_with(tasks=[task], entries=[update])
    def task_status(as_of, days=pacing.DEFAULT_STALE_DAYS):
        return pacing.plan_progress(plan, as_of, days).tasks[0]
    ten_months_on = task_status(date(2026, 11, 21))
    assert ten_months_on.status == pacing.NOT_UPDATED and ten_months_on.last_update == date(2026, 1, 31)
    assert pacing.status_text(ten_months_on.status, ten_months_on.last_update) == "Chưa cập nhật từ 31/01/2026"
    assert task_status(date(2026, 3, 17)).status == pacing.ON_TRACK  # 45 days: still news
    assert task_status(date(2026, 3, 18)).status == pacing.NOT_UPDATED  # 46 days
    assert task_status(date(2026, 3, 1), days=20).status == pacing.NOT_UPDATED  # the number of days is a setting


def test_work_never_reported_is_not_started_then_not_updated():
    task = Task("NV03", "Tọa đàm", "Phòng Văn hóa")
    plan = plan_with(tasks=[task])
    assert pacing.plan_progress(plan, date(2026, 2, 14)).tasks[0].status == pacing.NOT_STARTED  # 44 days in
    never = pacing.plan_progress(plan, date(2026, 2, 20)).tasks[0]
    assert never.status == pacing.NOT_UPDATED and never.last_update is None
    assert pacing.status_text(never.status, None) == "Chưa cập nhật (chưa có lần nào)"
    later = Task("NV04", "Tọa đàm quý IV", "Phòng Văn hóa", start=date(2026, 10, 1), deadline=date(2026, 10, 31))
    assert pacing.plan_progress(plan_with(tasks=[later]), date(2026, 9, 30)).tasks[0].status == pacing.NOT_STARTED


def test_a_target_ahead_but_silent_is_not_updated_and_one_behind_stays_behind():
    yearly = Target("CT01", 12, "tin, bài", "nam")
    ahead = plan_with([yearly], entries=counts("CT01", (date(2026, 2, 1), 6)))
    stale = pacing.target_progress(ahead, yearly, date(2026, 5, 31))  # 5 due, 6 done, nothing since 01/02
    assert (stale.expected, stale.status, stale.last_update) == (5, pacing.NOT_UPDATED, date(2026, 2, 1))
    behind = pacing.target_progress(ahead, yearly, date(2026, 8, 31))  # 8 due: the numbers speak first
    assert behind.status == pacing.BEHIND


def test_the_month_under_way_is_drawn_only_with_data_and_marked_partial():
    quiet = pacing.target_progress(plan_with([MONTHLY], entries=counts("CT01", (date(2026, 1, 20), 2))),
                                   MONTHLY, date(2026, 2, 10))
    assert [r.month for r in quiet.monthly] == [1]  # February has begun but has nothing: not a zero bar
    busy = pacing.target_progress(plan_with([MONTHLY], entries=counts("CT01", (date(2026, 1, 20), 2),
                                                                      (date(2026, 2, 5), 1))),
                                  MONTHLY, date(2026, 2, 10))
    last = busy.monthly[-1]
    assert (last.month, last.in_month, last.cumulative, last.partial) == (2, 1, 3, True)
    assert last.expected == 2  # due by 10/02: only January has ended
    from cchc.compute.charts import monthly_chart
    bars = monthly_chart(busy.monthly).bars
    assert [(b.label, b.partial) for b in bars] == [("T1", False), ("T2*", True)]


def test_the_next_checkpoint_of_a_target():
    assert pacing.next_checkpoint(plan_with([MONTHLY]), MONTHLY, date(2026, 11, 21)) == (date(2026, 11, 30), 22)
    quarterly = Target("CT02", 3, "buổi", "quy")
    assert pacing.next_checkpoint(plan_with([quarterly]), quarterly, date(2026, 4, 2)) == (date(2026, 6, 30), 6)
    assert pacing.next_checkpoint(plan_with([MONTHLY]), MONTHLY, date(2026, 12, 31)) is None
