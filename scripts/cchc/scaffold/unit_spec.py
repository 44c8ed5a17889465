"""The one unit a new portal starts with: from the command line, from a plan document, or both.

Every problem with the given values is collected and reported at once; nothing is
written until the unit is complete (name, kind, province with its level, code).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..base.text import fold
from ..check.schema_definition import load_schema
from ..importer import slug
from ..source.discovery import UNIT_ID

PROVINCE_LEVELS = ("tỉnh", "thành phố")


def unit_kinds() -> list[str]:
    """xã, phường, đặc khu: as the unit schema lists them."""
    return list(load_schema("don-vi")["properties"]["loai"]["enum"])


@dataclass
class UnitSpec:
    unit_id: str
    name: str  # "Mường Lay", without the kind
    kind: str  # xã | phường | đặc khu
    province: str  # "tỉnh Điện Biên", with its level

    @property
    def full_name(self) -> str:
        return f"{self.kind} {self.name}"

    def profile(self) -> dict:
        return {"ten": self.name, "loai": self.kind, "tinh_thanh": self.province}


def _clean(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _kind(text: str) -> str | None:
    wanted = fold(text, lower=True, squash_spaces=True).replace("-", " ")
    return next((kind for kind in unit_kinds() if fold(kind, lower=True) == wanted), None)


def _split_kind(name: str) -> tuple[str | None, str]:
    """'Phường Mường Lay' -> ('phường', 'Mường Lay'): staff often write the kind with the name."""
    folded = fold(name, lower=True)
    for kind in sorted(unit_kinds(), key=len, reverse=True):
        if folded.startswith(fold(kind, lower=True) + " "):
            return kind, name[len(kind) + 1:].strip()
    return None, name


def _province(text: str) -> str | None:
    folded = fold(text, lower=True)
    for level in PROVINCE_LEVELS:
        if folded.startswith(fold(level, lower=True) + " ") and len(text) > len(level) + 1:
            return f"{level} {text[len(level) + 1:].strip()}"
    return None


def resolve(unit_id: str | None, name: str | None, kind: str | None, province: str | None,
            from_document: dict | None = None) -> tuple[UnitSpec | None, list[str]]:
    """The unit, or the list of what is missing or wrong (in Vietnamese, with what to write)."""
    document = from_document or {}
    errors = []
    name = _clean(name) or _clean(document.get("ten"))
    kind_text = _clean(kind) or _clean(document.get("loai"))
    province = _clean(province) or _clean(document.get("tinh_thanh"))
    named_kind, name = _split_kind(name)
    kind_text = kind_text or (named_kind or "")
    if not name:
        errors.append("Thiếu tên đơn vị: thêm --ten, ví dụ --ten \"Mường Lay\".")
    found_kind = _kind(kind_text) if kind_text else None
    if not kind_text:
        errors.append(f"Thiếu loại đơn vị: thêm --loai, một trong: {', '.join(unit_kinds())}.")
    elif found_kind is None:
        errors.append(f"Loại đơn vị '{kind_text}' không có: chỉ dùng {', '.join(unit_kinds())}.")
    found_province = _province(province) if province else None
    if not province:
        errors.append("Thiếu tỉnh/thành phố: thêm --tinh, ví dụ --tinh \"tỉnh Điện Biên\" "
                      "hoặc --tinh \"thành phố Hải Phòng\".")
    elif found_province is None:
        errors.append(f"Tỉnh/thành phố '{province}' cần ghi cả cấp: --tinh \"tỉnh {province}\" "
                      f"hoặc --tinh \"thành phố {province}\".")
    unit_id = _clean(unit_id) or (slug(name) if name else "")
    if name and not UNIT_ID.match(unit_id):
        errors.append(f"Mã đơn vị '{unit_id}' không dùng được: chỉ chữ thường không dấu, số và dấu gạch ngang. "
                      "Chọn mã bằng --don-vi, ví dụ --don-vi muong-lay.")
    if errors or found_kind is None or found_province is None:
        return None, errors
    return UnitSpec(unit_id, name, found_kind, found_province), []
