"""Split a Markdown file into its YAML front matter and body, keeping file positions.

mkdocs parses front matter with PyYAML's guessing loader and shows broken
front matter as page text; the portal parses it with our loader instead and
hands the engine only the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..base.problems import Mark, ProblemList
from .memo import read_bytes, remembered
from .yaml_tree import Node, decode, parse_text

_FENCE = re.compile(r"^---[ \t]*$")


@dataclass
class MarkdownSource:
    path: str
    root: Node | None  # the front matter tree, None when missing or broken
    body: str
    body_line: int  # the file line where the body starts
    head: list[str] = field(default_factory=list)  # the front matter's lines, fences included


def split(path: str, text: str, problems: ProblemList) -> MarkdownSource:
    """The front matter and body of a file's text. The preview's engine reads every post on each save:
    where parses are remembered, the same text of the same file is split once (callers only read it)."""
    return remembered(("split", path), text, lambda found: _split(path, text, found), problems)


def _split(path: str, text: str, problems: ProblemList) -> MarkdownSource:
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        problems.error(Mark(1, 1), "Thiếu phần thông tin đầu bài (front matter): tệp phải bắt đầu bằng dòng '---'.")
        return MarkdownSource(path, None, text, 1)
    closing = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if closing is None:
        problems.error(Mark(1, 1), "Phần thông tin đầu bài mở bằng '---' nhưng không có dòng '---' đóng lại.")
        return MarkdownSource(path, None, "", len(lines))
    source = parse_text(path, "\n".join(lines[1:closing]) + "\n", line_offset=1)
    problems.extend(source.problems)
    body = "\n".join(lines[closing + 1:])
    return MarkdownSource(path, source.root, body, closing + 2, lines[:closing + 1])


def read_text(path: str, problems: ProblemList) -> str | None:
    """A Markdown file's text: strict UTF-8 (BOM allowed), LF line ends, NFC, within the size limit."""
    try:
        data = read_bytes(path)
    except OSError as err:
        problems.error(None, f"Không mở được tệp: {err.strerror}.")
        return None
    return decode(problems.path, data, problems)


def read(path: str, shown: str, problems: ProblemList) -> MarkdownSource | None:
    text = read_text(path, problems)
    if text is None:
        return None
    return split(shown, text, problems)


def body_and_line(text: str) -> tuple[str, int]:
    """The Markdown after the front matter, and the file line it starts on (1 without front matter)."""
    lines = text.split("\n")
    if lines and _FENCE.match(lines[0]):
        for i in range(1, len(lines)):
            if _FENCE.match(lines[i]):
                return "\n".join(lines[i + 1:]), i + 2
    return text, 1


def body_of(text: str) -> str:
    """The Markdown after the front matter (for the engine, which must not parse it)."""
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    if lines and _FENCE.match(lines[0]):
        for i in range(1, len(lines)):
            if _FENCE.match(lines[i]):
                return "\n".join(lines[i + 1:])
    return text
