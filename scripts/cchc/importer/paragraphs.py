"""Turn the lines of a document into paragraphs.

Two kinds of input reach us. Word, Markdown and most text files keep one
paragraph per line; only a page break may split a sentence, and then the next
line starts in lower case. Text taken from a PDF is hard-wrapped: every line is
cut near the page width, page numbers sit at the ends of lines, and a paragraph
ends only where a marker ("-", "a)", "2.") or a short line says so.
"""

from __future__ import annotations

import re
from . import vocab
from .references import cites_at_start, starts_reference
from .lines import strip_html, unglue
from .types import HeadingLine, Para, Table


_STRUCTURAL = re.compile(
    r"^(Nơi nhận|TM\.|KT\.|TL\.|TUQ\.|Q\.|Số\s*:|Trên đây|Lưu ý\s*:|Ghi chú\s*:|\(Kèm theo|\(Ban hành kèm"
    r"|\(Phụ lục|\(Chi tiết|Theo đề nghị|Xét đề nghị|Điều\s+\d+\s*\.)", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_STRONG = re.compile(r"\*\*|__")
_MD_EM = re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_TRAILING_PAGE_NUMBER = re.compile(r"\s\d{1,3}\s*$")


def clean_line(line: str, kind: str) -> str:
    if "<" in line or "&" in line:
        line = " ".join(strip_html(line).split("\n"))
    if kind == "md":
        line = _MD_HEADING.sub("", line)
        line = _MD_ESCAPE.sub(r"\1", line)
        if line.strip() in ("---", "***", "___"):
            return ""
    line = _MD_STRONG.sub("", line)
    line = _MD_EM.sub(r"\1", line)
    return unglue(line).rstrip()


def opens_paragraph(text: str) -> bool:
    """A line that starts a paragraph of its own, whatever came before it."""
    return bool(vocab.marker(text) or vocab.roman_heading(text) or _STRUCTURAL.match(text)
                or vocab.is_upper_line(text) or cites_at_start(text))


def is_hard_wrapped(lines: list[str]) -> bool:
    body = [line.strip() for line in lines if line.strip()]
    if len(body) < 20:
        return False
    continued = sum(1 for line in body if vocab.starts_lower(line) and not vocab.marker(line))
    if continued / len(body) > 0.2:
        return True
    # Cut near one width whatever the sentence: many long lines end in mid-sentence.
    width = _width(body)
    long_lines = [line for line in body if len(line) >= 0.75 * width]
    cut = sum(1 for line in long_lines if not re.search(r"[.;:!?…)]$", line))
    return len(long_lines) >= 5 and cut / len(long_lines) > 0.4


def _width(lines: list[str]) -> int:
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def paragraphs(items: list, kind: str, first_line: int = 1) -> list:
    """Paragraphs (`Para`) and tables, in document order."""
    text_lines = [clean_line(i, kind) if isinstance(i, str) else "" for i in items]
    wrapped = is_hard_wrapped([t for t in text_lines if t])
    width = _width(text_lines)
    result: list = []
    current: Para | None = None
    last_raw = ""
    for index, item in enumerate(items):
        if isinstance(item, Table):
            result.append(item)
            current = None
            continue
        line = text_lines[index]
        if not line.strip():
            continue
        raw = line
        if wrapped and _TRAILING_PAGE_NUMBER.search(line) and _next_starts_indented(items, index):
            line = _TRAILING_PAGE_NUMBER.sub("", line)  # "... tinh gọn đầu 3" + new page
        text = vocab.squash(line)
        heading = isinstance(item, HeadingLine) or (kind == "md" and bool(_MD_HEADING.match(item)))
        if current is not None and not heading and not current.heading \
                and _continues(last_raw.strip(), text, wrapped, width):
            current.text = _join(current.text, text)
        else:
            current = Para(text, first_line + index, heading)
            result.append(current)
        last_raw = raw
    return result


def _next_starts_indented(items: list, index: int) -> bool:
    for item in items[index + 1:]:
        if isinstance(item, Table):
            return False
        if item.strip():
            return item[:1].isspace()
    return False


def _continues(previous: str, text: str, wrapped: bool, width: int) -> bool:
    if opens_paragraph(text) or vocab.is_upper_line(previous):
        return False
    if vocab.starts_lower(text):
        return True
    if not wrapped or (previous.endswith(";") and starts_reference(text)):
        return False  # "...;" then "Quyết định số ...": the next document of a basis list
    return len(previous) >= 0.75 * width


def _join(left: str, right: str) -> str:
    if left.endswith("/") or (left.endswith("-") and len(left) > 1 and not left[-2].isspace()):
        return left + right  # "07/KH-" + "UBND", "Tháng 12/" + "2026"
    return f"{left} {right}"
