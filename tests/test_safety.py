"""Bad input never breaks or poisons the site: typed values, raw HTML, links, atomic build and deploy."""

from __future__ import annotations

import gzip
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.publish import deploy
from cchc.base.problems import ProblemList
from cchc.model.load import load_portal
from cchc.check.link_schemes import safe_url
from cchc.pages.sanitize import clean_html
from cchc.check.schema import check_tree
from cchc.source.yaml_tree import load_bytes

from conftest import MINIMAL_PLAN, MINIMAL_POST as POST, MINIMAL_UNIT, run_cchc, tiny_site



def site_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("line,needle", [
    ("du_lieu_mau: yes", "true hoặc false"),
    ("du_lieu_mau: on", "true hoặc false"),
])
def test_yaml_11_booleans_are_not_taken_as_values(line, needle):
    source = load_bytes("t.yml", (MINIMAL_UNIT + line + "\n").encode())
    problems = ProblemList("t.yml")
    check_tree(source.root, "don-vi", problems)
    assert [(p.mark.line, p.mark.col) for p in problems] == [(4, 14)] and needle in problems[0].message


@pytest.mark.parametrize("value", ["0o17", "0x1F", "1:30", "1_000", "1e3", ".5"])
def test_octal_hex_and_base60_numbers_are_rejected_in_counts(value):
    source = load_bytes("t.yml", MINIMAL_PLAN.replace("so_luong: 2", f"so_luong: {value}").encode())
    problems = ProblemList("t.yml")
    check_tree(source.root, "ke-hoach", problems)
    [problem] = problems
    assert "số nguyên" in problem.message and problem.mark.col == 19


def test_a_leading_zero_is_kept_not_read_as_octal():
    source = load_bytes("t.yml", (MINIMAL_UNIT + 'dien_thoai: 0243 123 4567\n').encode())
    problems = ProblemList("t.yml")
    checked = check_tree(source.root, "don-vi", problems)
    assert problems == [] and checked.value["dien_thoai"].digits == "02431234567"


def test_a_top_level_list_is_a_positioned_error():
    source = load_bytes("t.yml", b"- ten: A\n- ten: B\n")
    problems = ProblemList("t.yml")
    check_tree(source.root, "don-vi", problems)
    assert [(p.mark.line, p.mark.col) for p in problems] == [(1, 1)] and "nhóm khóa" in problems[0].message


def test_bom_and_crlf_give_the_same_site(tmp_path):
    plain = tiny_site(tmp_path / "plain")
    windows = tiny_site(tmp_path / "windows", {
        "plans/an-phu/ke-hoach-2026.yml": b"\xef\xbb\xbf" + MINIMAL_PLAN.replace("\n", "\r\n").encode("utf-8")})
    for site in (plain, windows):
        assert run_cchc("build", cwd=site).returncode == 0
    page = "site/don-vi/an-phu/ke-hoach-2026/index.html"
    assert (plain / page).read_bytes() == (windows / page).read_bytes()


def test_a_hash_that_cuts_a_value_is_warned_and_fails_the_strict_build(tmp_path):
    site = tiny_site(tmp_path, {"plans/an-phu/ke-hoach-2026.yml": MINIMAL_PLAN.replace("ky_hieu: KH-UBND", "ky_hieu: KH-UBND #2")})
    check = run_cchc("check", cwd=site)
    assert check.returncode == 0
    assert "plans/an-phu/ke-hoach-2026.yml:2:18: [cảnh báo] Phần '#2'" in check.stdout
    build = run_cchc("build", cwd=site)
    assert build.returncode == 1 and not (site / "site").exists()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_the_loader_never_raises_on_any_bytes(data):
    source = load_bytes("t.yml", data)
    assert source.root is not None or source.problems


# Fragments that make YAML-shaped text: keys of our schemas, indentation, flow and block markers, dates.
YAMLISH = st.lists(st.sampled_from(list("abđ: -#[]{}&*!|>'\"\n\t0123456789.,/ưữ") + [
    "nam: ", "so_luong: ", "nhiem_vu:\n  - ", "chi_tieu: ", "ma: NV01\n", "ngay: 30/02/2026\n", "cap_nhat:\n",
    "  ", "\n- ", "ky_hieu: KH-UBND\n", "chu_ky:\n  ho_ten: A\n", "!!python/object ", "&a ", "*a"]),
    max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_the_whole_check_never_raises_on_yaml_like_text(text):
    source = load_bytes("t.yml", text.encode("utf-8"))
    if source.root is not None:
        for schema in ("ke-hoach", "don-vi", "tien-do", "bai-viet", "hoi-dap"):
            check_tree(source.root, schema, ProblemList("t.yml"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(YAMLISH)
def test_load_portal_never_raises(tmp_path_factory, text):
    site = tiny_site(tmp_path_factory.mktemp("fuzz"), {"plans/an-phu/ke-hoach-2026.yml": text,
                                                       "plans/an-phu/tien-do-2026.yml": text})
    result = load_portal(str(site))
    assert isinstance(result.problems, list)


def test_raw_html_in_staff_markdown_is_sanitised():
    dirty = ('<p>ok <script>alert(1)</script><img src="x.png" alt="ảnh" onerror="alert(2)"> '
             '<iframe src="https://evil.example"></iframe><a href="java&#x09;script:alert(3)" onclick="x()">a</a>'
             '<div class="admonition note" style="x"><p class="admonition-title">Lưu ý</p></div>'
             '<table><tr><td colspan="2">ô</td></tr></table><details open><summary>s</summary>d</details></p>')
    clean = clean_html(dirty)
    for bad in ("<script", "alert(1)", "onerror", "<iframe", "onclick", "javascript", "style="):
        assert bad not in clean, bad
    for kept in ('<img src="x.png" alt="ảnh">', '<div class="admonition note">', '<td colspan="2">', "<details open"):
        assert kept in clean, kept
    assert safe_url("https://a.vn") and safe_url("../x/") and safe_url("tel:+84912") and not safe_url(" JaVaScRiPt:x")


@pytest.mark.parametrize("body,line,col", [
    ("Xem [trang](javascript:alert(1)).", 9, 13),
    ('<a href="JavaScript:alert(1)">x</a>', 9, 10),
    ("![ảnh](data:image/svg+xml;base64,PHN2Zz4=)", 9, 8),
])
def test_dangerous_links_are_build_errors_at_their_position(tmp_path, body, line, col):
    site = tiny_site(tmp_path, {"content/chuyen-muc/bai-viet/bai.md": POST.replace("Nội dung bài thử.", body)})
    result = run_cchc("build", cwd=site)
    assert result.returncode == 1
    assert f"content/chuyen-muc/bai-viet/bai.md:{line}:{col}: [lỗi] Liên kết" in result.stdout
    assert not (site / "site").exists()


def test_a_built_post_carries_no_script_from_its_markdown(tmp_path):
    body = 'Đoạn <script>alert("x")</script> và <b onmouseover="alert(1)">đậm</b>.\n\n!!! note "Lưu ý"\n    Nội dung.\n'
    site = tiny_site(tmp_path, {"content/chuyen-muc/bai-viet/bai.md": POST.replace("Nội dung bài thử.", body)})
    config = (site / "mkdocs.yml").read_text(encoding="utf-8") + "markdown_extensions:\n  - admonition\n"
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert run_cchc("build", cwd=site).returncode == 0
    page = (site / "site/chuyen-muc/bai-viet/bai/index.html").read_text(encoding="utf-8")
    assert 'alert("x")' not in page and "onmouseover" not in page
    assert '<div class="admonition note">' in page and "<b>đậm</b>" in page


@pytest.mark.parametrize("page,needle", [
    ('<a href="../khong-co/">x</a>', "không có trang"),
    ('<a href="../don-vi/an-phu/ke-hoach-2026/#khong-co-muc">x</a>', "mục '#khong-co-muc'"),
    ('<img src="../anh.png">', "thiếu mô tả"),
])
def test_broken_links_anchors_and_images_fail_the_build(tmp_path, page, needle):
    site = tiny_site(tmp_path, {"content/lien-he.md": f"# Liên hệ\n\n{page}\n", "content/anh.png": b"\x89PNG"})
    result = run_cchc("build", cwd=site)
    assert result.returncode == 1 and needle in result.stderr, result.stderr[-2000:]
    assert not (site / "site").exists()


def test_every_page_has_a_csp_meta_before_any_script(sample_site):
    for page in [sample_site / "index.html", sample_site / "404.html",
                 sample_site / "don-vi/muong-lay/ke-hoach-2026/index.html"]:
        html = page.read_text(encoding="utf-8")
        meta = html.index('<meta http-equiv="Content-Security-Policy"')
        assert meta < html.index("<script")
        assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in html and "'unsafe-inline'" not in html


def test_a_crash_in_the_middle_of_a_build_leaves_the_live_site_identical(tmp_path):
    site = tiny_site(tmp_path)
    assert run_cchc("build", cwd=site).returncode == 0
    before = site_files(site / "site")
    (site / "theme/cchc").mkdir(parents=True)
    (site / "theme/cchc/plan.html").write_text("{{ plan.khong_co_thuoc_tinh_nay.nua }}", encoding="utf-8")
    result = run_cchc("build", cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr and 'File "' not in result.stderr
    assert "Nguyên nhân:" in result.stderr and "khong_co_thuoc_tinh_nay" in result.stderr
    assert site_files(site / "site") == before
    assert not list(site.glob(".site-build-*"))


def _built(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / ".cchc-build").write_text("{}", encoding="utf-8")
    return folder


def test_deploy_switches_atomically_keeps_the_previous_release_and_rolls_back(tmp_path):
    built = _built(tmp_path / "site", "bản 1")
    target = tmp_path / "www"
    first = deploy.deploy(str(built), str(target))
    (built / "index.html").write_text("bản 2", encoding="utf-8")
    second = deploy.deploy(str(built), str(target))
    assert first != second and os.path.islink(target / "current")
    assert (target / "current/index.html").read_text(encoding="utf-8") == "bản 2"
    assert (target / "releases" / first / "index.html").read_text(encoding="utf-8") == "bản 1"
    assert deploy.rollback(str(target)) == first
    assert (target / "current/index.html").read_text(encoding="utf-8") == "bản 1"
    for _ in range(4):
        deploy.deploy(str(built), str(target))
    assert len(os.listdir(target / "releases")) == deploy.KEEP


def test_rollback_returns_to_the_release_live_before_the_last_switch(tmp_path):
    """deploy A, B, rollback, C, rollback → A (release names alone would give B)."""
    target = tmp_path / "www"
    names = {}
    for label in ("A", "B"):
        names[label] = deploy.deploy(str(_built(tmp_path / label, label)), str(target))
    assert deploy.rollback(str(target)) == names["A"]
    names["C"] = deploy.deploy(str(_built(tmp_path / "C", "C")), str(target))
    assert deploy.rollback(str(target)) == names["A"]
    assert (target / "current/index.html").read_text(encoding="utf-8") == "A"
    assert [e["how"] for e in deploy.history(str(target))] == ["deploy", "deploy", "rollback", "deploy", "rollback"]
    with pytest.raises(deploy.DeployError):
        deploy.rollback(str(tmp_path / "chua-cong-bo"))


def test_a_killed_deploy_leaves_no_partial_release_after_the_next(tmp_path):
    target = tmp_path / "www"
    deploy.deploy(str(_built(tmp_path / "A", "A")), str(target))
    partial = target / "releases" / ".20260101T000000Z.partial"
    (partial / "site").mkdir(parents=True)
    deploy.deploy(str(_built(tmp_path / "B", "B")), str(target))
    assert not partial.exists() and all(not n.startswith(".") for n in os.listdir(target / "releases"))


def test_deploy_writes_the_compressed_copies_and_takes_unchanged_ones_from_the_live_release(tmp_path):
    built = _built(tmp_path / "site", "<p>Đường dây nóng</p>" * 40)
    (built / "tin.html").write_text("<p>Tin mới</p>" * 40, encoding="utf-8")
    target = tmp_path / "www"
    first = deploy.deploy(str(built), str(target))
    live = target / "releases" / first
    assert gzip.decompress((live / "index.html.gz").read_bytes()) == (built / "index.html").read_bytes()
    assert brotli.decompress((live / "tin.html.br").read_bytes()) == (built / "tin.html").read_bytes()
    assert not (built / "index.html.gz").exists()  # the built site is read, never written
    (built / "tin.html").write_text("<p>Tin đã sửa</p>" * 40, encoding="utf-8")
    second = target / "releases" / deploy.deploy(str(built), str(target))
    assert (second / "index.html.gz").stat().st_ino == (live / "index.html.gz").stat().st_ino
    assert gzip.decompress((second / "tin.html.gz").read_bytes()) == (built / "tin.html").read_bytes()


@pytest.mark.parametrize("where", ["inside", "around"])
def test_deploy_refuses_a_target_inside_the_site_or_containing_it(tmp_path, where):
    built = _built(tmp_path / "site", "A")
    target = built / "www" if where == "inside" else tmp_path
    with pytest.raises(deploy.DeployError, match="không được nằm trong"):
        deploy.deploy(str(built), str(target))
    assert sorted(os.listdir(built)) == [".cchc-build", "index.html"]


def test_deploy_command_refuses_an_unbuilt_site(tmp_path):
    site = tiny_site(tmp_path)
    result = run_cchc("deploy", str(tmp_path / "www"), cwd=site)
    assert result.returncode == 1 and "make cong-bo" in result.stderr and "Traceback" not in result.stderr
    assert run_cchc("build", "--cong-bo", cwd=site).returncode == 0  # deploy publishes only a publication build
    assert run_cchc("deploy", str(tmp_path / "www"), cwd=site).returncode == 0
    assert (tmp_path / "www/current/don-vi/an-phu/ke-hoach-2026/index.html").is_file()


HOSTILE_HOOK = '''
def on_page_content(html, page, config, files):
    return html + '<script>stolen()</script><p>Thêm bởi plugin khác</p>'

def on_post_page(output, page, config):
    return output.replace("</body>", "<script>var addedLater = 1;</script></body>")
'''


def test_a_plugin_a_commune_adds_cannot_skip_the_sanitiser_or_break_the_policy(tmp_path):
    """Sanitising and the CSP run after every other plugin (mkdocs event priority -100)."""
    import base64
    import hashlib

    root = tiny_site(tmp_path / "s", {"hook.py": HOSTILE_HOOK})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "hooks:\n  - hook.py\n", encoding="utf-8")
    result = run_cchc("build", cwd=root)
    assert result.returncode == 0, result.stderr + result.stdout
    page = (root / "site" / "index.html").read_text("utf-8")
    assert "Thêm bởi plugin khác" in page and "stolen()" not in page
    digest = base64.b64encode(hashlib.sha256(b"var addedLater = 1;").digest()).decode()
    assert f"'sha256-{digest}'" in page.split('http-equiv="Content-Security-Policy"', 1)[1].split(">", 1)[0]


def test_the_sanitiser_parses_html_balances_tags_and_keeps_theme_names_to_the_theme():
    dirty = ('<div id="__config">{"x":1}</div><p id="__palette" class="md-header md-button">p</p>'
             '<h2 id="muc-a">A</h2><a href="#muc-a">về A</a><span id="dich">đích</span><a href="#dich">tới</a>'
             '<div class="admonition warning md-banner"><p class="admonition-title">Chú ý</p></div>'
             '<b>chưa đóng <i>nghiêng</b> <img src=x.png alt=a onerror=alert(1)><!-- <script>ghi chú</script> -->'
             '<svg><script>alert(2)</script></svg><a href="vbscript:x">v</a><a href="https://a.vn/">ok</a>')
    clean = clean_html(dirty)
    assert 'id="__config"' not in clean and 'id="user-content-__config"' in clean
    assert 'id="user-content-__palette"' in clean and "md-header" not in clean and "md-button" not in clean
    assert '<h2 id="muc-a">' in clean and 'href="#muc-a"' in clean
    assert 'id="user-content-dich"' in clean and 'href="#user-content-dich"' in clean
    assert '<div class="admonition warning">' in clean and "md-banner" not in clean
    assert "<b>chưa đóng <i>nghiêng</i></b>" in clean and '<img src="x.png" alt="a">' in clean
    for bad in ("onerror", "<!--", "ghi chú", "<svg", "alert(2)", "vbscript"):
        assert bad not in clean, bad
    assert '<a href="https://a.vn/">ok</a>' in clean


def test_the_sanitiser_judges_each_page_by_its_own_headings_and_cleans_pages_in_threads_alike():
    # One sanitiser serves the whole process: a heading of the page cleaned before must not let this
    # page's same-page link or id through unprefixed.
    with_heading = '<h2 id="muc-a">A</h2><a href="#muc-a">về A</a>'
    without = '<p id="muc-a">đoạn</p><a href="#muc-a">về A</a>'
    assert clean_html(with_heading) == '<h2 id="muc-a">A</h2><a href="#muc-a">về A</a>'
    assert clean_html(without) == '<p id="user-content-muc-a">đoạn</p><a href="#user-content-muc-a">về A</a>'
    pages = [with_heading, without] * 200
    expected = [clean_html(page) for page in pages]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(clean_html, pages)) == expected


@pytest.mark.parametrize("text, line, col, needle", [
    ('ten: "An\\x01 Phú"\n', 1, 6, "U+0001"),
    ('ten: An Phú\ntinh_thanh: "tỉnh\\tThử"\n', 2, 13, "ký tự Tab"),
    ("ten: An\x1b Phú\n", 1, 8, "U+001B"),
    ('ten: An Phú\nco_quan: "' + "x" * 20_001 + '"\n', 2, 10, "tối đa 20,000"),
])
def test_control_characters_and_huge_values_are_problems_at_their_position(text, line, col, needle):
    source = load_bytes("don-vi.yml", text.encode("utf-8"))
    assert [(p.mark.line, p.mark.col) for p in source.problems] == [(line, col)]
    assert needle in source.problems[0].message


def test_control_characters_in_a_post_body_are_reported_at_their_line(tmp_path):
    site = tiny_site(tmp_path, {"content/chuyen-muc/bai-viet/bai.md": POST.replace("Nội dung", "Nội\x0c dung")})
    result = run_cchc("check", cwd=site)
    assert result.returncode == 1 and "content/chuyen-muc/bai-viet/bai.md:9:4: [lỗi]" in result.stdout
