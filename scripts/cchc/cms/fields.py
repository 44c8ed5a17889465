"""Decap CMS form fields from one of our JSON Schemas.

Everything a field shows comes from the schema: the label from `title` (else the key), the hint
from `description`, `required`, `enum` as a select, `format` and `pattern` as the widget and its
check, `minimum`/`maximum`, `minItems`, nested objects and lists through `$ref`/`$defs`. What a
form cannot express (an `anyOf` of different shapes, a property that refers to itself) gets no
field: Decap keeps such values as they are in the file (a browser test proves it), and staff edit
them in the file (README, "Những gì biểu mẫu không làm được").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

# Dates as staff write them: the date picker stores dd/mm/yyyy (Decap's moment-style tokens).
DATE_FORMAT = "DD/MM/YYYY"
# A partial date (the document left its day blank) is typed: no picker can leave a day out.
PARTIAL_DATE_PATTERN = r"^(\d{1,2}/)?\d{1,2}/\d{4}$|^\d{4}-\d{2}(-\d{2})?$"
PARTIAL_DATE_MESSAGE = "viết ngày/tháng/năm (15/01/2026) hoặc chỉ tháng/năm (01/2026)"
# A path under content/ to an image or an attachment: our annotation on a string property.
MEDIA_KEY = "x-media"

Options = Callable[[tuple], list[dict] | None]  # extra choices for a path (units, task codes), or None


@dataclass
class Omitted:
    """A property the forms leave out, and why (README lists these kinds)."""

    path: str
    reason: str


@dataclass
class FieldBuilder:
    root_schema: dict
    options: Options = lambda path: None
    omitted: list[Omitted] = field(default_factory=list)

    def resolve(self, schema: dict) -> tuple[dict, str | None]:
        ref = None
        while "$ref" in schema:
            ref = schema["$ref"]
            schema = self.root_schema["$defs"][ref.split("/")[-1]]
        return schema, ref

    def fields(self, schema: dict | None = None, path: tuple = (), seen: tuple = ()) -> list[dict]:
        """The fields of an object schema, in the schema's own key order."""
        schema, _ = self.resolve(schema or self.root_schema)
        required = set(schema.get("required", []))
        out = []
        for key, sub in schema.get("properties", {}).items():
            made = self.field(key, sub, key in required, path + (key,), seen)
            if made is not None:
                out.append(made)
        return out

    def field(self, key: str, schema: dict, required: bool, path: tuple, seen: tuple) -> dict | None:
        resolved, ref = self.resolve(schema)
        shown = ".".join(str(p) for p in path)
        if ref is not None and ref in seen:
            self.omitted.append(Omitted(shown, "lặp lại chính nó"))
            return None
        seen = seen + ((ref,) if ref else ())
        title = schema.get("title") or resolved.get("title") or key
        hint = schema.get("description") or resolved.get("description")
        out: dict = {"name": key, "label": title, "required": required}
        if hint:
            out["hint"] = hint
        if "default" in resolved:
            out["default"] = resolved["default"]
        if "anyOf" in resolved:
            self.omitted.append(Omitted(shown, "nhận nhiều dạng giá trị"))
            return None
        kind = _first_type(resolved)
        if kind == "object":
            inner = self.fields(resolved, path, seen)
            if not inner:
                self.omitted.append(Omitted(shown, "nhóm khóa tự do"))
                return None
            if not required:
                # Decap checks an optional object's required fields even when it is left empty; the
                # checker still requires them once the object is given.
                _relax(inner)
            out.update(widget="object", fields=inner)
        elif kind == "array":
            if not self._array(out, resolved, path, seen):
                return None
        else:
            self._scalar(out, resolved, path)
        return out

    def _array(self, out: dict, schema: dict, path: tuple, seen: tuple) -> bool:
        items, ref = self.resolve(schema.get("items", {}))
        shown = ".".join(str(p) for p in path)
        if "anyOf" in items or (ref is not None and ref in seen):
            self.omitted.append(Omitted(shown, "danh sách nhận nhiều dạng mục"))
            return False
        seen = seen + ((ref,) if ref else ())
        for source, target in (("minItems", "min"), ("maxItems", "max")):
            if source in schema:
                out[target] = schema[source]
        choices = self._choices(items, path + ("[]",))
        if choices is not None:
            out.update(widget="select", multiple=True, options=choices)
            return True
        out["widget"] = "list"
        if _first_type(items) == "object":
            inner = self.fields(items, path + ("[]",), seen)
            if not inner:
                self.omitted.append(Omitted(shown, "danh sách nhóm khóa tự do"))
                return False
            out["fields"] = inner
            out["collapsed"] = True
            label_key = next((f["name"] for f in inner if f["required"]), None)
            if label_key:
                out["summary"] = "{{fields.%s}}" % label_key
            if items.get("title"):
                out["label_singular"] = items["title"]
        else:
            single = {"name": "muc", "label": items.get("title") or out["label"], "required": True}
            self._scalar(single, items, path + ("[]",))
            out["field"] = single
        return True

    def _choices(self, schema: dict, path: tuple) -> list | None:
        if "enum" in schema:
            return list(schema["enum"])
        return self.options(path)

    def _scalar(self, out: dict, schema: dict, path: tuple) -> None:
        kind = _first_type(schema) or "string"
        if kind == "boolean":
            out["widget"] = "boolean"
            return
        if kind == "integer":
            out.update(widget="number", value_type="int")
            for source, target in (("minimum", "min"), ("maximum", "max")):
                if source in schema:
                    out[target] = schema[source]
            return
        choices = self._choices(schema, path)
        fmt = schema.get("format")
        if choices is not None:
            out.update(widget="select", options=choices)
        elif fmt == "date":
            out.update(widget="datetime", format=DATE_FORMAT, date_format=DATE_FORMAT, time_format=False,
                       picker_utc=False)
            out.setdefault("hint", "Ngày/tháng/năm.")
        elif fmt == "partial-date":
            out.update(widget="string", pattern=[PARTIAL_DATE_PATTERN, PARTIAL_DATE_MESSAGE])
        elif schema.get(MEDIA_KEY) in ("image", "file"):
            out["widget"] = schema[MEDIA_KEY]
            out["choose_url"] = False
        else:
            out["widget"] = "string"
            if "pattern" in schema:
                out["pattern"] = [schema["pattern"], schema.get("x-message", "không đúng dạng yêu cầu")]


def _first_type(schema: dict) -> str | None:
    """The widget follows the first listed type, as the checker tries the listed types in order."""
    kind = schema.get("type")
    return kind[0] if isinstance(kind, list) else kind


def _relax(fields: list[dict]) -> None:
    for made in fields:
        made["required"] = False
        if made.get("widget") == "object":
            _relax(made["fields"])
