"""Incremental builds (issue #20): every build reuses the unchanged pages of the last good build, and
the result is byte for byte the site a full build from scratch makes, whatever was edited."""

from __future__ import annotations

import filecmp
import gzip
import json
import os
import random
import re
import shutil
import time
from pathlib import Path

import pytest

from cchc.publish.compress import compress_site
from conftest import BUILD_DAY_EPOCH, REPO, run_cchc

AS_OF = "2026-11-21"
COUNTS = re.compile(r"Dựng (\d+) trang, giữ nguyên (\d+) trang")


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    root = tmp_path / "portal"
    root.mkdir()
    for name in ("content", "plans", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def build(root: Path, *extra: str, site: str = "site") -> tuple[int, int, str]:
    """(pages rendered, pages reused, what the build said)."""
    result = run_cchc("build", "--as-of", AS_OF, "--site-dir", site, *extra, cwd=root)
    assert result.returncode == 0, result.stderr + result.stdout
    found = COUNTS.search(result.stderr)
    assert found, result.stderr
    return int(found.group(1)), int(found.group(2)), result.stderr


def tree_differences(first: Path, second: Path) -> list[str]:
    """Every path that is in one tree only or differs in its bytes."""
    differences = []

    def walk(compared: filecmp.dircmp, prefix: str) -> None:
        differences.extend(prefix + name for name in compared.left_only + compared.right_only + compared.funny_files)
        for name in compared.common_files:
            if not filecmp.cmp(Path(compared.left) / name, Path(compared.right) / name, shallow=False):
                differences.append(prefix + name)
        for name, sub in compared.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(first, second), "")
    return sorted(differences)


def posts(root: Path) -> list[Path]:
    return sorted(p for p in (root / "content/chuyen-muc/bai-viet").glob("*.md") if "ban-nhap" not in p.name)


def linked_anywhere(root: Path, path: Path) -> bool:
    needle = path.stem
    return any(needle in other.read_text(encoding="utf-8") for other in (root / "content").rglob("*.md")
               if other != path)


# Edits staff make, each small: the build after it must equal a full build.
def edit_post_body(root: Path, rng: random.Random) -> str:
    post = rng.choice(posts(root))
    with post.open("a", encoding="utf-8") as out:
        out.write(f"\nĐoạn bổ sung số {rng.randint(1, 999)}.\n")
    return f"sửa nội dung {post.name}"


def edit_post_title(root: Path, rng: random.Random) -> str:
    post = rng.choice(posts(root))
    text = post.read_text(encoding="utf-8")
    post.write_text(re.sub(r"^tieu_de: (.*)$", lambda m: f"tieu_de: {m.group(1)} (cập nhật)", text, count=1,
                           flags=re.M), encoding="utf-8")
    return f"sửa tiêu đề {post.name}"


def add_post(root: Path, rng: random.Random) -> str:
    source = rng.choice(posts(root))
    number = rng.randint(100, 999)
    target = source.with_name(f"2026-11-{rng.randint(10, 20)}-bai-moi-{number}.md")
    text = source.read_text(encoding="utf-8")
    target.write_text(re.sub(r"^tieu_de: .*$", f"tieu_de: Bài mới số {number}", text, count=1, flags=re.M),
                      encoding="utf-8")
    return f"thêm {target.name}"


def delete_post(root: Path, rng: random.Random) -> str:
    unlinked = [post for post in posts(root) if not linked_anywhere(root, post)]
    post = rng.choice(unlinked)
    post.unlink()
    return f"xóa {post.name}"


def edit_progress(root: Path, rng: random.Random) -> str:
    unit = rng.choice(["binh-giang", "muong-lay", "phu-khuong"])
    path = root / "plans" / unit / "tien-do-2026.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("trang_thai: đang thực hiện", "trang_thai: hoàn thành", 1), encoding="utf-8")
    return f"cập nhật tiến độ {unit}"


def edit_plan(root: Path, rng: random.Random) -> str:
    unit = rng.choice(["binh-giang", "muong-lay", "phu-khuong"])
    path = root / "plans" / unit / "ke-hoach-2026.yml"
    text = path.read_text(encoding="utf-8")
    # A one-line value (not a block scalar `|` or `>`): appending to it keeps the YAML valid.
    path.write_text(re.sub(r"^(\s+noi_dung: )([^|>\s\"'].*)$", r"\1\2 Bổ sung.", text, count=1, flags=re.M),
                    encoding="utf-8")
    return f"sửa kế hoạch {unit}"


def edit_answer(root: Path, rng: random.Random) -> str:
    question = rng.choice(sorted((root / "content/hoi-dap/cau-hoi").glob("*.md")))
    with question.open("a", encoding="utf-8") as out:
        out.write("\nXin cảm ơn ông, bà đã hỏi.\n")
    return f"sửa câu trả lời {question.name}"


def edit_hotline(root: Path, rng: random.Random) -> str:
    path = root / "plans/muong-lay/don-vi.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^gio_tiep_dan: (.*)$", r"gio_tiep_dan: \1, sáng thứ Bảy", text, count=1, flags=re.M),
                    encoding="utf-8")
    return "sửa giờ tiếp dân"


def rename_unit(root: Path, rng: random.Random) -> str:
    unit = rng.choice(["binh-giang", "muong-lay", "phu-khuong"])
    path = root / "plans" / unit / "don-vi.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^ten: (.*)$", r"ten: \1 Mới", text, count=1, flags=re.M), encoding="utf-8")
    return f"đổi tên đơn vị {unit}"


def edit_template(root: Path, rng: random.Random) -> str:
    template = rng.choice(sorted((root / "theme/cchc").glob("*.html")))
    with template.open("a", encoding="utf-8") as out:
        out.write("\n")
    return f"sửa mẫu {template.name}"


EDITS = [edit_post_body, edit_post_title, add_post, delete_post, edit_progress, edit_plan, edit_answer,
         edit_hotline, rename_unit, edit_template]


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_give_the_full_build(portal, seed):
    """After each random edit, the incremental build equals a full build from scratch, byte for byte
    (marker and cache digest included)."""
    rng = random.Random(seed)
    rendered, reused, _ = build(portal)
    assert reused == 0 and rendered > 50
    total = rendered
    for step in range(3):
        done = rng.choice(EDITS)(portal, rng)
        rendered, reused, _ = build(portal)
        if os.path.exists(portal / "site-full"):
            shutil.rmtree(portal / "site-full")
        full_rendered, full_reused, _ = build(portal, "--day-du", site="site-full")
        assert full_reused == 0
        assert tree_differences(portal / "site", portal / "site-full") == [], f"bước {step + 1}: {done}"
        assert rendered + reused == full_rendered, done
        total = full_rendered
    assert total > 50


def test_one_post_edit_renders_only_what_shows_it(portal):
    build(portal)
    post = portal / "content/chuyen-muc/bai-viet/2026-05-20-muong-lay-niem-yet-thu-tuc.md"
    with post.open("a", encoding="utf-8") as out:
        out.write("\nThêm một câu.\n")
    rendered, reused, said = build(portal)
    assert rendered == 1 and reused > 50  # only the post itself: its listing shows the summary, not the body
    # The cache's file digests told the build the edit is muong-lay's: other units' pages were not composed.
    assert "Tệp đã sửa thuộc đơn vị: muong-lay (" in said
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("tieu_de: ", "tieu_de: Tin mới - ", 1), encoding="utf-8")
    rendered, reused, _ = build(portal)
    # The post, its column and listings, feeds-bearing pages and the home page show its title; not the plans.
    assert 2 < rendered < 30 and reused > 50


def test_an_edit_the_data_files_do_not_bound_compares_every_page(portal):
    """A staff page, or a post added, is not one unit's: every page is composed and compared."""
    build(portal)
    assert "Không tệp dữ liệu nào thay đổi" in build(portal)[2]
    with (portal / "content/index.md").open("a", encoding="utf-8") as out:
        out.write("\nLời chào mới.\n")
    rendered, reused, said = build(portal)
    assert "Tệp đã sửa thuộc" not in said and "Không tệp" not in said and rendered >= 1
    plan = portal / "plans/binh-giang/ke-hoach-2026.yml"
    plan.write_text(plan.read_text(encoding="utf-8"), encoding="utf-8")  # same bytes: not an edit
    (portal / "plans/binh-giang/ghi-chu.txt").write_text("không phải dữ liệu", encoding="utf-8")
    assert "Tệp đã sửa thuộc" not in build(portal)[2]  # a file of no known kind is not bounded


def test_reused_pages_are_links_to_the_last_build_and_it_is_never_written_through(portal):
    build(portal, "--nen")
    page = portal / "site/huong-dan/index.html"
    before = page.read_bytes()
    old_inode = page.stat().st_ino
    old_copy = (portal / "site/huong-dan/index.html.gz").read_bytes()
    old_home_copy = (portal / "site/index.html.gz").read_bytes()
    shutil.copytree(portal / "site", portal / "kept", copy_function=os.link)  # the old site's files
    (portal / "content/index.md").write_text((portal / "content/index.md").read_text(encoding="utf-8") + "\nMới.\n",
                                             encoding="utf-8")
    build(portal, "--nen")
    assert page.stat().st_ino == old_inode and page.read_bytes() == before
    assert (portal / "site/huong-dan/index.html.gz").stat().st_ino == (portal / "kept/huong-dan/index.html.gz").stat().st_ino
    assert (portal / "kept/huong-dan/index.html.gz").read_bytes() == old_copy
    assert (portal / "kept/index.html").read_bytes() != (portal / "site/index.html").read_bytes()
    assert (portal / "kept/index.html.gz").read_bytes() == old_home_copy
    assert gzip.decompress((portal / "site/index.html.gz").read_bytes()) == (portal / "site/index.html").read_bytes()
    build(portal)  # without --nen: no copy is carried over from the build that had them
    assert [p.name for p in (portal / "site").rglob("*") if p.suffix in (".gz", ".br")] == ["sitemap.xml.gz"]  # mkdocs' own
    assert page.stat().st_ino == old_inode


def test_a_unit_renamed_changes_every_page_that_names_it(portal):
    """The site's identity (header, unit names) is on every page: its fingerprint must include it."""
    build(portal)
    rename_unit(portal, random.Random(0))
    build(portal)
    build(portal, "--day-du", site="site-full")
    assert tree_differences(portal / "site", portal / "site-full") == []


def test_a_template_change_renders_every_page(portal):
    rendered, _, _ = build(portal)
    with (portal / "theme/main.html").open("a", encoding="utf-8") as out:
        out.write("\n")
    again, reused, said = build(portal)
    assert (again, reused) == (rendered, 0)
    assert "dựng lại mọi trang" in said


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "wrong-format"])
def test_a_corrupt_or_foreign_cache_is_ignored_with_a_notice(portal, damage, tmp_path):
    rendered, _, _ = build(portal)
    cache = portal / ".site-cache.json"
    assert cache.exists()
    if damage == "garbage":
        cache.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        cache.write_bytes(cache.read_bytes()[: cache.stat().st_size // 2])
    elif damage == "foreign":  # a valid cache, of another build: its digest is not the site's
        data = json.loads(cache.read_text(encoding="utf-8"))
        first = next(iter(data["pages"]))
        data["pages"][first]["fingerprint"] = "0" * 64
        cache.write_text(json.dumps(data), encoding="utf-8")
    else:
        data = json.loads(cache.read_text(encoding="utf-8"))
        data["format"] = 999
        cache.write_text(json.dumps(data), encoding="utf-8")
    again, reused, said = build(portal)
    assert (again, reused) == (rendered, 0)
    notices = [line for line in said.splitlines() if "Không dùng bộ nhớ đệm" in line]
    assert len(notices) == 1, said


def test_a_hand_edited_output_is_rendered_again(portal):
    build(portal)
    page = portal / "site/huong-dan/index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"</body>", b"<script>alert(1)</script></body>"))
    rendered, _, _ = build(portal)
    assert rendered == 1
    assert page.read_bytes() == good


def test_day_du_renders_every_page(portal):
    rendered, _, _ = build(portal)
    again, reused, _ = build(portal, "--day-du")
    assert (again, reused) == (rendered, 0)
    nothing, all_reused, _ = build(portal)
    assert (nothing, all_reused) == (0, rendered)


# The preview (cchc serve) keeps one engine process and re-renders only the pages of the units an edit
# touched (engine/mkdocs_live.py): its output must still be the full build's.
PREVIEW_EDITS = [edit_post_body, edit_post_title, edit_progress, edit_plan, edit_answer, edit_hotline, rename_unit,
                 add_post]
NOT_IN_PREVIEW = (".gz", ".br")  # the preview writes no compressed copies and indexes in the background


def preview_differences(preview_site: Path, full_site: Path) -> list[str]:
    return [path for path in tree_differences(preview_site, full_site)
            if not path.endswith(NOT_IN_PREVIEW) and not path.startswith("pagefind")]


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_preview_builds_equal_full_builds(portal, seed, monkeypatch):
    from cchc.engine import preview

    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY_EPOCH)
    monkeypatch.setenv("PYTHONPATH", str(REPO / "scripts"))
    said: list[str] = []
    live = preview.Preview(str(portal), "mkdocs.yml", said.append)
    rng = random.Random(seed)
    try:
        live.build()
        assert live.state.problems == [], said
        for step in range(4):
            edit = rng.choice(PREVIEW_EDITS)
            done = edit(portal, rng)
            changed = {str(path.relative_to(portal)) for path in portal.rglob("*")
                       if path.is_file() and path.stat().st_mtime > time.time() - 5 and ".cchc" not in str(path)}
            live.build(changed)
            assert live.state.problems == [], (done, said)
            result = run_cchc("build", "--day-du", "--site-dir", "site-full", cwd=portal)
            assert result.returncode == 0, result.stderr
            assert preview_differences(Path(live.site_dir), portal / "site-full") == [], f"bước {step + 1}: {done}"
            shutil.rmtree(portal / "site-full")
            time.sleep(1.1)  # the next edit's files are told apart by their times
    finally:
        live.engine.stop()
    counts = [tuple(map(int, found)) for line in said for found in re.findall(r"dựng (\d+) trang, giữ nguyên (\d+)", line)]
    first = counts[0]
    assert first[1] == 0 and first[0] > 50
    # A data edit re-renders the pages of its unit and the site-wide ones, not the other units' pages.
    assert any(rendered < first[0] // 2 for rendered, _ in counts[1:]), said


def test_the_cache_text_is_the_json_of_its_content_and_reads_back(tmp_path):
    """The cache file is assembled from each entry's own JSON (kept for reuse): it must be exactly
    json.dumps of the content with sorted keys, and read back to the same entries."""
    from cchc.publish import build_cache

    entries = {
        "don-vi/ấp \"1\".md": build_cache.PageEntry("f1", "don-vi/ap-1/index.html", "o1",
                                                   ({"b", "a"}, [("../x/", None), ("anh.png", "anh.png")]), ("/don-vi/ap-1/", "<h1>Ấp</h1>")),
        "a.md": build_cache.PageEntry("f2", "a/index.html", "o2", (set(), []), None),
    }
    facts = {"sources": {"plans/ấp/don-vi.yml": "d1", "content/a.md": "d2"}, "owners": {"a.md": ["ap", "posts"]},
             "outline": "o", "page_context": "(\"Ấp\", 1)"}
    cache = build_cache.BuildCache("inputs", entries, facts)
    expected = json.dumps(cache.content(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert cache.serialized() == expected
    path = tmp_path / "cache.json"
    build_cache.write(str(path), cache)
    live = tmp_path / "site"
    live.mkdir()
    again = build_cache.read(str(path), str(live), {build_cache.MARKER_FACT: cache.identity})
    assert again.pages == entries and again.site_inputs == "inputs" and again.inputs == facts
    assert build_cache.BuildCache("inputs", dict(again.pages), dict(again.inputs)).identity == cache.identity
    # Every part of the content is in the identity (it is made of the entries' own digests).
    changed = dict(entries, **{"a.md": build_cache.PageEntry("f2", "a/index.html", "o3", (set(), []), None)})
    assert build_cache.BuildCache("inputs", changed, facts).identity != cache.identity
    assert build_cache.BuildCache("other", entries, facts).identity != cache.identity
    assert build_cache.BuildCache("inputs", entries, {**facts, "outline": "p"}).identity != cache.identity


def test_the_preview_keeps_post_listings_after_a_plan_edit_and_remakes_them_after_a_title_edit(portal, monkeypatch):
    """Column pages declare they show posts and profiles only: a plan edit leaves their files as they
    were (same inode: not even rewritten), a post title edit changes them."""
    from cchc.engine import preview

    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY_EPOCH)
    monkeypatch.setenv("PYTHONPATH", str(REPO / "scripts"))
    live = preview.Preview(str(portal), "mkdocs.yml", lambda _: None)
    listing = Path(live.site_dir) / "chuyen-muc" / "index.html"
    plan_page = Path(live.site_dir) / "don-vi" / "binh-giang" / "ke-hoach-2026" / "index.html"
    try:
        live.build()
        before = listing.stat().st_ino, plan_page.read_text(encoding="utf-8")
        plan = portal / "plans" / "binh-giang" / "ke-hoach-2026.yml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("ho_ten: ", "ho_ten: Ông ", 1), encoding="utf-8")
        live.build({"plans/binh-giang/ke-hoach-2026.yml"})
        assert live.state.problems == []
        assert listing.stat().st_ino == before[0]
        assert plan_page.read_text(encoding="utf-8") != before[1] and "Ông " in plan_page.read_text(encoding="utf-8")
        shown = listing.read_text(encoding="utf-8")
        post = next(p for p in posts(portal)
                    if re.search(r"^tieu_de: (.*)$", p.read_text(encoding="utf-8"), re.M).group(1) in shown)
        text = post.read_text(encoding="utf-8")
        post.write_text(re.sub(r"^tieu_de: (.*)$", lambda m: f"tieu_de: {m.group(1)} (cập nhật)", text, count=1,
                               flags=re.M), encoding="utf-8")
        live.build({str(post.relative_to(portal))})
        assert live.state.problems == []
        assert "(cập nhật)" in listing.read_text(encoding="utf-8")
    finally:
        live.engine.stop()


def test_the_search_index_is_reused_only_when_no_search_copy_changed_and_it_is_intact(portal):
    post = portal / "content/chuyen-muc/bai-viet/2026-05-20-muong-lay-niem-yet-thu-tuc.md"
    with post.open("a", encoding="utf-8") as out:  # a long post: it is indexed by its opening words
        out.write("\n" + "Một đoạn rất dài ở cuối bài viết này. " * 20 + "\n")
    build(portal)
    assert "dùng lại chỉ mục tìm kiếm" in build(portal)[2]  # nothing changed
    # Compressed copies beside the index are not the index: written by --nen or afterwards, dropped
    # by a plain build, they never make it again.
    said = build(portal, "--nen")[2]
    assert "dùng lại chỉ mục tìm kiếm" in said and (portal / "site/pagefind/pagefind.js.gz").is_file()
    said = build(portal)[2]
    assert "dùng lại chỉ mục tìm kiếm" in said and not list((portal / "site/pagefind").rglob("*.gz"))
    compress_site(str(portal / "site"))
    assert "dùng lại chỉ mục tìm kiếm" in build(portal)[2]
    with post.open("a", encoding="utf-8") as out:  # below the words the post is indexed by, same paragraph
        out.write("Một câu nữa ở cuối bài.\n")
    said = build(portal)[2]
    assert "dùng lại chỉ mục tìm kiếm" in said and "Đang tạo chỉ mục" not in said
    shutil.rmtree(portal / "site-full", ignore_errors=True)
    build(portal, "--day-du", site="site-full")
    assert tree_differences(portal / "site", portal / "site-full") == []
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("tieu_de: ", "tieu_de: Tin mới - ", 1), encoding="utf-8")
    assert "Đang tạo chỉ mục" in build(portal)[2]  # the title is in the index
    # An index edited by hand (or damaged) is made again, even when the copies are the same.
    fragment = next((portal / "site/pagefind/fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes() + b"x")
    said = build(portal)[2]  # no edit: the copies are the ones the index was made from
    assert "Đang tạo chỉ mục" in said and "dùng lại chỉ mục" not in said
    shutil.rmtree(portal / "site-full")
    build(portal, "--day-du", site="site-full")
    assert tree_differences(portal / "site", portal / "site-full") == []
