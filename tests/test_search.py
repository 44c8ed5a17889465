"""Vietnamese search in real Chromium against the real Pagefind index of the sample site."""

from __future__ import annotations

import functools
import http.server
import threading
import unicodedata

import pytest
from playwright.sync_api import expect

from test_browser import DESKTOP, PHONE, browser, open_page  # noqa: F401  (fixture re-used)

pytestmark = pytest.mark.browser

# Spellings of one query (without diacritics, with them, decomposed) and a page that must come
# back first or in the top three for every spelling; the spellings must agree on every result.
CASES = [
    (("duong day nong", "đường dây nóng", unicodedata.normalize("NFD", "đường dây nóng")), "/duong-day-nong/"),
    (("cai cach", "cải cách"), ("/ke-hoach-2026/", "/chuyen-muc/bai-viet/")),  # everywhere: a plan or a post
    (("thu tuc hanh chinh", "thủ tục hành chính"), "/thu-tuc-hanh-chinh/"),
    (("dan hoi", "dân hỏi"), "hoi-dap/"),
    (("ke hoach 2026", "kế hoạch 2026"), "/ke-hoach-2026/"),
    (("276/KH-UBND", "276/kh-ubnd"), "don-vi/muong-lay/ke-hoach-2026/"),
]


@pytest.fixture(scope="module")
def served_root(sample_site):
    """The same site served from the root of a host (a commune's own web server)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(sample_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def search(page, query: str) -> list[str]:
    if not page.locator("dialog.cchc-search-dialog[open]").count():
        page.keyboard.press("/")
    field = page.get_by_label("Từ khóa tìm kiếm")
    field.fill(query)
    expect(page.locator(".cchc-search-status")).to_contain_text(f"“{query.strip()}”")
    return page.locator(".cchc-search-result a").evaluate_all("links => links.map(a => a.href)")


def pages_found(page) -> int:
    status = page.locator(".cchc-search-status").inner_text()
    return int(status.split(" ", 1)[0])


@pytest.mark.parametrize("base", ["served_sample", "served_root"])
def test_queries_with_and_without_diacritics(browser, request, base):
    root = request.getfixturevalue(base)
    context, page, requests = open_page(browser, root, DESKTOP)
    for spellings, expected in CASES:
        tops = []
        for query in spellings:
            hrefs = search(page, query)
            assert hrefs, query
            assert all(h.startswith(root) for h in hrefs), (query, hrefs[:3])
            wanted = expected if isinstance(expected, tuple) else (expected,)
            assert any(w in h for h in hrefs[:3] for w in wanted), (query, hrefs[:5])
            tops.append((pages_found(page), hrefs))
        # every spelling is folded to the same index words: the same results in the same order
        assert all(top == tops[0] for top in tops), "\n".join(f"{n} {[h.split('/cchc/')[-1] for h in hs]}" for n, hs in tops)
    context.close()


def test_excerpts_keep_the_original_vietnamese_with_highlight(browser, served_sample):
    context, page, _ = open_page(browser, served_sample, DESKTOP)
    search(page, "duong day nong")
    first = page.locator(".cchc-search-result:has(.cchc-search-unit)").first  # a unit's page (the first is all units')
    assert first.locator(".cchc-search-excerpt mark").first.inner_text() in ("Đường", "đường")
    excerpt = first.locator(".cchc-search-excerpt").inner_text()
    assert "dây nóng" in excerpt.lower() and "day nong" not in excerpt.lower()  # the original words, not the index's
    assert first.locator(".cchc-search-kind").inner_text() == "Đường dây nóng"
    assert first.locator(".cchc-search-unit").inner_text().startswith(("Phường", "Xã"))
    context.close()


def test_a_task_is_found_by_its_own_words_and_leads_to_its_row(browser, served_sample):
    context, page, _ = open_page(browser, served_sample, DESKTOP)
    hrefs = search(page, "file am thanh truyen thong da phuong tien")
    assert hrefs[0].endswith("don-vi/binh-giang/ke-hoach-2026/#nv-NV08"), hrefs[:3]
    assert page.locator(".cchc-search-kind").first.inner_text() == "Nhiệm vụ"
    title = page.locator(".cchc-search-title").first.inner_text()
    assert title.startswith("Nhiệm vụ 8: Tổ chức xây dựng"), title  # the row's heading and task, in the original words
    assert "âm thanh" in page.locator(".cchc-search-excerpt").first.inner_text()
    page.locator(".cchc-search-result a").first.click()
    row = page.locator("tr.cchc-task:has(#nv-NV08)")
    expect(row).to_be_in_viewport()
    context.close()


def test_filter_by_kind_and_unit(browser, served_sample):
    context, page, _ = open_page(browser, served_sample, DESKTOP)
    search(page, "cai cach hanh chinh")
    page.locator("select[name=loai]").focus()
    expect(page.locator("select[name=loai] option[value='Bài viết']")).to_have_count(1)
    page.locator("select[name=loai]").select_option("Bài viết")
    expect(page.locator(".cchc-search-kind").first).to_have_text("Bài viết")
    kinds = set(page.locator(".cchc-search-kind").all_inner_texts())
    assert kinds == {"Bài viết"}
    page.locator("select[name=don_vi]").focus()
    expect(page.locator("select[name=don_vi] option[value='Phường Mường Lay']")).to_have_count(1)
    page.locator("select[name=don_vi]").select_option("Phường Mường Lay")
    expect(page.locator(".cchc-search-unit").first).to_have_text("Phường Mường Lay")
    assert set(page.locator(".cchc-search-unit").all_inner_texts()) == {"Phường Mường Lay"}
    page.locator("select[name=loai]").select_option("Nhiệm vụ")
    expect(page.locator(".cchc-search-kind").first).to_have_text("Nhiệm vụ")
    assert set(page.locator(".cchc-search-kind").all_inner_texts()) == {"Nhiệm vụ"}
    context.close()


def test_nothing_is_downloaded_before_search_is_opened(browser, served_sample):
    context, page, requests = open_page(browser, served_sample + "don-vi/muong-lay/ke-hoach-2026/", PHONE)
    page.wait_for_load_state("networkidle")
    assert not [r for r in requests if "pagefind" in r or "cchc-search" in r or "cchc-fold" in r]
    button = page.get_by_role("button", name="Tìm kiếm")
    assert button.is_visible()
    button.click()
    dialog = page.locator("dialog.cchc-search-dialog")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert box["width"] >= PHONE["width"] - 1 and box["height"] >= PHONE["height"] - 1  # full screen on a phone
    expect(page.get_by_label("Từ khóa tìm kiếm")).to_be_focused()
    page.get_by_label("Từ khóa tìm kiếm").fill("đường dây nóng")
    expect(page.locator(".cchc-search-result").first).to_be_visible()
    assert [r for r in requests if "/pagefind/" in r]
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    context.close()


FOLD_SAMPLES = ["Đường dây nóng", "CẢI CÁCH hành chính", unicodedata.normalize("NFD", "đường dây nóng"),
                "276/KH-UBND ngày 12/3/2026", "“Chương trình” — ăâêôơưđ ẮẰẲẴẶ Ữ ỹ", "Dương Văn Đức"]


def test_query_folding_module_matches_the_index_folding(browser, served_sample):
    """The folding used at query time (theme/assets/cchc-fold.js) is the one used at index time."""
    from cchc.base.text import fold

    context, page, _ = open_page(browser, served_sample, DESKTOP)
    result = page.evaluate("""async ([url, samples]) => {
        const fold = await import(url);
        const original = "Đường dây nóng của Phường Dương Đông , đường dây nóng".split(" ");
        return {
          folded: samples.map(fold.fold),
          terms: fold.searchTerms("  Đường  DÂY nóng "),
          nfd: fold.searchTerms("đư\u0323\u0300ờng".normalize("NFD")),
          aligned: fold.align(["duong", "day", "nong"], original, 9),
          alignedFirst: fold.align(["Duong", "day"], original, 0),
          missing: fold.align(["dan", "hoi"], original, 0),
          empty: fold.align([], original, 0),
          keyed: fold.align(["duong"], original, 9, fold.foldKeys(original)),
        };
    }""", [served_sample + "assets/cchc-fold.js", FOLD_SAMPLES])
    assert result["folded"] == [fold(s) for s in FOLD_SAMPLES]
    assert result["terms"] == "duong day nong" and result["nfd"] == "duong"
    assert result["aligned"] == ["đường", "dây", "nóng"] and result["alignedFirst"] == ["Đường", "dây"]
    assert result["missing"] is None and result["empty"] is None and result["keyed"] == ["đường"]
    context.close()
