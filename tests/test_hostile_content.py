"""Files under content/ and links in the data folders: one policy, reported by check, refused by build.

The hostile files are small fixtures in tests/data/hostile/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO, run_cchc, tiny_site

HOSTILE = REPO / "tests" / "data" / "hostile"


def _portal(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tiny_site(tmp_path / "p")
    for target, fixture in files.items():
        path = root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(HOSTILE / fixture, path)
    return root


def _refused(root: Path, where: str, needle: str) -> None:
    """`cchc check` names the file at its position, and `cchc build` refuses without publishing."""
    check = run_cchc("check", cwd=root)
    assert check.returncode == 1, check.stdout + check.stderr
    assert any(line.startswith(where) and needle in line for line in check.stdout.splitlines()), check.stdout
    build = run_cchc("build", cwd=root)
    assert build.returncode == 1 and "Traceback" not in build.stderr + build.stdout
    assert where.split(":")[0] in build.stdout and not (root / "site").exists()


@pytest.mark.parametrize("target, fixture, where, needle", [
    ("content/assets/cchc.js", "cchc.js", "content/assets/cchc.js:1:1", "Không công bố tệp .js"),
    ("content/trang.html", "trang.html", "content/trang.html:1:1", "Không công bố tệp .html"),
    ("content/kieu.css", "kieu.css", "content/kieu.css:1:1", "Không công bố tệp .css"),
    ("content/anh/xau.svg", "script.svg", "content/anh/xau.svg:3:3", "Ảnh SVG có mã lệnh"),
    ("content/anh/onload.svg", "onload.svg", "content/anh/onload.svg:1:", "Ảnh SVG có mã lệnh"),
    ("content/anh/ngoai.svg", "external.svg", "content/anh/ngoai.svg:1:", "tải từ nơi khác"),
    ("content/tai-ve/tep.exe", "tep.exe", "content/tai-ve/tep.exe:1:1", "Không công bố loại tệp '.exe'"),
    ("content/thong-bao.md", "windows-1258.md", "content/thong-bao.md:1:", "không phải UTF-8"),
])
def test_unsafe_staff_files_are_problems_at_their_path(tmp_path, target, fixture, where, needle):
    _refused(_portal(tmp_path, {target: fixture}), where, needle)


def test_allowed_files_are_published_as_they_are(tmp_path):
    root = _portal(tmp_path, {"content/anh/logo.svg": "clean.svg"})
    (root / "content" / "tai-ve").mkdir()
    (root / "content" / "tai-ve" / "ke-hoach.pdf").write_bytes(b"%PDF-1.4\n")
    assert run_cchc("check", cwd=root).returncode == 0
    assert run_cchc("build", cwd=root).returncode == 0
    assert (root / "site" / "anh" / "logo.svg").read_bytes() == (HOSTILE / "clean.svg").read_bytes()
    assert (root / "site" / "tai-ve" / "ke-hoach.pdf").is_file()




@pytest.mark.parametrize("staff, where, needle", [
    ("content/don-vi/index.md", "content/don-vi/index.md:1:1", "trùng với một trang cổng tự tạo"),
    ("content/don-vi/an-phu/lich.ics", "content/don-vi/an-phu/lich.ics:1:1", "Không công bố loại tệp"),
    ("content/schemas/ke-hoach.schema.json", "content/schemas/ke-hoach.schema.json:1:1", "Không công bố loại tệp"),
    ("content/huong-dan/index.md", "content/huong-dan/index.md:1:1", "trùng với tệp content/huong-dan.md"),
    ("content/search/ghi-chu.md", "content/search/ghi-chu.md:1:1", "dành cho giao diện"),
    ("content/assets/stylesheets/main.pdf", "content/assets/stylesheets/main.pdf:1:1", "dành cho giao diện"),
])
def test_no_staff_file_shadows_a_generated_page_a_theme_asset_or_another_page(tmp_path, staff, where, needle):
    root = tiny_site(tmp_path / "p", {"content/huong-dan.md": "# Hướng dẫn\n"})
    path = root / staff
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Trang\n", encoding="utf-8")
    _refused(root, where, needle)


def test_a_staff_file_shadowing_a_theme_asset_is_refused(tmp_path):
    root = tiny_site(tmp_path / "p")
    (root / "theme" / "assets").mkdir(parents=True)
    (root / "theme" / "assets" / "logo.png").write_bytes(b"\x89PNG")
    (root / "content" / "assets").mkdir(parents=True)
    (root / "content" / "assets" / "logo.png").write_bytes(b"\x89PNG khac")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  font: false\n", "  font: false\n  custom_dir: theme\n"),
                      encoding="utf-8")
    _refused(root, "content/assets/logo.png:1:1", "trùng với tệp giao diện theme/assets/logo.png")


@pytest.mark.parametrize("link, target, needle", [
    ("content/mat-khau.md", "/etc/passwd", "trỏ ra ngoài kho dữ liệu"),
    ("content/bi-mat", "/etc", "trỏ ra ngoài kho dữ liệu"),
    ("plans/an-phu/ke-hoach-2027.yml", "/nonexistent/ke-hoach.yml", "trỏ tới nơi không tồn tại"),
    ("content/git.md", "../.git/config", "thư mục .git"),
    ("content/du-lieu", "../plans", "trỏ tới một thư mục"),
    ("theme/assets", "/usr/share", "trỏ ra ngoài kho dữ liệu"),
])
def test_symlinks_out_of_the_repository_are_refused_and_never_followed(tmp_path, link, target, needle):
    root = tiny_site(tmp_path / "p")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    path = root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    _refused(root, f"{link}:1:1", needle)


def test_a_symlink_to_a_file_inside_the_repository_is_fine(tmp_path):
    root = tiny_site(tmp_path / "p")
    (root / "theme").mkdir()
    shutil.copyfile(HOSTILE / "clean.svg", root / "theme" / "logo.svg")
    (root / "content" / "anh").mkdir()
    os.symlink("../../theme/logo.svg", root / "content" / "anh" / "logo.svg")
    assert run_cchc("check", cwd=root).returncode == 0


@pytest.mark.parametrize("field, value", [
    ("anh_bia", "anh_bia:\n  tep: ../../plans/an-phu/don-vi.yml\n  mo_ta: Ảnh\n"),
    ("anh_bia", "anh_bia:\n  tep: /etc/hostname\n  mo_ta: Ảnh\n"),
])
def test_cover_and_evidence_paths_must_stay_inside_content(tmp_path, field, value):
    from conftest import MINIMAL_POST

    post = MINIMAL_POST.replace("co_quan: Phòng Văn hóa - Xã hội\n", f"co_quan: Phòng Văn hóa - Xã hội\n{value}")
    root = tiny_site(tmp_path / "p", {"content/chuyen-muc/bai-viet/bai.md": post})
    _refused(root, "content/chuyen-muc/bai-viet/bai.md:", "Không thấy ảnh")


def test_evidence_outside_content_is_refused(tmp_path):
    progress = "cap_nhat:\n  - ngay: 10/02/2026\n    chi_tieu: CT01\n    so_luong: 1\n    minh_chung: [/etc/hostname]\n"
    root = tiny_site(tmp_path / "p", {"plans/an-phu/tien-do-2026.yml": progress})
    _refused(root, "plans/an-phu/tien-do-2026.yml:5:", "Không thấy tài liệu kiểm chứng")


@pytest.mark.parametrize("body, where, needle", [
    (None, "content/trang.md:3:17", "ký tự Tab"),
    ("# Trang\n\nXem [hướng dẫn](/huong-dan/).\n", "content/trang.md:3:17", "bắt đầu bằng '/'"),
    ("# Trang\n\nXem [hướng dẫn](khong-co.md).\n", "content/trang.md:3:17", "không trỏ tới tệp nào"),
    ("# Trang\n\n![Ảnh](../../etc/passwd)\n", "content/trang.md:3:8", "ra ngoài thư mục content/"),
    ("# Trang\n\n[x]: anh/khong-co.png\n", "content/trang.md:3:6", "không trỏ tới tệp nào"),
])
def test_links_the_build_would_refuse_are_reported_by_check_first(tmp_path, body, where, needle):
    root = tiny_site(tmp_path / "p")
    if body is None:
        shutil.copyfile(HOSTILE / "tab-link.md", root / "content" / "trang.md")
    else:
        (root / "content" / "trang.md").write_text(body, encoding="utf-8")
    _refused(root, where, needle)


def test_links_to_generated_pages_and_inside_code_blocks_are_fine(tmp_path):
    body = ("# Trang\n\n[Kế hoạch](don-vi/an-phu/ke-hoach-2026.md) và [tiến độ](don-vi/an-phu/tien-do-2026.md#ct01)\n\n"
            "```\n[ví dụ](khong-co.md)\n```\n")
    root = tiny_site(tmp_path / "p", {"content/trang.md": body})
    check = run_cchc("check", cwd=root)
    assert check.returncode == 0, check.stdout


def test_dot_files_are_not_staff_files_and_are_never_published(tmp_path):
    root = tiny_site(tmp_path / "p")
    (root / "content" / "chuyen-muc" / "bai-viet").mkdir(parents=True)
    (root / "content" / "chuyen-muc" / "bai-viet" / ".gitkeep").write_bytes(b"")
    (root / "content" / ".DS_Store").write_bytes(b"\x00\x01")
    assert run_cchc("check", cwd=root).returncode == 0
    assert run_cchc("build", cwd=root).returncode == 0
    assert not list((root / "site").rglob(".gitkeep")) and not (root / "site" / ".DS_Store").exists()
