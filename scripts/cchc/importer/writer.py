"""Write an imported plan (and a minimal unit profile) as YAML, notes as comments."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..source import yaml_tree as yamlsource
from ..base.problems import ProblemList
from ..check.schema import check_tree
from .keys import PLAN_KEYS, PLAN_REQUIRED, SIGNATURE_REQUIRED

NOTE = "# CẦN XEM:"


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, data: str):
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _text)


def _dump(value) -> list[str]:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10 ** 6)
    return text.rstrip("\n").split("\n")


def _schema_line(output: Path, root: Path, name: str) -> str:
    schema = root / "scripts" / "cchc" / "schemas" / f"{name}.schema.json"
    try:
        relative = Path(*[".."] * len(output.parent.resolve().relative_to(root.resolve()).parts)) / schema.relative_to(root)
    except ValueError:
        return ""
    return f"# yaml-language-server: $schema={relative.as_posix()}"


def plan_yaml(imported, source_name: str, output: Path, root: Path) -> str:
    lines = [line for line in [_schema_line(output, root, "ke-hoach")] if line]
    lines += [f"# Nhập tự động từ “{source_name}” bằng lệnh cchc import.",
              "# Hãy đối chiếu với văn bản gốc, nhất là những chỗ ghi “CẦN XEM”, rồi xóa các dòng ghi chú này."]
    notes = imported.notes
    rows = {f"{k}[{i}]" for k, v in imported.plan.items() if isinstance(v, list) for i in range(len(v))}
    placed = set(PLAN_KEYS) | rows
    lines += [f"{NOTE} {note}" for key, items in notes.items() if key not in placed for note in items]
    for key in PLAN_KEYS:
        if key not in imported.plan:
            if key in PLAN_REQUIRED:
                # Required, and the document does not state it: written blank under its note,
                # so `cchc check` points at this very line.
                lines += [f"{NOTE} {note}" for note in notes.get(key, [])] or [
                    f"{NOTE} văn bản không ghi {key}; hãy điền theo bản gốc"]
                lines += _dump({key: _BLANK.get(key, "")})
            elif notes.get(key):
                lines += [f"{NOTE} {note}" for note in notes[key]] + [f"# {key}:"]
            continue
        value = imported.plan[key]
        lines += [f"{NOTE} {note}" for note in notes.get(key, [])]
        row_notes = isinstance(value, list) and any(f"{key}[{i}]" in notes for i in range(len(value)))
        if not row_notes:
            lines += _dump({key: value})
            continue
        lines.append(f"{key}:")
        for index, item in enumerate(value):
            lines += [f"{NOTE} {note}" for note in notes.get(f"{key}[{index}]", [])]
            lines += _dump([item])
    return "\n".join(lines) + "\n"


_BLANK = {"chu_ky": {k: "" for k in SIGNATURE_REQUIRED}}


PROFILE_TODO = ("dia_chi", "dien_thoai", "email", "website", "duong_day_nong")


def profile_yaml(unit: dict, source_name: str, output: Path, root: Path, agencies: list[dict] | None = None) -> str:
    lines = [line for line in [_schema_line(output, root, "don-vi")] if line]
    lines += [f"# Hồ sơ tối thiểu do cchc import tạo từ “{source_name}”: chỉ có những gì văn bản ghi.",
              "# CẦN BỔ SUNG: địa chỉ trụ sở, điện thoại, thư điện tử, đường dây nóng — văn bản kế hoạch không ghi.",
              "# Ghi số liệu thật; đừng điền số mẫu. Xem README, mục “Nhập kế hoạch từ văn bản có sẵn”."]
    for key in ("ten", "loai", "tinh_thanh"):
        value = unit.get(key, "")
        if not value:
            lines.append(f"{NOTE} văn bản không ghi rõ {'tỉnh/thành phố' if key == 'tinh_thanh' else key}; hãy điền")
        lines += _dump({key: value})
    lines += [f"# {key}:" for key in PROFILE_TODO]
    lines += agency_lines(agencies or [])
    return "\n".join(lines) + "\n"


def agency_lines(agencies: list[dict]) -> list[str]:
    """`cac_co_quan` as proposed from the document, each entry under a note for staff."""
    if not agencies:
        return []
    lines = ["cac_co_quan:"]
    for agency in agencies:
        lines.append(f"  {NOTE} đề xuất từ văn bản; kiểm tra tên chính thức, mã"
                     + (" và các cách viết khác (ten_khac)" if agency.get("ten_khac") else ""))
        lines += ["  " + line for line in _dump([agency])]
    return lines


def problems_in(text: str, display: str, schema: str) -> ProblemList:
    """The problems `cchc check` would report for this text, before it is written."""
    source = yamlsource.parse_text(display, text)
    problems = ProblemList(display)
    problems.extend(source.problems)
    if source.root is not None:
        check_tree(source.root, schema, problems)
    return problems
