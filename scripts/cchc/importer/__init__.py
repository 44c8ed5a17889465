"""Import a plan document (.docx, .pdf, .md, .txt) into plan YAML.

read (reader) → paragraphs → body structure and appendix → tasks, dates and
targets → a plan mapping with notes for staff (writer turns it into YAML).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import agencies, appendix as appendix_part, deadlines, issuer, references, reports, structure, targets as target_finder, vocab
from .keys import PLAN_KEYS, TITLE_KEYS
from .paragraphs import paragraphs
from .reader import ReadError, read_document
from .types import Document

__all__ = ["ImportFailure", "Imported", "import_document", "slug"]

class ImportFailure(Exception):
    """The file is not a plan the importer can read; the message says why, in Vietnamese."""


@dataclass
class Imported:
    plan: dict
    unit: dict  # ten, loai, tinh_thanh of the issuing commune-level unit (what the document states)
    notes: dict[str, list[str]] = field(default_factory=dict)
    issuer: str | None = None  # the issuing body when it is above the commune level
    agencies: list[dict] = field(default_factory=list)  # proposed `cac_co_quan` of the unit profile

    @property
    def year(self) -> int:
        return int(self.plan["nam"])

    def all_notes(self) -> list[tuple[str, str]]:
        return [(key, note) for key, notes in self.notes.items() for note in notes]


def slug(name: str) -> str:
    return "-".join(vocab.fold(name).replace("'", "").split())


def import_document(path: str | Path) -> Imported:
    path = Path(path)
    try:
        document = read_document(path)
    except ReadError as err:
        raise ImportFailure(str(err)) from None
    return import_read(document, path)


def import_read(document: Document, path: Path) -> Imported:
    """The plan in a document already read (a reader's result); `path` names it in messages."""
    body_items, appendix_items = appendix_part.split(document.items, document.kind)
    body = structure.parse_body(paragraphs(body_items, document.kind))
    missing = _missing_markers(body)
    if missing:
        raise ImportFailure(f"{path.name}: không nhận ra đây là một kế hoạch — không thấy " + "; ".join(missing) + ".")
    plan, notes = body.plan, body.notes
    for message in document.notes:
        notes.setdefault("ghi_chu_nguon", []).append(message)
    if not body.titles:
        notes.setdefault("tieu_de_muc", []).append(
            "không thấy phần nào (Mục đích, yêu cầu; Nội dung; Tổ chức thực hiện...): hãy chép các phần từ văn bản gốc")
    annex = appendix_part.read(appendix_items, body_items, document.kind)
    _number_from_annex(plan, annex.info, notes)
    _year(plan, notes, body.texts)
    if not plan.get("nam"):
        raise ImportFailure(f"{path.name}: không tìm thấy năm của kế hoạch (trong trích yếu hay ngày ban hành).")
    plan["tieu_de_muc"] = {k: body.titles[k] for k in TITLE_KEYS if k in body.titles}
    if annex.info:
        plan["phu_luc"] = annex.info
    tasks = _tasks(annex, plan["nam"], notes)
    if tasks:
        plan["nhiem_vu"] = tasks
    elif plan.get("nhiem_vu_gioi_thieu") and appendix_part.mentions_appendix(plan["nhiem_vu_gioi_thieu"]):
        plan["phu_luc"] = {**plan.get("phu_luc", {}), "khong_co_trong_ban_goc": True}
        notes.setdefault("phu_luc", []).append(
            "văn bản nhắc tới phụ lục nhiệm vụ nhưng tệp không có phụ lục: chưa có dòng nhiệm vụ nào")
    for message in annex.notes:
        notes.setdefault("nhiem_vu", []).append(message)
    _targets(plan, notes)
    _schedule(plan)
    unit = dict(body.unit)
    province = issuer.find_province(body.texts, unit.get("ten")) if unit else None
    if province:
        unit["tinh_thanh"] = province
    # An empty number is kept: "Số: /KH-UBND" states that the number is blank.
    ordered = {key: plan[key] for key in PLAN_KEYS
               if key in plan and (key == "so" or plan[key] not in (None, "", [], {}))}
    return Imported(ordered, unit, notes, body.issuer, agencies.propose(ordered, unit.get("loai", ""), unit.get("ten", "")))


def _missing_markers(body: structure.Body) -> list[str]:
    """The genre's markers a document lacks, when it lacks too many to be a plan.

    A plan names its type ("KẾ HOẠCH", alone or before its title), has a title, and
    has sections or a signature; a document with the type and title and one of
    the others is imported with notes for what is missing.
    """
    has_type = body.found_type
    has_title = bool(body.plan.get("trich_yeu"))
    has_parts = len(body.titles) >= 1 or bool(body.plan.get("chu_ky"))
    if has_type and has_title and has_parts:
        return []
    if not has_type and has_title and len(body.titles) >= 2:
        return []  # the sections say it, even where the type line was lost
    if has_type and not has_title and len(body.titles) >= 2:
        # The title under the type line lost (misread, or cut off by a scan or a copy): the type and
        # the sections say it is a plan; the title is left for staff under its note.
        _title_note(body, "không đọc được trích yếu (tên kế hoạch) sau tên loại “KẾ HOẠCH”")
        return []
    if not has_type and not has_title and len(body.titles) >= 3 and _names_itself_a_plan(body.plan):
        # The type line and the title after it lost together (a scan's heading misread), but the
        # plan's own symbol or lead-in and its sections say what it is: imported, the title left
        # for staff under its note.
        _title_note(body, "không đọc được tên loại “KẾ HOẠCH” và trích yếu (tên kế hoạch)")
        return []
    missing = []
    if not has_type:
        missing.append("tên loại “KẾ HOẠCH” ở đầu văn bản")
    if not has_title:
        missing.append("trích yếu (tên kế hoạch) sau tên loại")
    if not has_parts:
        missing.append("các phần của kế hoạch (I. MỤC ĐÍCH, YÊU CẦU; ...) hay khối chữ ký")
    return missing


def _title_note(body: structure.Body, what: str) -> None:
    body.notes.setdefault("trich_yeu", []).append(f"{what}: hãy chép trích yếu từ văn bản gốc")


# "…/KH-UBND": the symbol of a plan (Decree 30, appendix III); "xây dựng Kế hoạch … như sau".
_PLAN_LEAD_IN = re.compile(r"\b(xây dựng|ban hành)\s+(các\s+)?kế hoạch\b", re.I)


def _names_itself_a_plan(plan: dict) -> bool:
    return str(plan.get("ky_hieu") or "").upper().startswith("KH") or bool(_PLAN_LEAD_IN.search(plan.get("loi_dan") or ""))


def _number_from_annex(plan: dict, info: dict, notes: dict) -> None:
    attached = references.ATTACHED_TO.search(info.get("ghi_chu", ""))
    taken = []
    if "ky_hieu" not in plan and attached:
        plan["so"], plan["ky_hieu"] = attached.group("so"), attached.group("ky_hieu")
        taken.append("số")
    if "ngay" not in plan and attached:
        day = references.date_text(attached.group("date"))
        if day:
            plan["ngay"] = day
            taken.append("ngày ban hành")
    if taken:
        plan["ghi_chu_nguon"] = (
            "Văn bản không có phần đầu ghi " + " và ".join(taken) + "; lấy từ dòng “" + info["ghi_chu"]
            + "” của phụ lục." + ("" if "dia_danh" in plan else " Địa danh để trống vì văn bản không ghi."))
    if "ky_hieu" not in plan:
        notes.setdefault("ky_hieu", []).append("không thấy dòng “Số: .../KH-...”: hãy ghi so và ky_hieu")
    if "dia_danh" not in plan:
        notes.setdefault("dia_danh", []).append("văn bản không ghi địa danh, ngày tháng ở đầu")


_YEAR = re.compile(r"\b(20\d\d)\b")
_YEAR_PHRASE = re.compile(r"\bnăm\s+(20\d\d)\b", re.I)


def _year(plan: dict, notes: dict, texts: list[str]) -> None:
    """The plan's year: its title's, else its date's, else the year the text names most often
    ("trong năm 2025"), for a scan whose heading and date were both misread."""
    found = _YEAR.search(plan.get("trich_yeu", ""))
    if found:
        plan["nam"] = int(found.group(1))
    elif plan.get("ngay"):
        plan["nam"] = int(plan["ngay"][-4:])
        notes.setdefault("nam", []).append("trích yếu không ghi năm; lấy năm của ngày ban hành")
    else:
        text = " ".join(texts)
        counted = Counter(_YEAR_PHRASE.findall(text)) or Counter(_YEAR.findall(text))
        if counted:
            # Most often, then the latest: the bases cite earlier years, the plan's own tasks its year.
            year = max(counted, key=lambda y: (counted[y], y))
            plan["nam"] = int(year)
            notes.setdefault("nam", []).append(
                f"không đọc được năm trong trích yếu hay ngày ban hành; lấy năm {year}, năm văn bản nhắc tới "
                "nhiều nhất: hãy kiểm tra")


def _tasks(annex, year: int, notes: dict) -> list[dict]:
    result = []
    for number, row in enumerate(annex.rows, start=1):
        cells = row.cells
        task = {"ma": f"NV{number:02d}", "stt": row.stt}
        for key in ("noi_dung", "chu_tri", "phoi_hop", "thoi_gian", "hoan_thanh"):
            if cells.get(key):
                task[key] = cells[key]
        task.update(deadlines.task_dates(cells.get("thoi_gian", ""), cells.get("hoan_thanh", ""), year))
        if cells.get("san_pham"):
            task["san_pham"] = cells["san_pham"]
        for message in row.notes:
            notes.setdefault(f"nhiem_vu[{number - 1}]", []).append(message)
        if not task.get("chu_tri"):
            notes.setdefault(f"nhiem_vu[{number - 1}]", []).append("dòng này không ghi cơ quan chủ trì")
        result.append(task)
    return result


def _targets(plan: dict, notes: dict) -> None:
    counter = 0
    seen = set()
    for index, task in enumerate(plan.get("nhiem_vu", [])):
        found = []
        for key in ("san_pham", "thoi_gian", "hoan_thanh"):
            found += target_finder.find_targets(task.get(key, ""), task.get("noi_dung", ""))
        for target in found:
            counter += 1
            seen.add((target["so_luong"], target["don_vi_tinh"], target["ky"]))
            task.setdefault("chi_tieu", []).append({"ma": f"CT{counter:02d}", **target})
    agencies = plan.get("to_chuc_thuc_hien", [])
    places: list[tuple[str, str | None]] = []
    for agency in agencies:
        for text in _texts(agency):
            places.append((text, agency["co_quan"]))
    # "Mục tiêu cụ thể" states targets too ("Mỗi thôn tổ chức ít nhất 01 buổi ... trong năm").
    for key in ("muc_dich", "noi_dung", "hinh_thuc"):
        for item in plan.get(key, []):
            for text in _texts(item):
                places.append((text, None))
    for text in plan.get("nhiem_vu_gioi_thieu", "").split("\n"):
        places.append((text, None))  # tasks listed in prose: "7. ... ít nhất 02 tin, bài/tháng"
    for text, agency in places:
        for target in target_finder.find_targets(text):
            if (target["so_luong"], target["don_vi_tinh"], target["ky"]) in seen:
                continue
            counter += 1
            responsible = agency or _agency_for_channel(agencies, target["kenh"])
            source = target.pop("nguon")
            entry = {"ma": f"CT{counter:02d}", **target, **({"co_quan": responsible} if responsible else {}),
                     "nguon": source}
            if not responsible:
                notes.setdefault("chi_tieu", []).append(
                    f"{entry['ma']}: chưa rõ cơ quan chịu trách nhiệm chỉ tiêu “{entry['nguon']}”")
            plan.setdefault("chi_tieu", []).append(entry)


def _texts(item) -> list[str]:
    if isinstance(item, str):
        return [item]
    texts = [item["noi_dung"]] if item.get("noi_dung") else []
    for child in item.get("muc", []):
        texts += _texts(child)
    return texts


def _agency_for_channel(agencies: list[dict], channel: str) -> str | None:
    words = dict(target_finder.CHANNELS).get(channel, ())
    scores = []
    for agency in agencies:
        text = vocab.fold(" ".join(_texts(agency)))
        scores.append((sum(text.count(w) for w in words), agency["co_quan"]))
    scores.sort(key=lambda s: -s[0])
    if scores and scores[0][0] > 0 and (len(scores) == 1 or scores[0][0] > scores[1][0]):
        return scores[0][1]
    return None


def _schedule(plan: dict) -> None:
    texts = []
    for agency in plan.get("to_chuc_thuc_hien", []):
        texts += _texts(agency)
    for item in plan.get("che_do_bao_cao", {}).get("noi_dung", []):
        texts += _texts(item)
    for task in plan.get("nhiem_vu", []):
        texts += [task.get("hoan_thanh", ""), task.get("thoi_gian", "")]
    periods = reports.report_periods(texts, plan["nam"])
    if periods:
        plan.setdefault("che_do_bao_cao", {})["ky_bao_cao"] = periods
