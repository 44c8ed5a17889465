"""Field-by-field comparison of an imported plan with a hand-checked sample plan.

Used by test_import.py, which asserts on it and checks the accuracy table in
the README against what it computes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

METADATA = ("so", "ky_hieu", "dia_danh", "ngay", "nam", "trich_yeu", "loi_dan", "doi_tuong", "pham_vi",
            "thoi_gian", "nhiem_vu_gioi_thieu", "kinh_phi", "loi_ket")
SIGNATURE = ("thay_mat", "ky_thay", "chuc_vu", "ho_ten")
APPENDIX = ("tieu_de", "trich_yeu", "ghi_chu", "khong_co_trong_ban_goc")
BASIS = ("tu_dan", "loai", "so", "ngay", "co_quan", "trich_yeu")
SECTIONS = ("can_cu", "muc_dich", "yeu_cau", "noi_dung", "hinh_thuc", "to_chuc_thuc_hien", "noi_nhan")
TASK = ("stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_gian", "hoan_thanh", "bat_dau", "han", "san_pham")
TARGET = ("so_luong", "toi_thieu", "don_vi_tinh", "ky", "kenh", "co_quan")
GROUPS = ("Thông tin chung", "Căn cứ", "Số mục mỗi phần", "Dòng nhiệm vụ", "Chỉ tiêu", "Kỳ báo cáo", "Hồ sơ đơn vị")


@dataclass
class Comparison:
    checks: list[tuple[str, str, bool, object, object]] = field(default_factory=list)

    def add(self, group: str, name: str, expected, actual) -> None:
        self.checks.append((group, name, expected == actual, expected, actual))

    def score(self, group: str | None = None) -> tuple[int, int]:
        rows = [c for c in self.checks if group is None or c[0] == group]
        return sum(1 for c in rows if c[2]), len(rows)

    def failures(self) -> list[str]:
        return [f"{g} / {n}: mong đợi {e!r}, nhập được {a!r}" for g, n, ok, e, a in self.checks if not ok]


def _nth(items: list, index: int) -> dict:
    return items[index] if index < len(items) else {}


def _count(items) -> int:
    total = 0
    for item in items or []:
        total += 1
        if isinstance(item, dict):
            total += _count(item.get("muc"))
    return total


def compare(sample: dict, imported: dict, sample_unit: dict | None = None, unit: dict | None = None) -> Comparison:
    result = Comparison()
    general = "Thông tin chung"
    for key in METADATA:
        if key in sample or key in imported:
            result.add(general, key, sample.get(key), imported.get(key))
    for key in SIGNATURE:
        result.add(general, f"chu_ky.{key}", sample.get("chu_ky", {}).get(key), imported.get("chu_ky", {}).get(key))
    for key in APPENDIX:
        expected, actual = sample.get("phu_luc", {}).get(key), imported.get("phu_luc", {}).get(key)
        if expected is not None or actual is not None:
            result.add(general, f"phu_luc.{key}", expected, actual)
    for key, value in sample.get("tieu_de_muc", {}).items():
        result.add(general, f"tieu_de_muc.{key}", value, imported.get("tieu_de_muc", {}).get(key))
    for index, basis in enumerate(sample.get("can_cu", [])):
        got = _nth(imported.get("can_cu", []), index)
        for key in BASIS:
            result.add("Căn cứ", f"can_cu[{index}].{key}", basis.get(key), got.get(key))
    for key in SECTIONS:
        result.add("Số mục mỗi phần", f"{key} (mục cấp 1)", len(sample.get(key) or []), len(imported.get(key) or []))
        result.add("Số mục mỗi phần", f"{key} (mọi cấp)", _count(sample.get(key)), _count(imported.get(key)))
    result.add("Số mục mỗi phần", "che_do_bao_cao.noi_dung", len(sample.get("che_do_bao_cao", {}).get("noi_dung", [])),
               len(imported.get("che_do_bao_cao", {}).get("noi_dung", [])))
    sample_tasks, tasks = sample.get("nhiem_vu", []), imported.get("nhiem_vu", [])
    result.add("Dòng nhiệm vụ", "số dòng", len(sample_tasks), len(tasks))
    for index, task in enumerate(sample_tasks):
        got = _nth(tasks, index)
        for key in TASK:
            result.add("Dòng nhiệm vụ", f"NV{index + 1:02d}.{key}", task.get(key), got.get(key))
        for t_index, target in enumerate(task.get("chi_tieu", [])):
            got_target = _nth(got.get("chi_tieu", []), t_index)
            for key in TARGET:
                if key in target or key in got_target:
                    result.add("Chỉ tiêu", f"NV{index + 1:02d}.chi_tieu[{t_index}].{key}", target.get(key), got_target.get(key))
        if not task.get("chi_tieu") and got.get("chi_tieu"):
            result.add("Chỉ tiêu", f"NV{index + 1:02d}.chi_tieu (thừa)", [], got.get("chi_tieu"))
    sample_targets, targets = sample.get("chi_tieu", []), imported.get("chi_tieu", [])
    result.add("Chỉ tiêu", "số chỉ tiêu chung", len(sample_targets), len(targets))
    for index, target in enumerate(sample_targets):
        got = _nth(targets, index)
        for key in TARGET:
            result.add("Chỉ tiêu", f"chi_tieu[{index}].{key}", target.get(key), got.get(key))
    sample_periods = sample.get("che_do_bao_cao", {}).get("ky_bao_cao", [])
    periods = imported.get("che_do_bao_cao", {}).get("ky_bao_cao", [])
    result.add("Kỳ báo cáo", "số kỳ", len(sample_periods), len(periods))
    for index, period in enumerate(sample_periods):
        got = _nth(periods, index)
        for key in ("ky", "han"):
            result.add("Kỳ báo cáo", f"ky_bao_cao[{index}].{key}", period.get(key), got.get(key))
    if sample_unit is not None:
        for key in ("ten", "loai", "tinh_thanh"):
            result.add("Hồ sơ đơn vị", key, sample_unit.get(key), (unit or {}).get(key))
    return result
