"""The numbered sections of a plan, recognised by their words, not their numerals."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import items as tree, vocab
from .closing import starts_closing
from .types import Para

CONTAINERS = ("muc_dich_yeu_cau", "doi_tuong_pham_vi", "noi_dung_hinh_thuc")
_DEFAULT_PART = {"muc_dich_yeu_cau": "muc_dich", "noi_dung_hinh_thuc": "noi_dung", "doi_tuong_pham_vi": "doi_tuong"}
_TEXT_PARTS = ("doi_tuong", "pham_vi", "thoi_gian")


@dataclass
class Sections:
    plan: dict = field(default_factory=dict)
    titles: dict = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    task_items: list = field(default_factory=list)  # items of a "Nhiệm vụ" section, see finish()

    def note(self, key: str, message: str) -> None:
        self.notes.setdefault(key, []).append(message)


def heading(para: Para) -> tuple[str, str] | None:
    """(kind, heading text) for a section heading, Roman-numbered or a line in capitals."""
    roman = vocab.roman_heading(para.text)
    if roman:
        return vocab.section_kind(roman[1]) or "?", para.text
    if (para.heading or vocab.is_upper_line(para.text)) and len(para.text) < 80 and not vocab.marker(para.text):
        kind = vocab.section_kind(para.text)
        if kind:
            return kind, para.text
    marked = vocab.marker(para.text)
    if marked and marked[0] == "1." and vocab.is_upper_line(marked[2]) and len(para.text) < 80:
        kind = vocab.section_kind(marked[2])  # "1. MỤC TIÊU, YÊU CẦU": sections numbered 1., 2., ...
        if kind:
            return kind, para.text
    return None


def read_sections(paras: list[Para]) -> tuple[Sections, int]:
    """The sections, and where the closing part starts."""
    found: list[tuple[str, Para, list[Para]]] = []
    end = len(paras)
    for index, para in enumerate(paras):
        if starts_closing(para.text):
            end = index
            break
        kind = heading(para)
        if kind:
            found.append((kind[0], para, []))
        elif found:
            found[-1][2].append(para)
    result = Sections()
    for section_kind, head, content in found:
        _section(section_kind, head, content, result)
    _finish(result)
    return result, end


def _section(kind: str, head: Para, content: list[Para], result: Sections) -> None:
    plan = result.plan
    if kind == "?":
        result.note("tieu_de_muc", f"dòng {head.line}: chưa xếp được phần “{head.text}” vào mục nào; "
                                   "nội dung của phần này chưa được nhập")
        return
    result.titles[kind] = head.text
    if kind in CONTAINERS:
        _container(kind, content, result, _named_part(kind, head.text))
    elif kind == "to_chuc_thuc_hien":
        agencies = []
        for node in tree.build_tree(content):
            if node.kind is None:
                if "bao cao" in vocab.fold(node.text):
                    # "Báo cáo kết quả ... trước ngày ...": the reporting rule, written under the agencies
                    plan.setdefault("che_do_bao_cao", {}).setdefault("noi_dung", []).append(node.text)
                    continue
                result.note("to_chuc_thuc_hien", f"dòng {node.line}: đoạn không gắn với cơ quan nào: “{node.text[:80]}”")
                continue
            item, note = tree.responsibility(node)
            agencies.append(item)
            if note:
                result.note("to_chuc_thuc_hien", f"dòng {node.line}: {note}")
        _extend(plan, "to_chuc_thuc_hien", agencies)
    elif kind == "che_do_bao_cao":
        plan.setdefault("che_do_bao_cao", {}).setdefault("noi_dung", []).extend(
            tree.to_items(tree.build_tree(content)))
    elif kind == "nhiem_vu":
        result.task_items.append((head, tree.build_tree(content)))
    elif kind in ("kinh_phi", "thoi_gian"):
        text = tree.plain_text(tree.build_tree(content))
        if text:
            plan[kind] = text
    elif kind in _TEXT_PARTS:
        text = tree.plain_text(tree.build_tree(content))
        if text:
            plan[kind] = text
    else:  # muc_dich, yeu_cau, noi_dung, hinh_thuc as sections of their own
        _extend(plan, kind, tree.to_items(tree.build_tree(content)))


def _finish(result: Sections) -> None:
    """A "Nhiệm vụ" section introduces the task table (or lists the tasks in prose): one text."""
    texts = [tree.plain_text(nodes) for _, nodes in result.task_items]
    text = "\n".join(t for t in texts if t)
    if text:
        result.plan["nhiem_vu_gioi_thieu"] = text


def _extend(plan: dict, key: str, values: list) -> None:
    if values:
        plan.setdefault(key, []).extend(values)


def _named_part(kind: str, title: str) -> str:
    """The part a container's loose items belong to: the one its heading names, if only one."""
    named = [sub for sub, phrase in vocab.SUBSECTION_PHRASES[kind] if vocab.has_phrase(vocab.fold(title), phrase)]
    return named[0] if len(set(named)) == 1 else _DEFAULT_PART[kind]


def _container(kind: str, content: list[Para], result: Sections, default: str) -> None:
    """A section holding sub-sections ("1. Mục đích", "2. Yêu cầu") and maybe loose items."""
    parts: list[tuple[str | None, list[Para]]] = [(None, [])]
    for para in content:
        found = vocab.marker(para.text)
        sub = None
        if found and found[0] in ("1.", "a)", "1)", "1.1."):
            head = found[2].split(":", 1)[0]
            if len(head) <= 60:
                sub = vocab.subsection_kind(kind, head)
                if sub == "muc_dich" and vocab.is_objective_heading(head):
                    # "1. Mục tiêu chung", "2. Mục tiêu cụ thể": headed items of the objectives
                    if parts[-1][0] not in (None, "muc_dich"):
                        parts.append(("muc_dich", []))
                    parts[-1][1].append(para)
                    continue
        if sub and found:
            result.titles[sub] = para.text.split(":", 1)[0].strip() if ":" in para.text else para.text
            parts.append((sub, []))
            rest = found[2].split(":", 1)
            if len(rest) == 2 and rest[1].strip():
                parts[-1][1].append(Para(rest[1].strip(), para.line))
        else:
            parts[-1][1].append(para)
    for sub, paras in parts:
        if not paras:
            continue
        if sub is None:
            sub = default
            result.titles.setdefault(sub, "")
        nodes = tree.build_tree(paras)
        if sub in _TEXT_PARTS:
            result.plan[sub] = tree.plain_text(nodes)
        else:
            _extend(result.plan, sub, tree.to_items(nodes))
