"""Numbers, dates, legal references and the issuing unit, as plans write them."""

from __future__ import annotations

import re

from . import vocab

DOC_TYPES = ("Kế hoạch", "Quyết định", "Nghị quyết", "Chỉ thị", "Công văn", "Thông tư", "Nghị định",
             "Luật", "Hướng dẫn", "Thông báo", "Kết luận", "Văn bản", "Chương trình", "Đề án", "Công điện")
_TYPES = "|".join(DOC_TYPES)
_DATE = r"\d{1,2}\s*(?:/|-|\.|\s+tháng\s+)\s*\d{1,2}\s*(?:/|-|\.|\s+năm\s+)\s*\d{4}"
# "Kế hoạch số 125/KH-UBND ngày ... của UBND tỉnh ... về ...", "Luật Tổ chức chính quyền địa
# phương số 72/2025/QH15 ngày ...", "Chỉ thị số 07/CT-TTg ngày ... về việc ..." (no issuer named).
_REFERENCE = re.compile(
    rf"(?P<loai>{_TYPES})(?:\s+[^;]{{1,120}}?)?\s+(?:liên tịch\s+)?số\s*:?\s*(?P<so>\d[\w./-]*(?:/[\wĐđ.-]+)+)\s*,?\s*"
    rf"(?:ngày\s+(?P<ngay>{_DATE})\s*,?\s*)?(?:của\s+(?P<rest>.+)|(?P<subject>(?:về|V/v|ban hành|quy định|hướng dẫn)\b.*))?$",
    re.I)
_SUBJECT = re.compile(r"\s(về|V/v|ban hành|quy định|hướng dẫn|triển khai|thực hiện)\s", re.I)

UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper())
# "Số: 01 /KH-UBND" anywhere in a line (a merged header puts the place and date after it). The
# symbol is in capitals, so a word a converter glued to it ("KH-UBNDngày") is not part of it.
NUMBER_ANYWHERE = re.compile(rf"(?<!\w)Số\s*:?\s*(?P<so>\d*)\s*[._…\s]*/\s*(?P<ky_hieu>[{UPPER}0-9][{UPPER}0-9.-]*)")
PLACE_DATE_ANYWHERE = re.compile(
    rf"(?P<place>(?:TP\.\s*)?[{UPPER}][\w'’-]*(?:\s+[{UPPER}][\w'’-]*){{0,4}})\s*,\s*ngày\s*(?P<day>\d{{1,2}})?"
    r"[\s._…]*tháng\s*(?P<month>\d{1,2})?[\s._…]*năm\s*(?P<year>\d{4})")
ATTACHED_TO = re.compile(
    r"Kế hoạch\s+số\s*:?\s*(?P<so>\d*)\s*/\s*(?P<ky_hieu>[\wĐ.-]+)\s*,?\s*ngày\s*(?P<date>[\d\s/]*(?:tháng\s*\d{1,2}\s*năm\s*\d{4})?)",
    re.I)


def date_text(raw: str) -> str | None:
    """'29 tháng 12 năm 2025', '20/01/2026' → '29/12/2025'; a blank day → '01/2026'."""
    found = re.search(r"(\d{1,2})?\s*(?:/|-|\.|tháng)\s*(\d{1,2})\s*(?:/|-|\.|năm)\s*(\d{4})", raw)
    if not found:
        return None
    day, month, year = found.groups()
    if not day:
        return f"{int(month):02d}/{year}"
    return f"{int(day):02d}/{int(month):02d}/{year}"


def parse_reference(text: str) -> dict | None:
    text = vocab.squash(text).rstrip(";.,")
    found = _REFERENCE.search(text)
    if not found:
        return None
    reference = {"loai": found.group("loai")[0].upper() + found.group("loai")[1:].lower(),
                 "so": found.group("so").rstrip(".,")}
    if found.group("ngay"):
        reference["ngay"] = date_text(found.group("ngay"))
    rest = found.group("rest")
    if found.group("subject"):
        reference["trich_yeu"] = found.group("subject").strip()
    if rest:
        subject = _SUBJECT.search(" " + rest + " ")
        if subject and subject.start() > 0:
            reference["co_quan"] = rest[: subject.start() - 1].strip().rstrip(",")
            reference["trich_yeu"] = rest[subject.start():].strip()
        else:
            reference["co_quan"] = rest.strip()
    return reference


def split_references(paragraph: str) -> list[str]:
    """One 'Căn cứ' paragraph may cite several documents, separated by ';'."""
    parts = re.split(r";\s*(?=(?:" + _TYPES + r")\s)", paragraph)
    return [p for p in parts if p.strip()]


_STARTS_REFERENCE = re.compile(rf"^(?:{_TYPES})\b[^;]{{0,120}}?\bsố\s*:?\s*\d", re.I)


def starts_reference(text: str) -> bool:
    """ "Quyết định số 649/QĐ-UBND ..." at the start of a paragraph."""
    return bool(_STARTS_REFERENCE.match(text))


_CITES = re.compile(rf"^(?-i:Căn cứ|Thực hiện)\s+(?:các\s+)?(?:{_TYPES})\b", re.I)


def cites_at_start(text: str) -> bool:
    """ "Căn cứ Nghị quyết ...", "Thực hiện Kế hoạch ...": a basis, which opens a paragraph."""
    return bool(_CITES.match(text))
