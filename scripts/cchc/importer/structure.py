"""Read the body of a plan: header (header.py), sections (sections.py), closing (closing.py).

The result is the plan mapping and notes for staff, each tied to the key it
concerns, and who issued it (issuer.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import closing as end_part, header as head_part, issuer as issuer_part, sections as section_part
from .types import Para


@dataclass
class Body:
    plan: dict = field(default_factory=dict)
    titles: dict = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    unit: dict = field(default_factory=dict)
    issuer: str | None = None  # a body above the commune level, when that is who issued the plan
    texts: list[str] = field(default_factory=list)
    found_type: bool = False  # the document names its type, "KẾ HOẠCH"

    def note(self, key: str, message: str) -> None:
        self.notes.setdefault(key, []).append(message)


def parse_body(paras: list) -> Body:
    body = Body()
    flat = [p for p in paras if isinstance(p, Para)]
    body.texts = [p.text for p in flat]
    first_heading = next((i for i, p in enumerate(flat) if section_part.heading(p)), None)
    if first_heading is None:
        # No section heading: the header ends where the closing begins.
        first_heading = next((i for i, p in enumerate(flat) if end_part.starts_closing(p.text)), len(flat))
    header = head_part.parse_header(flat[:first_heading])
    body.found_type = header.found_type
    _merge(body, header.plan, header.notes)
    sections, end = section_part.read_sections(flat[first_heading:])
    _merge(body, sections.plan, sections.notes)
    body.titles = sections.titles
    closing = end_part.read_closing(flat[first_heading + end:])
    if header.decision:
        # A plan issued by a decision is signed by the decision's signer, and sent with it.
        decision = end_part.read_closing(header.decision)
        closing.signature = closing.signature or decision.signature
        closing.recipients = closing.recipients or decision.recipients
    _closing(closing, body)
    found = issuer_part.find_issuer(header.texts, body.plan.get("trich_yeu", ""),
                                    body.plan.get("loi_dan", "").split("\n"), body.plan.get("dia_danh"))
    body.unit = found.unit
    if found.body:
        body.issuer = found.body
        body.plan["co_quan_ban_hanh"] = found.body
    return body


def _merge(body: Body, plan: dict, notes: dict[str, list[str]]) -> None:
    for key, value in plan.items():
        if isinstance(value, list) and isinstance(body.plan.get(key), list):
            body.plan[key].extend(value)
        else:
            body.plan.setdefault(key, value)
    for key, messages in notes.items():
        body.notes.setdefault(key, []).extend(messages)


def _closing(closing: end_part.Closing, body: Body) -> None:
    plan = body.plan
    if closing.words:
        plan["loi_ket"] = "\n".join(closing.words)
    if closing.recipients:
        plan["noi_nhan"] = closing.recipients
    signature = end_part.signature_of(closing)
    if signature:
        if "ho_ten" not in signature:
            body.note("chu_ky", "không thấy họ tên người ký; hãy ghi vào ho_ten")
        plan["chu_ky"] = signature
    else:
        body.note("chu_ky", "không thấy khối chữ ký (TM./KT., chức vụ, họ tên)")
