"""The citizen portal in real headless Chromium at phone size: the four tasks in three taps, readable
text, the header, search that finds every kind of page, typo tolerance, highlighting, keyboard use."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html
from playwright.sync_api import expect

from cchc.base.text import fold

from test_browser import browser  # noqa: F401  (fixture re-used: one browser for the module)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
NARROW = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}

# One page of every kind the portal makes.
PAGE_KINDS = {
    "home": "",
    "units": "don-vi/",
    "unit": "don-vi/muong-lay/",
    "plan": "don-vi/muong-lay/ke-hoach-2026/",
    "progress": "don-vi/muong-lay/tien-do-2026/",
    "scorecard": "don-vi/muong-lay/tien-do-2026-co-quan/",
    "report": "don-vi/muong-lay/bao-cao-2026-q1/",
    "progress overview": "tien-do/",
    "column": "chuyen-muc/",
    "column area": "chuyen-muc/linh-vuc/thu-tuc-hanh-chinh/",
    "archive year": "chuyen-muc/luu-tru/2026/",
    "archive month": "chuyen-muc/luu-tru/2026-09/",
    "unit column": "don-vi/muong-lay/chuyen-muc/",
    "post": "chuyen-muc/bai-viet/2026-09-08-binh-giang-ban-tin-truyen-thanh/",
    "questions": "hoi-dap/",
    "unit questions": "don-vi/muong-lay/hoi-dap/",
    "question": "hoi-dap/cau-hoi/2026-03-02-khai-sinh-truc-tuyen/",
    "hotline": "don-vi/phu-khuong/duong-day-nong/",
    "hotlines": "duong-day-nong/",
    "procedures": "don-vi/binh-giang/thu-tuc-hanh-chinh/",
    "ask": "don-vi/muong-lay/gui-cau-hoi/",
    "ask index": "hoi-dap/gui-cau-hoi/",
    "guide": "huong-dan/",
}


def new_page(browser, viewport=PHONE, scheme="light"):
    context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=viewport["width"] < 500,
                                  has_touch=viewport["width"] < 500)
    return context, context.new_page()


def search_title(site, path: str) -> str:
    """What the search shows as the page's title: its own title for search, else its first heading."""
    doc = lxml_html.fromstring((site / path / "index.html").read_bytes())
    named = [v.split(":", 1)[1] for v in doc.xpath("//article//@data-pagefind-meta") if v.startswith("title:")]
    if named:
        return named[0]
    heading = doc.xpath("//article//h1")[0]
    for permalink in heading.xpath(".//a[@class='headerlink']"):
        permalink.drop_tree()
    return heading.text_content()


def unaccented_words(title: str) -> str:
    words = (re.sub(r"^[^\w/]+|[^\w/]+$", "", w) for w in fold(title, lower=True).split())
    return " ".join(w for w in words if w)


def open_search(page):
    if not page.locator("dialog.cchc-search-dialog[open]").count():
        page.get_by_role("button", name="Tìm kiếm").click()
    return page.get_by_label("Từ khóa tìm kiếm")


def results_for(page, query: str, expect_in_status: str | None = None) -> list[str]:
    open_search(page).fill(query)
    expect(page.locator(".cchc-search-status")).to_contain_text(expect_in_status or f"“{query}”")
    return page.locator(".cchc-search-result a").evaluate_all("links => links.map(a => a.href)")


def test_every_page_kind_is_found_by_the_unaccented_words_of_its_title(browser, served_sample, sample_site):
    context, page = new_page(browser, DESKTOP)
    page.goto(served_sample)
    missed = {}
    for kind, path in PAGE_KINDS.items():
        query = unaccented_words(search_title(sample_site, path))
        hrefs = [h.split("#")[0] for h in results_for(page, query)]
        if served_sample + path not in hrefs[:3]:
            missed[kind] = (query, [h[len(served_sample):] for h in hrefs[:3]])
    assert not missed, missed
    context.close()


def test_pages_the_issue_could_not_find_are_found(browser, served_sample):
    context, page = new_page(browser, DESKTOP)
    page.goto(served_sample)
    for query, wanted in [("khai sinh", "hoi-dap/cau-hoi/2026-03-02-khai-sinh-truc-tuyen/"),
                          ("ban tin truyen thanh", "chuyen-muc/bai-viet/2026-09-08-binh-giang-ban-tin-truyen-thanh/"),
                          ("so dien thoai", "/duong-day-nong/"), ("goi duong day nong", "/duong-day-nong/"),
                          ("bao cao quy", "/bao-cao-2026-q")]:
        hrefs = results_for(page, query)
        assert any(wanted in h for h in hrefs[:3]), (query, hrefs[:3])
    context.close()


def test_a_one_letter_typo_finds_what_the_right_spelling_finds(browser, served_sample):
    context, page = new_page(browser, DESKTOP)
    page.goto(served_sample)
    right = results_for(page, "cai cach hanh chinh")
    right_count = int(page.locator(".cchc-search-status").inner_text().split(" ", 1)[0])
    typo = results_for(page, "cai cahc hanh chinh", "Có phải bạn muốn tìm “cải cách hành chính”?")
    assert typo == right
    assert f"{right_count} trang có từ này" in page.locator(".cchc-search-status").inner_text()
    context.close()


def test_highlight_marks_whole_words_of_the_query_only(browser, served_sample):
    context, page = new_page(browser, DESKTOP)
    page.goto(served_sample)
    results_for(page, "dây nóng")
    excerpts = page.locator(".cchc-search-excerpt")
    marks = [m.lower() for m in page.locator(".cchc-search-excerpt mark").all_inner_texts()]
    assert marks and set(marks) <= {"dây", "nóng"}, marks  # typed with marks: "đây" is another word
    assert any(re.search(r"\bđây\b", t) for t in excerpts.all_inner_texts())  # ... and it is there, unmarked
    results_for(page, "duong day nong")
    first = page.locator(".cchc-search-result").first.locator("mark").all_inner_texts()
    assert [fold(m, lower=True).strip(",.:;") for m in first][:3] == ["duong", "day", "nong"]
    assert "đây" not in [m.lower() for m in page.locator(".cchc-search-excerpt mark").all_inner_texts()]
    context.close()


def test_task_results_are_titled_with_the_task(browser, served_sample):
    context, page = new_page(browser, DESKTOP)
    page.goto(served_sample)
    hrefs = results_for(page, "file am thanh truyen thong da phuong tien")
    assert hrefs[0].endswith("don-vi/binh-giang/ke-hoach-2026/#nv-NV08")
    first = page.locator(".cchc-search-result").first
    assert first.locator(".cchc-search-title").inner_text().startswith("Nhiệm vụ 8: Tổ chức xây dựng các file âm thanh")
    assert first.locator(".cchc-search-context").inner_text().startswith("Kế hoạch")
    assert "KẾ HOẠCH" not in first.locator(".cchc-search-title").inner_text()
    context.close()


def test_arrow_keys_and_enter_move_through_the_results(browser, served_sample):
    context, page = new_page(browser, DESKTOP)
    page.goto(served_sample)
    field = open_search(page)
    field.fill("duong day nong")
    expect(page.locator(".cchc-search-result").nth(1)).to_be_visible()
    links = page.locator(".cchc-search-result a")
    page.keyboard.press("Enter")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(field).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(0)).to_be_focused()
    target = links.nth(0).get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target.split("#")[0].rstrip("/").split("/")[-1])))
    context.close()


def test_search_dialog_fits_a_320_px_screen_and_opens_from_its_address(browser, served_sample):
    context, page = new_page(browser, NARROW)
    page.goto(served_sample + "#tim-kiem")  # where the 404 page's search link leads
    dialog = page.locator("dialog.cchc-search-dialog")
    expect(dialog).to_be_visible()
    close = dialog.get_by_role("button", name="Đóng")
    box = close.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"], box
    assert page.get_by_label("Từ khóa tìm kiếm").bounding_box()["width"] > 120
    close.click()
    expect(dialog).to_be_hidden()
    expect(page).not_to_have_url(re.compile("#tim-kiem"))  # the dialog's close event comes a moment later
    context.close()


# Text smaller than this on a 360 px screen fails; SVG text is measured as drawn (scaled with its chart).
SMALL_TEXT = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest("[hidden], .cchc-visually-hidden, script, style, dialog:not([open])")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (!range.getClientRects().length) continue;  // not drawn (a closed <details>, display: none)
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    let size = parseFloat(style.fontSize);
    const svg = el.closest("svg");
    if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
      size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    }
    if (size < 11.99) found.push(`${text.slice(0, 40)} (${size.toFixed(1)} px, ${el.tagName.toLowerCase()}.${el.className})`);
  }
  return found;
}"""


def test_no_text_under_12_px_on_any_page_kind_at_360_px(browser, served_sample):
    context, page = new_page(browser, PHONE)
    small = {}
    for kind, path in PAGE_KINDS.items():
        page.goto(served_sample + path)
        for opener in page.locator("details summary").all():  # tables of figures count too
            if opener.is_visible():
                opener.click()
        found = page.evaluate(SMALL_TEXT)
        if found:
            small[kind] = found[:5]
    page.goto(served_sample)
    open_search(page).fill("duong day nong")
    expect(page.locator(".cchc-search-result").first).to_be_visible()
    found = page.evaluate(SMALL_TEXT)
    if found:
        small["search results"] = found[:5]
    assert not small, small
    context.close()


def test_header_name_is_never_cut_and_captions_wrap_as_sentences(browser, served_sample):
    context, page = new_page(browser, PHONE)
    for path in ("", "don-vi/binh-giang/ke-hoach-2026/"):
        page.goto(served_sample + path)
        header = page.locator("header.md-header").bounding_box()
        for part in page.locator(".cchc-brand__name, .cchc-brand__tagline").all():
            assert part.evaluate("e => e.scrollWidth <= e.clientWidth && getComputedStyle(e).textOverflow !== 'ellipsis'")
            box = part.bounding_box()
            assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"] + 0.5
        assert page.locator(".cchc-brand__name").inner_text() == "Kế hoạch tuyên truyền cải cách hành chính"
    caption = page.locator("table.cchc-tasks caption")
    caption.scroll_into_view_if_needed()
    table_width = page.locator("table.cchc-tasks").bounding_box()["width"]
    line = caption.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    assert caption.bounding_box()["width"] >= 0.9 * table_width
    assert caption.bounding_box()["height"] <= 2.2 * line  # "Bảng nhiệm vụ cụ thể (8 nhiệm vụ)": one or two lines
    context.close()


def test_hotline_is_in_the_menu_and_in_the_first_screen_of_the_home_page(browser, served_sample):
    context, page = new_page(browser, DESKTOP)
    page.goto(served_sample)
    assert "Đường dây nóng" in page.locator(".md-tabs__link").all_inner_texts()
    context.close()
    context, page = new_page(browser, PHONE)
    page.goto(served_sample)
    numbers = page.locator(".cchc-home-hotline a.cchc-tel")
    assert numbers.count() == 3
    for number in numbers.all():
        box = number.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], box  # seen without scrolling
        assert number.get_attribute("href").startswith("tel:+84")
        assert number.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"
    context.close()


def tap(page, locator, taps: list[str]):
    locator.scroll_into_view_if_needed()
    taps.append(locator.inner_text().strip())
    locator.click()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_four_citizen_tasks_take_at_most_three_taps_on_a_phone(browser, served_sample, scheme):
    context, page = new_page(browser, PHONE, scheme)
    # What was promised: the plan of one's commune.
    taps: list[str] = []
    page.goto(served_sample)
    tap(page, page.locator(".cchc-home-tasks").get_by_role("link", name=re.compile("^Kế hoạch")), taps)
    tap(page, page.get_by_role("main").get_by_role("link", name="năm 2026").first, taps)
    assert page.locator("tr.cchc-task").count() > 0 and len(taps) <= 3
    # Is it on track: the statuses of its tasks.
    taps = []
    page.goto(served_sample)
    tap(page, page.locator(".cchc-home-tasks").get_by_role("link", name=re.compile("^Tiến độ")), taps)
    tap(page, page.get_by_role("main").get_by_role("link", name="Phường Mường Lay"), taps)
    assert page.locator(".cchc-task-progress .cchc-status").count() > 0 and len(taps) <= 3
    # Whom to call: through the menu, as a visitor who never scrolls the home page would.
    taps = []
    page.goto(served_sample)
    tap(page, page.locator("label.cchc-menu-button"), taps)
    tap(page, page.locator(".md-nav--primary").get_by_role("link", name="Đường dây nóng"), taps)
    number = page.locator(".cchc-hotline-list a.cchc-tel").first
    expect(number).to_be_visible()
    assert number.get_attribute("href").startswith("tel:") and len(taps) + 1 <= 3  # the third tap is the call
    # How to ask: the unit's channels.
    taps = []
    page.goto(served_sample)
    tap(page, page.locator(".cchc-home-tasks").get_by_role("link", name=re.compile("^Gửi câu hỏi")), taps)
    tap(page, page.get_by_role("main").get_by_role("link", name="Phường Mường Lay"), taps)
    assert page.locator(".cchc-ask a[href^='mailto:']").count() == 1 and len(taps) <= 3
    context.close()


def test_typo_and_highlight_rules_of_the_dialog(browser, served_sample):
    context, page = new_page(browser, DESKTOP)
    page.goto(served_sample)
    result = page.evaluate("""async (url) => {
        const f = await import(url);
        const words = {cach: [30, "cách"], cai: [20, "cải"], canh: [2, "cảnh"], hanh: [25, "hành"]};
        return {
          swapped: f.oneEditAway("cahc", "cach"), changed: f.oneEditAway("cach", "canh"),
          dropped: f.oneEditAway("cch", "cach"), added: f.oneEditAway("caach", "cach"), two: f.oneEditAway("chac", "cach"),
          fix: f.correction("cahc", words), known: f.correction("cach", words), number: f.correction("2025", words),
          phrase: [...f.marksFor("Gọi đường dây nóng ở đây, dây".split(" "), f.queryWords("duong day nong"))],
          accented: [...f.marksFor("dây nóng ở đây".split(" "), f.queryWords("dây"))],
          unaccented: [...f.marksFor("dây nóng ở đây dạy".split(" "), f.queryWords("day"))],
          part: [...f.marksFor(["đường,", "đườngx"], f.queryWords("đường"))],
        };
    }""", served_sample + "assets/cchc-fold.js")
    assert result["swapped"] and result["changed"] and result["dropped"] and result["added"] and not result["two"]
    assert result["fix"] == {"word": "cach", "pages": 30, "spelling": "cách"}
    assert result["known"] is None and result["number"] is None
    assert result["phrase"] == [1, 2, 3]  # the run that spells the query, not the lone "đây"/"dây"
    assert result["accented"] == [0] and result["unaccented"] == [0, 3, 4] and result["part"] == [0]
    context.close()
