"""The text-only YAML loader: values stay strings, hazards become positioned problems."""

from __future__ import annotations

import time
import unicodedata

from cchc.base.problems import Mark
from cchc.source.yaml_tree import MAX_BYTES, Mapping, Scalar, Sequence, load_bytes, to_plain


def load(text: str):
    return load_bytes("t.yml", text.encode("utf-8"))


def only_problem(source):
    assert len(source.problems) == 1, source.problems
    return source.problems[0]


def test_yaml_1_1_lookalikes_stay_text():
    source = load("a: no\nb: 0243\nc: 7:30\nd: 2026-01-15\ne: on\nf: 1e3\ng: ~\n")
    assert source.problems == []
    assert to_plain(source.root) == {"a": "no", "b": "0243", "c": "7:30", "d": "2026-01-15",
                                     "e": "on", "f": "1e3", "g": "~"}


def test_every_node_knows_its_line_and_column():
    source = load("ten: A\nduong_day_nong:\n  - noi_dung: x\n    dien_thoai: '0912345678'\n")
    root = source.root
    assert isinstance(root, Mapping)
    key, hotlines = root.pairs[1]
    assert (key.mark.line, key.mark.col) == (2, 1)
    assert isinstance(hotlines, Sequence)
    first = hotlines.items[0]
    assert isinstance(first, Mapping)
    phone_key, phone = first.pairs[1]
    assert (phone_key.mark.line, phone_key.mark.col) == (4, 5)
    assert isinstance(phone, Scalar) and phone.value == "0912345678" and not phone.plain
    assert (phone.mark.line, phone.mark.col) == (4, 17)


def test_duplicate_key_reported_at_second_occurrence():
    problem = only_problem(load("nam: 2026\nten: A\nnam: 2027\n"))
    assert problem.mark == Mark(3, 1)
    assert "'nam' bị lặp" in problem.message and "dòng 1" in problem.message


def test_nfc_and_nfd_twins_are_the_same_key():
    nfd = unicodedata.normalize("NFD", "mục")
    problem = only_problem(load(f"mục: a\n{nfd}: b\n"))
    assert problem.mark == Mark(2, 1)
    assert "bị lặp" in problem.message


def test_values_are_normalised_to_nfc():
    nfd = unicodedata.normalize("NFD", "Ủy ban")
    source = load(f"a: {nfd}\n")
    assert to_plain(source.root)["a"] == "Ủy ban"


def test_tab_indentation_gives_its_position():
    problem = only_problem(load("ten: A\nduong_day_nong:\n\t- noi_dung: x\n"))
    assert problem.mark == Mark(3, 1)
    assert "Tab" in problem.message


def test_windows_1258_byte_gives_line_and_column_not_offset():
    data = "loai: xã\n".encode("utf-8") + "ten: Phú Khương\n".encode("cp1258")
    problem = only_problem(load_bytes("t.yml", data))
    assert problem.mark == Mark(2, 8)  # the 'ú' after "ten: Ph"
    assert "UTF-8" in problem.message and "lưu lại" in problem.message


def test_bom_and_crlf_give_the_same_tree_as_plain_text():
    plain = load("ten: Phú Khương\nmuc:\n  - a\n  - b\n")
    windows = load_bytes("t.yml", b"\xef\xbb\xbf" + "ten: Phú Khương\r\nmuc:\r\n  - a\r\n  - b\r\n".encode("utf-8"))
    assert windows.problems == []
    assert to_plain(windows.root) == to_plain(plain.root)
    assert windows.root.pairs[1][0].mark == plain.root.pairs[1][0].mark


def test_anchors_and_aliases_are_rejected():
    problem = only_problem(load("a: &x 1\nb: *x\n"))
    assert problem.mark == Mark(1, 4)
    assert "neo" in problem.message


def test_alias_bomb_is_rejected_quickly():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)}]")
    started = time.perf_counter()
    source = load("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1.0
    assert source.root is None and len(source.problems) == 1


def test_python_tags_are_rejected():
    problem = only_problem(load("a: !!python/object/apply:os.system ['echo hi']\n"))
    assert problem.mark == Mark(1, 4)
    assert "thẻ kiểu" in problem.message


def test_several_documents_are_rejected():
    problem = only_problem(load("a: 1\n---\nb: 2\n"))
    assert problem.mark == Mark(2, 1)
    assert "nhiều tài liệu" in problem.message


def test_empty_and_comment_only_files():
    for text in ("", "# chỉ có ghi chú\n", "   \n"):
        problem = only_problem(load(text))
        assert "trống" in problem.message


def test_deep_nesting_is_a_problem_not_a_crash():
    source = load("a: " + "[" * 3000 + "]" * 3000 + "\n")
    problem = only_problem(source)
    assert "sâu" in problem.message


def test_size_cap():
    data = b"a: " + b"x" * (MAX_BYTES + 10) + b"\n"
    problem = only_problem(load_bytes("t.yml", data))
    assert "quá lớn" in problem.message


def test_syntax_error_has_position_and_vietnamese_hint():
    problem = only_problem(load("ten: A\ntrich_yeu: Kế hoạch: năm 2026\n"))
    assert problem.mark.line == 2
    assert problem.message.startswith("Sai cú pháp YAML")


def test_unclosed_quote():
    problem = only_problem(load('ten: "A\nloai: xã\n'))
    assert problem.mark is not None
    assert "ngoặc kép" in problem.message
