"""The reporting schedule a plan states: which reports (quarter, half-year, year) are due when.

Plans say it in one sentence or several, in many ways: "Báo cáo quý I, III trước
ngày 12 tháng cuối quý", "báo cáo quý I, quý III trước ngày 15 của tháng cuối
quý; báo cáo 6 tháng trước ngày 15/6/2026", "báo cáo định kỳ quý, 6 tháng, năm
... trước ngày 15 của tháng cuối quý", "Báo cáo kết quả thực hiện năm 2025 ...
trước ngày 05/12/2025". Each clause names its reports and one deadline: a date,
or a day of the last month of the period. The second and fourth quarters are
covered by the half-year and year reports, so they get no report of their own.
"""

from __future__ import annotations

import re
from datetime import date

from . import vocab

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTERS = re.compile(r"\bquy\s+((?:iv|iii|ii|i|[1-4])\b(?:\s*(?:,|va)\s*(?:quy\s+)?(?:iv|iii|ii|i|[1-4])\b)*)")
_ANY_QUARTER = re.compile(r"(?<!cuoi )\bquy\b(?!\s+(?:iv|iii|ii|i|[1-4])\b)")
_HALF = re.compile(r"\b(6|sau) thang\b")
_YEAR = re.compile(r"(?:^|\bbao cao|,|\bva)\s*(?:dinh ky\s+)?(?:ket qua\s+)?(?:thuc hien\s+)?(?:cong tac\s+)?nam\b")
_BY_DATE = re.compile(r"(?:truoc|cham nhat|han)\s+(?:ngay\s*)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_BY_DAY = re.compile(r"(?:truoc|cham nhat)\s+(?:ngay\s*)?(\d{1,2})\s+(?:cua\s+)?(?:hang\s+)?thang cuoi\s+(?:quy|ky)")
# One clause per report: "...; báo cáo 6 tháng ...", "..., báo cáo năm ...", "... và (báo cáo) năm ..."
_CLAUSES = re.compile(r";|\.\s|\n|,\s(?=bao cao\b)|\s(?=va (?:bao cao\s+)?(?:nam|6 thang|sau thang|quy)\b)")
_NAMES = {"Q": "Báo cáo quý {}", "H1": "Báo cáo 6 tháng", "Y": "Báo cáo năm"}
_ROMAN_NAME = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _valid(day: int, month: int, year: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _reports(folded: str) -> list[tuple[str, int]]:
    """(kind, last month of its period) for each report a clause names."""
    found: list[tuple[str, int]] = []
    quarters = _QUARTERS.search(folded)
    if quarters:
        numbers = [_ROMAN[q] for q in re.findall(r"iv|iii|ii|i|[1-4]", quarters.group(1))]
        found += [("Q", 3 * n) for n in numbers if n in (1, 3)]  # explicit II, IV: see the docstring
    elif _ANY_QUARTER.search(folded):
        found += [("Q", 3), ("Q", 6), ("Q", 9), ("Q", 12)]  # see report_periods for Q2 and Q4
    if _HALF.search(folded):
        found.append(("H1", 6))
    if _YEAR.search(folded):
        found.append(("Y", 12))
    return found


def report_periods(texts: list[str], year: int) -> list[dict]:
    periods: dict[str, dict] = {}
    for text in texts:
        for line in text.split("\n"):
            source = vocab.squash(line.strip().lstrip("-+ ").strip())
            folded = vocab.fold(line)
            if "bao cao" not in folded:
                continue
            for clause in _CLAUSES.split(folded):
                by_date, by_day = _BY_DATE.search(clause), _BY_DAY.search(clause)
                if not (by_date or by_day):
                    continue
                for kind, month in _reports(clause):
                    if by_date:
                        deadline = _valid(*map(int, by_date.groups()))
                    elif by_day:
                        deadline = _valid(int(by_day.group(1)), month, year)
                    if deadline is None:
                        continue
                    key = {"Q": f"{year}-Q{month // 3}", "H1": f"{year}-H1", "Y": str(year)}[kind]
                    name = _NAMES[kind].format(_ROMAN_NAME.get(month // 3, ""))
                    # A later statement wins: the task table, read after the sections, names the
                    # unit's own reports where "Chế độ báo cáo" may give its agencies' deadlines.
                    periods[key] = {"ky": key, "ten": name, "han": deadline.strftime("%d/%m/%Y"), "nguon": source}
    # "Báo cáo quý" means every quarter, but the half-year report stands for the second
    # and the year report for the fourth.
    if f"{year}-H1" in periods:
        periods.pop(f"{year}-Q2", None)
    if str(year) in periods:
        periods.pop(f"{year}-Q4", None)
    order = {f"{year}-Q1": 0, f"{year}-Q2": 1, f"{year}-H1": 1, f"{year}-Q3": 2, f"{year}-Q4": 3, str(year): 3}
    return sorted(periods.values(), key=lambda p: order.get(p["ky"], 9))
