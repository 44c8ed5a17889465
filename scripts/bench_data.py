"""Synthetic but realistic portal data for the benchmark: units, plans, progress, posts, Q&A.

Sentences are taken from the repository's own sample plans, so page weight
and search index size reflect real Vietnamese administrative text.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import yaml

FIRST = ["An", "Bình", "Phú", "Tân", "Hòa", "Long", "Mỹ", "Thạnh", "Phước", "Đông", "Tây", "Nam", "Bắc",
         "Trung", "Hưng", "Quang", "Minh", "Thuận", "Vĩnh", "Hiệp", "Định", "Xuân", "Hải", "Đức", "Lộc"]
SECOND = ["Lợi", "Thành", "Khánh", "Hòa", "Điền", "Lạc", "Sơn", "Giang", "Phong", "Hưng", "Tiến", "Thịnh",
          "Quý", "Lâm", "Phát", "Bình", "Mỹ", "Hội", "Nghĩa", "Trung", "Lương", "Đạt", "Yên", "Kim", "Cường"]
AREAS = ["Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy", "Cải cách chế độ công vụ",
         "Cải cách tài chính công", "Chính quyền điện tử và chính quyền số", "Tin hoạt động"]
AGENCIES = ["Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND", "Trung tâm Phục vụ hành chính công",
            "Trung tâm Dịch vụ tổng hợp", "Phòng Kinh tế"]


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s))


def _dump(data) -> str:
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**6)


def sentences(repo: Path) -> list[str]:
    """Every sentence of the sample plans' text values."""
    found: list[str] = []
    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and len(value) > 60:
            found.extend(s.strip() for s in re.split(r"(?<=[.;])\s+", value) if len(s.strip()) > 40)
    for path in sorted((repo / "plans").glob("*/ke-hoach-*.yml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def unit_names(count: int) -> list[tuple[str, str]]:
    names = [(f"{a} {b}", f"{_slug(a)}-{_slug(b)}") for a in FIRST for b in SECOND if a != b]
    return random.Random(7).sample(names, count)


def _slug(text: str) -> str:
    import unicodedata
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c)).lower()


def _plan(name: str, kind: str, rng: random.Random, pool: list[str], tasks: int) -> dict:
    pick = lambda n: rng.sample(pool, n)  # noqa: E731
    task_rows = []
    for i in range(1, tasks + 1):
        row = {"ma": f"NV{i:02d}", "stt": str(i), "noi_dung": " ".join(pick(2)), "chu_tri": rng.choice(AGENCIES),
               "phoi_hop": "Các cơ quan, đơn vị thuộc UBND", "thoi_gian": "Thường xuyên", "hoan_thanh": "Tháng 12/2026",
               "han": "31/12/2026", "san_pham": "Tin, bài, phóng sự, hình ảnh trên Trang thông tin điện tử"}
        if i == 1:
            row.update(thoi_gian="Tháng 01/2026", han="31/01/2026", san_pham="Kế hoạch")
        if i == 3:
            row["chi_tieu"] = [{"ma": "CT01", "so_luong": 2, "don_vi_tinh": "tin, bài", "ky": "thang",
                                "kenh": "truyen_thanh", "nguon": "Tối thiểu 02 tin, bài về công tác CCHC/tháng"}]
        task_rows.append(row)
    return {
        "so": str(rng.randint(10, 400)), "ky_hieu": "KH-UBND", "dia_danh": name, "ngay": "15/01/2026", "nam": 2026,
        "trich_yeu": f"Tuyên truyền cải cách hành chính năm 2026 trên địa bàn {kind} {name}",
        "can_cu": [{"tu_dan": "Thực hiện", "loai": "Kế hoạch", "so": f"{rng.randint(100, 300)}/KH-UBND",
                    "ngay": "29/12/2025", "co_quan": "Ủy ban nhân dân tỉnh", "trich_yeu": "về tuyên truyền CCHC năm 2026"}],
        "loi_dan": f"Ủy ban nhân dân {kind} {name} xây dựng Kế hoạch tuyên truyền cải cách hành chính năm 2026 như sau:",
        "muc_dich": pick(4), "yeu_cau": pick(4),
        "noi_dung": [{"nhan": f"{chr(97 + i)})", "noi_dung": s} for i, s in enumerate(pick(8))],
        "hinh_thuc": pick(5), "kinh_phi": rng.choice(pool),
        "to_chuc_thuc_hien": [{"nhan": f"{i + 1}.", "co_quan": a, "muc": pick(3)} for i, a in enumerate(AGENCIES)],
        "che_do_bao_cao": {"ky_bao_cao": [
            {"ky": "2026-Q1", "ten": "Báo cáo quý I", "han": "12/03/2026"},
            {"ky": "2026-H1", "ten": "Báo cáo 6 tháng", "han": "12/06/2026"},
            {"ky": "2026-Q3", "ten": "Báo cáo quý III", "han": "12/09/2026"},
            {"ky": "2026", "ten": "Báo cáo năm", "han": "10/12/2026"}]},
        "loi_ket": f"Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2026 của {kind} {name}./.",
        "noi_nhan": ["Sở Nội vụ (báo cáo);", "Lãnh đạo UBND;", "Các cơ quan, đơn vị;", "Lưu: VT."],
        "chu_ky": {"thay_mat": "TM. ỦY BAN NHÂN DÂN", "ky_thay": "KT. CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH",
                   "ho_ten": "Nguyễn Văn Mẫu"},
        "phu_luc": {"tieu_de": "PHỤ LỤC", "ghi_chu": "(Kèm theo Kế hoạch)"},
        "nhiem_vu": task_rows,
        "chi_tieu": [{"ma": "CT02", "so_luong": 12, "toi_thieu": True, "don_vi_tinh": "tin/bài", "ky": "nam",
                      "kenh": "trang_thong_tin", "co_quan": "Phòng Văn hóa - Xã hội",
                      "nguon": "đăng tải tối thiểu 12 tin/bài trong năm"}],
    }


def generate(root: Path, repo: Path, units: int, posts_per_unit: int, questions_per_unit: int,
             tasks: int = 10) -> None:
    """Writes a complete portal (mkdocs.yml, content/, plans/) under `root`."""
    pool = sentences(repo)
    text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    (root / "content").mkdir(parents=True, exist_ok=True)
    for page in ("index.md", "huong-dan.md"):
        (root / "content" / page).write_text((repo / "content" / page).read_text(encoding="utf-8"), encoding="utf-8")
    import shutil
    shutil.copytree(repo / "theme", root / "theme", dirs_exist_ok=True)
    posts_dir = root / "content/chuyen-muc/bai-viet"
    questions_dir = root / "content/hoi-dap/cau-hoi"
    posts_dir.mkdir(parents=True, exist_ok=True)
    questions_dir.mkdir(parents=True, exist_ok=True)
    for index, (name, ident) in enumerate(unit_names(units)):
        rng = random.Random(index)
        kind = "phường" if index % 3 == 0 else "xã"
        unit_dir = root / "plans" / ident
        unit_dir.mkdir(parents=True, exist_ok=True)
        (unit_dir / "don-vi.yml").write_text(_dump({
            "ten": name, "loai": kind, "tinh_thanh": "tỉnh Mẫu", "dien_thoai": f"0215 3{index:03d} 000",
            "du_lieu_mau": True,
            "duong_day_nong": [{"noi_dung": "Phản ánh, kiến nghị về thủ tục hành chính",
                                "dien_thoai": f"0215 3{index:03d} 001", "du_lieu_mau": True}]}), encoding="utf-8")
        (unit_dir / "ke-hoach-2026.yml").write_text(_dump(_plan(name, kind, rng, pool, tasks)), encoding="utf-8")
        entries = [{"ngay": f"{28 if m == 2 else 30}/{m:02d}/2026", "chi_tieu": "CT01", "so_luong": rng.randint(1, 3)}
                   for m in range(1, 11)]
        entries += [{"ngay": "31/01/2026", "nhiem_vu": f"NV{t:02d}", "trang_thai": "đang thực hiện"}
                    for t in range(2, tasks + 1)]
        (unit_dir / "tien-do-2026.yml").write_text(_dump({"du_lieu_mau": True, "cap_nhat": entries}), encoding="utf-8")
        for p in range(posts_per_unit):
            month, day = 1 + p % 10, 1 + (p * 7) % 28
            front = {"tieu_de": rng.choice(pool)[:90].rstrip(" ,;."), "ngay": f"{day:02d}/{month:02d}/2026",
                     "don_vi": ident, "chuyen_muc": [rng.choice(AREAS)], "co_quan": rng.choice(AGENCIES),
                     "tom_tat": rng.choice(pool)[:160], "noi_dung_mau": True}
            if p % 4 == 0:
                front["chi_tieu"] = "CT02"
            body = "\n\n".join(" ".join(rng.sample(pool, 3)) for _ in range(4))
            (posts_dir / f"{ident}-{p:04d}.md").write_text(f"---\n{_dump(front)}---\n\n{body}\n", encoding="utf-8")
        for q in range(questions_per_unit):
            answered = q % 3 != 0
            front = {"cau_hoi": rng.choice(pool)[:140] + "?", "ngay_hoi": f"{1 + q % 27:02d}/{1 + q % 9:02d}/2026",
                     "don_vi": ident, "linh_vuc": rng.choice(AREAS[:6]),
                     "trang_thai": "đã trả lời" if answered else "chờ trả lời", "noi_dung_mau": True}
            if answered:
                front.update(co_quan_tra_loi=rng.choice(AGENCIES), ngay_tra_loi=f"{1 + q % 27:02d}/{2 + q % 9:02d}/2026")
            body = " ".join(rng.sample(pool, 2)) if answered else ""
            (questions_dir / f"{ident}-{q:03d}.md").write_text(f"---\n{_dump(front)}---\n\n{body}\n", encoding="utf-8")


if __name__ == "__main__":
    target, count = Path(sys.argv[1]), int(sys.argv[2])
    generate(target, Path(__file__).resolve().parent.parent, count, int(sys.argv[3]), int(sys.argv[4]))
