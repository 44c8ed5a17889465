"""`cchc serve`: a saved change shows in the browser by itself, under a policy that lets live reload run."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from conftest import BUILD_DAY_EPOCH, tiny_site
from test_browser import browser  # noqa: F401  (fixture re-used)

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def preview(tmp_path):
    root = tiny_site(tmp_path / "p")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "cchc", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_DAY_EPOCH}, start_new_session=True)
    url = f"http://127.0.0.1:{port}/cong/"  # serve keeps the path of the tiny site's site_url
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "don-vi/an-phu/ke-hoach-2026/", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        yield root, url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_an_edited_plan_shows_without_a_manual_reload_and_no_csp_violation(browser, preview):  # noqa: F811
    root, url = preview
    context = browser.new_context()
    context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(url + "don-vi/an-phu/ke-hoach-2026/")
    expect(page.locator("h1")).to_contain_text("Tuyên truyền cải cách hành chính năm 2026")
    plan = root / "plans" / "an-phu" / "ke-hoach-2026.yml"
    time.sleep(1)
    plan.write_text(plan.read_text("utf-8").replace("trich_yeu: Tuyên truyền cải cách hành chính năm 2026",
                                                    "trich_yeu: Tuyên truyền cải cách hành chính năm 2026 (đã sửa)"),
                    encoding="utf-8")
    expect(page.locator("h1")).to_contain_text("(đã sửa)", timeout=30_000)
    assert page.evaluate("window.__csp") == []
    assert "Enabled live reload" in messages
    context.close()
