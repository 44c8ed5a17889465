"""The part of a plan above its first section: number, place and date, type, title,
basis, lead-in, and the issuing body.

Decree 30 lays the top of a document out in two columns (issuing body and number
on the left, national motto and place/date on the right). Converters flatten it
into lines in any order, or merge a left and a right cell into one line; so the
motto is cut out wherever it stands and the number and place/date are found
anywhere in a line. A plan issued by a decision ("QUYẾT ĐỊNH Về việc ban hành
Kế hoạch ...") carries the decision first: its number, date, basis and signer
are the plan's, and the plan's own title comes after the decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import references, vocab
from .types import Para

# The national motto, whole or in the pieces a narrow column wraps it into.
MOTTO = re.compile(r"C[ỘO]NG\s+H[ÒOÓ]A\s+X[ÃA]\s+H[ỘO]I(?:\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM)?"
                   r"|^\s*CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM\s*$"
                   r"|Độc\s+lập\s*[-–]\s*Tự\s+do(?:\s*[-–]\s*Hạnh\s+phúc)?\s*[-–]?|^\s*Hạnh\s+phúc\s*$", re.I)
_RULE = re.compile(r"^[-–—_=.*\s]{3,}$")
OPENERS = re.compile(r"^(Căn cứ|Thực hiện|Theo|Triển khai)\b", re.I)
_NOT_BASIS = re.compile(r"^(Theo|Xét)\s+(đề nghị|ý kiến|chỉ đạo của (Chủ tịch|lãnh đạo))", re.I)
_SUBJECT = re.compile(r"^(Về việc|V/v|Ban hành)\b", re.I)
_PLAN_IN_SUBJECT = re.compile(r"\bkế hoạch\s+", re.I)
# The lead-in ("Ủy ban nhân dân xã X xây dựng Kế hoạch ... như sau:") may follow the last basis
# in the same paragraph, behind a ".", a ";" or a ",".
_LEAD_IN = re.compile(r"(?:^|[.;,]\s+)((?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s[^.;]{0,200}?"
                      r"(?:xây dựng|ban hành|triển khai)[^.;]*)$", re.I)
# Lines in capitals that name who signs or issues, between the title and the basis.
_AUTHORITY = re.compile(r"^(BỘ TRƯỞNG|THỨ TRƯỞNG|CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|ỦY BAN NHÂN DÂN|"
                        r"UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|BAN CHỈ ĐẠO|THỦ TRƯỞNG)\b")
_ATTACHED_NOTE = re.compile(r"^\(\s*(Ban hành )?kèm theo", re.I)
_DECISION_ARTICLES = re.compile(r"^(Điều\s+\d+|QUYẾT ĐỊNH\s*:|Quyết định này\b)", re.I)
TYPE_WORDS = ("ke hoach",)


@dataclass
class Header:
    plan: dict = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)  # every header text, motto cut out: where the unit is named
    decision: list[Para] = field(default_factory=list)  # a decision's own text, when the plan is issued by one
    found_type: bool = False

    def note(self, key: str, message: str) -> None:
        self.notes.setdefault(key, []).append(message)


def split_motto(paras: list[Para]) -> list[Para]:
    """Each line with the national motto cut out; a line that held only the motto is dropped."""
    result = []
    for para in paras:
        if not MOTTO.search(para.text):
            result.append(para)
            continue
        parts = [p.strip(" -–") for p in MOTTO.split(para.text)]
        for part in parts:
            if part and not _RULE.match(part):
                result.append(Para(part, para.line, para.heading))
    return result


# Specks a scan's reader takes for punctuation ("KẾ. HOẠCH", "KẾ , HOẠCH"): never part of the type's words.
_SPECKS = re.compile(r"[.,:;'`’‘\"]+")


def type_line(text: str) -> str | None:
    """The title that follows the type on its line ("" when the line is only "KẾ HOẠCH"), or None."""
    folded = " ".join(_SPECKS.sub(" ", vocab.fold(text)).split())
    # "KẾHOẠCH": a letter-spaced heading read back (OCR, PDF text) without its space
    if folded in TYPE_WORDS or folded in (w.replace(" ", "") for w in TYPE_WORDS):
        return ""
    words = [word for word in text.split() if not _SPECKS.fullmatch(word)]
    if len(words) > 2 and vocab.fold(_SPECKS.sub("", " ".join(words[:2]))) in TYPE_WORDS and len(text) <= 250 \
            and not re.match(r"^\S+\s+\S+\s+(số|so)\b", text, re.I) and not text.rstrip().endswith((":", ";")):
        return " ".join(words[2:])
    return None


def _is_decision_type(text: str) -> bool:
    return " ".join(_SPECKS.sub(" ", vocab.fold(text)).split()) in ("quyet dinh", "quyetdinh")


def join_wrapped_date(paras: list[Para]) -> list[Para]:
    """ "Quảng Ngãi, ngày" / "20 tháng 12 năm" / "2021": a narrow column wrapped the date line."""
    result: list[Para] = []
    index = 0
    while index < len(paras):
        para = paras[index]
        if re.search(r",\s*ngày\b", para.text) and not references.PLACE_DATE_ANYWHERE.search(para.text):
            for extra in (1, 2):
                joined = " ".join(p.text for p in paras[index:index + extra + 1])
                if references.PLACE_DATE_ANYWHERE.search(joined):
                    para = Para(joined, para.line, para.heading)
                    index += extra
                    break
        result.append(para)
        index += 1
    return result


def parse_header(paras: list[Para]) -> Header:
    header = Header()
    paras = join_wrapped_date(split_motto(paras))
    header.texts = [p.text for p in paras]
    starts = [i for i, p in enumerate(paras) if type_line(p.text) is not None]
    decision_at = next((i for i, p in enumerate(paras) if _is_decision_type(p.text)), None)
    if decision_at is not None and (not starts or starts[0] > decision_at):
        # Issued by a decision: the plan either follows it under its own "KẾ HOẠCH" line, or
        # is the decision's own text ("Điều 1. Ban hành Kế hoạch ... sau đây:" and the sections).
        end = starts[0] if starts else len(paras)
        header.decision = paras[:end]
        subject = _read_decision(header.decision, header)
        paras = paras[end:]
        if not starts:
            header.found_type = bool(subject)
            if subject:
                header.plan["trich_yeu"] = subject
            return header
        starts = [0]
    header.found_type = bool(starts)
    _read_plan_header(paras, starts[0] if starts else None, header)
    return header


def _number_and_date(text: str, header: Header) -> str:
    """Takes the number and the place/date out of a line; returns what is left of it."""
    plan = header.plan
    number = references.NUMBER_ANYWHERE.search(text)
    if number and "ky_hieu" not in plan:
        plan["so"], plan["ky_hieu"] = number.group("so"), number.group("ky_hieu").rstrip(".")
        text = (text[:number.start()] + " " + text[number.end():]).strip()
    place = references.PLACE_DATE_ANYWHERE.search(text)
    if place and "dia_danh" not in plan:
        plan["dia_danh"] = place.group("place").strip()
        if place.group("month"):
            day = f"{int(place.group('day')):02d}/" if place.group("day") else ""
            plan["ngay"] = f"{day}{int(place.group('month')):02d}/{place.group('year')}"
        else:
            header.note("ngay", "văn bản để trống ngày và tháng ban hành")
        text = (text[:place.start()] + " " + text[place.end():]).strip()
    return text


def _read_decision(paras: list[Para], header: Header) -> str | None:
    """Number, date and basis of the decision; returns the title of the plan it issues."""
    subject: list[str] = []
    in_subject = in_basis = False
    for para in paras:
        text = _number_and_date(para.text, header) if not OPENERS.match(para.text) else para.text
        if not text:
            continue
        if not subject and _SUBJECT.match(text):
            subject.append(text)
            in_subject = True
            continue
        if in_subject and _continues_title(subject, text) and not _DECISION_ARTICLES.match(text):
            subject.append(text)
            continue
        in_subject = False
        if (OPENERS.match(text) or (in_basis and references.starts_reference(text))) and not _NOT_BASIS.match(text):
            _basis(text, header)
            in_basis = True
        else:
            in_basis = False
    number = f"{header.plan.get('so', '')}/{header.plan['ky_hieu']}" if "ky_hieu" in header.plan else ""
    words = " ".join(subject)
    header.plan["ghi_chu_nguon"] = (
        f"Kế hoạch ban hành kèm theo Quyết định{' số ' + number if number else ''}"
        + (f" {words[0].lower()}{words[1:]}" if words else "")
        + "; số, ngày và người ký là của Quyết định.")
    title = _PLAN_IN_SUBJECT.split(words, 1)
    return title[1].strip() if len(title) == 2 and title[1].strip() else None


def _read_plan_header(paras: list[Para], type_at: int | None, header: Header) -> None:
    plan = header.plan
    title: list[str] = []
    lead_in: list[str] = []
    state = "before" if type_at is not None else "body"
    in_basis = False  # "Quyết định số ..." after a basis, without its own "Căn cứ", is one more basis
    for index, para in enumerate(paras):
        text = _number_and_date(para.text, header) if not OPENERS.match(para.text) else para.text
        if not text:
            continue
        if index == type_at:
            rest = type_line(text)
            if rest:
                title.append(rest)
            state = "title"
            continue
        if state == "before":
            continue  # the issuing body in capitals above the type line is not text of the plan
        if _ATTACHED_NOTE.match(text):
            if "ghi_chu_nguon" not in plan:
                plan["ghi_chu_nguon"] = text
            state = "body"
            continue
        if state == "title" and _continues_title(title, text):
            title.append(text)
            continue
        state = "body"
        if _AUTHORITY.match(text) and vocab.is_upper_line(text):
            continue  # "BỘ TRƯỞNG BỘ NỘI VỤ" between the title and the basis
        if _DECISION_ARTICLES.match(text):
            continue
        if (OPENERS.match(text) or (in_basis and references.starts_reference(text))) and not _NOT_BASIS.match(text):
            in_basis = True
            lead = _LEAD_IN.search(text)
            cited = text[: lead.start(1)].strip(" ,;") if lead and lead.start(1) > 0 else text
            if lead and lead.start(1) > 0:
                lead_in.append(lead.group(1).strip())
            _basis(cited, header)
            continue
        in_basis = False
        if vocab.is_upper_line(text) and not lead_in:
            continue  # the issuing body in capitals: kept out of the text
        lead_in.append(text)
    if title:
        plan["trich_yeu"] = " ".join(title)
    if lead_in:
        plan["loi_dan"] = "\n".join(lead_in)


def _continues_title(title: list[str], text: str) -> bool:
    """Whether a line after the type line is still the title (at most four lines)."""
    # "Thực hiện công tác thông tin, ..." may be a title; "Thực hiện Kế hoạch số ..." is a basis.
    if len(title) >= 4 or text.endswith((":", ";")) or references.cites_at_start(text) \
            or text.startswith("Căn cứ") or _RULE.match(text):
        return False
    if _AUTHORITY.match(text) and vocab.is_upper_line(text):
        return False
    if not title:
        return len(text) <= 250
    if vocab.starts_lower(text):
        return True
    # An upper-case title goes on in capitals; a sentence after the title is not part of it.
    previous = title[-1]
    if vocab.is_upper_line(previous):
        return vocab.is_upper_line(text) and len(text) <= 120
    # A title has no full stop, but a scan's specks may add one to its last line.
    return not previous.endswith(".") and len(text) <= 120 and (not text.endswith(".") or len(text) < 60)


def _basis(text: str, header: Header) -> None:
    opener = OPENERS.match(text)
    word = "Thực hiện" if opener and vocab.fold(opener.group(1)) == "thuc hien" else "Căn cứ"
    for part in references.split_references(text):
        reference = references.parse_reference(part)
        if reference:
            cited = header.plan.setdefault("can_cu", [])
            if not reference.get("co_quan"):
                header.note(f"can_cu[{len(cited)}]", "văn bản không ghi cơ quan ban hành văn bản này; hãy điền co_quan")
            cited.append({"tu_dan": word, **reference})
        else:
            header.note("can_cu", f"chưa tách được văn bản căn cứ: “{part.strip()[:120]}”")
