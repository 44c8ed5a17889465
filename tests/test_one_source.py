"""One source of truth: the lists of channels, periods, areas and statuses are the schemas' enums."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from cchc.check.schema import enum_annotation, load_schema
from cchc.check.schema_definition import OURS, problems_in
from cchc.compute import pacing
from cchc.importer import targets as importer_targets
from cchc.model import types


def _enums_with_annotations():
    """(schema, JSON pointer, node) of every enum that carries x-labels or x-slugs."""
    found = []
    def walk(node, pointer, schema):
        if isinstance(node, dict):
            if "enum" in node and ({"x-labels", "x-slugs"} & set(node)):
                found.append((schema, pointer, node))
            for key, value in node.items():
                walk(value, f"{pointer}/{key}", schema)
    for entry in resources.files("cchc").joinpath("schemas").iterdir():
        if entry.name.endswith(".schema.json"):
            walk(json.loads(entry.read_text("utf-8")), "", entry.name.removesuffix(".schema.json"))
    return found


def test_every_annotated_enum_names_each_value_once():
    found = _enums_with_annotations()
    assert len(found) >= 4  # channels, periods, post areas, question areas
    for schema, pointer, node in found:
        for keyword in {"x-labels", "x-slugs"} & set(node):
            assert list(enum_annotation(schema, pointer, keyword)) == node["enum"], (schema, pointer)
            assert all(isinstance(v, str) and v for v in node[keyword].values())


def test_model_lists_are_the_schema_enums_in_their_order():
    plan = load_schema("ke-hoach")["$defs"]["chi_tieu"]["properties"]
    assert list(types.CHANNELS) == plan["kenh"]["enum"]
    assert types.CHANNELS == plan["kenh"]["x-labels"]
    assert list(types.TARGET_PERIODS) == plan["ky"]["enum"]
    post_areas = load_schema("bai-viet")["$defs"]["linh_vuc"]
    question_areas = load_schema("hoi-dap")["properties"]["linh_vuc"]
    assert set(types.AREAS) == set(post_areas["enum"]) | set(question_areas["enum"])
    # An area both lists name has one URL slug.
    for name in set(post_areas["enum"]) & set(question_areas["enum"]):
        assert post_areas["x-slugs"][name] == question_areas["x-slugs"][name] == types.AREAS[name]


def test_a_label_missing_from_x_labels_is_refused(monkeypatch):
    broken = {"p": {"enum": ["a", "b"], "x-labels": {"a": "A"}}}
    monkeypatch.setattr("cchc.check.schema.load_schema", lambda name: broken)
    with pytest.raises(ValueError, match="every enum value"):
        enum_annotation("x", "/p", "x-labels")


def test_the_checker_knows_x_labels_and_refuses_them_out_of_step_with_the_enum():
    assert {"x-labels", "x-slugs"} <= OURS
    good = {"type": "string", "enum": ["a", "b"], "x-labels": {"a": "A", "b": "B"}}
    assert problems_in(good, "t") == []
    for broken in ({"a": "A"}, {"b": "B", "a": "A"}, {"a": "A", "b": ""}, ["A", "B"]):
        assert problems_in({**good, "x-labels": broken}, "t"), broken


def test_importer_channels_are_schema_channels():
    assert {name for name, _words in importer_targets.CHANNELS} <= set(types.CHANNELS)


def test_progress_statuses_staff_write_are_those_pacing_reads():
    enum = load_schema("tien-do")["$defs"]["cap_nhat"]["properties"]["trang_thai"]["enum"]
    assert set(enum) == set(pacing.ENTRY_STATUSES)


def test_every_computed_status_has_a_label_a_definition_and_a_place_in_the_order():
    assert set(pacing.LABELS) == set(pacing.ORDER) == set(pacing.DEFINITIONS)
    assert len(set(pacing.LABELS.values())) == len(pacing.LABELS)
