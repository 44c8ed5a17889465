"""Dates as staff write them and as administrative documents print them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MY = re.compile(r"^(\d{1,2})/(\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

DATE_HINT = "viết dạng ngày/tháng/năm (ví dụ 15/01/2026) hoặc năm-tháng-ngày (2026-01-15)"


class DateError(ValueError):
    pass


def _checked(year: int, month: int, day: int, text: str) -> date:
    if not 1900 <= year <= 2200:
        raise DateError(f"Năm {year} trong '{text}' nằm ngoài khoảng hợp lý.")
    if not 1 <= month <= 12:
        raise DateError(f"Ngày '{text}' không tồn tại: tháng phải từ 1 đến 12.")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"Ngày '{text}' không tồn tại (tháng {month} năm {year} không có ngày {day}).") from None


def parse_date(text: str) -> date:
    text = text.strip()
    if m := _DMY.match(text):
        return _checked(int(m[3]), int(m[2]), int(m[1]), text)
    if m := _ISO.match(text):
        return _checked(int(m[1]), int(m[2]), int(m[3]), text)
    raise DateError(f"Không hiểu ngày '{text}': hãy {DATE_HINT}.")


@dataclass(frozen=True)
class PartialDate:
    """An issue date whose day may be left blank, as in 'ngày   tháng 01 năm 2026'."""

    year: int
    month: int
    day: int | None = None

    def as_date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.day else None

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}"


def parse_partial_date(text: str) -> PartialDate:
    stripped = text.strip()
    if m := _MY.match(stripped):
        _checked(int(m[2]), int(m[1]), 1, stripped)
        return PartialDate(int(m[2]), int(m[1]))
    if m := _ISO_MONTH.match(stripped):
        _checked(int(m[1]), int(m[2]), 1, stripped)
        return PartialDate(int(m[1]), int(m[2]))
    full = parse_date(stripped)
    return PartialDate(full.year, full.month, full.day)


def _pad_day(day: int) -> str:
    # Decree 30/2020: days below 10 and the months January and February take a leading zero.
    return f"{day:02d}"


def _pad_month(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def viet_long(value: date | PartialDate | None) -> str:
    """'ngày 15 tháng 01 năm 2026'; a blank day stays blank."""
    if value is None:
        return ""
    day = value.day
    day_text = _pad_day(day) if day else "\u2026"
    return f"ngày {day_text} tháng {_pad_month(value.month)} năm {value.year}"


def viet_short(value: date | PartialDate | None) -> str:
    """'15/01/2026' (or '01/2026' when the day is blank)."""
    if value is None:
        return ""
    if value.day:
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return f"{value.month:02d}/{value.year}"


AS_OF_YEARS = (2000, 2100)  # a progress date outside this is a typo, never a wish


def parse_as_of(text: str) -> date:
    day = parse_date(text)
    if not AS_OF_YEARS[0] <= day.year <= AS_OF_YEARS[1]:
        raise DateError(f"Ngày tính tiến độ '{text.strip()}' phải trong các năm {AS_OF_YEARS[0]}–{AS_OF_YEARS[1]}.")
    return day


def as_of_date(value: str | None = None) -> date:
    """The date progress is computed at: an explicit value (dd/mm/yyyy or ISO), else the
    CCHC_AS_OF environment variable, else SOURCE_DATE_EPOCH (reproducible builds), else today."""
    value = value or os.environ.get("CCHC_AS_OF")
    if value:
        return parse_as_of(value)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), timezone.utc).date()
    return date.today()
