"""`cchc check` and `cchc build` agree: whatever the build refuses, check reported first.

A property test writes small portals with hostile variations (odd files under
content/, links to existing and missing targets, text with any Unicode, cover
images inside and outside content/) and asserts that a portal check accepts
always builds; and that check names every problem of a file in one run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_PLAN, MINIMAL_POST, run_cchc, tiny_site

EXTRA_FILES = st.sampled_from([
    None, ("anh/a.png", b"\x89PNG\r\n"), ("tai-ve/b.pdf", b"%PDF-1.4\n"), ("x.js", b"alert(1)"),
    ("trang.html", b"<p>x</p>"), ("huong-dan/index.md", "# Trùng\n".encode()), ("ghi-chu.txt", b"x"),
    ("anh/ve.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'),
    ("anh/xau.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>'),
])
LINKS = st.sampled_from(["", "[Hướng dẫn](../../huong-dan.md)", "[Kế hoạch](../../don-vi/an-phu/ke-hoach-2026.md)",
                         "[Không có](../../khong-co.md)", "[Tuyệt đối](/huong-dan/)", "[Web](https://xa.example/)",
                         "[Lệnh](javascript:alert(1))", "![Ảnh](../../anh/a.png)", "[Mục](#phan-1)"])
COVERS = st.sampled_from(["", "anh/a.png", "../plans/an-phu/don-vi.yml", "/etc/hostname"])
WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(extra=EXTRA_FILES, link=LINKS, cover=COVERS, words=WORDS, title=WORDS)
def test_a_portal_check_accepts_always_builds(tmp_path_factory, extra, link, cover, words, title):
    root = tiny_site(tmp_path_factory.mktemp("prop") / "p", {"content/huong-dan.md": "# Hướng dẫn\n"})
    if extra:
        path = root / "content" / extra[0]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(extra[1])
    front = MINIMAL_POST.replace("tieu_de: Bài thử", f"tieu_de: {_quoted(title or 'Bài thử')}")
    if cover:
        front = front.replace("co_quan: Phòng Văn hóa - Xã hội\n",
                              f"co_quan: Phòng Văn hóa - Xã hội\nanh_bia:\n  tep: {cover}\n  mo_ta: Ảnh bìa\n")
    post = front.replace("Nội dung bài thử.", f"## Phần 1\n\nNội dung {words} {link}")
    (root / "content" / "chuyen-muc" / "bai-viet").mkdir(parents=True, exist_ok=True)
    (root / "content" / "chuyen-muc" / "bai-viet" / "bai.md").write_text(post, encoding="utf-8")
    check = run_cchc("check", cwd=root)
    if check.returncode == 0:
        build = run_cchc("build", cwd=root, env={"CCHC_JOBS": "1"})
        assert build.returncode == 0, f"check passed but build failed:\n{build.stderr}\n{build.stdout}"
    else:
        assert check.returncode == 1 and "[lỗi]" in check.stdout and "Traceback" not in check.stderr
    shutil.rmtree(root)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_a_schema_error_does_not_hide_duplicate_ids(tmp_path):
    plan = MINIMAL_PLAN.replace("nam: 2026", "nam: hai nghìn") + (
        "chi_tieu:\n  - ma: CT01\n    so_luong: một\n    don_vi_tinh: tin\n    ky: nam\n")
    root = tiny_site(tmp_path / "p", {"plans/an-phu/ke-hoach-2026.yml": plan})
    result = run_cchc("check", cwd=root)
    lines = [line for line in result.stdout.splitlines() if line.startswith("plans/an-phu/ke-hoach-2026.yml")]
    assert [line.split(": [")[0] for line in lines] == ["plans/an-phu/ke-hoach-2026.yml:5:6",
                                                        "plans/an-phu/ke-hoach-2026.yml:27:9",
                                                        "plans/an-phu/ke-hoach-2026.yml:28:15"], result.stdout
    assert "bị trùng (đã dùng ở dòng 17)" in lines[1]


@pytest.mark.parametrize("as_of", ["01/01/1950", "31/12/2101", "30/02/2026"])
def test_an_as_of_date_out_of_range_is_refused_in_vietnamese(tmp_path, as_of):
    root = tiny_site(tmp_path / "p")
    result = run_cchc("build", "--as-of", as_of, cwd=root)
    assert result.returncode == 1 and "Ngày" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "site").exists()
