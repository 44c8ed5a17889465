"""An iCalendar (RFC 5545) feed of a unit's report deadlines and task deadlines.

All-day events; DTSTAMP is the build's as-of date, so the same data gives
the same file.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..base.text import printable

from ..model.types import Unit


_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")


def _escape(text: str) -> str:
    """TEXT values of RFC 5545: backslash, ';' and ',' escaped, every kind of line break as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return printable(_LINE_BREAKS.sub("\\\\n", text))


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def _event(uid: str, day: date, summary: str, description: str, stamp: date, url: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
             f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
             f"SUMMARY:{_escape(summary)}", f"DESCRIPTION:{_escape(description)}"]
    if url:
        lines.append(f"URL:{url}")
    return lines + ["TRANSP:TRANSPARENT", "END:VEVENT"]


def calendar(unit: Unit, stamp: date, page_url=lambda plan: "") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cchc//Cong ke hoach tuyen truyen CCHC//VI",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape('Hạn báo cáo và nhiệm vụ – ' + unit.title_name)}"]
    for plan in unit.plans:
        url = page_url(plan)
        for report in plan.report_periods:
            if report.due:
                name = report.name or f"Báo cáo {report.period}"
                lines += _event(f"bao-cao-{plan.year}-{report.period}@{unit.id}.cchc", report.due,
                                f"Hạn nộp {name} ({unit.title_name})",
                                f"Kế hoạch {plan.number_text}: {name} nộp trước ngày {report.due:%d/%m/%Y}.", stamp, url)
        for task in plan.tasks:
            if task.deadline:
                lines += _event(f"nhiem-vu-{plan.year}-{task.id}@{unit.id}.cchc", task.deadline,
                                f"Hạn nhiệm vụ {task.number or task.id}: {task.content.splitlines()[0][:80]}",
                                f"Chủ trì: {task.lead}. Thời gian: {task.timing or task.completion}.", stamp, url)
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8")
