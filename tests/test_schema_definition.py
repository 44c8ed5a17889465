"""The schema checker cannot silently disagree with the schemas.

Every shipped schema uses only keywords the checker interprets and is valid
JSON Schema; the keywords behave as JSON Schema defines them (a differential
test against the `jsonschema` library over the sample data and hundreds of
mutations of it).
"""

from __future__ import annotations

import itertools
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from cchc.base import dates, phones
from cchc.base.problems import ProblemList
from cchc.check.schema import SchemaChecker, load_schema
from cchc.check.schema_definition import SchemaDefinitionError, ensure_supported
from cchc.source import frontmatter
from cchc.source.yaml_tree import Mapping, Scalar, Sequence, load_file

from conftest import REPO

SCHEMAS = sorted(p.name.split(".")[0] for p in (REPO / "scripts/cchc/schemas").glob("*.schema.json"))


def _raw(name: str) -> dict:
    return json.loads(resources.files("cchc").joinpath("schemas", f"{name}.schema.json").read_text("utf-8"))


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_schema_uses_only_supported_keywords_and_is_valid_json_schema(name):
    ensure_supported(_raw(name), name)
    Draft202012Validator.check_schema(_raw(name))


@pytest.mark.parametrize("keyword, value", [("const", "x"), ("oneOf", [{"type": "string"}]),
                                            ("patternProperties", {"^x": {}}), ("maxProperties", 3)])
def test_an_unsupported_keyword_stops_the_schema_at_load(keyword, value):
    schema = _raw("don-vi")
    schema["properties"]["ten"][keyword] = value
    with pytest.raises(SchemaDefinitionError, match=re.escape(f"don-vi#/properties/ten/{keyword}")):
        ensure_supported(schema, "don-vi")


def test_an_unknown_type_format_or_reference_stops_the_schema_at_load():
    schema = _raw("don-vi")
    schema["properties"]["ten"]["type"] = ["string", "number"]
    schema["properties"]["email"]["format"] = "idn-email"
    schema["properties"]["duong_day_nong"]["items"]["$ref"] = "#/$defs/khong_co"
    with pytest.raises(SchemaDefinitionError) as raised:
        ensure_supported(schema, "don-vi")
    message = str(raised.value)
    assert "kiểu 'number'" in message and "định dạng 'idn-email'" in message and "'#/$defs/khong_co'" in message


def _check(schema: dict, text: str):
    from cchc.source.yaml_tree import load_bytes

    source = load_bytes("t.yml", text.encode("utf-8"))
    problems = ProblemList("t.yml")
    return SchemaChecker(schema, problems).check(source.root).value, [p.message for p in problems]


def test_type_lists_convert_a_scalar_to_the_first_type_that_fits():
    schema = {"type": "object", "properties": {"a": {"type": ["integer", "string"]}, "b": {"type": ["boolean", "integer"]}}}
    assert _check(schema, "a: 12\nb: 7\n") == ({"a": 12, "b": 7}, [])
    assert _check(schema, "a: mười hai\nb: có\n") == ({"a": "mười hai", "b": True}, [])
    value, problems = _check(schema, "a: [1]\nb: nhiều\n")
    assert len(problems) == 2 and "phải là một số nguyên hoặc một đoạn văn bản" in problems[0]


def test_any_of_branches_of_one_kind_are_tried_in_order():
    schema = {"type": "object", "properties": {"han": {"anyOf": [
        {"type": "string", "format": "date"}, {"type": "string", "pattern": "^Quý (I|II|III|IV)$",
                                               "x-message": "phải là một ngày hoặc 'Quý I'…'Quý IV'"}]}}}
    assert _check(schema, "han: 15/01/2026\n")[0]["han"].isoformat() == "2026-01-15"
    assert _check(schema, "han: Quý IV\n") == ({"han": "Quý IV"}, [])
    value, problems = _check(schema, "han: sớm\n")
    assert value == {} and len(problems) == 1


def test_additional_properties_is_honoured():
    closed = {"type": "object", "additionalProperties": False, "properties": {"ten": {"type": "string"}}}
    open_ = {"type": "object", "properties": {"ten": {"type": "string"}}}
    typed = {"type": "object", "properties": {}, "additionalProperties": {"type": "integer"}}
    assert _check(closed, "ten: A\nthem: B\n")[1] == ["Khóa 'them' không được hỗ trợ. Các khóa hợp lệ: ten."]
    assert _check(open_, "ten: A\nthem: B\n") == ({"ten": "A", "them": "B"}, [])
    assert _check(typed, "x: 3\ny: ba\n") == ({"x": 3}, ["'y' phải là một số nguyên, không phải 'ba'."])


def test_huge_numbers_and_long_values_give_short_positioned_messages():
    schema = {"type": "object", "properties": {"n": {"type": "integer"}, "e": {"type": "string", "enum": ["a"]}}}
    value, problems = _check(schema, f"n: {'9' * 5000}\ne: {'x' * 5000}\n")
    assert value == {} and len(problems) == 2 and all(len(p) < 200 for p in problems)


# --- the differential test -------------------------------------------------------------------------------------

_INTEGER = re.compile(r"^[+-]?\d+$")
_BOOLEAN = {"true", "false", "có", "co", "không", "khong"}


def _resolve(schema: dict, root: dict) -> dict:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].split("/")[-1]]
    return schema


def _typed(node, schema: dict, root: dict):
    """The instance jsonschema sees: our text-only tree with scalars read as the schema's type
    (the one conversion our checker adds to JSON Schema); `key:` with nothing after it is absent."""
    schema = _resolve(schema, root)
    for branch in schema.get("anyOf", []):
        branch = _resolve(branch, root)
        kinds = branch.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if (isinstance(node, Mapping) and "object" in kinds) or (isinstance(node, Sequence) and "array" in kinds) \
                or (isinstance(node, Scalar) and set(kinds) & {"string", "integer", "boolean"}):
            return _typed(node, branch, root)
    if isinstance(node, Mapping):
        props, extra = schema.get("properties", {}), schema.get("additionalProperties", True)
        return {k.value: _typed(v, props.get(k.value, extra if isinstance(extra, dict) else {}), root)
                for k, v in node.pairs if not (isinstance(v, Scalar) and v.plain and v.value == "")}
    if isinstance(node, Sequence):
        return [_typed(item, schema.get("items", {}), root) for item in node.items]
    kinds = schema.get("type", "string")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    text = node.value.strip()
    for kind in kinds:
        if kind == "integer" and _INTEGER.match(text) and len(text) < 16:
            return int(text)
        if kind == "boolean" and text.lower() in _BOOLEAN:
            return text.lower() in {"true", "có", "co"}
        if kind == "string":
            return text
    return text


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())

    def parses(parse):
        def check(value) -> bool:
            if not isinstance(value, str):
                return True
            try:
                parse(value)
            except ValueError:
                return False
            return True
        return check
    checker.checks("date")(parses(dates.parse_date))
    checker.checks("partial-date")(parses(dates.parse_partial_date))
    checker.checks("phone-vn")(parses(phones.parse_phone))
    checker.checks("email")(lambda v: not isinstance(v, str) or bool(re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", v)))
    checker.checks("uri")(lambda v: not isinstance(v, str) or bool(re.match(r"^https?://[^\s]+$", v)))
    return checker


def _documents() -> list[tuple[str, str, object]]:
    """(name, schema, tree) of every sample data file and of the front matter of every post and question."""
    found = []
    kinds = {"don-vi.yml": "don-vi", "ke-hoach": "ke-hoach", "tien-do": "tien-do"}
    for path in sorted((REPO / "plans").glob("*/*.yml")):
        schema = next(s for prefix, s in kinds.items() if path.name.startswith(prefix))
        found.append((str(path.relative_to(REPO)), schema, load_file(str(path)).root))
    for folder, schema in (("content/chuyen-muc/bai-viet", "bai-viet"), ("content/hoi-dap/cau-hoi", "hoi-dap")):
        for path in sorted((REPO / folder).glob("*.md")):
            source = frontmatter.read(str(path), path.name, ProblemList(path.name))
            found.append((str(path.relative_to(REPO)), schema, source.root))
    return found


MUTATED_PLACES = 25  # per document: enough for every keyword, in a few seconds


def _mutations(tree):
    """Broken versions of a tree, one at a time (changed in place, then restored): unknown keys,
    missing keys, wrong kinds and bad values, at every place of the tree."""
    places: list[object] = []

    def walk(node):
        places.append(node)
        if isinstance(node, Mapping):
            for _key, value in node.pairs:
                walk(value)
        elif isinstance(node, Sequence):
            for item in node.items[:2]:
                walk(item)
    walk(tree)
    everything = list(places)
    places = places[::max(1, len(places) // MUTATED_PLACES)]  # spread over the whole file, in time budget
    parents = {}
    for node in everything:
        children = [v for _k, v in node.pairs] if isinstance(node, Mapping) else (
            node.items if isinstance(node, Sequence) else [])
        for child in children:
            parents[id(child)] = node
    for node in places:
        mark = node.mark
        if isinstance(node, Mapping):
            node.pairs.append((Scalar("khoa_la", mark, True), Scalar("x", mark, True)))
            yield "+ khoa_la"
            node.pairs.pop()
            for i in range(len(node.pairs)):
                removed = node.pairs.pop(i)
                yield f"- {removed[0].value}"
                node.pairs.insert(i, removed)
        parent = parents.get(id(node))
        if parent is None:
            continue
        for label, new in (("''", Scalar("", mark, False)), ("-5", Scalar("-5", mark, True)),
                           ("abc", Scalar("abc", mark, True)), ("31/02/2026", Scalar("31/02/2026", mark, True)),
                           ("{}", Mapping([(Scalar("a", mark, True), Scalar("b", mark, True))], mark)),
                           ("[]", Sequence([Scalar("a", mark, True)], mark))):
            if isinstance(parent, Mapping):
                i = next(i for i, (_k, v) in enumerate(parent.pairs) if v is node)
                key = parent.pairs[i][0]
                parent.pairs[i] = (key, new)
                yield f"{key.value} = {label}"
                parent.pairs[i] = (key, node)
            else:
                i = next(i for i, item in enumerate(parent.items) if item is node)
                parent.items[i] = new
                yield f"[{i}] = {label}"
                parent.items[i] = node


def test_our_checker_and_jsonschema_agree_on_the_samples_and_every_mutation_of_them():
    cases = 0
    disagreements = []
    for name, schema_name, tree in _documents():
        schema = load_schema(schema_name)
        validator = Draft202012Validator(schema, format_checker=_format_checker())
        for label in itertools.chain(["as is"], _mutations(tree)):
            problems = ProblemList(name)
            SchemaChecker(schema, problems).check(tree)
            ours = not any(p.is_error for p in problems)
            theirs = validator.is_valid(_typed(tree, schema, schema))
            cases += 1
            if ours != theirs:
                disagreements.append(f"{name} {label}: ours={ours} jsonschema={theirs} {[p.message for p in problems][:2]}")
            if label == "as is":
                assert ours, f"{name}: {[p.message for p in problems]}"
    assert cases > 1000
    assert disagreements == []


def test_a_key_written_twice_in_a_schema_stops_it_at_load():
    """JSON keeps the last of two equal keys silently; two engineers adding one property did exactly that."""
    from cchc.check.schema_definition import unique_keys

    text = '{"type": "object", "properties": {"a": {"type": "string"}, "a": {"type": "integer"}}}'
    with pytest.raises(SchemaDefinitionError, match="khóa 'a' được viết hai lần"):
        json.loads(text, object_pairs_hook=unique_keys("x.schema.json"))
    for name in SCHEMAS:
        json.loads(json.dumps(_raw(name)), object_pairs_hook=unique_keys(name))
        raw = (REPO / "scripts/cchc/schemas" / f"{name}.schema.json").read_text("utf-8")
        json.loads(raw, object_pairs_hook=unique_keys(name))
