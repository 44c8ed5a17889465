"""The sample site in real headless Chromium, served on 127.0.0.1 under a sub-path."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def open_page(browser, url: str, viewport: dict):
    context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(url)
    assert response is not None and response.ok, url
    return context, page, requests


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_plan_page_shows_task_rows_and_signature(browser, served_sample, viewport):
    context, page, requests = open_page(browser, served_sample + "don-vi/binh-giang/ke-hoach-2026/", viewport)
    rows = page.locator("tr.cchc-task")
    assert rows.count() == 8
    row = page.locator("tr.cchc-task:has(#nv-NV08)")
    row.scroll_into_view_if_needed()
    assert row.is_visible()
    assert "File âm thanh tuyên truyền" in row.inner_text()
    signature = page.locator(".cchc-signature")
    signature.scroll_into_view_if_needed()
    assert signature.is_visible()
    assert "Vũ Thị Hòa" in signature.inner_text()
    display = rows.first.evaluate("row => getComputedStyle(row).display")
    # On a phone each task is a stacked card; on a desktop it stays a table row.
    assert display == ("block" if viewport is PHONE else "table-row")
    if viewport is PHONE:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], "the plan page scrolls sideways on a phone"
    hosts = {urlsplit(url).hostname for url in requests}
    assert hosts == {"127.0.0.1"}, hosts
    context.close()


def test_units_index_links_through_to_a_plan(browser, served_sample):
    context, page, _ = open_page(browser, served_sample, PHONE)
    page.goto(served_sample + "don-vi/")
    page.get_by_role("main").get_by_role("link", name="Phường Mường Lay").click()
    page.get_by_role("link", name="Năm 2026").click()
    expect(page).to_have_url(served_sample + "don-vi/muong-lay/ke-hoach-2026/")
    assert page.locator("tr.cchc-task").count() == 10
    assert page.locator("h1").first.inner_text().startswith("KẾ HOẠCH")
    context.close()


def test_plan_prints_like_an_administrative_document(browser, served_sample):
    context, page, _ = open_page(browser, served_sample + "don-vi/muong-lay/ke-hoach-2026/", DESKTOP)
    page.emulate_media(media="print")
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".cchc-toc").evaluate("e => getComputedStyle(e).display") == "none"
    style = page.locator(".md-typeset").first.evaluate(
        "e => [getComputedStyle(e).fontFamily, parseFloat(getComputedStyle(e).fontSize)]")
    assert style[0].startswith('"Times New Roman"')
    assert 17.0 <= style[1] <= 18.7  # 13–14 pt
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    context.close()


def test_phone_home_to_column_to_post_to_hotline(browser, served_sample):
    context, page, requests = open_page(browser, served_sample, PHONE)
    page.get_by_role("link", name="Xem tất cả bài viết").click()
    expect(page).to_have_url(served_sample + "chuyen-muc/")
    page.get_by_role("link", name="Chủ tịch UBND xã Bình Giang đối thoại với nhân dân về thủ tục hành chính").click()
    assert "Nội dung mẫu" in page.locator(".cchc-post-header").inner_text()
    hotline = page.locator(".cchc-footer-hotlines a.cchc-tel").first
    hotline.scroll_into_view_if_needed()
    assert hotline.is_visible()
    assert hotline.get_attribute("href") == "tel:+842253000001"
    page.locator(".cchc-footer-contact").get_by_role("link", name="chi tiết").click()
    expect(page).to_have_url(served_sample + "don-vi/binh-giang/duong-day-nong/")
    assert page.locator(".cchc-hotline-card").count() == 2
    assert {urlsplit(url).hostname for url in requests} == {"127.0.0.1"}
    context.close()


def test_questions_filter_by_area_and_status(browser, served_sample):
    context, page, _ = open_page(browser, served_sample + "hoi-dap/", PHONE)
    items = page.locator(".cchc-question-item")
    assert items.count() == 6
    page.get_by_label("Trạng thái").select_option("chờ trả lời")
    assert page.locator(".cchc-question-item:visible").count() == 2
    page.get_by_label("Lĩnh vực").select_option("Khác")
    assert page.locator(".cchc-question-item:visible").count() == 1
    assert "1 câu hỏi" in page.locator(".cchc-filter-count").inner_text()
    page.get_by_label("Trạng thái").select_option("")
    page.get_by_label("Lĩnh vực").select_option("")
    assert page.locator(".cchc-question-item:visible").count() == 6
    context.close()


def test_progress_page_on_a_phone(browser, served_sample):
    context, page, requests = open_page(browser, served_sample + "don-vi/muong-lay/tien-do-2026/", PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    chart = page.locator(".cchc-chart svg").first
    chart.scroll_into_view_if_needed()
    assert chart.is_visible() and chart.get_attribute("role") == "img"
    assert chart.bounding_box()["width"] <= PHONE["width"]
    assert page.locator(".cchc-chart svg title").first.text_content().startswith("Thực hiện so với kế hoạch")
    page.locator("details.cchc-chart-data summary").first.click()
    assert page.locator(".cchc-data-table").first.is_visible()
    badge = page.locator(".cchc-task-progress .cchc-status").first
    badge.scroll_into_view_if_needed()
    assert badge.inner_text() == "Hoàn thành"
    assert page.locator(".cchc-task-progress").first.evaluate("row => getComputedStyle(row).display") == "block"
    assert {urlsplit(url).hostname for url in requests} == {"127.0.0.1"}
    context.close()


def test_csp_has_no_violations_while_search_and_theme_toggle_work(browser, served_sample):
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served_sample + "don-vi/muong-lay/ke-hoach-2026/")
    page.wait_for_load_state("networkidle")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_label("Từ khóa tìm kiếm").fill("thu tuc hanh chinh")
    expect(page.locator(".cchc-search-result").first).to_be_visible()
    assert page.evaluate("window.__csp") == []
    assert not [e for e in errors if "Content Security Policy" in e]
    context.close()


NARROW_PHONE = {"width": 360, "height": 640}


@pytest.mark.parametrize("unit", ["phu-khuong", "binh-giang", "muong-lay"])
def test_plan_summary_comes_first_on_a_360_px_phone(browser, served_sample, unit):
    context = browser.new_context(viewport=NARROW_PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(served_sample + f"don-vi/{unit}/ke-hoach-2026/")
    summary = page.locator(".cchc-plan-summary").bounding_box()
    title = page.locator("h1.cchc-doc-title").bounding_box()
    first_section = page.locator("article.cchc-plan section:not(.cchc-plan-summary)").first.bounding_box()
    toc = page.locator(".cchc-toc").bounding_box()
    # After the official header, before the table of contents and the first section of the document.
    assert title["y"] + title["height"] <= summary["y"] < toc["y"] < first_section["y"]
    assert summary["y"] < NARROW_PHONE["height"], "the summary does not start on the first screen"
    assert summary["height"] <= NARROW_PHONE["height"], "the summary takes more than one screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW_PHONE["width"]
    text = page.locator(".cchc-plan-summary").inner_text()
    assert "Tình trạng" in text and "Xem tiến độ chi tiết" in text
    if unit != "phu-khuong":
        # Each task row carries its status badge.
        rows = page.locator("tr.cchc-task")
        assert rows.count() == page.locator("tr.cchc-task .cchc-task-status .cchc-status").count() > 0
    context.close()


def test_print_leaves_out_the_summary_and_the_status_badges(browser, served_sample):
    context, page, _ = open_page(browser, served_sample + "don-vi/binh-giang/ke-hoach-2026/", DESKTOP)
    page.emulate_media(media="print")
    assert page.locator(".cchc-plan-summary").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".cchc-task-status").first.evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("tr.cchc-task").first.evaluate("e => getComputedStyle(e).display") != "none"
    context.close()


def test_progress_tasks_filter_by_agency_and_status(browser, served_sample):
    context, page, _ = open_page(browser, served_sample + "don-vi/muong-lay/tien-do-2026/", PHONE)
    rows = page.locator("tr.cchc-task-progress")
    assert rows.count() == 10
    page.get_by_label("Cơ quan chủ trì").select_option("trung-tam-dich-vu-tong-hop")
    assert page.locator("tr.cchc-task-progress:visible").count() == 5
    assert "5 nhiệm vụ" in page.locator("#nhiem-vu .cchc-filter-count").inner_text()
    page.get_by_label("Tình trạng").select_option("done")
    assert page.locator("tr.cchc-task-progress:visible").count() == 0
    page.get_by_label("Cơ quan chủ trì").select_option("")
    assert page.locator("tr.cchc-task-progress:visible").count() == 2
    context.close()


def test_status_colours_follow_status_in_badge_bar_and_chart(browser, served_sample):
    context, page, _ = open_page(browser, served_sample + "don-vi/muong-lay/tien-do-2026/", DESKTOP)
    for block in page.locator(".cchc-target-progress").all():
        badge = block.locator("h3 .cchc-status").evaluate("e => getComputedStyle(e).color")
        bar = block.locator(".cchc-bar-fill").evaluate("e => getComputedStyle(e).fill")
        chart = block.locator(".cchc-chart-bar").first.evaluate("e => getComputedStyle(e).fill")
        assert badge == bar == chart, (badge, bar, chart)
    behind = page.locator(".cchc-target-progress:has(.cchc-tone--behind) .cchc-bar-fill").first
    on_track = page.locator(".cchc-target-progress:has(h3 .cchc-tone--on-track) .cchc-bar-fill").first
    assert behind.evaluate("e => getComputedStyle(e).fill") != on_track.evaluate("e => getComputedStyle(e).fill")
    context.close()
