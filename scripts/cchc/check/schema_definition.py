"""Which JSON Schema keywords our checker understands, and a refusal of any schema that uses others.

The checker interprets a subset of JSON Schema (it also converts values and
words problems for staff). A keyword outside that subset would be silently
ignored, and the checker would accept data the schema forbids; so every
schema is walked when it loads, and an unknown keyword stops the program
with its place in the schema. Adding a keyword means teaching the checker it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default"}
VALIDATIONS = {"type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "enum",
               "pattern", "minLength", "maxLength", "minimum", "maximum", "format", "anyOf", "$ref", "$defs"}
OURS = {
    "x-message",  # the explanation shown when a value does not match `pattern`
    "x-labels",  # beside an enum: {value: Vietnamese label}; the code's lists of channels, periods come from it
    "x-slugs",  # beside an enum: {value: URL slug}; the areas' pages
    "x-media",  # "image" or "file": a path under content/ the admin's form offers to upload (cms/fields.py)
}
SUPPORTED = ANNOTATIONS | VALIDATIONS | OURS
TYPES = {"object", "array", "string", "integer", "boolean"}
FORMATS = {"date", "partial-date", "email", "uri", "phone-vn"}


class SchemaDefinitionError(Exception):
    """A schema uses something the checker does not interpret: a bug to fix in the schema or the checker."""


def problems_in(schema: dict, name: str) -> list[str]:
    """Every unsupported keyword, type, format or reference of `schema`, as 'name#/pointer: why'."""
    found: list[str] = []
    defs = schema.get("$defs", {})

    def walk(node, pointer: str) -> None:
        if not isinstance(node, dict):
            found.append(f"{name}#{pointer}: một lược đồ phải là một đối tượng JSON")
            return
        for key, value in node.items():
            where = f"{pointer}/{key}"
            if key not in SUPPORTED:
                found.append(f"{name}#{where}: từ khóa '{key}' không được bộ kiểm tra hỗ trợ")
            elif key in ("properties", "$defs"):
                for child, sub in value.items():
                    walk(sub, f"{where}/{child}")
            elif key == "items":
                walk(value, where)
            elif key == "additionalProperties" and not isinstance(value, bool):
                walk(value, where)
            elif key == "anyOf":
                for index, sub in enumerate(value):
                    walk(sub, f"{where}/{index}")
            elif key == "type":
                for kind in value if isinstance(value, list) else [value]:
                    if kind not in TYPES:
                        found.append(f"{name}#{where}: kiểu '{kind}' không được hỗ trợ")
            elif key == "format" and value not in FORMATS:
                found.append(f"{name}#{where}: định dạng '{value}' không được hỗ trợ")
            elif key == "$ref" and not (value.startswith("#/$defs/") and value.split("/")[-1] in defs):
                found.append(f"{name}#{where}: tham chiếu '{value}' không trỏ tới một mục trong $defs")
            elif key in ("x-labels", "x-slugs") and not (
                    isinstance(value, dict) and list(value) == list(node.get("enum", [None]))
                    and all(isinstance(v, str) and v for v in value.values())):
                found.append(f"{name}#{where}: '{key}' phải ghi một chuỗi cho mỗi giá trị của enum bên cạnh, "
                             "đúng thứ tự")

    walk(schema, "")
    return found


def ensure_supported(schema: dict, name: str) -> dict:
    problems = problems_in(schema, name)
    if problems:
        raise SchemaDefinitionError("Lược đồ dùng điều bộ kiểm tra không hiểu:\n" + "\n".join(problems))
    return schema


def unique_keys(name: str):
    """A json.loads hook: a key written twice in a schema is a mistake JSON would hide (the last one wins)."""
    def pairs(items: list[tuple[str, object]]) -> dict:
        seen: dict[str, object] = {}
        for key, value in items:
            if key in seen:
                raise SchemaDefinitionError(f"Lược đồ {name}: khóa '{key}' được viết hai lần.")
            seen[key] = value
        return seen
    return pairs


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    """One of the package's schemas (schemas/<name>.schema.json), refused if it uses a keyword we lack."""
    text = resources.files("cchc").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return ensure_supported(json.loads(text, object_pairs_hook=unique_keys(f"{name}.schema.json")),
                            f"{name}.schema.json")
