"""Read staff YAML as plain text with positions.

PyYAML's safe loader guesses types (``no`` becomes False, ``0243`` becomes
163, ``7:30`` becomes 450), accepts duplicate keys and raises bare errors on
impossible dates.  We therefore never construct Python objects with it: we
walk its event stream and build our own tree in which every scalar stays a
string, every node knows its line and column, and every hazard becomes a
reported problem.  The schema decides later what a string means.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Union

import yaml

from ..base.problems import Mark, Problem, ProblemList
from ..base.text import CONTROLS
from .memo import MAX_BYTES, read_bytes, remembered

MAX_DEPTH = 64
MAX_CHARS = 20_000  # one value; a whole section of a plan is a few thousand characters
MAX_REPORTED = 10  # control characters reported per file


@dataclass
class Scalar:
    value: str
    mark: Mark
    plain: bool  # written without quotes: ` #` may have cut it short


@dataclass
class Sequence:
    items: list["Node"]
    mark: Mark


@dataclass
class Mapping:
    pairs: list[tuple[Scalar, "Node"]]
    mark: Mark


Node = Union[Scalar, Sequence, Mapping]


@dataclass
class SourceFile:
    path: str
    text: str | None = None
    root: Node | None = None
    problems: list[Problem] = field(default_factory=list)


def _mark(yaml_mark, line_offset: int = 0) -> Mark:
    return Mark(yaml_mark.line + 1 + line_offset, yaml_mark.column + 1)


def decode(path: str, data: bytes, problems: ProblemList) -> str | None:
    """Strict UTF-8 (BOM allowed), LF line ends, NFC."""
    return remembered(("decode", path), data, lambda found: _decode(path, data, found), problems)


def _decode(path: str, data: bytes, problems: ProblemList) -> str | None:
    if len(data) > MAX_BYTES:
        problems.error(None, f"Tệp quá lớn ({len(data):,} byte); giới hạn là {MAX_BYTES:,} byte. "
                             "Hãy tách nội dung thành nhiều tệp.")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        problems.error(Mark(line, col),
                       f"Tệp không phải UTF-8 (byte 0x{data[err.start]:02X} không hợp lệ). "
                       "Có thể tệp được lưu bằng bảng mã Windows-1258 hoặc TCVN3: "
                       "hãy mở tệp và lưu lại với bảng mã UTF-8.")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for found in list(CONTROLS.finditer(text))[:MAX_REPORTED]:
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        problems.error(Mark(line, col), _control_message(found.group(0)))
    return unicodedata.normalize("NFC", text)


def _control_message(char: str) -> str:
    return (f"Có ký tự điều khiển không in được (U+{ord(char):04X}), thường do chép từ phần mềm khác: "
            "hãy xóa ký tự đó.")


def _tab_indents(text: str, problems: ProblemList, line_offset: int = 0) -> bool:
    found = False
    for number, line in enumerate(text.split("\n"), start=1 + line_offset):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.error(Mark(number, indent.index("\t") + 1),
                           "Thụt lề bằng phím Tab: YAML chỉ chấp nhận dấu cách. "
                           "Hãy thay Tab bằng dấu cách.")
            found = True
    return found


_SYNTAX_HINTS = {
    "mapping values are not allowed here":
        "dấu hai chấm ':' đứng giữa giá trị; hãy đặt giá trị trong dấu ngoặc kép",
    "could not find expected ':'": "thiếu dấu hai chấm ':' sau tên khóa",
    "found character '\\t' that cannot start any token": "có ký tự Tab; hãy dùng dấu cách",
    "did not find expected key": "thụt lề không đều hoặc thiếu dấu '-' ở đầu mục",
    "did not find expected '-' indicator": "thụt lề của danh sách không đều",
    "found undefined alias": "không được dùng bí danh (*alias)",
    "while scanning a quoted scalar": "thiếu dấu ngoặc kép đóng",
}


def _syntax_message(err: yaml.MarkedYAMLError) -> str:
    raw = " ".join(filter(None, [err.context, err.problem]))
    for needle, hint in _SYNTAX_HINTS.items():
        if needle in raw:
            return f"Sai cú pháp YAML: {hint}."
    return f"Sai cú pháp YAML ({err.problem})."


_CUT_BY_COMMENT = re.compile(r"\s+#\S")


class _TreeBuilder:
    def __init__(self, problems: ProblemList, line_offset: int = 0, lines: list[str] | None = None):
        self.problems = problems
        self.offset = line_offset
        self.lines = lines or []
        self.stack: list[Mapping | Sequence] = []
        self.pending_key: list[Scalar | None] = []
        self.seen_keys: list[dict[str, Scalar]] = []
        self.root: Node | None = None
        self.documents = 0

    def feed(self, event) -> bool:
        """Returns False when reading must stop."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problems.error(_mark(event.start_mark, self.offset),
                                    "Tệp có nhiều tài liệu YAML (dấu '---'); mỗi tệp chỉ được chứa một.")
                return False
            return True
        if isinstance(event, yaml.AliasEvent):
            self.problems.error(_mark(event.start_mark, self.offset),
                                "Không dùng bí danh YAML (*tên): hãy viết đầy đủ giá trị.")
            return False
        if isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                self.problems.error(_mark(event.start_mark, self.offset),
                                    f"Không dùng neo YAML (&{event.anchor}): hãy viết đầy đủ giá trị.")
                return False
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                self.problems.error(_mark(event.start_mark, self.offset),
                                    f"Không dùng thẻ kiểu YAML ({tag}): chỉ ghi giá trị thuần văn bản.")
                return False
        if isinstance(event, yaml.ScalarEvent):
            # The pure-Python parser reports a plain scalar's style as None, libyaml as ''.
            plain = not event.style
            if plain and not self._is_key():
                self._warn_if_cut(event)
            self._check_value(event)
            return self._add(Scalar(event.value, _mark(event.start_mark, self.offset), plain))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(self.stack) >= MAX_DEPTH:
                self.problems.error(_mark(event.start_mark, self.offset),
                                    f"Lồng quá sâu (hơn {MAX_DEPTH} cấp).")
                return False
            node = (Mapping([], _mark(event.start_mark, self.offset)) if isinstance(event, yaml.MappingStartEvent)
                    else Sequence([], _mark(event.start_mark, self.offset)))
            if not self._add(node):
                return False
            self.stack.append(node)
            if isinstance(node, Mapping):
                self.pending_key.append(None)
                self.seen_keys.append({})
            return True
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            node = self.stack.pop()
            if isinstance(node, Mapping):
                self.pending_key.pop()
                self.seen_keys.pop()
        return True

    def _check_value(self, event) -> None:
        """Escapes in quoted values ("\\x01", "\\t") can make what the file's text cannot carry."""
        mark = _mark(event.start_mark, self.offset)
        bad = CONTROLS.search(event.value) or ("\t" in event.value and "\t")
        if bad:
            char = bad if isinstance(bad, str) else bad.group(0)
            if char == "\t":
                self.problems.error(mark, "Giá trị có ký tự Tab: hãy thay bằng dấu cách.")
            else:
                self.problems.error(mark, _control_message(char))
        if "\n" in event.value and self._is_key():
            self.problems.error(mark, "Tên khóa không được xuống dòng.")
        if len(event.value) > MAX_CHARS:
            self.problems.error(mark, f"Giá trị dài {len(event.value):,} ký tự; tối đa {MAX_CHARS:,}. "
                                      "Hãy tách thành nhiều mục.")

    def _is_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1], Mapping) and self.pending_key[-1] is None

    def _warn_if_cut(self, event) -> None:
        """`so: 12/KH-UBND #2` keeps only '12/KH-UBND': YAML reads ' #2' as a comment."""
        end = event.end_mark
        if end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column:]
        cut = _CUT_BY_COMMENT.match(rest)
        if cut:
            hash_col = end.column + cut.end() - 2
            self.problems.warning(Mark(end.line + 1 + self.offset, hash_col + 1),
                                  f"Phần '{rest.strip()}' sau giá trị '{event.value}' bị YAML coi là ghi chú và bỏ đi. "
                                  "Nếu đó là một phần của giá trị, hãy đặt cả giá trị trong dấu ngoặc kép.")

    def _add(self, node: Node) -> bool:
        if not self.stack:
            self.root = node
            return True
        parent = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return True
        key = self.pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                self.problems.error(node.mark, "Tên khóa phải là một chuỗi văn bản đơn giản.")
                return False
            seen = self.seen_keys[-1]
            if node.value in seen:
                first = seen[node.value].mark
                self.problems.error(node.mark,
                                    f"Khóa '{node.value}' bị lặp (đã có ở dòng {first.line}). "
                                    "Mỗi khóa chỉ được xuất hiện một lần.")
            else:
                seen[node.value] = node
            self.pending_key[-1] = node
            return True
        parent.pairs.append((key, node))
        self.pending_key[-1] = None
        return True


# libyaml is about ten times faster; the pure-Python parser words syntax errors the way
# _SYNTAX_HINTS expects, so it re-reads only a file that has one.
_FAST_LOADER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


def _walk(path: str, text: str, line_offset: int, loader) -> tuple[Node | None, ProblemList]:
    problems = ProblemList(path)
    builder = _TreeBuilder(problems, line_offset, text.split("\n"))
    try:
        for event in yaml.parse(text, Loader=loader):
            if not builder.feed(event):
                return None, problems
    except yaml.MarkedYAMLError as err:
        if loader is not yaml.SafeLoader:
            return _walk(path, text, line_offset, yaml.SafeLoader)
        mark = err.problem_mark or err.context_mark
        problems.error(_mark(mark, line_offset) if mark else None, _syntax_message(err))
        return None, problems
    except yaml.YAMLError as err:  # reader errors carry no mark: still a problem, not a crash
        # libyaml refuses some characters (U+FFFE, lone surrogates) in its reader, with a position only
        position = getattr(err, "position", None)
        where: Mark | None = None
        if isinstance(position, int):
            line = text.count("\n", 0, position) + 1
            where = Mark(line + line_offset, position - (text.rfind("\n", 0, position) + 1) + 1)
        problems.error(where, "Không đọc được YAML: tệp có ký tự không dùng được trong văn bản; hãy xóa ký tự đó.")
        return None, problems
    root = builder.root
    if root is None or (isinstance(root, Scalar) and root.value == ""):
        problems.error(Mark(1 + line_offset, 1), "Tệp trống: chưa có nội dung.")
        return None, problems
    return root, problems


def parse_text(path: str, text: str, line_offset: int = 0) -> SourceFile:
    """Parse decoded text; `line_offset` places an embedded block (front matter) in its file."""
    return remembered(("parse", path, line_offset), text, lambda _found: _parse_text(path, text, line_offset))


def _parse_text(path: str, text: str, line_offset: int) -> SourceFile:
    problems = ProblemList(path)
    if _tab_indents(text, problems, line_offset):
        return SourceFile(path, text=text, problems=problems)
    root, problems = _walk(path, text, line_offset, _FAST_LOADER)
    return SourceFile(path, text=text, root=root, problems=problems)


def load_bytes(path: str, data: bytes) -> SourceFile:
    problems = ProblemList(path)
    text = decode(path, data, problems)
    if text is None or problems:
        return SourceFile(path, text=text, problems=problems)
    return parse_text(path, text)


def load_file(path: str, display_path: str | None = None) -> SourceFile:
    shown = display_path or path
    try:
        data = read_bytes(path)
    except OSError as err:
        problems = ProblemList(shown)
        problems.error(None, f"Không mở được tệp: {err.strerror}.")
        return SourceFile(shown, problems=problems)
    return load_bytes(shown, data)


def to_plain(node: Node):
    """The tree as plain Python values (all scalars are strings)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [to_plain(item) for item in node.items]
    return {key.value: to_plain(value) for key, value in node.pairs}
