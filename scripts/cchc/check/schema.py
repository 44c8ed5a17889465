"""Check a positioned YAML tree against one of our JSON Schemas.

The schemas are ordinary JSON Schema files (editors use them for completion),
but only a subset of keywords is interpreted here, because this checker also
converts the text-only tree into typed values (integers, dates) and speaks to
staff in Vietnamese with a line and column for every problem.

Supported: type (object, array, string, integer, boolean), properties,
required, additionalProperties (false), items, minItems, enum, pattern,
minLength, minimum, maximum, format (date, partial-date, email, uri,
phone-vn), anyOf (branches chosen by the YAML node kind), $ref to #/$defs,
and our own ``x-message`` to explain a failed pattern.

Annotations the checker reads past on purpose (they carry no rule): title,
description, $schema, $id, and our own ``x-labels`` (the Vietnamese label of
each enum value) and ``x-slugs`` (the URL slug of each enum value). The code
takes its lists of channels, periods and areas from them (`enum_annotation`),
so a new channel is one edit of one schema.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..base import dates, phones
from ..base.text import fold
from ..base.problems import Mark, ProblemList
from ..source.yaml_tree import Mapping, Node, Scalar, Sequence

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


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    text = resources.files("cchc").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


ANNOTATION_KEYWORDS = frozenset({"title", "description", "$schema", "$id", "x-labels", "x-slugs"})


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


def _accepts(schema: dict, kind: str) -> bool:
    wanted = schema.get("type")
    if wanted is None:
        return True
    if kind == "scalar":
        return wanted in ("string", "integer", "boolean")
    return wanted == kind


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
            ref = schema["$ref"]
            assert ref.startswith("#/$defs/"), ref
            schema = self.root_schema["$defs"][ref.split("/")[-1]]
        return schema

    def _check(self, node: Node, schema: dict, path: Path):
        schema = self._resolve(schema)
        self.marks[path] = node.mark
        if "anyOf" in schema:
            kind = _node_kind(node)
            for branch in schema["anyOf"]:
                branch = self._resolve(branch)
                if _accepts(branch, kind):
                    return self._check(node, branch, path)
            wanted = " hoặc ".join(_KIND_NAMES[self._resolve(b)["type"]] for b in schema["anyOf"])
            self.problems.error(node.mark, f"'{show_path(path)}' phải là {wanted}.")
            return None
        kind = schema.get("type")
        if kind == "object":
            return self._object(node, schema, path)
        if kind == "array":
            return self._array(node, schema, path)
        if not isinstance(node, Scalar):
            self.problems.error(node.mark, f"'{show_path(path)}' phải là {_KIND_NAMES.get(kind, 'một giá trị')}.")
            return None
        return self._scalar(node, schema, path)

    def _object(self, node: Node, schema: dict, path: Path):
        if not isinstance(node, Mapping):
            what = schema.get("title", show_path(path))
            self.problems.error(node.mark, f"'{what}' phải là {_KIND_NAMES['object']}.")
            return None
        properties = schema.get("properties", {})
        result: dict[str, Any] = {}
        for key_node, value_node in node.pairs:
            key = key_node.value
            if key not in properties:
                self.problems.error(key_node.mark, self._unknown_key_message(key, properties, path))
                continue
            sub = properties[key]
            self.marks[path + (key,)] = value_node.mark
            if isinstance(value_node, Scalar) and value_node.plain and value_node.value == "":
                continue  # `key:` with nothing after it means "not given"
            value = self._check(value_node, sub, path + (key,))
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
        message = f"Khóa '{key}' không được hỗ trợ{where}."
        folded = {_folded(name): name for name in properties}
        wanted = _folded(key).replace(" ", "_")
        guess = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.6)
        guess = guess or [name for name in folded if name.startswith(wanted) or wanted.startswith(name)][:1]
        if guess:
            message += f" Có phải ý bạn là '{folded[guess[0]]}'?"
        else:
            message += " Các khóa hợp lệ: " + ", ".join(properties) + "."
        return message

    def _array(self, node: Node, schema: dict, path: Path):
        if not isinstance(node, Sequence):
            self.problems.error(node.mark, f"'{show_path(path)}' phải là {_KIND_NAMES['array']}.")
            return None
        items_schema = schema.get("items", {})
        result = []
        for index, item in enumerate(node.items):
            value = self._check(item, items_schema, path + (index,))
            if value is not None:
                result.append(value)
        if len(node.items) < schema.get("minItems", 0):
            self.problems.error(node.mark, f"'{show_path(path)}' cần ít nhất {schema['minItems']} mục.")
        return result

    def _scalar(self, node: Scalar, schema: dict, path: Path):
        kind = schema.get("type", "string")
        text = node.value.strip()
        name = show_path(path)
        if kind == "integer":
            if not _INTEGER.match(text):
                self.problems.error(node.mark, f"'{name}' phải là một số nguyên, không phải '{text}'.")
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
            self.problems.error(node.mark, f"'{name}' chỉ nhận true hoặc false, không phải '{text}'.")
            return None
        return self._string(node, text, schema, name)

    def _string(self, node: Scalar, text: str, schema: dict, name: str):
        if "enum" in schema and text not in schema["enum"]:
            options = ", ".join(schema["enum"])
            guess = difflib.get_close_matches(_folded(text), [_folded(o) for o in schema["enum"]], n=1, cutoff=0.6)
            hint = ""
            if guess:
                hint = f" Có phải ý bạn là '{next(o for o in schema['enum'] if _folded(o) == guess[0])}'?"
            self.problems.error(node.mark, f"Giá trị '{text}' của '{name}' không hợp lệ; chọn một trong: {options}.{hint}")
            return None
        if len(text) < schema.get("minLength", 0):
            self.problems.error(node.mark, f"'{name}' không được để trống.")
            return None
        if "pattern" in schema and not re.search(schema["pattern"], text):
            explain = schema.get("x-message", f"không đúng dạng yêu cầu ({schema['pattern']})")
            self.problems.error(node.mark, f"Giá trị '{text}' của '{name}' {explain}.")
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
            self.problems.error(node.mark, f"'{name}': '{text}' không phải địa chỉ thư điện tử hợp lệ.")
            return None
        if fmt == "uri" and not _URI.match(text):
            self.problems.error(node.mark, f"'{name}': '{text}' phải là địa chỉ web bắt đầu bằng http:// hoặc https://.")
            return None
        return text


def check_tree(node: Node, schema_name: str, problems: ProblemList) -> Checked:
    return SchemaChecker(load_schema(schema_name), problems).check(node)
