"""Score one import against the hand-checked facts of a corpus document.

`score(expected, imported)` compares the facts in a corpus document's
expected.yml (tests/data/import_corpus/*/<id>/expected.yml; the conventions are
in that folder's README) with what `cchc.importer.import_document` returned, fact
by fact, in field groups. It keeps the style of import_compare.py (and its
Comparison): a list of (group, name, ok, expected, actual) checks.

- A refused import (`imported is None`) scores 0 on every fact of the document,
  the facts that are blank (null) in the document included.
- Text facts are compared after NFC, white-space squashing and trimming of
  trailing punctuation; names, titles and positions also ignore case, the
  spelling "UBND"/"Ủy ban nhân dân" and the old/new tone placement (hoà/hòa).
- Units of a target ("tin, bài", "tin/bài"; "lớp" / "lớp tập huấn") match by their
  first words. Counts are exact. A blank fact (null, or "" for a blank number) is right only
  when the import leaves it blank too: inventing a value is wrong.
"""

from __future__ import annotations

import re
import unicodedata

from import_compare import Comparison as _Comparison

GROUPS = ("Thông tin chung", "Chữ ký", "Căn cứ", "Các phần", "Nhiệm vụ", "Chỉ tiêu", "Kỳ báo cáo", "Đơn vị")
GENERAL = ("so", "ky_hieu", "ngay", "dia_danh", "nam", "loai_van_ban", "trich_yeu", "co_quan_ban_hanh")
SIGNATURE = ("thay_mat", "ky_thay", "chuc_vu", "ho_ten")
PARTS = ("muc_dich", "yeu_cau", "doi_tuong", "noi_dung", "hinh_thuc", "noi_nhan")
DEFAULT_TYPE = "KẾ HOẠCH"  # ke-hoach.schema.json: loai_van_ban "Mặc định: KẾ HOẠCH"
REFUSED = "(không nhập được)"


class Comparison(_Comparison):
    refused: bool = False

    def check(self, group: str, name: str, expected, actual, ok: bool) -> None:
        self.checks.append((group, name, bool(ok), expected, actual))

    def same(self, group: str, name: str, expected, actual, normalise) -> None:
        self.check(group, name, expected, actual, normalise(expected) == normalise(actual))


# --- normalising ------------------------------------------------------------------

_TONE_MOVES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
               "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_OLD_TONE = re.compile("(" + "|".join(_TONE_MOVES) + r")(?![a-zà-ỹđ])")


def text(value) -> str | None:
    """NFC, one space between words, no trailing punctuation; blank is None."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ")
    value = re.sub(r"\s+", " ", value).strip().rstrip(" .;:,").strip()
    return value or None


def caseless(value) -> str | None:
    value = text(value)
    return value.casefold() if value else None


def name(value) -> str | None:
    """Agency names, titles, positions: case, UBND and tone placement do not matter."""
    value = caseless(value)
    if not value:
        return None
    value = re.sub(r"\bubnd\b", "ủy ban nhân dân", value)
    value = re.sub(r"\bhđnd\b", "hội đồng nhân dân", value)
    return _OLD_TONE.sub(lambda m: _TONE_MOVES[m.group(1)], value)


def number(value) -> str | None:
    """The number of a document: "01" and "1" are the same; "" (blank) stays ""."""
    if value is None:
        return None
    value = str(value).strip()
    return str(int(value)) if value.isdigit() else value


def symbol(value) -> str | None:
    value = text(value)
    return re.sub(r"\s+", "", value).upper() if value else None


def date(value) -> str | None:
    value = text(value)
    if not value:
        return None
    parts = re.split(r"\s*/\s*", value)
    if all(p.isdigit() for p in parts) and len(parts) in (2, 3):
        return "/".join([f"{int(p):02d}" for p in parts[:-1]] + [parts[-1]])
    return value


def unit_word(value) -> str | None:
    """Units of a target: "tin, bài", "tin/bài" and "tin bài" are one unit."""
    value = caseless(value)
    return re.sub(r"\s+", " ", re.sub(r"[,/]", " ", value)).strip() if value else None


def same_unit(expected, actual) -> bool:
    """One counted unit: the same words, or one form starting with the other ("lớp" / "lớp tập huấn")."""
    e, a = unit_word(expected), unit_word(actual)
    if not e or not a:
        return e == a
    return e == a or e.startswith(a + " ") or a.startswith(e + " ")


def exact(value):
    return value


def first_line(value) -> str | None:
    return text(str(value).split("\n")[0]) if value else None


# --- the imported side --------------------------------------------------------------

def _plan_and_unit(imported) -> tuple[dict, dict]:
    if imported is None:
        return {}, {}
    return dict(imported.plan or {}), dict(imported.unit or {})


def _issuer(plan: dict, unit: dict) -> str | None:
    # ke-hoach.schema.json: co_quan_ban_hanh defaults to the unit profile, whose co_quan
    # defaults to "Ủy ban nhân dân <loại> <tên>" (don-vi.schema.json).
    if plan.get("co_quan_ban_hanh"):
        return plan["co_quan_ban_hanh"]
    if unit.get("co_quan"):
        return unit["co_quan"]
    if unit.get("loai") and unit.get("ten"):
        return f"Ủy ban nhân dân {unit['loai']} {unit['ten']}"
    return None


def _count_lines(value) -> int:
    if not value:
        return 0
    if isinstance(value, list):
        return len(value)
    return len([line for line in str(value).split("\n") if line.strip()])


def _targets(plan: dict) -> list[dict]:
    found = list(plan.get("chi_tieu") or [])
    for task in plan.get("nhiem_vu") or []:
        found += task.get("chi_tieu") or []
    return found


# --- scoring -------------------------------------------------------------------------

_FACT_KEY = re.compile(r"^[a-z_0-9]+$")


def repair_flow_commas(value):
    """Facts written in YAML flow style with an unquoted comma (`{noi_dung: Xây dựng, ban hành Kế
    hoạch}`) parse as a cut value and a key with no value ("ban hành Kế hoạch": None). No fact is
    named like that (fact names are snake_case), so such a key is the rest of the value before it."""
    if isinstance(value, list):
        return [repair_flow_commas(v) for v in value]
    if not isinstance(value, dict):
        return value
    repaired: dict = {}
    last = None
    for key, item in value.items():
        if item is None and isinstance(key, str) and not _FACT_KEY.match(key) and last is not None \
                and isinstance(repaired[last], str):
            repaired[last] = f"{repaired[last]}, {key}"
            continue
        repaired[key] = repair_flow_commas(item)
        last = key
    return repaired


def score(expected: dict, imported) -> Comparison:
    """Compare the facts of one corpus document (its parsed expected.yml) with an import."""
    expected = repair_flow_commas(expected)
    plan, unit = _plan_and_unit(imported)
    facts = expected["ke_hoach"]
    result = Comparison()
    _general(facts, plan, unit, result)
    _signature(facts, plan, result)
    _basis(facts, plan, result)
    _parts(facts, plan, result)
    _tasks(facts, plan, result)
    _target_facts(facts, plan, result)
    _periods(facts, plan, result)
    _unit(expected.get("don_vi"), unit, result)
    skipped = set(expected.get("khong_cham") or [])
    if skipped:
        result.checks = [c for c in result.checks if c[1] not in skipped]
    if imported is None:
        result.refused = True
        result.checks = [(g, n, False, e, REFUSED) for g, n, _, e, _ in result.checks]
    return result


def _general(facts: dict, plan: dict, unit: dict, result: Comparison) -> None:
    group = "Thông tin chung"
    how = {"so": number, "ky_hieu": symbol, "ngay": date, "dia_danh": name, "nam": exact,
           "loai_van_ban": name, "trich_yeu": name, "co_quan_ban_hanh": name}
    for key in GENERAL:
        if key == "loai_van_ban":
            actual = plan.get(key) or (DEFAULT_TYPE if plan else None)
        elif key == "co_quan_ban_hanh":
            actual = _issuer(plan, unit)
        else:
            actual = plan.get(key)
        expected = facts.get(key)
        if isinstance(expected, list):  # several ways of naming the same body are all right
            result.check(group, key, expected, actual, any(how[key](e) == how[key](actual) for e in expected))
        else:
            result.same(group, key, expected, actual, how[key])


def _signature(facts: dict, plan: dict, result: Comparison) -> None:
    expected, got = facts.get("chu_ky") or {}, plan.get("chu_ky") or {}
    for key in SIGNATURE:
        result.same("Chữ ký", f"chu_ky.{key}", expected.get(key), got.get(key), name)


def _basis(facts: dict, plan: dict, result: Comparison) -> None:
    group = "Căn cứ"
    expected, got = facts.get("can_cu") or [], list(plan.get("can_cu") or [])
    result.check(group, "số văn bản căn cứ", len(expected), len(got), len(expected) == len(got))
    used: set[int] = set()
    for index, basis in enumerate(expected):
        match = next((i for i, g in enumerate(got) if i not in used and symbol(g.get("so")) == symbol(basis["so"])), None)
        other = got[match] if match is not None else {}
        if match is not None:
            used.add(match)
        label = f"can_cu[{index}] {basis['so']}"
        result.check(group, f"{label}.so", basis["so"], other.get("so"), match is not None)
        result.same(group, f"{label}.loai", basis.get("loai"), other.get("loai"), name)
        result.same(group, f"{label}.ngay", basis.get("ngay"), other.get("ngay"), date)
        result.same(group, f"{label}.co_quan", basis.get("co_quan"), other.get("co_quan"), name)


def _parts(facts: dict, plan: dict, result: Comparison) -> None:
    group = "Các phần"
    counts = facts.get("so_muc") or {}
    for key in PARTS:
        expected = counts.get(key, 0)
        actual = _count_lines(plan.get(key))
        result.check(group, f"{key} (số mục cấp 1)", expected, actual, expected == actual)
    if isinstance(facts.get("doi_tuong"), str):
        result.same(group, "doi_tuong", facts["doi_tuong"], plan.get("doi_tuong"), caseless)
    agencies = facts.get("to_chuc_thuc_hien") or []
    got = [a.get("co_quan") for a in plan.get("to_chuc_thuc_hien") or [] if isinstance(a, dict)]
    result.check(group, "to_chuc_thuc_hien (số cơ quan)", len(agencies), len(got), len(agencies) == len(got))
    names = {name(g) for g in got}
    for agency in agencies:
        result.check(group, f"to_chuc_thuc_hien: {agency}", agency, "có" if name(agency) in names else None,
                     name(agency) in names)


def _tasks(facts: dict, plan: dict, result: Comparison) -> None:
    group = "Nhiệm vụ"
    expected, got = facts.get("nhiem_vu") or [], list(plan.get("nhiem_vu") or [])
    result.check(group, "số dòng nhiệm vụ", len(expected), len(got), len(expected) == len(got))
    used: set[int] = set()
    for index, row in enumerate(expected):
        candidates = [i for i, g in enumerate(got) if i not in used and str(g.get("stt", "")) == str(row["stt"])]
        match = min(candidates, key=lambda i: abs(i - index)) if candidates else (
            index if index < len(got) and index not in used else None)
        other = got[match] if match is not None else {}
        if match is not None:
            used.add(match)
        label = f"NV[{index}] stt {row['stt']}"
        result.same(group, f"{label}.stt", row["stt"], other.get("stt"), text)
        result.check(group, f"{label}.noi_dung", row["noi_dung"], other.get("noi_dung"),
                     text(row["noi_dung"]) == first_line(other.get("noi_dung")))
        result.same(group, f"{label}.chu_tri", row.get("chu_tri"), other.get("chu_tri"), name)
        for key in ("thoi_gian", "hoan_thanh"):
            if key in row:
                result.same(group, f"{label}.{key}", row[key], other.get(key), caseless)
        result.same(group, f"{label}.han", row.get("han"), other.get("han"), date)


def _target_facts(facts: dict, plan: dict, result: Comparison) -> None:
    group = "Chỉ tiêu"
    expected, got = facts.get("chi_tieu") or [], _targets(plan)
    result.check(group, "số chỉ tiêu", len(expected), len(got), len(expected) == len(got))
    used: set[int] = set()
    for index, target in enumerate(expected):
        free = [i for i in range(len(got)) if i not in used and got[i].get("so_luong") == target["so_luong"]]
        alike = [i for i in free if same_unit(target["don_vi_tinh"], got[i].get("don_vi_tinh"))]
        match = (alike or free or [None])[0]
        other = got[match] if match is not None else {}
        if match is not None:
            used.add(match)
        label = f"chi_tieu[{index}] {target['so_luong']} {target['don_vi_tinh']}"
        result.check(group, f"{label}.so_luong", target["so_luong"], other.get("so_luong"), match is not None)
        result.check(group, f"{label}.don_vi_tinh", target["don_vi_tinh"], other.get("don_vi_tinh"),
                     same_unit(target["don_vi_tinh"], other.get("don_vi_tinh")))
        result.same(group, f"{label}.ky", target["ky"], other.get("ky"), exact)
        result.check(group, f"{label}.toi_thieu", bool(target.get("toi_thieu")), other.get("toi_thieu"),
                     match is not None and bool(target.get("toi_thieu")) == bool(other.get("toi_thieu")))


def _periods(facts: dict, plan: dict, result: Comparison) -> None:
    group = "Kỳ báo cáo"
    expected = (facts.get("che_do_bao_cao") or {}).get("ky_bao_cao") or []
    got = (plan.get("che_do_bao_cao") or {}).get("ky_bao_cao") or []
    result.check(group, "số kỳ báo cáo", len(expected), len(got), len(expected) == len(got))
    by_period = {str(p.get("ky")): p for p in got}
    for period in expected:
        other = by_period.get(str(period["ky"]))
        result.check(group, f"ky_bao_cao {period['ky']}", period["ky"], other and other.get("ky"), other is not None)
        result.same(group, f"ky_bao_cao {period['ky']}.han", period.get("han"), (other or {}).get("han"), date)


def _unit(expected: dict | None, unit: dict, result: Comparison) -> None:
    group = "Đơn vị"
    if expected is None:  # a plan of a province, department, ministry or district: no commune profile
        for key in ("ten", "loai"):
            result.same(group, f"don_vi.{key} (không phải cấp xã)", None, unit.get(key), name)
        return
    for key in ("ten", "loai", "tinh_thanh"):
        result.same(group, f"don_vi.{key}", expected.get(key), unit.get(key), name)


def totals(comparisons) -> dict[str, tuple[int, int]]:
    """Right and total facts per group over several comparisons."""
    result = {}
    for group in GROUPS:
        right = total = 0
        for comparison in comparisons:
            r, t = comparison.score(group)
            right, total = right + r, total + t
        result[group] = (right, total)
    return result
