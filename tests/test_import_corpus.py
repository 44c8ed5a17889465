"""The import corpus itself: its split, its hand-checked facts, its renderings, its scorer.

These tests do not measure the importer (scripts/eval_import.py does); they keep the
corpus honest: every document sits in the part the split rule gives it, every pattern
is in both parts, every fact that quotes the document is found in it, every master
renders in every format, and the scorer gives a perfect import 100 % and a refused
one 0 %.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

import import_formats
import import_scoring
from cchc.importer import Imported

CORPUS = Path(__file__).resolve().parent / "data" / "import_corpus"
WRITTEN = "soạn theo thể thức Nghị định 30/2020"
PATTERNS = {
    "tieu-de-mot-dong", "ke-hoach-chu-thuong", "khong-phan-dau", "quyet-dinh-ban-hanh", "ten-phan-khac",
    "muc-tieu-chung-cu-the", "muc-danh-so-truc-tiep", "doi-tuong-danh-sach", "dau-hai-cot-phang",
    "so-ngay-mot-dong", "dinh-chu", "don-vi-o-trich-yeu", "don-vi-o-than", "don-vi-dong-gop", "ngat-dong-cung",
    "tieu-de-truoc-tham-quyen", "loi-dan-sau-can-cu", "doan-noi-tiep", "cap-tren", "truoc-2025", "so-trong",
    "ngay-trong", "loi-chinh-ta-tieu-de", "phan-so-a-rap", "nhan-muc-da-dang", "bang-nhiem-vu", "bang-cot-khac",
    "chi-tieu-van-xuoi", "lich-bao-cao", "khong-bang", "nfd", "md-xuong-dong-mem", "khoi-ky-bang",
}
LEVELS = {"xã", "phường", "đặc khu", "thị trấn", "huyện", "thị xã", "thành phố thuộc tỉnh", "tỉnh",
          "thành phố trực thuộc trung ương", "sở", "bộ"}


@pytest.fixture(scope="module", autouse=True)
def _shared_renderer_closed_after_this_module():
    # The renderer's Chromium holds Playwright's event loop: later browser tests need it free.
    yield
    import_formats.close_shared()


def _documents() -> list[tuple[str, str, Path]]:
    return [(part, folder.name, folder) for part in ("dev", "eval")
            for folder in sorted((CORPUS / part).iterdir()) if folder.is_dir()]


DOCUMENTS = _documents()
IDS = [f"{part}/{name}" for part, name, _ in DOCUMENTS]


def expected_of(folder: Path) -> dict:
    return yaml.safe_load((folder / "expected.yml").read_text("utf-8"))


def part_by_rule(name: str) -> str:
    """The split, fixed before any tuning: documents come in pairs that share a main pattern
    (01-02, 03-04, ...). In odd pairs the first goes to dev, in even pairs the second."""
    number = int(name[:2])
    pair, first = (number + 1) // 2, number % 2 == 1
    return "dev" if first == (pair % 2 == 1) else "eval"


def test_the_corpus_is_big_enough_and_split_by_the_rule():
    assert len(DOCUMENTS) >= 30
    parts = [part for part, _, _ in DOCUMENTS]
    assert abs(parts.count("dev") - parts.count("eval")) <= 1
    numbers = sorted(int(name[:2]) for _, name, _ in DOCUMENTS)
    assert numbers == list(range(1, len(numbers) + 1)), "document numbers run 01, 02, ... without gaps"
    for part, name, _ in DOCUMENTS:
        assert part == part_by_rule(name), f"{name} belongs in {part_by_rule(name)}/"


def test_every_pattern_is_in_several_documents_of_both_parts():
    seen: dict[str, dict[str, int]] = {}
    for part, _, folder in DOCUMENTS:
        for pattern in expected_of(folder)["mau"]:
            seen.setdefault(pattern, {"dev": 0, "eval": 0})[part] += 1
    assert set(seen) <= PATTERNS, set(seen) - PATTERNS
    thin = {p: c for p, c in seen.items() if min(c.values()) < 2}
    assert not thin, f"patterns with fewer than 2 documents in a part: {thin}"
    assert PATTERNS <= set(seen), PATTERNS - set(seen)


def test_at_least_ten_documents_are_based_on_real_sources_in_both_parts():
    real = {"dev": 0, "eval": 0}
    for part, _, folder in DOCUMENTS:
        source = expected_of(folder)["nguon"]
        if source != WRITTEN:
            assert source.startswith(("http://", "https://")), source
            real[part] += 1
    assert sum(real.values()) >= 10 and min(real.values()) >= 4, real


def _plain_text(folder: Path) -> str:
    master = import_formats.parse_master((folder / "document.txt").read_text("utf-8"))
    pieces = []
    for block in master.blocks:
        if block.kind in ("para", "heading", "center"):
            pieces.append(import_formats.plain(block.text))
        elif block.kind == "cols":
            pieces += [import_formats.plain(x) for row in block.rows for pair in row for x in pair if x]
        elif block.kind == "table":
            pieces += [" ".join(import_formats.plain(l) for l in cell) for row in block.rows for cell in row]
    text = unicodedata.normalize("NFC", "\n".join(pieces))
    return re.sub(r"\s+", " ", text).casefold()


def _quoted(expected: dict) -> list[tuple[str, str]]:
    """(fact, text) pairs whose text the document must contain word for word."""
    plan = expected["ke_hoach"]
    quoted = [(key, plan[key]) for key in ("trich_yeu", "dia_danh", "doi_tuong") if isinstance(plan.get(key), str)]
    quoted += [(f"chu_ky.{k}", v) for k, v in (plan.get("chu_ky") or {}).items() if v]
    for basis in plan.get("can_cu") or []:
        quoted += [("can_cu.so", basis["so"])] + ([("can_cu.co_quan", basis["co_quan"])] if basis.get("co_quan") else [])
    quoted += [("to_chuc_thuc_hien", name) for name in plan.get("to_chuc_thuc_hien") or []]
    for row in plan.get("nhiem_vu") or []:
        quoted += [(f"nhiem_vu.{k}", row[k]) for k in ("noi_dung", "chu_tri", "thoi_gian", "hoan_thanh") if row.get(k)]
    if expected.get("don_vi"):
        quoted.append(("don_vi.ten", expected["don_vi"]["ten"]))
        if expected["don_vi"].get("tinh_thanh"):
            quoted.append(("don_vi.tinh_thanh", expected["don_vi"]["tinh_thanh"]))
    return quoted


@pytest.mark.parametrize("part,name,folder", DOCUMENTS, ids=IDS)
def test_expected_facts_are_well_formed_and_quote_the_document(part, name, folder):
    expected = expected_of(folder)
    assert set(expected) <= {"nguon", "dua_tren", "cap", "mau", "dinh_dang", "khong_cham", "ke_hoach", "don_vi"}
    assert expected["cap"] in LEVELS
    assert set(expected["dinh_dang"]) <= set(import_formats.FORMATS)
    plan = expected["ke_hoach"]
    for key in import_scoring.GENERAL + ("chu_ky", "can_cu", "so_muc", "to_chuc_thuc_hien", "nhiem_vu", "chi_tieu",
                                         "che_do_bao_cao"):
        assert key in plan, f"ke_hoach.{key} is missing (write null or [] for what the document leaves blank)"
    assert isinstance(plan["nam"], int)
    for key in ("ngay",):
        assert plan[key] is None or re.fullmatch(r"(\d{2}/)?\d{2}/\d{4}", plan[key]), plan[key]
    # Unquoted commas in a YAML flow mapping silently make new keys ("tin, bài" -> "tin" + "bài"):
    # every record must have only the keys it is meant to have.
    assert set(plan["chu_ky"]) == {"thay_mat", "ky_thay", "chuc_vu", "ho_ten"}
    for basis in plan["can_cu"]:
        assert set(basis) <= {"loai", "so", "ngay", "co_quan"} and basis["so"], basis
        assert basis.get("ngay") is None or re.fullmatch(r"\d{2}/\d{2}/\d{4}", basis["ngay"]), basis
    for row in plan["nhiem_vu"]:
        assert {"stt", "noi_dung", "chu_tri", "han"} <= set(row) <= {"stt", "noi_dung", "chu_tri", "thoi_gian",
                                                                     "hoan_thanh", "han"}, row
        assert row["han"] is None or re.fullmatch(r"\d{2}/\d{2}/\d{4}", row["han"]), row
    for target in plan["chi_tieu"]:
        assert set(target) == {"so_luong", "don_vi_tinh", "ky", "toi_thieu"}, target
        assert isinstance(target["so_luong"], int) and target["ky"] in ("thang", "quy", "nam", "ca_ke_hoach")
    for period in plan["che_do_bao_cao"]["ky_bao_cao"]:
        assert set(period) == {"ky", "han"}, period
        assert re.fullmatch(r"\d{4}(-(Q[1-4]|H1))?", str(period["ky"])), period
    assert set(plan["so_muc"]) == set(import_scoring.PARTS), plan["so_muc"]
    if expected["don_vi"] is not None:
        assert set(expected["don_vi"]) == {"ten", "loai", "tinh_thanh"}
    text = _plain_text(folder)
    for fact, quote in _quoted(expected):
        assert re.sub(r"\s+", " ", unicodedata.normalize("NFC", quote)).casefold() in text, f"{fact}: {quote!r}"


def _perfect_import(expected: dict) -> Imported:
    facts = expected["ke_hoach"]
    plan = {k: facts[k] for k in import_scoring.GENERAL if facts.get(k) is not None}
    if isinstance(plan.get("co_quan_ban_hanh"), list):
        plan["co_quan_ban_hanh"] = plan["co_quan_ban_hanh"][0]
    plan["chu_ky"] = {k: v for k, v in facts["chu_ky"].items() if v}
    plan["can_cu"] = facts["can_cu"]
    counts = facts["so_muc"]
    for key in ("muc_dich", "yeu_cau", "noi_dung", "hinh_thuc", "noi_nhan"):
        plan[key] = [f"mục {i + 1}" for i in range(counts[key])]
    if counts["doi_tuong"]:
        plan["doi_tuong"] = facts["doi_tuong"] or "\n".join(f"{i + 1}. nhóm" for i in range(counts["doi_tuong"]))
    plan["to_chuc_thuc_hien"] = [{"co_quan": name} for name in facts["to_chuc_thuc_hien"]]
    plan["nhiem_vu"] = [{k: v for k, v in row.items() if v is not None} for row in facts["nhiem_vu"]]
    plan["chi_tieu"] = facts["chi_tieu"]
    plan["che_do_bao_cao"] = facts["che_do_bao_cao"]
    return Imported(plan, dict(expected["don_vi"] or {}))


@pytest.mark.parametrize("part,name,folder", DOCUMENTS, ids=IDS)
def test_the_scorer_gives_a_perfect_import_everything_and_a_refusal_nothing(part, name, folder):
    expected = expected_of(folder)
    perfect = import_scoring.score(expected, _perfect_import(expected))
    assert perfect.failures() == []
    right, total = perfect.score()
    assert total > 25
    refused = import_scoring.score(expected, None)
    assert refused.score() == (0, total)


@pytest.mark.parametrize("fmt", ("txt", "md", "docx"))
@pytest.mark.parametrize("part,name,folder", DOCUMENTS, ids=IDS)
def test_every_master_renders_as_text_markdown_and_word(part, name, folder, fmt):
    path = import_formats.render(folder / "document.txt", fmt)
    assert path.stat().st_size > 500


@pytest.mark.browser
@pytest.mark.parametrize("fmt", ("pdf", "doc", "scan"))
@pytest.mark.parametrize("part,name,folder", DOCUMENTS, ids=IDS)
def test_every_master_renders_as_pdf_word97_and_scan(part, name, folder, fmt):
    try:
        path = import_formats.render(folder / "document.txt", fmt)
    except import_formats.FormatUnavailable as err:
        pytest.skip(str(err))
    assert path.stat().st_size > 1000
    if fmt == "scan":
        from pypdf import PdfReader
        reader = PdfReader(str(path))
        assert all(not (page.extract_text() or "").strip() for page in reader.pages), "a scan has no text layer"
        assert all("/Font" not in (page.get("/Resources") or {}) for page in reader.pages)


def test_nfd_documents_keep_their_decomposed_characters_in_every_text_format():
    for part, name, folder in DOCUMENTS:
        if "nfd" not in expected_of(folder)["mau"]:
            continue
        master = (folder / "document.txt").read_text("utf-8")
        assert not unicodedata.is_normalized("NFC", master), name
        for fmt in ("txt", "md"):
            assert not unicodedata.is_normalized("NFC", import_formats.render(folder / "document.txt", fmt).read_text("utf-8"))


def test_the_corpus_readme_lists_every_document_and_counts_patterns_right():
    readme = (CORPUS / "README.md").read_text("utf-8")
    counts: dict[str, dict[str, int]] = {}
    for part, name, folder in DOCUMENTS:
        assert f"| {name} | {part} |" in readme, f"README.md has no row for {part}/{name}"
        for pattern in expected_of(folder)["mau"]:
            counts.setdefault(pattern, {"dev": 0, "eval": 0})[part] += 1
    for found in re.finditer(r"^\| `([a-z0-9-]+)` \|.*\| (\d+) \| (\d+) \|$", readme, re.M):
        tag, dev, eval_ = found.group(1), int(found.group(2)), int(found.group(3))
        assert counts.get(tag) == {"dev": dev, "eval": eval_}, f"README counts for {tag}: {dev}/{eval_}, corpus {counts.get(tag)}"
