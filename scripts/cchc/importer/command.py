"""`cchc import FILE`: write the plan YAML (and a profile for a new unit), then report."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..check import output as reporting
from . import ImportFailure, import_document, slug
from .keys import UNIT_KINDS
from .writer import agency_lines, plan_yaml, problems_in, profile_yaml


def run(root: str, source: str, unit_id: str | None, output: str | None, overwrite: bool,
        plans_dir: str = "plans") -> int:
    root_path = Path(root)
    print(f"Đang đọc {source}...", file=sys.stderr)
    try:
        imported = import_document(source)
    except ImportFailure as err:
        print(f"Không nhập được: {err}", file=sys.stderr)
        return 1
    refusal = _level_refusal(imported, unit_id, output)
    if refusal:
        print(f"Không nhập được: {refusal}", file=sys.stderr)
        return 1
    unit_id = unit_id or (slug(imported.unit["ten"]) if imported.unit.get("ten") else None)
    if not unit_id and not output:
        print("Không nhập được: văn bản không ghi rõ tên xã/phường ban hành. "
              "Hãy chỉ định mã đơn vị: cchc import TỆP --don-vi ma-don-vi", file=sys.stderr)
        return 1
    target = Path(output) if output else root_path / plans_dir / str(unit_id) / f"ke-hoach-{imported.year}.yml"
    if target.exists() and not overwrite:
        print(f"Không ghi: {target} đã có. Thêm --ghi-de để thay, hoặc chọn tệp khác bằng -o.", file=sys.stderr)
        return 1
    if output and not re.fullmatch(r"ke-hoach-\d{4}\.yml", target.name):
        print(f"Lưu ý: cổng chỉ đọc kế hoạch tên ke-hoach-<năm>.yml trong {plans_dir}/<mã-đơn-vị>/; "
              f"tệp {target.name} sẽ không được dựng thành trang cho tới khi đổi tên.", file=sys.stderr)
    name = Path(source).name
    text = plan_yaml(imported, name, target, root_path)
    problems = problems_in(text, str(target), "ke-hoach")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    plan = imported.plan
    print(f"Đã ghi {target}: {len(plan.get('nhiem_vu', []))} nhiệm vụ, "
          f"{len(plan.get('to_chuc_thuc_hien', []))} cơ quan có trách nhiệm, "
          f"{len(plan.get('can_cu', []))} văn bản căn cứ, "
          f"{len(plan.get('chi_tieu', [])) + sum(len(t.get('chi_tieu', [])) for t in plan.get('nhiem_vu', []))} chỉ tiêu.")
    profile = target.parent / "don-vi.yml"
    if not _portal_unit(imported):
        print(f"Không tạo hồ sơ đơn vị: văn bản do {_issuer_name(imported)} ban hành, "
              "cổng chỉ có hồ sơ của xã, phường, đặc khu.")
    elif not profile.exists():
        profile_text = profile_yaml(imported.unit, name, profile, root_path, imported.agencies)
        problems.extend(problems_in(profile_text, str(profile), "don-vi"))
        profile.write_text(profile_text, encoding="utf-8")
        print(f"Đã tạo hồ sơ đơn vị {profile} ({imported.unit.get('loai', '?')} {imported.unit.get('ten', '?')}, "
              f"{imported.unit.get('tinh_thanh') or 'chưa rõ tỉnh/thành phố'}, "
              f"{len(imported.agencies)} cơ quan đề xuất); hãy bổ sung địa chỉ, điện thoại, đường dây nóng.")
    elif imported.agencies and "cac_co_quan:" not in profile.read_text("utf-8", errors="replace"):
        # The profile is the staff's file: the proposal is shown, not written into it.
        print(f"Hồ sơ {profile} đã có nên không sửa. Danh sách cơ quan đề xuất từ văn bản, "
              "chép vào hồ sơ nếu đúng:")
        print("\n".join(agency_lines(imported.agencies)))
    notes = imported.all_notes()
    if notes:
        print(f"Cần xem lại ({len(notes)} chỗ, cũng ghi là “CẦN XEM” trong tệp):")
        for key, note in notes:
            print(f"  - {key}: {note}")
    else:
        print("Không có chỗ nào phải ghi chú; vẫn nên đối chiếu với văn bản gốc.")
    if problems:
        reporting.report(problems, sys.stdout)
        print("Tệp đã ghi nhưng còn lỗi ở trên: sửa xong thì cchc check mới đạt.", file=sys.stderr)
        return 1
    print("Tiếp theo: chạy cchc check, rồi cchc build để xem trang kế hoạch.")
    return 0


def _portal_unit(imported) -> bool:
    """Whether the issuer is a unit the portal has profiles for (don-vi.schema.json's kinds)."""
    return not imported.issuer and imported.unit.get("loai") in UNIT_KINDS


def _issuer_name(imported) -> str:
    if imported.issuer:
        return imported.issuer
    unit = imported.unit
    return f"{unit.get('loai', '')} {unit.get('ten', '')}".strip() or "một cơ quan không rõ tên"


def _level_refusal(imported, unit_id: str | None, output: str | None) -> str | None:
    """A plan of a province, ministry or old district is written only where staff say (-o)."""
    if _portal_unit(imported) or output or (not imported.issuer and not imported.unit):
        return None
    return (f"văn bản do {_issuer_name(imported)} ban hành. Cổng chỉ có hồ sơ của xã, phường, đặc khu, "
            "nên không lưu kế hoạch này như kế hoạch của một đơn vị"
            + (f" (kể cả --don-vi {unit_id})" if unit_id else "")
            + ". Để giữ nó làm tài liệu tham khảo, chỉ định tệp ra: cchc import TỆP -o duong-dan/ke-hoach-"
            f"{imported.year}.yml")
