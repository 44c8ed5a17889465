"""The admin as GitHub Pages serves it: no local backend, a GitHub login with a pasted token."""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from conftest import REPO, run_cchc, tiny_site
from test_cms_browser import CHROMIUM, FLAGS

pytestmark = pytest.mark.browser



def test_online_admin_logs_in_to_github_with_a_token(tmp_path):
    """The GitHub Pages build: no local backend; a pasted token is what Decap sends to GitHub's API
    (answered here by the test, so nothing leaves the machine)."""
    root = tiny_site(tmp_path / "site")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    out = tmp_path / "out"
    built = run_cchc("build", "--site-dir", str(out), cwd=root, env={"CCHC_CMS_REPO": "xa-an-phu/cong-cchc"})
    assert built.returncode == 0, built.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    github: list[dict] = []

    def answer_for_github(route):
        github.append({"url": route.request.url, "authorization": route.request.headers.get("authorization")})
        route.fulfill(status=401, content_type="application/json", body='{"message": "Bad credentials"}')
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            others: list[str] = []
            page.on("request", lambda r: others.append(r.url) if "api.github.com" not in r.url else None)
            violations: list[str] = []
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.route("https://api.github.com/**", answer_for_github)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/quan-tri/")
            form = page.locator("#cchc-token")
            form.wait_for()
            form.locator("input").fill("github_pat_thu_nghiem")
            with page.expect_request(lambda r: r.url.startswith("https://api.github.com/"), timeout=30000):
                form.get_by_role("button", name="Đăng nhập bằng mã").click()
            page.wait_for_timeout(500)  # the route handler records the request as Playwright dispatches
            browser.close()
    finally:
        server.shutdown()
    assert violations == [], "the admin's own policy blocks something it needs"
    assert github and github[0]["url"].startswith("https://api.github.com/user")
    assert github[0]["authorization"] == "token github_pat_thu_nghiem"
    assert {urlsplit(url).hostname for url in others if url.startswith("http")} == {"127.0.0.1"}
