"""Numbers, dates, legal references and the issuing unit, as plans write them."""

from __future__ import annotations

import re
from collections import Counter

from . import vocab

DOC_TYPES = ("Kế hoạch", "Quyết định", "Nghị quyết", "Chỉ thị", "Công văn", "Thông tư", "Nghị định",
             "Luật", "Hướng dẫn", "Thông báo", "Kết luận", "Văn bản", "Chương trình", "Đề án", "Công điện")
_TYPES = "|".join(DOC_TYPES)
_DATE = r"\d{1,2}\s*(?:/|-|\.|\s+tháng\s+)\s*\d{1,2}\s*(?:/|-|\.|\s+năm\s+)\s*\d{4}"
_REFERENCE = re.compile(
    rf"(?P<loai>{_TYPES})\s+(?:liên tịch\s+)?số\s*:?\s*(?P<so>\d[\w./-]*(?:/[\wĐđ.-]+)+)\s*,?\s*"
    rf"(?:ngày\s+(?P<ngay>{_DATE})\s*)?(?:của\s+(?P<rest>.+))?$", re.I)
_SUBJECT = re.compile(r"\s(về|V/v|ban hành|quy định|hướng dẫn|triển khai|thực hiện)\s", re.I)

NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<so>\d*)\s*[._…\s]*/\s*(?P<ky_hieu>[A-ZĐ0-9][\wĐ.-]*)")
PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,40}),\s*ngày\s*(?P<day>\d{1,2})?[\s._…]*tháng\s*(?P<month>\d{1,2})?[\s._…]*năm\s*(?P<year>\d{4})",
    re.I)
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


UNIT = re.compile(
    r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(?P<loai>xã|phường|thị trấn|đặc khu)\s+"
    r"(?P<ten>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w'’-]*\s*){1,4})", re.I)
_UNIT_HEADER = re.compile(r"^(?P<loai>XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+(?P<ten>[A-ZĐÂĂÊÔƠƯ\w\s'-]{2,40})$")
_PROVINCE = re.compile(r"\b(?P<kind>tỉnh|thành phố)\s+(?P<name>(?:[A-ZĐÂĂÊÔƠƯ][\w]*(?:\s+|$)){1,3})")


def title_case(name: str) -> str:
    return " ".join(word[:1].upper() + word[1:].lower() for word in name.split())


def find_unit(texts: list[str]) -> dict | None:
    """The issuing commune or ward: from 'UBND phường X xây dựng...' or a header line."""
    for text in texts:
        header = _UNIT_HEADER.match(vocab.squash(text))
        if header and vocab.is_upper_line(text):
            return {"loai": header.group("loai").lower(), "ten": title_case(header.group("ten"))}
    for text in texts:
        for found in UNIT.finditer(text):
            name = found.group("ten").strip()
            words = []
            for word in name.split():
                if not word[:1].isupper():
                    break
                words.append(word)
            if words:
                return {"loai": found.group("loai").lower(), "ten": " ".join(words)}
    return None


def find_province(texts: list[str], unit_name: str | None) -> str | None:
    counts: Counter[str] = Counter()
    for text in texts:
        for found in _PROVINCE.finditer(text):
            name = found.group("name").strip()
            if name and name != unit_name and not name.startswith(("Nhà", "Trung")):
                counts[f"{found.group('kind')} {name}"] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]
