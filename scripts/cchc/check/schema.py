"""Check a positioned YAML tree against one of our JSON Schemas.

The schemas are ordinary JSON Schema files (editors use them for completion),
but only a subset of keywords is interpreted here, because this checker also
converts the text-only tree into typed values (integers, dates) and speaks to
staff in Vietnamese with a line and column for every problem.

The keywords interpreted are listed in schema_definition.py; a schema that
uses any other stops at load. `type` may be a list (a scalar takes the first
listed type its text converts to); `anyOf` branches are tried in order and
the first that accepts the value wins; `additionalProperties` is honoured
(false: an unknown key is an error with a "did you mean" suggestion).

The lists staff choose from carry their labels in the schema too: our own
``x-labels`` (the Vietnamese label of each enum value) and ``x-slugs`` (its
URL slug). The code takes channels, periods and areas from them
(`enum_annotation`), so a new channel is one edit of one schema.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ..base import dates, phones
from ..base.text import fold
from ..base.problems import Mark, ProblemList
from ..source.memo import remembered
from ..source.yaml_tree import Mapping, Node, Scalar, Sequence, to_plain
from .schema_definition import load_schema

Path = tuple  # keys (str) and 0-based indices (int)

_INTEGER = re.compile(r"^[+-]?\d+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URI = re.compile(r"^https?://[^\s]+$")
_TRUE = {"true", "có", "co"}
_FALSE = {"false", "không", "khong"}

_KIND_NAMES = {
    "object": "một nhóm khóa: giá trị",
    "array": "một danh sách (mỗi mục bắt đầu bằng '- ')",
    "string": "một đoạn văn bản",
    "integer": "một số nguyên",
    "boolean": "true hoặc false",
}


SCALAR_TYPES = ("string", "integer", "boolean")
MAX_DIGITS = 15  # no count or year in a plan needs more; int() of a huge text is slow, and capped by Python
SHOWN_CHARS = 60  # a message quotes at most this much of a value


def shown(text: str) -> str:
    """A value as a message quotes it: a short prefix of a long value."""
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS].rstrip() + "…"


def enum_annotation(schema_name: str, pointer: str, keyword: str) -> dict[str, str]:
    """`x-labels` or `x-slugs` of the enum at a JSON pointer, keyed by value, in the enum's order."""
    node = load_schema(schema_name)
    for part in pointer.strip("/").split("/"):
        node = node[part]
    values, annotation = node["enum"], node[keyword]
    if set(annotation) != set(values):
        raise ValueError(f"{schema_name}.schema.json{pointer}: {keyword} must name every enum value exactly once")
    return {value: annotation[value] for value in values}


def _folded(text: str) -> str:
    """For 'did you mean' suggestions: case and diacritics do not count."""
    return fold(text, lower=True)


@dataclass
class Checked:
    value: Any
    marks: dict[Path, Mark] = field(default_factory=dict)

    def mark(self, path: Path) -> Mark | None:
        """The closest known position for a path (its own, or its parent's)."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path)


def _node_kind(node: Node) -> str:
    if isinstance(node, Mapping):
        return "object"
    if isinstance(node, Sequence):
        return "array"
    return "scalar"


def _types(schema: dict) -> list[str]:
    """The types a schema allows, in the order written; empty when it does not say."""
    wanted = schema.get("type")
    if wanted is None:
        return []
    return list(wanted) if isinstance(wanted, list) else [wanted]


def _accepts(schema: dict, kind: str) -> bool:
    types = _types(schema)
    if not types:
        return True
    if kind == "scalar":
        return any(t in SCALAR_TYPES for t in types)
    return kind in types


def _kind_names(types: list[str]) -> str:
    return " hoặc ".join(_KIND_NAMES[t] for t in types) if types else "một giá trị"


def show_path(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(gốc tệp)"


class SchemaChecker:
    def __init__(self, schema: dict, problems: ProblemList):
        self.root_schema = schema
        self.problems = problems
        self.marks: dict[Path, Mark] = {}

    def check(self, node: Node) -> Checked:
        value = self._check(node, self.root_schema, ())
        return Checked(value, self.marks)

    def _resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            schema = self.root_schema["$defs"][schema["$ref"].split("/")[-1]]
        return schema

    def _check(self, node: Node, schema: dict, path: Path):
        schema = self._resolve(schema)
        self.marks[path] = node.mark
        if "anyOf" in schema:
            return self._any_of(node, schema, path)
        types = _types(schema)
        if isinstance(node, Mapping) and (not types or "object" in types):
            return self._object(node, schema, path)
        if isinstance(node, Sequence) and (not types or "array" in types):
            return self._array(node, schema, path)
        scalar_types = [t for t in types if t in SCALAR_TYPES] or ([] if types else ["string"])
        if not isinstance(node, Scalar) or not scalar_types:
            if types == ["object"]:
                what = schema.get("title", show_path(path))
                self.problems.error(node.mark, f"'{what}' phải là {_KIND_NAMES['object']}.")
            else:
                self.problems.error(node.mark, f"'{show_path(path)}' phải là {_kind_names(types)}.")
            return None
        return self._first_that_fits(scalar_types, lambda kind: self._scalar(node, schema, path, kind))

    def _first_that_fits(self, options: list, attempt):
        """Try `attempt(option)` for each option in order; keep the first that raises no error.
        When none fits, the problems of the one with the fewest errors are reported."""
        if len(options) == 1:
            return attempt(options[0])
        outer, marks = self.problems, dict(self.marks)
        tried = []
        for option in options:
            self.problems, self.marks = ProblemList(outer.path), dict(marks)
            value = attempt(option)
            found, found_marks = self.problems, self.marks
            self.problems, self.marks = outer, marks
            if not any(p.is_error for p in found):
                outer.extend(found)
                self.marks.update(found_marks)
                return value
            tried.append((sum(p.is_error for p in found), found))
        outer.extend(min(tried, key=lambda t: t[0])[1])
        return None

    def _any_of(self, node: Node, schema: dict, path: Path):
        kind = _node_kind(node)
        branches = [self._resolve(b) for b in schema["anyOf"]]
        fitting = [b for b in branches if _accepts(b, kind)]
        if not fitting:
            wanted = [t for b in branches for t in _types(b)]
            self.problems.error(node.mark, f"'{show_path(path)}' phải là {_kind_names(wanted)}.")
            return None
        return self._first_that_fits(fitting, lambda branch: self._check(node, branch, path))

    def _object(self, node: Mapping, schema: dict, path: Path):
        properties = schema.get("properties", {})
        additional = schema.get("additionalProperties", True)
        result: dict[str, Any] = {}
        for key_node, value_node in node.pairs:
            key = key_node.value
            sub = properties.get(key)
            if sub is None and additional is False:
                self.problems.error(key_node.mark, self._unknown_key_message(key, properties, path))
                continue
            self.marks[path + (key,)] = value_node.mark
            if isinstance(value_node, Scalar) and value_node.plain and value_node.value == "":
                continue  # `key:` with nothing after it means "not given"
            if sub is None and additional is True:
                result[key] = to_plain(value_node)  # allowed and unchecked: kept as the text it is
                continue
            value = self._check(value_node, sub if sub is not None else additional, path + (key,))
            if value is not None:
                result[key] = value
        for key in schema.get("required", []):
            if key not in result and not any(k.value == key for k, _ in node.pairs):
                title = self._resolve(properties.get(key, {})).get("title")
                named = f"'{key}' ({title})" if title else f"'{key}'"
                self.problems.error(node.mark, f"Thiếu khóa bắt buộc {named}.")
            elif key not in result and self._is_blank(node, key):
                title = self._resolve(properties.get(key, {})).get("title", key)
                mark = next(k.mark for k, _ in node.pairs if k.value == key)
                self.problems.error(mark, f"'{key}' ({title}) không được để trống.")
        return result

    @staticmethod
    def _is_blank(node: Mapping, key: str) -> bool:
        for key_node, value_node in node.pairs:
            if key_node.value == key:
                return isinstance(value_node, Scalar) and value_node.plain and value_node.value == ""
        return False

    def _unknown_key_message(self, key: str, properties: dict, path: Path) -> str:
        where = f" trong '{show_path(path)}'" if path else ""
        message = f"Khóa '{shown(key)}' không được hỗ trợ{where}."
        folded = {_folded(name): name for name in properties}
        wanted = _folded(key).replace(" ", "_")
        guess = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.6)
        guess = guess or [name for name in folded if name.startswith(wanted) or wanted.startswith(name)][:1]
        if guess:
            message += f" Có phải ý bạn là '{folded[guess[0]]}'?"
        else:
            message += " Các khóa hợp lệ: " + ", ".join(properties) + "."
        return message

    def _array(self, node: Sequence, schema: dict, path: Path):
        items_schema = schema.get("items", {})
        result = []
        for index, item in enumerate(node.items):
            # A rejected item stays as None, so positions still match the file: checks that run on a
            # file with errors (duplicate ids) can point at the right line. Without errors there is none.
            result.append(self._check(item, items_schema, path + (index,)))
        if len(node.items) < schema.get("minItems", 0):
            self.problems.error(node.mark, f"'{show_path(path)}' cần ít nhất {schema['minItems']} mục.")
        if "maxItems" in schema and len(node.items) > schema["maxItems"]:
            self.problems.error(node.mark, f"'{show_path(path)}' có nhiều nhất {schema['maxItems']} mục "
                                           f"(đang có {len(node.items)}).")
        return result

    def _scalar(self, node: Scalar, schema: dict, path: Path, kind: str):
        text = node.value.strip()
        name = show_path(path)
        if kind == "integer":
            if not _INTEGER.match(text):
                self.problems.error(node.mark, f"'{name}' phải là một số nguyên, không phải '{shown(text)}'.")
                return None
            if len(text.lstrip("+-")) > MAX_DIGITS:
                self.problems.error(node.mark, f"'{name}': số '{shown(text)}' quá lớn (nhiều hơn {MAX_DIGITS} chữ số).")
                return None
            number = int(text)
            if "minimum" in schema and number < schema["minimum"]:
                self.problems.error(node.mark, f"'{name}' phải lớn hơn hoặc bằng {schema['minimum']} (đang là {number}).")
                return None
            if "maximum" in schema and number > schema["maximum"]:
                self.problems.error(node.mark, f"'{name}' phải nhỏ hơn hoặc bằng {schema['maximum']} (đang là {number}).")
                return None
            return number
        if kind == "boolean":
            lowered = text.lower()
            if lowered in _TRUE or lowered in _FALSE:
                return lowered in _TRUE
            self.problems.error(node.mark, f"'{name}' chỉ nhận true hoặc false, không phải '{shown(text)}'.")
            return None
        return self._string(node, text, schema, name)

    def _string(self, node: Scalar, text: str, schema: dict, name: str):
        if "enum" in schema and text not in schema["enum"]:
            options = ", ".join(schema["enum"])
            guess = difflib.get_close_matches(_folded(text), [_folded(o) for o in schema["enum"]], n=1, cutoff=0.6)
            hint = ""
            if guess:
                hint = f" Có phải ý bạn là '{next(o for o in schema['enum'] if _folded(o) == guess[0])}'?"
            self.problems.error(node.mark, f"Giá trị '{shown(text)}' của '{name}' không hợp lệ; "
                                           f"chọn một trong: {options}.{hint}")
            return None
        if len(text) < schema.get("minLength", 0):
            self.problems.error(node.mark, f"'{name}' không được để trống.")
            return None
        if "maxLength" in schema and len(text) > schema["maxLength"]:
            self.problems.error(node.mark, f"'{name}' dài {len(text):,} ký tự; tối đa {schema['maxLength']:,} ký tự.")
            return None
        if "pattern" in schema and not re.search(schema["pattern"], text):
            explain = schema.get("x-message", f"không đúng dạng yêu cầu ({schema['pattern']})")
            self.problems.error(node.mark, f"Giá trị '{shown(text)}' của '{name}' {explain}.")
            return None
        fmt = schema.get("format")
        try:
            if fmt == "date":
                return dates.parse_date(text)
            if fmt == "partial-date":
                return dates.parse_partial_date(text)
            if fmt == "phone-vn":
                return phones.parse_phone(text)
        except ValueError as err:
            self.problems.error(node.mark, f"'{name}': {err}")
            return None
        if fmt == "email" and not _EMAIL.match(text):
            self.problems.error(node.mark, f"'{name}': '{shown(text)}' không phải địa chỉ thư điện tử hợp lệ.")
            return None
        if fmt == "uri" and not _URI.match(text):
            self.problems.error(node.mark, f"'{name}': '{shown(text)}' phải là địa chỉ web bắt đầu bằng "
                                           "http:// hoặc https://.")
            return None
        return text


def check_tree(node: Node, schema_name: str, problems: ProblemList) -> Checked:
    return SchemaChecker(load_schema(schema_name), problems).check(node)


def check_tree_once(node: Node, shown: str, schema_name: str, problems: ProblemList) -> Checked:
    """check_tree, not done again for the same tree of the same file where parses are remembered
    (source/memo.remember_parses): the preview's engine checks every file on each save, and the load
    and the staff guide's list each check a plan. The result is only read by its callers."""
    return remembered(("schema", shown, schema_name), node, lambda found: check_tree(node, schema_name, found), problems)
