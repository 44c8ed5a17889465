"""What the search index is fed: a reduced copy of each page's content."""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cchc.search.index import reduce_html

from conftest import REPO, run_cchc

sys.path.insert(0, str(REPO / "scripts"))


def words(html: str) -> list[str]:
    import re
    return re.sub(r"<[^>]+>", " ", html).split()


def test_headings_are_whole_and_running_text_is_capped():
    html = ("<h1 id='t'>Kế hoạch tuyên truyền cải cách hành chính</h1>"
            "<p>" + " ".join(f"a{i}" for i in range(100)) + "</p><p>" + " ".join(f"b{i}" for i in range(10)) + "</p>")
    out = reduce_html(html, page_words=45, block_words=40)
    assert '<h1 id="t">' in out and "Kế hoạch tuyên truyền cải cách hành chính" in out
    body = [w for w in words(out) if w[0] in "ab"]
    assert body == [f"a{i}" for i in range(40)] + [f"b{i}" for i in range(5)]


def test_ignored_parts_are_dropped_and_always_parts_kept_in_full():
    html = ('<p data-pagefind-ignore="all">ngày 25 tháng 6 năm 2026 · khoảng 1 phút đọc</p>'
            '<p>mở đầu</p><form><label>Lĩnh vực <select><option>Tất cả</option></select></label></form>'
            '<table><tr data-cchc-index="always"><td><h3 id="nv-NV08">Nhiệm vụ 8</h3></td>'
            '<td>' + " ".join(f"t{i}" for i in range(20)) + '</td></tr></table>'
            '<span hidden data-pagefind-filter="loai:Kế hoạch" class="x"></span>')
    out = reduce_html(html, page_words=1, block_words=30)
    assert "phút đọc" not in out and "mở" in out and "đầu" not in out
    assert "Lĩnh" not in out and "Tất" not in out  # Pagefind does not index forms: neither does the copy
    assert '<h3 id="nv-NV08">' in out and "t19" in out  # the task row ignores the page budget
    assert '<span data-pagefind-filter="loai:Kế hoạch"></span>' in out and "class=" not in out


def test_malformed_fragments_do_not_break_the_reducer():
    out = reduce_html('<p>một <b>hai</p> ba <br/> <img src="x" alt="a>b"> <!-- <p>ẩn</p> --> bốn</div>', 10, 10)
    assert words(out) == ["một", "hai", "ba", "bốn"]


@pytest.mark.parametrize("html, expected", [
    ('<nav><p>a<span>b</nav><p>giữ</p>', '<p> giữ </p>'),
    ('<div data-pagefind-ignore><div><p>x</div></div><p>y</p><footer>z<br><img src=a/></footer> còn',
     '<p> y </p> còn '),
    ('<section><h2 id="m">Mục <span data-pagefind-ignore>bỏ <b>đậm</h2> sau</section><p>tiếp</p>',
     '<section><h2 id="m"> Mục </h2> sau </section><p> tiếp </p>'),
    ('<ul><li>một<nav><li>hai</ul><p>ba</p></nav><p>bốn</p>', '<ul><li> một </li></ul><p> ba </p><p> bốn </p>'),
])
def test_a_left_out_part_ends_with_its_element_even_when_tags_inside_are_left_open(html, expected):
    assert reduce_html(html, 10, 10) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(['<article class="md-content__inner md-typeset">', '<article class="md-content__inner '
                                 'md-typeset" id="a">', "</article>", "<p>", "chữ", "<!-- x -->", "<article>"]), max_size=8))
def test_the_article_is_found_as_the_theme_pattern_finds_it(parts):
    from cchc.base import theme
    html = "".join(parts)
    found = theme.ARTICLE.search(html)
    assert theme.article_of(html) == (found[1] if found else None)


def test_bench_generator_makes_valid_data(tmp_path):
    import bench_data

    bench_data.generate(tmp_path / "portal", REPO, units=2, posts_per_unit=3, questions_per_unit=2)
    result = run_cchc("check", cwd=tmp_path / "portal")
    assert result.returncode == 0, result.stdout
    assert len(list((tmp_path / "portal/content/chuyen-muc/bai-viet").glob("*.md"))) == 6
    assert len(list((tmp_path / "portal/plans").glob("*/tien-do-2026.yml"))) == 2


def test_fold_drops_marks_and_d_stroke_keeping_case_and_words():
    from cchc.base.text import fold

    assert fold("Đường dây nóng") == "Duong day nong"
    assert fold("CẢI CÁCH hành chính") == "CAI CACH hanh chinh"
    assert fold(unicodedata.normalize("NFD", "đường dây nóng")) == "duong day nong"
    assert fold("276/KH-UBND ngày 12/3/2026") == "276/KH-UBND ngay 12/3/2026"
    text = "Tuyên truyền, phổ biến “Chương trình” — tổng thể cải cách hành chính"
    assert len(fold(text).split()) == len(text.split())
    assert "“Chuong trinh” —" in fold(text)  # punctuation stays as it is
    assert all(ord(c) < 128 for c in fold("ăâêôơưđ ẮẰẲẴẶ Ữ ỹ").replace(" ", ""))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
       | st.text(alphabet="aăâeêioôơuưyđAĂÂĐ \u0300\u0301\u0303\u0309\u0323\u1100\u1161\u11a8가", max_size=40))
def test_fold_table_equals_the_definition(text):
    """fold() folds character by character through a table; the definition decomposes the whole text."""
    from cchc.base.text import _fold_slowly, fold

    assert fold(text) == _fold_slowly(text)
    assert fold(unicodedata.normalize("NFD", text)) == _fold_slowly(unicodedata.normalize("NFD", text))


def test_prepared_copy_is_folded_and_the_originals_kept():
    from cchc.search.bundle import prepare

    out, originals = prepare('<span data-pagefind-meta="loai:Kế hoạch" data-pagefind-filter="loai:Kế hoạch"></span>'
                             '<h1 id="x">Kế hoạch <b>số</b> 276</h1><p data-pagefind-weight="10">Đường dây nóng &amp; hỏi</p>'
                             '<h2>Đường dây nóng</h2>')
    assert '<h1 id="x">' in out and '<p data-pagefind-weight="10">' in out
    assert words(out) == ["Ke", "hoach", "so", "276", "Duong", "day", "nong", "&amp;", "hoi", "Duong", "day", "nong"]
    # metadata is indexed too, so it is folded; filters are not, and their values stay as written
    assert 'data-pagefind-meta="loai:Ke hoach" data-pagefind-filter="loai:Kế hoạch"' in out
    assert originals == {"title": "Kế hoạch số 276", "text": "Kế hoạch số 276 Đường dây nóng & hỏi Đường dây nóng",
                         "meta": {"loai": "Kế hoạch"}, "sections": {"x": "Đường dây nóng & hỏi"}}
    hostile, kept = prepare('<p>a &quot;b&quot; &lt;c&gt;</p>')
    assert "<c>" not in hostile and kept["text"] == 'a "b" <c>'


def _decode(path: Path):
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(b"pagefind_dcd")
    return raw[len(b"pagefind_dcd"):]


def test_built_index_holds_folded_words_and_the_original_lines_up(sample_site):
    """Every fragment Pagefind wrote: folded words and metadata, and originals that fold to them word for word."""
    from cchc.search.bundle import read_fragment
    from cchc.base.text import fold

    fragments = [read_fragment(str(p)) for p in sorted((sample_site / "pagefind/fragment").glob("*.pf_fragment"))]
    assert len(fragments) > 20
    for fragment in fragments:
        content = fragment["content"].split()
        assert " ".join(content).isascii() or not re.search("[đĐ]|[\u0300-\u036f]", unicodedata.normalize(
            "NFD", " ".join(content) + " ".join(fragment["meta"].values()))), fragment["url"]
        original = fragment["cchc"]
        assert [fold(w) for w in original["text"].split()] == content, fragment["url"]
        assert fold(original["title"]) == fragment["meta"]["title"]
        assert {k: fold(v) for k, v in original["meta"].items()} == {k: v for k, v in fragment["meta"].items()
                                                                     if k not in ("title", "phien_ban")}
    hotline = next(f for f in fragments if f["url"].endswith("/duong-day-nong/"))
    assert hotline["cchc"]["title"].startswith("Đường dây nóng") and hotline["cchc"]["meta"]["loai"] == "Đường dây nóng"
    # folded words only: no word has accented variants, and chunks stay small
    for chunk in (sample_site / "pagefind/index").glob("*.pf_index"):
        assert "đ".encode() not in _decode(chunk) and "ư".encode() not in _decode(chunk), chunk
        assert chunk.stat().st_size < 40_000


def test_a_change_of_diacritics_only_renames_the_fragment(tmp_path):
    """Pagefind names fragments by what it indexed (folded); the originals must count too, or a
    browser could keep showing a cached fragment with the old spelling."""
    from cchc.search.bundle import read_fragment
    from cchc.search.index import build_index

    names = []
    for spelling in ("Dương", "Đường"):
        site = tmp_path / spelling
        site.mkdir()
        assert build_index(str(site), {"/a/": f"<h1>{spelling} dây nóng</h1><p>Số điện thoại</p>"}) == 1
        fragments = list((site / "pagefind/fragment").glob("*.pf_fragment"))
        assert [read_fragment(str(p))["cchc"]["title"] for p in fragments] == [f"{spelling} dây nóng"]
        names.append(fragments[0].name)
        chunk = b"".join(_decode(p) for p in (site / "pagefind/index").glob("*.pf_index"))
        assert b"$" not in chunk and b"phien" not in chunk  # the digest adds no word to the index
    assert names[0] != names[1]


ARTICLE_START = '<article class="md-content__inner md-typeset">'


def test_a_note_at_the_top_of_a_page_no_longer_drops_the_page():
    """The reducer used to drop any page whose first 400 characters held an ignore marker: every sample post."""
    from cchc.search.index import reduce_page

    page = (f'<html><body>{ARTICLE_START}<header><h1>Bản tin truyền thanh</h1>'
            '<p class="cchc-sample-note" data-pagefind-ignore="all">Nội dung mẫu</p></header>'
            '<p>Tổ chức bộ máy sau sắp xếp.</p></article></body></html>')
    reduced = reduce_page(page)
    assert reduced is not None
    assert words(reduced) == ["Bản", "tin", "truyền", "thanh", "Tổ", "chức", "bộ", "máy", "sau", "sắp", "xếp."]
    assert reduce_page(f"<html><body>{ARTICLE_START}<div data-pagefind-ignore='all'><p>x</p></div></article>") is None


def test_a_listing_is_indexed_by_its_title_alone_and_lightly():
    out = reduce_html('<article data-cchc-index="title"><span hidden data-pagefind-meta="loai:Chuyên mục"></span>'
                      '<h1 id="t">Chuyên mục Cải cách hành chính <a class="headerlink" href="#t">¶</a></h1>'
                      '<h2 id="linh-vuc">Lĩnh vực</h2><ul><li><a href="x">Bài một</a></li></ul></article>')
    assert words(out) == ["Chuyên", "mục", "Cải", "cách", "hành", "chính"]
    assert '<h1 id="t" data-pagefind-weight="1">' in out and 'data-pagefind-meta="loai:Chuyên mục"' in out
    assert "linh-vuc" not in out  # no empty sub-results for the listing's own headings


def test_a_page_may_name_its_result_and_task_rows_keep_their_first_words():
    from cchc.search.bundle import SECTION_WORDS, prepare

    _, originals = prepare('<span data-pagefind-meta="title:Kế hoạch 276/KH-UBND: Tuyên truyền"></span>'
                           '<h1>KẾ HOẠCH Tuyên truyền</h1><table><tr><td><h3 id="nv-NV08">Nhiệm vụ 8</h3></td>'
                           '<td>' + " ".join(f"từ{i}" for i in range(30)) + '</td></tr></table>')
    assert originals["title"] == "Kế hoạch 276/KH-UBND: Tuyên truyền" and "title" not in originals["meta"]
    assert originals["sections"] == {"nv-NV08": " ".join(f"từ{i}" for i in range(SECTION_WORDS))}


def test_the_word_list_counts_pages_and_keeps_the_common_spelling():
    from cchc.search.vocabulary import words_of

    found = words_of(["Cải cách hành chính, cải cách", "cách làm 2026 a", "Cai cach"])
    assert found["cach"] == [3, "cách"] and found["cai"] == [2, "cải"]
    assert found["lam"] == [1, "làm"] and "2026" not in found and "a" not in found
    assert list(found)[0] == "cach"  # most pages first


def test_pages_go_to_pagefind_through_a_pipe_and_the_bundle_is_written_once(tmp_path):
    """Nothing is written beside the site (no folder of copies for Pagefind to read), each fragment
    carries its page's own URL, and a fragment's name does not depend on the other pages."""
    from cchc.search.bundle import read_fragment
    from cchc.search.index import build_index

    names = {}
    for pages in (["/a/", "/b/"], ["/0/", "/a/", "/b/"]):
        site = tmp_path / str(len(pages)) / "site"
        site.mkdir(parents=True)
        reduced = {url: f"<h1>Trang {url.strip('/')}</h1><p>Đường dây nóng {url.strip('/')}</p>" for url in pages}
        assert build_index(str(site), reduced) == len(pages)
        assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
        fragments = {read_fragment(str(p))["url"]: p.name for p in (site / "pagefind/fragment").iterdir()}
        assert sorted(fragments) == pages
        names[len(pages)] = fragments
    assert names[3]["/a/"] == names[2]["/a/"] and names[3]["/b/"] == names[2]["/b/"]


def test_a_pagefind_that_fails_or_is_missing_is_reported_in_vietnamese_and_writes_nothing(tmp_path, monkeypatch):
    import pytest

    from cchc.search.index import SearchIndexError, build_index

    failing = tmp_path / "pagefind-hong"
    failing.write_text("#!/bin/sh\necho 'lỗi thử: không đọc được cấu hình' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    site = tmp_path / "site"
    site.mkdir()
    for binary, expected in ((failing, "Tạo chỉ mục tìm kiếm thất bại (Pagefind):\nlỗi thử: không đọc được cấu hình"),
                             (tmp_path / "khong-co", "Không chạy được Pagefind để tạo chỉ mục tìm kiếm")):
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
        with pytest.raises(SearchIndexError) as raised:
            build_index(str(site), {"/a/": "<h1>Trang</h1>"})
        assert str(raised.value).startswith(expected)
        assert list(site.iterdir()) == []


def test_an_error_while_feeding_pagefind_is_raised_not_waited_on(tmp_path, monkeypatch):
    """The pages go to Pagefind from a thread: its failure must reach the caller, not leave it
    waiting for a bundle that never comes."""
    import threading

    from cchc.search import index

    made = []
    prepare = index.search_bundle.prepare

    def failing(article):
        made.append(article)
        if len(made) == 2:
            raise RuntimeError("lỗi thử khi chuẩn bị trang")
        return prepare(article)

    monkeypatch.setattr(index.search_bundle, "prepare", failing)
    outcome: list[BaseException] = []

    def run():
        try:
            index.build_index(str(tmp_path), {f"/{i}/": f"<h1>Trang {i}</h1>" for i in range(5)})
        except BaseException as err:
            outcome.append(err)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    assert [(type(err), str(err)) for err in outcome] == [(RuntimeError, "lỗi thử khi chuẩn bị trang")]
    assert list(tmp_path.iterdir()) == []


# The tokeniser as first written, without possessive runs: the one whose tokens the reducer was made for.
_PLAIN_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|([^<]+)", re.S)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(['<p class="a">', "</p>", "<a href='x>y'>", '<img alt="a>b"/>', "<", ">", '"', "'",
                                 "<!-- <p> -->", "<!--", "-->", "chữ ", "<b", " c=d", "\n", "</", "<br>"]), max_size=14))
def test_the_tokeniser_finds_what_the_plain_pattern_finds(parts):
    from cchc.search.html_tokens import TOKEN
    html = "".join(parts)
    assert TOKEN.findall(html) == _PLAIN_TOKEN.findall(html)

