"""Dates that a task's time columns imply.

Only what the text states is turned into a date: "Tháng 12/2026" is the end of
December, "Quý IV" starts on 1 October, "Thường xuyên" has no deadline at all.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from . import vocab

_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_FULL_DATE = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b")
_MONTH = re.compile(r"(?:\bthang\s*|\bt)(\d{1,2})\s*/\s*(\d{4})\b")
_BEFORE_MONTH = re.compile(r"\btruoc\s+thang\s*(\d{1,2})\s*/\s*(\d{4})\b")
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*/\s*(\d{4}))?")
_YEAR_ONLY = re.compile(r"^(?:nam|trong nam|ca nam)\s+(\d{4})$")


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _month_end(month: int, year: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _valid(day: int, month: int, year: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def end_date(text: str) -> date | None:
    """The latest date a time text names, or None when it names none."""
    folded = vocab.fold(text)
    dates = [d for d in (_valid(int(a), int(b), int(c)) for a, b, c in _FULL_DATE.findall(folded)) if d]
    if dates:
        return max(dates)
    before = _BEFORE_MONTH.search(folded)
    if before:
        month, at_year = int(before.group(1)), int(before.group(2))
        if 1 <= month <= 12:
            return _month_end(month - 1, at_year) if month > 1 else date(at_year - 1, 12, 31)
    months = [(int(m), int(y)) for m, y in _MONTH.findall(folded) if 1 <= int(m) <= 12]
    if months:
        month, at_year = max(months, key=lambda my: (my[1], my[0]))
        return _month_end(month, at_year)
    year_only = _YEAR_ONLY.match(folded)
    if year_only:
        return date(int(year_only.group(1)), 12, 31)
    return None


def start_date(text: str, year: int) -> date | None:
    """Where a single named period begins, when that is later than 1 January."""
    folded = vocab.fold(text)
    quarters = _QUARTER.findall(folded)
    if len(quarters) == 1 and "," not in folded:
        quarter, at_year = quarters[0]
        begin = date(int(at_year or year), 3 * _ROMAN_QUARTER[quarter] - 2, 1)
        return begin if begin.month > 1 else None
    return None


def quarter_end(text: str, year: int) -> date | None:
    quarters = _QUARTER.findall(vocab.fold(text))
    if len(quarters) == 1:
        quarter, at_year = quarters[0]
        return _month_end(3 * _ROMAN_QUARTER[quarter], int(at_year or year))
    return None


def task_dates(thoi_gian: str, hoan_thanh: str, year: int) -> dict[str, str]:
    result: dict[str, str] = {}
    start = start_date(thoi_gian, year) if thoi_gian else None
    end = (end_date(hoan_thanh) or quarter_end(hoan_thanh, year)) if hoan_thanh else None
    if end is None and thoi_gian:
        end = end_date(thoi_gian) or quarter_end(thoi_gian, year)
    if start and (end is None or start <= end):
        result["bat_dau"] = _fmt(start)
    if end:
        result["han"] = _fmt(end)
    return result
