"""`cchc check` reports every problem at once as path:line:col, exits 1, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import MINIMAL_PLAN, MINIMAL_UNIT, REPO, run_cchc, tiny_site

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): \[(?P<level>lỗi|cảnh báo)\] (?P<msg>.+)$")


def parsed(stdout: str) -> list[dict]:
    rows = [LINE.match(line) for line in stdout.splitlines()]
    assert all(rows), stdout
    return [m.groupdict() for m in rows]


def test_sample_data_passes(tmp_path):
    result = run_cchc("check", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "không có lỗi" in result.stderr


def test_four_classic_mistakes_are_each_reported_with_position(tmp_path):
    site = tiny_site(tmp_path, {
        "plans/an-phu/ke-hoach-2026.yml": MINIMAL_PLAN.replace("nam: 2026", "nam: 2026\nnam: 2026"),
        "plans/binh-an/don-vi.yml": "ten: Bình An\nloai: xã\ntinh_thanh: tỉnh T\nduong_day_nong:\n\t- noi_dung: x\n",
        "plans/cam-an/don-vi.yml": "ten: Phú An\n".encode("cp1258") + b"loai: x\n",
        "plans/dong-an/don-vi.yml": MINIMAL_UNIT,
        "plans/dong-an/ke-hoach-2026.yml": MINIMAL_PLAN.replace("han: 31/12/2026", "han: 2026-02-30"),
    })
    result = run_cchc("check", cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    rows = {(r["path"], r["line"], r["col"]): r["msg"] for r in parsed(result.stdout)}
    assert "bị lặp" in rows[("plans/an-phu/ke-hoach-2026.yml", "6", "1")]
    assert "Tab" in rows[("plans/binh-an/don-vi.yml", "5", "1")]
    assert "UTF-8" in rows[("plans/cam-an/don-vi.yml", "1", "8")]
    date_line = str(MINIMAL_PLAN.splitlines().index("    han: 31/12/2026") + 1)
    assert "2026-02-30" in rows[("plans/dong-an/ke-hoach-2026.yml", date_line, "10")]
    assert "4 lỗi" in result.stderr


def test_github_annotation_format(tmp_path):
    site = tiny_site(tmp_path, {"plans/an-phu/ke-hoach-2026.yml": MINIMAL_PLAN.replace("trich_yeu:", "trich_yue:")})
    result = run_cchc("check", "--format", "github", cwd=site)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "::error file=plans/an-phu/ke-hoach-2026.yml,line=1,col=1::Thiếu khóa bắt buộc 'trich_yeu'" in lines[0]
    assert lines[1].startswith("::error file=plans/an-phu/ke-hoach-2026.yml,line=6,col=1::Khóa 'trich_yue'")
    assert all(line.startswith("::error ") for line in lines)


def test_missing_plans_folder_is_a_clear_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    result = run_cchc("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "Không thấy thư mục dữ liệu 'plans/'" in result.stdout
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2_with_vietnamese_help():
    result = run_cchc("khong-co-lenh-nay", cwd=REPO)
    assert result.returncode == 2
    assert "LỆNH" in result.stderr or "invalid choice" in result.stderr


COMMANDS = ("init", "check", "build", "report", "deploy", "import", "serve")


def argparse_english() -> set[str]:
    """argparse's own texts (what it asks gettext for), cut at their placeholders: none may reach staff."""
    import argparse
    import ast

    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    texts = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    texts |= {part.strip() for part in re.split(r"%\(\w+\)\w|%\w", arg.value)}
    return {t for t in texts if len(t) >= 5 and re.search(r"[a-z]{3}", t)}


def test_help_usage_and_errors_are_vietnamese():
    english = argparse_english()
    assert {"usage:", "positional arguments", "show this help message and exit"} <= english
    screens = [run_cchc("--help", cwd=REPO), run_cchc(cwd=REPO)]
    screens += [run_cchc(command, "--help", cwd=REPO) for command in COMMANDS]
    screens += [run_cchc("khong-co-lenh-nay", cwd=REPO), run_cchc("report", cwd=REPO),
                run_cchc("check", "--khong-co", cwd=REPO), run_cchc("check", "--format", "xml", cwd=REPO),
                run_cchc("report", "--don-vi", cwd=REPO), run_cchc("deploy", cwd=REPO)]
    for result in screens:
        text = result.stdout + result.stderr
        assert text.strip(), result.args
        found = sorted(e for e in english if e in text)
        assert found == [], (result.args, found, text)
        # option values are named in Vietnamese too (argparse would show SITE_DIR, AS_OF...)
        for value in re.findall(r"--[a-z-]+ (\S+)", text):
            value = value.strip("[],")
            assert not (value.isascii() and value.isupper()), (result.args, value)
    assert screens[0].stdout.startswith("Cách dùng: cchc")
    assert "cchc: lỗi: " in screens[len(COMMANDS) + 2].stderr


def test_no_command_prints_the_usual_steps_in_order():
    result = run_cchc(cwd=REPO)
    assert result.returncode == 0
    steps = [line.split()[2] for line in result.stdout.splitlines() if re.match(r"^\s+\d\. cchc ", line)]
    assert steps == ["init", "import", "check", "serve", "build", "deploy"]


def test_bad_usage_exits_2_and_names_the_problem_in_vietnamese():
    result = run_cchc("report", "--ky", "2026-Q1", cwd=REPO)
    assert result.returncode == 2
    assert "thiếu tham số bắt buộc: --don-vi" in result.stderr
    result = run_cchc("check", "--format", "xml", cwd=REPO)
    assert result.returncode == 2 and "không có lựa chọn 'xml'" in result.stderr
