"""Rewrite a file as Decap saved it into the way our files are written.

Decap serialises YAML its own way: every comment dropped (the schema modeline and `# CẦN XEM`
notes included), keys in its field order, `null` for a cleared number, ISO dates when a value
came from elsewhere, and plain scalars such as 0912345678 that a YAML 1.2 reader takes for a
number. The result here: keys in schema order, dates as staff write them (dd/mm/yyyy, mm/yyyy
for a partial date), the modeline on the first line and the file's own comments kept above
the key or list item they stood above, UTF-8, NFC, LF, the same YAML style as `cchc import`.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass

import yaml

from ..base.problems import ProblemList
from ..check.schema_definition import load_schema
from ..source import frontmatter
from ..source.yaml_tree import Mapping, Node, Scalar, Sequence, parse_text
from ..model.content import POSTS_DIR, QUESTIONS_DIR
from ..source.discovery import PLAN_FILE, PROGRESS_FILE, UNIT_FILE

CONTENT_DIR = "content"
SCHEMAS_DIR = "scripts/cchc/schemas"
MODELINE = "# yaml-language-server: $schema="

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_NOTHING = {"", "null", "Null", "NULL", "~"}
# What a YAML 1.2 reader (Decap's) or a YAML 1.1 reader (PyYAML, editors) would not read as text.
_NOT_TEXT = re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)"
                       r"(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|True|TRUE|false|False|"
                       r"FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|null|Null|NULL|~)$")


@dataclass(frozen=True)
class Kind:
    schema: str
    markdown: bool


def kind_of(path: str) -> Kind | None:
    """Which of our schemas a repository path is checked with, or None for a file we do not own."""
    path = path.replace("\\", "/").lstrip("/")
    name = posixpath.basename(path)
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "plans":
        if name == UNIT_FILE:
            return Kind("don-vi", False)
        if PLAN_FILE.match(name):
            return Kind("ke-hoach", False)
        if PROGRESS_FILE.match(name):
            return Kind("tien-do", False)
        return None
    if name.endswith(".md"):
        if path.startswith(f"{CONTENT_DIR}/{POSTS_DIR}/"):
            return Kind("bai-viet", True)
        if path.startswith(f"{CONTENT_DIR}/{QUESTIONS_DIR}/"):
            return Kind("hoi-dap", True)
    return None


class Quoted(str):
    """Text written in double quotes whatever it holds: phone numbers, as README asks staff to write them."""


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, data: str):
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    # Quoted the way `cchc import` (PyYAML) quotes: '276'; phone numbers as README shows them: "0215 …".
    style = '"' if isinstance(data, Quoted) else "'" if _NOT_TEXT.match(data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Quoted, _text)


def _dump(value) -> list[str]:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10 ** 6)
    return text.rstrip("\n").split("\n")


class _Shaper:
    """The tree Decap wrote, as plain values in schema order."""

    def __init__(self, schema: dict, original: dict | None):
        self.root = schema
        self.original = original or {}

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            schema = self.root["$defs"][schema["$ref"].split("/")[-1]]
        return schema

    def value(self, node: Node, schema: dict, original):
        schema = self.resolve(schema)
        if "anyOf" in schema:
            wanted = "object" if isinstance(node, Mapping) else "array" if isinstance(node, Sequence) else None
            branch = next((self.resolve(b) for b in schema["anyOf"]
                           if self.resolve(b).get("type") == wanted or
                           (wanted is None and self.resolve(b).get("type") not in ("object", "array"))), {})
            return self.value(node, branch, original)
        if isinstance(node, Mapping):
            return self.mapping(node, schema, original if isinstance(original, dict) else {})
        if isinstance(node, Sequence):
            items = schema.get("items", {})
            before = original if isinstance(original, list) else []
            out = []
            for index, item in enumerate(node.items):
                if isinstance(item, Scalar) and item.plain and item.value.strip() in _NOTHING:
                    continue
                out.append(self.value(item, items, before[index] if index < len(before) else None))
            return out
        return self.scalar(node, schema)

    def mapping(self, node: Mapping, schema: dict, original: dict) -> dict:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        given = {}
        for key_node, value_node in node.pairs:
            key = key_node.value
            if isinstance(value_node, Scalar) and value_node.plain and value_node.value.strip() in _NOTHING:
                continue  # a cleared field: not given
            value = self.value(value_node, properties.get(key, {}), original.get(key))
            if value in ("", [], {}) and key not in required and original.get(key) != value:
                continue  # emptied in the form, and the file did not hold it empty before
            given[key] = value
        ordered = {key: given[key] for key in properties if key in given}
        ordered.update((key, value) for key, value in given.items() if key not in ordered)
        return ordered

    def scalar(self, node: Scalar, schema: dict):
        text = node.value
        kind = schema.get("type")
        if kind == "integer" and re.fullmatch(r"[+-]?\d+", text.strip()):
            return int(text.strip())
        if kind == "boolean" and text.strip().lower() in ("true", "false"):
            return text.strip().lower() == "true"
        fmt = schema.get("format")
        if fmt in ("date", "partial-date"):
            return _staff_date(text.strip(), fmt)
        if fmt == "phone-vn":
            return Quoted(text)
        return text


def _staff_date(text: str, fmt: str) -> str:
    if m := _ISO_DATE.match(text):
        return f"{m[3]}/{m[2]}/{m[1]}"
    if fmt == "partial-date" and (m := _ISO_MONTH.match(text)):
        return f"{m[2]}/{m[1]}"
    return text


def _plain(node: Node | None):
    """A tree as plain values (the file on disk, to compare and to find its comments)."""
    if isinstance(node, Mapping):
        return {k.value: _plain(v) for k, v in node.pairs}
    if isinstance(node, Sequence):
        return [_plain(item) for item in node.items]
    return node.value if node is not None else None


def _comments(text: str, root: Node | None, line_offset: int = 0) -> tuple[list[str], dict[str, list[str]]]:
    """The comment lines at the top of a YAML text, and those directly above each top-level key
    (`key`) or item of a top-level list (`key[i]`)."""
    lines = text.split("\n")
    header = []
    for line in lines:
        if line.startswith("#"):
            header.append(line)
        elif line.strip():
            break
    above: dict[str, list[str]] = {}

    def collect(line_number: int) -> list[str]:
        found: list[str] = []
        index = line_number - 1 - line_offset - 1  # the line above, 0-based
        while index >= 0 and lines[index].lstrip().startswith("#") and index >= len(header):
            found.insert(0, lines[index].strip())
            index -= 1
        return found

    if isinstance(root, Mapping):
        for key_node, value_node in root.pairs:
            if notes := collect(key_node.mark.line):
                above[key_node.value] = notes
            if isinstance(value_node, Sequence):
                for index, item in enumerate(value_node.items):
                    if notes := collect(item.mark.line):
                        above[f"{key_node.value}[{index}]"] = notes
    return header, above


def modeline(path: str, schema: str) -> str:
    depth = len(path.split("/")) - 1
    return f"{MODELINE}{'../' * depth}{SCHEMAS_DIR}/{schema}.schema.json"


def _yaml_lines(data: dict, header: list[str], above: dict[str, list[str]]) -> list[str]:
    lines = list(header)
    for key, value in data.items():
        lines += above.get(key, [])
        if isinstance(value, list) and value and any(f"{key}[{i}]" in above for i in range(len(value))):
            lines.append(f"{key}:")
            for index, item in enumerate(value):
                lines += above.get(f"{key}[{index}]", [])
                lines += _dump([item])
        else:
            lines += _dump({key: value})
    return lines


class Refused(Exception):
    """What Decap sent cannot be read at all; `problems` says why."""

    def __init__(self, problems: ProblemList):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def _tree(display: str, text: str, markdown: bool) -> tuple[Node | None, str, ProblemList]:
    problems = ProblemList(display)
    if markdown:
        split = frontmatter.split(display, text, problems)
        return split.root, split.body, problems
    source = parse_text(display, text)
    problems.extend(source.problems)
    return source.root, "", problems


def rewrite(path: str, raw: str, original: str | None) -> str:
    """The file to write for `path`: Decap's `raw` in our conventions, keeping `original`'s comments."""
    kind = kind_of(path)
    if kind is None:
        return raw
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))
    root, body, problems = _tree(path, raw, kind.markdown)
    if problems or root is None:
        raise Refused(problems)
    before_root: Node | None = None
    header: list[str] = []
    above: dict[str, list[str]] = {}
    if original is not None:
        original = unicodedata.normalize("NFC", original.replace("\r\n", "\n"))
        if kind.markdown:
            parts = original.split("\n")
            closing = next((i for i in range(1, len(parts)) if parts[i].strip() == "---"), None)
            front = "\n".join(parts[1:closing]) if closing else ""
            before_root, _, _ = _tree(path, original, True)
            header, above = _comments(front, before_root, line_offset=1)
        else:
            before_root, _, _ = _tree(path, original, False)
            header, above = _comments(original, before_root)
    shaper = _Shaper(load_schema(kind.schema), _plain(before_root) if before_root is not None else None)
    data = shaper.value(root, shaper.root, shaper.original)
    if not isinstance(data, dict):
        return raw  # not an object at all: the checker explains it
    if kind.markdown:
        lines = ["---", *_yaml_lines(data, header, above), "---"]
        text = "\n".join(lines) + "\n"
        body = body.strip("\n")
        return text + ("\n" + body + "\n" if body.strip() else "")
    if not any(line.startswith(MODELINE) for line in header):
        header = [modeline(path, kind.schema), *header]
    else:
        header = [line for line in header if line.startswith(MODELINE)] + \
                 [line for line in header if not line.startswith(MODELINE)]
    return "\n".join(_yaml_lines(data, header, above)) + "\n"
