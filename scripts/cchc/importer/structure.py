"""Read the body of a plan: header, basis, sections, closing, recipients, signature.

The result is the plan mapping (keys in the order of the schema) and notes for
staff, each tied to the key it concerns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import items as tree, references, vocab
from .types import Para

_OPENERS = re.compile(r"^(Căn cứ|Thực hiện|Theo|Triển khai)\b", re.I)
_LEAD_IN = re.compile(r"(?:^|\.\s+)((?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s[^.]{0,200}?"
                      r"(?:xây dựng|ban hành|triển khai)[^.]*)$", re.I)
_CLOSING = re.compile(r"^Trên đây\b", re.I)
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*(.*)$", re.I)
_ON_BEHALF = re.compile(r"^(TM|T\.M)\.\s*(.+)$")
_FOR = re.compile(r"^(KT|TL|TUQ|Q)\.\s*(.+)$")
_NAME = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*\s+){1,5}[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*$")
APPENDIX_TITLE = re.compile(r"^(PHỤ LỤC|PHU LUC|DANH MỤC|BIỂU|BẢNG)\b")


@dataclass
class Body:
    plan: dict = field(default_factory=dict)
    titles: dict = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    unit: dict | None = None
    texts: list[str] = field(default_factory=list)

    def note(self, key: str, message: str) -> None:
        self.notes.setdefault(key, []).append(message)


def _heading(para: Para) -> tuple[str, str] | None:
    """(kind, heading text) for a section heading, Roman-numbered or a line in capitals."""
    roman = vocab.roman_heading(para.text)
    if roman:
        return vocab.section_kind(roman[1]) or "?", para.text
    if (para.heading or vocab.is_upper_line(para.text)) and len(para.text) < 80 and not vocab.marker(para.text):
        kind = vocab.section_kind(para.text)
        if kind:
            return kind, para.text
    return None


def parse_body(paras: list) -> Body:
    body = Body()
    flat = [p for p in paras if isinstance(p, Para)]
    body.texts = [p.text for p in flat]
    first_heading = next((i for i, p in enumerate(flat) if _heading(p)), len(flat))
    _header(flat[:first_heading], body)
    end = _sections(flat[first_heading:], body)
    _closing(flat[first_heading + end:], body)
    return body


def _header(paras: list[Para], body: Body) -> None:
    plan = body.plan
    title_lines: list[str] = []
    in_title = False
    lead_in: list[str] = []
    basis: list[dict] = []
    # Lines above the document type (national motto, issuing body, "----") are not text of the plan.
    has_type_line = any(vocab.fold(p.text) in ("ke hoach", "ke hoach:") for p in paras)
    seen_type_line = False
    for para in paras:
        text = para.text
        number = references.NUMBER_LINE.match(text)
        place = references.PLACE_DATE.match(text)
        if number:
            plan["so"], plan["ky_hieu"] = number.group("so"), number.group("ky_hieu").rstrip(".")
            continue
        if place:
            plan["dia_danh"] = place.group("place").strip()
            if place.group("month"):
                day = f"{int(place.group('day')):02d}/" if place.group("day") else ""
                plan["ngay"] = f"{day}{int(place.group('month')):02d}/{place.group('year')}"
            else:
                body.note("ngay", "văn bản để trống ngày và tháng ban hành")
            continue
        if vocab.fold(text) in ("ke hoach", "ke hoach:"):
            in_title = seen_type_line = True
            continue
        if has_type_line and not seen_type_line:
            continue
        opener = _OPENERS.match(text)
        if opener:
            in_title = False
            lead = _LEAD_IN.search(text)
            cited = text[: lead.start(1)].strip() if lead and lead.start(1) > 0 else text
            if lead and lead.start(1) > 0:
                lead_in.append(lead.group(1).strip())
            word = "Thực hiện" if vocab.fold(opener.group(1)) == "thuc hien" else "Căn cứ"
            for part in references.split_references(cited):
                reference = references.parse_reference(part)
                if reference and reference.get("co_quan"):
                    basis.append({"tu_dan": word, **reference})
                else:
                    body.note("can_cu", f"chưa tách được văn bản căn cứ: “{part.strip()[:120]}”")
            continue
        if in_title and len(title_lines) < 3 and not text.endswith(":"):
            title_lines.append(text)
            continue
        if vocab.is_upper_line(text) and not lead_in:
            continue  # national motto, issuing body in capitals: kept out of the text
        lead_in.append(text)
    if title_lines:
        plan["trich_yeu"] = " ".join(title_lines)
    if basis:
        plan["can_cu"] = basis
    if lead_in:
        plan["loi_dan"] = "\n".join(lead_in)
    body.unit = references.find_unit([p.text for p in paras] + lead_in)


def _sections(paras: list[Para], body: Body) -> int:
    """Read the numbered sections; returns where the closing part starts."""
    sections: list[tuple[str, Para, list[Para]]] = []
    end = len(paras)
    for index, para in enumerate(paras):
        if _CLOSING.match(para.text) or _RECIPIENTS.match(para.text) or _ON_BEHALF.match(para.text) \
                or _FOR.match(para.text) or APPENDIX_TITLE.match(para.text):
            end = index
            break
        heading = _heading(para)
        if heading:
            sections.append((heading[0], para, []))
        elif sections:
            sections[-1][2].append(para)
    for kind, heading, content in sections:
        _section(kind, heading, content, body)
    return end


_CONTAINERS = ("muc_dich_yeu_cau", "doi_tuong_pham_vi", "noi_dung_hinh_thuc")


def _section(kind: str, heading: Para, content: list[Para], body: Body) -> None:
    plan = body.plan
    if kind == "?":
        body.note("tieu_de_muc", f"dòng {heading.line}: chưa xếp được phần “{heading.text}” vào mục nào; "
                                 "nội dung của phần này chưa được nhập")
        return
    body.titles[kind] = heading.text
    if kind in _CONTAINERS:
        _container(kind, content, body)
    elif kind == "to_chuc_thuc_hien":
        agencies = []
        for node in tree.build_tree(content):
            if node.kind is None:
                body.note("to_chuc_thuc_hien", f"dòng {node.line}: đoạn không gắn với cơ quan nào: “{node.text[:80]}”")
                continue
            item, note = tree.responsibility(node)
            agencies.append(item)
            if note:
                body.note("to_chuc_thuc_hien", f"dòng {node.line}: {note}")
        _extend(plan, "to_chuc_thuc_hien", agencies)
    elif kind == "che_do_bao_cao":
        plan.setdefault("che_do_bao_cao", {}).setdefault("noi_dung", []).extend(
            tree.to_items(tree.build_tree(content)))
    elif kind == "nhiem_vu":
        text = tree.plain_text(tree.build_tree(content))
        if text:
            plan["nhiem_vu_gioi_thieu"] = text
    elif kind in ("kinh_phi", "thoi_gian"):
        text = tree.plain_text(tree.build_tree(content))
        if text:
            plan[kind] = text
    else:  # muc_dich, yeu_cau as sections of their own
        _extend(plan, kind, tree.to_items(tree.build_tree(content)))


def _extend(plan: dict, key: str, values: list) -> None:
    if values:
        plan.setdefault(key, []).extend(values)


def _container(kind: str, content: list[Para], body: Body) -> None:
    """A section holding sub-sections ("1. Mục đích", "2. Yêu cầu") and maybe loose items."""
    parts: list[tuple[str | None, list[Para]]] = [(None, [])]
    for para in content:
        found = vocab.marker(para.text)
        sub = None
        if found and found[0] in ("1.", "a)", "1)", "1.1."):
            head = found[2].split(":", 1)[0]
            if len(head) <= 60:
                sub = vocab.subsection_kind(kind, head)
        if sub:
            body.titles[sub] = para.text.split(":", 1)[0].strip() if ":" in para.text else para.text
            parts.append((sub, []))
            rest = found[2].split(":", 1)
            if len(rest) == 2 and rest[1].strip():
                parts[-1][1].append(Para(rest[1].strip(), para.line))
        else:
            parts[-1][1].append(para)
    default = {"muc_dich_yeu_cau": "muc_dich", "noi_dung_hinh_thuc": "noi_dung",
               "doi_tuong_pham_vi": "doi_tuong"}[kind]
    for sub, paras in parts:
        if not paras:
            continue
        if sub is None:
            sub = default
            body.titles.setdefault(sub, "")
        nodes = tree.build_tree(paras)
        if sub in ("doi_tuong", "pham_vi", "thoi_gian"):
            body.plan[sub] = tree.plain_text(nodes)
        else:
            _extend(body.plan, sub, tree.to_items(nodes))


def _closing(paras: list[Para], body: Body) -> None:
    plan = body.plan
    recipients: list[str] | None = None
    signature: dict = {}
    closing: list[str] = []
    for para in paras:
        text = para.text
        if APPENDIX_TITLE.match(text) and (signature or recipients is not None):
            break
        found = _RECIPIENTS.match(text)
        if found:
            recipients = []
            if found.group(1).strip():
                recipients.append(found.group(1).strip().lstrip("-+ "))
            continue
        if _ON_BEHALF.match(text):
            signature["thay_mat"] = text
            continue
        if _FOR.match(text):
            signature["ky_thay"] = text
            continue
        marker = vocab.marker(text)
        if recipients is not None and marker and marker[0] in ("-", "+", "•") and not signature:
            recipients.append(marker[2])
            continue
        if vocab.is_upper_line(text) and (signature or recipients is not None) and "chuc_vu" not in signature:
            signature["chuc_vu"] = text
            continue
        if "chuc_vu" in signature and "ho_ten" not in signature and _NAME.match(text):
            signature["ho_ten"] = text
            continue
        if not signature and recipients is None:
            closing.append(text)
    if closing:
        plan["loi_ket"] = "\n".join(closing)
    if recipients:
        plan["noi_nhan"] = recipients
    if signature:
        if "ho_ten" not in signature:
            body.note("chu_ky", "không thấy họ tên người ký; hãy ghi vào ho_ten")
        plan["chu_ky"] = {k: signature[k] for k in ("thay_mat", "ky_thay", "chuc_vu", "ho_ten") if k in signature}
    else:
        body.note("chu_ky", "không thấy khối chữ ký (TM./KT., chức vụ, họ tên)")
