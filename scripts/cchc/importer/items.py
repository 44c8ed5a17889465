"""Nest the paragraphs of a section into items, whatever numbering it uses.

A marker kind seen for the first time opens a deeper level; a kind already open
closes everything below it. So "1." > "a)" > "-" > "+" and "I." > "1." > "-"
come out the same way, and so does any other order a document chooses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import vocab
from .types import Para

_CLOSING = re.compile(r"[.;:!?…]$|\./\.$")
_LEAF_AS_TEXT = {"-", "•"}


@dataclass
class Node:
    kind: str | None
    label: str | None
    text: str
    line: int
    children: list["Node"] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    @property
    def heading_like(self) -> bool:
        return not _CLOSING.search(self.text) and len(self.text) <= 150


def build_tree(paras: list[Para]) -> list[Node]:
    roots: list[Node] = []
    stack: list[Node] = []
    for para in paras:
        found = vocab.marker(para.text)
        if found:
            kind, label, rest = found
            node = Node(kind, label, rest, para.line)
            level = next((i for i, open_node in enumerate(stack) if open_node.kind == kind), None)
            if level is not None:
                del stack[level:]
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
            continue
        top = stack[-1] if stack else None
        if top is not None and not top.children and (top.body or top.heading_like or top.text.endswith(":")):
            # "2. Văn phòng HĐND và UBND" followed by its paragraph; "- ..., cụ thể:" followed by
            # the unmarked paragraphs it announces
            top.body.append(para.text)
            continue
        roots.append(Node(None, None, para.text, para.line))
        stack = []  # an unmarked paragraph stands at the level of the section
    return roots


def to_item(node: Node):
    """The YAML shape of one item: a plain string for a bullet, else a mapping."""
    if node.kind is None and not node.children:
        return {"noi_dung": "\n".join([node.text, *node.body])}
    if node.kind in _LEAF_AS_TEXT and not node.children and not node.body:
        return node.text
    item: dict = {}
    if node.label:
        item["nhan"] = node.label
    if node.kind in ("1.", "1.1.", "1)") and node.heading_like and (node.children or node.body):
        item["tieu_de"] = node.text
        if node.body:
            item["noi_dung"] = "\n".join(node.body)
    else:
        item["noi_dung"] = "\n".join([node.text, *node.body])
    if node.children:
        item["muc"] = [to_item(child) for child in node.children]
    return item


def to_items(nodes: list[Node]) -> list:
    return [to_item(node) for node in nodes]


def plain_text(nodes: list[Node]) -> str:
    """A section that is one text (kinh phí, ...): its paragraphs, labels kept."""
    lines: list[str] = []

    def walk(node: Node) -> None:
        lines.append(f"{node.label} {node.text}" if node.label else node.text)
        lines.extend(node.body)
        for child in node.children:
            walk(child)

    for node in nodes:
        walk(node)
    return "\n".join(lines)


def responsibility(node: Node) -> tuple[dict, str | None]:
    """One agency of "Tổ chức thực hiện"; a note when the agency is unclear."""
    item: dict = {}
    if node.label:
        item["nhan"] = node.label
    head, text, note = node.text, None, None
    if not node.heading_like:
        colon = head.find(":")
        # "Các sở, ban, ngành; UBND các huyện: Xây dựng kế hoạch ...": the name ends at the colon
        if 0 < colon <= 150 and (vocab.is_agency_start(head) or head[:1].isupper()) and "." not in head[:colon]:
            head, text = head[:colon].strip(), head[colon + 1:].strip()
        else:
            note = "không tách được tên cơ quan khỏi nội dung; cả đoạn được ghi vào co_quan"
    item["co_quan"] = head
    texts = ([text] if text else []) + node.body
    if node.children:
        item["muc"] = texts + to_items(node.children)
    elif len(texts) == 1:
        item["noi_dung"] = texts[0]
    elif texts:
        item["muc"] = texts
    return item, note
