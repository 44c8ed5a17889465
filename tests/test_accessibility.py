"""axe-core (WCAG 2.0/2.1 A and AA) over every page type, light and dark, and keyboard-only use."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from importlib import resources

import pytest
from playwright.sync_api import expect

from conftest import MINIMAL_MKDOCS, MINIMAL_UNIT, REPO, run_cchc, tiny_site
from test_browser import DESKTOP, PHONE, browser  # noqa: F401  (fixture re-used)
from test_search import served_root  # noqa: F401  (the 404 page links from the root of a host)

pytestmark = pytest.mark.browser

AXE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "home": "",
    "unit": "don-vi/muong-lay/",
    "plan": "don-vi/binh-giang/ke-hoach-2026/",
    "progress": "don-vi/muong-lay/tien-do-2026/",
    "scorecard": "don-vi/binh-giang/tien-do-2026-co-quan/",
    "plan-prose-targets": "don-vi/phu-khuong/ke-hoach-2026/",
    "column": "chuyen-muc/",
    "post": "chuyen-muc/bai-viet/2026-06-25-binh-giang-doi-thoai/",
    "questions": "hoi-dap/",
    "question": "hoi-dap/cau-hoi/2026-03-02-khai-sinh-truc-tuyen/",
    "hotline": "don-vi/phu-khuong/duong-day-nong/",
    "report": "don-vi/muong-lay/bao-cao-2026-q1/",
    "ask": "don-vi/muong-lay/gui-cau-hoi/",
    "ask index": "hoi-dap/gui-cau-hoi/",
    "hotlines": "duong-day-nong/",
    "procedures": "don-vi/binh-giang/thu-tuc-hanh-chinh/",
    "guide": "huong-dan/",  # with the staff's readiness list (the sample site is a preview)
}


def violations(page, within: str | None = None) -> list[str]:
    """axe's findings on the page, or only inside the element `within` selects."""
    page.add_script_tag(content=AXE)
    found = page.evaluate("([tags, within]) => axe.run(within ? document.querySelector(within) : document, "
                          "{runOnly: {type: 'tag', values: tags}})"
                          ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | ')))",
                          [TAGS, within])
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(browser, served_sample, name, scheme):
    # The page's CSP forbids injected scripts, so the audit context bypasses it.
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(served_sample + PAGES[name])
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_the_404_page(browser, served_root, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    response = page.goto(served_root + "404.html")
    assert response.ok and page.locator("h1").first.inner_text() == "Không tìm thấy trang"
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_search_open(browser, served_sample, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(served_sample)
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_label("Từ khóa tìm kiếm").fill("duong day nong")
    expect(page.locator(".cchc-search-result").first).to_be_visible()
    assert violations(page) == []
    context.close()


def test_keyboard_only_menu_and_search(browser, served_sample):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(served_sample + "don-vi/")
    page.keyboard.press("/")
    expect(page.get_by_label("Từ khóa tìm kiếm")).to_be_focused()
    page.keyboard.type("duong day nong")
    # the results of the whole query, not of "duong day n" still on screen while typing ends
    expect(page.locator(".cchc-search-status")).to_contain_text("“duong day nong”")
    first = page.locator(".cchc-search-result a").first
    expect(first).to_be_visible()
    for _ in range(6):  # from the field, past the close button and the filters, to the first result
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.cchc-search-result') !== null"):
            break
    assert page.evaluate("document.activeElement.closest('.cchc-search-result') !== null")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"(duong-day-nong|#nv-)"))
    page.goto(served_sample)
    tabs = page.locator(".md-tabs__link")
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-tabs__link')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('md-tabs__link')")
    assert tabs.count() >= 4
    context.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_the_demo_banner_is_visible_on_a_phone_and_accessible(browser, tmp_path):
    site = tiny_site(tmp_path, {
        "mkdocs.yml": MINIMAL_MKDOCS.replace("  name: material\n", "  name: material\n  custom_dir: theme\n"),
        "plans/an-phu/don-vi.yml": MINIMAL_UNIT + "dia_chi: Mẫu\ndu_lieu_mau: true\n"})
    shutil.copytree(REPO / "theme", site / "theme")
    assert run_cchc("build", "--cong-bo", "--cho-phep-mau", cwd=site).returncode == 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context(viewport=PHONE, bypass_csp=True)
        page = context.new_page()
        for path in ("", "don-vi/an-phu/ke-hoach-2026/"):
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
            banner = page.locator(".cchc-demo-banner")
            expect(banner).to_be_visible()
            expect(banner).to_contain_text("Bản thử nghiệm")
            assert banner.bounding_box()["y"] < PHONE["height"]  # on the first screen
            assert violations(page, ".md-banner") == []  # the tiny site has no stylesheet of its own
        context.close()
    finally:
        server.shutdown()
