"""The theme's parts rendered once per build (engine/fragments.py) give every page the bytes it
would have had rendering each part for itself."""

from __future__ import annotations

import re

from conftest import MINIMAL_POST, REPO, differing_files, run_cchc, tiny_site

from cchc.engine.fragments import DISABLE_ENV, Fragments


def test_a_site_built_with_the_memo_is_byte_identical_to_one_built_without(sample_site, tmp_path):
    plain = tmp_path / "site"
    result = run_cchc("build", "--site-dir", str(plain), cwd=REPO, env={DISABLE_ENV: "1"})
    assert result.returncode == 0, result.stderr + result.stdout
    assert differing_files(sample_site, plain) == []
    # The part the memo shares is on the pages, marked for pages in the navigation only on theirs.
    home = (sample_site / "index.html").read_text("utf-8")
    plan = next((sample_site / "don-vi").glob("*/ke-hoach-*/index.html")).read_text("utf-8")
    assert "md-nav__link--active" in home and "md-nav__link--active" not in plan
    assert re.search(r'class="md-tabs__link"', plan)


def _post(title: str, body: str) -> str:
    return MINIMAL_POST.replace("Bài thử", title).replace("Nội dung bài thử.", body)


def test_the_kept_markdown_converter_forgets_each_page_before_the_next(tmp_path):
    # Each post defines a link reference the other uses: a converter not reset between pages would
    # make the second one rendered a link. Both have the same heading: each keeps its plain id.
    posts = {"content/chuyen-muc/bai-viet/2026-02-05-a.md": _post("Bài A", "## Mục tiêu\n\n[mẫu A][ref-a] và [mẫu B][ref-b]\n\n[ref-a]: https://a.gov.vn/\n"),
             "content/chuyen-muc/bai-viet/2026-02-06-b.md": _post("Bài B", "## Mục tiêu\n\n[mẫu A][ref-a] và [mẫu B][ref-b]\n\n[ref-b]: https://b.gov.vn/\n")}
    root = tiny_site(tmp_path / "portal", posts)
    for folder, env in (("kept", {}), ("fresh", {DISABLE_ENV: "1"})):
        result = run_cchc("build", "--site-dir", folder, cwd=root, env=env)
        assert result.returncode == 0, result.stderr + result.stdout
    assert differing_files(root / "kept", root / "fresh") == []
    page_a = (root / "kept" / "chuyen-muc/bai-viet/2026-02-05-a/index.html").read_text("utf-8")
    page_b = (root / "kept" / "chuyen-muc/bai-viet/2026-02-06-b/index.html").read_text("utf-8")
    assert '<a href="https://a.gov.vn/">mẫu A</a>' in page_a and "[mẫu B][ref-b]" in page_a
    assert '<a href="https://b.gov.vn/">mẫu B</a>' in page_b and "[mẫu A][ref-a]" in page_b
    assert '<h2 id="muc-tieu">' in page_a and '<h2 id="muc-tieu">' in page_b


def test_each_key_is_rendered_once_and_none_every_time():
    calls = []
    memo = Fragments()
    memo.enabled = True

    def part():
        calls.append(1)
        return f"<nav>{len(calls)}</nav>"
    assert memo("nav", ("..", ("../",)), part) == memo("nav", ("..", ("../",)), part) == "<nav>1</nav>"
    assert memo("nav", ("../..", ("../../",)), part) == "<nav>2</nav>"
    assert memo("nav", None, part) == "<nav>3</nav>" and memo("nav", None, part) == "<nav>4</nav>"
    assert memo("tabs", ("..", ("../",)), part) == "<nav>5</nav>"  # another part, its own entry


def test_a_remembered_lookup_answers_each_key_once_unless_the_memo_is_off():
    asked = []

    def lookup(key):
        asked.append(key)
        return key.upper()
    memo = Fragments()
    memo.enabled = True
    remembered = memo.remembered(lookup)
    assert [remembered(key) for key in ("header", "footer", "header")] == ["HEADER", "FOOTER", "HEADER"]
    assert asked == ["header", "footer"]
    memo.enabled = False
    plain = memo.remembered(lookup)
    assert plain("header") == "HEADER" and asked == ["header", "footer", "header"]


class _Item:
    def __init__(self, url):
        self.url = url


class _Page(_Item):
    meta: dict = {}


class _Nav:
    def __init__(self, pages):
        self.pages = pages


def test_the_navigation_key_says_where_the_page_stands_and_is_none_on_a_navigation_page():
    from cchc.engine.mkdocs_plugin import nav_key
    units, progress = _Page("don-vi/"), _Page("tien-do/")
    nav = _Nav([_Page(""), units, progress])
    plan_a, plan_b = _Page("don-vi/a/ke-hoach-2026/"), _Page("don-vi/b/ke-hoach-2026/")
    post = _Page("chuyen-muc/bai-viet/x/")
    assert nav_key(units, nav, "..") is None
    assert nav_key(plan_a, nav, "../../..") == nav_key(plan_b, nav, "../../..")
    # same depth, another section: the link to "Đơn vị" is written another way
    assert nav_key(post, nav, "../../..") != nav_key(plan_a, nav, "../../..")
    hidden = _Page("don-vi/c/ke-hoach-2026/")
    hidden.meta = {"hide": ["navigation"]}
    assert nav_key(hidden, nav, "../../..") is None
