"""Key order of what the importer writes, read from our JSON Schemas (the one source).

A plan file lists its keys in the order of the document, which is the order of
`ke-hoach.schema.json`'s properties; the section titles follow its
`tieu_de_muc` definition. Adding a key to the schema is enough for the importer
to place it.
"""

from __future__ import annotations

from ..check.schema_definition import load_schema

_PLAN = load_schema("ke-hoach")
_UNIT = load_schema("don-vi")

PLAN_KEYS: tuple[str, ...] = tuple(_PLAN["properties"])
PLAN_REQUIRED: tuple[str, ...] = tuple(_PLAN.get("required", ()))
SIGNATURE_REQUIRED: tuple[str, ...] = tuple(_PLAN["$defs"]["chu_ky"].get("required", ()))
TITLE_KEYS: tuple[str, ...] = tuple(_PLAN["$defs"]["tieu_de_muc"]["properties"])
UNIT_KEYS: tuple[str, ...] = tuple(_UNIT["properties"])
UNIT_KINDS: tuple[str, ...] = tuple(_UNIT["properties"]["loai"]["enum"])
