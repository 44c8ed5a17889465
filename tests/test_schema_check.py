"""Schema checking converts text into typed values and reports problems at line:col."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from cchc.base.dates import PartialDate
from cchc.base.problems import Mark, ProblemList
from cchc.check.schema import check_tree
from cchc.source.yaml_tree import load_bytes

from conftest import MINIMAL_PLAN, MINIMAL_UNIT


def check(text: str, schema: str = "ke-hoach"):
    source = load_bytes("t.yml", text.encode("utf-8"))
    assert source.problems == []
    problems = ProblemList("t.yml")
    checked = check_tree(source.root, schema, problems)
    return checked, list(problems)


def problems_of(text: str, schema: str = "ke-hoach"):
    return check(text, schema)[1]


@pytest.mark.parametrize("name", ["ke-hoach", "don-vi"])
def test_shipped_schemas_are_valid_json_schema_with_vietnamese_titles(name):
    schema = json.loads(resources.files("cchc").joinpath("schemas", f"{name}.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["title"] and schema["description"]
    for key, prop in schema["properties"].items():
        assert "title" in prop or "$ref" in prop, key


def test_minimal_plan_converts_numbers_and_dates():
    checked, problems = check(MINIMAL_PLAN)
    assert problems == []
    data = checked.value
    assert data["nam"] == 2026
    assert data["ngay"] == PartialDate(2026, 1, 15)
    task = data["nhiem_vu"][0]
    assert task["han"] == date(2026, 12, 31)
    assert task["chi_tieu"][0]["so_luong"] == 2
    assert data["so"] == "12"


def test_blank_day_is_kept_blank():
    checked, problems = check(MINIMAL_PLAN.replace("ngay: 15/01/2026", "ngay: 01/2026"))
    assert problems == []
    assert checked.value["ngay"] == PartialDate(2026, 1, None)


def test_iso_dates_are_accepted():
    checked, problems = check(MINIMAL_PLAN.replace("han: 31/12/2026", "han: 2026-12-31"))
    assert problems == []
    assert checked.value["nhiem_vu"][0]["han"] == date(2026, 12, 31)


@pytest.mark.parametrize("bad", ["2026-02-30", "30/02/2026", "0000-00-00", "2026-00-15", "32/01/2026", "hôm qua"])
def test_impossible_dates_are_positioned_problems(bad):
    text = MINIMAL_PLAN.replace("han: 31/12/2026", f"han: {bad}")
    [problem] = problems_of(text)
    line = text.splitlines().index(f"    han: {bad}") + 1
    assert problem.mark == Mark(line, 10)
    assert bad in problem.message


def test_unknown_key_suggests_the_right_one():
    unknown, missing = problems_of(MINIMAL_PLAN.replace("trich_yeu:", "trich_yue:"))
    assert "Thiếu khóa bắt buộc 'trich_yeu'" in missing.message
    problem = unknown
    assert problem.mark == Mark(6, 1)
    assert "'trich_yue'" in problem.message and "Có phải ý bạn là 'trich_yeu'" in problem.message


def test_accented_key_suggests_the_unaccented_one():
    problems = problems_of(MINIMAL_PLAN.replace("muc_dich:", "mục_đích:"))
    assert any("Có phải ý bạn là 'muc_dich'" in p.message for p in problems)


def test_missing_required_key_is_reported_on_the_mapping():
    problems = problems_of(MINIMAL_PLAN.replace("ky_hieu: KH-UBND\n", ""))
    assert [p.message for p in problems] == ["Thiếu khóa bắt buộc 'ky_hieu' (Ký hiệu)."]
    assert problems[0].mark == Mark(1, 1)


def test_wrong_kind_and_wrong_enum():
    problems = problems_of(MINIMAL_PLAN.replace("muc_dich:\n  - Nâng cao", "muc_dich: Nâng cao").replace(
        "        ky: thang", "        ky: hang thang"))
    messages = " | ".join(p.message for p in problems)
    assert "'muc_dich' phải là một danh sách" in messages
    assert "Giá trị 'hang thang' của 'nhiem_vu[1].chi_tieu[1].ky' không hợp lệ" in messages


def test_negative_or_non_numeric_counts():
    assert "lớn hơn hoặc bằng 0" in problems_of(MINIMAL_PLAN.replace("so_luong: 2", "so_luong: -3"))[0].message
    assert "số nguyên" in problems_of(MINIMAL_PLAN.replace("so_luong: 2", "so_luong: hai"))[0].message


def test_every_problem_is_reported_at_once():
    text = (MINIMAL_PLAN.replace("nam: 2026", "nam: hai nghìn").replace("han: 31/12/2026", "han: 2026-02-30")
            .replace("trich_yeu:", "trichyeu:"))
    assert len(problems_of(text)) == 4  # bad year, bad date, unknown key, then the missing required key


def test_phone_numbers_keep_leading_zero_and_reject_nonsense():
    checked, problems = check(MINIMAL_UNIT + 'dien_thoai: 0215 3000 000\n', "don-vi")
    assert problems == []
    phone = checked.value["dien_thoai"]
    assert phone.digits == "02153000000" and phone.tel == "+842153000000"
    [problem] = problems_of(MINIMAL_UNIT + "dien_thoai: 12345\n", "don-vi")
    assert problem.mark == Mark(4, 13) and "số điện thoại" in problem.message


def test_booleans_accept_vietnamese_words_only_in_boolean_fields():
    checked, problems = check(MINIMAL_UNIT + "du_lieu_mau: có\n", "don-vi")
    assert problems == [] and checked.value["du_lieu_mau"] is True
    assert "true hoặc false" in problems_of(MINIMAL_UNIT + "du_lieu_mau: maybe\n", "don-vi")[0].message
